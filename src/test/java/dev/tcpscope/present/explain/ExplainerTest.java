package dev.tcpscope.present.explain;

import dev.tcpscope.tcp.TcpRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tcpscope.present.explain.Explained.ACK;
import static dev.tcpscope.present.explain.Explained.FIN;
import static dev.tcpscope.present.explain.Explained.PSH;
import static dev.tcpscope.present.explain.Explained.RST;
import static dev.tcpscope.present.explain.Role.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanation of each packet, checked against the TCP analysis of the same packet: on the
 * seed's capture (the lab's exchange) and on small exchanges with retransmissions, resets, zero
 * windows, keep-alives, a half-close and IPv6, in English and Chinese.
 */
class ExplainerTest {
    private static final Path SEED = Path.of("captures/learn_tcp.pcapng");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @ParameterizedTest
    @EnumSource(Lang.class)
    void seedRolesStepsAndSides(Lang lang) throws IOException {
        Explained x = Explained.file(SEED, lang);
        assertThat(x.roles()).containsExactly(
                HANDSHAKE_SYN, HANDSHAKE_SYN_ACK, HANDSHAKE_ACK,
                DATA, Role.ACK, DATA, Role.ACK, DATA, DATA, Role.ACK, DATA, DATA, Role.ACK, DATA, DATA, Role.ACK,
                Role.FIN, FIN_ACK, Role.FIN, FIN_ACK);
        assertThat(x.explanations.stream().map(Explanation::step).toList())
                .containsExactly(1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
        // the client (port 5201) sends the SYN, user1..3, exit and the first FIN
        for (int i = 0; i < x.lines.size(); i++) {
            boolean fromClient = x.lines.get(i).contains("5201 \u2192 5200");
            assertThat(x.explanations.get(i).fromClient()).as("packet %d", i + 1).isEqualTo(fromClient);
        }
        assertThat(x.explanations).allSatisfy(e -> assertThat(e.stream()).isZero());
    }

    /** Seq, Ack, next Seq and the acknowledged packet agree with the analysis and with each other. */
    @ParameterizedTest
    @EnumSource(Lang.class)
    void seedArithmeticAgreesWithTheAnalysis(Lang lang) throws IOException {
        checkArithmetic(Explained.file(SEED, lang));
    }

    @Test
    void seedSentencesShowTheArithmetic() throws IOException {
        Explained en = Explained.file(SEED, Lang.EN);
        Explained zh = Explained.file(SEED, Lang.ZH);
        assertThat(String.join("\n", en.explanations.get(4).lines())).contains("Ack=7 (raw ")
                .contains("= Seq 1 + Len 6 of packet 4").contains("it acknowledges packet 4");
        assertThat(String.join("\n", zh.explanations.get(4).lines())).contains("Ack=7（原始值 ")
                .contains("第 4 号包的 Seq 1 + Len 6").contains("确认第 4 号包");
        assertThat(String.join("\n", en.explanations.get(2).lines())).contains("Seq 0 + 1 of the SYN in packet 2")
                .contains("Win=65536 = field 64 × 1024");
        assertThat(String.join("\n", en.explanations.get(19).lines())).contains("= Seq 70 + Len 0 + 1 for the FIN of packet 19");
        assertThat(String.join("\n", en.explanations.get(0).lines()))
                .contains("0x002 & 0x02 = 0x02").contains("MSS=65495").contains("SACK_PERM").contains("WS=1024")
                .contains("2^10 = 1024").contains("TSval=3503373003").contains("rule \"TCP SYN/FIN\"");
        assertThat(String.join("\n", en.explanations.get(3).lines())).contains("Payload (6 bytes, text): \"Hello!\"")
                .contains("rule \"TCP\" (tcp)");
        assertThat(String.join("\n", en.explanations.get(7).lines())).contains("\"Hi, user1, I got you!\"");
    }

    /** Both languages state the same numbers for every packet, and each is in its own script. */
    @Test
    void englishAndChineseSayTheSameNumbers() throws IOException {
        Explained en = Explained.file(SEED, Lang.EN);
        Explained zh = Explained.file(SEED, Lang.ZH);
        for (int i = 0; i < en.explanations.size(); i++) {
            String e = String.join("\n", en.explanations.get(i).lines());
            String z = String.join("\n", zh.explanations.get(i).lines());
            assertThat(numbers(z)).as("packet %d:\n%s\n%s", i + 1, e, z).isEqualTo(numbers(e));
            assertThat(e.codePoints().noneMatch(ExplainerTest::cjk)).as(e).isTrue();
            assertThat(z.codePoints().anyMatch(ExplainerTest::cjk)).as(z).isTrue();
        }
        for (int s : en.explainer.streams()) {
            assertThat(numbers(String.join("\n", zh.explainer.summary(s))))
                    .isEqualTo(numbers(String.join("\n", en.explainer.summary(s))));
        }
    }

    @Test
    void seedSummaryAndLadder() throws IOException {
        Explained x = Explained.file(SEED, Lang.EN);
        List<String> summary = x.explainer.summary(0);
        assertThat(summary.get(0)).isEqualTo("Stream 0: client 127.0.0.1:5201, server 127.0.0.1:5200");
        assertThat(String.join("\n", summary))
                .contains("Handshake: packets 1 (SYN), 2 (SYN/ACK), 3 (ACK); initial RTT 0.229 ms.")
                .contains("Data from the client to the server: 19 bytes in 4 segments.")
                .contains("Data from the server to the client: 69 bytes in 4 segments.")
                .contains("the client's FIN (packet 17), the server's ACK (packet 18), the server's FIN (packet 19),"
                        + " the client's ACK (packet 20): the four-way close")
                .contains("The client closed first (active close), so the client keeps the connection in TIME_WAIT");
        List<String> ladder = x.explainer.ladder(0);
        assertThat(ladder).hasSize(22);
        assertThat(ladder.get(2)).startsWith("    1   0.000000  |--- SYN Seq=0 Len=0 ").endsWith("->|");
        assertThat(ladder.get(3)).contains("|<").contains(" SYN, ACK Seq=0 Ack=1 Len=0 ").endsWith("---|");
        assertThat(ladder.stream().skip(2).map(String::length).distinct()).hasSize(1);
    }

    @Test
    void retransmissionFastRetransmissionAndDuplicateAcks() {
        Explained x = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(201).c(1201, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0)
                .at(251).s(5001, 1101, ACK, 8000, 0)
                .at(252).s(5001, 1101, ACK, 8000, 0)
                .at(255).c(1101, 5001, ACK, 8000, 100)
                .at(900).c(1101, 5001, ACK, 8000, 100)
                .explain(Lang.EN);
        assertThat(x.roles().subList(3, 10)).containsExactly(DATA, DATA, Role.ACK, DUPLICATE_ACK, DUPLICATE_ACK,
                FAST_RETRANSMISSION, RETRANSMISSION);
        checkArithmetic(x);
        assertThat(x.explanations.get(4).lines()).anySatisfy(l -> assertThat(l).contains("bytes 101..200 are missing"));
        assertThat(x.explanations.get(6).lines().get(0)).contains("Duplicate ACK #1").contains("packet 6");
        assertThat(x.explanations.get(8).lines().get(0)).startsWith("Fast retransmission").contains("bytes 101..200");
        assertThat(x.explanations.get(8).rule().name()).isEqualTo("Bad TCP");
        assertThat(x.explanations.get(8).lines()).last().asString()
                .contains("tcp.analysis.fast_retransmission");
        assertThat(String.join("\n", x.explainer.summary(0))).contains("2 duplicate ACKs").doesNotContain("no retrans");
    }

    @Test
    void resetEndsTheConversation() {
        Explained x = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, PSH | ACK, 8000, 10)
                .at(250).s(5001, 1011, RST | ACK, 0, 0)
                .explain(Lang.ZH);
        assertThat(x.roles()).endsWith(DATA, RESET);
        assertThat(x.explanations.get(4).rule().name()).isEqualTo("TCP RST");
        assertThat(x.explanations.get(4).lines().get(0)).startsWith("复位，RST：服务端");
        assertThat(String.join("\n", x.explainer.summary(0))).contains("由服务端的复位结束（第 5 号包）");
        checkArithmetic(x);
    }

    @Test
    void zeroWindowProbeAndKeepAlive() {
        Explained x = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 0, 0)
                .at(500).c(1101, 5001, ACK, 8000, 1)
                .at(550).s(5001, 1101, ACK, 0, 0)
                .at(600).s(5001, 1101, ACK, 8000, 0)
                .at(10_000).c(1100, 5001, ACK, 8000, 0)
                .at(10_050).s(5001, 1101, ACK, 8000, 0)
                .explain(Lang.EN);
        assertThat(x.roles().subList(3, 10)).containsExactly(DATA, ZERO_WINDOW, ZERO_WINDOW_PROBE,
                ZERO_WINDOW_PROBE_ACK, WINDOW_UPDATE, KEEP_ALIVE, KEEP_ALIVE_ACK);
        for (int i = 3; i < 10; i++) {
            Explained.Analysis a = x.analysis.get(i);
            Role r = x.roles().get(i);
            assertThat(r == ZERO_WINDOW).isEqualTo(a.has(TcpRecord.ZERO_WINDOW) && !a.has(TcpRecord.ZERO_WINDOW_PROBE_ACK));
            assertThat(r == KEEP_ALIVE).isEqualTo(a.has(TcpRecord.KEEP_ALIVE));
        }
        assertThat(x.explanations.get(4).lines()).contains("Win=0: this side's receive buffer is full; the peer must pause.");
        assertThat(x.explanations.get(8).rule().name()).isEqualTo("TCP"); // a window update is not Bad TCP
        assertThat(x.explanations.get(8).lines()).last().asString().contains("rule \"TCP\"");
        assertThat(x.explanations.get(9).rule().name()).isEqualTo("TCP"); // nor is a keep-alive
        assertThat(String.join("\n", x.explainer.summary(0))).contains("2 zero windows").contains("1 keep-alive");
    }

    @Test
    void halfCloseLetsTheServerGoOnSending() {
        Explained x = new Explained.Builder(false).handshake()
                .at(200).c(1001, 5001, FIN | ACK, 8000, 0)
                .at(250).s(5001, 1002, ACK, 8000, 0)
                .at(300).s(5001, 1002, PSH | ACK, 8000, 50)
                .at(350).c(1002, 5051, ACK, 8000, 0)
                .explain(Lang.EN);
        assertThat(x.roles().subList(3, 7)).containsExactly(Role.FIN, FIN_ACK, DATA, Role.ACK);
        assertThat(x.explanations.get(4).lines().get(0)).contains("half-close");
        assertThat(String.join("\n", x.explainer.summary(0)))
                .contains("Only the client closed its direction in the capture (half-close)")
                .contains("Data from the server to the client: 50 bytes in 1 segment.");
        checkArithmetic(x);
    }

    @Test
    void ipv6AndNoHandshakeAreExplainedFromTheSegmentsAlone() {
        Explained x = new Explained.Builder(true)
                .at(0).c(7001, 9001, PSH | ACK, 500, 20)
                .at(10).s(9001, 7021, ACK, 500, 0)
                .explain(Lang.EN);
        assertThat(x.roles()).containsExactly(DATA, Role.ACK);
        assertThat(x.explainer.summary(0).get(0)).contains("client [2001:db8::1]:40000, server [2001:db8::2]:5201")
                .contains("handshake not captured");
        assertThat(x.explanations.get(0).lines()).anySatisfy(l -> assertThat(l).contains("first segment seen from this side"))
                .anySatisfy(l -> assertThat(l).contains("scale factor is unknown"));
        assertThat(x.explanations.get(1).ackedFrame()).isEqualTo(1);
        checkArithmetic(x);
    }

    /**
     * For every TCP segment: Seq and Ack are the analysis' relative numbers, next Seq is
     * Seq + Len (+1 for SYN and FIN), and an acknowledged packet is the one whose next Seq the
     * Ack equals, the same packet the analysis names in tcp.analysis.acks_frame.
     */
    private static void checkArithmetic(Explained x) {
        for (int i = 0; i < x.explanations.size(); i++) {
            Explanation e = x.explanations.get(i);
            Explained.Analysis a = x.analysis.get(i);
            if (a == null) {
                continue;
            }
            assertThat(e.seq()).as("seq of %d", i + 1).isEqualTo(a.seq());
            int synFin = ((a.flags() & 0x02) != 0 ? 1 : 0) + ((a.flags() & 0x01) != 0 ? 1 : 0);
            assertThat(e.nextSeq()).as("next seq of %d", i + 1).isEqualTo(a.seq() + a.len() + synFin);
            if ((a.flags() & 0x10) != 0) {
                assertThat(e.ack()).as("ack of %d", i + 1).isEqualTo(a.ack());
            }
            if (e.ackedFrame() != 0) {
                Explanation acked = x.explanations.get((int) e.ackedFrame() - 1);
                assertThat(acked.nextSeq()).as("packet %d acks %d", i + 1, e.ackedFrame()).isEqualTo(e.ack());
                assertThat(acked.fromClient()).isNotEqualTo(e.fromClient());
                if (a.acksFrame() != 0) {
                    assertThat(e.ackedFrame()).as("acks_frame of %d", i + 1).isEqualTo(a.acksFrame());
                }
            }
            if (a.acksFrame() != 0 && e.role() != RESET) {
                assertThat(e.ackedFrame()).as("acks_frame of %d", i + 1).isEqualTo(a.acksFrame());
            }
        }
    }

    /** The distinct numbers in {@code s}, sorted. */
    private static java.util.SortedSet<String> numbers(String s) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static boolean cjk(int cp) {
        return cp >= 0x4e00 && cp <= 0x9fff;
    }
}
