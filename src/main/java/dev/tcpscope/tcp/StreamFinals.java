package dev.tcpscope.tcp;

/**
 * What a first pass over a capture ended with, per TCP stream: the values that tshark's second
 * pass ({@code tshark -2}) shows on every frame of the stream instead of the value reached at
 * that frame — completeness, the initial RTT, the sequence-number bases and the window scales.
 *
 * <p>This is all a second pass needs: the per-frame results (flags, acknowledged frame, RTT,
 * bytes in flight) come out the same when the analysis runs again, so nothing is kept per
 * frame and memory grows with the number of streams, not with the length of the file.
 */
public final class StreamFinals {
    /** One stream's final state; bases are raw sequence numbers, scales shift counts or −1/−2. */
    public record Entry(int completeness, long firstRtt,
                        long lowBase, boolean lowBaseSet, int lowScale,
                        long highBase, boolean highBaseSet, int highScale) {
    }

    /** Streams per page: the values are kept in pages so that growing never copies them all. */
    private static final int PAGE_BITS = 14, PAGE = 1 << PAGE_BITS;

    private final int size;
    /**
     * Per stream, by page: the initial RTT (a page only once one of its streams has one); both
     * bases (low in the high half); and the rest packed.
     */
    private final long[][] firstRtt, bases;
    /** Completeness (bits 0-7), low scale (8-15), high scale (16-23), low/high base set (24, 25). */
    private final int[][] packed;

    private StreamFinals(Builder b) {
        size = b.size;
        firstRtt = b.firstRtt;
        bases = b.bases;
        packed = b.packed;
    }

    public int size() { return size; }

    public Entry get(int stream) {
        if (stream < 0 || stream >= size) {
            return null;
        }
        int p = stream >>> PAGE_BITS, i = stream & PAGE - 1;
        long b = bases[p][i];
        int m = packed[p][i];
        long rtt = firstRtt[p] == null ? 0 : firstRtt[p][i];
        return new Entry(m & 0xff, rtt, b >>> 32, (m & 1 << 24) != 0, (byte) (m >>> 8),
                b & 0xffff_ffffL, (m & 1 << 25) != 0, (byte) (m >>> 16));
    }

    /**
     * Collects the values stream by stream as a first pass goes: a conversation's are set when it
     * is spilled, replaced by a new connection on the same ports, or at the end, whichever is
     * last; 20 bytes a stream, in pages (12 while no stream of a page has an RTT).
     */
    static final class Builder {
        private int size;
        private int pages;
        private long[][] firstRtt = new long[16][], bases = new long[16][];
        private int[][] packed = new int[16][];

        /** Makes room for streams up to {@code stream}. */
        void ensure(int stream) {
            int p = stream >>> PAGE_BITS;
            if (p >= packed.length) {
                int n = Math.max(p + 1, packed.length * 2);
                firstRtt = java.util.Arrays.copyOf(firstRtt, n);
                bases = java.util.Arrays.copyOf(bases, n);
                packed = java.util.Arrays.copyOf(packed, n);
            }
            for (; pages <= p; pages++) {
                bases[pages] = new long[PAGE];
                packed[pages] = new int[PAGE];
            }
            size = Math.max(size, stream + 1);
        }

        void set(Conversation c) {
            int stream = c.stream;
            ensure(stream);
            int p = stream >>> PAGE_BITS, i = stream & PAGE - 1;
            if (c.firstRtt != 0 && firstRtt[p] == null) {
                firstRtt[p] = new long[PAGE]; // a page of streams none of which saw an RTT has none (a SYN flood)
            }
            if (firstRtt[p] != null) {
                firstRtt[p][i] = c.firstRtt;
            }
            bases[p][i] = c.low.baseSeq << 32 | c.high.baseSeq & 0xffff_ffffL;
            packed[p][i] = c.completeness & 0xff | (c.low.winScale & 0xff) << 8 | (c.high.winScale & 0xff) << 16
                    | (c.low.baseSet ? 1 << 24 : 0) | (c.high.baseSet ? 1 << 25 : 0);
        }

        StreamFinals build() { return new StreamFinals(this); }
    }
}
