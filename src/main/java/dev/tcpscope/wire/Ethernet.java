package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** Ethernet II / IEEE 802.3 header view (IEEE 802.3 clause 3.1.1): dst, src, type-or-length. */
public final class Ethernet {
    public static final int DST = 0;
    public static final int SRC = 6;
    public static final int TYPE = 12;
    public static final int HEADER_LENGTH = 14;
    /** Values up to 1500 are an 802.3 length; from 1536 (0x0600) on, an EtherType. */
    public static final int MAX_802_3_LENGTH = 1500;

    /**
     * Whether an Ethernet header's type/length field is an 802.3 length: up to 1500, but not 0,
     * which packet-eth.c takes as an EtherType (ETHERTYPE_UNK, Cisco MDS's internal frames).
     */
    /**
     * Whether an IEEE 802.3 header of {@code captured} bytes carries Novell's "raw" IPX rather
     * than LLC: its payload starts with 0xFFFF (packet-eth.c's is_802_2 test; tshark titles
     * the header "IEEE 802.3 Ethernet Raw ").
     */
    public static boolean novellRaw(MemorySegment s, long off, int captured) {
        return captured >= HEADER_LENGTH + 2 && Bytes.u16(s, off + HEADER_LENGTH) == 0xffff;
    }

    public static boolean isLength(int type) {
        return type <= MAX_802_3_LENGTH && type != 0;
    }

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_RARP = 0x8035;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_QINQ = 0x88a8;
    public static final int TYPE_QINQ_OLD = 0x9100;
    public static final int TYPE_IPV6 = 0x86dd;

    private Ethernet() {}

    public static int type(MemorySegment s, long off) {
        return Bytes.u16(s, off + TYPE);
    }
}
