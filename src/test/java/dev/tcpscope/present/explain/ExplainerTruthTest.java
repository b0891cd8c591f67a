package dev.tcpscope.present.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.tcpscope.present.explain.Explained.ACK;
import static dev.tcpscope.present.explain.Explained.PSH;
import static dev.tcpscope.present.explain.Explained.RST;
import static dev.tcpscope.present.explain.Explained.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentences that must be true of the packet in front of them, each checked on a capture that
 * shows the case: a connection that takes over one in TIME_WAIT, a packet the capture recorded
 * twice, a refused connection, each side's TCP state, a delayed ACK, and what SYN and FIN take.
 */
class ExplainerTruthTest {
    private static final Path SEED = Path.of("captures/learn_tcp.pcapng");
    /** Two runs of the lab 6.5 s apart, captured with tcpdump (captures/PROVENANCE.md). */
    private static final Path REUSE = Path.of("src/test/resources/explain/lab-time-wait-reuse.pcap");
    private static final Path COPIES = Path.of("captures/arkime-wireshark-retrans.pcap");

    private static String text(Explained x, int frame) {
        return String.join("\n", x.explanations.get(frame - 1).lines());
    }

    /** The first lab SYN gets a random-looking ISN; the second, on the same 4-tuple, old SND.NXT + 65537. */
    @Test
    void timeWaitReuseNamesTheOldConnectionInsteadOfRandom() throws IOException {
        Explained en = Explained.file(REUSE, Lang.EN);
        assertThat(en.lines.get(20)).contains("[TCP Port numbers reused]").contains("[SYN]");
        assertThat(text(en, 1)).contains("looks random").contains("TSecr is 0 because there is no peer TSval");
        String syn = text(en, 21);
        assertThat(syn).doesNotContain("random-looking ISN.").doesNotContain("looks random")
                .contains("not a random one: the same addresses and ports carried stream 0")
                .contains("raw 1051455641").contains("1051521178 is that + 65537 = old + 65535 + 2")
                .contains("echoes TSval 830695441 of packet 19");
        // 1051455641 is the old client's next sequence number: the raw Seq of its last ACK
        assertThat(en.lines.get(19)).contains("Seq=21");
        Explained zh = Explained.file(REUSE, Lang.ZH);
        assertThat(text(zh, 21)).contains("不是随机选的").contains("65535 + 2").contains("第 19 号包的 TSval 830695441");
    }

    /** A lab run alone: its SYN echoes a timestamp, so the text must not call the ISN random. */
    @Test
    void aSynEchoingATimestampIsNotCalledRandom() throws IOException {
        Explained x = new Explained.Builder(false).at(0).synWithTimestamps(1000, 0, 777, 555).explain(Lang.EN);
        assertThat(text(x, 1)).contains("TSecr=555, not 0").contains("+ 65535 + 2").doesNotContain("looks random");
    }

    /** The same packet recorded twice (same IP ID and bytes) is a copy in the capture, not a timeout. */
    @ParameterizedTest
    @EnumSource(Lang.class)
    void aPacketCapturedTwiceIsACopyNotARetransmission(Lang lang) throws IOException {
        Explained x = Explained.file(COPIES, lang);
        assertThat(x.lines.get(1)).contains("[TCP Retransmission]");
        assertThat(x.roles().get(1)).isEqualTo(Role.CAPTURED_TWICE);
        String copy = text(x, 2);
        if (lang == Lang.EN) {
            assertThat(copy).startsWith("Captured again: this is packet 1 again, byte for byte (same IP ID 0x0df8")
                    .contains("5 µs later").contains("tshark flags it as a retransmission")
                    .doesNotContain("no acknowledgement came in time");
            assertThat(text(x, 10)).contains("this is packet 1 again").contains("tshark flags it as out-of-order");
            assertThat(String.join("\n", x.explainer.summary(0))).contains("recorded again by the capture")
                    .doesNotContain("sent again").doesNotContainPattern("Analysis: \\d+ retransmission");
        } else {
            assertThat(copy).startsWith("重复抓到的包：与第 1 号包逐字节相同（IP ID 同为 0x0df8").contains("tshark 把它标为重传");
        }
        // a real retransmission (a new IP ID, or a later time) stays one
        Explained real = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(1200).c(1001, 5001, ACK, 8000, 100)
                .explain(lang);
        assertThat(real.roles().get(4)).isEqualTo(Role.RETRANSMISSION);
        assertThat(text(real, 5)).contains(lang == Lang.EN ? "first sent in packet 4 1000.000 ms earlier" : "第一次在第 4 号包里发出");
    }

    /** RST/ACK answering a SYN: connection refused, and a summary that does not contradict itself. */
    @ParameterizedTest
    @EnumSource(Lang.class)
    void aResetAnsweringTheSynIsConnectionRefused(Lang lang) {
        Explained x = new Explained.Builder(false)
                .at(0).c(1000, 0, SYN, 8000, 0)
                .at(1).s(0, 1001, RST | ACK, 0, 0)
                .explain(lang);
        assertThat(x.roles()).containsExactly(Role.HANDSHAKE_SYN, Role.REFUSED);
        String summary = String.join("\n", x.explainer.summary(0));
        if (lang == Lang.EN) {
            assertThat(text(x, 2)).startsWith("Connection refused: nothing listens on port 5201")
                    .contains("State after it: client CLOSED, server CLOSED (nothing listens).");
            assertThat(summary).contains("Connection refused: the SYN (packet 1) was answered with RST/ACK (packet 2)")
                    .doesNotContain("resets").doesNotContain("not in the capture").doesNotContain("Ended by");
        } else {
            assertThat(text(x, 2)).startsWith("连接被拒绝：5201 端口上没有程序监听");
            assertThat(summary).contains("连接被拒绝").doesNotContain("复位结束");
        }
        // a reset later in a conversation is no refusal, and the analysis line does not deny it
        Explained later = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, PSH | ACK, 8000, 10)
                .at(250).s(5001, 1011, RST | ACK, 0, 0)
                .explain(Lang.EN);
        assertThat(later.roles().get(4)).isEqualTo(Role.RESET);
        String sum = String.join("\n", later.explainer.summary(0));
        assertThat(sum).contains("Ended by a reset from the server (packet 5)").doesNotContain("no retransmissions, duplicate ACKs, zero windows or resets");
    }

    /** Each packet of the lab says both sides' states after it, handshake and close alike. */
    @ParameterizedTest
    @EnumSource(Lang.class)
    void everyPacketSaysBothStates(Lang lang) throws IOException {
        Explained x = Explained.file(SEED, lang);
        String est = "ESTABLISHED";
        List<String> expected = List.of(
                "SYN_SENT|LISTEN", "ESTABLISHED|SYN_RCVD", est + "|" + est,
                est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est,
                est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est, est + "|" + est,
                est + "|" + est, "FIN_WAIT_1|CLOSE_WAIT", "FIN_WAIT_2|CLOSE_WAIT", "TIME_WAIT|LAST_ACK", "TIME_WAIT|CLOSED");
        for (int i = 0; i < expected.size(); i++) {
            String[] cs = expected.get(i).split("\\|");
            String line = x.explanations.get(i).lines().get(1);
            String want = lang == Lang.EN ? "State after it: client " + cs[0] + ", server " + cs[1]
                    : "此后的状态：客户端 " + cs[0] + "，服务端 " + cs[1];
            assertThat(line).as("packet %d", i + 1).startsWith(want);
        }
        assertThat(x.explanations.get(0).lines().get(1)).contains(lang == Lang.EN ? "if a program listens on port 5200" : "5200 端口");
    }

    /** Packet 18 of the lab: the ACK of the FIN 41 ms later is a delayed ACK, with Linux's rule. */
    @ParameterizedTest
    @EnumSource(Lang.class)
    void theAckOfTheFinIsADelayedAck(Lang lang) throws IOException {
        Explained x = Explained.file(SEED, lang);
        String ack = text(x, 18);
        if (lang == Lang.EN) {
            assertThat(ack).contains("Delayed ACK: it left 41.052 ms after packet 17")
                    .contains("40 ms at least, 200 ms at most").contains("quick-ACK mode")
                    .contains("Receiving the FIN put this side into CLOSE_WAIT");
        } else {
            assertThat(ack).contains("延迟确认").contains("41.052 毫秒").contains("最少 40 毫秒");
        }
        // the immediate ACKs are not called delayed
        for (int frame : new int[] {3, 5, 7, 10, 13, 16, 20}) {
            assertThat(text(x, frame)).as("packet %d", frame).doesNotContain("Delayed ACK").doesNotContain("延迟确认");
        }
    }

    /** SYN and FIN take one sequence number each; no sentence says "byte" of them. */
    @Test
    void synAndFinTakeOneSequenceNumberNotOneByte() throws IOException {
        for (Lang lang : Lang.values()) {
            Explained x = Explained.file(SEED, lang);
            for (Explanation e : x.explanations) {
                String t = String.join("\n", e.lines());
                assertThat(t).doesNotContain("counts as one byte").doesNotContain("算一个字节").doesNotContain("one byte");
            }
            String synAck = text(x, 2);
            assertThat(synAck).contains(lang == Lang.EN ? "(a SYN takes one sequence number)" : "（SYN 占用一个序号）");
            assertThat(text(x, 20)).contains(lang == Lang.EN ? "(a FIN takes one sequence number)" : "（FIN 占用一个序号）");
        }
    }
}
