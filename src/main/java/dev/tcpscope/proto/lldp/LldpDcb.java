package dev.tcpscope.proto.lldp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import static dev.tcpscope.proto.lldp.LldpWalk.item;

/**
 * The IEEE 802.1 DCB TLVs (802.1Qau congestion notification, 802.1Qaz ETS configuration and
 * recommendation, PFC and application priority) as packet-lldp.c shows them. The application
 * priority table holds as many 3-byte entries as the TLV's length gives, so its loop is bounded.
 */
final class LldpDcb {
    private LldpDcb() { }

    /** Shows subtype {@code subtype}'s body; false when it is not one of these. */
    static boolean tlv(Tvb t, Tree tree, int subtype, int len) {
        switch (subtype) {
            case 0x08 -> {
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.ieee.802_1qau.cnpv.prio" + p, 6, 1);
                }
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.ieee.802_1qau.ready.prio" + p, 7, 1);
                }
            }
            case 0x09, 0x0a -> {
                if (subtype == 0x09) {
                    item(t, tree, "lldp.dcbx.ieee.willing", 6, 1);
                    item(t, tree, "lldp.dcbx.ieee.ets.cbs", 6, 1);
                    int b = t.u8(6);
                    int max = b & 7;
                    t.at(tree.field("lldp.dcbx.ieee.ets.maxtcs", Text.bits(b, 7, 8) + " = Maximum Number of Traffic Classes: "
                            + (max == 0 ? 8 : max) + " (0x" + Integer.toHexString(max) + ")", Integer.toString(max)).bitmask(7), 6, 1);
                } else {
                    item(t, tree, "lldp.dcbx.feature.pg.reserved", 6, 1);
                }
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.dcbx.feature.pg.pgid_prio" + p, p < 4 ? 7 : 9, 2);
                }
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.dcbx.feature.pg.per" + p, 11 + p, 1);
                }
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.dcbx.ieee.ets.tsa" + p, 19 + p, 1);
                }
            }
            case 0x0b -> {
                item(t, tree, "lldp.dcbx.ieee.willing", 6, 1);
                item(t, tree, "lldp.dcbx.ieee.pfc.mbc", 6, 1);
                item(t, tree, "lldp.dcbx.ieee.pfc.numtcs", 6, 1);
                for (int p = 0; p < 8; p++) {
                    item(t, tree, "lldp.dcbx.feature.pfc.prio" + p, 7, 1);
                }
            }
            case 0x0c -> {
                item(t, tree, "lldp.dcbx.ieee.app.reserved", 6, 1);
                for (int off = 7; off + 3 <= len + 2; off += 3) {
                    int id = t.u16(off + 1);
                    String name = switch (id) {
                        case 0x8906 -> "FCoE";
                        case 0x8914 -> "FIP";
                        case 3260 -> "iSCSI";
                        default -> "Unknown";
                    };
                    Tree app = t.at(tree.text(name + " Application"), off, 3);
                    item(t, app, "lldp.dcbx.ieee.app.prio", off, 1);
                    item(t, app, "lldp.dcbx.iee.app.sf", off, 1);
                    item(t, app, "lldp.dcbx.feature.app.proto", off + 1, 2);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
