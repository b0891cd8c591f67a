package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.ZoneId;
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
        CaptureReader reader;
        try {
            reader = Captures.open(path);
        } catch (NoSuchFileException e) {
            err.println("tcpscope: The file \"" + path + "\" doesn't exist.");
            return 2;
        } catch (AccessDeniedException e) {
            err.println("tcpscope: The file \"" + path + "\" could not be opened: permission denied.");
            return 2;
        } catch (CaptureFormatException e) {
            err.println("tcpscope: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("tcpscope: The file \"" + path + "\" could not be read: " + e.getMessage());
            return 1;
        }
        PacketList list = new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system);
        Frame frame = new Frame();
        StringBuilder line = new StringBuilder(256);
        LineWriter out = new LineWriter(parent.out);
        try (reader) {
            long n = 0;
            while ((count < 0 || n < count) && reader.next(frame)) {
                n++;
                line.setLength(0);
                list.appendLine(frame, line);
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

    private static void flushQuietly(LineWriter out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the stream is gone (a closed pipe); the error that follows says why we stopped
        }
    }
}
