package dev.tcpscope.web.graph;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.Captures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope graph FILE --stream N --type stevens|tcptrace|throughput|rtt|window}: one of
 * Wireshark's TCP stream graphs as an SVG file ({@code -o}) or on standard output. Every problem
 * is one line on standard error that starts with {@code tcpscope: }; the exit code is 0 on
 * success, 1 for a capture that cannot be read, 2 for bad arguments, a missing file, an
 * unknown stream or an output that cannot be written.
 */
@Command(name = "graph",
        description = "Draw one of Wireshark's TCP stream graphs of a capture's TCP stream as SVG: stevens (sequence"
                + " numbers over time), tcptrace (segments, ACK and receive window, SACKs), throughput (and goodput),"
                + " rtt (round-trip time by sequence number) or window (receive window and bytes in flight).")
public final class GraphCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed).")
    String file;

    @Option(names = "--stream", required = true, paramLabel = "N", description = "The TCP stream (tcp.stream) to graph.")
    int stream;

    @Option(names = "--type", required = true, paramLabel = "stevens|tcptrace|throughput|rtt|window",
            description = "Which graph.")
    String type;

    @Option(names = "--reverse", description = "Show the other direction (by default the one that sent more payload,"
            + " the client's if both sent as much).")
    boolean reverse;

    @Option(names = "-o", paramLabel = "FILE", description = "Write the SVG to FILE (replaced only once it is complete)"
            + " instead of standard output.")
    String output;

    @Option(names = "--width", paramLabel = "PIXELS", description = "Width of the drawing (default: ${DEFAULT-VALUE}).")
    int width = 900;

    @Option(names = "--height", paramLabel = "PIXELS", description = "Height of the drawing (default: ${DEFAULT-VALUE}).")
    int height = 500;

    @Option(names = "--ma", paramLabel = "SECONDS", description = "Moving-average window of the throughput graph"
            + " (default: ${DEFAULT-VALUE}, as Wireshark's).")
    double maWindow = StreamGraphs.DEFAULT_MA_WINDOW;

    private static final int MAX_PIXELS = 20_000;

    private final PrintStream out;
    private final PrintStream err;

    /** A command writing to the process's standard output and error. */
    public GraphCommand() {
        this(System.out, System.err);
    }

    /** A command writing the SVG (without {@code -o}) to {@code out} and its one-line problems to {@code err}. */
    public GraphCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code tcpscope graph} with {@code args}, the arguments that follow {@code graph}, and
     * returns the exit code without exiting.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new GraphCommand(out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("tcpscope: " + oneLine(ex.getMessage()) + " (see tcpscope graph --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err.println("tcpscope: internal error: " + oneLine(String.valueOf(ex)) + " (please report it with the capture)");
            return 3;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        GraphType graphType;
        try {
            graphType = GraphType.parse(type);
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        }
        if (stream < 0) {
            return fail(2, "invalid --stream " + stream + "; streams are numbered from 0");
        }
        if (width <= 0 || height <= 0 || width > MAX_PIXELS || height > MAX_PIXELS) {
            return fail(2, "invalid size " + width + "x" + height + "; give --width and --height from 1 to " + MAX_PIXELS);
        }
        if (!(maWindow > 0) || Double.isInfinite(maWindow)) {
            return fail(2, "invalid --ma " + maWindow + "; give the moving-average window in seconds, above 0");
        }
        if (file.equals("-")) {
            return fail(2, "graph reads a capture file, not standard input; give the file's path");
        }
        Path capture = Captures.existing(file);
        if (Files.isDirectory(capture)) {
            return fail(2, "\"" + file + "\" is a directory; give the path of a capture file");
        }
        SvgFile target = null;
        try {
            if (output != null && !output.equals("-")) {
                target = SvgFile.open(output);
            }
            String svg;
            try {
                svg = SvgGraph.render(StreamGraphs.of(capture, stream, graphType, reverse, maWindow), width, height);
            } catch (NoSuchFileException e) {
                return fail(2, "The file \"" + file + "\" doesn't exist; give the path of a pcap or pcapng capture");
            } catch (AccessDeniedException e) {
                return fail(2, "The file \"" + file + "\" could not be opened: permission denied; check its permissions");
            } catch (CaptureFormatException e) {
                return fail(1, withoutPeriod(e.getMessage()) + "; no graph was written");
            } catch (IOException e) {
                return fail(1, "The file \"" + file + "\" could not be read: " + e.getMessage() + "; no graph was written");
            } catch (IllegalArgumentException e) {
                return fail(2, e.getMessage() + "; choose one with --stream"); // the arguments were checked: an unknown stream
            }
            if (target != null) {
                target.commit(svg);
                target = null;
                return 0;
            }
            byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
            return out.checkError() ? fail(2, "the SVG could not be written to standard output") : 0;
        } catch (SvgFile.WriteFailure e) {
            return fail(2, e.getMessage());
        } finally {
            if (target != null) {
                target.abandon();
            }
        }
    }

    private int fail(int code, String message) {
        err.println("tcpscope: " + oneLine(message));
        return code;
    }

    private static String withoutPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
