package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** IPv4 header view (RFC 791 §3.1). Offsets relative to the header's first byte. */
public final class Ipv4 {
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int ID = 4;
    public static final int FLAGS_FRAGMENT = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SRC = 12;
    public static final int DST = 16;
    public static final int MIN_HEADER_LENGTH = 20;

    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;

    private Ipv4() {}

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 4; }

    /** Header length in bytes (IHL × 4). */
    public static int headerLength(MemorySegment s, long off) { return (Bytes.u8(s, off) & 0x0f) * 4; }

    public static int totalLength(MemorySegment s, long off) { return Bytes.u16(s, off + TOTAL_LENGTH); }

    public static int id(MemorySegment s, long off) { return Bytes.u16(s, off + ID); }

    public static boolean moreFragments(MemorySegment s, long off) {
        return (Bytes.u16(s, off + FLAGS_FRAGMENT) & FLAG_MF) != 0;
    }

    /** Fragment offset in bytes. */
    public static int fragmentOffset(MemorySegment s, long off) {
        return (Bytes.u16(s, off + FLAGS_FRAGMENT) & 0x1fff) * 8;
    }

    public static int ttl(MemorySegment s, long off) { return Bytes.u8(s, off + TTL); }

    public static int protocol(MemorySegment s, long off) { return Bytes.u8(s, off + PROTOCOL); }

    public static int src(MemorySegment s, long off) { return Bytes.i32(s, off + SRC); }

    public static int dst(MemorySegment s, long off) { return Bytes.i32(s, off + DST); }
}
