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
            if (type == 137) {
                return redirected(s, off, cap, d.reported(i));
            }
            if (type < 1 || type > 4 || c <= 0 || Bytes.u8(s, off + 8) >>> 4 != 6) {
                return false;
            }
            return set(s, off + 8, c, r, true);
        }
        int words = 0;
        int limit = -1;
        switch (type) {
            case 3, 11, 12 -> words = Bytes.u8(s, off + 5);
            case 5 -> {
                if (c <= 0) {
                    return false; // reading the quoted header length throws in ICMP itself
                }
                limit = (Bytes.u8(s, off + 8) & 0x0f) * 4 + 8;
            }
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

    /**
     * The packet an ICMPv6 redirect's Redirected Header option carries (RFC 4861 §4.6.3), which
     * packet-icmpv6.c dissects as an error's quote when it looks like IPv6 ({@link NdOptions}).
     */
    private boolean redirected(MemorySegment s, long off, int cap, int rep) {
        int pos = NdOptions.redirectedHeader(s, off, cap, rep);
        if (pos < 0 || Bytes.u8(s, off + pos + 8) >>> 4 != 6) {
            return false;
        }
        int n = NdOptions.redirectedLength(s, off, pos);
        return set(s, off + pos + 8, Math.min(n, cap - pos - 8), Math.min(n, rep - pos - 8), true);
    }

    /**
     * Says how the quote's last layer ends the way its dissector would: reading header fields
     * one after another, the first read past the captured bytes raises a snap-length error
     * ({@link End#CAPTURE_SHORT}, which tshark lets out of the error message) when the quote
     * reports those bytes, else a malformed-packet error ({@link End#REPORTED_SHORT}, which it
     * swallows). The dissector checks a whole header at once; inside a quote the difference
     * shows, as quotes are short. An ICMP or ICMPv6 message is pushed without any check: its
     * fixed part (type, code, checksum and the type's second word) is read here.
     */
    static void checkQuotedEnd(Dissection d) {
        int n = d.count();
        if (n == 0) {
            return;
        }
        int i = n - 1;
        int cap = d.captured(i);
        int[] reads = switch (d.proto(i)) {
            case TCP -> TCP_READS;
            case UDP -> UDP_READS;
            case IPV6 -> IPV6_READS;
            case ICMP, ICMPV6 -> messageReads(d.proto(i), d, i);
            default -> null;
        };
        boolean checked = d.end == End.CAPTURE_SHORT || d.end == End.REPORTED_SHORT
                || d.end == End.COMPLETE && (d.proto(i) == Proto.ICMP || d.proto(i) == Proto.ICMPV6);
        if (reads == null || !checked) {
            return;
        }
        for (int end : reads) {
            if (end > cap) {
                d.end = end <= d.reported(i) ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
                return;
            }
        }
    }

    /** Where packet-tcp.c's reads of a header end, in order (ports, sequence, ack, length, flags, window, checksum, urgent). */
    private static final int[] TCP_READS = {2, 4, 8, 12, 13, 14, 16, 18, 20};
    /**
     * packet-ipv6.c's, of a header shorter than 40 bytes (which it marks and goes on reading):
     * version, traffic class and flow label, payload length, next header, hop limit, addresses.
     */
    private static final int[] IPV6_READS = {1, 4, 6, 7, 8, 24, 40};
    /** packet-udp.c's: ports, length, checksum. */
    private static final int[] UDP_READS = {2, 4, 6, 8};
    private static final int[] MESSAGE_TYPE_ONLY = {1};

    private static final int[] ICMPV6_FIXED = {1, 2, 4};
    private static final int[] ICMPV6_WORD = {1, 2, 4, 8};
    private static final int[] ICMP_FIXED = {1, 2, 4, 6};
    private static final int[] ICMP_WORD = {1, 2, 4, 6, 8};
    private static final int[] ICMP_MASK = {1, 2, 4, 6, 8, 12};
    private static final int[] ICMP_TIMESTAMPS = {1, 2, 4, 6, 8, 12, 16, 20};

    /** Where an ICMP or ICMPv6 dissector's reads of the message's fixed part end, by type. */
    private static int[] messageReads(Proto p, Dissection d, int i) {
        if (d.captured(i) < 1) {
            return MESSAGE_TYPE_ONLY;
        }
        int type = Bytes.u8(d.segment(i), d.offset(i));
        if (p == Proto.ICMPV6) {
            return type >= 1 && type <= 4 || type == 128 || type == 129 ? ICMPV6_WORD : ICMPV6_FIXED;
        }
        return switch (type) {
            case 13, 14 -> ICMP_TIMESTAMPS;
            case 17, 18 -> ICMP_MASK;
            case 0, 3, 4, 5, 8, 11, 12, 15, 16 -> ICMP_WORD;
            default -> ICMP_FIXED;
        };
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
