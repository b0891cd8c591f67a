package dev.tcpscope.tcp;

import static dev.tcpscope.tcp.Exchange.ACK;
import static dev.tcpscope.tcp.Exchange.PSH;
import static dev.tcpscope.tcp.Exchange.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each TCP analysis flag raised on a small exchange where tshark 4.0.17 raises it (the expected
 * labels were checked with {@code tshark -r} on the same captures). Client ISN 1000, server ISN
 * 5000; the handshake's RTT is 100 ms, which is the out-of-order threshold afterwards.
 */
class SequenceAnalysisTest {

    private static List<String> after(Exchange x) {
        List<String> l = x.labels();
        return l.subList(3, l.size());
    }

    @Test
    void cleanExchangeHasNoLabels() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, PSH | ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0)
                .at(300).s(5001, 1101, PSH | ACK, 8000, 50)
                .at(350).c(1101, 5051, ACK, 8000, 0);
        assertThat(x.labels()).containsOnly("");
    }

    @Test
    void retransmissionAfterTheOutOfOrderThreshold() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, PSH | ACK, 8000, 100)
                .at(500).c(1001, 5001, PSH | ACK, 8000, 100);
        assertThat(after(x)).containsExactly("", "[TCP Retransmission]");
    }

    @Test
    void outOfOrderWithinTheHandshakeRtt() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1101, 5001, ACK, 8000, 100)
                .at(210).c(1001, 5001, ACK, 8000, 100);
        assertThat(after(x)).containsExactly("[TCP Previous segment not captured]", "[TCP Out-Of-Order]");
    }

    @Test
    void duplicateAcksThenFastRetransmission() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(201).c(1201, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0)
                .at(251).s(5001, 1101, ACK, 8000, 0)
                .at(252).s(5001, 1101, ACK, 8000, 0)
                .at(255).c(1101, 5001, ACK, 8000, 100);
        assertThat(after(x)).containsExactly("", "[TCP Previous segment not captured]", "",
                "[TCP Dup ACK 6#1]", "[TCP Dup ACK 6#2]", "[TCP Fast Retransmission]");
    }

    @Test
    void spuriousRetransmissionOfAcknowledgedData() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0)
                .at(600).c(1001, 5001, ACK, 8000, 100);
        assertThat(after(x)).containsExactly("", "", "[TCP Spurious Retransmission]");
    }

    @Test
    void ackedUnseenSegmentIsReportedOnce() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1201, ACK, 8000, 0)
                .at(251).s(5001, 1201, ACK, 8000, 10);
        assertThat(after(x)).containsExactly("", "[TCP ACKed unseen segment]", "");
    }

    @Test
    void windowUpdateAndWindowFull() {
        Exchange x = new Exchange().handshake()
                .at(200).s(5001, 1001, ACK, 300, 0)
                .at(250).c(1001, 5001, ACK, 8000, 300)
                .at(300).s(5001, 1301, ACK, 8000, 0)
                .at(350).s(5001, 1301, ACK, 9000, 0);
        assertThat(after(x)).containsExactly("[TCP Window Update]", "[TCP Window Full]", "", "[TCP Window Update]");
    }

    @Test
    void zeroWindowProbeAndItsAck() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 0, 0)
                .at(500).c(1101, 5001, ACK, 8000, 1)
                .at(550).s(5001, 1101, ACK, 0, 0);
        assertThat(after(x)).containsExactly("", "[TCP ZeroWindow]", "[TCP ZeroWindowProbe]",
                "[TCP ZeroWindowProbeAck] [TCP ZeroWindow]");
    }

    @Test
    void keepAliveAndItsAck() {
        Exchange x = new Exchange().handshake()
                .at(200).c(1001, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0)
                .at(10_000).c(1100, 5001, ACK, 8000, 0)
                .at(10_050).s(5001, 1101, ACK, 8000, 0);
        assertThat(after(x)).containsExactly("", "", "[TCP Keep-Alive]", "[TCP Keep-Alive ACK]");
    }

    @Test
    void newSynOnTheSamePortsStartsAStreamWithReusedPorts() {
        Exchange x = new Exchange().handshake()
                .at(1000).c(90_000, 0, SYN, 8000, 0)
                .at(1050).s(70_000, 90_001, SYN | ACK, 8000, 0);
        assertThat(after(x)).containsExactly("[TCP Port numbers reused]", "");
    }

    @Test
    void repeatedSynIsARetransmission() {
        Exchange x = new Exchange().at(0).c(1000, 0, SYN, 8000, 0).at(1000).c(1000, 0, SYN, 8000, 0);
        assertThat(x.labels()).containsExactly("", "[TCP Retransmission]");
    }

    @Test
    void repeatedSynForgetsWhatAResetAdvanced() {
        Exchange x = new Exchange().at(0).c(1000, 0, SYN, 8000, 0)
                .at(10).c(1500, 0, Exchange.RST, 0, 0)
                .at(1000).c(1000, 0, SYN, 8000, 0)
                .at(1100).c(1001, 0, PSH, 8000, 10);
        assertThat(x.labels()).containsExactly("", "", "[TCP Retransmission]", "");
    }
}
