package dev.tcpscope.lab;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

/**
 * Decides from the captured packets alone when the lab's connection is over: a RST, or a FIN
 * from each side and then an ACK of the second FIN (the last packet of the four-way close).
 * The capture can stop there, without waiting for a timeout.
 */
final class CloseWatch {
    private final int portA;
    private final int portB;
    private final Dissector dissector = new Dissector();
    private final Dissection d = new Dissection();
    private boolean finFromA;
    private boolean finFromB;
    /** Raw sequence number after the FIN that was sent last, and who sent it (A: true). */
    private long lastFinNext;
    private boolean lastFinFromA;
    private boolean over;

    CloseWatch(int portA, int portB) {
        this.portA = portA;
        this.portB = portB;
    }

    /** Looks at the next captured frame; true once the connection is over. */
    boolean observe(Frame f) {
        if (over) {
            return true;
        }
        dissector.dissect(f, d);
        int t = d.last(Proto.TCP);
        if (t < 0 || d.captured(t) < Tcp.MIN_HEADER_LENGTH) {
            return false;
        }
        var s = d.segment(t);
        long off = d.offset(t);
        int sport = Tcp.srcPort(s, off);
        int dport = Tcp.dstPort(s, off);
        boolean fromA = sport == portA && dport == portB;
        if (!fromA && !(sport == portB && dport == portA)) {
            return false;
        }
        int flags = Tcp.flags(s, off);
        if ((flags & Tcp.RST) != 0) {
            over = true;
            return true;
        }
        if ((flags & Tcp.FIN) != 0) {
            int len = Math.max(0, d.reported(t) - Tcp.headerLength(s, off));
            lastFinNext = (Tcp.seq(s, off) + len + 1) & 0xffffffffL;
            lastFinFromA = fromA;
            if (fromA) {
                finFromA = true;
            } else {
                finFromB = true;
            }
            return false;
        }
        if (finFromA && finFromB && fromA != lastFinFromA && (flags & Tcp.ACK_FLAG) != 0
                && Tcp.ack(s, off) == lastFinNext) {
            over = true;
        }
        return over;
    }

    boolean over() { return over; }
}
