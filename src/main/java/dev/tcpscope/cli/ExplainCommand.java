package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.tcp.Decoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope explain FILE}: every packet of a capture with its packet-list line and the
 * explanation of what it does in its TCP conversation, then a summary per conversation and, with
 * {@code --stream N} or {@code --ladder}, a ladder diagram. {@code -Y} and {@code --stream} choose
 * the packets shown; every packet is still decoded and explained, so that the conversation state
 * (and each summary) is that of the whole capture.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain every packet of a capture: its role in the TCP conversation, each side's state after it,"
                + " flags, Seq/Ack arithmetic, options, window, payload and coloring rule; then a summary per stream,"
                + " and a ladder diagram per stream with --ladder (or of the one stream chosen with --stream).")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed), or - for standard input.")
    String file;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark 4.0 syntax): explain only the packets it matches, e.g. -Y tcp.analysis.flags;"
                    + " conversation state and summaries still come from every packet.")
    String displayFilter;

    @Option(names = "--colorfilters", paramLabel = "FILE",
            description = "Coloring rules in Wireshark's colorfilters format, instead of Wireshark 4.0's defaults.")
    String colorFilters;

    @Option(names = "--stream", paramLabel = "N", description = "Only the TCP conversation tcp.stream == N, with its ladder diagram.")
    Integer stream;

    @Option(names = "--ladder", description = "Draw the ladder diagram of each conversation shown.")
    boolean ladder;

    @Option(names = "--brief", description = "Only the packet lines, summaries and ladders; no explanation under each packet.")
    boolean brief;

    @Option(names = "-c", paramLabel = "N", description = "Read only the first N packets.")
    long count = Checks.NO_COUNT;

    @Mixin
    TimeOption time = new TimeOption();

    @Option(names = "--lang", paramLabel = "en|zh", description = "Language of the explanations (default: from the locale).")
    String lang;

    @Option(names = "--color", description = "Color the packet lines even when not on a terminal (never with NO_COLOR set).")
    boolean color;

    @Mixin
    TerminalOptions terminalOptions = new TerminalOptions();

    @Option(names = "--step", description = "One packet at a time, on a terminal: a key shows the next, b the one before, q quits.")
    boolean step;

    @Option(names = "--no-pager", description = "Never pipe the output through a pager (by default, on a terminal: $PAGER or less, with LESS=FRX).")
    boolean noPager;


    @Override
    public Integer call() {
        PrintStream err = parent.err;
        Lang language = lang == null ? Lang.of(Locale.getDefault()) : Lang.of(lang);
        if (language == null) {
            err.println("tcpscope: invalid --lang \"" + lang + "\"; use en or zh");
            return 2;
        }
        Integer bad = Checks.count(count, err);
        if (bad == null && file != null) {
            bad = Checks.notDirectory(file, err);
        }
        if (bad != null) {
            return bad;
        }
        TimeFormat.Kind kind = time.kind(err);
        if (kind == null) {
            return 2;
        }
        if (stream != null && stream < 0) {
            err.println("tcpscope: invalid --stream " + stream + "; streams are numbered from 0");
            return 2;
        }
        FilterOption compiled = FilterOption.of(displayFilter, err);
        if (compiled.failed()) {
            return 2;
        }
        DisplayFilter filter = compiled.filter();
        FilterColorizer colorizer = Coloring.colorizer(colorFilters, err);
        if (colorizer == null) {
            return 2;
        }
        boolean terminal = Terminal.isTerminal();
        if (terminalOptions.width != null && terminalOptions.width < 0) {
            err.println("tcpscope: invalid --width " + terminalOptions.width + "; give the columns to wrap to, or 0 for none");
            return 2;
        }
        CaptureOpen opened = CaptureOpen.of(file, err);
        if (opened.reader() == null) {
            return opened.failure();
        }
        CaptureReader reader = opened.reader();
        Terminal.Keys keys = null;
        if (step) {
            keys = Terminal.Keys.open();
            if (keys == null) {
                closeQuietly(reader);
                err.println("tcpscope: --step needs a terminal to read key presses from (/dev/tty); run it in one, or drop --step");
                return 2;
            }
        }
        Process pager = step ? null : Optional.ofNullable(Terminal.pagerCommand(System.getenv(), terminal, noPager))
                .map(Terminal::startPager).orElse(null);
        OutputStream sink = pager != null ? pager.getOutputStream() : parent.out;
        Decoder decoder = new Decoder().payloads(dev.tcpscope.proto.Protocols.table()); // so that -Y can name HTTP fields
        PacketList list = new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system, decoder);
        Explainer explainer = new Explainer(language, colorizer);
        LineWriter out = new LineWriter(sink);
        ExplainOutput output = new ExplainOutput(list, decoder, explainer, out, Coloring.enabled(color), !brief)
                .width(terminalOptions.columns(terminal)).header(terminalOptions.header);
        List<List<String>> blocks = new ArrayList<>();
        if (step) {
            output.collect(blocks);
        }
        // each conversation with a packet shown, in the order first shown: an int each, not a boxed set
        int[] shown = new int[64];
        int shownCount = 0;
        java.util.BitSet isShown = new java.util.BitSet();
        Frame frame = new Frame();
        int code = 0;
        try (reader) {
            long n = 0;
            while ((count < 0 || n < count) && reader.next(frame)) {
                n++;
                Explanation e = output.frame(frame, filter, x -> stream == null || x.stream() == stream);
                if (e != null && e.stream() >= 0 && !isShown.get(e.stream())) {
                    isShown.set(e.stream());
                    if (shownCount == shown.length) {
                        shown = java.util.Arrays.copyOf(shown, shownCount * 2);
                    }
                    shown[shownCount++] = e.stream();
                }
            }
        } catch (LineWriter.OutputFailed e) {
            code = 2; // Main names the reason (a full disk) once
        } catch (IOException e) {
            if (pager == null || pager.isAlive()) {
                err.println("tcpscope: " + e.getMessage());
                code = 1;
            }
        }
        try {
            if (keys != null) {
                try (Terminal.Keys k = keys) {
                    if (!Stepper.walk(blocks, k, parent.out, terminal)) {
                        return code; // q: quit without the summary
                    }
                }
            }
            output.end(java.util.Arrays.copyOf(shown, shownCount), ladder || stream != null);
        } catch (LineWriter.OutputFailed e) {
            code = 2; // Main names the reason (a full disk) once
        } catch (IOException e) {
            if (pager == null) { // a pager quit early closes our pipe: no error
                err.println("tcpscope: " + e.getMessage());
                code = 1;
            }
        } finally {
            if (pager != null) {
                try {
                    sink.close();
                    pager.waitFor();
                } catch (IOException ignored) {
                    // the pager quit first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (stream != null && !explainer.hasStream(stream)) {
            err.println("tcpscope: the capture has no TCP stream " + stream + (explainer.streamCount() == 0 ? " (it holds no TCP connection)"
                    : " (streams: 0.." + (explainer.streamCount() - 1) + ")"));
            return Math.max(code, 2);
        }
        return code;
    }

    private static void closeQuietly(CaptureReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was read
        }
    }
}
