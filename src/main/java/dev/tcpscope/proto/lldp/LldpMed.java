package dev.tcpscope.proto.lldp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import static dev.tcpscope.proto.lldp.LldpWalk.REGISTRY;
import static dev.tcpscope.proto.lldp.LldpWalk.item;

/**
 * TIA's LLDP-MED TLVs (ANSI/TIA-1057, OUI 00:12:BB) as packet-lldp.c shows them: media
 * capabilities and device class, network policy, location identification (civic address LCI,
 * its CA entries bounded by the LCI length), extended power via MDI and the inventory strings.
 */
final class LldpMed {
    private LldpMed() { }

    static void tlv(Tvb t, Tree tree, int subtype, int len) {
        item(t, tree, "lldp.media.subtype", 5, 1);
        switch (subtype) {
            case 1 -> {
                Tree c = item(t, tree, "lldp.media.subtype.caps", 6, 2);
                for (String b : new String[] {"llpd", "network_policy", "location_id", "mdi_pse", "mid_pd", "inventory"}) {
                    item(t, c, "lldp.media.subtype.caps." + b, 6, 2);
                }
                item(t, tree, "lldp.media.subtype.class", 8, 1);
            }
            case 2 -> {
                item(t, tree, "lldp.media.app_type", 6, 1);
                for (String f : new String[] {"policy_flag", "tag_flag", "vlan_id", "l2_prio", "dscp"}) {
                    item(t, tree, "lldp.media." + f, 7, 3);
                }
            }
            case 3 -> location(t, tree, len);
            case 4 -> {
                int b = t.u8(6);
                int type = b >> 6;
                item(t, tree, "lldp.media.power.type", 6, 1);
                int source = b >> 4 & 3;
                String name = (type & 1) == 0
                        ? switch (source) { case 1 -> "Primary Power Source"; case 2 -> "Backup Power Source"; default -> "Unknown"; }
                        : switch (source) { case 1 -> "PSE"; case 2 -> "Local"; case 3 -> "PSE and Local"; default -> "Unknown"; };
                t.at(tree.field("lldp.media.power.source", Text.bits(b, 0x30, 8) + " = Power Source: " + source + " " + name,
                        Integer.toString(source)).bitmask(0x30), 6, 1);
                item(t, tree, "lldp.media.power.prio", 6, 1);
                int value = t.u16(7);
                t.at(tree.field("lldp.media.power.value", "Power Value: " + value * 100 + " mW", Integer.toString(value)), 7, 2);
            }
            default -> {
                String[] inventory = {"hardware", "firmware", "software", "sn", "manufacturer", "model", "asset"};
                if (subtype >= 5 && subtype <= 11) {
                    String key = "lldp.media." + inventory[subtype - 5];
                    int n = Math.max(0, len - 4);
                    t.need(6, n);
                    t.at(tree.string(key, REGISTRY.row(key).title(), Text.ascii(t.s, t.base + 6, LldpWalk.zpad(t, 6, n))), 6, n);
                }
            }
        }
    }

    /** Location Identification: the data format, then a civic address LCI's entries. */
    private static void location(Tvb t, Tree tree, int len) {
        int format = t.u8(6);
        item(t, tree, "lldp.media.loc.data_format", 6, 1);
        if (format != 2) {
            return; // coordinate-based LCI and ECS ELIN: not built yet (docs/lldp.md)
        }
        int lci = t.u8(7);
        item(t, tree, "lldp.media.civic.length", 7, 1);
        item(t, tree, "lldp.media.civic.what", 8, 1);
        t.need(9, 2);
        t.at(tree.string("lldp.media.civic.country", "Country", Text.ascii(t.s, t.base + 9, 2)), 9, 2);
        int off = 11;
        int end = 8 + lci;
        while (off < end) { // each entry moves at least two bytes
            item(t, tree, "lldp.media.civic.type", off, 1);
            int n = t.u8(off + 1);
            t.at(tree.field("lldp.media.civic.length", "CA Length: " + n, Integer.toString(n)), off + 1, 1);
            t.need(off + 2, n);
            t.at(tree.string("lldp.media.civic.value", "CA Value", Text.ascii(t.s, t.base + off + 2, LldpWalk.zpad(t, off + 2, n))), off + 2, n);
            off += 2 + n;
        }
    }
}
