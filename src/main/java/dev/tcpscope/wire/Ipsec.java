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
}
