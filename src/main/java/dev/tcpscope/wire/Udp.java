package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** UDP header view (RFC 768). */
public final class Udp {
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int LENGTH = 4;
    public static final int CHECKSUM = 6;
    public static final int HEADER_LENGTH = 8;

    private Udp() {}

    public static int srcPort(MemorySegment s, long off) { return Bytes.u16(s, off + SRC_PORT); }

    public static int dstPort(MemorySegment s, long off) { return Bytes.u16(s, off + DST_PORT); }

    public static int length(MemorySegment s, long off) { return Bytes.u16(s, off + LENGTH); }
}
