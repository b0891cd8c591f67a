package dev.tcpscope.web.graph;

import java.util.Arrays;

/**
 * The segments of one TCP stream, both directions, in capture order, as Wireshark's
 * {@code tap-tcp-stream.c} collects them for its graphs: one row of primitive columns per segment
 * (about 60 bytes), nothing per frame of other streams.
 *
 * <p>Sequence and acknowledgement numbers are the relative ones tshark shows, extended past 2^32
 * ({@link #add}), so that every comparison is a plain {@code <} and a stream of more than 4 GiB
 * still climbs. A segment's SACK blocks (at most four, as Wireshark keeps them) are in the
 * acknowledging side's numbers, like its ACK.
 */
final class Segments {
    /** Wireshark's {@code MAX_TCP_SACK_RANGES}. */
    static final int MAX_SACK_BLOCKS = 4;
    private static final int FORWARD = 1 << 16;

    private int size;
    private long[] frame = new long[64];
    private long[] time = new long[64];
    private long[] seq = new long[64];
    private long[] ack = new long[64];
    private long[] window = new long[64];
    private int[] length = new int[64];
    private int[] flags = new int[64];
    /** Segment i's SACK blocks are {@code [sackEnd[i-1], sackEnd[i])} of the edge arrays (from 0 for i = 0). */
    private int[] sackEnd = new int[64];
    private int sackCount;
    private long[] sackLeft = new long[16];
    private long[] sackRight = new long[16];

    /** The last extended number of each sequence space: the low→high sender's [1], the other's [0]. */
    private final long[] reference = new long[2];

    /**
     * Adds a segment. {@code seq32} is in the space of its sender, {@code ack32} and the SACK edges
     * in the space of the other side; all are 32-bit relative numbers, extended here to the value
     * nearest the last one seen in their space. {@code sacks} holds {@code sackBlocks} pairs of
     * left and right edges.
     *
     * @param forward whether the sender is the low→high side of the conversation ({@code TcpRecord.forward})
     */
    void add(long frameNumber, long timeNs, boolean forward, int tcpFlags, long seq32, long ack32, int len,
             long win, long[] sacks, int sackBlocks, boolean hasAck) {
        grow();
        int i = size++;
        frame[i] = frameNumber;
        time[i] = timeNs;
        flags[i] = tcpFlags & 0xffff | (forward ? FORWARD : 0);
        seq[i] = extend(forward ? 1 : 0, seq32);
        ack[i] = hasAck ? extend(forward ? 0 : 1, ack32) : 0;
        length[i] = len;
        window[i] = win;
        int space = forward ? 0 : 1;
        for (int b = 0; b < sackBlocks; b++) {
            if (sackCount == sackLeft.length) {
                sackLeft = Arrays.copyOf(sackLeft, sackCount * 2);
                sackRight = Arrays.copyOf(sackRight, sackCount * 2);
            }
            sackLeft[sackCount] = extend(space, sacks[2 * b]);
            sackRight[sackCount] = extend(space, sacks[2 * b + 1]);
            sackCount++;
        }
        sackEnd[i] = sackCount;
    }

    /** The value congruent to {@code v} modulo 2^32 nearest the last one of {@code space}; it becomes the last one. */
    private long extend(int space, long v) {
        long last = reference[space];
        long extended = last + (int) (v - last);
        reference[space] = extended;
        return extended;
    }

    private void grow() {
        if (size < frame.length) {
            return;
        }
        int n = size * 2;
        frame = Arrays.copyOf(frame, n);
        time = Arrays.copyOf(time, n);
        seq = Arrays.copyOf(seq, n);
        ack = Arrays.copyOf(ack, n);
        window = Arrays.copyOf(window, n);
        length = Arrays.copyOf(length, n);
        flags = Arrays.copyOf(flags, n);
        sackEnd = Arrays.copyOf(sackEnd, n);
    }

    int size() { return size; }

    long frame(int i) { return frame[i]; }

    /** Seconds since the capture's first frame. */
    double seconds(int i) { return time[i] / 1e9; }

    /** Nanoseconds since the capture's first frame. */
    long nanos(int i) { return time[i]; }

    /** Whether the low→high side sent it. */
    boolean forward(int i) { return (flags[i] & FORWARD) != 0; }

    /** The TCP flags ({@code dev.tcpscope.wire.Tcp.SYN} ...). */
    int flags(int i) { return flags[i] & 0xffff; }

    boolean has(int i, int flag) { return (flags[i] & flag) != 0; }

    long seq(int i) { return seq[i]; }

    /** The acknowledgement number; meaningful only with the ACK flag. */
    long ack(int i) { return ack[i]; }

    /** {@code tcp.len}. */
    int length(int i) { return length[i]; }

    /** {@code tcp.window_size}: the window scaled by the sender's factor when it is known. */
    long window(int i) { return window[i]; }

    int sackBlocks(int i) { return sackEnd[i] - sackStart(i); }

    long sackLeft(int i, int block) { return sackLeft[sackStart(i) + block]; }

    long sackRight(int i, int block) { return sackRight[sackStart(i) + block]; }

    private int sackStart(int i) { return i == 0 ? 0 : sackEnd[i - 1]; }
}
