package dev.tcpscope.present.explain;

/**
 * The connection states of RFC 9293 §3.3.2 (Figure 5), with the names Linux's {@code ss} and
 * {@code netstat} print ({@code SYN_RCVD} is RFC 9293's SYN-RECEIVED, Linux's SYN_RECV).
 */
enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** The sender's state after sending a segment with these flags. */
    TcpState afterSending(boolean syn, boolean ack, boolean fin, boolean rst) {
        if (rst) {
            return this == LISTEN ? LISTEN : CLOSED;
        }
        if (syn) {
            return ack ? (this == SYN_SENT ? SYN_RCVD : this == ESTABLISHED ? ESTABLISHED : SYN_RCVD) : SYN_SENT;
        }
        if (fin) {
            return switch (this) {
                case ESTABLISHED, SYN_RCVD -> FIN_WAIT_1;
                case CLOSE_WAIT -> LAST_ACK;
                default -> this;
            };
        }
        return this;
    }

    /**
     * The receiver's state after receiving a segment: {@code acksOwnSyn} / {@code acksOwnFin}
     * tell whether its Ack covers this receiver's SYN or FIN.
     */
    TcpState afterReceiving(boolean syn, boolean ack, boolean fin, boolean rst, boolean acksOwnSyn, boolean acksOwnFin) {
        if (rst) {
            return this == LISTEN ? LISTEN : CLOSED;
        }
        TcpState s = this;
        if (syn && !ack && (s == CLOSED || s == TIME_WAIT)) {
            s = LISTEN; // a SYN is answered by a listener; its SYN_RCVD comes with its SYN/ACK
        }
        if (syn && ack && s == SYN_SENT && acksOwnSyn) {
            s = ESTABLISHED;
        } else if (s == SYN_RCVD && ack && acksOwnSyn) {
            s = ESTABLISHED;
        }
        if (ack && acksOwnFin) {
            s = switch (s) {
                case FIN_WAIT_1 -> FIN_WAIT_2;
                case CLOSING -> TIME_WAIT;
                case LAST_ACK -> CLOSED;
                default -> s;
            };
        }
        if (fin) {
            s = switch (s) {
                case ESTABLISHED, SYN_RCVD -> CLOSE_WAIT;
                case FIN_WAIT_1 -> CLOSING;
                case FIN_WAIT_2 -> TIME_WAIT;
                default -> s;
            };
        }
        return s;
    }
}
