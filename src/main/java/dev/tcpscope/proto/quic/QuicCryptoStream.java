package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.tls.TlsQuic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The CRYPTO stream of one side of a connection at one encryption level (RFC 9000 §19.6), put
 * in order as packet-quic.c's desegment_quic_crypto does with its default preference
 * "reassemble_crypto_out_of_order": bytes already seen are a retransmission; bytes past a gap
 * start (or join) a multi-segment run that begins at the first missing offset, and the CRYPTO
 * frame that closes the last gap of the run gets the whole run, handed to TLS; bytes that
 * arrive in order outside a run go to TLS at once. TLS itself puts a handshake message cut
 * across calls together ({@link TlsQuic.Side}).
 *
 * <p>Bounded: a run holds at most {@link #MAX_RUN_BYTES} bytes; a CRYPTO frame that would make
 * it longer, or that starts further than that past the contiguous bytes, is left out of the
 * reassembly (shown, not handed to TLS), and at most {@link #MAX_RUNS} runs are kept.
 */
final class QuicCryptoStream {
    /** The cap on the bytes of one multi-segment run (a TLS handshake flight is a few kilobytes). */
    static final int MAX_RUN_BYTES = 64 * 1024;
    /** The cap on the runs a stream keeps. */
    static final int MAX_RUNS = 64;

    /** One CRYPTO frame's bytes in a run. */
    record Frag(long offset, byte[] data, int frame) { }

    /** A multi-segment run (tcp_multisegment_pdu). */
    private static final class Run {
        final long seq;
        long nxtpdu;
        boolean gotAll;
        final List<Frag> frags = new ArrayList<>(4);

        Run(long seq, long nxtpdu) {
            this.seq = seq;
            this.nxtpdu = nxtpdu;
        }
    }

    /** What one CRYPTO frame showed (kept for the tree). */
    static final class Shown {
        boolean retransmission, overlap;
        /** The run this frame completed, its fragments in offset order (relative offsets), or null. */
        List<Frag> reassembled;
        byte[] reassembledBytes;
        /** TLS's part of the frame, or null. */
        TlsQuic.Call tls;
        /** TLS read past a message: the exception ends QUIC's dissection of the datagram there. */
        boolean tlsMalformed;
    }

    private long maxContiguous;
    private final TreeMap<Long, Run> runs = new TreeMap<>();
    final TlsQuic.Side tls = new TlsQuic.Side();

    /** desegment_quic_crypto, first pass, for {@code data} at stream offset {@code offset} in frame {@code frame}. */
    /** The checks made before the bytes are read, for a CRYPTO frame whose bytes are not all there. */
    Shown check(long offset, long length) {
        Shown s = new Shown();
        if (offset + length <= maxContiguous) {
            s.retransmission = true;
        } else if (offset < maxContiguous) {
            s.overlap = true;
        }
        return s;
    }

    /**
     * desegment_quic_crypto, first pass, for the bytes {@code seg} at stream offset {@code offset}.
     * As packet-quic.c does, the retransmission checks use the 64-bit offset and the rest its low
     * 32 bits (the TCP reassembly code it reuses counts in 32 bits).
     */
    Shown add(long offset, java.lang.foreign.MemorySegment seg, int frame, boolean fromServer) {
        Shown s = new Shown();
        byte[] data = seg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        long seq = offset & 0xffffffffL;
        int length = data.length;
        if (offset + length <= maxContiguous) {
            s.retransmission = true;
            return s;
        }
        if (offset < maxContiguous) {
            s.overlap = true;
            int overlap = (int) (maxContiguous - offset);
            data = java.util.Arrays.copyOfRange(data, overlap, data.length);
            seg = seg.asSlice(overlap);
            length = data.length;
            seq = maxContiguous & 0xffffffffL;
        }
        long nxtseq = (seq + length) & 0xffffffffL;
        var e = runs.floorEntry(seq);
        Run run = e == null ? null : e.getValue();
        if (run != null && run.gotAll && seq >= run.nxtpdu) {
            run = null;
        }
        boolean gap = maxContiguous < seq;
        if (!gap) {
            if (run != null) {
                long max = nxtseq - run.seq;
                for (Frag f : sorted(run)) {
                    long fo = f.offset();
                    long fe = fo + f.data().length;
                    if (fo <= max && max < fe) {
                        max = fe;
                    }
                }
                maxContiguous = max + run.seq;
            } else {
                maxContiguous = nxtseq;
            }
        }
        if (run != null) {
            run.nxtpdu = Math.max(run.nxtpdu, nxtseq);
        }
        if (run != null && run.seq <= seq && run.nxtpdu > seq) {
            if (run.nxtpdu - run.seq > MAX_RUN_BYTES) {
                return s;
            }
            run.frags.add(new Frag(seq - run.seq, data, frame));
            long total = Math.max(nxtseq, run.nxtpdu) - run.seq;
            if (covered(run) >= total) {
                run.gotAll = true;
                s.reassembled = sorted(run);
                byte[] all = new byte[(int) total];
                for (Frag f : s.reassembled) {
                    int n = (int) Math.min(f.data().length, total - f.offset());
                    if (n > 0) {
                        System.arraycopy(f.data(), 0, all, (int) f.offset(), n);
                    }
                }
                s.reassembledBytes = all;
                s.tls = TlsQuic.take(tls, java.lang.foreign.MemorySegment.ofArray(all), frame, fromServer);
                run.frags.clear(); // done: only its bounds stay
            }
        } else if (gap) {
            if (nxtseq - maxContiguous > MAX_RUN_BYTES || runs.size() >= MAX_RUNS) {
                return s;
            }
            Run r = new Run(maxContiguous, nxtseq);
            r.frags.add(new Frag(seq - r.seq, data, frame));
            runs.put(r.seq, r);
        } else {
            s.tls = TlsQuic.take(tls, seg, frame, fromServer);
        }
        return s;
    }

    private static List<Frag> sorted(Run run) {
        List<Frag> l = new ArrayList<>(run.frags);
        l.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return l;
    }

    /** How far the run's fragments cover it from its start without a hole. */
    private static long covered(Run run) {
        long max = 0;
        for (Frag f : sorted(run)) {
            if (f.offset() > max) {
                break;
            }
            max = Math.max(max, f.offset() + f.data().length);
        }
        return max;
    }

    /** The cipher suite of the Server Hello TLS saw on this stream, or 0. */
    int serverHelloCipher() {
        return tls.cipherSuite();
    }
}
