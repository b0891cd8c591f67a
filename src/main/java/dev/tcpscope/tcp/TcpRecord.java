package dev.tcpscope.tcp;

/**
 * What the analyzer decided about one TCP segment: the values printers and filters read.
 * Reused for every frame.
 */
public final class TcpRecord {
    // Analysis flags, one bit per tcp.analysis.* field (Wireshark 4.0's TCP_A_* conditions).
    /** {@code tcp.analysis.retransmission}. */
    public static final int RETRANSMISSION = 1;
    /** {@code tcp.analysis.lost_segment}: a hole before this segment. */
    public static final int LOST_SEGMENT = 1 << 1;
    /** {@code tcp.analysis.ack_lost_segment}: acknowledges data not seen. */
    public static final int ACK_LOST_SEGMENT = 1 << 2;
    /** {@code tcp.analysis.keep_alive}. */
    public static final int KEEP_ALIVE = 1 << 3;
    /** {@code tcp.analysis.duplicate_ack}. */
    public static final int DUPLICATE_ACK = 1 << 4;
    /** {@code tcp.analysis.zero_window}. */
    public static final int ZERO_WINDOW = 1 << 5;
    /** {@code tcp.analysis.zero_window_probe}. */
    public static final int ZERO_WINDOW_PROBE = 1 << 6;
    /** {@code tcp.analysis.zero_window_probe_ack}. */
    public static final int ZERO_WINDOW_PROBE_ACK = 1 << 7;
    /** {@code tcp.analysis.keep_alive_ack}. */
    public static final int KEEP_ALIVE_ACK = 1 << 8;
    /** {@code tcp.analysis.out_of_order}. */
    public static final int OUT_OF_ORDER = 1 << 9;
    /** {@code tcp.analysis.fast_retransmission}. */
    public static final int FAST_RETRANSMISSION = 1 << 10;
    /** {@code tcp.analysis.window_update}. */
    public static final int WINDOW_UPDATE = 1 << 11;
    /** {@code tcp.analysis.window_full}. */
    public static final int WINDOW_FULL = 1 << 12;
    /** {@code tcp.analysis.reused_ports}. */
    public static final int REUSED_PORTS = 1 << 13;
    /** {@code tcp.analysis.spurious_retransmission}. */
    public static final int SPURIOUS_RETRANSMISSION = 1 << 14;

    /** {@code tcp.stream}. */
    public int stream;
    /** Raw header values. */
    public long seqRaw, ackRaw;
    public int flags, windowRaw, headerLength;
    /**
     * A FIN segment whose receiver had sent no FIN that started the close ("This frame initiates
     * the connection closing"); false on a FIN that answers one ("undergoes"). Set for every
     * segment as it is analysed, shown or not, as packet-tcp.c sets closing_initiator.
     */
    public boolean finActive;
    /** Whether the segment length is known (the reported length covers the header, not an IP fragment). */
    public boolean haveSegmentLength;
    /** {@code tcp.len}: payload bytes on the wire. */
    public int segmentLength;
    /** {@code tcp.seq} / {@code tcp.ack}: relative when the length is known, else raw. */
    public long seq, ack;
    /** {@code tcp.window_size}: scaled by the sender's window scale when known. */
    public long window;
    /** The base the SACK edges of this segment are relative to (the receiver's base sequence). */
    public long sackBase;
    /** Whether this segment's direction is the low→high one of its conversation. */
    public boolean forward;
    /** The conversation's server port as packet-tcp.c keeps it (its latest SYN's destination, SYN+ACK's source; 0: none). */
    public int serverPort;

    /** {@code tcp.nxtseq}: the relative sequence number after this segment (SYN and FIN count one). */
    public long nextSeq;
    /** The header length was below 20: tshark stops after the sequence number. */
    public boolean bogusHeaderLength;
    /** The options were walked to their end: the analysis subtree and Info labels are shown. */
    public boolean optionsComplete;
    /**
     * The conversation's Multipath TCP side as this frame left it, or null when it has carried
     * no MPTCP option (see {@link MptcpAnalysis}).
     */
    public MptcpAnalysis.Subflow mptcp;
    /**
     * The header offset of the MPTCP option whose dissection stopped on Wireshark's assertion
     * ({@link MptcpAnalysis#ASSERTION}), or -1.
     */
    public int mptcpAssertion;
    /** What each MPTCP option of this segment saw of the connection (null when it has none). */
    public MptcpAnalysis.Seen mptcpSeen;
    /**
     * {@code tcp.window_size_scalefactor} as shown for a non-SYN segment: the multiplier, or −1
     * (unknown) or −2 (no scaling).
     */
    public int scaleFactor;
    /** {@code tcp.completeness} as shown for this frame (one pass: before this frame; two: final). */
    public int completeness;
    /** {@code tcp.time_relative} and {@code tcp.time_delta}, ns (may be negative). */
    public long timeRelative, timeDelta;

    /**
     * Whether the analysis keeps a record for this segment (Wireshark's per-frame
     * {@code tcp_acked}): only then are acks_frame, the RTTs, bytes in flight and the flags shown.
     */
    public boolean analysed;
    /** {@code tcp.analysis.initial_rtt} in ns as shown with the analysis (0: none). */
    public long initialRtt;
    /** {@code tcp.analysis.bytes_in_flight} (0: not shown) and {@code push_bytes_sent}. */
    public long bytesInFlight, pushBytesSent;
    /** {@code tcp.analysis.rto} in ns (0: none) and {@code tcp.analysis.rto_frame}. */
    public long rto;
    public int rtoFrame;

    /** The analysis flags raised for this segment (the constants above). */
    public int analysisFlags;
    /** {@code tcp.analysis.duplicate_ack_num} (0: not a duplicate ACK). */
    public int dupAckNum;
    /** {@code tcp.analysis.duplicate_ack_frame}: the frame whose ACK this one repeats. */
    public int dupAckFrame;
    /** {@code tcp.analysis.acks_frame} (0: none) and {@code tcp.analysis.ack_rtt} in ns. */
    public int acksFrame;
    public long ackRtt;
    /**
     * Whether this ACK newly acknowledges data that was sent more than once (a retransmission,
     * or, in tshark's analysis, data sent again soon enough to be called out-of-order), so that
     * {@link #ackRtt} may time a copy other than the one it names (Karn's rule, RFC 6298 §3; as
     * tcptrace and Linux, any resent byte the ACK covers rules the sample out). Set in every
     * analysis mode, for the connection report; the precise analysis drops such RTTs itself only
     * when the segment named was resent.
     */
    public boolean ackedResent;

    /** Makes this a copy of {@code o} (the MPTCP state objects are shared, not copied). */
    public void copyOf(TcpRecord o) {
        stream = o.stream;
        seqRaw = o.seqRaw;
        ackRaw = o.ackRaw;
        flags = o.flags;
        windowRaw = o.windowRaw;
        headerLength = o.headerLength;
        finActive = o.finActive;
        haveSegmentLength = o.haveSegmentLength;
        segmentLength = o.segmentLength;
        seq = o.seq;
        ack = o.ack;
        window = o.window;
        sackBase = o.sackBase;
        serverPort = o.serverPort;
        forward = o.forward;
        nextSeq = o.nextSeq;
        bogusHeaderLength = o.bogusHeaderLength;
        optionsComplete = o.optionsComplete;
        mptcp = o.mptcp;
        mptcpAssertion = o.mptcpAssertion;
        mptcpSeen = o.mptcpSeen;
        scaleFactor = o.scaleFactor;
        completeness = o.completeness;
        timeRelative = o.timeRelative;
        timeDelta = o.timeDelta;
        analysed = o.analysed;
        initialRtt = o.initialRtt;
        bytesInFlight = o.bytesInFlight;
        pushBytesSent = o.pushBytesSent;
        rto = o.rto;
        rtoFrame = o.rtoFrame;
        analysisFlags = o.analysisFlags;
        dupAckNum = o.dupAckNum;
        dupAckFrame = o.dupAckFrame;
        acksFrame = o.acksFrame;
        ackRtt = o.ackRtt;
        ackedResent = o.ackedResent;
    }

    /** Whether any of {@code mask}'s flags is raised. */
    public boolean has(int mask) { return (analysisFlags & mask) != 0; }
}
