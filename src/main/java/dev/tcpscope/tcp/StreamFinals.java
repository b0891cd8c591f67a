package dev.tcpscope.tcp;

import java.util.ArrayList;
import java.util.List;

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
        static Entry of(Conversation c) {
            return new Entry(c.completeness, c.firstRtt,
                    c.low.baseSeq, c.low.baseSet, c.low.winScale,
                    c.high.baseSeq, c.high.baseSet, c.high.winScale);
        }
    }

    private final List<Entry> entries;

    StreamFinals(List<Conversation> streams) {
        entries = new ArrayList<>(streams.size());
        for (Conversation c : streams) {
            entries.add(Entry.of(c));
        }
    }

    /** Number of streams. */
    public int size() { return entries.size(); }

    /** Stream {@code stream}'s final state, or null when the first pass did not see it. */
    public Entry get(int stream) { return stream < entries.size() ? entries.get(stream) : null; }
}
