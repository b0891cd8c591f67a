package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.stats.FollowStreams;
import dev.tcpscope.stats.FollowText;
import dev.tcpscope.tcp.Decoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope follow FILE}: Follow TCP (or UDP) Stream for every stream of a capture in one
 * pass (docs/FOLLOW.md). Without {@code --out} it prints, stream after stream, exactly what
 * {@code tshark -q -z follow,PROTO,FORMAT,N} prints for each; with {@code --out DIR} it writes each
 * direction of each stream to its own file as it reads, and an index. Memory stays bounded
 * ({@link FollowStreams}).
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Follow TCP/UDP streams: every stream of the capture in one pass, printed as tshark -z follow"
                + " prints each, or written to files, one per direction (docs/FOLLOW.md).")
final class FollowCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed), or - for standard input.")
    String file;

    @Option(names = "--stream", paramLabel = "N",
            description = "Follow only stream N (tcp.stream or udp.stream; repeat for more). Default: every stream.")
    List<Long> streams = new ArrayList<>();

    @Option(names = "--proto", paramLabel = "tcp|udp", description = "Which streams (default: tcp).")
    String proto = "tcp";

    @Option(names = "--format", paramLabel = "ascii|hex|raw|yaml",
            description = "Printed: tshark's follow modes (default ascii). With --out: raw (default) writes the bytes"
                    + " themselves, hex tshark's hex dump, ascii tshark's ascii text, per direction.")
    String format;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark 4.0 syntax): follow only the streams with at least one frame it"
                    + " matches; a chosen stream is followed whole, from its first frame.")
    String displayFilter;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each direction of each stream to its own file in DIR (made if missing) and an index"
                    + " (index.tsv) instead of printing.")
    Path out;

    @Option(names = "--force", description = "With --out: replace an earlier run's output in DIR (its index.tsv and"
            + " stream files are deleted first).")
    boolean force;

    @Override
    public Integer call() {
        PrintStream err = parent.err;
        boolean tcp;
        switch (proto.toLowerCase(Locale.ROOT)) {
            case "tcp" -> tcp = true;
            case "udp" -> tcp = false;
            default -> {
                err.println("tcpscope: invalid --proto \"" + proto + "\"; use tcp or udp");
                return 2;
            }
        }
        FollowText.Mode mode = mode(err);
        if (mode == null) {
            return 2;
        }
        TreeSet<Integer> only = null;
        for (long n : streams) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                err.println("tcpscope: invalid --stream " + n + "; give a " + proto + ".stream number, 0 or more"
                        + " (tcpscope read FILE -T fields -e " + proto + ".stream lists them)");
                return 2;
            }
            if (only == null) {
                only = new TreeSet<>();
            }
            only.add((int) n);
        }
        if (force && out == null) {
            err.println("tcpscope: --force only applies with --out DIR");
            return 2;
        }
        FilterOption compiled = FilterOption.of(displayFilter, err);
        if (compiled.failed()) {
            return 2;
        }
        Integer notDir = Checks.notDirectory(file, err);
        if (notDir != null) {
            return notDir;
        }
        CaptureOpen opened = CaptureOpen.of(file, err);
        if (opened.reader() == null) {
            return opened.failure();
        }
        if (out != null) {
            Integer bad = prepare(err); // after the capture opened: a mistyped FILE leaves no DIR behind
            if (bad != null) {
                try {
                    opened.reader().close();
                } catch (IOException ignored) {
                    // the run ends here anyway
                }
                return bad;
            }
        }
        // Payload dissectors only when a filter may name their fields: Follow itself needs TCP alone.
        Decoder decoder = compiled.filter() == null ? new Decoder() : new Decoder().payloads(Protocols.table());
        int code = 0;
        try (CaptureReader reader = opened.reader();
             FollowStreams follow = new FollowStreams(tcp, mode, only, compiled.filter(), out, force)) {
            Frame frame = new Frame();
            try {
                while (reader.next(frame)) {
                    decoder.decode(frame);
                    follow.packet(decoder);
                }
            } catch (IOException e) {
                // as read: what was read is followed, then one line says why the capture ended
                err.println("tcpscope: " + e.getMessage());
                code = 1;
            }
            for (int n : follow.missing()) {
                err.println("tcpscope: the capture has no " + proto + ".stream " + n);
            }
            if (out == null) {
                TapOutput.print(new LineWriter(parent.out), follow::print);
            } else {
                int listed = follow.finish();
                parent.out.println(listed + " " + proto.toLowerCase(Locale.ROOT) + " stream" + (listed == 1 ? "" : "s")
                        + " written to " + out + " (index: " + out.resolve("index.tsv") + ")");
            }
        } catch (LineWriter.OutputFailed e) {
            return 2; // Main names a full disk; a closed pipe needs no word
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println("tcpscope: " + describe(cause));
            return 2;
        }
        return code;
    }

    private FollowText.Mode mode(PrintStream err) {
        String f = format != null ? format : out != null ? "raw" : "ascii";
        FollowText.Mode mode = switch (f.toLowerCase(Locale.ROOT)) {
            case "ascii" -> FollowText.Mode.ASCII;
            case "hex" -> FollowText.Mode.HEX;
            case "raw" -> FollowText.Mode.RAW;
            case "yaml" -> FollowText.Mode.YAML;
            default -> null;
        };
        if (mode == null) {
            err.println("tcpscope: invalid --format \"" + f + "\"; use ascii, hex, raw or yaml");
        } else if (mode == FollowText.Mode.YAML && out != null) {
            err.println("tcpscope: --format yaml describes whole conversations and cannot be split per direction;"
                    + " print it without --out, or use raw, hex or ascii with --out");
            return null;
        }
        return mode;
    }

    /** Makes the output directory; refuses one that holds an earlier run's files unless --force. */
    private Integer prepare(PrintStream err) {
        try {
            Files.createDirectories(out);
            List<Path> earlier = FollowStreams.earlierOutput(out);
            if (!earlier.isEmpty() && !force) {
                err.println("tcpscope: " + out + " already holds follow output (" + earlier.getFirst().getFileName()
                        + (earlier.size() > 1 ? " and " + (earlier.size() - 1) + " more" : "")
                        + "); use --force to replace it or choose another --out directory");
                return 2;
            }
            for (Path p : earlier) {
                Files.delete(p); // --force: an earlier run's streams would otherwise linger beside this run's index
            }
            if (!Files.isWritable(out)) {
                err.println("tcpscope: the directory " + out + " is not writable; choose another --out directory");
                return 2;
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            err.println("tcpscope: cannot use " + out + " as --out directory: " + e.getFile() + " exists and is not a directory");
            return 2;
        } catch (IOException e) {
            err.println("tcpscope: cannot use " + out + " as --out directory: " + describe(e));
            return 2;
        }
        return null;
    }

    /** An I/O error in one line: what failed and on which file. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " already exists; use --force to overwrite it";
        }
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName().replace("Exception", "");
            return (f.getFile() != null ? f.getFile() + ": " : "") + why;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
