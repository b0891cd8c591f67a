package dev.tcpscope.web.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope graph}: its output, its exit codes, its one-line errors, and no half-written file. */
class GraphCommandTest {
    static final String LEARN = "captures/learn_tcp.pcapng";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        /** The run failed with {@code code} and said why in one line. */
        void failedWith(int expected, String... words) {
            assertThat(code).as("exit code; stderr: %s", err).isEqualTo(expected);
            assertThat(out).isEmpty();
            assertThat(err.lines().toList()).as("stderr").hasSize(1);
            assertThat(err).startsWith("tcpscope: ").doesNotContain("Exception", "\tat ");
            assertThat(err).contains(words);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GraphCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutOutputTheSvgGoesToStandardOutput() throws Exception {
        Result r = run(LEARN, "--stream", "0", "--type", "stevens");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(SvgGraphTest.texts(SvgGraphTest.parse(r.out())))
                .contains("Sequence Numbers (Stevens) for 127.0.0.1:5200 → 127.0.0.1:5201");
    }

    @Test
    void outputGoesToTheFileAndNothingElseIsLeft() throws Exception {
        Path svg = dir.resolve("graph.svg");

        Result r = run(LEARN, "--stream", "0", "--type", "TCPTRACE", "--reverse", "-o", svg.toString(),
                "--width", "640", "--height", "480");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(files()).containsExactly("graph.svg");
        var doc = SvgGraphTest.parse(Files.readString(svg));
        assertThat(Double.parseDouble(doc.getDocumentElement().getAttribute("width"))).isEqualTo(640);
        assertThat(SvgGraphTest.texts(doc)).contains("Sequence Numbers (tcptrace) for 127.0.0.1:5201 → 127.0.0.1:5200");
    }

    @Test
    void aFailedRunLeavesTheOldFileAsItWas() throws IOException {
        Path svg = Files.writeString(dir.resolve("graph.svg"), "the old graph");

        run(LEARN, "--stream", "9", "--type", "rtt", "-o", svg.toString())
                .failedWith(2, "the capture has no TCP stream 9 (streams: 0)", "--stream");

        assertThat(Files.readString(svg)).isEqualTo("the old graph");
        assertThat(files()).containsExactly("graph.svg");
    }

    @Test
    void aCaptureCutShortIsExitCode1AndWritesNothing() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(LEARN));
        Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 30));

        run(cut.toString(), "--stream", "0", "--type", "throughput", "-o", dir.resolve("graph.svg").toString())
                .failedWith(1, "cut.pcapng", "cut short", "no graph was written");

        assertThat(files()).containsExactly("cut.pcapng");
    }

    @Test
    void aFileThatIsNoCaptureIsExitCode1() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture, just some words\n");

        run(text.toString(), "--stream", "0", "--type", "rtt").failedWith(1, "notes.txt", "not a capture file");
        run("captures/libpcap-pcap-invalid-version-1.pcap", "--stream", "0", "--type", "rtt")
                .failedWith(1, "pcap-invalid-version-1.pcap");
    }

    @Test
    void aMissingFileIsExitCode2() {
        run(dir.resolve("nowhere.pcap").toString(), "--stream", "0", "--type", "rtt")
                .failedWith(2, "nowhere.pcap", "doesn't exist");
        run(dir.toString(), "--stream", "0", "--type", "rtt").failedWith(2, "is a directory");
    }

    @Test
    void badArgumentsAreExitCode2() {
        run(LEARN, "--stream", "0", "--type", "bars")
                .failedWith(2, "unknown graph type \"bars\"; use stevens, tcptrace, throughput, rtt or window");
        run(LEARN, "--type", "rtt").failedWith(2, "--stream", "tcpscope graph --help");
        run(LEARN, "--stream", "zero", "--type", "rtt").failedWith(2, "--stream", "zero");
        run(LEARN, "--stream", "-1", "--type", "rtt").failedWith(2, "--stream -1");
        run(LEARN, "--stream", "0", "--type", "rtt", "--width", "0").failedWith(2, "--width");
        run(LEARN, "--stream", "0", "--type", "throughput", "--ma", "0").failedWith(2, "--ma");
        run(LEARN, "--stream", "0", "--type", "rtt", "--colour").failedWith(2, "--colour");
    }

    @Test
    void anOutputThatCannotBeWrittenIsExitCode2BeforeAnyWork() {
        run(LEARN, "--stream", "0", "--type", "rtt", "-o", dir.resolve("no/such/folder/graph.svg").toString())
                .failedWith(2, "graph.svg", "doesn't exist");
        run(LEARN, "--stream", "0", "--type", "rtt", "-o", dir.toString()).failedWith(2, "is a directory");
        assertThat(files()).isEmpty();
    }

    @Test
    void helpGoesToStandardOutput() {
        Result r = run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: graph", "--stream=N", "--type=stevens|tcptrace|throughput|rtt|window", "--reverse");
        assertThat(r.err()).isEmpty();
    }

    private List<String> files() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
