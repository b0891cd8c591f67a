package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * Linux cooked capture headers (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html and
 * LINKTYPE_LINUX_SLL2.html).
 * v1 (16 bytes): packet type, ARPHRD type, address length, 8 address bytes, protocol.
 * v2 (20 bytes): protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes.
 */
public final class Sll {
    public static final int V1_PKTTYPE = 0;
    public static final int V1_HATYPE = 2;
    public static final int V1_HALEN = 4;
    public static final int V1_ADDR = 6;
    public static final int V1_PROTOCOL = 14;
    public static final int V1_HEADER_LENGTH = 16;

    public static final int V2_PROTOCOL = 0;
    public static final int V2_IFINDEX = 4;
    public static final int V2_HATYPE = 8;
    public static final int V2_PKTTYPE = 10;
    public static final int V2_HALEN = 11;
    public static final int V2_ADDR = 12;
    public static final int V2_HEADER_LENGTH = 20;

    /** ARPHRD types whose protocol field is not an EtherType (linux/if_arp.h). */
    public static final int ARPHRD_NETLINK = 824;
    /** Protocol values with special meaning when they are not EtherTypes (linux/if_ether.h). */
    public static final int LINUX_SLL_P_802_3 = 0x0001;
    public static final int LINUX_SLL_P_802_2 = 0x0004;

    private Sll() {}

    public static int v1Protocol(MemorySegment s, long off) { return Bytes.u16(s, off + V1_PROTOCOL); }

    /**
     * Whether packet-sll.c takes the protocol field as a Linux protocol type ("sll.ltype": 1536 and
     * below, "that's how Linux does it") rather than an EtherType; a netlink header's field is
     * the netlink family instead.
     */
    public static boolean isLinuxType(int haType, int protocol) {
        return haType != ARPHRD_NETLINK && protocol <= 1536;
    }

    /** sll.ltype's value names (ltype_vals), or null. */
    public static String linuxTypeName(int protocol) {
        return switch (protocol) {
            case 0x1 -> "Raw 802.3";
            case 0x3 -> "Ethernet";
            case 0x4 -> "802.2 LLC";
            case 0x7 -> "PPP (HDLC)";
            case 0xc -> "CAN";
            case 0xd -> "CAN FD";
            case 0x17 -> "IrDA LAP";
            case 0xf5 -> "ISI";
            case 0xf6 -> "IEEE 802.15.4";
            default -> null;
        };
    }

    public static int v1HaType(MemorySegment s, long off) { return Bytes.u16(s, off + V1_HATYPE); }

    public static int v1AddrLength(MemorySegment s, long off) { return Bytes.u16(s, off + V1_HALEN); }

    public static int v2Protocol(MemorySegment s, long off) { return Bytes.u16(s, off + V2_PROTOCOL); }

    public static int v2HaType(MemorySegment s, long off) { return Bytes.u16(s, off + V2_HATYPE); }

    public static int v2AddrLength(MemorySegment s, long off) { return Bytes.u8(s, off + V2_HALEN); }
}
