package dev.tcpscope.present.explain;

/**
 * What a TCP segment does in its conversation, decided from its flags, its analysis and the
 * conversation so far, never from its position in the capture. When several apply, the first
 * in this order wins (a retransmitted SYN is a {@link #RETRANSMISSION}).
 */
public enum Role {
    /**
     * The same packet as an earlier one, byte for byte (same IP ID, same TCP header and checksum),
     * recorded twice by the capture: not sent twice. tshark flags it as a retransmission,
     * out-of-order segment or duplicate ACK.
     */
    CAPTURED_TWICE,
    /** A RST/ACK answering a SYN: nothing listens on the port (connection refused). */
    REFUSED,
    /** The connection is reset (RST). */
    RESET,
    /** {@code tcp.analysis.retransmission}: bytes (or a SYN/FIN) sent again after a timeout. */
    RETRANSMISSION,
    /** {@code tcp.analysis.fast_retransmission}: sent again after duplicate ACKs. */
    FAST_RETRANSMISSION,
    /** {@code tcp.analysis.spurious_retransmission}: sent again although already acknowledged. */
    SPURIOUS_RETRANSMISSION,
    /** {@code tcp.analysis.out_of_order}: an earlier sequence number shortly after later ones. */
    OUT_OF_ORDER,
    /** Handshake step 1: SYN. */
    HANDSHAKE_SYN,
    /** Handshake step 2: SYN/ACK. */
    HANDSHAKE_SYN_ACK,
    /** FIN: the sender has no more data (close step 1, or 3 when the peer closed first). */
    FIN,
    /** {@code tcp.analysis.keep_alive}. */
    KEEP_ALIVE,
    /** {@code tcp.analysis.zero_window_probe}. */
    ZERO_WINDOW_PROBE,
    /** Payload bytes. */
    DATA,
    /** {@code tcp.analysis.keep_alive_ack}. */
    KEEP_ALIVE_ACK,
    /** {@code tcp.analysis.zero_window_probe_ack}. */
    ZERO_WINDOW_PROBE_ACK,
    /** {@code tcp.analysis.duplicate_ack}. */
    DUPLICATE_ACK,
    /** {@code tcp.analysis.zero_window}: a pure ACK announcing a full receive buffer. */
    ZERO_WINDOW,
    /** {@code tcp.analysis.window_update}. */
    WINDOW_UPDATE,
    /** Handshake step 3: the ACK of the SYN/ACK. */
    HANDSHAKE_ACK,
    /** The ACK of the peer's FIN (close step 2 or 4). */
    FIN_ACK,
    /** A pure ACK. */
    ACK,
    /** Not an analysed TCP segment (UDP, ICMP, ARP, a damaged header ...). */
    OTHER
}
