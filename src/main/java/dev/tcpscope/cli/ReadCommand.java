package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.DetailPrinter;
import dev.tcpscope.present.FieldsFormat;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tcpscope read FILE}: the packet list, as {@code tshark -r FILE} prints it. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "List the packets of a pcap or pcapng capture (\"-\" reads standard input), as tshark -r does.")
final class ReadCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Capture file (pcap, pcapng, gzip-compressed), or - for standard input.")
    String file;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file, as in tshark (same as the positional FILE).")
    String readFile;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
    long count = -1;

    @Option(names = "-t", paramLabel = "FORMAT", defaultValue = "r",
            description = "Time format: r (relative, default), a (absolute), ad (absolute with date), d (delta), dd (delta displayed), e (epoch), u, ud (UTC).")
    String timeFormat;

    @Option(names = "-n", description = "Disable network name resolution (tcpscope never resolves host names; accepted for tshark compatibility).")
    boolean noResolve;

    @Option(names = "-q", description = "Quiet: do not print the packet list.")
    boolean quiet;

    @Option(names = "-T", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text (the packet list, default) or fields (the -e fields of each packet).")
    String outputFormat;

    @Option(names = "-e", paramLabel = "FIELD", description = "A field to print with -T fields (repeat for more), e.g. -e tcp.stream -e tcp.analysis.flags.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION=VALUE",
            description = "-T fields option: header=y|n, separator=/t|/s|C, occurrence=f|l|a, aggregator=,|/s|C, quote=d|s|n, bom=y|n.")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-V", description = "Print the packet details tree, as tshark -V.")
    boolean verbose;

    @Option(names = "-O", paramLabel = "PROTOCOLS", split = ",",
            description = "Like -V, but expand only these protocols (e.g. -O tcp or -O ip,tcp); the others show one line.")
    List<String> onlyProtocols;

    @Option(names = "-x", description = "Print each packet's bytes as a hex and ASCII dump, as tshark -x.")
    boolean hexDump;

    @Option(names = "--no-duplicate-keys",
            description = "With -T json: merge items that share a key into one key whose value is an array.")
    boolean noDuplicateKeys;

    @Option(names = "-2", description = "Two passes, as tshark -2: every frame shows what the whole capture says of its TCP stream (final completeness, initial RTT, window scale).")
    boolean twoPass;

    @Override
    public Integer call() {
        var err = parent.err;
        String path = readFile != null ? readFile : file;
        if (readFile != null && file != null) {
            err.println("tcpscope: give the capture once, either as FILE or with -r");
            return 2;
        }
        if (path == null) {
            err.println("tcpscope: no capture given; usage: tcpscope read FILE (see tcpscope read --help)");
            return 2;
        }
        TimeFormat.Kind kind = TimeFormat.Kind.of(timeFormat);
        if (kind == null) {
            err.println("tcpscope: invalid -t format \"" + timeFormat + "\"; use one of r, a, ad, d, dd, e, u, ud");
            return 2;
        }
        FieldsFormat fields = null;
        DetailPrinter details = null;
        if (noDuplicateKeys && !outputFormat.equals("json")) {
            err.println("tcpscope: --no-duplicate-keys can only be used with \"-T json\"");
            return 2;
        }
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
                if (hexDump) {
                    err.println("tcpscope: -x with -T json is not supported yet");
                    return 2;
                }
                details = new DetailPrinter(DetailPrinter.Format.JSON, true, false, null, noDuplicateKeys,
                        ZoneId.systemDefault(), MacNames::system);
            }
            case "fields" -> {
                if (fieldNames.isEmpty()) {
                    err.println("tcpscope: -T fields was given without fields; name them with -e (see tcpscope fields)");
                    return 2;
                }
                try {
                    fields = FieldsFormat.of(fieldNames, FieldTable.standard());
                    for (String option : fieldOptions) {
                        fields.option(option);
                    }
                } catch (IllegalArgumentException e) {
                    err.println("tcpscope: " + e.getMessage());
                    return 2;
                }
            }
            default -> {
                err.println("tcpscope: invalid -T format \"" + outputFormat + "\"; use text, fields or json");
                return 2;
            }
        }
        if (twoPass && path.equals("-")) {
            try {
                path = spoolStandardInput(System.in).toString();
            } catch (IOException e) {
                err.println("tcpscope: could not keep standard input for a second pass: " + e.getMessage());
                return 1;
            }
        }
        Decoder decoder = new Decoder();
        if (twoPass) {
            Integer failed = firstPass(path, decoder, err);
            if (failed != null) {
                return failed;
            }
            decoder = new Decoder(new TcpAnalyzer(decoder.analyzer().finals()));
        }
        return details != null ? outputDetails(path, decoder, details, err) : output(path, decoder, fields, err);
    }

    /** -V, -O, -x, -T json: each frame's details as they are decoded (streaming, nothing kept). */
    private Integer outputDetails(String path, Decoder decoder, DetailPrinter details, PrintStream err) {
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return openFailure;
        }
        Frame frame = new Frame();
        StringBuilder text = new StringBuilder(8192);
        LineWriter out = new LineWriter(parent.out);
        try (reader) {
            if (!quiet) {
                details.begin(text);
            }
            long n = 0;
            try {
                while ((count < 0 || n < count) && reader.next(frame)) {
                    n++;
                    decoder.decode(frame);
                    if (!quiet) {
                        details.appendFrame(text, decoder, interfaceByGlobalId(reader, frame), reader.section());
                        out.text(text);
                        text.setLength(0);
                    }
                }
            } finally {
                if (!quiet) {
                    details.end(text);
                    out.text(text);
                }
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            flushQuietly(out);
            err.println("tcpscope: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the analysis over the capture without output; an exit code when it could not be read. */
    private Integer firstPass(String path, Decoder decoder, PrintStream err) {
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return 2;
        }
        Frame frame = new Frame();
        try (reader) {
            long n = 0;
            while ((count < 0 || n < count) && reader.next(frame)) {
                n++;
                decoder.decode(frame);
            }
            return null;
        } catch (CaptureFormatException e) {
            return null; // the second pass lists what can be read, then reports the damage
        } catch (IOException e) {
            err.println("tcpscope: " + e.getMessage());
            return 1;
        }
    }

    private static Path spoolStandardInput(InputStream in) throws IOException {
        Path tmp = Files.createTempFile("tcpscope-stdin-", ".cap");
        tmp.toFile().deleteOnExit();
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        return tmp;
    }

    private CaptureReader open(String path, PrintStream err) {
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

    private Integer output(String path, Decoder decoder, FieldsFormat fields, PrintStream err) {
        CaptureReader reader = open(path, err);
        if (reader == null) {
            return openFailure;
        }
        TimeFormat.Kind kind = TimeFormat.Kind.of(timeFormat);
        PacketList list = fields == null
                ? new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system, decoder) : null;
        Frame frame = new Frame();
        StringBuilder line = new StringBuilder(256);
        LineWriter out = new LineWriter(parent.out);
        try (reader) {
            if (fields != null && !quiet && fields.appendHeader(line)) {
                out.line(line);
            }
            long n = 0;
            while ((count < 0 || n < count) && reader.next(frame)) {
                n++;
                decoder.decode(frame);
                line.setLength(0);
                if (fields != null) {
                    fields.appendLine(decoder, line);
                } else {
                    list.appendLine(decoder, line);
                }
                if (!quiet) {
                    out.line(line);
                }
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            flushQuietly(out);
            err.println("tcpscope: " + e.getMessage());
            return 1;
        }
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

    private static void flushQuietly(LineWriter out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the stream is gone (a closed pipe); the error that follows says why we stopped
        }
    }
}
