package dev.tcpscope.proto.pop;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POP3 (packet-pop.c) on captures/synth-pop.pcap (PopScenarios); the expected values are tshark
 * 4.0.17's with scripts/tshark-profile.sh's profile, e.g. {@code tshark -r captures/synth-pop.pcap
 * -Y pop.data.fragment -T fields -e frame.number -e pop.data.fragment -e pop.data.reassembled.length}.
 */
class PopTest {
    private static final String CAPTURE = "captures/synth-pop.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void aRetrAnswerWithALengthReassemblesItsMessageForImf() {
        assertThat(read("read", CAPTURE, "-Y", "pop.data.fragment", "-T", "fields", "-e", "frame.number",
                "-e", "pop.data.fragment", "-e", "pop.data.reassembled.length")).containsExactly("17\t15,16,17\t144");
        assertThat(read("read", CAPTURE, "-2", "-Y", "pop.data.reassembled.in", "-T", "fields", "-e", "frame.number",
                "-e", "pop.data.reassembled.in")).containsExactly("15\t17", "16\t17");
        assertThat(read("read", CAPTURE, "-Y", "imf.subject == \"lunch\"", "-T", "fields", "-e", "_ws.col.Protocol"))
                .containsExactly("POP/IMF");
    }

    @Test
    void aRequestOfTwoLinesShowsTheSecondAsData() {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 26");
        assertThat(v.subList(v.indexOf("Post Office Protocol"), v.size())).startsWith(
                "Post Office Protocol", "    NOOP\\r\\n", "        Request command: NOOP", "    UIDL\\r\\n");
    }

    @Test
    void stlsAcceptedHandsTheConversationToTls() {
        assertThat(read("read", CAPTURE, "-Y", "tcp.srcport == 41002 && tls", "-T", "fields", "-e", "_ws.col.Protocol"))
                .containsExactly("TLSv1");
    }
}
