package dev.tcpscope.tcp;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;

/**
 * Tracks TCP conversations in capture order, as Wireshark's TCP dissector does on its first
 * pass: stream numbers, relative sequence numbers and window scaling.
 *
 * <p>Semantics follow Wireshark 4.0's {@code dissect_tcp()}: a conversation is identified by its
 * two endpoints; a SYN whose sequence number differs from the base already recorded for its
 * direction starts a new stream (ports reused). Relative numbers count from the ISN when the SYN
 * was seen, else from the first sequence number seen minus one (so the first segment shows 1);
 * the receiver's base is taken from the first ACK as ack − 1 when its own segments have not been
 * seen. Window scaling applies once both SYNs are seen; a SYN without the option turns it off
 * for both directions (RFC 7323 §2.2).
 */
public final class TcpAnalyzer {
    private final HashMap<FlowKey, Conversation> conversations = new HashMap<>();
    private final FlowKey probe = new FlowKey();
    private int nextStream;

    /** Number of streams seen so far. */
    public int streams() { return nextStream; }

    /**
     * Observes the TCP layer {@code tcpIndex} of {@code d} (whose IP header is layer
     * {@code ipIndex}) and fills {@code out}. The header's first 20 bytes must be captured.
     */
    public void observe(Dissection d, int ipIndex, int tcpIndex, TcpRecord out) {
        MemorySegment ipSeg = d.segment(ipIndex);
        MemorySegment s = d.segment(tcpIndex);
        long ip = d.offset(ipIndex);
        long tcp = d.offset(tcpIndex);
        boolean v6 = d.proto(ipIndex) == Proto.IPV6;
        int sport = Tcp.srcPort(s, tcp);
        int dport = Tcp.dstPort(s, tcp);
        if (v6) {
            probe.set(ipSeg, ip + Ipv6.SRC, ip + Ipv6.DST, true, sport, dport);
        } else {
            probe.set(ipSeg, ip + Ipv4.SRC, ip + Ipv4.DST, false, sport, dport);
        }
        boolean fwd = probe.forward();
        long seq = Tcp.seq(s, tcp);
        long ack = Tcp.ack(s, tcp);
        int flags = Tcp.flags(s, tcp);
        int hlen = Tcp.headerLength(s, tcp);
        int win = Tcp.window(s, tcp);

        Conversation c = conversations.get(probe);
        if (c == null) {
            c = newConversation();
        }
        Endpoint snd = c.sender(fwd);
        if ((flags & (Tcp.SYN | Tcp.ACK_FLAG)) == Tcp.SYN && snd.baseSet && seq != snd.baseSeq) {
            c = newConversation(); // a new connection on the same ports
            snd = c.sender(fwd);
        } else if ((flags & (Tcp.SYN | Tcp.ACK_FLAG)) == (Tcp.SYN | Tcp.ACK_FLAG) && snd.baseSet && seq != snd.baseSeq) {
            snd.baseSeq = seq;
        }
        Endpoint rcv = c.receiver(fwd);

        out.stream = c.stream;
        out.forward = fwd;
        out.seqRaw = seq;
        out.ackRaw = ack;
        out.flags = flags;
        out.windowRaw = win;
        out.headerLength = hlen;
        int reported = d.reported(tcpIndex);
        out.haveSegmentLength = !d.fragmented && reported >= hlen;
        out.segmentLength = out.haveSegmentLength ? reported - hlen : 0;
        out.seq = seq;
        out.ack = ack;
        out.window = win;
        if (out.haveSegmentLength) {
            if (!snd.baseSet) {
                snd.baseSeq = (flags & Tcp.SYN) != 0 ? seq : (seq - 1) & 0xffffffffL;
                snd.baseSet = true;
            }
            if (!rcv.baseSet && (flags & Tcp.ACK_FLAG) != 0) {
                rcv.baseSeq = (ack - 1) & 0xffffffffL;
                rcv.baseSet = true;
            }
            out.seq = (seq - snd.baseSeq) & 0xffffffffL;
            if ((flags & Tcp.ACK_FLAG) != 0) {
                out.ack = (ack - rcv.baseSeq) & 0xffffffffL;
            }
            if ((flags & Tcp.SYN) == 0 && snd.winScale >= 0) {
                out.window = (long) win << snd.winScale;
            }
        }
        out.sackBase = rcv.baseSeq;
        currentSender = snd;
        currentReceiver = rcv;
        currentSyn = (flags & Tcp.SYN) != 0;
        currentSynAck = (flags & (Tcp.SYN | Tcp.ACK_FLAG)) == (Tcp.SYN | Tcp.ACK_FLAG);
    }

    private Endpoint currentSender;
    private Endpoint currentReceiver;
    private boolean currentSyn;
    private boolean currentSynAck;

    /** The segment being observed carried a WS option with this shift (already capped at 14). */
    public void windowScaleOption(int shift) {
        if (currentSender != null) {
            currentSender.winScale = shift;
        }
    }

    /**
     * Ends the observation of the current segment, after its options were read: a SYN settles
     * whether window scaling is in use (Wireshark's {@code verify_tcp_window_scaling}).
     */
    public void endSegment() {
        if (currentSender == null) {
            return;
        }
        if (currentSyn) {
            if (currentSender.winScale == Endpoint.SCALE_UNKNOWN) {
                currentSender.winScale = Endpoint.SCALE_NONE;
                currentReceiver.winScale = Endpoint.SCALE_NONE;
            } else if (currentSynAck && currentReceiver.winScale == Endpoint.SCALE_NONE) {
                currentSender.winScale = Endpoint.SCALE_NONE;
            }
        }
        currentSender = null;
        currentReceiver = null;
    }

    private Conversation newConversation() {
        Conversation c = new Conversation(nextStream++);
        conversations.put(probe.copy(), c);
        return c;
    }
}
