package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * BSD loopback / null encapsulation (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html): a
 * 4-byte address family in the byte order of the capturing host (LINKTYPE_NULL) or in network
 * order (LINKTYPE_LOOP). The AF_INET6 value differs between BSDs (24, 28, 30).
 */
public final class NullLink {
    public static final int HEADER_LENGTH = 4;
    public static final int AF_INET = 2;

    private NullLink() {}

    /** Family for LINKTYPE_NULL: host byte order, guessed the way tshark does (a value with a zero low half is byte-swapped). */
    public static long family(MemorySegment s, long off, boolean networkOrder) {
        if (networkOrder) {
            return Bytes.u32(s, off);
        }
        long v = Bytes.u32le(s, off);
        if ((v & 0xffff) == 0) {
            v = Bytes.u32(s, off);
        }
        return v;
    }

    public static boolean isInet6(long family) {
        return family == 24 || family == 28 || family == 30 || family == 10 || family == 23;
    }
}
