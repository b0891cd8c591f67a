package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code read -Y} and {@code -2 -R}, against tshark 4.0.17's behaviour. */
class ReadFilterTest {
    private record Run(int rc, String out, String err) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Main.run(o, e, args);
        }
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void displayFilterPrintsTheMatchingLinesOfTheFullListUnchanged() throws IOException {
        List<String> golden = Files.readAllLines(Path.of("src/test/resources/golden/list/learn_tcp.pcapng.txt"));
        Run r = run("read", "captures/learn_tcp.pcapng", "-Y", "tcp.len > 0 && frame.number < 12");
        assertThat(r.rc()).isZero();
        // tshark -Y prints frames 4, 6, 8, 9 and 11 exactly as in the unfiltered list.
        assertThat(r.out().lines().toList()).containsExactly(golden.get(3), golden.get(5), golden.get(7), golden.get(8), golden.get(10));
    }

    @Test
    void aShownEchoReplyNamesItsHiddenRequest() {
        // tshark -r pcapplusplus-ICMPv6_echos.cap -Y 'icmpv6.type == 129': requests hidden, replies
        // still say "(request in N)" because tshark dissects the hidden frames too.
        Run r = run("read", "captures/pcapplusplus-ICMPv6_echos.cap", "-Y", "icmpv6.type == 129");
        assertThat(r.out().lines().toList()).hasSize(5).allMatch(l -> l.contains("(request in "));
    }

    @Test
    void timeDeltaDisplayedCountsFromThePreviousShownFrame() {
        // tshark -r learn_tcp.pcapng -Y 'tcp.flags.fin == 1' -T fields / -V: 0 for frame 17,
        // 1.000180462 s (17 -> 19) for frame 19, while frame.time_delta counts from frame 18.
        Run f = run("read", "captures/learn_tcp.pcapng", "-Y", "tcp.flags.fin == 1", "-T", "fields",
                "-e", "frame.number", "-e", "frame.time_delta_displayed", "-e", "frame.time_delta");
        assertThat(f.out().lines().toList()).containsExactly("17\t0.000000000\t0.000038307", "19\t1.000180462\t0.959128327");
        Run v = run("read", "captures/learn_tcp.pcapng", "-Y", "tcp.flags.fin == 1", "-V");
        assertThat(v.out().lines().filter(l -> l.contains("previous displayed")).toList()).containsExactly(
                "    [Time delta from previous displayed frame: 0.000000000 seconds]",
                "    [Time delta from previous displayed frame: 1.000180462 seconds]");
    }

    @Test
    void aBadFilterPrintsTsharksMessageAndACaretAndNothingElse() {
        // tshark 4.0.17 -Y 'tcp.flgs == 1' says the same, then exits 2.
        Run r = run("read", "captures/learn_tcp.pcapng", "-Y", "tcp.flgs == 1");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("""
                tcpscope: Left side of "==" expression must be a field or function, not tcp.flgs.
                    tcp.flgs == 1
                    ^~~~~~~~
                """);
        assertThat(run("read", "captures/learn_tcp.pcapng", "-Y", "tcp.flgs").err())
                .startsWith("tcpscope: tcp.flgs is neither a field nor a protocol name.\n");
    }

    @Test
    void readFilterNeedsTwoPassesAsInTshark() {
        Run r = run("read", "captures/learn_tcp.pcapng", "-R", "tcp");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpscope: -R without -2 is deprecated. For single-pass filtering use -Y.\n");
    }

    @Test
    void readFilterDropsFramesAndRenumbersTheRest() {
        // tshark -2 -R 'tcp.srcport == 5201' -c 3: frames 1 and 3 of the file, numbered 1 and 2.
        Run r = run("read", "captures/learn_tcp.pcapng", "-2", "-R", "tcp.srcport == 5201", "-c", "3", "-T", "fields",
                "-e", "frame.number", "-e", "tcp.flags.str");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEqualTo("1\t··········S·\n2\t·······A····\n");
    }

    /**
     * {@code -2 -R} that drops whole connections: tshark's second pass keeps the first pass's
     * stream numbers (and with them each connection's base sequence numbers, window scale and
     * initial RTT). Until session 40 tcpscope numbered the kept connections anew, and stream 1 got
     * stream 0's finals: relative acks of 4286381603, a scale of 8 for 256. tshark is the oracle.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tcp.stream==1", "tcp.stream==2", "tcp.stream in {0,2}", "tcp.port==44305"})
    void aReadFilterThatDropsConnectionsKeepsTheFirstPassStreams(String filter) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        String capture = "captures/pcapplusplus-three_http_streams.pcap";
        List<String> fields = List.of("-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.ack",
                "-e", "tcp.window_size", "-e", "tcp.window_size_scalefactor", "-e", "tcp.analysis.initial_rtt",
                "-e", "tcp.completeness", "-e", "tcp.analysis.flags");
        List<String> ours = new java.util.ArrayList<>(List.of("read", capture, "-2", "-R", filter));
        ours.addAll(fields);
        Run r = run(ours.toArray(String[]::new));
        List<String> tshark = new java.util.ArrayList<>(List.of("tshark", "-r", capture, "-2", "-R", filter));
        tshark.addAll(fields);
        ProcessBuilder pb = new ProcessBuilder(tshark).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(expected).isNotEmpty();
        assertThat(r.out()).isEqualTo(expected);
    }
}
