package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * GRE header view (RFC 2784 with RFC 2890's key and sequence number, RFC 1701's routing
 * entries, RFC 2637's enhanced header for PPTP): two bytes of flags and version, the protocol
 * type, then the optional fields the flags announce, in the order packet-gre.c reads them.
 */
public final class Gre {
    public static final int FLAGS = 0;
    public static final int PROTOCOL_TYPE = 2;
    /** The fixed part: flags and version, protocol type. */
    public static final int MIN_HEADER_LENGTH = 4;

    public static final int FLAG_CHECKSUM = 0x8000;
    public static final int FLAG_ROUTING = 0x4000;
    public static final int FLAG_KEY = 0x2000;
    public static final int FLAG_SEQUENCE = 0x1000;
    public static final int FLAG_STRICT_SOURCE_ROUTE = 0x0800;
    public static final int RECURSION = 0x0700;
    /** RFC 2637 §4.1: an Acknowledgment Number follows (enhanced GRE only). */
    public static final int FLAG_ACK = 0x0080;
    public static final int RESERVED = 0x00f8;
    public static final int RESERVED_PPP = 0x0078;
    public static final int VERSION = 0x0007;

    /** Protocol types the GRE payload dispatch knows (Wireshark's "gre.proto" table entries we follow). */
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_IPV6 = 0x86dd;
    public static final int TYPE_ARP = 0x0806;
    /** Transparent Ethernet bridging (RFC 1701): an Ethernet frame without FCS follows. */
    public static final int TYPE_ETH_BRIDGE = 0x6558;
    /** Also handed to Ethernet by Wireshark's "gre.proto" table. */
    public static final int TYPE_ETH_6400 = 0x6400;
    /** Cisco WCCP: IPv4, after a 4-byte redirect header in WCCPv2. */
    public static final int TYPE_WCCP = 0x883e;
    /** ERSPAN type I (no sequence number flag) and type II. */
    public static final int TYPE_ERSPAN_88BE = 0x88be;
    /** ERSPAN type III. */
    public static final int TYPE_ERSPAN_22EB = 0x22eb;
    /** Cisco MetaData ({@link Proto#CMD}), and its length. */
    public static final int TYPE_CISCO_METADATA = 0x8909;
    public static final int CISCO_METADATA_LENGTH = 8;
    public static final int TYPE_PPP = 0x880b;
    public static final int TYPE_3GPP2 = 0x88d2;
    public static final int TYPE_CDMA2000_A10_UBS = 0x8881;

    private Gre() {}

    public static int flags(MemorySegment s, long off) { return Bytes.u16(s, off + FLAGS); }

    public static int protocolType(MemorySegment s, long off) { return Bytes.u16(s, off + PROTOCOL_TYPE); }

    /**
     * Whether the header is RFC 2637's enhanced one (PPTP): packet-gre.c takes PPP with a
     * non-zero version, and the 3GPP2 A10 types, as such; the flags byte then has an
     * Acknowledgment bit, and the key (except for A10 unstructured byte streams) is a payload
     * length and a call ID.
     */
    public static boolean isPpp(int flags, int type) {
        return type == TYPE_PPP && (flags & VERSION) != 0 || type == TYPE_3GPP2 || type == TYPE_CDMA2000_A10_UBS;
    }

    /** Whether the key is RFC 2637's payload length and call ID rather than one 32-bit key. */
    public static boolean splitKey(int flags, int type) {
        return isPpp(flags, type) && type != TYPE_CDMA2000_A10_UBS;
    }

    /** The name tshark gives a protocol type (packet-gre.c's value string), or null. */
    public static String typeName(int type) {
        if (type >= 0x8200 && type <= 0x8370 && (type & 0xf) == 0 || type == 0x9000) {
            return "ARUBA WLAN";
        }
        return switch (type) {
            case 0x0000 -> "Possible GRE keepalive packet";
            case TYPE_PPP -> "PPP";
            case TYPE_IPV4 -> "IP";
            case TYPE_ARP -> "ARP";
            case 0x00fe -> "OSI";
            case TYPE_WCCP -> "WCCP";
            case 0x2000 -> "CDP (Cisco)";
            case 0x2001 -> "NHRP";
            case TYPE_ERSPAN_88BE -> "ERSPAN";
            case TYPE_ERSPAN_22EB -> "ERSPAN III";
            case TYPE_ETH_6400 -> "MIKROTIK EoIP";
            case 0xfeae -> "AIROHIVE AP AP";
            case 0x8137 -> "IPX";
            case TYPE_ETH_BRIDGE -> "Transparent Ethernet bridging";
            case 0x6559 -> "Frame Relay";
            case TYPE_IPV6 -> "IPv6";
            case 0x8847 -> "MPLS label switched packet";
            case 0x894f -> "Network Service Header";
            case TYPE_CDMA2000_A10_UBS -> "CDMA2000 A10 Unstructured byte stream";
            case TYPE_3GPP2 -> "CDMA2000 A10 3GPP2 Packet";
            case TYPE_CISCO_METADATA -> "CiscoMetaData";
            case 0xb7ea -> "Huawei GRE bonding";
            default -> null;
        };
    }

    /**
     * WCCPv2 puts a 4-byte redirect header before the IPv4 packet, under the same protocol
     * type; packet-gre.c assumes it when the byte after the fixed header is not an IPv4
     * version nibble (it reads byte 4 whatever the flags).
     */
    public static boolean isWccp2(MemorySegment s, long off) {
        return (Bytes.u8(s, off + MIN_HEADER_LENGTH) & 0xf0) != 0x40;
    }

    /**
     * Where the optional fields end, reading them as packet-gre.c does, or the length a read
     * would need when {@code cap} bytes run out first (a negative value {@code -(need)}).
     * Routing entries and 3GPP2 attributes have lengths of their own; those are followed.
     */
    public static int headerLength(MemorySegment s, long off, int cap) {
        int flags = flags(s, off);
        int type = protocolType(s, off);
        boolean ppp = isPpp(flags, type);
        int pos = MIN_HEADER_LENGTH;
        if ((flags & (FLAG_CHECKSUM | FLAG_ROUTING)) != 0) {
            pos += 4;
        }
        if ((flags & FLAG_KEY) != 0) {
            pos += 4; // a 32-bit key, or a 16-bit payload length and a 16-bit call ID
        }
        if ((flags & FLAG_SEQUENCE) != 0) {
            pos += 4;
        }
        if (ppp && (flags & FLAG_ACK) != 0) {
            pos += 4;
        }
        if (pos > cap) {
            return -pos;
        }
        if ((flags & FLAG_ROUTING) != 0) {
            while (true) {
                if (pos + 4 > cap) {
                    return -(pos + 4);
                }
                int af = Bytes.u16(s, off + pos);
                int len = Bytes.u8(s, off + pos + 3);
                pos += 4;
                if (af == 0 && len == 0) {
                    break;
                }
                pos += len;
            }
        }
        if (type == TYPE_WCCP) {
            if (cap < MIN_HEADER_LENGTH + 1) {
                return -(MIN_HEADER_LENGTH + 1);
            }
            if (isWccp2(s, off)) {
                pos += 4;
            }
        }
        if (type == TYPE_3GPP2) {
            while (true) {
                if (pos + 2 > cap) {
                    return -(pos + 2);
                }
                int id = Bytes.u8(s, off + pos);
                int len = Bytes.u8(s, off + pos + 1);
                pos += 2 + len;
                if ((id & 0x80) != 0) {
                    break;
                }
            }
        }
        return pos > cap ? -pos : pos;
    }
}
