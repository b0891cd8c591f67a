package dev.tcpscope.tcp;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --analysis=precise} on captures/synth-tcp-flags.pcap: each difference from tshark that
 * docs/ANALYSIS.md describes shows on the frame made for it, and nothing else changes (the
 * tshark side of each comparison is what the TCP goldens hold for the same frame).
 */
class PreciseAnalysisTest {
    private static final String CAPTURE = "captures/synth-tcp-flags.pcap";
    private static final String[] FIELDS = {"frame.number", "tcp.stream", "tcp.completeness", "tcp.analysis.flags",
        "tcp.analysis.out_of_order", "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack",
        "tcp.analysis.acks_frame", "tcp.analysis.ack_rtt", "tcp.analysis.bytes_in_flight"};

    /** Frame number → field name → value, for every frame. */
    private static Map<Integer, Map<String, String>> run(String... extra) {
        List<String> args = new ArrayList<>(List.of("read", CAPTURE, "-T", "fields"));
        args.addAll(List.of(extra));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = Main.run(ps, System.err, args.toArray(String[]::new));
        }
        assertThat(rc).isZero();
        Map<Integer, Map<String, String>> frames = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            String[] v = line.split("\t", -1);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < FIELDS.length; i++) {
                m.put(FIELDS[i], v[i]);
            }
            frames.put(Integer.parseInt(v[0]), m);
        }
        return frames;
    }

    private static final Map<Integer, Map<String, String>> TSHARK = run("-2");
    private static final Map<Integer, Map<String, String>> PRECISE = run("--analysis=precise");

    @Test
    void aSegmentWithoutAckIsNoDuplicateAck() {
        // Frames 73 and 74 carry no flags at all; tshark counts them as duplicate ACKs.
        assertThat(TSHARK.get(73).get("tcp.analysis.duplicate_ack")).isEqualTo("1,1");
        assertThat(PRECISE.get(73).get("tcp.analysis.duplicate_ack")).isEmpty();
        assertThat(PRECISE.get(74).get("tcp.analysis.flags")).isEmpty();
    }

    @Test
    void dataSeenBeforeIsARetransmissionEvenWithinTheRtt() {
        // Frame 102 resends frame 100's bytes 49 ms later: no hole was there to fill.
        assertThat(TSHARK.get(102).get("tcp.analysis.out_of_order")).isEqualTo("1");
        assertThat(PRECISE.get(102).get("tcp.analysis.out_of_order")).isEmpty();
        assertThat(PRECISE.get(102).get("tcp.analysis.retransmission")).isEqualTo("1");
    }

    @Test
    void dataFillingAHoleWithinTheRttStaysOutOfOrder() {
        // Frame 21 fills the hole frame 20 left.
        assertThat(PRECISE.get(21).get("tcp.analysis.out_of_order")).isEqualTo("1");
        assertThat(TSHARK.get(21).get("tcp.analysis.out_of_order")).isEqualTo("1");
    }

    @Test
    void noRttIsSampledFromAnAckOfResentData() {
        // Frame 109 ACKs data sent at 107 and again at 108 (Karn's rule).
        assertThat(TSHARK.get(109).get("tcp.analysis.ack_rtt")).isEqualTo("0.450000000");
        assertThat(PRECISE.get(109).get("tcp.analysis.acks_frame")).isEqualTo("107");
        assertThat(PRECISE.get(109).get("tcp.analysis.ack_rtt")).isEmpty();
        // An ACK of data sent once keeps its RTT.
        assertThat(PRECISE.get(2).get("tcp.analysis.ack_rtt")).isEqualTo("0.050000000");
    }

    @Test
    void bytesInFlightSubtractEverySackedBlock() {
        // Frame 122: 900 bytes outstanding, four SACK blocks of 100; tshark keeps three of them.
        assertThat(TSHARK.get(122).get("tcp.analysis.bytes_in_flight")).isEqualTo("600");
        assertThat(PRECISE.get(122).get("tcp.analysis.bytes_in_flight")).isEqualTo("500");
    }

    @Test
    void completenessIsFinalAndCountsTheFirstFrame() {
        Map<Integer, Map<String, String>> onePass = run();
        assertThat(onePass.get(1).get("tcp.completeness")).isEqualTo("0");
        assertThat(onePass.get(3).get("tcp.completeness")).isEqualTo("3");
        assertThat(PRECISE.get(1).get("tcp.completeness")).isEqualTo("31");
        // One value per stream, on every frame of it.
        Map<String, String> perStream = new HashMap<>();
        for (Map<String, String> f : PRECISE.values()) {
            String before = perStream.putIfAbsent(f.get("tcp.stream"), f.get("tcp.completeness"));
            assertThat(before == null || before.equals(f.get("tcp.completeness"))).isTrue();
        }
    }

    @Test
    void everythingElseIsTsharks() {
        int same = 0;
        for (int f : TSHARK.keySet()) {
            if (TSHARK.get(f).equals(PRECISE.get(f))) {
                same++;
            }
        }
        assertThat(same).isGreaterThan(TSHARK.size() / 2);
    }
}
