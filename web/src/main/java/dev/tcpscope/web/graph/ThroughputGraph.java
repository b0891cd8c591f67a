package dev.tcpscope.web.graph;

import dev.tcpscope.wire.Tcp;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wireshark 4.0's throughput graph ({@code fillThroughput} with its default {@code MA_1_SECOND}):
 * the bits per second of a moving window of {@code window} seconds, for the segments sent
 * (throughput: every byte on the wire, retransmissions included) and for the bytes the other
 * side acknowledges (goodput). A value is plotted where a segment enters the window and where
 * one leaves it, so the step line is exact.
 *
 * <p>Goodput counts a byte once, when the receiver first reports it: by a cumulative ACK that
 * moves past it, or earlier by a SACK block (Wireshark's {@code USE_SACKS_IN_GOODPUT_CALC}).
 * Retransmitted bytes are acknowledged once, so they raise throughput but not goodput.
 */
final class ThroughputGraph {
    private ThroughputGraph() {}

    static List<Series> of(Segments s, boolean low, double window) {
        MovingSum throughput = new MovingSum(new SeriesBuilder("Throughput", Series.STEP), window);
        MovingSum goodput = new MovingSum(new SeriesBuilder("Goodput", Series.STEP), window);
        SackedBytes sacked = new SackedBytes();
        long lastAck = firstAck(s, low);
        for (int i = 0; i < s.size(); i++) {
            if (s.forward(i) == low) {
                throughput.add(s.seconds(i), s.length(i), s.frame(i));
                continue;
            }
            long acked = 0;
            if (s.has(i, Tcp.ACK_FLAG) && s.ack(i) >= lastAck) {
                long ack = s.ack(i);
                acked = ack - lastAck - sacked.acknowledge(ack);
                lastAck = ack;
                for (int b = 0; b < s.sackBlocks(i); b++) {
                    acked += sacked.add(Math.max(s.sackLeft(i, b), ack), s.sackRight(i, b));
                }
            }
            goodput.add(s.seconds(i), acked, s.frame(i));
        }
        return List.of(throughput.points.build(), goodput.points.build());
    }

    /** The ACK of the first segment from the other side with ACK set: where acknowledged bytes start. */
    private static long firstAck(Segments s, boolean low) {
        for (int i = 0; i < s.size(); i++) {
            if (s.forward(i) != low && s.has(i, Tcp.ACK_FLAG)) {
                return s.ack(i);
            }
        }
        return 0;
    }

    /** The bytes of the last {@code window} seconds and the step line of their rate. */
    private static final class MovingSum {
        final SeriesBuilder points;
        private final double window;
        private double[] times = new double[64];
        private long[] bytes = new long[64];
        private long[] frames = new long[64];
        private int oldest;
        private int size;
        private long sum;

        MovingSum(SeriesBuilder points, double window) {
            this.points = points;
            this.window = window;
        }

        void add(double t, long n, long frame) {
            if (size == times.length) {
                compact();
            }
            times[size] = t;
            bytes[size] = n;
            frames[size] = frame;
            size++;
            while (oldest < size && t - times[oldest] > window) {
                sum -= bytes[oldest];
                points.add(times[oldest] + window, rate(), frames[oldest]);
                oldest++;
            }
            sum += n;
            if (points.size() > 0 && t <= points.lastX()) {
                points.replaceLast(rate(), frame);
            } else {
                points.add(t, rate(), frame);
            }
        }

        private double rate() { return sum * 8.0 / window; }

        /** Drops what has left the window, or makes room when all of it is still in. */
        private void compact() {
            if (oldest > 0) {
                int live = size - oldest;
                System.arraycopy(times, oldest, times, 0, live);
                System.arraycopy(bytes, oldest, bytes, 0, live);
                System.arraycopy(frames, oldest, frames, 0, live);
                size = live;
                oldest = 0;
            }
            if (size > times.length / 2) {
                times = Arrays.copyOf(times, times.length * 2);
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
                frames = Arrays.copyOf(frames, frames.length * 2);
            }
        }
    }

    /** The byte ranges SACKed above the cumulative ACK, disjoint, keyed by their left edge. */
    private static final class SackedBytes {
        private final TreeMap<Long, Long> ranges = new TreeMap<>();

        /** Forgets what {@code ack} now covers; returns how many of those bytes had been SACKed (counted already). */
        long acknowledge(long ack) {
            long counted = 0;
            while (!ranges.isEmpty() && ranges.firstKey() < ack) {
                Map.Entry<Long, Long> first = ranges.pollFirstEntry();
                long right = first.getValue();
                counted += Math.min(right, ack) - first.getKey();
                if (right > ack) {
                    ranges.put(ack, right);
                }
            }
            return counted;
        }

        /** Adds {@code [left, right)}; returns how many of its bytes were not SACKed before. */
        long add(long left, long right) {
            if (left >= right) {
                return 0;
            }
            long newBytes = right - left;
            long from = left;
            long to = right;
            Map.Entry<Long, Long> before = ranges.floorEntry(left);
            if (before != null && before.getValue() >= left) {
                from = before.getKey();
            }
            for (Map.Entry<Long, Long> r = ranges.ceilingEntry(from); r != null && r.getKey() <= to; r = ranges.ceilingEntry(from)) {
                newBytes -= Math.max(0, Math.min(r.getValue(), right) - Math.max(r.getKey(), left));
                to = Math.max(to, r.getValue());
                ranges.remove(r.getKey());
            }
            ranges.put(from, to);
            return newBytes;
        }
    }
}
