package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * The walk over an ICMPv6 message's Neighbor Discovery options (RFC 4861 §4.6) as far as the
 * layers below the tree need it: where a redirect's Redirected Header option is (RFC 4861
 * §4.6.3), whose packet packet-icmpv6.c dissects as an error's quote, or hands to data when
 * it is not IPv6. The walk stops as the tree's (present/Icmpv6Options) does: at a zero length,
 * or where an earlier option's reads (a prefix's 32 bytes, an MTU's 8, whole DNS server
 * addresses) run past the captured bytes.
 */
public final class NdOptions {
    /** Where a redirect's options start: type, code, checksum, reserved, target and destination. */
    public static final int REDIRECT_OPTIONS = 40;

    private NdOptions() { }

    /**
     * The offset, within the ICMPv6 redirect at {@code off} ({@code cap} bytes captured of
     * {@code rep}), of its first Redirected Header option with a packet in it (a length over
     * one unit) whose first byte is captured; -1 when there is none.
     */
    public static int redirectedHeader(MemorySegment s, long off, int cap, int rep) {
        int pos = REDIRECT_OPTIONS;
        while (pos < rep) {
            if (pos + 2 > cap) {
                return -1;
            }
            int type = Bytes.u8(s, off + pos);
            int len = Bytes.u8(s, off + pos + 1) * 8;
            if (len == 0) {
                return -1;
            }
            if (type == 4) {
                return len > 8 && pos + 9 <= cap ? pos : -1;
            }
            int reach = switch (type) {
                case 3 -> 32;
                case 5 -> 8;
                case 25 -> len <= 8 ? 8 : 8 + (len - 8 + 15) / 16 * 16;
                default -> len;
            };
            if (pos + Math.max(len, reach) > cap) {
                return -1;
            }
            pos += len;
        }
        return -1;
    }

    /** The length of the packet in the Redirected Header option at {@code pos}: the option's, less its 8-byte header. */
    public static int redirectedLength(MemorySegment s, long off, int pos) {
        return Bytes.u8(s, off + pos + 1) * 8 - 8;
    }
}
