package dev.tcpscope.wire;

/**
 * The extent of an LLDPDU (IEEE 802.1AB, EtherType 0x88CC) as Wireshark 4.0.17's packet-lldp.c
 * leaves it to the Ethernet layer: when the three mandatory TLVs are valid and a later Chassis
 * ID, Port ID, Time To Live or End of LLDPDU TLV stops the walk, the LLDP bytes end one byte
 * before that TLV (the walk adds the -1 it returns to its offset), and what follows is the
 * Ethernet trailer; otherwise (an invalid mandatory TLV, a TLV past the bytes) the whole payload
 * stays LLDP's. Each step moves at least two bytes forward, so the scan is bounded by the length.
 */
public final class Lldp {
    private Lldp() { }

    /** EtherType of LLDP. */
    public static final int TYPE = 0x88cc;

    /** Where the LLDP walk ends for a payload, or -1 when it leaves the whole payload to LLDP. */
    public interface Extent {
        int of(java.lang.foreign.MemorySegment s, long off, int cap, int rep);
    }

    /** The protocol stage's walk ({@code proto.lldp.LldpWalk.extent}), set when it is loaded; until then {@link #scan}. */
    private static volatile Extent extent = Lldp::scan;

    /** Installs the walk that decides LLDP's extent (the protocol stage's, which knows every TLV). */
    public static void extent(Extent e) {
        extent = e;
    }

    /** The LLDP length packet-lldp.c sets for the payload at {@code off} ({@code cap} of {@code rep} bytes), or -1 for all of it. */
    public static int length(java.lang.foreign.MemorySegment s, long off, int cap, int rep) {
        return extent.of(s, off, cap, rep);
    }

    /** A structural scan of the TLV headers, for when the protocol stage is not loaded. */
    static int scan(java.lang.foreign.MemorySegment s, long off, int cap, int rep) {
        int at = 0;
        for (int want = 1; want <= 3; want++) {
            if (at + 2 > cap) {
                return -1;
            }
            int h = Bytes.u16(s, off + at);
            int len = h & 0x1ff;
            if (at + 2 + len > rep || !mandatoryValid(s, off + at, Math.min(cap - at, len + 2), want, h >>> 9, len)) {
                return -1;
            }
            at += 2 + len;
        }
        while (true) {
            if (at + 2 > cap) {
                return -1;
            }
            int h = Bytes.u16(s, off + at);
            int type = h >>> 9;
            int len = h & 0x1ff;
            if (at + 2 + len > rep) {
                return -1;
            }
            if (type <= 3) {
                return at - 1;
            }
            at += 2 + len;
        }
    }

    /** The checks of packet-lldp.c's Chassis ID (1), Port ID (2) and Time To Live (3) TLVs: type, length, subtype lengths. */
    static boolean mandatoryValid(java.lang.foreign.MemorySegment s, long off, int cap, int want, int type, int len) {
        if (type != want) {
            return false;
        }
        if (want == 3) {
            return len >= 2;
        }
        if (len < 2 || cap < 3) {
            return false;
        }
        int subtype = Bytes.u8(s, off + 2);
        int mac = want == 1 ? 4 : 3;
        int net = want == 1 ? 5 : 4;
        if (subtype == mac) {
            return len == 7;
        }
        if (subtype == net) {
            if (cap < 4) {
                return false;
            }
            int family = Bytes.u8(s, off + 3);
            return family == 1 ? len == 6 : family == 2 ? len == 18 : true;
        }
        return true;
    }
}
