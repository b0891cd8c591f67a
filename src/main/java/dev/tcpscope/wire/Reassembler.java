package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IP datagram reassembly as far as the packet list needs it (RFC 791 §3.2, RFC 8200 §4.5):
 * which fragment completes a datagram, how long the datagram is, and its first bytes (where
 * the transport header is). Payload beyond {@link #HEAD} bytes is never copied.
 *
 * <p>Follows Wireshark's default ({@code ip.defragment}/{@code ipv6.defragment} on): fragments
 * are keyed by addresses, identification and (IPv4) protocol; a datagram is complete when the
 * fragments seen cover it from 0 to the end of the fragment without the more-fragments flag.
 * Memory is bounded: at most {@link #MAX_PENDING} incomplete datagrams, the oldest dropped first.
 */
final class Reassembler {
    /** Bytes kept from the start of each datagram: enough for any transport header. */
    static final int HEAD = 128;
    static final int MAX_PENDING = 4096;
    /** Room in the output buffer for the IP header copy in front of the datagram's head. */
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

    private static final class Datagram {
        final byte[] head = new byte[HEAD];
        int headLength;
        /** Covered byte ranges, sorted and merged: start0, end0, start1, end1, ... */
        int[] ranges = new int[8];
        int rangeCount;
        int total = -1;
    }

    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Datagram> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private final long[] keyValues = new long[8];
    private final byte[] out = new byte[IP_ROOM + HEAD];
    private final MemorySegment outSegment = MemorySegment.ofArray(out);
    private int outHead;
    private int outTotal;

    /**
     * Adds a fragment whose payload is {@code s[payload, payload+length)} at datagram offset
     * {@code fragOffset}. Returns true when it completes its datagram; then {@link #segment()}
     * holds the IP header (copied from {@code s[ip, ip+ipLength)}) followed by the datagram's
     * first bytes, and {@link #total()} is the datagram's length.
     */
    boolean add(MemorySegment s, long srcAddr, long dstAddr, int addrLength, long id,
                int fragOffset, boolean more, long payload, int length, long ip, int ipLength) {
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
        if (fragOffset < HEAD) {
            int n = Math.min(length, HEAD - fragOffset);
            MemorySegment.copy(s, Bytes.U8, payload, g.head, fragOffset, n);
            g.headLength = Math.max(g.headLength, fragOffset + n);
        }
        addRange(g, fragOffset, fragOffset + length);
        if (!more) {
            g.total = fragOffset + length;
        }
        if (g.total < 0 || g.rangeCount == 0 || g.ranges[0] != 0 || g.ranges[1] < g.total) {
            return false;
        }
        pending.remove(key);
        int ipCopy = Math.min(ipLength, IP_ROOM);
        MemorySegment.copy(s, Bytes.U8, ip, out, 0, ipCopy);
        System.arraycopy(g.head, 0, out, ipCopy, Math.min(g.headLength, g.total));
        outHead = ipCopy;
        outTotal = g.total;
        headCaptured = Math.min(Math.min(g.headLength, g.total), HEAD);
        return true;
    }

    private int headCaptured;

    /** After a completing {@link #add}: IP header copy, then the datagram's first bytes. */
    MemorySegment segment() { return outSegment; }

    /** Where the datagram starts in {@link #segment()}. */
    int headOffset() { return outHead; }

    /** How many of the datagram's bytes are in {@link #segment()}. */
    int headCaptured() { return headCaptured; }

    /** The reassembled datagram's length. */
    int total() { return outTotal; }

    private static void addRange(Datagram g, int start, int end) {
        if (end <= start) {
            return;
        }
        int[] r = g.ranges;
        int n = g.rangeCount;
        int[] merged = new int[(n + 1) * 2];
        int m = 0;
        boolean placed = false;
        for (int k = 0; k < n; k++) {
            int s = r[2 * k], e = r[2 * k + 1];
            if (e < start) {
                merged[m++] = s;
                merged[m++] = e;
            } else if (s > end) {
                if (!placed) {
                    merged[m++] = start;
                    merged[m++] = end;
                    placed = true;
                }
                merged[m++] = s;
                merged[m++] = e;
            } else {
                start = Math.min(start, s);
                end = Math.max(end, e);
            }
        }
        if (!placed) {
            merged[m++] = start;
            merged[m++] = end;
        }
        g.ranges = merged;
        g.rangeCount = m / 2;
    }
}
