package dev.tcpscope.proto.dnp3;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The DNP 3.0 link layer CRC (IEEE 1815-2012 §9.2.5.1.4): CRC-16 with polynomial 0x3D65, bits
 * taken least significant first (so the reflected polynomial 0xA6BC), initial value 0, the
 * result inverted; sent least significant byte first.
 */
final class Crc {
    private Crc() { }

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? c >>> 1 ^ 0xA6BC : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** The CRC of the {@code len} bytes at {@code off} of {@code s}. */
    static int dnp(MemorySegment s, long off, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            crc = crc >>> 8 ^ TABLE[(crc ^ u8(s, off + i)) & 0xff];
        }
        return ~crc & 0xffff;
    }
}
