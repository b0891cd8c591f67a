package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * ARP/RARP packet view (RFC 826, RFC 903, RFC 2390): the 8-byte fixed part, then sender and target
 * hardware and protocol addresses whose sizes the fixed part gives. Also the few decisions
 * packet-arp.c (Wireshark 4.0.17) makes from the bytes, shared by the list, the tree and the field
 * table: how far its Info text reads, and which kind of request or reply the packet is.
 */
public final class Arp {
    public static final int HARDWARE_TYPE = 0;
    public static final int PROTOCOL_TYPE = 2;
    public static final int HARDWARE_SIZE = 4;
    public static final int PROTOCOL_SIZE = 5;
    public static final int OPCODE = 6;
    public static final int FIXED_LENGTH = 8;

    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    public static final int OP_DRARP_ERROR = 7;

    /** {@link #kind} results: packet-arp.c's is_gratuitous, is_probe, is_announcement. */
    public static final int GRATUITOUS = 1;
    public static final int PROBE = 2;
    public static final int ANNOUNCEMENT = 4;

    private static final int HW_ETHER = 1;
    private static final int HW_IEEE802 = 6;
    private static final int AX25_P_IP = 0xcc;

    private Arp() {}

    public static int hardwareType(MemorySegment s, long off) { return Bytes.u16(s, off + HARDWARE_TYPE); }

    public static int protocolType(MemorySegment s, long off) { return Bytes.u16(s, off + PROTOCOL_TYPE); }

    public static int hardwareSize(MemorySegment s, long off) { return Bytes.u8(s, off + HARDWARE_SIZE); }

    public static int protocolSize(MemorySegment s, long off) { return Bytes.u8(s, off + PROTOCOL_SIZE); }

    public static int opcode(MemorySegment s, long off) { return Bytes.u16(s, off + OPCODE); }

    /** The whole packet's length from the fixed part: 8 + 2 × (hardware size + protocol size). */
    public static int length(MemorySegment s, long off) {
        return FIXED_LENGTH + 2 * (hardwareSize(s, off) + protocolSize(s, off));
    }

    /** packet-arp.c's ARP_HW_IS_ETHER: Ethernet or IEEE 802 hardware with 6-byte addresses. */
    public static boolean etherHardware(int type, int size) {
        return (type == HW_ETHER || type == HW_IEEE802) && size == 6;
    }

    /** packet-arp.c's ARP_PRO_IS_IPv4: IPv4 (or AX.25's IP) with 4-byte addresses. */
    public static boolean ipv4Protocol(int type, int size) {
        return (type == Ethernet.TYPE_IPV4 || type == AX25_P_IP) && size == 4;
    }

    /**
     * How many bytes, from the start of the packet, packet-arp.c reads to write its Info column
     * for this opcode (requests and replies also compare the protocol addresses, which reads to
     * the end); a capture cut before that ends the dissection before the tree's title gets the
     * opcode.
     */
    public static int infoEnd(int op, int hln, int pln) {
        return switch (op) {
            case 1, 2, 4, 6 -> FIXED_LENGTH + 2 * (hln + pln);
            case 3, 5, 8 -> FIXED_LENGTH + 2 * hln + pln;
            case 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 -> FIXED_LENGTH + hln + pln;
            default -> FIXED_LENGTH;
        };
    }

    /**
     * The packet's {@link #GRATUITOUS}, {@link #PROBE} and {@link #ANNOUNCEMENT} bits as
     * packet-arp.c sets them for requests and replies: gratuitous when sender and target protocol
     * addresses are equal, an announcement when such a request has an all-zero target MAC, a
     * probe when a request that is not gratuitous has that and a zero sender IPv4 address. The
     * packet must be captured up to its {@link #length}.
     */
    public static int kind(MemorySegment s, long off, int cap) {
        int op = opcode(s, off);
        if (op != OP_REQUEST && op != OP_REPLY) {
            return 0;
        }
        int hln = hardwareSize(s, off);
        int pln = protocolSize(s, off);
        long spa = off + FIXED_LENGTH + hln;
        long tha = spa + pln;
        long tpa = tha + hln;
        boolean thaZero = zero(s, tha, 6, off + cap);
        if (equal(s, spa, tpa, pln)) {
            return GRATUITOUS | (op == OP_REQUEST && thaZero ? ANNOUNCEMENT : 0);
        }
        boolean spaZero = zero(s, spa, 4, off + cap);
        return op == OP_REQUEST && thaZero && spaZero ? PROBE : 0;
    }

    /** packet-arp.c's op_vals name of an opcode, or null. */
    public static String opcodeName(int op) {
        return switch (op) {
            case 1 -> "request";
            case 2 -> "reply";
            case 3 -> "reverse request";
            case 4 -> "reverse reply";
            case 5 -> "drarp request";
            case 6 -> "drarp reply";
            case 7 -> "drarp error";
            case 8 -> "inverse request";
            case 9 -> "inverse reply";
            case 10 -> "arp nak";
            case 11 -> "mars request";
            case 12 -> "mars multi";
            case 13 -> "mars mserv";
            case 14 -> "mars join";
            case 15 -> "mars leave";
            case 16 -> "mars nak";
            case 17 -> "mars unserv";
            case 18 -> "mars sjoin";
            case 19 -> "mars sleave";
            case 20 -> "mars grouplist request";
            case 21 -> "mars grouplist reply";
            case 22 -> "mars redirect map";
            case 23 -> "mapos unarp";
            case 24 -> "experimental 1";
            case 25 -> "experimental 2";
            case 0, 65535 -> "reserved";
            default -> null;
        };
    }

    /**
     * The text packet-arp.c puts in parentheses after the protocol's title ("request",
     * "request/gratuitous ARP", "ARP Probe", "opcode 0x0064"), or null when its dissection stops
     * before that: the fixed part or the Info column's reads cut by the capture, or a packet
     * longer than the bytes reported for it.
     */
    public static String titleDetail(MemorySegment s, long off, int cap, int reported) {
        if (cap < FIXED_LENGTH) {
            return null;
        }
        int op = opcode(s, off);
        if (reported < length(s, off) || cap < infoEnd(op, hardwareSize(s, off), protocolSize(s, off))) {
            return null;
        }
        int kind = kind(s, off, cap);
        if ((kind & ANNOUNCEMENT) != 0) {
            return "ARP Announcement";
        }
        if ((kind & PROBE) != 0) {
            return "ARP Probe";
        }
        if ((kind & GRATUITOUS) != 0) {
            return op == OP_REQUEST ? "request/gratuitous ARP" : "reply/gratuitous ARP";
        }
        String name = opcodeName(op);
        return name != null ? name : String.format("opcode 0x%04x", op);
    }

    private static boolean equal(MemorySegment s, long a, long b, int n) {
        for (int k = 0; k < n; k++) {
            if (Bytes.u8(s, a + k) != Bytes.u8(s, b + k)) {
                return false;
            }
        }
        return true;
    }

    /** tvb_memeql against zeros: bytes past the capture compare unequal. */
    private static boolean zero(MemorySegment s, long at, int n, long end) {
        if (at + n > end) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (Bytes.u8(s, at + k) != 0) {
                return false;
            }
        }
        return true;
    }
}
