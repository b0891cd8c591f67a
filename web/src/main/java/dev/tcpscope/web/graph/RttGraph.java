package dev.tcpscope.web.graph;

import dev.tcpscope.wire.Tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark 4.0's round-trip-time graph ({@code fillRoundTripTime}, by sequence number): every
 * segment sent with data whose first byte is not already outstanding goes on a list with its
 * time; each segment from the other side ends the wait of the outstanding ranges its ACK or
 * its SACK blocks cover, one sample per range: x its first sequence number (or the SACK's left
 * edge where that splits it), y the milliseconds since it was sent.
 *
 * <p>A retransmission does not go on the list, so an ACK after one times the original copy, as
 * in Wireshark 4.0 (which has no Karn filter; 4.2 added one as an option). Each sample's frame
 * is the acknowledging segment's.
 */
final class RttGraph {
    private RttGraph() {}

    static List<Series> of(Segments s, boolean low) {
        SeriesBuilder rtt = new SeriesBuilder("RTT", Series.LINE);
        List<Outstanding> waiting = new ArrayList<>();
        List<Outstanding> still = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            long t = s.nanos(i);
            if (s.forward(i) == low) {
                long seq = s.seq(i);
                if (s.length(i) > 0 && !covers(waiting, seq)) {
                    waiting.add(new Outstanding(t, seq, seq + s.length(i)));
                }
                continue;
            }
            if (!s.has(i, Tcp.ACK_FLAG)) {
                continue;
            }
            long ack = s.ack(i);
            Sampler sampler = new Sampler(rtt, t, s.frame(i));
            still.clear();
            for (Outstanding u : waiting) {
                if (ack > u.start) {
                    sampler.sample(u.start, u);
                    if (ack >= u.end) {
                        continue;
                    }
                    u.start = ack;
                }
                List<Outstanding> pieces = List.of(u);
                for (int b = 0; b < s.sackBlocks(i) && !pieces.isEmpty(); b++) {
                    pieces = selectivelyAck(pieces, s.sackLeft(i, b), s.sackRight(i, b), sampler);
                }
                still.addAll(pieces);
            }
            List<Outstanding> swap = waiting;
            waiting = still;
            still = swap;
        }
        return List.of(rtt.build());
    }

    private static boolean covers(List<Outstanding> waiting, long seq) {
        for (Outstanding u : waiting) {
            if (seq >= u.start && seq < u.end) {
                return true;
            }
        }
        return false;
    }

    /** What is left of {@code pieces} once the SACK block {@code [left, right)} has been received. */
    private static List<Outstanding> selectivelyAck(List<Outstanding> pieces, long left, long right, Sampler sampler) {
        if (left >= right) {
            return pieces;
        }
        List<Outstanding> left_ = new ArrayList<>(pieces.size() + 1);
        for (Outstanding u : pieces) {
            if (u.start >= right || left >= u.end) {
                left_.add(u);
                continue;
            }
            boolean headAcked = u.start >= left;
            boolean tailAcked = right >= u.end;
            sampler.sample(headAcked ? u.start : left, u);
            if (headAcked && tailAcked) {
                continue;
            }
            if (headAcked) {
                u.start = right;
                left_.add(u);
            } else if (tailAcked) {
                u.end = left;
                left_.add(u);
            } else {
                Outstanding tail = new Outstanding(u.sent, right, u.end);
                u.end = left;
                left_.add(u);
                left_.add(tail);
            }
        }
        return left_;
    }

    /** A range of sequence numbers sent at {@code sent} (ns) and not yet acknowledged. */
    private static final class Outstanding {
        final long sent;
        long start;
        long end;

        Outstanding(long sent, long start, long end) {
            this.sent = sent;
            this.start = start;
            this.end = end;
        }
    }

    /** Adds the samples of one acknowledging segment. */
    private record Sampler(SeriesBuilder rtt, long now, long frame) {
        void sample(long seq, Outstanding u) {
            rtt.add(seq, (now - u.sent) / 1e6, frame);
        }
    }
}
