package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Unsigned big-endian reads at absolute offsets, the only way views touch bytes.
 * The layouts are constants so that the JIT turns each read into one load.
 */
public final class Bytes {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort U16LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {}

    public static int u8(MemorySegment s, long off) {
        return s.get(U8, off) & 0xff;
    }

    public static int u16(MemorySegment s, long off) {
        return s.get(U16, off) & 0xffff;
    }

    public static long u32(MemorySegment s, long off) {
        return s.get(U32, off) & 0xffffffffL;
    }

    public static long u64(MemorySegment s, long off) {
        return s.get(U64, off);
    }

    public static int i32(MemorySegment s, long off) {
        return s.get(U32, off);
    }

    public static int u16le(MemorySegment s, long off) {
        return s.get(U16LE, off) & 0xffff;
    }

    public static long u32le(MemorySegment s, long off) {
        return s.get(U32LE, off) & 0xffffffffL;
    }
}
