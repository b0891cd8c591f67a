package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpscope follow} against tshark: goldens in {@code golden/follow/} by
 * {@code scripts/make-follow-goldens.sh}, which ran {@code tshark -q -z follow,PROTO,FORMAT,N} once
 * per stream and concatenated the outputs. Printed, every stream equals tshark's block byte for
 * byte; {@code --stream} and {@code -Y} pick the blocks tshark's own stream lists give; with
 * {@code --out}, each direction's file holds exactly the bytes tshark's raw mode shows for it.
 */
class FollowCommandTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/follow");

    record Golden(String capture, String proto, String format) {
        @Override
        public String toString() { return capture + " " + proto + " " + format; }

        Path path(String ext) { return GOLDEN.resolve(capture + "." + proto + "." + format + ext); }

        String text() {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path(".txt.gz")))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Each stream's block of tshark's output, by stream number, in order. */
        Map<Integer, String> blocks() throws IOException {
            String all = text();
            Map<Integer, String> out = new LinkedHashMap<>();
            int at = 0;
            for (String row : Files.readAllLines(path(".lengths"))) {
                String[] f = row.split("\t");
                int n = Integer.parseInt(f[1]);
                out.put(Integer.parseInt(f[0]), all.substring(at, at + n));
                at += n;
            }
            assertThat(at).as("lengths of %s", this).isEqualTo(all.length());
            return out;
        }
    }

    static Stream<Golden> goldens() throws IOException {
        List<Golden> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (String n : files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt.gz")).sorted().toList()) {
                String base = n.substring(0, n.length() - ".txt.gz".length());
                int format = base.lastIndexOf('.');
                int proto = base.lastIndexOf('.', format - 1);
                out.add(new Golden(base.substring(0, proto), base.substring(proto + 1, format), base.substring(format + 1)));
            }
        }
        assertThat(out).as("goldens in %s", GOLDEN).hasSizeGreaterThanOrEqualTo(36);
        return out.stream();
    }

    private static CliRun follow(String capture, String... options) {
        List<String> args = new ArrayList<>(List.of("follow", "captures/" + capture));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void everyStreamIsPrintedAsTsharkPrintsIt(Golden g) {
        CliRun r = follow(g.capture(), "--proto", g.proto(), "--format", g.format());
        assertThat(r.err()).isEmpty();
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEqualTo(g.text());
    }

    @Test
    void namedStreamsArePrintedInStreamOrder() throws IOException {
        Golden g = new Golden("zeek-http-bro.org.pcap", "tcp", "ascii");
        Map<Integer, String> blocks = g.blocks();
        CliRun r = follow(g.capture(), "--stream", "7", "--stream", "2", "--stream", "7");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEqualTo(blocks.get(2) + blocks.get(7));
    }

    @Test
    void aStreamTheCaptureLacksPrintsTsharksEmptyBlockAndSaysSo() {
        CliRun r = follow("learn_tcp.pcapng", "--stream", "5", "--format", "hex");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEqualTo("\n" + "=".repeat(67) + "\nFollow: tcp,hex\nFilter: tcp.stream eq 5\nNode 0: :0\nNode 1: :0\n"
                + "=".repeat(67) + "\n");
        assertThat(r.err()).isEqualTo("tcpscope: the capture has no tcp.stream 5\n");
    }

    static Stream<String[]> selections() throws IOException {
        return Files.readAllLines(GOLDEN.resolve("selections.tsv")).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("selections")
    void aFilterChoosesTheStreamsWithAMatchingFrame(String capture, String proto, String filter, String streams) throws IOException {
        Map<Integer, String> blocks = new Golden(capture, proto, "raw").blocks();
        StringBuilder expected = new StringBuilder();
        for (String s : streams.split(",")) {
            expected.append(blocks.get(Integer.parseInt(s)));
        }
        CliRun r = follow(capture, "--proto", proto, "--format", "raw", "-Y", filter);
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(expected.toString());
    }

    /** The bytes each side sent, from tshark's raw block (the server's lines are indented by a tab). */
    private static byte[][] sides(String rawBlock) {
        ByteArrayOutputStream[] side = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        String[] lines = rawBlock.split("\n");
        boolean data = false;
        for (String line : lines) {
            if (line.startsWith("Node 1: ")) {
                data = true;
            } else if (line.startsWith("=====")) {
                data = false;
            } else if (data) {
                int s = line.startsWith("\t") ? 1 : 0;
                side[s].writeBytes(HexFormat.of().parseHex(line.strip()));
            }
        }
        return new byte[][] {side[0].toByteArray(), side[1].toByteArray()};
    }

    private static Map<Integer, String[]> index(Path dir) throws IOException {
        List<String> rows = Files.readAllLines(dir.resolve("index.tsv"));
        assertThat(rows.getFirst()).isEqualTo("stream\tproto\tnode0\tnode1\tbytes_0_to_1\tbytes_1_to_0\tfirst_frame"
                + "\tlast_frame\tfile_0_to_1\tfile_1_to_0");
        Map<Integer, String[]> out = new LinkedHashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            out.put(Integer.parseInt(f[0]), f);
        }
        return out;
    }

    static Stream<Golden> rawGoldens() throws IOException {
        return goldens().filter(g -> g.format().equals("raw"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawGoldens")
    void outWritesEachDirectionsBytesToItsOwnFile(Golden g, @TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("streams");
        CliRun r = follow(g.capture(), "--proto", g.proto(), "--out", dir.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.rc()).isZero();
        Map<Integer, String> blocks = g.blocks();
        Map<Integer, String[]> index = index(dir);
        int files = 0;
        for (var e : blocks.entrySet()) {
            byte[][] sent = sides(e.getValue());
            String[] row = index.get(e.getKey());
            if (row == null) {
                // a stream the follow tap never saw (tshark's block names no node) is not listed
                assertThat(e.getValue()).as("stream %d", e.getKey()).contains("Node 0: :0");
                continue;
            }
            assertThat(row[1]).isEqualTo(g.proto());
            for (int side = 0; side < 2; side++) {
                assertThat(Long.parseLong(row[4 + side])).as("stream %d side %d bytes", e.getKey(), side).isEqualTo(sent[side].length);
                if (sent[side].length == 0) {
                    assertThat(row[8 + side]).isEqualTo("-");
                    continue;
                }
                files++;
                String name = row[8 + side];
                assertThat(name).startsWith(g.proto() + "-stream-" + e.getKey() + "-").endsWith(".bin");
                assertThat(Files.readAllBytes(dir.resolve(name))).as("%s", name).isEqualTo(sent[side]);
            }
        }
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all.count()).isEqualTo(files + 1);
        }
        assertThat(r.out()).startsWith(index.size() + " " + g.proto() + " stream");
    }

    @Test
    void outNamesTheDirectionAndCountsFramesPerStream(@TempDir Path tmp) throws IOException {
        CliRun r = follow("learn_tcp.pcapng", "--out", tmp.toString());
        assertThat(r.rc()).isZero();
        String[] row = index(tmp).get(0);
        assertThat(row).containsExactly("0", "tcp", "127.0.0.1:5201", "127.0.0.1:5200", "19", "69", "1", "20",
                "tcp-stream-0-127.0.0.1.5201-to-127.0.0.1.5200.bin", "tcp-stream-0-127.0.0.1.5200-to-127.0.0.1.5201.bin");
        assertThat(Files.readString(tmp.resolve(row[8]))).isEqualTo("user1user2user3exit");
        assertThat(Files.readString(tmp.resolve(row[9]))).startsWith("Hello!Hi, user1, I got you!");
    }

    @Test
    void outInHexIsTsharksHexDumpOfEachDirection(@TempDir Path tmp) throws IOException {
        Golden g = new Golden("zeek-tcp-reassembly.pcap", "tcp", "hex");
        CliRun r = follow(g.capture(), "--out", tmp.toString(), "--format", "hex");
        assertThat(r.rc()).as(r.err()).isZero();
        String block = g.blocks().get(0);
        StringBuilder[] side = {new StringBuilder(), new StringBuilder()};
        boolean data = false;
        for (String line : block.split("\n")) {
            if (line.startsWith("Node 1: ")) {
                data = true;
            } else if (line.startsWith("=====")) {
                data = false;
            } else if (data) {
                side[line.startsWith("\t") ? 1 : 0].append(line.startsWith("\t") ? line.substring(1) : line).append('\n');
            }
        }
        String[] row = index(tmp).get(0);
        assertThat(row[8]).endsWith(".hex");
        assertThat(Files.readString(tmp.resolve(row[8]))).isEqualTo(side[0].toString());
        assertThat(row[9]).isEqualTo("-"); // the server's side is not in this capture
        assertThat(side[1].toString()).isEmpty();
        assertThat(side[0].toString()).contains("[8 bytes  missing"); // the capture's gap, as tshark marks it
    }

    @Test
    void outWithAFilterWritesOnlyTheChosenStreamsWhole(@TempDir Path tmp) throws IOException {
        Golden g = new Golden("zeek-http-bro.org.pcap", "tcp", "raw");
        CliRun r = follow(g.capture(), "--out", tmp.toString(), "-Y", "http.request.uri contains \"css\"");
        assertThat(r.rc()).as(r.err()).isZero();
        Map<Integer, String[]> index = index(tmp);
        assertThat(index.keySet()).containsExactly(0, 1, 4, 5);
        Map<Integer, String> blocks = g.blocks();
        for (int n : index.keySet()) {
            byte[][] sent = sides(blocks.get(n));
            assertThat(Files.readAllBytes(tmp.resolve(index.get(n)[8]))).isEqualTo(sent[0]);
            assertThat(Files.readAllBytes(tmp.resolve(index.get(n)[9]))).isEqualTo(sent[1]);
        }
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all.count()).isEqualTo(9);
        }
    }

    @Test
    void outRefusesAnEarlierRunUnlessForced(@TempDir Path tmp) throws IOException {
        assertThat(follow("zeek-http-bro.org.pcap", "--out", tmp.toString()).rc()).isZero();
        long before;
        try (Stream<Path> all = Files.list(tmp)) {
            before = all.count();
        }
        CliRun again = follow("zeek-http-bro.org.pcap", "--out", tmp.toString(), "--stream", "3");
        assertThat(again.rc()).isEqualTo(2);
        assertThat(again.err()).startsWith("tcpscope: " + tmp + " already holds follow output (index.tsv and ")
                .endsWith("use --force to replace it or choose another --out directory\n");
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun forced = follow("zeek-http-bro.org.pcap", "--out", tmp.toString(), "--stream", "3", "--force");
        assertThat(forced.rc()).as(forced.err()).isZero();
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("index.tsv", "notes.txt",
                    "tcp-stream-3-10.0.2.15.55082-to-192.150.187.43.80.bin", "tcp-stream-3-192.150.187.43.80-to-10.0.2.15.55082.bin");
        }
        assertThat(before).isGreaterThan(4);
    }

    @Test
    void outMakesTheDirectory(@TempDir Path tmp) {
        Path dir = tmp.resolve("a/b/c");
        assertThat(follow("learn_tcp.pcapng", "--out", dir.toString()).rc()).isZero();
        assertThat(dir.resolve("index.tsv")).exists();
    }

    private static void oneLineError(CliRun r, int rc, String text) {
        assertThat(r.rc()).as(r.err()).isEqualTo(rc);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(text).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badArgumentsAndFilesAreOneLineWithTsharksExitCodes(@TempDir Path tmp) throws IOException {
        oneLineError(CliRun.of("follow", "captures/no-such.pcap"), 2, "\"captures/no-such.pcap\" doesn't exist");
        oneLineError(CliRun.of("follow", "captures/no-such.pcap", "--out", tmp.resolve("never").toString()), 2, "doesn't exist");
        assertThat(tmp.resolve("never")).doesNotExist();
        oneLineError(follow("learn_tcp.pcapng", "--stream", "-1"), 2, "invalid --stream -1");
        oneLineError(follow("learn_tcp.pcapng", "--stream", "one"), 2, "'one' is not a long");
        oneLineError(follow("learn_tcp.pcapng", "--format", "ebcdic"), 2, "invalid --format \"ebcdic\"; use ascii, hex, raw or yaml");
        oneLineError(follow("learn_tcp.pcapng", "--proto", "sctp"), 2, "invalid --proto \"sctp\"; use tcp or udp");
        oneLineError(follow("learn_tcp.pcapng", "--force"), 2, "--force only applies with --out DIR");
        oneLineError(follow("learn_tcp.pcapng", "--out", tmp.toString(), "--format", "yaml"), 2, "--format yaml");
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        oneLineError(follow("learn_tcp.pcapng", "--out", file.resolve("sub").toString()), 2,
                "cannot use " + file.resolve("sub") + " as --out directory");
        oneLineError(follow("learn_tcp.pcapng", "--out", file.toString()), 2, "exists and is not a directory");
        oneLineError(follow("libpcap-pcap-invalid-version-1.pcap"), 1, "doesn't support");
        CliRun filter = follow("learn_tcp.pcapng", "-Y", "tcp.port ==");
        assertThat(filter.rc()).isEqualTo(2);
        assertThat(filter.err()).startsWith("tcpscope: Unexpected end of filter expression.");
        assertThat(filter.out()).isEmpty();
    }

    @Test
    void aCaptureCutShortFollowsWhatWasReadThenSaysWhy(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(Path.of("captures/zeek-http-bro.org.pcap"));
        Path cut = Files.write(tmp.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, 3000));
        CliRun r = CliRun.of("follow", cut.toString(), "--format", "raw");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpscope: The file \"" + cut + "\" appears to have been cut short in the middle of a packet.\n");
        assertThat(r.out()).startsWith("\n=====").contains("Filter: tcp.stream eq 0\nNode 0: 10.0.2.15:55079\n");
    }
}
