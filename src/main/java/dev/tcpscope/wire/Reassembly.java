package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * The IP datagram a frame completed, as Wireshark's {@code fragment_head} describes it
 * (epan/reassemble.c): the fragments in the order they are listed (by offset, earlier arrivals
 * first among equal offsets), each with its frame, offset, length and error flags, and the
 * reassembled bytes. Owned by the {@link Dissector} that completed it and valid until that
 * dissector's next frame, like the {@link Dissection} that points to it.
 */
public final class Reassembly {
    /** The fragment overlaps bytes an earlier-listed fragment supplied ({@code FD_OVERLAP}). */
    public static final int OVERLAP = 1;
    /** ...and its bytes there differ ({@code FD_OVERLAPCONFLICT}). */
    public static final int OVERLAP_CONFLICT = 2;
    /** A last fragment that gives another datagram length than the first one did ({@code FD_MULTIPLETAILS}). */
    public static final int MULTIPLE_TAILS = 4;
    /** The fragment runs past the datagram's end ({@code FD_TOOLONGFRAGMENT}). */
    public static final int TOO_LONG = 8;
    /** The flags that make Wireshark show a fragment as a defragmentation error. */
    public static final int ERRORS = OVERLAP_CONFLICT | MULTIPLE_TAILS | TOO_LONG;

    int count;
    long[] frames = new long[8];
    int[] offsets = new int[8];
    int[] lengths = new int[8];
    int[] flags = new int[8];
    int allFlags;
    boolean v6;
    int layer;
    MemorySegment segment = MemorySegment.NULL;
    long offset;
    int length;

    Reassembly() { }

    /** How many fragments made the datagram. */
    public int count() { return count; }

    /** The frame number of fragment {@code k}. */
    public long frame(int k) { return frames[k]; }

    /** Where fragment {@code k}'s payload starts in the datagram. */
    public int offset(int k) { return offsets[k]; }

    /** How many payload bytes fragment {@code k} carried. */
    public int length(int k) { return lengths[k]; }

    /** Fragment {@code k}'s flags ({@link #OVERLAP}, ...). */
    public int flags(int k) { return flags[k]; }

    /** The union of all fragments' flags. */
    public int allFlags() { return allFlags; }

    /** Whether the datagram is IPv6 (else IPv4). */
    public boolean v6() { return v6; }

    /** Index, in the frame's {@link Dissection}, of the IP layer whose fragment completed the datagram. */
    public int layer() { return layer; }

    /** The memory holding the datagram's payload (what follows the IP header that carried the fragments). */
    public MemorySegment segment() { return segment; }

    /** Where the payload starts in {@link #segment()}. */
    public long offset() { return offset; }

    /** The payload's length. */
    public int length() { return length; }

    /** Wireshark's name of this data source: "Reassembled IPv4" or "Reassembled IPv6". */
    public String sourceName() { return v6 ? "Reassembled IPv6" : "Reassembled IPv4"; }

    void clearFragments() {
        count = 0;
        allFlags = 0;
    }

    void addFragment(long frame, int off, int len, int f) {
        if (count == frames.length) {
            int n = count * 2;
            frames = java.util.Arrays.copyOf(frames, n);
            offsets = java.util.Arrays.copyOf(offsets, n);
            lengths = java.util.Arrays.copyOf(lengths, n);
            flags = java.util.Arrays.copyOf(flags, n);
        }
        frames[count] = frame;
        offsets[count] = off;
        lengths[count] = len;
        flags[count] = f;
        allFlags |= f;
        count++;
    }
}
