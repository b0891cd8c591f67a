package dev.tcpscope.tcp;

/**
 * Which TCP analysis to run: tshark 4.0's, identical to it, or ours with its known weaknesses
 * mended (docs/ANALYSIS.md describes each difference and the capture that shows it).
 */
public enum AnalysisMode {
    /** Wireshark 4.0's {@code tcp_analyze_sequence_number()}, flag for flag. */
    TSHARK,
    /**
     * tshark's analysis with five differences: a duplicate ACK must carry ACK; data already seen
     * is a retransmission, never out-of-order, and only data filling a hole within the RTT is
     * out-of-order; bytes in flight are the unacknowledged span less everything SACKed; no RTT
     * is sampled from an ACK of resent data (Karn's rule); completeness is the conversation's
     * final value on every frame, counting its first frame too.
     */
    PRECISE
}
