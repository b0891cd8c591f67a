package dev.tcpscope.tcp;

import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * TCP sequence-number analysis with the one-pass semantics of Wireshark 4.0's
 * {@code tcp_analyze_sequence_number()} (tshark {@code -r} without {@code -2}): each segment is
 * judged against what its direction ({@code snd}) and the opposite one ({@code rcv}) sent before
 * it, and then updates that state. The tests and their order are Wireshark's, so that the same
 * segment gets the same {@code tcp.analysis.*} flags; see the Wireshark User's Guide, "TCP
 * Analysis", for what each flag means.
 *
 * <p>Inputs are the raw header values: absolute sequence and acknowledgement numbers and the
 * unscaled window.
 */
final class SequenceAnalysis {
    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    /** A segment arriving this soon after a duplicate ACK may be a fast retransmission (ns). */
    private static final long FAST_RETRANSMISSION_WINDOW = 20_000_000L;
    /** Out-of-order threshold when the handshake's RTT is unknown (ns). */
    private static final long DEFAULT_OOO_THRESHOLD = 3_000_000L;

    private SequenceAnalysis() { }

    static boolean gt(int a, int b) { return b - a < 0; }

    static boolean lt(int a, int b) { return a - b < 0; }

    static boolean le(int a, int b) { return a == b || lt(a, b); }

    /**
     * Analyses one segment; {@code out.analysisFlags} may already carry {@link TcpRecord#REUSED_PORTS}.
     *
     * @param time the frame's absolute time in epoch nanoseconds
     * @param mptcpChanged the MPTCP connection's operations changed since the sender's last
     *     segment: a repeated ACK is then no duplicate (RFC 8684 §4, {@link MptcpAnalysis})
     */
    static void analyse(Conversation c, Endpoint snd, Endpoint rcv, int frame, long time,
                        int seq, int ack, int seglen, int flags, long window, boolean mptcpChanged, TcpRecord out) {
        int a = out.analysisFlags;
        if ((flags & ACK) != 0) {
            rcv.validBif = true;
        }
        judge:
        {
            // Zero window probe: one byte at the expected sequence number into a closed window.
            if (seglen == 1 && seq == snd.nextSeq && rcv.window == 0) {
                a |= ZERO_WINDOW_PROBE;
                break judge;
            }
            if (window == 0 && (flags & (RST | FIN | SYN)) == 0) {
                a |= ZERO_WINDOW;
            }
            // A hole: this segment starts beyond everything sent so far.
            if (snd.nextSeq != 0 && gt(seq, snd.nextSeq) && (flags & RST) == 0) {
                a |= LOST_SEGMENT;
                snd.validBif = false; // until the other side ACKs again
                if (c.precise) {
                    Precise.hole(snd, seq);
                }
            }
            // Keep-alive: zero or one byte starting one before the next expected byte.
            if ((seglen == 0 || seglen == 1) && seq == snd.nextSeq - 1 && (flags & (SYN | FIN | RST)) == 0) {
                a |= KEEP_ALIVE;
            }
            boolean sameAck = seglen == 0 && seq == snd.nextSeq && ack == snd.lastAck
                    && (flags & (SYN | FIN | RST)) == 0;
            if (sameAck && window != 0 && window != snd.window) {
                a |= WINDOW_UPDATE;
            }
            // Window full: the data reaches the right edge of the receiver's advertised window.
            if (seglen > 0 && rcv.winScale != Endpoint.SCALE_UNKNOWN && (flags & (SYN | FIN | RST)) == 0) {
                int shift = rcv.isFirstAck || rcv.winScale == Endpoint.SCALE_NONE ? 0 : rcv.winScale;
                if (seq + seglen == rcv.lastAck + (int) (rcv.window << shift)) {
                    a |= WINDOW_FULL;
                }
            }
            if (sameAck && window != 0 && window == snd.window && (rcv.lastSegmentFlags & KEEP_ALIVE) != 0) {
                a |= KEEP_ALIVE_ACK;
                break judge;
            }
            if (sameAck && window == 0 && window == snd.window && (rcv.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0) {
                a |= ZERO_WINDOW_PROBE_ACK;
                break judge;
            }
            // tshark never checks the ACK bit here; a segment without it acknowledges nothing.
            if (sameAck && window != 0 && window == snd.window && (!c.precise || (flags & ACK) != 0) && !mptcpChanged) {
                snd.dupAckNum = snd.dupAckNum == -1 ? 1 : snd.dupAckNum + 1;
                a |= DUPLICATE_ACK;
                out.dupAckNum = snd.dupAckNum;
                out.dupAckFrame = snd.lastNonDupAck;
            }
        }
        if (ack != snd.lastAck) {
            snd.lastNonDupAck = frame;
            snd.dupAckNum = 0;
        }
        // ACKed unseen segment: this acknowledges beyond what the other side was seen to send.
        // The other side's bound moves up to what it sent, so the same hole is reported once;
        // when it has sent nothing new (only pure ACKs), its duplicate-ACK count set to -1
        // keeps the report from repeating until that side counts an ACK again.
        if (rcv.maxSeqToBeAcked != 0 && gt(ack, rcv.maxSeqToBeAcked) && (flags & ACK) != 0) {
            out.analysed = true;
            if (lt(rcv.maxSeqToBeAcked, rcv.nextSeq)) {
                rcv.maxSeqToBeAcked = rcv.nextSeq;
                a |= ACK_LOST_SEGMENT;
            } else {
                if (rcv.dupAckNum == 0) {
                    a |= ACK_LOST_SEGMENT;
                }
                rcv.dupAckNum = -1;
            }
        }
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && (a & KEEP_ALIVE) == 0) {
            a = retransmission(c, snd, rcv, time, seq, seglen, flags, a);
            if ((a & RETRANSMISSION) != 0) {
                // The RTO is measured from the oldest unacknowledged segment, else the latest one.
                boolean any = snd.unacked > 0;
                out.rto = time - (any ? snd.uaTime[0] : snd.nextSeqTime);
                out.rtoFrame = any ? snd.uaFrame[0] : snd.nextSeqFrame;
            }
        }

        int next = seq + seglen;
        // Marked in every mode: the connection report applies Karn's rule to tshark's RTTs too,
        // and there data sent again soon enough to be called out-of-order counts as resent.
        int again = RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION | (c.precise ? 0 : OUT_OF_ORDER);
        boolean resent = (a & again) != 0;
        if (resent) {
            Precise.resent(snd, seq, next + ((flags & (SYN | FIN)) != 0 ? 1 : 0));
        }
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && snd.unacked < Endpoint.MAX_UNACKED) {
            if ((flags & (SYN | FIN)) != 0) {
                next++;
            }
            snd.addUnacked(frame, seq, next, time);
            if (resent) {
                Precise.lastResent(snd);
            }
        }
        boolean probe = (a & ZERO_WINDOW_PROBE) != 0;
        if ((gt(next, snd.nextSeq) || snd.nextSeq == 0) && !probe) {
            snd.nextSeq = next;
            snd.nextSeqFrame = frame;
            snd.nextSeqTime = time;
        }
        if ((seq == snd.maxSeqToBeAcked || snd.maxSeqToBeAcked == 0) && !probe) {
            snd.maxSeqToBeAcked = snd.nextSeq;
        }
        snd.finSent |= (flags & FIN) != 0;
        snd.window = window;
        snd.lastAck = ack;
        snd.lastAckTime = time;
        snd.lastSegmentFlags = a;
        out.analysisFlags = a;
        if (a != 0) {
            out.analysed = true;
        }
        acknowledge(rcv, frame, time, ack, c.precise, out);
        if (seglen != 0 && snd.unacked > 0 && snd.validBif) {
            inFlight(c, snd, rcv, seq, flags, seglen, out);
        }
    }

    /**
     * Bytes in flight after this segment: the span of the sender's unacknowledged segments less
     * what the receiver's last SACK blocks cover (Wireshark 4.0's default, payload-based count),
     * and the bytes sent since the last PSH.
     */
    private static void inFlight(Conversation c, Endpoint snd, Endpoint rcv, int seq, int flags, int seglen, TcpRecord out) {
        int base = (int) snd.baseSeq;
        int first = snd.uaSeq[0] - base;
        int last = snd.uaNext[0] - base;
        for (int i = 1; i < snd.unacked; i++) {
            int next = snd.uaNext[i] - base;
            int start = snd.uaSeq[i] - base;
            if (Integer.compareUnsigned(next, last) > 0) {
                last = next;
            }
            if (Integer.compareUnsigned(start, first) < 0) {
                first = start;
            }
        }
        int inFlight = last - first;
        for (int i = 0; i < rcv.sackCount; i++) {
            inFlight -= rcv.sackRight[i] - rcv.sackLeft[i];
        }
        long precise = c.precise ? Precise.inFlight(snd, rcv, seq, seglen, flags) : -1;
        if (precise >= 0) {
            out.bytesInFlight = precise;
        } else if (Integer.compareUnsigned(inFlight, 0) > 0 && Integer.compareUnsigned(inFlight, 2_000_000_000) < 0) {
            out.bytesInFlight = (inFlight - ((flags & (SYN | FIN)) != 0 ? 1 : 0)) & 0xffffffffL;
        }
        boolean push = (flags & PSH) != 0;
        if (push && !snd.pushSetLast) {
            snd.pushBytesSent += seglen;
        } else if (push || snd.pushSetLast) {
            snd.pushBytesSent = seglen;
        } else {
            snd.pushBytesSent += seglen;
        }
        snd.pushSetLast = push;
        out.pushBytesSent = snd.pushBytesSent & 0xffffffffL;
        out.analysed = true;
    }

    /** Retransmission, fast retransmission, spurious retransmission or out-of-order. */
    private static int retransmission(Conversation c, Endpoint snd, Endpoint rcv, long time,
                                      int seq, int seglen, int flags, int a) {
        boolean notAdvanced = snd.nextSeq != 0 && lt(seq, snd.nextSeq);
        // More than one byte starting just before the next expected one is new data after a probe.
        if (seglen > 1 && snd.nextSeq - 1 == seq) {
            notAdvanced = false;
        }
        if (seglen > 0 && rcv.lastAck != 0 && le(seq + seglen, rcv.lastAck)) {
            return a | SPURIOUS_RETRANSMISSION;
        }
        long sinceDupAck = time - rcv.lastAckTime;
        // Wireshark's count is unsigned: the -1 an ACKed-unseen report leaves counts as "at least 2".
        if (notAdvanced && Integer.compareUnsigned(rcv.dupAckNum, 2) >= 0 && rcv.lastAck == seq
                && Long.compareUnsigned(sinceDupAck, FAST_RETRANSMISSION_WINDOW) < 0) {
            return a | FAST_RETRANSMISSION;
        }
        long sinceNext = time - snd.nextSeqTime;
        long threshold = c.firstRtt == 0 ? DEFAULT_OOO_THRESHOLD : c.firstRtt;
        int end = seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if (c.precise && notAdvanced) {
            return Precise.notAdvanced(snd, seq, end, Long.compareUnsigned(sinceNext, threshold) < 0, a);
        }
        if (notAdvanced && Long.compareUnsigned(sinceNext, threshold) < 0 && snd.nextSeq != end) {
            return a | OUT_OF_ORDER;
        }
        return notAdvanced ? a | RETRANSMISSION : a;
    }

    /** Drops the other direction's segments that {@code ack} covers, noting the one it acks exactly. */
    private static void acknowledge(Endpoint rcv, int frame, long time, int ack, boolean precise, TcpRecord out) {
        // Newest first, as Wireshark walks its list, so the oldest exact match is reported.
        for (int i = rcv.unacked - 1; i >= 0; i--) {
            int next = rcv.uaNext[i];
            if (ack == next) {
                out.acksFrame = rcv.uaFrame[i];
                // Karn's rule: an ACK of data sent twice cannot say which copy it answers.
                out.ackRtt = precise && rcv.uaResent[i] ? 0 : time - rcv.uaTime[i];
                out.analysed = true;
            } else if (gt(ack, rcv.uaSeq[i]) && le(ack, next)) {
                rcv.uaSeq[i] = ack;
                out.ackedResent |= rcv.uaResent[i];
                continue;
            } else if (gt(next, ack)) {
                continue;
            }
            out.ackedResent |= rcv.uaResent[i]; // it acknowledges resent data (Karn's rule)
            rcv.removeUnacked(i);
        }
    }
}
