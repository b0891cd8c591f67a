package dev.tcpscope.tcp;

/**
 * How a conversation opened and closed, as far as the capture shows it: the frames of the
 * three-way handshake, the first FIN of each side, the first RST, and which side closed first
 * (RFC 9293 §3.5–3.6). Frame numbers are 0 while not seen. Kept per conversation for the lab's
 * explanations and for statistics.
 */
public final class Handshake {
    int syn, synAck, ack;
    int lowFin, highFin, rst;
    /** The side whose FIN came first: true for the low endpoint (see {@link FlowKey}). */
    boolean lowClosedFirst;

    /** The first SYN (without ACK). */
    public int synFrame() { return syn; }

    /** The first SYN/ACK after it. */
    public int synAckFrame() { return synAck; }

    /** The pure ACK that completed the handshake. */
    public int ackFrame() { return ack; }

    /** Whether all three steps were seen. */
    public boolean complete() { return syn != 0 && synAck != 0 && ack != 0; }

    /** The first FIN of the side sending in direction {@code forward}. */
    public int finFrame(boolean forward) { return forward ? lowFin : highFin; }

    /** The first RST. */
    public int rstFrame() { return rst; }

    /** Whether the side sending in direction {@code forward} closed first (sent the first FIN). */
    public boolean closedFirst(boolean forward) {
        return (lowFin != 0 || highFin != 0) && lowClosedFirst == forward;
    }

    void reset() {
        syn = synAck = ack = lowFin = highFin = rst = 0;
        lowClosedFirst = false;
    }

    void observe(int frame, boolean forward, int flags) {
        int synAckBits = flags & 0x12;
        if (synAckBits == 0x02 && syn == 0) {
            syn = frame;
        } else if (synAckBits == 0x12 && synAck == 0) {
            synAck = frame;
        } else if (synAckBits == 0x10 && ack == 0 && synAck != 0) {
            ack = frame;
        }
        if ((flags & 0x01) != 0) {
            if (lowFin == 0 && highFin == 0) {
                lowClosedFirst = forward;
            }
            if (forward && lowFin == 0) {
                lowFin = frame;
            } else if (!forward && highFin == 0) {
                highFin = frame;
            }
        }
        if ((flags & 0x04) != 0 && rst == 0) {
            rst = frame;
        }
    }
}
