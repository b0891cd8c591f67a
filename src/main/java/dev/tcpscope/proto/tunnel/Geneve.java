package dev.tcpscope.proto.tunnel;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * Geneve (RFC 8926) as packet-geneve.c shows it: version (an expert item and Info for one
 * other than 0), options length, flags, protocol type (Info "Encapsulated ..."), VNI, a
 * reserved byte (hidden when 0), then the options, each with its class, type, flags and
 * length, Google's three decoded and any other as unknown data. What the protocol type carries
 * is the wire layer's ({@code wire.Dissector}). One walk makes the columns, the tree and the fields.
 */
public final class Geneve {
    private Geneve() { }

    /**
     * Walks the header in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the header was whole, or the exception that ended the walk
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("Geneve");
        info.setLength(0);
        Tree g = t.at(root.protocol("geneve", "Generic Network Virtualization Encapsulation"), 0, t.cap);
        try {
            int verOpt = t.u8(0);
            int version = verOpt >>> 6;
            t.at(g.field("geneve.version", "Version: " + version, Integer.toString(version)), 0, 1);
            if (version != 0) {
                String m = "Unknown version " + version;
                t.at(g.text(m), 0, 1).expert("geneve.version.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, m);
                info.setLength(0);
                info.append("Unknown Geneve version ").append(version);
            }
            int optLen = (verOpt & 0x3f) * 4;
            t.at(g.field("geneve.option.length", "Length: " + optLen + " bytes", Integer.toString(optLen)), 0, 1);
            int flags = t.u8(1);
            StringBuilder label = new StringBuilder("Flags: ").append(String.format("0x%02x", flags));
            if ((flags & 0x80) != 0) {
                label.append(", Operations, Administration and Management Frame");
            }
            if ((flags & 0x40) != 0) {
                label.append(", Critical Options Present");
            }
            if ((flags & 0x3f) != 0) {
                label.append(", Reserved");
            }
            Tree f = t.at(g.field("geneve.flags", label.toString(), String.format("0x%02x", flags)), 1, 1);
            bool(t, f, flags, 0x80, 1, "geneve.flags.oam", "Operations, Administration and Management Frame");
            bool(t, f, flags, 0x40, 1, "geneve.flags.critical", "Critical Options Present");
            bool(t, f, flags, 0x3f, 1, "geneve.flags.reserved", "Reserved");
            int type = t.u16(2);
            String hex = String.format("0x%04x", type);
            String name = Tunnels.ETHER_NAMES.apply(type);
            t.at(g.field("geneve.proto_type", "Protocol Type: " + (name != null ? name : "Unknown") + " (" + hex + ")", hex), 2, 2);
            info.setLength(0);
            info.append("Encapsulated ").append(name != null ? name : hex + " (unknown)");
            long vni = t.u32(4) >>> 8;
            String vniHex = String.format("0x%06x", vni);
            t.at(g.field("geneve.vni", "Virtual Network Identifier (VNI): " + vniHex + " (" + vni + ")", vniHex), 4, 3);
            g.relabel("Generic Network Virtualization Encapsulation, VNI: " + vniHex + ((flags & 0x80) != 0 ? ", OAM" : ""));
            int reserved = t.u8(7);
            Tree r = t.at(g.field("geneve.reserved", "Reserved: " + String.format("0x%02x", reserved),
                    String.format("0x%02x", reserved)), 7, 1);
            if (reserved == 0) {
                r.hide();
            }
            if (optLen > 0) {
                options(t, g, 8, optLen);
            }
            t.at(g, 0, Math.min(t.cap, 8 + optLen));
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    private static void bool(Tvb t, Tree parent, int value, int mask, int off, String key, String name) {
        boolean set = (value & mask) != 0;
        t.at(parent.field(key, Text.bits(value, mask, 8) + " = " + name + ": " + (set ? "True" : "False"), set ? "1" : "0")
                .bitmask(mask), off, 1);
    }

    private static void options(Tvb t, Tree g, int offset, int len) {
        t.need(offset, len);
        Tree opts = t.at(g.bytes("geneve.options", "Geneve Options", t.s, t.base + offset, len), offset, len)
                .relabel("Options: (" + len + " bytes)");
        int walked = 0;
        while (len > 0 && walked++ < 64) {
            int cls = t.u16(offset);
            int type = t.u8(offset + 2);
            int optLen = 4 + (t.u8(offset + 3) & 0x1f) * 4;
            if (optLen > len) {
                String m = optionName(cls, type) + " (length of " + optLen + " is past end of options)";
                t.at(opts.text(m), offset + 3, 1).expert("geneve.option.length.invalid", Tree.Severity.WARNING,
                        Tree.Group.PROTOCOL, m);
                return;
            }
            option(t, opts, offset, cls, type, optLen);
            offset += optLen;
            len -= optLen;
        }
    }

    private static void option(Tvb t, Tree opts, int offset, int cls, int type, int len) {
        String critical = (type & 0x80) != 0 ? "Critical" : "Non-critical";
        Tree o = t.at(opts.bytes("geneve.option", "Option", t.s, t.base + offset, len), offset, len)
                .relabel(optionName(cls, type) + " (" + critical + ")");
        String clsHex = String.format("0x%04x", cls);
        t.at(o.field("geneve.option.class", "Class: " + className(cls) + " (" + clsHex + ")", clsHex), offset, 2);
        String typeHex = String.format("0x%02x", type);
        t.at(o.field("geneve.option.type", "Type: " + typeHex + " (" + critical + ")", typeHex), offset + 2, 1);
        t.at(o.field("geneve.option.type.critical", Text.bits(type, 0x80, 8) + " = Critical Option: "
                + ((type & 0x80) != 0 ? "True" : "False"), (type & 0x80) != 0 ? "1" : "0").bitmask(0x80).hide(), offset + 2, 1);
        int b = t.u8(offset + 3);
        int flags = b >>> 5;
        String flagsHex = String.format("0x%02x", flags);
        Tree fl = t.at(o.field("geneve.option.flags", "Flags: " + flagsHex + (flags != 0 ? " (RSVD)" : ""), flagsHex), offset + 3, 1);
        bool(t, fl, b, 0xe0, offset + 3, "geneve.option.flags.reserved", "Reserved");
        if (flags == 0) {
            fl.hide();
        }
        t.at(o.field("geneve.option.length", "Length: " + len + " bytes", Integer.toString(len)), offset + 3, 1);
        int p = offset + 4;
        switch (cls << 8 | type) {
            case 0x013201 -> {
                long w = t.u32(p);
                long vnid = w >>> 4;
                StringBuilder bits = new StringBuilder();
                for (int i = 31; i >= 0; i--) {
                    bits.append(i >= 4 ? (w >>> i & 1) == 0 ? '0' : '1' : '.');
                    if (i > 0 && i % 4 == 0) {
                        bits.append(i % 8 == 0 ? "  " : " ");
                    }
                }
                t.at(o.field("geneve.option.gcp.vnid", bits + " = GCP Virtual Network ID: " + vnid, Long.toString(vnid)), p, 4);
                boolean egress = (w & 1) != 0;
                t.at(o.field("geneve.option.gcp.direction", Text.bits((int) w, 1, 32) + " = GCP Traffic Direction: "
                        + (egress ? "Egress" : "Ingress"), egress ? "1" : "0").bitmask(1), p, 4);
                boolean rsv = (w & 0xe) != 0;
                t.at(o.field("geneve.option.gcp.reserved", Text.bits((int) w, 0xe, 32) + " = GCP Reserved bits: "
                        + (rsv ? "True" : "False"), rsv ? "1" : "0").bitmask(0xe), p, 4);
            }
            case 0x013202 -> dataItem(t, o, "geneve.option.gcp.endpoint", "GCP Endpoint ID", p, len - 4);
            case 0x013203 -> {
                int n = len - 4;
                t.need(p, n);
                long v = 0;
                for (int i = 0; i < Math.min(n, 8); i++) {
                    v = v << 8 | t.u8(p + i);
                }
                t.at(o.field("geneve.option.gcp.profile", "GCP Profile ID: " + Long.toUnsignedString(v),
                        Long.toUnsignedString(v)), p, n);
            }
            default -> dataItem(t, o, "geneve.option.unknown.data", "Unknown Option Data", p, len - 4);
        }
    }

    private static void dataItem(Tvb t, Tree o, String key, String name, int off, int n) {
        t.need(off, n);
        Tree b = t.at(o.bytes(key, name, t.s, t.base + off, n), off, n);
        if (n == 0) {
            b.relabel(name + ": <MISSING>"); // proto.c's label of an empty byte field
        }
    }

    /** packet-geneve.c's option name: the known option's or "Unknown", its class and type. */
    static String optionName(int cls, int type) {
        String known = switch (cls << 8 | type) {
            case 0x013201 -> "GCP Virtual Network ID";
            case 0x013202 -> "GCP Endpoint ID";
            case 0x013203 -> "GCP Profile ID";
            default -> "Unknown";
        };
        return known + ", Class: " + className(cls) + " (" + String.format("0x%04x", cls) + ") Type: " + String.format("0x%02x", type);
    }

    /** The option class names of tshark 4.0.17 ({@code tshark -G values}, geneve.option.class). */
    static String className(int c) {
        if (c <= 0xff) {
            return "Standard";
        }
        return switch (c) {
            case 0x100 -> "Linux";
            case 0x101 -> "Open vSwitch";
            case 0x102 -> "Open Virtual Networking (OVN)";
            case 0x103 -> "In-band Network Telemetry (INT)";
            case 0x104 -> "VMware";
            case 0x105 -> "Amazon.com, Inc.";
            case 0x106 -> "Cisco Systems, Inc.";
            case 0x107 -> "Oracle Corporation";
            case 0x129 -> "Oxide Computer Company";
            case 0x136 -> "InfoQuick Global Connection Tech Ltd.";
            default -> c >= 0x108 && c <= 0x110 ? "Amazon.com, Inc."
                    : c >= 0x111 && c <= 0x118 ? "IBM"
                    : c >= 0x119 && c <= 0x128 ? "Ericsson"
                    : c >= 0x130 && c <= 0x131 ? "Cisco Systems, Inc."
                    : c >= 0x132 && c <= 0x135 ? "Google LLC"
                    : c >= 0x137 && c <= 0xfeff ? "Unassigned"
                    : c >= 0xfff0 ? "Experimental" : "Unknown";
        };
    }
}
