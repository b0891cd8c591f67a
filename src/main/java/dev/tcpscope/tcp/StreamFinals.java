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

    private final int size;
    private final int[] completeness;
    private final long[] firstRtt, lowBase, highBase;
    /** Per stream: low scale, high scale (bytes), and bit 0/1 low/high base set. */
    private final byte[] lowScale, highScale, baseSet;

    private StreamFinals(Builder b) {
        size = b.size;
        completeness = b.completeness;
        firstRtt = b.firstRtt;
        lowBase = b.lowBase;
        highBase = b.highBase;
        lowScale = b.lowScale;
        highScale = b.highScale;
        baseSet = b.baseSet;
    }

    public int size() { return size; }

    public Entry get(int stream) {
        if (stream < 0 || stream >= size) {
            return null;
        }
        return new Entry(completeness[stream], firstRtt[stream], lowBase[stream], (baseSet[stream] & 1) != 0,
                lowScale[stream], highBase[stream], (baseSet[stream] & 2) != 0, highScale[stream]);
    }

    /**
     * Collects the values stream by stream as a first pass goes: a conversation's are set when it
     * is spilled, replaced by a new connection on the same ports, or at the end, whichever is
     * last; about 40 bytes a stream in primitive arrays.
     */
    static final class Builder {
        private int size;
        private int[] completeness = new int[64];
        private long[] firstRtt = new long[64], lowBase = new long[64], highBase = new long[64];
        private byte[] lowScale = new byte[64], highScale = new byte[64], baseSet = new byte[64];

        /** Makes room for streams up to {@code stream}. */
        void ensure(int stream) {
            if (stream >= completeness.length) {
                int n = Math.max(stream + 1, completeness.length * 2);
                completeness = java.util.Arrays.copyOf(completeness, n);
                firstRtt = java.util.Arrays.copyOf(firstRtt, n);
                lowBase = java.util.Arrays.copyOf(lowBase, n);
                highBase = java.util.Arrays.copyOf(highBase, n);
                lowScale = java.util.Arrays.copyOf(lowScale, n);
                highScale = java.util.Arrays.copyOf(highScale, n);
                baseSet = java.util.Arrays.copyOf(baseSet, n);
            }
            size = Math.max(size, stream + 1);
        }

        void set(Conversation c) {
            int i = c.stream;
            ensure(i);
            completeness[i] = c.completeness;
            firstRtt[i] = c.firstRtt;
            lowBase[i] = c.low.baseSeq;
            highBase[i] = c.high.baseSeq;
            lowScale[i] = (byte) c.low.winScale;
            highScale[i] = (byte) c.high.winScale;
            baseSet[i] = (byte) ((c.low.baseSet ? 1 : 0) | (c.high.baseSet ? 2 : 0));
        }

        StreamFinals build() { return new StreamFinals(this); }
    }
}
