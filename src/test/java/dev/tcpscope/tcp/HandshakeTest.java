package dev.tcpscope.tcp;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed experiment's connection: handshake in frames 1–3, the client (5201) closes first. */
class HandshakeTest {
    @Test
    void learnTcpOpensInThreeStepsAndTheClientClosesFirst() throws IOException {
        Decoder d = new Decoder();
        Boolean clientForward = null;
        try (CaptureReader r = Captures.open("captures/learn_tcp.pcapng")) {
            Frame f = new Frame();
            while (r.next(f)) {
                d.decode(f);
                if (f.number() == 1) {
                    clientForward = d.tcp().forward; // the SYN comes from the client
                }
            }
        }
        Handshake h = d.analyzer().conversation().handshake();
        assertThat(h.complete()).isTrue();
        assertThat(new int[] {h.synFrame(), h.synAckFrame(), h.ackFrame()}).containsExactly(1, 2, 3);
        assertThat(h.finFrame(clientForward)).isEqualTo(17);
        assertThat(h.finFrame(!clientForward)).isEqualTo(19);
        assertThat(h.closedFirst(clientForward)).isTrue();
        assertThat(h.closedFirst(!clientForward)).isFalse();
        assertThat(h.rstFrame()).isZero();
        assertThat(d.analyzer().conversation().completeness()).isEqualTo(31);
    }
}
