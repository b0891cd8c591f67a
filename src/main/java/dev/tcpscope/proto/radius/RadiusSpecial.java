package dev.tcpscope.proto.radius;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.Set;

/**
 * The standard attributes packet-radius.c shows with a function of its own instead of their
 * dictionary type (radius_register_avp_dissector for vendor 0): CHAP-Password (RFC 2865 §5.3),
 * Framed-IP-Address (§5.8), Login-IP-Host (§5.14), Framed-IPX-Network (§5.23), Egress-VLANID
 * and Egress-VLAN-Name (RFC 4675 §2.1, §2.3). Each returns the text after "val=" and adds its
 * items, whose fields are packet-radius.c's own ({@code radius.Framed-IP-Address} ...).
 */
final class RadiusSpecial {
    private static final Set<String> NAMES = Set.of("CHAP-Password", "Framed-IP-Address", "Login-IP-Host",
            "Framed-IPX-Network", "Egress-VLANID", "Egress-VLAN-Name");

    private final Tvb t;

    RadiusSpecial(Tvb t) {
        this.t = t;
    }

    static boolean has(String name) {
        return NAMES.contains(name);
    }

    /** The text for attribute {@code name}'s {@code len} value bytes at {@code off}, its items under {@code tree}. */
    String show(String name, Tree tree, int off, int len) {
        return switch (name) {
            case "CHAP-Password" -> chap(tree, off, len);
            case "Framed-IP-Address" -> address(tree, off, len, "radius.Framed-IP-Address", "Framed-IP-Address",
                    0xffffffffL, "Negotiated", 0xfffffffeL, "Assigned");
            case "Login-IP-Host" -> address(tree, off, len, "radius.Login-IP-Host", "Login-IP-Host",
                    0xffffffffL, "User-selected", 0L, "NAS-selected");
            case "Framed-IPX-Network" -> ipx(tree, off, len);
            case "Egress-VLANID" -> vlanId(tree, off, len);
            default -> vlanName(tree, off, len);
        };
    }

    private String chap(Tree tree, int off, int len) {
        if (len != 17) {
            return "[wrong length for CHAP-Password]";
        }
        t.need(off, 17);
        Tree item = t.at(tree.bytes("radius.CHAP_Password", "CHAP-Password", t.s, t.base + off, 17), off, 17);
        int ident = t.u8(off);
        t.at(item.field("radius.CHAP_Ident", "CHAP Ident: 0x" + Registry.hex(ident, 2), "0x" + Registry.hex(ident, 2)), off, 1);
        t.at(item.bytes("radius.CHAP_String", "CHAP String", t.s, t.base + off + 1, 16), off + 1, 16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            sb.append(Registry.hex(t.u8(off + i), 2));
        }
        return sb.toString();
    }

    private String address(Tree tree, int off, int len, String field, String title, long v1, String s1, long v2, String s2) {
        if (len != 4) {
            return "[wrong length for IP address]";
        }
        t.need(off, 4);
        long ip = t.u32(off);
        String dotted = t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
        String shown = ip == v1 ? s1 : ip == v2 ? s2 : dotted;
        t.at(tree.field(field, title + ": " + shown, dotted), off, 4);
        return shown;
    }

    private String ipx(Tree tree, int off, int len) {
        if (len != 4) {
            return "[wrong length for IPX network]";
        }
        t.need(off, 4);
        long net = t.u32(off);
        String shown = net == 0xfffffffeL ? "NAS-selected" : "0x" + Registry.hex(net, 8).toUpperCase(java.util.Locale.ROOT);
        t.at(tree.field("radius.Framed-IPX-Network", "Framed-IPX-Network: Framed-IPX-Network: " + shown,
                "0x" + Registry.hex(net, 8)), off, 4);
        return shown;
    }

    private String vlanId(Tree tree, int off, int len) {
        if (len != 4) {
            return "[wrong length for Egress-VLANID ]";
        }
        Registry r = RadiusWalk.REGISTRY;
        r.integerItem(t, tree, r.row("radius.egress_vlanid_tag"), off, 4, (v, n) -> named(r, "radius.egress_vlanid_tag", v, n));
        r.integerItem(t, tree, r.row("radius.egress_vlanid_pad"), off, 4, (v, n) -> n);
        r.integerItem(t, tree, r.row("radius.egress_vlanid"), off, 4, (v, n) -> n);
        long id = t.u32(off);
        String tag = r.value("radius.egress_vlanid_tag", id >>> 24);
        return (tag == null ? "Unknown" : tag) + ", Vlan ID: " + (id & 0xfff);
    }

    private String vlanName(Tree tree, int off, int len) {
        if (len < 2) {
            return "[wrong length for Egress-VLAN-Name ]";
        }
        Registry r = RadiusWalk.REGISTRY;
        r.integerItem(t, tree, r.row("radius.egress_vlan_name_tag"), off, 1, (v, n) -> named(r, "radius.egress_vlan_name_tag", v, n));
        int tagValue = t.u8(off);
        t.string(tree, "radius.egress_vlan_name", "Vlan Name", off + 1, len - 1);
        String tag = r.value("radius.egress_vlan_name_tag", tagValue);
        return (tag == null ? "Unknown" : tag) + ", Vlan Name: " + dev.tcpscope.proto.Text.ascii(t.s, t.base + off + 1, len - 1);
    }

    private static String named(Registry r, String field, long v, String number) {
        String n = r.value(field, v);
        return (n == null ? "Unknown" : n) + " (" + number + ")";
    }
}
