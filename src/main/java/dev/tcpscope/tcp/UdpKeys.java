package dev.tcpscope.tcp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * 64-bit keys of UDP endpoints (an address and a port) and of addresses alone, and of the
 * conversations a protocol announces between an endpoint and any port of another address
 * (packet-tftp.c's {@code conversation_new} with {@code NO_PORT2}): the decoder, the dissector
 * table and {@link UdpConversations} compute them the same way.
 */
public final class UdpKeys {
    private UdpKeys() { }

    /** The "port" of an address alone: none of the 65,536 real ones. */
    public static final int HOST = 1 << 16;

    /** The key of the {@code alen}-byte address at {@code at} of {@code s} with {@code port} ({@link #HOST}: the address alone). */
    public static long endpoint(MemorySegment s, long at, int alen, int port) {
        long h = port;
        for (int k = 0; k < alen; k++) {
            h = h * 31 + (s.get(ValueLayout.JAVA_BYTE, at + k) & 0xff);
        }
        return h * 0x9E3779B97F4A7C15L ^ alen;
    }

    /** As {@link #endpoint(MemorySegment, long, int, int)} over an address held in an array. */
    public static long endpoint(byte[] address, int port) {
        return endpoint(MemorySegment.ofArray(address), 0, address.length, port);
    }

    /** The key of a conversation between {@code endpoint} and any port of {@code host}. */
    public static long announced(long endpoint, long host) {
        return endpoint * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(host * 0xC2B2AE3D27D4EB4FL, 29);
    }
}
