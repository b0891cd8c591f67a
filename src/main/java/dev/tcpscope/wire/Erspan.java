package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * ERSPAN header view (draft-foschiano-erspan-03). Type II (version 1) is 8 bytes: version,
 * VLAN, COS, encapsulation, truncated flag, span ID, then a reserved field and an index. Type
 * III (version 2) is 12 bytes: version, VLAN, COS, BSO, truncated, span ID, a 32-bit timestamp,
 * the security group tag, then P, frame type, hardware ID, direction, granularity and O, which
 * announces an 8-byte platform-specific sub-header. Type I has no header at all.
 */
public final class Erspan {
    public static final int VERSION_TYPE_II = 1;
    public static final int VERSION_TYPE_III = 2;
    public static final int TYPE_II_LENGTH = 8;
    public static final int TYPE_III_LENGTH = 12;
    public static final int SUBHEADER_LENGTH = 8;
    /** Frame type 0: an Ethernet frame follows; any other goes to data. */
    public static final int FRAME_ETHERNET = 0;

    private Erspan() {}

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 4; }

    public static int vlan(MemorySegment s, long off) { return Bytes.u16(s, off) & 0x0fff; }

    /** Type II's Encap field (bits 0x1800 of the second word); 3 = VLAN tag preserved in frame. */
    public static int encap(MemorySegment s, long off) { return (Bytes.u16(s, off + 2) >>> 11) & 3; }

    /** Type III's frame type (bits 0x7c00 of the word at 10). */
    public static int frameType(MemorySegment s, long off) { return (Bytes.u16(s, off + 10) >>> 10) & 0x1f; }

    /** Type III's O bit: an 8-byte platform-specific sub-header follows. */
    public static boolean hasSubheader(MemorySegment s, long off) { return (Bytes.u16(s, off + 10) & 1) != 0; }

    /**
     * Whether ERSPAN layer {@code i} of {@code d} is type I: GRE type 0x88BE without the
     * sequence number flag, which packet-erspan.c shows as an empty item before the frame.
     */
    public static boolean isTypeI(Dissection d, int i) {
        if (i == 0 || d.proto(i - 1) != Proto.GRE) {
            return false;
        }
        MemorySegment s = d.segment(i - 1);
        long off = d.offset(i - 1);
        return Gre.protocolType(s, off) == Gre.TYPE_ERSPAN_88BE && (Gre.flags(s, off) & Gre.FLAG_SEQUENCE) == 0;
    }

    /**
     * The length of a type II or III header (with its sub-header), or 2 for another version,
     * after which packet-erspan.c stops. Needs the first 2 bytes, and 12 for type III.
     */
    public static int headerLength(MemorySegment s, long off) {
        return switch (version(s, off)) {
            case VERSION_TYPE_II -> TYPE_II_LENGTH;
            case VERSION_TYPE_III -> TYPE_III_LENGTH;
            default -> 2;
        };
    }

    /** As {@link #headerLength(MemorySegment, long)}, with type III's sub-header when {@code cap} shows its O bit. */
    public static int headerLength(MemorySegment s, long off, int cap) {
        int n = headerLength(s, off);
        return n == TYPE_III_LENGTH && cap >= TYPE_III_LENGTH && hasSubheader(s, off) ? n + SUBHEADER_LENGTH : n;
    }
}
