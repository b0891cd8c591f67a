package dev.tcpscope.tcp;

import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * The parts of {@link AnalysisMode#PRECISE} that differ from tshark's analysis, kept apart from
 * {@link SequenceAnalysis} so that the tshark-identical path reads as Wireshark's does.
 */
final class Precise {
    private static final int SYN = 0x02, FIN = 0x01;

    private Precise() { }

    /** A segment starting beyond what was sent leaves a hole [next expected, seq). */
    static void hole(Endpoint snd, int seq) {
        snd.holes.add(snd.nextSeq, seq);
    }

    /**
     * Decides a segment that does not advance the sequence (and is neither spurious nor a fast
     * retransmission): out-of-order only when it fills a hole and comes within the threshold of
     * the highest segment; data seen before is always a retransmission (tshark calls it
     * out-of-order when it comes soon enough: Wireshark issues 13843, 13863).
     */
    static int notAdvanced(Endpoint snd, int seq, int end, boolean soon, int a) {
        boolean fills = snd.holes.remove(seq, end);
        return a | (fills && soon ? OUT_OF_ORDER : RETRANSMISSION);
    }

    /** Resent data: the unacknowledged segments it overlaps can no longer give an RTT sample. */
    static void resent(Endpoint snd, int seq, int end) {
        for (int i = 0; i < snd.unacked; i++) {
            if (SequenceAnalysis.lt(snd.uaSeq[i], end) && SequenceAnalysis.gt(snd.uaNext[i], seq)) {
                snd.uaResent[i] = true;
            }
        }
    }

    /** Marks the segment just added as resent data. */
    static void lastResent(Endpoint snd) {
        if (snd.unacked > 0) {
            snd.uaResent[snd.unacked - 1] = true;
        }
    }

    /** SACK blocks from the other side: what of {@code data}'s bytes have arrived. */
    static void sack(Endpoint data, int left, int right) {
        data.sacked.add(left, right);
    }

    /**
     * Bytes in flight after this segment: from the other side's cumulative ACK to the highest
     * byte sent, less what the other side has SACKed in between (RFC 6675's "pipe" without the
     * loss estimate), or −1 when nothing was acknowledged yet (tshark's count applies then).
     */
    static long inFlight(Endpoint snd, Endpoint rcv, int seq, int seglen, int flags) {
        if (rcv.lastAck == 0) {
            return -1;
        }
        int from = rcv.lastAck;
        // A zero-window probe does not move the next expected byte, but its byte is in flight.
        int to = SequenceAnalysis.gt(seq + seglen, snd.nextSeq) ? seq + seglen : snd.nextSeq;
        snd.sacked.removeBelow(from);
        long span = to - from;
        if (span <= 0) {
            return 0;
        }
        long n = span - snd.sacked.covered(from, to) - ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        return Math.max(n, 0);
    }
}
