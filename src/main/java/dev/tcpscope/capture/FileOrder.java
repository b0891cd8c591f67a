package dev.tcpscope.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads of a capture file's header integers in the byte order the file was written in.
 *
 * <p>The layouts are constants and the order is a flag: a {@code MemorySegment.get} with a layout
 * held in a field is not constant-folded by the JIT and takes the slow path with its alignment and
 * layout checks, which cost a quarter of a whole fields run in a profile of a 1 GB pcap.
 */
record FileOrder(boolean bigEndian) {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final FileOrder LITTLE = new FileOrder(false);
    static final FileOrder BIG = new FileOrder(true);

    static FileOrder of(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? BIG : LITTLE;
    }

    int i32(MemorySegment s, long off) {
        int v = s.get(I32, off);
        return bigEndian ? Integer.reverseBytes(v) : v;
    }

    long u32(MemorySegment s, long off) {
        return Integer.toUnsignedLong(i32(s, off));
    }

    int u16(MemorySegment s, long off) {
        short v = s.get(I16, off);
        return Short.toUnsignedInt(bigEndian ? Short.reverseBytes(v) : v);
    }

    long i64(MemorySegment s, long off) {
        long v = s.get(I64, off);
        return bigEndian ? Long.reverseBytes(v) : v;
    }
}
