package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * IPsec's Encapsulating Security Payload header (RFC 4303 §2, packet-ipsec.c): the Security
 * Parameters Index and the sequence number; the bytes after them stay opaque to a dissector
 * without the keys.
 */
public final class Ipsec {
    private Ipsec() { }

    /** ESP's SPI and sequence number. */
    public static final int ESP_HEADER_LENGTH = 8;

    public static long espSpi(MemorySegment s, long off) { return Bytes.u32(s, off); }

    public static long espSequence(MemorySegment s, long off) { return Bytes.u32(s, off + 4); }

    /** AH's next header, payload length, reserved field, SPI and sequence number (RFC 4302 §2). */
    public static final int AH_FIXED_LENGTH = 12;

    public static int ahNextHeader(MemorySegment s, long off) { return Bytes.u8(s, off); }

    /** AH's length field: the header's length in 32-bit words, minus 2. */
    public static int ahLength(MemorySegment s, long off) { return Bytes.u8(s, off + 1); }

    /** The header's length in bytes, ICV included. */
    public static int ahHeaderLength(MemorySegment s, long off) { return (ahLength(s, off) + 2) * 4; }

    /** packet-ipsec.c's ICV length: the header's less its 12 fixed bytes (none for a zero length field). */
    public static int ahIcvLength(MemorySegment s, long off) {
        int len = ahLength(s, off);
        return len == 0 ? 0 : (len - 1) * 4;
    }

    public static long ahSpi(MemorySegment s, long off) { return Bytes.u32(s, off + 4); }

    public static long ahSequence(MemorySegment s, long off) { return Bytes.u32(s, off + 8); }

    /** IPComp's next header, flags and Compression Parameter Index (RFC 3173 §2.2). */
    public static final int IPCOMP_HEADER_LENGTH = 4;

    /**
     * Most bytes an IPComp payload may inflate to here: a datagram holds at most 65,535, so this
     * stops only streams crafted to expand (nested, each level a thousandfold), which tshark
     * would inflate however large; such a payload stays data.
     */
    public static final int IPCOMP_INFLATED_LIMIT = 1 << 20;

    public static int ipcompNextHeader(MemorySegment s, long off) { return Bytes.u8(s, off); }

    public static int ipcompFlags(MemorySegment s, long off) { return Bytes.u8(s, off + 1); }

    public static int ipcompCpi(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    /** packet-ipsec.c's names of the well-known CPIs (RFC 2407 §4.4.5), else null. */
    public static String ipcompCpiName(int cpi) {
        return switch (cpi) {
            case 1 -> "OUI";
            case 2 -> "DEFLATE";
            case 3 -> "LZS";
            default -> null;
        };
    }
}
