package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * Where the datagram an ICMP or ICMPv6 error message quotes lies, as Wireshark 4.0 hands it to
 * the IP dissector: the bytes after the message's first 8 (RFC 792; RFC 4443 §3), cut to the
 * RFC 4884 length of the original datagram when the message carries extensions after it, or to
 * the IP header and 64 bits of data for a redirect (packet-icmp.c). ICMPv6 quotes only what
 * looks like IPv6 (version 6); anything else is data (packet-icmpv6.c).
 *
 * <p>Reused; {@link #find} fills it for the last layer of a dissection.
 */
final class IcmpQuote {
    MemorySegment segment;
    long offset;
    int captured;
    int reported;
    boolean v6;

    /** Whether the last layer of {@code d} is an ICMP or ICMPv6 error with a quote; if so, fills this. */
    boolean find(Dissection d) {
        int n = d.count();
        if (n == 0) {
            return false;
        }
        int i = n - 1;
        Proto p = d.proto(i);
        if (p != Proto.ICMP && p != Proto.ICMPV6) {
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        int cap = d.captured(i);
        // the message's first 8 bytes are read before the quote (the type's second word)
        if (cap < 8) {
            return false;
        }
        int type = Bytes.u8(s, off);
        int c = cap - 8;
        int r = d.reported(i) - 8;
        if (p == Proto.ICMPV6) {
            if (type < 1 || type > 4 || c <= 0 || Bytes.u8(s, off + 8) >>> 4 != 6) {
                return false;
            }
            return set(s, off + 8, c, r, true);
        }
        int words = 0;
        int limit = -1;
        switch (type) {
            case 3, 11, 12 -> words = Bytes.u8(s, off + 5);
            case 5 -> limit = c > 0 ? (Bytes.u8(s, off + 8) & 0x0f) * 4 + 8 : -1;
            case 4 -> { }
            default -> {
                return false;
            }
        }
        if (c <= 0 && r <= 0) {
            return false;
        }
        if (limit < 0 && words > 0 && r > words * 4 && c >= 4 && Bytes.u16(s, off + 10) > words * 4) {
            limit = ((Bytes.u8(s, off + 8) & 0x0f) + words) * 4;
        }
        if (limit >= 0) {
            c = Math.min(c, limit);
            r = Math.min(r, limit);
        }
        return set(s, off + 8, Math.max(0, c), r, false);
    }

    private boolean set(MemorySegment s, long off, int cap, int rep, boolean isV6) {
        segment = s;
        offset = off;
        captured = cap;
        reported = rep;
        v6 = isV6;
        return true;
    }
}
