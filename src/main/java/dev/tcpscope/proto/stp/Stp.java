package dev.tcpscope.proto.stp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.math.BigDecimal;

/**
 * Spanning tree BPDUs (IEEE 802.1D configuration and topology change notification, 802.1w
 * rapid, 802.1s/802.1Q multiple and 802.1aq shortest path tree versions) as packet-stp.c shows
 * them with default preferences (system ID extensions on): Protocol column "STP", Info
 * "Conf. / RST. / MST. / SPT. [TC + ]Root = prio/ext/mac  Cost = n  Port = 0x....", the flags,
 * identifiers, times, the MST extension with its MSTI records and Cisco's PVST+ TLVs. One walk
 * makes the columns, the tree and the fields. The MSTI loop is bounded by the version 3 length
 * (at most 4092 records), and each record read past the captured bytes ends the walk.
 */
public final class Stp {
    private Stp() { }

    /** packet-stp.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry REGISTRY = Registry.load(Stp.class, "stp");

    static final int TYPE_CONF = 0x00;
    static final int TYPE_RST = 0x02;
    static final int TYPE_TCN = 0x80;
    static final int VERSION_MST = 3;
    static final int VERSION_SPT = 4;
    /** The length of an MST BPDU without MSTI records: where the first record starts. */
    static final int MST_MIN = 102;

    /**
     * Walks the BPDU in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @param pvst whether it came through SNAP with Cisco's PVST+ PID (TLVs follow the BPDU)
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, boolean pvst, Tree root, StringBuilder protocol, StringBuilder info) {
        try {
            // packet-stp.c names itself and clears Info before it reads a byte
            protocol.setLength(0);
            protocol.append("STP");
            info.setLength(0);
            int type = t.u8(3);
            int version = t.u8(2);
            int flags = 0;
            int rootPrio = 0;
            long rootMac = 0;
            long cost = 0;
            int port = 0;
            if (type == TYPE_CONF || type == TYPE_RST) {
                flags = t.u8(4);
                rootPrio = t.u16(5);
                rootMac = mac(t, 7);
                cost = t.u32(13);
                port = t.u16(25);
            }
            String tc = (flags & 1) != 0 ? "TC + " : "";
            String summary = "Root = " + (rootPrio & 0xf000) + "/" + (rootPrio & 0x0fff) + "/" + EtherNames.plain(rootMac)
                    + "  Cost = " + cost + "  Port = " + String.format("0x%04x", port);
            switch (type) {
                case TYPE_CONF -> info.append("Conf. ").append(tc).append(summary);
                case TYPE_RST -> info.append(version == VERSION_MST ? "MST. " : version == VERSION_SPT ? "SPT. " : "RST. ")
                        .append(tc).append(summary);
                case TYPE_TCN -> info.append("Topology Change Notification");
                default -> info.append("Unknown BPDU type (").append(type).append(')');
            }
            Tree stp = t.at(root.protocol("stp", "Spanning Tree Protocol"), 0, t.cap);
            int protocolId = t.u16(0);
            t.at(stp.field("stp.protocol", "Protocol Identifier: " + REGISTRY.name("stp.protocol", protocolId)
                    + " (" + String.format("0x%04x", protocolId) + ")", String.format("0x%04x", protocolId)), 0, 2);
            Tree v = t.at(stp.field("stp.version", "Protocol Version Identifier: " + REGISTRY.name("stp.version", version)
                    + " (" + version + ")", Integer.toString(version)), 2, 1);
            if (version != 0 && version != 2 && version != VERSION_MST && version != VERSION_SPT) {
                v.expert("bpdu.version_support", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "This version of Wireshark only knows about versions 0, 2, 3 & 4");
            }
            Tree ty = t.at(stp.field("stp.type", "BPDU Type: " + REGISTRY.name("stp.type", type) + " (" + hex2(type) + ")",
                    hex2(type)), 3, 1);
            if (type != TYPE_CONF && type != TYPE_RST && type != TYPE_TCN) {
                ty.expert("stp.type.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown BPDU type data");
            }
            if (type != TYPE_CONF && type != TYPE_RST) {
                return null;
            }
            boolean rapid = type == TYPE_RST;
            flags(t, stp, "stp.flags", "BPDU flags", 4, flags, rapid);
            identifier(t, stp, 5, "Root Identifier", "stp.root", "Root Bridge Priority", "Root Bridge System ID Extension",
                    "Root Bridge System ID");
            t.at(stp.field("stp.root.cost", "Root Path Cost: " + cost, Long.toString(cost)), 13, 4);
            identifier(t, stp, 17, "Bridge Identifier", "stp.bridge", "Bridge Priority", "Bridge System ID Extension",
                    "Bridge System ID");
            t.at(stp.field("stp.port", "Port identifier: " + String.format("0x%04x", port), String.format("0x%04x", port)), 25, 2);
            time(t, stp, "stp.msg_age", "Message Age", 27);
            time(t, stp, "stp.max_age", "Max Age", 29);
            time(t, stp, "stp.hello", "Hello Time", 31);
            time(t, stp, "stp.forward", "Forward Delay", 33);
            int end = 35;
            if (rapid) {
                int v1 = t.u8(35);
                t.at(stp.field("stp.version_1_length", "Version 1 Length: " + v1, Integer.toString(v1)), 35, 1);
                end = 36;
                // packet-stp.c takes an MST BPDU from version 3 on only when it holds the MST
                // extension's fixed part (102 bytes)
                if (version >= VERSION_MST && t.rep >= MST_MIN) {
                    end = mst(t, stp, version);
                }
            }
            // the protocol item covers the whole BPDU tvb (what the 802.3 length gives it)
            if (pvst) {
                // a configuration BPDU's TLVs follow a pad byte where RST's version 1 length sits
                pvst(t, stp, Math.max(end, 36));
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** The MST extension after the version 3 length (and SPT's version 4 part); returns where it ends. */
    private static int mst(Tvb t, Tree stp, int version) {
        int v3 = t.u16(36);
        t.at(stp.field("mstp.version_3_length", "Version 3 Length: " + v3, Integer.toString(v3)), 36, 2);
        // the extension item covers the version 3 length, the records and SPT's version 4 part
        int span = v3 + 2;
        if (version == VERSION_SPT && t.cap >= 38 + v3 + 2) {
            span += 2 + t.u16(38 + v3);
        }
        Tree m = t.at(stp.text("MST Extension"), 36, Math.max(0, Math.min(span, t.cap - 36)));
        int selector = t.u8(38);
        t.at(m.field("mstp.config_format_selector", "MST Config ID format selector: " + selector, Integer.toString(selector)), 38, 1);
        String name = zpad(t, 39, 32);
        t.at(m.string("mstp.config_name", "MST Config name", name), 39, 32);
        int revision = t.u16(71);
        t.at(m.field("mstp.config_revision_level", "MST Config revision: " + revision, Integer.toString(revision)), 71, 2);
        t.need(73, 16);
        m.bytes("mstp.config_digest", "MST Config digest", t.s, t.base + 73, 16);
        long cistCost = t.u32(89);
        t.at(m.field("mstp.cist_internal_root_path_cost", "CIST Internal Root Path Cost: " + cistCost, Long.toString(cistCost)), 89, 4);
        identifier(t, m, 93, "CIST Bridge Identifier", "mstp.cist_bridge", "CIST Bridge Priority",
                "CIST Bridge Identifier System ID Extension", "CIST Bridge Identifier System ID");
        int hops = t.u8(101);
        t.at(m.field("mstp.cist_remaining_hops", "CIST Remaining hops: " + hops, Integer.toString(hops)), 101, 1);
        // the records fill the version 3 length: a record that does not fit in it (nor in the
        // bytes there are) ends the walk as a malformed one; at most 4092 of them, each needing
        // 16 more bytes than the last
        int end = 38 + v3;
        for (int off = MST_MIN; off < end; off += 16) {
            if (off + 16 > end && end < t.rep) {
                throw Tvb.Stop.MALFORMED;
            }
            t.need(off, 16);
            msti(t, m, off);
        }
        if (version == VERSION_SPT) {
            end = spt(t, stp, end);
        }
        return end;
    }

    /** SPB's version 4 part (IEEE 802.1aq): MCID and agreement data; returns where it ends. */
    private static int spt(Tvb t, Tree stp, int off) {
        int v4 = t.u16(off);
        t.at(stp.field("mstp.version_4_length", "Version 4 Length: " + v4, Integer.toString(v4)), off, 2);
        int x = off + 2;
        Tree e = t.at(stp.text("SPT Extension"), off, Math.max(0, Math.min(v4 + 2, t.cap - off)));
        Tree mcid = t.at(e.text("MCID Data"), x, 51);
        int selector = t.u8(x);
        t.at(mcid.field("mstp.config_format_selector", "SPT Config ID format selector: " + selector, Integer.toString(selector)), x, 1);
        t.at(mcid.string("mstp.config_name", "SPT Config name", zpad(t, x + 1, 32)), x + 1, 32);
        int revision = t.u16(x + 33);
        t.at(mcid.field("mstp.config_revision_level", "SPT Config revision: " + revision, Integer.toString(revision)), x + 33, 2);
        t.need(x + 35, 16);
        mcid.bytes("mstp.config_digest", "SPT Config digest", t.s, t.base + x + 35, 16);
        int a = x + 51;
        int flags = t.u8(a);
        Tree ad = t.at(e.text("Agreement Data (AN: " + (flags & 3) + ", DAN: " + (flags >> 2 & 3) + ")"), a, 34);
        t.at(ad.field("mstp.agree_flags.agreement_num", Text.bits(flags, 0x03, 8) + " = Agreement Number: " + (flags & 3),
                Integer.toString(flags & 3)), a, 1);
        t.at(ad.field("mstp.agree_flags.dagreement_num", Text.bits(flags, 0x0c, 8) + " = Disagreement Number: " + (flags >> 2 & 3),
                Integer.toString(flags >> 2 & 3)), a, 1);
        boolean valid = (flags & 0x10) != 0;
        t.at(ad.field("mstp.agree_flags.agreement_valid", Text.bits(flags, 0x10, 8) + " = Agreement Valid Flag: "
                + (valid ? "Yes" : "No"), valid ? "1" : "0"), a, 1);
        boolean restricted = (flags & 0x20) != 0;
        t.at(ad.field("mstp.agree_flags.rest_role", Text.bits(flags, 0x20, 8) + " = Restricted Role: "
                + (restricted ? "Yes" : "No"), restricted ? "1" : "0"), a, 1);
        int format = t.u8(a + 2);
        t.at(ad.field("bpdu.agreement_digest_format_id", Text.bits(format, 0xf0, 8) + " = Agreement Digest Format Id: "
                + (format >> 4), Integer.toString(format >> 4)), a + 2, 1);
        t.at(ad.field("bpdu.agreement_digest_format_capabilities", Text.bits(format, 0x0f, 8)
                + " = Agreement Digest Format Capabilities: " + (format & 15), Integer.toString(format & 15)), a + 2, 1);
        int convention = t.u8(a + 3);
        t.at(ad.field("bpdu.agreement_digest_convention_id", Text.bits(convention, 0xf0, 8)
                + " = Agreement Digest Convention Id: " + (convention >> 4), Integer.toString(convention >> 4)), a + 3, 1);
        t.at(ad.field("bpdu.agreement_digest_convention_capabilities", Text.bits(convention, 0x0f, 8)
                + " = Agreement Digest Convention Capabilities: " + (convention & 15), Integer.toString(convention & 15)), a + 3, 1);
        int edges = t.u16(a + 4);
        t.at(ad.field("bpdu.agreement_digest_edge_count", "Agreement Digest Edge Count: " + edges, Integer.toString(edges)),
                a + 4, 2);
        t.need(a + 14, 20);
        ad.bytes("mstp.agreement_digest", "Agreement Digest", t.s, t.base + a + 14, 20);
        return x + v4;
    }

    /** One MSTI configuration message (16 bytes). */
    private static void msti(Tvb t, Tree m, int off) {
        int flags = t.u8(off);
        int w = t.u16(off + 1);
        int prio = (t.u8(off + 1) & 0xf0) << 8;
        long mac = mac(t, off + 3);
        Tree r = t.at(m.text("MSTID " + (w & 0xfff) + ", Regional Root Identifier " + prio + " / " + EtherNames.plain(mac)),
                off, 16);
        flags(t, r, "mstp.msti.flags", "MSTI flags", off, flags, true);
        int p = t.u8(off + 1);
        t.at(r.field("mstp.msti.priority", Text.bits(p, 0xf0, 8) + " = Priority: 0x" + Integer.toHexString(p >> 4),
                String.format("0x%02x", p >> 4)), off + 1, 1);
        t.at(r.field("mstp.msti.msti_id", Text.bits(w, 0xfff, 16) + " = MSTID: " + (w & 0xfff), Integer.toString(w & 0xfff)),
                off + 1, 2);
        t.at(r.field("mstp.msti.root.hw", "Regional Root: " + ether(mac), EtherNames.plain(mac)), off + 3, 6);
        long c = t.u32(off + 9);
        t.at(r.field("mstp.msti.root_cost", "Internal root path cost: " + c, Long.toString(c)), off + 9, 4);
        int bp = t.u8(off + 13) >> 4;
        t.at(r.field("mstp.msti.bridge_priority", "Bridge Identifier Priority: " + bp, Integer.toString(bp)), off + 13, 1);
        int pp = t.u8(off + 14) >> 4;
        t.at(r.field("mstp.msti.port_priority", "Port identifier priority: " + pp, Integer.toString(pp)), off + 14, 1);
        int h = t.u8(off + 15);
        t.at(r.field("mstp.msti.remaining_hops", "Remaining hops: " + h, Integer.toString(h)), off + 15, 1);
    }

    /** Cisco's PVST+ TLVs after the BPDU: the originating VLAN (type 0, length 2). */
    private static void pvst(Tvb t, Tree stp, int off) {
        int guard = 0;
        while (off + 4 <= t.rep && guard++ < 1024) {
            int type = t.u16(off);
            int len = t.u16(off + 2);
            t.need(off, 4 + len); // a TLV past the BPDU's end ends the walk before its items
            if (type == 0 && len == 2) {
                int vlan = t.u16(off + 4);
                Tree v = t.at(stp.text("Originating VLAN (PVID): " + vlan), off, 6);
                t.at(v.field("stp.pvst.tlvtype", "Type: Originating VLAN (0x0000)", "0x0000"), off, 2);
                t.at(v.field("stp.pvst.tlvlen", "Length: 2", "2"), off + 2, 2);
                t.at(v.field("stp.pvst.origvlan", "Originating VLAN: " + vlan, Integer.toString(vlan)), off + 4, 2);
                off += 6;
            } else {
                break;
            }
        }
    }

    /** The flags byte and its bits: the rapid ones for RST/MST/SPT BPDUs and MSTI records, two for configuration BPDUs. */
    private static void flags(Tvb t, Tree parent, String key, String title, int off, int f, boolean rapid) {
        StringBuilder label = new StringBuilder(title).append(": ").append(hex2(f));
        String[][] bits = {
            {"0x80", "stp.flags.tcack", "Topology Change Acknowledgment"},
            {"0x40", "stp.flags.agreement", "Agreement"},
            {"0x20", "stp.flags.forwarding", "Forwarding"},
            {"0x10", "stp.flags.learning", "Learning"},
            {"0x0c", "stp.flags.port_role", "Port Role"},
            {"0x02", "stp.flags.proposal", "Proposal"},
            {"0x01", "stp.flags.tc", "Topology Change"},
        };
        int role = (f >> 2) & 3;
        for (String[] b : bits) {
            int mask = Integer.decode(b[0]);
            if (!rapid && mask != 0x80 && mask != 0x01) {
                continue;
            }
            if (mask == 0x0c) {
                label.append(", Port Role: ").append(REGISTRY.name("stp.flags.port_role", role));
            } else if ((f & mask) != 0) {
                label.append(", ").append(b[2]);
            }
        }
        Tree fl = t.at(parent.field(key, label.toString(), hex2(f)), off, 1);
        for (String[] b : bits) {
            int mask = Integer.decode(b[0]);
            if (!rapid && mask != 0x80 && mask != 0x01) {
                continue;
            }
            if (mask == 0x0c) {
                t.at(fl.field(b[1], Text.bits(f, mask, 8) + " = Port Role: " + REGISTRY.name("stp.flags.port_role", role)
                        + " (" + role + ")", Integer.toString(role)), off, 1);
            } else {
                boolean set = (f & mask) != 0;
                t.at(fl.field(b[1], Text.bits(f, mask, 8) + " = " + b[2] + ": " + (set ? "Yes" : "No"), set ? "1" : "0"),
                        off, 1);
            }
        }
    }

    /** A bridge identifier (8 bytes): priority, system ID extension, MAC. */
    private static void identifier(Tvb t, Tree parent, int off, String title, String key, String prioTitle, String extTitle,
            String macTitle) {
        int w = t.u16(off);
        long mac = mac(t, off + 2);
        Tree id = t.at(parent.text(title + ": " + (w & 0xf000) + " / " + (w & 0x0fff) + " / " + EtherNames.plain(mac)), off, 8);
        t.at(id.field(key + ".prio", prioTitle + ": " + (w & 0xf000), Integer.toString(w & 0xf000)), off, 1);
        t.at(id.field(key + ".ext", extTitle + ": " + (w & 0x0fff), Integer.toString(w & 0x0fff)), off, 2);
        t.at(id.field(key + ".hw", macTitle + ": " + ether(mac), EtherNames.plain(mac)), off + 2, 6);
    }

    /** A time in 1/256 seconds, as an FT_DOUBLE shows it. */
    private static void time(Tvb t, Tree parent, String key, String title, int off) {
        String v = BigDecimal.valueOf(t.u16(off)).divide(BigDecimal.valueOf(256)).stripTrailingZeros().toPlainString();
        t.at(parent.field(key, title + ": " + v, v), off, 2);
    }

    private static String hex2(int v) {
        return String.format("0x%02x", v);
    }

    private static String ether(long mac) {
        return EtherNames.name(mac) + " (" + EtherNames.plain(mac) + ")";
    }

    private static long mac(Tvb t, int off) {
        t.need(off, 6);
        long m = 0;
        for (int k = 0; k < 6; k++) {
            m = m << 8 | t.u8(off + k);
        }
        return m;
    }

    /** An FT_STRINGZPAD: up to the first NUL. */
    private static String zpad(Tvb t, int off, int len) {
        t.need(off, len);
        int n = 0;
        while (n < len && t.u8(off + n) != 0) {
            n++;
        }
        return t.latin1(off, n);
    }
}
