package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope explain}: packets with explanations, summary and ladder; its errors. */
class ExplainCommandTest {
    record Run(int code, String out, String err) {}

    static Run tcpscope(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainsACaptureWithLoss() {
        Run r = tcpscope("explain", "captures/arkime-wireshark-retrans.pcap", "--stream", "0", "--lang", "en", "--width", "0");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(tcpscope("read", "-c", "1", "captures/arkime-wireshark-retrans.pcap").out().strip()
                .replaceFirst("^", lines.get(0).substring(0, lines.get(0).indexOf('1'))));
        // every packet of this capture was recorded several times: copies, not resent packets
        assertThat(r.out()).contains("        Captured again: this is packet 1 again, byte for byte (same IP ID 0x0df8")
                .contains("Captured again: this is packet 21 again")
                .contains("tshark flags it as a retransmission only because the same sequence numbers appear again")
                .contains("tshark flags it as a duplicate ACK")
                .doesNotContain("Fast retransmission: the client sends bytes 199..1288 again")
                .contains("rule \"Bad TCP\"")
                .contains("Stream 0: client 172.17.96.143:59221, server 172.17.96.77:4000")
                .contains("Ladder of stream 0")
                .contains("[TCP Fast Retransmission]");
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void colorWhenAskedAndBriefWithoutExplanations() {
        Run r = tcpscope("explain", "captures/learn_tcp.pcapng", "--color", "--brief");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().limit(20)).allSatisfy(l -> assertThat(l).startsWith("\u001b[38;2;18;39;46m\u001b[48;2;"));
        assertThat(r.out()).doesNotContain("Three-way handshake").contains("Stream 0:").doesNotContain("Ladder");
    }

    /** The help promises a ladder only where one is drawn: with --ladder or --stream. */
    @Test
    void helpAndBehaviourAgreeOnTheLadder() {
        Run help = tcpscope("explain", "--help");
        assertThat(help.code()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("a ladder diagram per stream with --ladder (or of the one stream chosen with --stream)")
                .doesNotContain("then a summary and a ladder diagram per stream");
        assertThat(tcpscope("explain", "captures/learn_tcp.pcapng", "--lang", "en").out()).contains("Stream 0:").doesNotContain("Ladder of");
        assertThat(tcpscope("explain", "captures/learn_tcp.pcapng", "--lang", "en", "--ladder").out()).contains("Ladder of stream 0");
        assertThat(tcpscope("explain", "captures/learn_tcp.pcapng", "--lang", "en", "--stream", "0").out()).contains("Ladder of stream 0");
    }

    @Test
    void errorsAreOneLineAndExitTwo() {
        Run missing = tcpscope("explain", "captures/none.pcap");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
        Run stream = tcpscope("explain", "captures/learn_tcp.pcapng", "--stream", "7");
        assertThat(stream.code()).isEqualTo(2);
        assertThat(stream.err()).contains("no TCP stream 7");
        Run bad = tcpscope("explain", "captures/learn_tcp.pcapng", "-Y", "tcp.port ==");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("tcpscope: ").contains("^");
        Run colors = tcpscope("explain", "captures/learn_tcp.pcapng", "--colorfilters", "captures/none.colorfilters");
        assertThat(colors.code()).isEqualTo(2);
        assertThat(colors.err().lines()).hasSize(1);
        assertThat(tcpscope("explain", "captures/learn_tcp.pcapng", "--lang", "xx").code()).isEqualTo(2);
    }

    @Test
    void displayFilterChoosesThePacketsButTheStateComesFromEveryPacket() {
        Run all = tcpscope("explain", "captures/arkime-wireshark-retrans.pcap", "--lang", "en");
        Run some = tcpscope("explain", "captures/arkime-wireshark-retrans.pcap", "--lang", "en", "-Y", "tcp.analysis.retransmission");
        assertThat(some.code()).as(some.err()).isZero();
        List<String> shown = packetLines(some.out());
        assertThat(shown).isNotEmpty().allSatisfy(l -> assertThat(l).containsPattern("\\[TCP (Fast |Spurious )?Retransmission]"));
        // Each packet is explained exactly as without the filter: the conversation state is built
        // from every packet, the ones not shown included.
        for (String line : shown) {
            assertThat(block(all.out(), line)).isEqualTo(block(some.out(), line));
        }
        assertThat(packetLines(all.out()).size()).isGreaterThan(shown.size());
        // the summary of the stream is the whole stream's
        String summary = all.out().substring(all.out().indexOf("Stream 0:"), all.out().indexOf("\n\n", all.out().indexOf("Stream 0:")));
        assertThat(some.out()).contains(summary);
        Run none = tcpscope("explain", "captures/learn_tcp.pcapng", "-Y", "udp");
        assertThat(none.code()).isZero();
        assertThat(none.out()).isEmpty();
        Run both = tcpscope("explain", "captures/arkime-wireshark-retrans.pcap", "--stream", "0", "-Y", "tcp.flags.syn == 1");
        assertThat(both.code()).isZero();
        assertThat(packetLines(both.out())).isNotEmpty().allSatisfy(l -> assertThat(l).contains("SYN"));
    }

    /** The packet lines: those not indented as explanations are, before the summaries. */
    private static List<String> packetLines(String out) {
        return out.lines().takeWhile(l -> !l.startsWith("Stream ")).filter(l -> !l.isEmpty() && !l.startsWith(ExplainOutput.INDENT))
                .toList();
    }

    /** A packet line and its explanation, up to the blank line after it. */
    private static String block(String out, String line) {
        int at = out.indexOf(line + "\n");
        return out.substring(at, out.indexOf("\n\n", at));
    }
}
