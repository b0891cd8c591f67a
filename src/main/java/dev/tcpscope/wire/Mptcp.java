package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * The Multipath TCP option (TCP option 30, RFC 8684 §3; RFC 6824 for version 0): its subtypes
 * and flags, and where Wireshark 4.0's {@code dissect_tcpopt_mptcp()} runs out of bytes. That
 * dissector reads some fields whatever the option's length says (a DSS option's flags, the
 * data ACK and mapping its flags announce), so a short option throws and ends the TCP
 * dissection there: {@link #firstFailingRead} tells where.
 */
public final class Mptcp {
    public static final int MP_CAPABLE = 0;
    public static final int MP_JOIN = 1;
    public static final int DSS = 2;
    public static final int ADD_ADDR = 3;
    public static final int REMOVE_ADDR = 4;
    public static final int MP_PRIO = 5;
    public static final int MP_FAIL = 6;
    public static final int MP_FASTCLOSE = 7;
    public static final int MP_TCPRST = 8;

    /** DSS flags (RFC 8684 §3.3). */
    public static final int DSS_DATA_ACK = 0x01;
    public static final int DSS_DATA_ACK_8 = 0x02;
    public static final int DSS_MAPPING = 0x04;
    public static final int DSS_DSN_8 = 0x08;
    public static final int DSS_DATA_FIN = 0x10;

    private Mptcp() { }

    /** A 64-bit key or sequence number (the bits as read, unsigned in meaning). */
    public static long u64(MemorySegment s, long off) {
        return Bytes.u32(s, off) << 32 | Bytes.u32(s, off + 4);
    }

    /** Wireshark's subtype names (mptcp_subtype_vs), "Unknown (n)" for others. */
    public static String subtypeName(int subtype) {
        return switch (subtype) {
            case MP_CAPABLE -> "Multipath Capable";
            case MP_JOIN -> "Join Connection";
            case DSS -> "Data Sequence Signal";
            case ADD_ADDR -> "Add Address";
            case REMOVE_ADDR -> "Remove Address";
            case MP_PRIO -> "Change Subflow Priority";
            case MP_FAIL -> "TCP Fallback";
            case MP_FASTCLOSE -> "Fast Close";
            case MP_TCPRST -> "TCP Reset";
            default -> "Unknown (" + subtype + ")";
        };
    }

    /** The subtype, the high nibble of the option's third byte. */
    public static int subtype(MemorySegment s, long o) {
        return Bytes.u8(s, o + 2) >>> 4;
    }

    /**
     * The end (from the option's start) of the first read {@code dissect_tcpopt_mptcp()} makes
     * past {@code avail} bytes of the option at {@code o}, whose length byte is {@code len}; 0
     * when every read stays within them. Past {@code len} the read throws a malformed-packet
     * error, past the captured bytes only a truncation; {@code avail} is the smaller of the two.
     */
    public static int firstFailingRead(MemorySegment s, long o, int len, int avail) {
        if (avail < 3) {
            return 3; // the subtype
        }
        int f;
        switch (subtype(s, o)) {
            case MP_CAPABLE -> {
                if ((f = past(4, avail)) != 0) {
                    return f; // version and flags
                }
                if (len == 12 || len == 20 || len == 22 || len == 24) {
                    return past(len, avail); // keys, data-level length, checksum: all within len
                }
            }
            case MP_JOIN -> {
                return switch (len) {
                    case 12, 16 -> first(avail, 3, 4, len == 12 ? 8 : 12, len);
                    case 24 -> first(avail, 4, 24);
                    default -> 0;
                };
            }
            case DSS -> {
                if ((f = past(4, avail)) != 0) {
                    return f; // flags
                }
                int flags = Bytes.u8(s, o + 3);
                int at = 4;
                if ((flags & DSS_DATA_ACK) != 0) {
                    at += (flags & DSS_DATA_ACK_8) != 0 ? 8 : 4;
                    if ((f = past(at, avail)) != 0) {
                        return f;
                    }
                }
                if ((flags & DSS_MAPPING) != 0) {
                    at += (flags & DSS_DSN_8) != 0 ? 8 : 4;
                    if ((f = first(avail, at, at + 4, at + 6)) != 0) {
                        return f; // data sequence number, subflow sequence number, data-level length
                    }
                    at += 6;
                    if (len >= at + 4) {
                        return past(at + 2, avail); // checksum
                    }
                }
            }
            case ADD_ADDR -> {
                if ((f = past(4, avail)) != 0) {
                    return f; // IP version or echo flag, address ID
                }
                return past(len == 8 || len == 10 || len == 16 || len == 18 || len == 20 || len == 22 || len == 28
                        || len == 30 ? len : 4, avail);
            }
            case REMOVE_ADDR -> {
                return past(len, avail); // one address ID a byte
            }
            case MP_PRIO -> {
                return past(len == 4 ? 4 : 3, avail);
            }
            case MP_FAIL, MP_FASTCLOSE -> {
                return first(avail, 4, 12); // reserved bits, then a 64-bit sequence number or key
            }
            case MP_TCPRST -> {
                return past(4, avail); // flags, reason
            }
            default -> { }
        }
        return 0;
    }

    private static int past(int end, int avail) {
        return end > avail ? end : 0;
    }

    private static int first(int avail, int... ends) {
        for (int e : ends) {
            if (e > avail) {
                return e;
            }
        }
        return 0;
    }
}
