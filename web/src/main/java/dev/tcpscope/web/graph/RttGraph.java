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
 *
 * <p>Wireshark walks the whole list for every segment; here, while the outstanding ranges are in
 * ascending, disjoint order (always, unless data is sent below what is outstanding), a new
 * segment above all of them and an ACK without SACK blocks touch only what they must, which
 * keeps a long bulk transfer linear.
 */
final class RttGraph {
    private final SeriesBuilder rtt = new SeriesBuilder("RTT", Series.LINE);
    private List<Outstanding> waiting = new ArrayList<>();
    private List<Outstanding> still = new ArrayList<>();
    /** The highest sequence number sent so far plus one: nothing outstanding reaches it. */
    private long highestEnd = Long.MIN_VALUE;
    /** Whether {@link #waiting} is in ascending order of start and its ranges are disjoint. */
    private boolean ordered = true;

    private RttGraph() {}

    static List<Series> of(Segments s, boolean low) {
        RttGraph g = new RttGraph();
        for (int i = 0; i < s.size(); i++) {
            if (s.forward(i) == low) {
                g.sent(s.nanos(i), s.seq(i), s.length(i));
            } else if (s.has(i, Tcp.ACK_FLAG)) {
                g.acknowledged(s, i);
            }
        }
        return List.of(g.rtt.build());
    }

    private void sent(long time, long seq, int length) {
        if (length == 0 || seq < highestEnd && covered(seq)) {
            return;
        }
        if (waiting.isEmpty()) {
            ordered = true;
        } else if (seq < waiting.getLast().start) {
            ordered = false;
        }
        waiting.add(new Outstanding(time, seq, seq + length));
        highestEnd = Math.max(highestEnd, seq + length);
    }

    private boolean covered(long seq) {
        for (Outstanding u : waiting) {
            if (seq >= u.start && seq < u.end) {
                return true;
            }
        }
        return false;
    }

    private void acknowledged(Segments s, int i) {
        long ack = s.ack(i);
        Sampler sampler = new Sampler(rtt, s.nanos(i), s.frame(i));
        if (ordered && s.sackBlocks(i) == 0) {
            int done = 0;
            for (Outstanding u : waiting) {
                if (ack <= u.start) {
                    break;
                }
                sampler.sample(u.start, u);
                if (ack < u.end) {
                    u.start = ack;
                    break;
                }
                done++;
            }
            waiting.subList(0, done).clear();
            return;
        }
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
        ordered = true;
        for (int k = 1; k < waiting.size() && ordered; k++) {
            ordered = waiting.get(k).start >= waiting.get(k - 1).end;
        }
    }

    /** What is left of {@code pieces} once the SACK block {@code [left, right)} has been received. */
    private static List<Outstanding> selectivelyAck(List<Outstanding> pieces, long left, long right, Sampler sampler) {
        if (left >= right) {
            return pieces;
        }
        List<Outstanding> kept = new ArrayList<>(pieces.size() + 1);
        for (Outstanding u : pieces) {
            if (u.start >= right || left >= u.end) {
                kept.add(u);
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
                kept.add(u);
            } else if (tailAcked) {
                u.end = left;
                kept.add(u);
            } else {
                Outstanding tail = new Outstanding(u.sent, right, u.end);
                u.end = left;
                kept.add(u);
                kept.add(tail);
            }
        }
        return kept;
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
