package dev.tcpscope.tcp;

import java.util.Arrays;

/**
 * Where each segment of a multi-segment PDU saw its PDU completed, noted by a first pass for the
 * second one ({@code tshark -2}), as Wireshark's TCP reassembly table remembers it: on its second
 * pass {@code desegment_tcp} finds the completed reassembly for an earlier segment and shows
 * {@code [Reassembled PDU in frame: N]} ({@code tcp.reassembled_in}, packet-tcp.c).
 *
 * <p>Two kinds of entry, as the second pass finds a PDU two ways: the segment that starts a PDU
 * is found by its sequence number and shows the frame of the PDU's latest reassembly, even one
 * whose dissector then asked for more ({@code FD_PARTIAL_REASSEMBLY}); any other segment shows
 * only a finished reassembly's frame.
 *
 * <p>Memory: one {@code long} (frame, completing frame and kind packed) and one {@code int} (where
 * the fragment starts) per segment that belongs
 * to a PDU reassembled in a later frame, and one per reassembly for the segment that started
 * it; nothing for other frames. The entries are noted
 * in completion order, sorted once by {@link #freeze()}, and read in frame order by the second
 * pass through a cursor (which starts over when asked out of order).
 */
public final class PduCompletions {
    private long[] entries = new long[64];
    /** The low 32 bits of the sequence number at which each entry's fragment starts. */
    private int[] seqs = new int[64];
    private int count;
    private boolean frozen;
    private int cursor;

    /**
     * Notes that the fragment of segment frame {@code frame} starting at sequence number
     * {@code seq} belongs to a PDU reassembled in frame {@code in}: {@code finished} when that
     * reassembly stood, else (the dissector asked for more) for the PDU's first segment only.
     */
    void note(int frame, long seq, int in, boolean finished) {
        if (frozen) {
            throw new IllegalStateException("noted after freeze");
        }
        if (count == entries.length) {
            entries = Arrays.copyOf(entries, count * 2);
            seqs = Arrays.copyOf(seqs, count * 2);
        }
        seqs[count] = (int) seq;
        entries[count++] = ((long) frame << 32) | ((long) in << 1) | (finished ? 1 : 0);
    }

    /**
     * Ends the noting: sorts the entries by frame, in place. Completions are noted in frame
     * order, so among notes for the same frame the latest has the largest completing frame and
     * sorts last, which is the one {@link #of} returns.
     */
    public PduCompletions freeze() {
        if (!frozen) {
            sort(0, count - 1);
            frozen = true;
        }
        return this;
    }

    /** Quicksort of the entries (and their sequence numbers alongside) by entry value. */
    private void sort(int lo, int hi) {
        while (lo < hi) {
            long pivot = entries[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (entries[i] < pivot) {
                    i++;
                }
                while (entries[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long e = entries[i];
                    entries[i] = entries[j];
                    entries[j] = e;
                    int q = seqs[i];
                    seqs[i] = seqs[j];
                    seqs[j] = q;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) { // recurse into the smaller side, loop on the larger
                sort(lo, j);
                lo = i;
            } else {
                sort(i, hi);
                hi = j;
            }
        }
    }

    /** The PDUs the first pass started, (frame, low 32 bits of the sequence number), in frame order. */
    private long[] starts = new long[16];
    private int startCount;
    private boolean startsSorted;

    /** Notes that the first pass started a PDU at sequence number {@code seq} in {@code frame}. */
    void noteStart(int frame, long seq) {
        if (startCount == starts.length) {
            starts = Arrays.copyOf(starts, startCount * 2);
        }
        starts[startCount++] = ((long) frame << 32) | (seq & 0xffffffffL);
        startsSorted = false;
    }

    /**
     * Whether the first pass started a PDU at {@code seq} in {@code frame}: the second pass
     * (packet-tcp.c on a visited frame) starts none of its own.
     */
    boolean started(int frame, long seq) {
        if (!startsSorted) {
            Arrays.sort(starts, 0, startCount);
            startsSorted = true;
        }
        return Arrays.binarySearch(starts, 0, startCount, ((long) frame << 32) | (seq & 0xffffffffL)) >= 0;
    }

    /** Splits: (completing frame, low 32 bits of the PDU's sequence number) to the length the PDU was cut to. */
    private final java.util.Map<Long, Integer> splits = new java.util.HashMap<>();

    /**
     * Notes that the PDU starting at sequence number {@code seq}, completed in {@code frame}, was
     * cut to its first {@code at} bytes (packet-tcp.c's {@code split_msp}: its dissector used those
     * and asked for more after them): the second pass reassembles it that long.
     */
    void noteSplit(int frame, long seq, int at) {
        splits.put(((long) frame << 32) | (seq & 0xffffffffL), at);
    }

    /** The length the first pass cut the PDU starting at {@code seq} to in {@code frame}, or 0. */
    int split(int frame, long seq) {
        Integer at = splits.get(((long) frame << 32) | (seq & 0xffffffffL));
        return at == null ? 0 : at;
    }

    /** Number of entries (for tests of the memory bound). */
    public int size() { return count; }

    /**
     * The frame in which the fragment of frame {@code frame} starting at sequence number
     * {@code seq} saw its PDU reassembled, or 0 when none is known: with {@code startsPdu} (the
     * fragment starts the PDU) its latest reassembly, else its finished one. A segment may carry
     * the end of one PDU and the start of the next (each has its frame); when no note of the frame
     * starts at {@code seq}, any note of the frame answers.
     */
    public int of(int frame, long seq, boolean startsPdu) {
        if (!frozen) {
            freeze();
        }
        if (count == 0) {
            return 0;
        }
        if (cursor > count || cursor > 0 && (entries[cursor - 1] >>> 32) >= frame
                || cursor < count && (entries[cursor] >>> 32) < frame - 64) {
            // asked out of order (a PDU's first frame, asked again later), or far ahead: the
            // frame's first entry by binary search
            int lo = 0;
            int hi = count;
            long key = (long) frame << 32;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (entries[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            cursor = lo;
        }
        while (cursor < count && (entries[cursor] >>> 32) < frame) {
            cursor++;
        }
        int found = 0;
        int foundAtSeq = 0;
        for (int i = cursor; i < count && (entries[i] >>> 32) == frame; i++) {
            long e = entries[i];
            if (startsPdu || (e & 1) != 0) {
                int in = (int) ((e & 0xffffffffL) >>> 1);
                found = in;
                if (seqs[i] == (int) seq) {
                    foundAtSeq = in;
                }
            }
        }
        return foundAtSeq != 0 ? foundAtSeq : found;
    }
}
