package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.DetailPrinter;
import dev.tcpscope.present.FieldsFormat;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.Psml;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.stats.TapArgumentException;
import dev.tcpscope.stats.Taps;
import dev.tcpscope.tcp.AnalysisMode;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpAnalyzer;
import dev.tcpscope.tcp.TcpPreferences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope read FILE}: the packet list, as {@code tshark -r FILE} prints it; colored by
 * Wireshark's coloring rules as {@code tshark --color} prints it on a 24-bit terminal, with
 * {@code --color} or when standard output is a terminal ({@link Coloring#enabled}).
 */
@Command(name = "read",
        description = "List the packets of a pcap or pcapng capture (\"-\" reads standard input), as tshark -r does.")
final class ReadCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    // Not picocli's standard help mixin: its -V (version) would take tshark's -V (details) away.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed), or - for standard input.")
    String file;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file, as in tshark (same as the positional FILE).")
    String readFile;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
    long count = Checks.NO_COUNT;

    @Mixin
    TimeOption time = new TimeOption();

    @Mixin
    ListingOptions listing = new ListingOptions();

    @Mixin
    SaveOptions save = new SaveOptions();

    @Option(names = "-T", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text (the packet list, default), fields (the -e fields of each packet), json (the details tree as tshark -T json),"
                    + " ek (tshark's Elasticsearch bulk lines: the tree flattened, or the -e fields), pdml (the details tree as tshark's PDML XML,"
                    + " or the -e fields) or psml (the packet list as tshark's PSML XML).")
    String outputFormat;

    @Option(names = "-e", paramLabel = "FIELD", description = "A field to print with -T fields, json, ek or pdml (repeat for more), e.g. -e tcp.stream -e tcp.analysis.flags.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION=VALUE",
            description = "-T fields option: header=y|n, separator=/t|/s|C, occurrence=f|l|a (also -T ek and pdml), aggregator=,|/s|C, quote=d|s|n, bom=y|n.")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark 4.0 syntax): print only the frames it matches, with their own numbers, e.g. -Y 'tcp.analysis.retransmission || tcp.flags.reset == 1'.")
    String displayFilter;

    @Option(names = "-R", paramLabel = "FILTER",
            description = "Read filter, with -2 only (as tshark): frames it does not match are dropped in the first pass and the rest renumbered.")
    String readFilter;

    @Option(names = "-d", paramLabel = "LAYER==SELECTOR,PROTOCOL",
            description = "Decode as, as tshark -d: e.g. -d tcp.port==8888,http.")
    private List<String> decodeAs;

    @Option(names = "-o", paramLabel = "NAME:VALUE",
            description = "A TCP preference as in tshark, e.g. -o tcp.relative_sequence_numbers:FALSE, -o tcp.analyze_sequence_numbers:FALSE"
                    + " (the tcp.* preferences of Wireshark 4.0; see docs/PREFERENCES.md).")
    List<String> preferenceArguments = new ArrayList<>();

    /** The preferences -o set, for every stage that reads one. */
    final TcpPreferences preferences = new TcpPreferences();

    @Option(names = "-l", description = "Flush the output after each packet, as tshark -l (a live pipe is flushed whenever it has nothing pending anyway).")
    boolean flushEach;

    @Option(names = "-V", description = "Print the packet details tree, as tshark -V.")
    boolean verbose;

    @Option(names = "-O", paramLabel = "PROTOCOLS", split = ",",
            description = "Like -V, but expand only these protocols (e.g. -O tcp or -O ip,tcp); the others show one line.")
    List<String> onlyProtocols;

    @Option(names = "-x", description = "Print each packet's bytes as a hex and ASCII dump, as tshark -x; with -T json or ek, each item's bytes (its _raw member).")
    boolean hexDump;

    @Option(names = "--no-duplicate-keys",
            description = "With -T json: merge items that share a key into one key whose value is an array.")
    boolean noDuplicateKeys;

    @Option(names = "-2", description = "Two passes, as tshark -2: every frame shows what the whole capture says of its TCP stream (final completeness, initial RTT, window scale).")
    boolean twoPass;

    @Option(names = "--analysis", paramLabel = "MODE", defaultValue = "tshark",
            description = "TCP analysis: tshark (identical to tshark, default) or precise (tshark's known weaknesses mended; "
                    + "implies -2; see docs/ANALYSIS.md).")
    String analysis;

    @Option(names = "--color",
            description = "Color each packet line by its coloring rule, with 24-bit ANSI escapes laid out byte for byte as tshark --color"
                    + " writes them, even when the output is not a terminal (colors are automatic on a terminal; never with NO_COLOR set).")
    boolean color;

    @Option(names = "--colorfilters", paramLabel = "FILE",
            description = "Coloring rules in Wireshark's colorfilters format (@name@filter@[bg r,g,b][fg r,g,b], 16-bit channels),"
                    + " instead of Wireshark 4.0's defaults.")
    String colorFilters;

    @Option(names = "-z", paramLabel = "STATISTIC",
            description = "A statistic printed after the packets (repeat for more; -q prints it alone), as tshark -z: "
                    + "follow,tcp|udp,ascii|hex|raw|yaml,N; conv|endpoints,eth|ip|ipv6|tcp|udp[,FILTER]; "
                    + "io,stat,INTERVAL[,FILTER...]; expert[,error|warn|note|chat][,FILTER]; io,phs; "
                    + "ip_hosts,tree; ptype,tree; plen,tree (docs/STATISTICS.md).")
    List<String> statistics = new ArrayList<>();

    /** The -z statistics, fed from the output pass; empty without -z. */
    private Taps taps;
    /** The expert items of each frame's tree, when a filter or -e names them (else null). */
    private dev.tcpscope.present.ExpertItems expertItems;

    /** The coloring rules when lines are colored, else null. */
    private FilterColorizer colorizer;

    @Override
    public Integer call() {
        var err = parent.err;
        // names of the Ethernet addresses protocols above UDP show (DHCP's client MAC address)
        dev.tcpscope.proto.EtherNames.source(() -> MacNames.system()::name);
        dev.tcpscope.proto.EtherNames.ouiSource(() -> MacNames.system()::ouiName); // PTP's BASE_OUI items
        String path = readFile != null ? readFile : file;
        if (readFile != null && file != null) {
            err.println("tcpscope: give the capture once, either as FILE or with -r");
            return 2;
        }
        if (path == null) {
            err.println("tcpscope: no capture given; usage: tcpscope read FILE (see tcpscope read --help)");
            return 2;
        }
        for (String p : preferenceArguments) {
            try {
                preferences.set(p);
            } catch (TcpPreferences.PreferenceException e) {
                err.println("tcpscope: " + e.getMessage());
                return 2;
            }
        }
        Integer bad = Checks.count(count, err);
        if (bad == null) {
            bad = Checks.notDirectory(path, err);
        }
        if (bad != null) {
            return bad;
        }
        TimeFormat.Kind kind = time.kind(err);
        if (kind == null) {
            return 2;
        }
        try {
            List<String> named = new ArrayList<>(fieldNames); // what Wireshark builds items for without a tree
            if (displayFilter != null) {
                named.add(displayFilter);
            }
            if (readFilter != null) {
                named.add(readFilter);
            }
            boolean tree = verbose || onlyProtocols != null || outputFormat.equals("json") || outputFormat.equals("pdml") || ekLayers();
            if (named.stream().anyMatch(dev.tcpscope.proto.ExpertFields::named)
                    || statistics.stream().anyMatch(dev.tcpscope.proto.ExpertFields::named)) {
                // _ws.expert and _ws.malformed: every frame's tree is built, in order, for them
                expertItems = new dev.tcpscope.present.ExpertItems(ZoneId.systemDefault(), MacNames::system);
            }
            taps = Taps.of(statistics, new Taps.Context(Protocols::readFields, kind, ZoneId.systemDefault(),
                    MacNames::system, named, tree));
            for (String w : taps.warnings()) {
                err.println(w);
            }
        } catch (TapArgumentException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        FieldsFormat fields = null;
        FieldsFormat chosenFields = null; // -T json or ek with -e: the fields each layers object holds
        DetailPrinter details = null;
        if (noDuplicateKeys && !outputFormat.equals("json")) {
            err.println("tcpscope: --no-duplicate-keys can only be used with \"-T json\"");
            return 2;
        }
        if (hexDump && (outputFormat.equals("fields") || outputFormat.equals("psml") || outputFormat.equals("pdml"))) {
            err.println("tcpscope: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON");
            return 1; // tshark's exit code for it
        }
        try { // -e and -E, whichever format they serve: one error line in tshark's words
            switch (outputFormat) {
                case "text" -> {
                    if (!fieldNames.isEmpty()) {
                        err.println("tcpscope: -e needs -T fields");
                        return 2;
                    }
                    if (verbose || onlyProtocols != null || hexDump) {
                        details = new DetailPrinter(DetailPrinter.Format.TEXT, verbose || onlyProtocols != null, hexDump,
                                onlyProtocols == null ? null : Set.copyOf(onlyProtocols), false,
                                ZoneId.systemDefault(), MacNames::system);
                    }
                }
                case "json" -> {
                    details = new DetailPrinter(DetailPrinter.Format.JSON, true, hexDump, null, noDuplicateKeys,
                            ZoneId.systemDefault(), MacNames::system);
                    if (!fieldNames.isEmpty()) {
                        chosenFields = namedFields(false);
                        details.fields(chosenFields);
                    }
                }
                case "ek" -> {
                    if (save.print && !verbose && onlyProtocols == null
                            && (displayFilter != null || readFilter != null || !statistics.isEmpty())) {
                        // tshark then writes the part of the tree its filters and statistics built
                        err.println("tcpscope: -T ek -P with -Y, -R or -z is not supported yet; add -V for the whole tree");
                        return 2;
                    }
                    details = new DetailPrinter(DetailPrinter.Format.EK, ekLayers(), hexDump, null, false,
                            ZoneId.systemDefault(), MacNames::system);
                    if (!fieldNames.isEmpty()) {
                        chosenFields = namedFields(true);
                        details.fields(chosenFields);
                    }
                }
                case "pdml" -> {
                    // the whole tree whatever -V, -O or -P say, as tshark; without a header and end with -w
                    details = new DetailPrinter(DetailPrinter.Format.PDML, true, false, null, false,
                            ZoneId.systemDefault(), MacNames::system).pdmlDocument(save.active() ? null : path);
                    if (!fieldNames.isEmpty()) {
                        chosenFields = namedFields(true);
                        details.fields(chosenFields);
                    }
                }
                case "psml" -> {
                    if (onlyProtocols != null) {
                        err.println("tcpscope: -O requires -V");
                        return 1; // tshark's exit code for it
                    }
                    namedFields(true); // tshark checks them, then ignores them
                    psml = true;
                }
                case "fields" -> {
                    if (fieldNames.isEmpty()) {
                        err.println("tcpscope: -T fields was given without fields; name them with -e (see tcpscope fields)");
                        return 2;
                    }
                    fields = namedFields(true);
                }
                default -> {
                    err.println("tcpscope: invalid -T format \"" + outputFormat + "\"; use text, fields, json, ek, pdml or psml");
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("tcpscope: " + e.getMessage());
            return 2;
        }
        AnalysisMode mode = switch (analysis) {
            case "tshark" -> AnalysisMode.TSHARK;
            case "precise" -> AnalysisMode.PRECISE;
            default -> null;
        };
        if (mode == null) {
            err.println("tcpscope: invalid --analysis \"" + analysis + "\"; use tshark or precise");
            return 2;
        }
        // tshark -w prints packets only when asked to (-P, -V, -O, -x, -T other than text)
        boolean printing = !save.active() || save.print || verbose || onlyProtocols != null || hexDump
                || !outputFormat.equals("text");
        if (!save.open(printing, err)) {
            return 2;
        }
        if (!printing) {
            listing.quiet = true;
        }
        if (outputFormat.equals("ek") || outputFormat.equals("pdml") || psml) {
            listing.quiet = false; // tshark prints them with -q too
        }
        // Final per-stream values need the whole capture first.
        boolean twoPass = this.twoPass || mode == AnalysisMode.PRECISE;
        if (readFilter != null && !twoPass) {
            err.println("tcpscope: -R without -2 is deprecated. For single-pass filtering use -Y.");
            return 1; // tshark's exit code for it
        }
        DisplayFilter read;
        String current = displayFilter;
        try {
            display = displayFilter == null ? null : DisplayFilter.compile(displayFilter, Protocols.readFields());
            current = readFilter;
            read = readFilter == null ? null : DisplayFilter.compile(readFilter, Protocols.readFields());
        } catch (FilterSyntaxException e) {
            err.println("tcpscope: " + e.render(current));
            return 2;
        }
        // Colors only the packet list (as tshark: -T fields is never colored; -T psml and pdml with
        // --color name each packet's colors in its element); a file named with --colorfilters is checked
        // even when its colors will not be used.
        boolean colors = psml || outputFormat.equals("pdml") ? color : Coloring.enabled(color) && fields == null && !listing.quiet;
        if (colors || colorFilters != null) {
            FilterColorizer rules = Coloring.colorizer(colorFilters, err);
            if (rules == null) {
                return 2;
            }
            colorizer = colors ? rules : null;
            if (details != null && color) {
                details.coloring(rules); // tshark --color -V names each frame's rule
            }
        }
        if (twoPass) {
            // Two passes need a file that can be read twice: as tshark, refuse a pipe or FIFO
            // (nothing is spooled, so an endless pipe cannot fill the disk); standard input
            // redirected from a file is read again through /proc/self/fd/0.
            Path p = Path.of(path.equals("-") ? "/proc/self/fd/0" : path);
            if (Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p)) {
                err.println("tcpscope: " + (path.equals("-") ? "The standard input" : "The file \"" + path + "\"")
                        + " is a pipe or FIFO; tcpscope can't read pipe or FIFO files in two-pass mode.");
                return 2;
            }
            if (path.equals("-")) {
                if (!Files.isRegularFile(p)) {
                    err.println("tcpscope: The standard input cannot be read twice; give the capture as a file with -2.");
                    return 2;
                }
                path = p.toString();
            }
        }
        DissectorTable payloads = Protocols.table().desegment(preferences.desegmentTcpStreams);
        if (decodeAs != null) {
            for (String rule : decodeAs) {
                String problem = Protocols.decodeAs(payloads, rule);
                if (problem != null) {
                    err.println("tcpscope: " + problem);
                    return 2;
                }
            }
        }
        // -T fields naming transport fields only, filtered on them only: the protocols above TCP
        // and UDP change no value printed and no verdict (FieldTable.transportOnly, checked by
        // TransportOnlyFieldsTest), so they are not dissected, which saves most of the time on
        // application traffic.
        boolean transportOnly = fields != null && details == null && statistics.isEmpty() && colorizer == null
                && fieldNames.stream().allMatch(FieldTable::transportOnly)
                && (display == null || display.fields().stream().allMatch(FieldTable::transportOnly))
                && (read == null || read.fields().stream().allMatch(FieldTable::transportOnly));
        // tshark builds a tree for a filter, details, fields and coloring (tshark.c's create_proto_tree)
        // and for a statistic that needs one: io,phs (TL_REQUIRES_PROTO_TREE) or an io,stat with a filter or field
        boolean tree = display != null || read != null || details != null || fields != null || colorizer != null
                || statistics.stream().anyMatch(z -> z.startsWith("io,phs") || z.startsWith("io,stat,") && z.split(",", -1).length > 3);
        payloads.tree(tree);
        // tshark.c passes a cinfo when it prints the packet list (text without -V/-O unless -P,
        // -x alone, psml, ek with -P; not -q) or -T fields names a column
        boolean printsList = outputFormat.equals("text") && !listing.quiet && (!(verbose || onlyProtocols != null) || save.print)
                || psml || outputFormat.equals("ek") && save.print;
        payloads.columns(printsList || fields != null && fieldNames.stream().anyMatch(n -> n.startsWith("_ws.col.")));
        Decoder decoder = new Decoder(new TcpAnalyzer(mode).preferences(preferences));
        if (!transportOnly) {
            decoder.payloads(payloads);
        }
        if (twoPass) {
            decoder.analyzer().recordFinals();
            if (!transportOnly) {
                payloads.recordForSecondPass();
            }
            decoder.noteForSecondPass();
            Integer failed = firstPass(path, decoder, err, read);
            if (failed != null) {
                return failed;
            }
            TcpAnalyzer secondAnalyzer = new TcpAnalyzer(mode, decoder.analyzer().finals()).preferences(preferences);
            if (keptStreams != null) {
                java.util.Map<Integer, Integer> streams = keptStreams;
                secondAnalyzer.firstPassStreams(f -> streams.getOrDefault(f, -1));
            }
            Decoder second = new Decoder(secondAnalyzer, decoder);
            if (!transportOnly) {
                DissectorTable again = Protocols.table().desegment(preferences.desegmentTcpStreams).tree(tree)
                        .columns(payloads.columns());
                if (decodeAs != null) {
                    decodeAs.forEach(rule -> Protocols.decodeAs(again, rule));
                }
                again.secondPassOf(payloads);
                second.payloads(again, decoder.pduCompletions());
            }
            decoder = second;
        }
        boolean summary = outputFormat.equals("ek") && save.print;
        PacketList columns = summary || chosenFields != null && chosenFields.needsColumns()
                ? new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system, decoder) : null;
        if (columns != null && chosenFields != null) {
            chosenFields.columns(columns);
        }
        if (summary) {
            details.summary(columns);
        }
        int code = details != null ? outputDetails(path, decoder, details, columns, err) : output(path, decoder, fields, kind, err);
        return save.finish(code, err);
    }

    /**
     * The fields {@code -e} names, with {@code -E}'s options when {@code options}; an
     * IllegalArgumentException carries tshark's message for an unknown field or a bad option.
     */
    private FieldsFormat namedFields(boolean options) {
        FieldsFormat f = FieldsFormat.of(fieldNames, Protocols.readFields());
        if (options) {
            for (String option : fieldOptions) {
                f.option(option);
            }
        }
        return f;
    }

    /** -V, -O, -x, -T json: each frame's details as they are decoded (streaming, nothing kept). */
    private Integer outputDetails(String path, Decoder decoder, DetailPrinter details, PacketList columns, PrintStream err) {
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return openFailure;
        }
        Frame frame = new Frame();
        StringBuilder text = new StringBuilder(8192);
        LineWriter out = new LineWriter(parent.out);
        live = out;
        try (reader) {
            if (!listing.quiet) {
                details.begin(text);
                out.text(text); // before the frames, which may be written straight to out
                text.setLength(0);
            }
            try {
                while (nextShown(reader, frame, decoder, columns)) {
                    if (!listing.quiet) {
                        details.write(out, decoder, interfaceByGlobalId(reader, frame), reader.section());
                    }
                    if (flushEach) {
                        flushLive();
                    }
                }
            } finally {
                if (!listing.quiet) {
                    details.end(text);
                    out.text(text);
                }
                out.flush();
            }
            return reportsMade(TapOutput.draw(taps, out), err);
        } catch (SaveOptions.WriteFailed | LineWriter.OutputFailed e) {
            return stopped(e, out, err);
        } catch (IOException e) {
            flushQuietly(out);
            err.println("tcpscope: " + e.getMessage());
            TapOutput.drawQuietly(taps, out); // tshark still prints what the frames read so far give
            return 1;
        } finally {
            if (pipeline != null) {
                pipeline.close(); // an exception out of the loop: the writer stops too
                pipeline = null;
            }
        }
    }

    /** The second thread of the plain list ({@link ListPipeline}), while {@link #output} runs with one. */
    private ListPipeline pipeline;

    /** Says why each report that could not be made is missing: exit status 1 if one is, else 0. */
    private static int reportsMade(java.util.List<String> failed, PrintStream err) {
        for (String f : failed) {
            err.println(f);
        }
        return failed.isEmpty() ? 0 : 1;
    }

    /** With -T psml: the packet list as tshark's PSML. */
    private boolean psml;

    /**
     * Whether -T ek writes each frame's layers: always, but with -P (the summary) only when -V or
     * -O asks for the tree too, as tshark builds none for -P alone.
     */
    private boolean ekLayers() {
        return outputFormat.equals("ek") && (!save.print || verbose || onlyProtocols != null);
    }

    /** The display filter, or null. */
    private DisplayFilter display;
    /** With -R: the frames (0-based read order) the read filter kept in the first pass. */
    private java.util.BitSet kept;
    /**
     * With -2 -R: the first pass's TCP stream number of each stream, by the (second-pass) number of
     * its first kept frame; one entry per stream that kept a frame.
     */
    private java.util.Map<Integer, Integer> keptStreams;

    /**
     * Runs the analysis over the capture without output, noting the frames a read filter keeps;
     * an exit code when the capture could not be read.
     */
    private Integer firstPass(String path, Decoder decoder, PrintStream err, DisplayFilter read) {
        java.util.BitSet seenStreams = new java.util.BitSet();
        if (read != null) {
            kept = new java.util.BitSet();
            keptStreams = new java.util.HashMap<>();
        }
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return openFailure;
        }
        Frame frame = new Frame();
        // the first pass's trees keep their own per-connection state, as its decoder does
        var firstExperts = expertItems == null ? null : new dev.tcpscope.present.ExpertItems(ZoneId.systemDefault(), MacNames::system);
        try (reader) {
            long n = 0;
            long passedSoFar = 0;
            // tshark's first pass checks -c only after a frame -R keeps
            while (count != 0 && reader.next(frame)) {
                n++;
                if (read != null) {
                    // tshark's first pass numbers a frame after those -R kept before it (a frame
                    // it drops shares its number with the next one), so what it records under
                    // frame numbers (echo pairs, PDU ends) names the frames of the second pass
                    renumber(frame, passedSoFar + 1);
                }
                decoder.decode(frame);
                if (firstExperts != null) {
                    firstExperts.fill(decoder);
                }
                boolean passed = read == null || read.test(decoder);
                if (read != null && passed) {
                    kept.set((int) (n - 1));
                    passedSoFar++;
                    var tcp = decoder.tcp();
                    if (tcp != null && tcp.stream >= 0 && !seenStreams.get(tcp.stream)) {
                        seenStreams.set(tcp.stream);
                        keptStreams.put((int) passedSoFar, tcp.stream);
                    }
                }
                if (passed && count >= 0 && n >= count) {
                    break;
                }
            }
            return null;
        } catch (CaptureFormatException e) {
            return null; // the second pass lists what can be read, then reports the damage
        } catch (IOException e) {
            err.println("tcpscope: " + e.getMessage());
            return 1;
        }
    }

    private CaptureReader open(String path, PrintStream err) {
        CaptureReader reader = openReader(path, err);
        if (reader == null) {
            save.discard(); // as tshark: an input that cannot be opened leaves no -w file
        }
        return reader;
    }

    private CaptureReader openReader(String path, PrintStream err) {
        try {
            return Captures.open(path);
        } catch (NoSuchFileException e) {
            err.println("tcpscope: The file \"" + path + "\" doesn't exist.");
            openFailure = 2;
            return null;
        } catch (AccessDeniedException e) {
            err.println("tcpscope: The file \"" + path + "\" could not be opened: permission denied.");
            openFailure = 2;
            return null;
        } catch (CaptureFormatException e) {
            err.println("tcpscope: " + e.getMessage());
            openFailure = 1;
            return null;
        } catch (IOException e) {
            err.println("tcpscope: The file \"" + path + "\" could not be read: " + e.getMessage());
            openFailure = 1;
            return null;
        }
    }

    /** Exit code of the last failed {@link #open}: 2 for a missing or forbidden file, 1 for a bad one. */
    private int openFailure;

    private Integer output(String path, Decoder decoder, FieldsFormat fields, TimeFormat.Kind kind, PrintStream err) {
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return openFailure;
        }
        PacketList list = fields == null || fields.needsColumns()
                ? new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system, decoder) : null;
        if (fields != null && list != null) {
            fields.columns(list);
        }
        Frame frame = new Frame();
        StringBuilder line = new StringBuilder(256);
        StringBuilder colored = colorizer == null || psml ? null : new StringBuilder(512);
        LineWriter out = new LineWriter(parent.out);
        live = out;
        // the plain uncolored list: its lines go to out and nowhere else, with NUL for the arrows
        boolean marked = fields == null && !psml && colored == null;
        if (marked) {
            list.markArrows();
        }
        String[] texts = psml ? new String[PacketList.COLUMN_TITLES.size()] : null;
        boolean psmlDocument = psml && !save.active(); // tshark -w writes the packets without header and end
        // the plain list of a file read in place: lines built and written on a second thread while
        // the next frames decode (a stream's mayBlock changes as it is read, and a live one wants
        // each line flushed as its packet arrives)
        pipeline = fields == null && !psml && !listing.quiet && !flushEach && kept == null && !reader.streamed()
                && !reader.mayBlock() && ListPipeline.worthIt() ? new ListPipeline(list, out, colored != null) : null;
        try (reader) {
            if (fields != null && !listing.quiet && fields.appendHeader(line)) {
                out.line(line);
            }
            if (psmlDocument) {
                Psml.begin(line);
                out.text(line);
            }
            while (nextShown(reader, frame, decoder, list)) {
                if (pipeline != null) {
                    pipeline.shown(decoder, colored != null ? colorizer.match(decoder) : null);
                    continue;
                }
                line.setLength(0);
                if (psml) {
                    list.columns(decoder, texts);
                    Psml.appendPacket(line, texts, colorizer == null ? null : colorizer.match(decoder));
                    out.text(line);
                    if (flushEach) {
                        flushLive();
                    }
                    continue;
                }
                if (listing.quiet) {
                    if (flushEach) {
                        flushLive(); // -w with -l
                    }
                    continue; // -q: the line would be thrown away, and nothing after it reads it
                }
                if (fields != null) {
                    fields.appendLine(decoder, line);
                } else {
                    list.appendLine(decoder, line);
                }
                if (colored != null) {
                    colored.setLength(0);
                    Ansi.appendTsharkLine(colored, line, colorizer.match(decoder));
                    out.text(colored);
                } else if (marked) {
                    out.lineMarked(line);
                } else {
                    out.line(line);
                }
                if (flushEach) {
                    flushLive();
                }
            }
            if (pipeline != null) {
                pipeline.finish();
            }
            if (colored != null) {
                out.text(Ansi.RESET); // tshark resets the terminal when it closes its output
            }
            psmlEnd(psmlDocument, out);
            int status = reportsMade(TapOutput.draw(taps, out), err);
            out.flush();
            return status;
        } catch (SaveOptions.WriteFailed | LineWriter.OutputFailed e) {
            if (pipeline != null) {
                pipeline.close(); // nothing more is written once the output or -w failed
            }
            return stopped(e, out, err);
        } catch (IOException e) {
            IOException written = pipeline == null ? null : pipeline.finishQuietly(); // the lines read so far go out first
            if (written instanceof LineWriter.OutputFailed) {
                return stopped(written, out, err);
            }
            if (colored != null) {
                try {
                    out.text(Ansi.RESET); // the lines read so far are out; leave the terminal as tshark does
                } catch (IOException ignored) {
                    // the stream is gone; the error that follows says why we stopped
                }
            }
            try {
                psmlEnd(psmlDocument, out); // tshark ends the document it began
            } catch (IOException ignored) {
                // the stream is gone; the error that follows says why we stopped
            }
            flushQuietly(out);
            err.println("tcpscope: " + e.getMessage());
            TapOutput.drawQuietly(taps, out); // tshark still prints what the frames read so far give
            return 1;
        }
    }

    /** Closes the PSML document when one was begun. */
    private static void psmlEnd(boolean begun, LineWriter out) throws IOException {
        if (begun) {
            StringBuilder end = new StringBuilder();
            Psml.end(end);
            out.text(end);
        }
    }

    /** The output of the pass that prints, flushed before a live input waits. */
    private LineWriter live;

    /** Hands what is printed and saved so far on (before waiting for a pipe, or for -l); true. */
    private boolean flushLive() throws IOException {
        if (live != null && pipeline == null) { // with a pipeline the output is its second thread's alone
            live.flush();
        }
        save.flush();
        return true;
    }

    /** Frames read so far in the output pass, and those of them -R kept. */
    private long readCount, keptCount;

    /**
     * Reads and decodes up to the next frame to show: frames -R dropped in the first pass are
     * skipped as if not in the file (the rest renumbered), frames -Y hides are decoded (the
     * analysis needs them) and passed to {@code list}'s time bookkeeping. False at the end of
     * the capture or after -c frames.
     */
    private boolean nextShown(CaptureReader reader, Frame frame, Decoder decoder, PacketList list) throws IOException {
        while ((count < 0 || kept != null || readCount < count) && (!reader.mayBlock() || flushLive()) && reader.next(frame)) {
            readCount++;
            if (kept != null) {
                if (!kept.get((int) (readCount - 1))) {
                    if (readCount == 1) {
                        decoder.reference(frame);
                        if (list != null) {
                            list.reference(frame);
                        }
                    }
                    continue;
                }
                renumber(frame, ++keptCount);
            }
            decoder.decode(frame);
            if (expertItems != null) {
                expertItems.fill(decoder);
            }
            taps.packet(decoder); // taps see every frame, before -Y, as in tshark
            if (display == null || display.test(decoder)) {
                decoder.display();
                save.save(reader, frame);
                return true;
            }
            if (pipeline != null) {
                pipeline.hidden(decoder);
            } else if (list != null) {
                list.skip(decoder);
            }
        }
        return false;
    }

    /** Gives a frame kept by -R its number among the kept frames, as tshark -2 -R does. */
    private static void renumber(Frame f, long number) {
        Frame.Kind kind = f.kind();
        boolean stamped = f.hasTimestamp();
        f.set(number, f.seconds(), f.nanos(), f.timestampDigits(), f.linkType(), f.interfaceId(), f.segment(),
                f.offset(), f.capturedLength(), f.originalLength());
        f.setRecord(kind, stamped);
    }

    /**
     * The interface tshark 4.0 names in a frame's details: it looks the (section-local) interface
     * id up in the file's list of all interfaces, so a frame of a later pcapng section shows the
     * first section's interface with that id. Null for formats without interfaces (pcap).
     */
    private static CaptureInterface interfaceByGlobalId(CaptureReader reader, Frame frame) {
        int id = frame.interfaceId();
        List<CaptureInterface> all = reader.interfaces();
        return reader.section() >= 0 && id >= 0 && id < all.size() ? all.get(id) : null;
    }

    /**
     * The exit code of an output loop stopped by a failed -w write or a failed output (Main names
     * the reason, a full disk, once).
     */
    private int stopped(IOException e, LineWriter out, PrintStream err) {
        if (e instanceof SaveOptions.WriteFailed w) {
            flushQuietly(out);
            return save.failed(w.getCause(), err);
        }
        return 2; // LineWriter.OutputFailed
    }

    private static void flushQuietly(LineWriter out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the stream is gone (a closed pipe); the error that follows says why we stopped
        }
    }
}
