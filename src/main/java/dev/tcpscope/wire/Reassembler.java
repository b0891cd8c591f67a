package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * IP datagram reassembly (RFC 791 §3.2, RFC 8200 §4.5) the way Wireshark's
 * {@code fragment_add_check} does it in a single pass (epan/reassemble.c), with
 * {@code ip.defragment} and {@code ipv6.defragment} on: fragments are keyed by the addresses and
 * an identification, kept sorted by offset, and the datagram is complete once a last fragment
 * (no more-fragments flag) has given its length and the fragments cover it from 0 without a gap.
 * The whole datagram is then built into one buffer: bytes that overlap an earlier-listed
 * fragment are not overwritten (they are only compared, for the conflict flag), bytes past the
 * datagram's end are dropped. A completed datagram leaves the table; a later fragment with the
 * same key starts a new one.
 *
 * <p>Memory is bounded: fragments are copied (only fragments: other frames never reach this
 * class), and at most {@link #MAX_PENDING} incomplete datagrams holding at most
 * {@link #MAX_BYTES} payload bytes in all are kept; past either bound the datagram whose first
 * fragment came earliest is dropped. Wireshark keeps incomplete datagrams for the whole capture,
 * so the two differ only for captures with more unfinished fragments than that. The output
 * buffer is reused from one completed datagram to the next and grows to the largest one (at
 * most about 128 KiB: a 13-bit offset plus a 16-bit length).
 */
final class Reassembler {
    /** Most incomplete datagrams kept. */
    static final int MAX_PENDING = 4096;
    /** Most fragment payload bytes kept for incomplete datagrams, all together. */
    static final long MAX_BYTES = 32L << 20;
    /** Room in the output buffer for the IP header copy in front of the datagram. */
    static final int IP_ROOM = 60;

    private static final class Key {
        final long a0, a1, a2, a3, b0, b1, b2, b3;
        final long id;
        private final int hash;

        Key(long[] v, long id) {
            a0 = v[0]; a1 = v[1]; a2 = v[2]; a3 = v[3]; b0 = v[4]; b1 = v[5]; b2 = v[6]; b3 = v[7];
            this.id = id;
            hash = Arrays.hashCode(v) * 31 + Long.hashCode(id);
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            return o instanceof Key k && id == k.id && a0 == k.a0 && a1 == k.a1 && a2 == k.a2 && a3 == k.a3
                    && b0 == k.b0 && b1 == k.b1 && b2 == k.b2 && b3 == k.b3;
        }
    }

    /** An incomplete datagram: its fragments sorted by offset, equal offsets in arrival order. */
    private static final class Datagram {
        int n;
        long[] frame = new long[4];
        int[] offset = new int[4];
        int[] length = new int[4];
        int[] flags = new int[4];
        byte[][] data = new byte[4][];
        /** The length a last fragment gave, or -1 before one came ({@code FD_DATALEN_SET}). */
        int datalen = -1;
        long bytes;

        void insert(long fr, int off, byte[] bytes, int f) {
            if (n == frame.length) {
                int m = n * 2;
                frame = Arrays.copyOf(frame, m);
                offset = Arrays.copyOf(offset, m);
                length = Arrays.copyOf(length, m);
                flags = Arrays.copyOf(flags, m);
                data = Arrays.copyOf(data, m);
            }
            int p = n;
            while (p > 0 && offset[p - 1] > off) {
                p--;
            }
            System.arraycopy(frame, p, frame, p + 1, n - p);
            System.arraycopy(offset, p, offset, p + 1, n - p);
            System.arraycopy(length, p, length, p + 1, n - p);
            System.arraycopy(flags, p, flags, p + 1, n - p);
            System.arraycopy(data, p, data, p + 1, n - p);
            frame[p] = fr;
            offset[p] = off;
            length[p] = bytes.length;
            flags[p] = f;
            data[p] = bytes;
            n++;
            this.bytes += bytes.length;
        }
    }

    private final int maxPending;
    private final long maxBytes;
    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>(256);
    private long pendingBytes;
    private final long[] keyValues = new long[8];
    private byte[] out = new byte[0];
    private MemorySegment outSegment = MemorySegment.ofArray(out);
    private final Reassembly result = new Reassembly();

    Reassembler() {
        this(MAX_PENDING, MAX_BYTES);
    }

    /** A reassembler with other bounds (tests). */
    Reassembler(int maxPending, long maxBytes) {
        this.maxPending = maxPending;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a fragment of frame {@code frame} whose payload is {@code s[payload, payload+length)}
     * at datagram offset {@code fragOffset}. Returns true when it completes its datagram; then
     * {@link #result()} describes it, its payload preceded in the same memory by a copy of the IP
     * header {@code s[ip, ip+ipLength)} (at most {@link #IP_ROOM} bytes of it).
     *
     * @param id the identification, with whatever else Wireshark folds into the key
     */
    boolean add(MemorySegment s, long srcAddr, long dstAddr, int addrLength, long id,
                int fragOffset, boolean more, long payload, int length, long ip, int ipLength, long frame) {
        Arrays.fill(keyValues, 0);
        for (int k = 0; k < addrLength; k += 8) {
            keyValues[k / 8] = addrLength - k >= 8 ? s.get(Bytes.U64, srcAddr + k) : Bytes.u32(s, srcAddr + k);
            keyValues[4 + k / 8] = addrLength - k >= 8 ? s.get(Bytes.U64, dstAddr + k) : Bytes.u32(s, dstAddr + k);
        }
        Key key = new Key(keyValues, id);
        Datagram g = pending.get(key);
        if (g == null) {
            g = new Datagram();
            pending.put(key, g);
        }
        int flags = 0;
        int end = fragOffset + length;
        if (!more) {
            if (g.datalen < 0) {
                g.datalen = end;
            } else if (g.datalen != end) {
                flags |= Reassembly.MULTIPLE_TAILS;
            }
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(s, Bytes.U8, payload, bytes, 0, length);
        g.insert(frame, fragOffset, bytes, flags);
        pendingBytes += length;
        if (complete(g)) {
            pending.remove(key);
            pendingBytes -= g.bytes;
            build(g, s, ip, ipLength, addrLength == 16);
            return true;
        }
        evict();
        return false;
    }

    /** Wireshark's test: the fragments, in offset order, cover [0, datalen) with no gap. */
    private static boolean complete(Datagram g) {
        if (g.datalen < 0) {
            return false;
        }
        int max = 0;
        for (int k = 0; k < g.n; k++) {
            int end = g.offset[k] + g.length[k];
            if (g.offset[k] <= max && end > max) {
                max = end;
            }
        }
        return max >= g.datalen;
    }

    private void build(Datagram g, MemorySegment s, long ip, int ipLength, boolean v6) {
        int ipCopy = Math.min(ipLength, IP_ROOM);
        int datalen = g.datalen;
        if (out.length < ipCopy + datalen) {
            out = new byte[ipCopy + datalen];
            outSegment = MemorySegment.ofArray(out);
        }
        MemorySegment.copy(s, Bytes.U8, ip, out, 0, ipCopy);
        int base = ipCopy;
        Reassembly r = result;
        r.clearFragments();
        int filled = 0;
        for (int k = 0; k < g.n; k++) {
            int off = g.offset[k];
            int len = g.length[k];
            int f = g.flags[k];
            if (len > 0) {
                if (off >= datalen) {
                    f |= Reassembly.TOO_LONG;
                } else {
                    int fragLen = len;
                    if (off + fragLen > datalen) {
                        f |= Reassembly.TOO_LONG;
                        fragLen = datalen - off;
                    }
                    int overlap = filled - off; // never negative: complete() ruled out gaps
                    if (overlap > 0) {
                        f |= Reassembly.OVERLAP;
                        int n = Math.min(len, overlap);
                        if (!Arrays.equals(out, base + off, base + off + n, g.data[k], 0, n)) {
                            f |= Reassembly.OVERLAP_CONFLICT;
                        }
                    }
                    if (off + fragLen > filled) {
                        int from = Math.max(overlap, 0);
                        System.arraycopy(g.data[k], from, out, base + off + from, fragLen - from);
                        filled = off + fragLen;
                    }
                }
            }
            r.addFragment(g.frame[k], off, len, f);
        }
        r.v6 = v6;
        r.segment = outSegment;
        r.offset = base;
        r.length = datalen;
    }

    /** Drops the oldest incomplete datagrams while over either bound. */
    private void evict() {
        Iterator<Datagram> it = pending.values().iterator();
        while ((pending.size() > maxPending || pendingBytes > maxBytes) && it.hasNext()) {
            pendingBytes -= it.next().bytes;
            it.remove();
        }
    }

    /** The datagram the last {@link #add} that returned true completed. */
    Reassembly result() { return result; }

    /** Incomplete datagrams held (tests). */
    int pendingDatagrams() { return pending.size(); }

    /** Payload bytes held for them (tests). */
    long pendingBytes() { return pendingBytes; }
}
