package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** IPv6 fixed header view (RFC 8200 §3) and extension header numbers (RFC 8200 §4). */
public final class Ipv6 {
    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SRC = 8;
    public static final int DST = 24;
    public static final int HEADER_LENGTH = 40;

    public static final int EXT_HOP_BY_HOP = 0;
    public static final int EXT_ROUTING = 43;
    public static final int EXT_FRAGMENT = 44;
    public static final int EXT_DESTINATION = 60;
    public static final int NO_NEXT_HEADER = 59;
    /** Hop-by-Hop option carrying a jumbogram's length (RFC 2675 §2). */
    public static final int OPT_JUMBO = 0xc2;
    /** Fragment header is always 8 bytes (RFC 8200 §4.5). */
    public static final int FRAGMENT_HEADER_LENGTH = 8;

    private Ipv6() {}

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 4; }

    public static int payloadLength(MemorySegment s, long off) { return Bytes.u16(s, off + PAYLOAD_LENGTH); }

    public static int nextHeader(MemorySegment s, long off) { return Bytes.u8(s, off + NEXT_HEADER); }

    public static int hopLimit(MemorySegment s, long off) { return Bytes.u8(s, off + HOP_LIMIT); }

    /** Whether {@code nh} is an extension header that tcpscope walks over. */
    public static boolean isExtension(int nh) {
        return nh == EXT_HOP_BY_HOP || nh == EXT_ROUTING || nh == EXT_FRAGMENT || nh == EXT_DESTINATION;
    }

    /**
     * The length a Jumbo Payload option gives, when the Hop-by-Hop header at {@code hbh} (with
     * {@code captured} bytes of it and after it in the capture) has one above 65535; else 0.
     * As packet-ipv6.c's ipv6_get_jumbo_plen(), which only looks at options whose six bytes
     * were captured and stops at the first jumbo option.
     */
    public static long jumboPayloadLength(MemorySegment s, long hbh, int captured) {
        if (captured < 2) {
            return 0;
        }
        int end = (Bytes.u8(s, hbh + 1) + 1) * 8;
        int o = 2;
        while (o < end && o + 6 <= captured) {
            int type = Bytes.u8(s, hbh + o++);
            if (type == 0) {
                continue;
            }
            int len = Bytes.u8(s, hbh + o++);
            if (type == OPT_JUMBO && len == 4) {
                long v = Bytes.u32(s, hbh + o);
                return v > 0xffff ? v : 0;
            }
            o += len;
        }
        return 0;
    }
}
