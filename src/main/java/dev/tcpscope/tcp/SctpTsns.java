package dev.tcpscope.tcp;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first TSNs packet-sctp.c's TSN analysis (on by default in 4.0.17) counts relative TSNs
 * from. A half association is one direction's (source port, destination port, verification
 * tag); a packet whose tag is 0 (an INIT) has none, so its chunks show absolute TSNs only. A new
 * half association is paired with the latest reversed one (destination and source ports swapped)
 * still without a peer. The first DATA chunk a half association carries sets its first TSN; a
 * SACK's cumulative TSN is relative to its peer's, 0 while the peer has sent none
 * (the cumulative TSN itself then), and absolute only when there is no peer. Every frame the {@link Decoder} decodes passes
 * here in capture order (a second pass reads the first's final state); at most {@link #MAX} half associations are followed.
 */
final class SctpTsns {
    static final int MAX = 1 << 16;
    /** TSNs remembered per half association for the retransmission check. */
    static final int MAX_TSNS = 1 << 16;
    /** DATA chunks of one packet whose retransmission is reported. */
    static final int MAX_REPORTED = 64;

    private static final class Half {
        /** 0 until the first DATA chunk sets it, as packet-sctp.c's zeroed half association. */
        long first;
        boolean started;
        Half peer;
        /** TSN → {frame, time in ns} of the first DATA chunk that carried it (at most {@link #MAX_TSNS}). */
        final Map<Long, long[]> seen = new HashMap<>();
        final int sport, dport;

        Half(int sport, int dport) {
            this.sport = sport;
            this.dport = dport;
        }
    }

    private Map<Long, Half> halves = new HashMap<>();
    /** Whether this is the second pass (-2): the first pass's half associations, as they ended, give every frame its TSNs. */
    private boolean second;
    /** Half associations without a peer yet, by (source port, destination port). */
    private final Map<Integer, List<Half>> unpaired = new HashMap<>();
    private long own = -1, peer = -1;
    /** For the frame's k-th DATA chunk: the frame that first carried its TSN (0: not a retransmission), and the time since. */
    private final long[] retransFrame = new long[MAX_REPORTED];
    private final long[] retransAfter = new long[MAX_REPORTED];
    private int dataChunks;

    /** Reads, in a second pass, what {@code first} followed over the whole capture (tshark -2 shows the final first TSNs). */
    void secondPassOf(SctpTsns first) {
        halves = first.halves;
        second = true;
    }

    /** {first TSN of this direction, first TSN of its peer}, -1 where unknown: the frame just decoded. */
    long[] bases() {
        int n = Math.min(dataChunks, MAX_REPORTED);
        long[] b = new long[2 + 2 * n];
        b[0] = own;
        b[1] = peer;
        for (int k = 0; k < n; k++) {
            b[2 + 2 * k] = retransFrame[k];
            b[3 + 2 * k] = retransAfter[k];
        }
        return b;
    }

    void frame(Dissection d, long frame, long time) {
        own = -1;
        peer = -1;
        dataChunks = 0;
        this.frameNumber = frame;
        this.time = time;
        for (int i = 0, n = d.count(); i < n; i++) {
            if (d.proto(i) == Proto.SCTP) {
                layer(d, i);
                return;
            }
        }
    }

    private long frameNumber, time;

    private void layer(Dissection d, int i) {
        var s = d.segment(i);
        long base = d.offset(i);
        int cap = d.captured(i);
        if (cap < 12) {
            return;
        }
        int sport = Bytes.u16(s, base);
        int dport = Bytes.u16(s, base + 2);
        long vtag = Bytes.u32(s, base + 4);
        if (vtag == 0) {
            return;
        }
        long key = (long) sport << 48 | (long) dport << 32 | vtag;
        Half h = halves.get(key);
        if (second) {
            if (h != null) {
                own = h.first;
                peer = h.peer != null ? h.peer.first : -1;
                retransmissions(s, base, cap, h);
            }
            return;
        }
        if (h == null) {
            if (halves.size() >= MAX) {
                return;
            }
            h = new Half(sport, dport);
            halves.put(key, h);
            List<Half> rev = unpaired.get(dport << 16 | sport);
            if (rev != null && !rev.isEmpty()) {
                Half p = rev.remove(rev.size() - 1);
                p.peer = h;
                h.peer = p;
            } else {
                unpaired.computeIfAbsent(sport << 16 | dport, k -> new ArrayList<>()).add(h);
            }
        }
        int off = 12;
        for (int k = 0; k < 1 << 14 && off + 4 <= cap; k++) {
            int type = Bytes.u8(s, base + off);
            int len = Bytes.u16(s, base + off + 2);
            if (type == 0 && off + 8 <= cap && !h.started) {
                h.first = Bytes.u32(s, base + off + 4);
                h.started = true;
            }
            if (len < 4) {
                break;
            }
            off += (len + 3) & ~3;
        }
        own = h.first;
        peer = h.peer != null ? h.peer.first : -1;
        retransmissions(s, base, cap, h);
    }

    /**
     * packet-sctp.c's retransmission check: a DATA chunk whose TSN an earlier frame of the half
     * association carried is a retransmission of the first such frame. The same walk over the
     * chunks as {@link #layer}'s; a second pass finds the same first frames.
     */
    private void retransmissions(java.lang.foreign.MemorySegment s, long base, int cap, Half h) {
        int off = 12;
        for (int k = 0; k < 1 << 14 && off + 4 <= cap; k++) {
            int type = Bytes.u8(s, base + off);
            int len = Bytes.u16(s, base + off + 2);
            if (type == 0 && off + 8 <= cap) {
                long tsn = Bytes.u32(s, base + off + 4);
                long[] first = h.seen.get(tsn);
                if (first == null && h.seen.size() < MAX_TSNS) {
                    h.seen.put(tsn, new long[] {frameNumber, time});
                }
                if (dataChunks < MAX_REPORTED) {
                    boolean earlier = first != null && first[0] < frameNumber;
                    retransFrame[dataChunks] = earlier ? first[0] : 0;
                    retransAfter[dataChunks] = earlier ? time - first[1] : 0;
                }
                dataChunks++;
            }
            if (len < 4) {
                break;
            }
            off += (len + 3) & ~3;
        }
    }
}
