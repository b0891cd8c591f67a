package dev.tcpscope.web.graph;

import dev.tcpscope.wire.Tcp;

import java.util.List;

/**
 * Wireshark 4.0's window graph ({@code fillWindowScale}, "Window Scaling"): the receive window
 * the other side advertises in each of its segments without SYN or RST ({@code tcp.window_size},
 * scaled), and for each segment sent once the other side has ACKed anything, the bytes from the
 * highest ACK so far to the segment's end (left out when the segment ends below that ACK) — the
 * data in flight, an estimate of the congestion window. Both in bytes, over time.
 */
final class WindowGraph {
    private WindowGraph() {}

    static List<Series> of(Segments s, boolean low) {
        SeriesBuilder window = new SeriesBuilder("Receive Window", Series.STEP);
        SeriesBuilder inFlight = new SeriesBuilder("Bytes in Flight", Series.STEP);
        boolean acked = false;
        long lastAck = 0;
        for (int i = 0; i < s.size(); i++) {
            double t = s.seconds(i);
            if (s.forward(i) == low) {
                long end = s.seq(i) + s.length(i);
                if (acked && end >= lastAck) {
                    inFlight.add(t, end - lastAck, s.frame(i));
                }
                continue;
            }
            if ((s.flags(i) & (Tcp.SYN | Tcp.RST)) == 0) {
                window.add(t, s.window(i), s.frame(i));
            }
            if (s.has(i, Tcp.ACK_FLAG) && (!acked || s.ack(i) >= lastAck)) {
                lastAck = s.ack(i);
                acked = true;
            }
        }
        return List.of(window.build(), inFlight.build());
    }
}
