package dev.tcpscope.proto.llc;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * IEEE 802.2 Logical-Link Control (ISO/IEC 8802-2) as packet-llc.c and xdlc.c show it, with
 * default preferences: DSAP and SSAP (their I/G and C/R bits and SAP names), the control field
 * (I and S formats two bytes, little-endian; U format one byte) and, for DSAP = SSAP = 0xAA, the
 * SNAP OUI and PID. Info is the control field's summary, then the SAPs or the SNAP header. One
 * walk makes the columns, the tree and the fields; what follows is the caller's (STP or data).
 */
public final class Llc {
    private Llc() { }

    /** packet-llc.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry REGISTRY = Registry.load(Llc.class, "llc");

    /** The SNAP SAP (0xAA). */
    public static final int SAP_SNAP = 0xaa;
    /** The spanning tree SAP (0x42). */
    public static final int SAP_BPDU = 0x42;
    /** Cisco's OUI and its PVST+ PID (packet-stp.c registers it in "llc.cisco_pid"). */
    public static final int OUI_CISCO = 0x00000c;
    public static final int PID_PVSTP = 0x010b;

    /**
     * The header length: 2 SAP bytes, a control field of 1 (U) or 2 (I, S) bytes, 5 SNAP bytes
     * when both SAPs are 0xAA; -1 when the bytes that decide it were not captured.
     */
    public static int headerLength(MemorySegment s, long off, int cap) {
        if (cap < 3) {
            return -1;
        }
        int len = 2 + ((Bytes.u8(s, off + 2) & 3) == 3 ? 1 : 2);
        if (snap(s, off)) {
            len += 5;
        }
        return len;
    }

    /** Whether both SAPs are SNAP's (at least 2 bytes captured). */
    public static boolean snap(MemorySegment s, long off) {
        return Bytes.u8(s, off) == SAP_SNAP && Bytes.u8(s, off + 1) == SAP_SNAP;
    }

    /**
     * Whether packet-llc.c hands the payload after this (complete, captured) header to packet-stp.c:
     * a non-SNAP information frame to DSAP 0x42, or SNAP with Cisco's OUI and PID 0x010B.
     */
    public static boolean carriesBpdu(MemorySegment s, long off, int cap, int rep) {
        int h = headerLength(s, off, cap);
        if (h < 0 || cap < h || rep <= h) {
            return false;
        }
        int control = Bytes.u8(s, off + 2);
        if (snap(s, off)) {
            int oui = Bytes.u8(s, off + 3) << 16 | Bytes.u8(s, off + 4) << 8 | Bytes.u8(s, off + 5);
            return oui == OUI_CISCO && Bytes.u16(s, off + 6) == PID_PVSTP && information(control);
        }
        return Bytes.u8(s, off) == SAP_BPDU && information(control);
    }

    /**
     * The EtherType a SNAP header with the zero OUI (RFC 1042) or Cisco's 0x0000F8 hands an
     * information frame's payload to, or -1.
     */
    public static int snapEtherType(MemorySegment s, long off, int cap, int rep) {
        if (cap < 8 || rep <= 8 || !snap(s, off) || (Bytes.u8(s, off + 2) & 3) != 3 || !information(Bytes.u8(s, off + 2))) {
            return -1;
        }
        int oui = Bytes.u8(s, off + 3) << 16 | Bytes.u8(s, off + 4) << 8 | Bytes.u8(s, off + 5);
        return oui == 0 || oui == 0xf8 ? Bytes.u16(s, off + 6) : -1;
    }

    /** Whether packet-llc.c shows the payload as a basic format XID (then no data follows). */
    public static boolean basicXid(MemorySegment s, long off, int cap, int rep) {
        return cap >= 4 && rep > 3 && !snap(s, off) && (Bytes.u8(s, off + 2) & 0xef) == 0xaf && Bytes.u8(s, off + 3) == 0x81;
    }

    /** XDLC_IS_INFORMATION: an I frame or a UI frame. */
    static boolean information(int control) {
        return (control & 1) == 0 || (control & 0xef) == 0x03;
    }

    /**
     * Walks the header in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("LLC");
        info.setLength(0);
        Tree llc = root.protocol("llc", "Logical-Link Control");
        int hlen = t.cap >= 3 ? headerLength(t.s, t.base, t.cap) : -1;
        // the protocol item covers the header once its length is known, the whole tvb before
        t.at(llc, 0, t.cap);
        try {
            int dsap = t.u8(0);
            Tree d = t.at(llc.field("llc.dsap", "DSAP: " + sapName(dsap) + " (" + hex2(dsap) + ")", hex2(dsap)), 0, 1);
            t.at(d.field("llc.dsap.sap", Text.bits(dsap, 0xfe, 8) + " = SAP: " + sapName(dsap & 0xfe),
                    Integer.toString(dsap >> 1)).bitmask(0xfe), 0, 1);
            t.at(d.field("llc.dsap.ig", Text.bits(dsap, 1, 8) + " = IG Bit: " + ((dsap & 1) != 0 ? "Group" : "Individual"),
                    (dsap & 1) != 0 ? "1" : "0").bitmask(1), 0, 1);
            int ssap = t.u8(1);
            Tree sv = t.at(llc.field("llc.ssap", "SSAP: " + sapName(ssap) + " (" + hex2(ssap) + ")", hex2(ssap)), 1, 1);
            t.at(sv.field("llc.ssap.sap", Text.bits(ssap, 0xfe, 8) + " = SAP: " + sapName(ssap & 0xfe),
                    Integer.toString(ssap >> 1)).bitmask(0xfe), 1, 1);
            t.at(sv.field("llc.ssap.cr", Text.bits(ssap, 1, 8) + " = CR Bit: " + ((ssap & 1) != 0 ? "Response" : "Command"),
                    (ssap & 1) != 0 ? "1" : "0").bitmask(1), 1, 1);
            boolean response = (ssap & 1) != 0;
            control(t, llc, info, response);
            if (hlen > 0) {
                t.at(llc, 0, Math.min(hlen, t.cap));
            }
            boolean isSnap = dsap == SAP_SNAP && ssap == SAP_SNAP;
            if (isSnap) {
                int c = 2 + ((t.u8(2) & 3) == 3 ? 1 : 2);
                int pid = t.u16(c + 3);
                int oui = t.u8(c) << 16 | t.u8(c + 1) << 8 | t.u8(c + 2);
                String org = EtherNames.oui(oui);
                String plain = String.format("%02x:%02x:%02x", oui >> 16, oui >> 8 & 0xff, oui & 0xff);
                info.append(String.format("; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui, org == null ? "Unknown" : org, pid));
                // proto.c writes a BASE_OUI value into a 32-byte buffer: a long name is cut
                String shown = plain + (org == null ? "" : " (" + org + ")");
                if (shown.length() > 31) {
                    shown = shown.substring(0, 31);
                }
                t.at(llc.field("llc.oui", "Organization Code: " + shown, Integer.toString(oui)), c, 3);
                if (oui == OUI_CISCO) {
                    String name = REGISTRY.name("llc.cisco_pid", pid);
                    t.at(llc.field("llc.cisco_pid", "PID: " + name + " (" + hex4(pid) + ")", hex4(pid)), c + 3, 2);
                } else if ((oui == 0 || oui == 0xf8) && information(t.u8(2))) {
                    String name = REGISTRY.name("llc.type", pid);
                    t.at(llc.field("llc.type", "Type: " + name + " (" + hex4(pid) + ")",
                            hex4(pid)), c + 3, 2);
                } else if (oui != 0) {
                    t.at(llc.field("llc.pid", "Protocol ID: " + hex4(pid), hex4(pid)), c + 3, 2);
                }
            } else {
                info.append("; DSAP ").append(sapInfo(dsap & 0xfe)).append((dsap & 1) != 0 ? " Group" : " Individual")
                        .append(", SSAP ").append(sapInfo(ssap & 0xfe)).append(response ? " Response" : " Command");
                if (hlen == 3 && (t.u8(2) & 0xef) == 0xaf && t.rep > 3 && t.u8(3) == 0x81) {
                    basicXid(t, root, protocol, info);
                }
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /**
     * packet-llc.c's dissect_basicxid, which it calls itself for an XID frame whose information
     * field starts with the basic format identifier 0x81: Protocol "XID" and its own Info.
     */
    private static void basicXid(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("XID");
        info.setLength(0);
        Tree x = t.at(root.protocol("basicxid", "Logical-Link Control Basic Format XID"), 3, Math.max(0, t.cap - 3));
        t.at(x.field("basicxid.llc.xid.format", "XID Format: LLC basic format (0x81)", "0x81"), 3, 1);
        int types = t.u8(4) & 0x1f;
        String name = switch (types) {
            case 1 -> "Type 1 LLC (Class I LLC)";
            case 2 -> "Type 2 LLC";
            case 3 -> "Type 1 and Type 2 LLCs (Class II LLC)";
            case 4 -> "Type 3 LLC";
            case 5 -> "Type 1 and Type 3 LLCs (Class III LLC)";
            case 6 -> "Type 2 and Type 3 LLCs";
            case 7 -> "Type 1 and Type 2 and Type 3 LLCs (Class IV LLC)";
            default -> "Unknown";
        };
        t.at(x.field("basicxid.llc.xid.types", "LLC Types/Classes: " + name + " (" + hex2(types) + ")", hex2(types)), 4, 1);
        int window = (t.u8(5) & 0xfe) >> 1;
        t.at(x.field("basicxid.llc.xid.wsize", "Receive Window Size: " + window, Integer.toString(window)), 5, 1);
        info.append("Basic Format; ").append(types >= 1 && types <= 7 ? name : hex2(types)).append("; Window Size ").append(window);
    }

    /** xdlc.c's dissect_xdlc_control for LLC (extended I and S frames, basic U frames). */
    private static void control(Tvb t, Tree llc, StringBuilder info, boolean response) {
        int first = t.u8(2);
        String pf = response ? " F" : " P";
        String key = response ? "llc.control.f" : "llc.control.p";
        String pfTitle = response ? "Final" : "Poll";
        if ((first & 3) == 3) {
            int control = first;
            int mod = control & 0xec;
            String func = response ? respShort(mod) : cmdShort(mod);
            String summary = "U" + ((control & 0x10) != 0 ? pf : "") + ", func=" + func;
            info.append(summary);
            Tree c = t.at(llc.field("llc.control", "Control field: " + summary + " (" + String.format("0x%02X", control) + ")",
                    hex4(control)), 2, 1);
            if ((control & 0x10) != 0) {
                t.at(c.field(key, Text.bits(control, 0x10, 8) + " = " + pfTitle + ": Set", "1").bitmask(0x10), 2, 1);
            }
            String mkey = response ? "llc.control.u_modifier_resp" : "llc.control.u_modifier_cmd";
            String name = REGISTRY.name(mkey, mod >> 2);
            t.at(c.field(mkey, Text.bits(control, 0xec, 8) + " = " + (response ? "Response" : "Command") + ": " + name
                    + " (" + hex2(mod >> 2) + ")", hex2(mod >> 2)).bitmask(0xec), 2, 1);
            t.at(c.field("llc.control.ftype", Text.bits(control, 3, 8) + " = Frame type: Unnumbered frame (0x3)", "0x03")
                    .bitmask(3).ftype(FT_UINT8), 2, 1);
            return;
        }
        int control = t.u8(2) | t.u8(3) << 8; // little-endian
        int nr = control >> 9;
        String pfText = (control & 0x100) != 0 ? pf : "";
        String hex = String.format("0x%04X", control);
        if ((first & 1) == 0) {
            int ns = (control >> 1) & 0x7f;
            String summary = "I" + pfText + ", N(R)=" + nr + ", N(S)=" + ns;
            info.append(summary);
            Tree c = t.at(llc.field("llc.control", "Control field: " + summary + " (" + hex + ")", hex4(control)), 2, 2);
            t.at(c.field("llc.control.n_r", Text.bits(control, 0xfe00, 16) + " = N(R): " + nr, Integer.toString(nr))
                    .bitmask(0xfe00), 2, 2);
            t.at(c.field("llc.control.n_s", Text.bits(control, 0x00fe, 16) + " = N(S): " + ns, Integer.toString(ns))
                    .bitmask(0xfe), 2, 2);
            if ((control & 0x100) != 0) {
                t.at(c.field(key, Text.bits(control, 0x100, 16) + " = " + pfTitle + ": Set", "1").bitmask(0x100), 2, 2);
            }
            t.at(c.field("llc.control.ftype", Text.bits(control, 1, 16) + " = Frame type: Information frame (0x0)", "0x0000")
                    .bitmask(1).ftype(FT_UINT16), 2, 2);
            return;
        }
        int stype = (control >> 2) & 3;
        String func = switch (stype) {
            case 0 -> "RR";
            case 1 -> "RNR";
            case 2 -> "REJ";
            default -> "SREJ";
        };
        String summary = "S" + pfText + ", func=" + func + ", N(R)=" + nr;
        info.append(summary);
        Tree c = t.at(llc.field("llc.control", "Control field: " + summary + " (" + hex + ")", hex4(control)), 2, 2);
        t.at(c.field("llc.control.n_r", Text.bits(control, 0xfe00, 16) + " = N(R): " + nr, Integer.toString(nr))
                .bitmask(0xfe00), 2, 2);
        if ((control & 0x100) != 0) {
            t.at(c.field(key, Text.bits(control, 0x100, 16) + " = " + pfTitle + ": Set", "1").bitmask(0x100), 2, 2);
        }
        t.at(c.field("llc.control.s_ftype", Text.bits(control, 0xc, 16) + " = Supervisory frame type: "
                + REGISTRY.name("llc.control.s_ftype", stype) + " (0x" + stype + ")", "0x000" + stype).bitmask(0xc), 2, 2);
        t.at(c.field("llc.control.ftype", Text.bits(control, 3, 16) + " = Frame type: Supervisory frame (0x1)", "0x0001")
                .bitmask(3).ftype(FT_UINT16), 2, 2);
    }

    /** The Info column's SAP: val_to_str(sap, sap_vals, "0x%02x"). */
    static String sapInfo(int sap) {
        String n = sapName(sap);
        return n.equals("Unknown") ? hex2(sap) : n;
    }

    /** sap_vals, "Unknown" for the others. */
    static String sapName(int sap) {
        return REGISTRY.name("llc.dsap", sap);
    }

    /** xdlc.c's short names of U-frame commands, by the masked control byte. */
    private static String cmdShort(int m) {
        return switch (m) {
            case 0x00 -> "UI";
            case 0x20 -> "UP";
            case 0x40 -> "DISC";
            case 0x60 -> "UA";
            case 0x80 -> "SNRM";
            case 0xe0 -> "TEST";
            case 0x04 -> "SIM";
            case 0x84 -> "FRMR";
            case 0xc4 -> "CFGR";
            case 0x0c -> "SARM";
            case 0x2c -> "SABM";
            case 0x4c -> "SARME";
            case 0x6c -> "SABME";
            case 0x8c -> "RESET";
            case 0xac -> "XID";
            case 0xcc -> "SNRME";
            case 0xec -> "BCN";
            default -> "Unknown";
        };
    }

    /** xdlc.c's short names of U-frame responses, by the masked control byte. */
    private static String respShort(int m) {
        return switch (m) {
            case 0x00 -> "UI";
            case 0x20 -> "UP";
            case 0x40 -> "RD";
            case 0x60 -> "UA";
            case 0x80 -> "SNRM";
            case 0xe0 -> "TEST";
            case 0x04 -> "RIM";
            case 0x84 -> "FRMR";
            case 0xc4 -> "CFGR";
            case 0x0c -> "DM";
            case 0x2c -> "SABM";
            case 0x4c -> "SARME";
            case 0x6c -> "SABME";
            case 0x8c -> "RESET";
            case 0xac -> "XID";
            case 0xcc -> "SNRME";
            case 0xec -> "BCN";
            default -> "Unknown";
        };
    }

    /** Wireshark 4.0's ftenum numbers of the two widths llc.control.ftype is registered with. */
    private static final int FT_UINT8 = 4;
    private static final int FT_UINT16 = 5;

    static String hex2(int v) {
        return String.format("0x%02x", v);
    }

    static String hex4(int v) {
        return String.format("0x%04x", v);
    }
}
