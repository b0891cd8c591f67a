package dev.tcpscope.tcp;

import java.util.Arrays;

/**
 * What one direction of a conversation has told us so far (Zeek's TCP_Endpoint idea): the base
 * of its relative sequence numbers, its window scale, and the sequence-analysis state Wireshark
 * 4.0 keeps per flow ({@code tcp_flow_t} and {@code tcp_analyze_seq_flow_info_t}).
 *
 * <p>Sequence numbers here are raw 32-bit values compared modulo 2^32 (RFC 9293 §3.4). As in
 * Wireshark, 0 in {@link #nextSeq} and {@link #maxSeqToBeAcked} means "nothing seen yet".
 */
public final class Endpoint {
    /** Window scale is not known (no SYN with the option seen for this direction). */
    public static final int SCALE_UNKNOWN = -1;
    /** Window scaling is known not to be in use (RFC 7323 §2.2: both SYNs must carry the option). */
    public static final int SCALE_NONE = -2;
    /** At most this many unacknowledged segments are remembered per direction (as Wireshark). */
    static final int MAX_UNACKED = 10_000;

    /** Relative sequence numbers count from here (the ISN, or the first seen seq − 1). */
    long baseSeq;
    boolean baseSet;
    /** Shift count from the WS option, or {@link #SCALE_UNKNOWN} / {@link #SCALE_NONE}. */
    int winScale;

    // ---- sequence analysis: what this direction has sent -----------------------------------
    /** The highest sequence number after a segment sent so far (0: none). */
    int nextSeq;
    int nextSeqFrame;
    long nextSeqTime;
    /** The end of the contiguous data sent so far, for "ACKed unseen segment" (0: none). */
    int maxSeqToBeAcked;
    /** The last acknowledgement number this direction sent, and when. */
    int lastAck;
    long lastAckTime;
    /**
     * Duplicate ACKs sent in a row (−1 after an ACK of unseen data was reported while the other
     * side sent nothing new), and the frame whose ACK they repeat.
     */
    int dupAckNum;
    int lastNonDupAck;
    /** The last raw (unscaled) window this direction advertised; all ones before any. */
    long window;
    /** Whether no pure ACK has followed this direction's SYN yet (Wireshark issue 14690). */
    boolean isFirstAck;
    /** Whether this direction has sent a FIN (its unacknowledged list can then be let go). */
    boolean finSent;
    /** This side sent a FIN before the other side did (packet-tcp.c's closing_initiator). */
    boolean closingInitiator;
    /** The analysis flags of this direction's last segment. */
    int lastSegmentFlags;
    /** Whether bytes in flight can be counted (off after a hole until the other side ACKs). */
    boolean validBif;
    /** Bytes sent since the last PSH, and whether the last segment carried PSH. */
    long pushBytesSent;
    boolean pushSetLast;
    /** The SACK blocks of this direction's last segment (raw edges), at most three as Wireshark keeps. */
    static final int MAX_SACK = 3;
    int sackCount;
    final int[] sackLeft = new int[MAX_SACK];
    final int[] sackRight = new int[MAX_SACK];

    // ---- --analysis=precise only (see Precise) ------------------------------------------------
    /** Gaps below {@link #nextSeq} this direction's data skipped (raw [start, end) pairs). */
    final RangeSet holes = new RangeSet();
    /** What the other side SACKed of this direction's data (raw [start, end) pairs). */
    final RangeSet sacked = new RangeSet();

    // ---- what a second pass shows (tshark -2): set from the first pass's final state ----------
    /** The base shown on a second pass, and the window scale shown then. */
    long shownBase;
    boolean shownBaseSet;
    int shownScale;

    // Unacknowledged segments in sending order (oldest first): frame, seq, next seq, time.
    int unacked;
    int[] uaFrame = NO_INTS;
    int[] uaSeq = NO_INTS;
    int[] uaNext = NO_INTS;
    long[] uaTime = NO_LONGS;
    /** Whether the unacknowledged segment's data was sent more than once (Karn's rule). */
    boolean[] uaResent = NO_BOOLEANS;

    Endpoint() {
        reset();
    }

    /**
     * Back to what a new endpoint is: nothing seen. The unacknowledged arrays are kept for
     * reuse, empty.
     */
    void reset() {
        baseSeq = 0;
        baseSet = false;
        winScale = SCALE_UNKNOWN;
        nextSeq = 0;
        nextSeqFrame = 0;
        nextSeqTime = 0;
        maxSeqToBeAcked = 0;
        lastAck = 0;
        lastAckTime = 0;
        dupAckNum = 0;
        lastNonDupAck = 0;
        window = 0xffff_ffffL;
        isFirstAck = false;
        finSent = false;
        closingInitiator = false;
        lastSegmentFlags = 0;
        validBif = true;
        pushBytesSent = 0;
        pushSetLast = false;
        sackCount = 0;
        Arrays.fill(sackLeft, 0);
        Arrays.fill(sackRight, 0);
        holes.clear();
        sacked.clear();
        shownBase = 0;
        shownBaseSet = false;
        shownScale = SCALE_UNKNOWN;
        unacked = 0;
        if (uaFrame.length > KEPT_ON_RESET) {
            uaFrame = uaSeq = uaNext = NO_INTS;
            uaTime = NO_LONGS;
            uaResent = NO_BOOLEANS;
        }
    }

    /** Unacknowledged arrays longer than this are let go on {@link #reset}, not reused. */
    private static final int KEPT_ON_RESET = 16;

    public long baseSeq() { return baseSeq; }

    public int winScale() { return winScale; }

    /** Number of segments of this direction not yet acknowledged (bounded by {@value #MAX_UNACKED}). */
    public int unackedSegments() { return unacked; }

    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final boolean[] NO_BOOLEANS = new boolean[0];

    void addUnacked(int frame, int seq, int next, long time) {
        if (unacked == uaFrame.length) {
            int n = Math.max(4, unacked * 2);
            uaFrame = Arrays.copyOf(uaFrame, n);
            uaSeq = Arrays.copyOf(uaSeq, n);
            uaNext = Arrays.copyOf(uaNext, n);
            uaTime = Arrays.copyOf(uaTime, n);
            uaResent = Arrays.copyOf(uaResent, n);
        }
        uaResent[unacked] = false;
        uaFrame[unacked] = frame;
        uaSeq[unacked] = seq;
        uaNext[unacked] = next;
        uaTime[unacked] = time;
        unacked++;
    }

    void removeUnacked(int i) {
        int tail = unacked - i - 1;
        System.arraycopy(uaFrame, i + 1, uaFrame, i, tail);
        System.arraycopy(uaSeq, i + 1, uaSeq, i, tail);
        System.arraycopy(uaNext, i + 1, uaNext, i, tail);
        System.arraycopy(uaTime, i + 1, uaTime, i, tail);
        System.arraycopy(uaResent, i + 1, uaResent, i, tail);
        unacked--;
        if (unacked == 0 && finSent) {
            // All acknowledged after a FIN: a closed connection keeps no arrays.
            uaFrame = uaSeq = uaNext = NO_INTS;
            uaTime = NO_LONGS;
            uaResent = NO_BOOLEANS;
        }
    }
}
