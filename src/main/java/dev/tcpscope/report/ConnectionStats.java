package dev.tcpscope.report;

import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Tcp;

/**
 * One TCP connection ({@code tcp.stream}) of the report: its two endpoints, what each direction
 * sent ({@link DirectionStats}), how it opened and closed, and Zeek's view of it
 * ({@link ZeekState}). The originator is the side that sent the first SYN without ACK; a
 * connection whose first counted packet is something else is oriented as docs/STATS.md says.
 */
public final class ConnectionStats {
    final int stream;
    final String origAddress;
    final int origPort;
    final String respAddress;
    final int respPort;
    /** Whether the originator is the analysis' "low" endpoint ({@link TcpRecord#forward}). */
    private final boolean origForward;
    final DirectionStats orig;
    final DirectionStats resp;
    final ZeekState zeek = new ZeekState();
    final long firstTime;
    long lastTime;
    /** The handshake: the originator's last SYN before the first SYN/ACK, that SYN/ACK, the ACK after it (epoch ns; 0: not seen). */
    long synTime, synAckTime, ackTime;
    /** Which side sent the first FIN and the first RST: 'O' originator, 'R' responder, 0 none. */
    char closedBy, resetBy;

    ConnectionStats(int stream, boolean senderIsOrig, boolean forward, String src, int sport, String dst, int dport, long time) {
        this.stream = stream;
        this.origForward = senderIsOrig == forward;
        origAddress = senderIsOrig ? src : dst;
        origPort = senderIsOrig ? sport : dport;
        respAddress = senderIsOrig ? dst : src;
        respPort = senderIsOrig ? dport : sport;
        orig = new DirectionStats(stream * 2L);
        resp = new DirectionStats(stream * 2L + 1);
        firstTime = time;
        lastTime = time;
        if (!senderIsOrig) {
            zeek.flipped();
        }
    }

    /** Whether a packet sent in the analysis direction {@code forward} comes from the originator. */
    boolean fromOrig(boolean forward) {
        return forward == origForward;
    }

    /** Counts one packet of this connection. */
    void packet(TcpRecord r, int frameLength, long time, int mss, int ws) {
        boolean isOrig = fromOrig(r.forward);
        DirectionStats d = isOrig ? orig : resp;
        DirectionStats peer = isOrig ? resp : orig;
        lastTime = Math.max(lastTime, time);
        long highestBefore = d.seen() ? d.uniqueBytes() : -1;
        d.packet(r, frameLength, time, mss, ws);
        int flags = r.flags;
        // Zeek's retransmission: payload that does not reach beyond what the side sent before
        // (a zero-window probe reaches beyond it, as far as Zeek knows)
        boolean retransmitted = r.segmentLength > 0 && highestBefore >= 0 && d.uniqueBytes() == highestBefore
                && (flags & Tcp.RST) == 0 && !r.has(TcpRecord.ZERO_WINDOW_PROBE);
        zeek.packet(isOrig, flags, d.relativeSeq(), r.segmentLength, r.windowRaw, retransmitted);
        if (r.has(TcpRecord.ACK_LOST_SEGMENT) && (flags & (Tcp.FIN | Tcp.RST)) == 0) {
            zeek.gap(!isOrig); // the peer's data had a hole this ACK reaches beyond
        }
        // Karn's rule (RFC 6298 §3): no sample from an ACK of data that was sent more than once
        if (r.acksFrame != 0 && !r.ackedResent) {
            peer.rtt.add(r.ackRtt);
        }
        handshake(isOrig, flags, time);
        if ((flags & Tcp.FIN) != 0 && closedBy == 0) {
            closedBy = isOrig ? 'O' : 'R';
        }
        if ((flags & Tcp.RST) != 0 && resetBy == 0) {
            resetBy = isOrig ? 'O' : 'R';
        }
    }

    private void handshake(boolean isOrig, int flags, long time) {
        int synAck = flags & (Tcp.SYN | Tcp.ACK_FLAG | Tcp.RST);
        if (synAck == Tcp.SYN && isOrig && synAckTime == 0) {
            synTime = time; // the last SYN before the answer: the one answered, if any was
        } else if (synAck == (Tcp.SYN | Tcp.ACK_FLAG) && !isOrig && synAckTime == 0 && synTime != 0) {
            synAckTime = time;
        } else if (synAck == Tcp.ACK_FLAG && isOrig && synAckTime != 0 && ackTime == 0) {
            ackTime = time;
        }
    }

    /** Ends the connection at the end of the capture: open zero-window periods close at its last packet. */
    void finish() {
        orig.finish(lastTime);
        resp.finish(lastTime);
    }

    /** Time from the SYN to the SYN/ACK: the path from the capture point to the server and back (ns, −1 unknown). */
    long serverSideRtt() { return synAckTime != 0 ? synAckTime - synTime : -1; }

    /** Time from the SYN/ACK to the ACK: the path from the capture point to the client and back (ns, −1 unknown). */
    long clientSideRtt() { return ackTime != 0 ? ackTime - synAckTime : -1; }

    /** The whole handshake, SYN to ACK ({@code tcp.analysis.initial_rtt} when no SYN was repeated; ns, −1 unknown). */
    long handshakeRtt() { return ackTime != 0 ? ackTime - synTime : -1; }

    /** From the first counted packet to the last (ns). */
    long duration() { return lastTime - firstTime; }

    public int stream() { return stream; }
}
