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

    /**
     * The header's value: for LINKTYPE_LOOP the family in network order; for LINKTYPE_NULL the
     * 32-bit word in the capturing host's byte order, which the file does not record, so it is
     * guessed as Wireshark's packet-null.c guesses it: read little-endian; when the upper half is
     * set, it is either an IRIX/UNICOS 16-bit family in the upper half (taken as is) or a
     * big-endian word (swapped); when only the lower half is set but its low byte is zero and its
     * value small, it is a 16-bit family written big-endian (swapped). A value above
     * {@link #MAX_FAMILY} is an EtherType, not a family (some writers put one there).
     */
    public static long family(MemorySegment s, long off, boolean networkOrder) {
        if (networkOrder) {
            return Bytes.u32(s, off);
        }
        long v = Bytes.u32le(s, off);
        if ((v & 0xffff0000L) != 0) {
            if ((v & 0xff000000L) == 0 && (v & 0x00ff0000L) < 0x00060000L) {
                v >>>= 16;
            } else {
                v = Bytes.u32(s, off);
            }
        } else if ((v & 0xff) == 0 && (v & 0xff00) < 0x0600) {
            v = Bytes.u16(s, off);
        }
        return v;
    }

    /** The largest header value read as an address family; above it, as an EtherType (IEEE 802.3's largest length). */
    public static final int MAX_FAMILY = 1500;

    /** Whether a LINKTYPE_NULL header value (from {@link #family}) is an EtherType rather than a family. */
    public static boolean isEtherType(long value) {
        return value > MAX_FAMILY;
    }

    public static boolean isInet6(long family) {
        return family == 24 || family == 28 || family == 30 || family == 10 || family == 23;
    }
}
