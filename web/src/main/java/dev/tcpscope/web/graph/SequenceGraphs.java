package dev.tcpscope.web.graph;

import dev.tcpscope.wire.Tcp;

import java.util.List;

/**
 * The two time-sequence graphs of Wireshark 4.0's {@code tcp_stream_dialog.cpp}
 * ({@code fillStevens}, {@code fillTcptrace}). A segment is "sent" when its sender is the
 * direction's ({@code low}: the low→high side of the conversation); the others carry the ACKs.
 */
final class SequenceGraphs {
    private SequenceGraphs() {}

    /** One point per segment sent, SYN, pure ACK and FIN included: (time, relative sequence number). */
    static List<Series> stevens(Segments s, boolean low) {
        SeriesBuilder seq = new SeriesBuilder("Sequence Number", Series.POINTS);
        for (int i = 0; i < s.size(); i++) {
            if (s.forward(i) == low) {
                seq.add(s.seconds(i), s.seq(i), s.frame(i));
            }
        }
        return List.of(seq.build());
    }

    /**
     * tcptrace's picture: each segment sent with data as a bar from its sequence number to its
     * end; from the other side, every segment with ACK set gives the ACK line and the receive
     * window line (ACK + window, the window scaled) as steps, its first SACK block and the rest
     * as bars, a tick when it repeats the previous ACK and window (a duplicate ACK, not a window
     * update); a cross at the middle of each segment sent with a zero window and no SYN, FIN or
     * RST (Wireshark's test for {@code tcp.analysis.zero_window}).
     */
    static List<Series> tcptrace(Segments s, boolean low) {
        SeriesBuilder segments = new SeriesBuilder("Segments", Series.SEGMENTS);
        SeriesBuilder acks = new SeriesBuilder("ACK", Series.STEP);
        SeriesBuilder rwin = new SeriesBuilder("Receive Window", Series.STEP);
        SeriesBuilder sack = new SeriesBuilder("SACK", Series.SEGMENTS);
        SeriesBuilder sack2 = new SeriesBuilder("Subsequent SACKs", Series.SEGMENTS);
        SeriesBuilder dupAcks = new SeriesBuilder("Dup ACKs", Series.POINTS);
        SeriesBuilder zeroWindow = new SeriesBuilder("Zero Window", Series.POINTS);
        long lastAck = 0;
        long lastEdge = 0;
        for (int i = 0; i < s.size(); i++) {
            double t = s.seconds(i);
            long frame = s.frame(i);
            if (s.forward(i) == low) {
                long seq = s.seq(i);
                int len = s.length(i);
                if (len > 0) {
                    segments.add(t, seq, seq + len, frame);
                }
                if (s.window(i) == 0 && (s.flags(i) & (Tcp.RST | Tcp.FIN | Tcp.SYN)) == 0) {
                    zeroWindow.add(t, seq + len / 2.0, frame);
                }
                continue;
            }
            if (!s.has(i, Tcp.ACK_FLAG)) {
                continue; // a SYN or RST may carry no ACK
            }
            long ack = s.ack(i);
            long edge = ack + s.window(i);
            for (int b = 0; b < s.sackBlocks(i); b++) {
                (b == 0 ? sack : sack2).add(t, s.sackLeft(i, b), s.sackRight(i, b), frame);
            }
            if (acks.size() > 0 && lastAck == ack && lastEdge == edge) {
                dupAcks.add(t, ack, frame);
            }
            acks.add(t, ack, frame);
            rwin.add(t, edge, frame);
            lastAck = ack;
            lastEdge = edge;
        }
        return List.of(segments.build(), acks.build(), rwin.build(), sack.build(), sack2.build(),
                dupAcks.build(), zeroWindow.build());
    }
}
