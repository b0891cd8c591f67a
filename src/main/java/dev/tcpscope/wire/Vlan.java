package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** IEEE 802.1Q tag view, after the TPID: TCI (PCP 3 bits, DEI 1 bit, VID 12 bits) and the inner type. */
public final class Vlan {
    public static final int TCI = 0;
    public static final int TYPE = 2;
    public static final int HEADER_LENGTH = 4;

    private Vlan() {}

    public static int priority(MemorySegment s, long off) { return Bytes.u8(s, off + TCI) >>> 5; }

    public static int dei(MemorySegment s, long off) { return (Bytes.u8(s, off + TCI) >>> 4) & 1; }

    public static int id(MemorySegment s, long off) { return Bytes.u16(s, off + TCI) & 0x0fff; }

    public static int type(MemorySegment s, long off) { return Bytes.u16(s, off + TYPE); }
}
