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
 * pass: stream numbers, relative sequence numbers, window scaling and the sequence analysis
 * ({@link SequenceAnalysis}: retransmissions, duplicate ACKs, lost segments, windows ...).
 *
 * <p>Semantics follow Wireshark 4.0's {@code dissect_tcp()}: a conversation is identified by its
 * two endpoints; a SYN whose sequence number differs from the base already recorded for its
 * direction starts a new stream (ports reused). Relative numbers count from the ISN when the SYN
 * was seen, else from the first sequence number seen minus one (so the first segment shows 1);
 * the receiver's base is taken from the first ACK as ack − 1 when its own segments have not been
 * seen. Window scaling applies once both SYNs are seen; a SYN without the option turns it off
 * for both directions (RFC 7323 §2.2). A SYN that starts a new stream and a SYN/ACK whose
 * ISN differs from the one recorded raise {@code tcp.analysis.reused_ports}; a SYN repeating
 * the recorded ISN takes its direction's next expected sequence number back to the end of the
 * contiguous data (Wireshark issue 17616).
 *
 * <p>Per segment the caller runs {@link #observe}, then {@link #headerSeen} once the header
 * length is known to be sane, {@link #windowScaleOption} for a WS option and {@link #endSegment}
 * after the options; a segment whose options cannot be read stops after {@code headerSeen}, as
 * Wireshark's dissection stops with an exception there.
 */
public final class TcpAnalyzer {
    private final HashMap<FlowKey, Conversation> conversations = new HashMap<>();
    private final FlowKey probe = new FlowKey();
    private int nextStream;

    /** Number of streams seen so far. */
    public int streams() { return nextStream; }

    /**
     * Observes the TCP layer {@code tcpIndex} of {@code d} (whose IP header is layer
     * {@code ipIndex}) and fills {@code out}. The header's first 16 bytes must be captured.
     *
     * @param frame the frame number
     * @param time the frame's absolute time in epoch nanoseconds
     */
    public void observe(Dissection d, int ipIndex, int tcpIndex, int frame, long time, TcpRecord out) {
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
        int reuse = 0;
        int synAck = flags & (Tcp.SYN | Tcp.ACK_FLAG);
        if (synAck == Tcp.SYN && snd.baseSet) {
            if (seq != snd.baseSeq) {
                c = newConversation(); // a new connection on the same ports
                snd = c.sender(fwd);
                reuse = TcpRecord.REUSED_PORTS;
            } else {
                // The same SYN again: forget what a RST may have advanced (Wireshark issue 17616).
                snd.nextSeq = snd.maxSeqToBeAcked;
            }
        } else if (synAck == (Tcp.SYN | Tcp.ACK_FLAG) && snd.baseSet && seq != snd.baseSeq) {
            snd.baseSeq = seq;
            reuse = TcpRecord.REUSED_PORTS;
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
        out.analysisFlags = reuse;
        out.dupAckNum = 0;
        out.dupAckFrame = 0;
        out.acksFrame = 0;
        out.ackRtt = 0;
        if (out.haveSegmentLength) {
            if (!snd.baseSet) {
                snd.baseSeq = (flags & Tcp.SYN) != 0 ? seq : (seq - 1) & 0xffffffffL;
                snd.baseSet = true;
            }
            if (!rcv.baseSet && (flags & Tcp.ACK_FLAG) != 0) {
                rcv.baseSeq = (ack - 1) & 0xffffffffL;
                rcv.baseSet = true;
            }
            SequenceAnalysis.analyse(c, snd, rcv, frame, time, (int) seq, (int) ack, out.segmentLength, flags, win, out);
            out.seq = (seq - snd.baseSeq) & 0xffffffffL;
            if ((flags & Tcp.ACK_FLAG) != 0) {
                out.ack = (ack - rcv.baseSeq) & 0xffffffffL;
            }
            if ((flags & Tcp.SYN) == 0 && snd.winScale >= 0) {
                out.window = (long) win << snd.winScale;
            }
        }
        out.sackBase = rcv.baseSeq;
        currentConversation = c;
        currentSender = snd;
        currentReceiver = rcv;
        currentTime = time;
        currentSyn = (flags & Tcp.SYN) != 0;
        currentSynAck = (flags & (Tcp.SYN | Tcp.ACK_FLAG)) == (Tcp.SYN | Tcp.ACK_FLAG);
        currentAck = (flags & Tcp.ACK_FLAG) != 0;
    }

    private Conversation currentConversation;
    private long currentTime;
    private Endpoint currentSender;
    private Endpoint currentReceiver;
    private boolean currentSyn;
    private boolean currentSynAck;
    private boolean currentAck;

    /**
     * The header length of the segment being observed is sane: a SYN arms the first-ACK and
     * first-RTT bookkeeping, a pure ACK completes it.
     */
    public void headerSeen() {
        if (currentSender == null) {
            return;
        }
        int synAck = flagsOf();
        if ((synAck & Tcp.SYN) != 0) {
            if ((synAck & Tcp.ACK_FLAG) == 0) {
                currentConversation.synTime = currentTime;
            }
            currentSender.isFirstAck = true;
        }
        if (synAck == Tcp.ACK_FLAG) {
            Conversation c = currentConversation;
            if (c.synTime != 0 && c.firstRtt == 0) {
                c.firstRtt = currentTime - c.synTime;
            }
            currentSender.isFirstAck = false;
        }
    }

    private int flagsOf() {
        return (currentSyn ? Tcp.SYN : 0) | (currentAck ? Tcp.ACK_FLAG : 0);
    }

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
