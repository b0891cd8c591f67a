package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * PPP over Ethernet (RFC 2516, packet-pppoe.c): the 6-byte header of its Discovery (EtherType
 * 0x8863) and Session (0x8864) stages; and the PPP protocol field the Session stage carries
 * (RFC 1661 §2, packet-ppp.c), one byte when its first byte is odd (protocol-field compression).
 */
public final class Ppp {
    private Ppp() { }

    public static final int TYPE_PPPOED = 0x8863;
    public static final int TYPE_PPPOES = 0x8864;
    /** Version and type, code, session ID, payload length. */
    public static final int PPPOE_HEADER_LENGTH = 6;
    /** The Credits tag (RFC 4938) a Session frame may carry before its PPP frame. */
    public static final int TAG_CREDITS = 0x0106;
    /** GRE's protocol type for PPP (PPTP's enhanced GRE, RFC 2637). */
    public static final int TYPE_GRE_PPP = 0x880b;
    public static final int PROTO_IPV4 = 0x0021;
    public static final int PROTO_IPV6 = 0x0057;
    public static final int PROTO_MPLS_UNICAST = 0x0281;
    public static final int PROTO_MPLS_MULTICAST = 0x0283;

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off) >> 4; }

    public static int type(MemorySegment s, long off) { return Bytes.u8(s, off) & 0x0f; }

    public static int code(MemorySegment s, long off) { return Bytes.u8(s, off + 1); }

    public static int sessionId(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    public static int payloadLength(MemorySegment s, long off) { return Bytes.u16(s, off + 4); }

    /** packet-pppoe.c's names of the PPPoE codes, else null. */
    public static String codeName(int code) {
        return switch (code) {
            case 0x00 -> "Session Data";
            case 0x07 -> "Active Discovery Offer (PADO)";
            case 0x09 -> "Active Discovery Initiation (PADI)";
            case 0x0a -> "Active Discovery Session-Grant (PADG)";
            case 0x0b -> "Active Discovery Session-Credit Resp.(PADC)";
            case 0x0c -> "Active Discovery Quality (PADQ)";
            case 0x19 -> "Active Discovery Request (PADR)";
            case 0x65 -> "Active Discovery Session-confirmation (PADS)";
            case 0xa7 -> "Active Discovery Terminate (PADT)";
            case 0xd3 -> "Active Discovery Message (PADM)";
            case 0xd4 -> "Active Discovery Network (PADN)";
            default -> null;
        };
    }

    /**
     * How many address and control bytes come first: 2 for HDLC-like framing (RFC 1662: address
     * 0xFF) where packet-ppp.c's dissect_ppp_hdlc looks for them (PPP in GRE), else none.
     */
    public static int addressControl(MemorySegment s, long off, boolean hdlc) {
        return hdlc && Bytes.u8(s, off) == 0xff ? 2 : 0;
    }

    /**
     * Whether PPP layer {@code i} is framed as dissect_ppp_hdlc reads it: the link layer itself
     * (LINKTYPE_PPP and PPP_HDLC), or the layer under it is GRE; PPPoE's is not.
     */
    public static boolean hdlc(Dissection x, int i) {
        return i == 0 || x.proto(i - 1) == Proto.GRE;
    }

    /**
     * The bytes before what PPP layer {@code i} carries (address and control, protocol field),
     * or -1 when they were not all captured.
     */
    public static int headerLength(Dissection x, int i) {
        MemorySegment s = x.segment(i);
        long off = x.offset(i);
        int cap = x.captured(i);
        if (cap < 1) {
            return -1;
        }
        int start = addressControl(s, off, hdlc(x, i));
        if (cap < start + 1) {
            return -1;
        }
        int len = start + protocolLength(s, off + start);
        return cap < len ? -1 : len;
    }

    /** How many bytes the PPP protocol field at {@code off} takes: 1 when its first byte is odd. */
    public static int protocolLength(MemorySegment s, long off) {
        return (Bytes.u8(s, off) & 1) != 0 ? 1 : 2;
    }

    /** The PPP protocol number (either width). */
    public static int protocol(MemorySegment s, long off) {
        return protocolLength(s, off) == 1 ? Bytes.u8(s, off) : Bytes.u16(s, off);
    }
}
