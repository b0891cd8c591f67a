package dev.tcpscope.proto.lldp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import static dev.tcpscope.proto.lldp.LldpWalk.REGISTRY;
import static dev.tcpscope.proto.lldp.LldpWalk.header;
import static dev.tcpscope.proto.lldp.LldpWalk.item;

/**
 * The organizationally specific TLV (type 127) as packet-lldp.c shows it: a subtree titled
 * "organisation - subtype", the OUI (named from manuf) and the subtype, then the body of the
 * subtypes built so far (IEEE 802.1 port VLAN, port and protocol VLAN, VLAN name, protocol
 * identity; IEEE 802.3 MAC/PHY, power via MDI, link aggregation, maximum frame size; IANA's MUD
 * URL); an OUI without a dissector shows its subtype and content as "Unknown". Every read is
 * within the TLV's own tvb.
 */
final class LldpOrg {
    private LldpOrg() { }

    static final int IEEE_802_1 = 0x0080c2;
    static final int IEEE_802_3 = 0x00120f;
    static final int IANA = 0x00005e;
    static final int TIA_MED = 0x0012bb;

    /** Returns the TLV's length (its header and value). */
    static int tlv(Tvb t, Tree lldp) {
        int len = t.u16(0) & 0x1ff;
        t.need(0, len + 2); // 4.0.17 reads past a TLV that runs past the payload before adding its items (measured)
        // the OUI and subtype are read before the subtree is added (a shorter TLV adds nothing; measured)
        int oui = t.u8(2) << 16 | t.u8(3) << 8 | t.u8(4);
        int subtype = t.u8(5);
        String ouiName = EtherNames.oui(oui);
        String ouiStr = ouiName != null ? ouiName : "Unknown";
        String subKey = switch (oui) {
            case IEEE_802_1 -> "lldp.ieee.802_1.subtype";
            case IEEE_802_3 -> "lldp.ieee.802_3.subtype";
            case IANA -> "lldp.iana.subtype";
            case TIA_MED -> "lldp.media.subtype";
            default -> null;
        };
        String subStr = subKey == null ? "Unknown (" + subtype + ")" : REGISTRY.name(subKey, subtype);
        if (subKey != null && subStr.equals("Unknown")) {
            subStr = "Unknown subtype 0x" + Integer.toHexString(subtype);
        }
        Tree tree = t.at(lldp.text(ouiStr + " - " + subStr), 0, t.cap);
        header(t, tree);
        item(t, tree, "lldp.orgtlv.oui", 2, 3);
        switch (oui) {
            case IEEE_802_1 -> ieee8021(t, tree, subtype, len);
            case IEEE_802_3 -> ieee8023(t, tree, subtype, len);
            case TIA_MED -> LldpMed.tlv(t, tree, subtype, len);
            case IANA -> {
                item(t, tree, "lldp.iana.subtype", 5, 1);
                if (subtype == 1) {
                    t.string(tree, "lldp.iana.mudurl", "Manufacturer Usage Description URL", 6, len - 4);
                }
            }
            default -> {
                item(t, tree, "lldp.unknown_subtype", 5, 1);
                if (len > 4) {
                    t.need(6, len - 4);
                    t.at(tree.bytes("lldp.unknown_subtype.content", "Unknown Subtype Content", t.s, t.base + 6, len - 4), 6, len - 4);
                }
            }
        }
        return len + 2;
    }

    private static void ieee8021(Tvb t, Tree tree, int subtype, int len) {
        item(t, tree, "lldp.ieee.802_1.subtype", 5, 1);
        switch (subtype) {
            case 1 -> item(t, tree, "lldp.ieee.802_1.port_vlan.id", 6, 2);
            case 2 -> {
                Tree f = item(t, tree, "lldp.ieee.802_1.port_and_vlan_id_flag", 6, 1);
                item(t, f, "lldp.ieee.802_1.port_and_vlan_id_flag.supported", 6, 1);
                item(t, f, "lldp.ieee.802_1.port_and_vlan_id_flag.enabled", 6, 1);
                item(t, tree, "lldp.ieee.802_1.port_proto_vlan.id", 7, 2);
            }
            case 3 -> {
                item(t, tree, "lldp.ieee.802_1.vlan.id", 6, 2);
                int n = t.u8(8);
                item(t, tree, "lldp.ieee.802_1.vlan.name_len", 8, 1);
                t.need(9, n);
                t.at(tree.string("lldp.ieee.802_1.vlan.name", "VLAN Name", Text.ascii(t.s, t.base + 9, n)), 9, n);
            }
            case 4 -> {
                int n = t.u8(6);
                item(t, tree, "lldp.ieee.802_1.proto.id_length", 6, 1);
                if (n > 0) {
                    t.need(7, n);
                    t.at(tree.bytes("lldp.ieee.802_1.proto.id", "Protocol Identity", t.s, t.base + 7, n), 7, n);
                }
            }
            default -> LldpDcb.tlv(t, tree, subtype, len); // EVB, CDCP and the rest: not built yet (docs/lldp.md)
        }
    }

    private static final String[] PMD = {"1000base_tfd", "1000base_t", "1000base_xfd", "1000base_x", "fdx_bpause", "fdx_spause",
        "fdx_apause", "fdx_pause", "100base_t2fd", "100base_t2", "100base_txfd", "100base_tx", "100base_t4", "10base_tfd",
        "10base_t", "other"};

    private static void ieee8023(Tvb t, Tree tree, int subtype, int len) {
        Tree sub = item(t, tree, "lldp.ieee.802_3.subtype", 5, 1);
        if (subtype == 3) {
            sub.expert("lldp.tlv_deprecated", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "TLV has been deprecated");
        }
        switch (subtype) {
            case 1 -> {
                Tree a = item(t, tree, "lldp.ieee.802_3.mac_phy_auto_neg_status", 6, 1);
                item(t, a, "lldp.ieee.802_3.mac_phy_auto_neg_status.supported", 6, 1);
                item(t, a, "lldp.ieee.802_3.mac_phy_auto_neg_status.enabled", 6, 1);
                Tree p = item(t, tree, "lldp.ieee.802_3.pmd_auto_neg_advertised_caps", 7, 2);
                for (String b : PMD) {
                    item(t, p, "lldp.ieee.802_3.pmd_auto_neg_advertised_caps." + b, 7, 2);
                }
                Tree inv = t.at(tree.text("Same in inverse (wrong) bitorder"), 7, 2);
                for (String b : PMD) {
                    item(t, inv, "lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv." + b, 7, 2);
                }
                item(t, tree, "lldp.ieee.802_3.pmd_mau_type", 9, 2);
            }
            case 2 -> {
                Tree s = item(t, tree, "lldp.ieee.802_3.mdi_power_support", 6, 1);
                item(t, s, "lldp.ieee.802_3.mdi_power_support.port_class", 6, 1);
                item(t, s, "lldp.ieee.802_3.mdi_power_support.supported", 6, 1);
                item(t, s, "lldp.ieee.802_3.mdi_power_support.enabled", 6, 1);
                item(t, s, "lldp.ieee.802_3.mdi_power_support.pse_pairs", 6, 1);
                item(t, tree, "lldp.ieee.802_3.mdi_pse_pair", 7, 1);
                item(t, tree, "lldp.ieee.802_3.mdi_power_class", 8, 1);
            }
            case 3 -> {
                Tree s = item(t, tree, "lldp.ieee.802_3.aggregation_status", 6, 1);
                item(t, s, "lldp.ieee.802_3.aggregation_status.cap", 6, 1);
                item(t, s, "lldp.ieee.802_3.aggregation_status.enabled", 6, 1);
                item(t, tree, "lldp.ieee.802_3.aggregated_port_id", 7, 4);
            }
            case 4 -> item(t, tree, "lldp.ieee.802_3.max_frame_size", 6, 2);
            default -> { }
        }
    }
}
