package dev.tcpscope.proto.isis;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * IS-IS (ISO/IEC 10589) as packet-isis.c, packet-isis-hello.c, packet-isis-lsp.c and
 * packet-isis-snp.c of Wireshark 4.0.17 show it with default preferences: the common header
 * (ISO 10589 §9.5), each PDU type's fixed part and its CLVs ({@link IsisClv}). Protocol column
 * "ISIS HELLO" / "ISIS LSP" / "ISIS CSNP" / "ISIS PSNP", Info the PDU type then the PDU's
 * identifiers. One walk makes the columns, the tree and the fields; the CLV loop advances by at
 * least two bytes a turn and stops at the PDU length, so a mutated PDU cannot loop.
 */
public final class Isis {
    private Isis() { }

    static final Registry COMMON = Registry.loadNamed(Isis.class, "isis");
    static final Registry HELLO = Registry.loadNamed(Isis.class, "isis.hello");
    static final Registry LSP = Registry.loadNamed(Isis.class, "isis.lsp");
    static final Registry CSNP = Registry.loadNamed(Isis.class, "isis.csnp");
    static final Registry PSNP = Registry.loadNamed(Isis.class, "isis.psnp");

    /** The NLPID of IS-IS in packet-osi.c's "osinl" table. */
    public static final int NLPID_ISIS = 0x83;
    /** The ISO Network Layer SAP of 802.2 LLC. */
    public static final int SAP_OSI = 0xfe;

    static final int L1_HELLO = 15;
    static final int L2_HELLO = 16;
    static final int P2P_HELLO = 17;
    static final int L1_LSP = 18;
    static final int L2_LSP = 20;
    static final int L1_CSNP = 24;
    static final int L2_CSNP = 25;
    static final int L1_PSNP = 26;
    static final int L2_PSNP = 27;

    /** The common header's length (ISO 10589 §9.5): IRPD to maximum area addresses. */
    static final int HEADER = 8;

    /**
     * Whether an 802.2 LLC header at {@code off} is a UI frame between the ISO Network Layer SAPs
     * whose payload starts with IS-IS's NLPID (what packet-llc.c and packet-osi.c hand to IS-IS).
     */
    public static boolean carriedByLlc(MemorySegment s, long off, int cap, int rep) {
        return cap >= 4 && rep >= 4 && Bytes.u8(s, off) == SAP_OSI && Bytes.u8(s, off + 1) == SAP_OSI
                && Bytes.u8(s, off + 2) == 0x03 && Bytes.u8(s, off + 3) == NLPID_ISIS;
    }

    /** Whether the 3 captured bytes at {@code off} are an LLC UI frame between the ISO Network Layer SAPs. */
    public static boolean osiSaps(MemorySegment s, long off) {
        return Bytes.u8(s, off) == SAP_OSI && Bytes.u8(s, off + 1) == SAP_OSI && Bytes.u8(s, off + 2) == 0x03;
    }

    /**
     * The PDU type's own protocol of a PDU at {@code off} ({@code cap} bytes captured), as
     * frame.protocols names it: only when packet-isis.c hands the PDU on (the 8-byte header
     * captured, a length indicator of at least 8), else null.
     */
    public static String subProtocolAt(MemorySegment s, long off, int cap) {
        return cap >= HEADER && Bytes.u8(s, off + 1) >= HEADER ? subProtocol(Bytes.u8(s, off + 4) & 0x1f) : null;
    }

    /** The filter name of the PDU type's own protocol ("isis.hello" ...), or null. */
    public static String subProtocol(int type) {
        return switch (type) {
            case L1_HELLO, L2_HELLO, P2P_HELLO -> "isis.hello";
            case L1_LSP, L2_LSP -> "isis.lsp";
            case L1_CSNP, L2_CSNP -> "isis.csnp";
            case L1_PSNP, L2_PSNP -> "isis.psnp";
            default -> null;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case L1_HELLO -> "L1 HELLO";
            case L2_HELLO -> "L2 HELLO";
            case P2P_HELLO -> "P2P HELLO";
            case L1_LSP -> "L1 LSP";
            case L2_LSP -> "L2 LSP";
            case L1_CSNP -> "L1 CSNP";
            case L2_CSNP -> "L2 CSNP";
            case L1_PSNP -> "L1 PSNP";
            case L2_PSNP -> "L2 PSNP";
            default -> null;
        };
    }

    /**
     * Walks the PDU in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("ISIS");
        info.setLength(0);
        try {
            Tree isis = t.at(root.protocol("isis", "ISO 10589 ISIS InTRA Domain Routeing Information Exchange Protocol"), 0, t.cap);
            int irpd = t.u8(0);
            t.at(isis.field("isis.irpd", "Intradomain Routing Protocol Discriminator: " + nlpidName(irpd) + " (" + hex2(irpd) + ")",
                    hex2(irpd)), 0, 1);
            int li = t.u8(1);
            Tree liItem = t.at(isis.field("isis.len", "Length Indicator: " + li, Integer.toString(li)), 1, 1);
            if (li < HEADER) {
                // before the PDU type: Info stays empty
                liItem.expert("isis.length_indicator_too_small", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "ISIS length indicator value smaller than the fixed length header size");
                return null;
            }
            int version = t.u8(2);
            Tree vItem = t.at(isis.field("isis.version", "Version/Protocol ID Extension: " + version, Integer.toString(version)), 2, 1);
            if (version != 1) {
                // 4.0.17 notes it and reads on
                vItem.expert("isis.version.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown ISIS version");
            }
            int idLen = t.u8(3);
            t.at(isis.field("isis.sysid_len", "ID Length: " + idLen, Integer.toString(idLen)), 3, 1);
            int tr = t.u8(4);
            int type = tr & 0x1f;
            t.at(isis.field("isis.type.reserved", Text.bits(tr, 0xe0, 8) + " = Reserved: 0x" + Integer.toHexString(tr >> 5),
                    hex2(tr >> 5)).bitmask(0xe0), 4, 1);
            String name = typeName(type);
            t.at(isis.field("isis.type", Text.bits(tr, 0x1f, 8) + " = PDU Type: " + (name == null ? "Unknown" : name)
                    + " (" + type + ")", Integer.toString(type)).bitmask(0x1f), 4, 1);
            info.append(name == null ? "Unknown (0x" + Integer.toHexString(type) + ")" : name);
            int v2 = t.u8(5);
            Tree v2Item = t.at(isis.field("isis.version2", "Version: " + v2, Integer.toString(v2)), 5, 1);
            if (v2 != 1) {
                v2Item.expert("isis.version2.notone", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Version must be 1");
            }
            int reserved = t.u8(6);
            Tree rItem = t.at(isis.field("isis.reserved", "Reserved: " + reserved, Integer.toString(reserved)), 6, 1);
            if (reserved != 0) {
                rItem.expert("isis.reserved.notzero", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Reserved must be 0");
            }
            int maxAreas = t.u8(7);
            t.at(isis.field("isis.max_area_adr", "Maximum Area Addresses: " + maxAreas, Integer.toString(maxAreas)), 7, 1);
            int sysIdLen = idLen == 0 ? 6 : idLen == 255 ? 0 : idLen;
            IsisPdu pdu = new IsisPdu(t, root, protocol, info, type, li, sysIdLen, liItem);
            switch (type) {
                case L1_HELLO, L2_HELLO, P2P_HELLO -> pdu.hello();
                case L1_LSP, L2_LSP -> pdu.lsp();
                case L1_CSNP, L2_CSNP -> pdu.csnp();
                case L1_PSNP, L2_PSNP -> pdu.psnp();
                default -> t.at(isis.none("isis.type.unknown", "Unknown ISIS packet type"), HEADER, Math.max(0, t.cap - HEADER))
                        .expert("isis.type.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown ISIS packet type");
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    static String nlpidName(int v) {
        return switch (v) {
            case 0x00 -> "NULL";
            case 0x08 -> "Q.933";
            case 0x80 -> "IEEE SNAP";
            case 0x81 -> "CLNP";
            case 0x82 -> "ESIS";
            case 0x83 -> "ISIS";
            case 0x8e -> "IPv6";
            case 0xb0 -> "FRF.9";
            case 0xb1 -> "FRF.12";
            case 0xc0 -> "TRILL";
            case 0xc1 -> "IEEE 802.1aq (SPB)";
            case 0xcc -> "IP";
            case 0xcf -> "PPP";
            default -> "Unknown";
        };
    }

    static String hex2(int v) {
        return String.format("0x%02x", v);
    }

    /** An FT_SYSTEM_ID of {@code len} bytes as print_system_id writes it: 4-digit groups, then ".nn" and "-nn". */
    static String systemId(Tvb t, int off, int len) {
        t.need(off, len);
        StringBuilder sb = new StringBuilder();
        if (len == 6 || len == 7 || len == 8) {
            for (int k = 0; k < 6; k++) {
                if (k == 2 || k == 4) {
                    sb.append('.');
                }
                sb.append(String.format("%02x", t.u8(off + k)));
            }
            if (len >= 7) {
                sb.append('.').append(String.format("%02x", t.u8(off + 6)));
            }
            if (len == 8) {
                sb.append('-').append(String.format("%02x", t.u8(off + 7)));
            }
            return sb.toString();
        }
        for (int k = 0; k < len; k++) {
            if (k > 0 && k % 2 == 0) {
                sb.append('.');
            }
            sb.append(String.format("%02x", t.u8(off + k)));
        }
        return sb.toString();
    }
}
