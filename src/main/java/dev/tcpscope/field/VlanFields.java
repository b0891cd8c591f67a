package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Vlan;

import java.util.ArrayList;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code vlan.*} (IEEE 802.1Q C-tag) and {@code ieee8021ad.*} (the 802.1ad S-tag of QinQ,
 * TPID 0x88a8): priority, drop eligible indicator and VLAN ID of the tag control information,
 * then the inner EtherType. Wireshark dissects the two tags as different protocols, so they
 * are told apart here by the TPID in front of the tag.
 */
final class VlanFields {
    private VlanFields() { }

    private static int tpid(Dissection d, int i) {
        return d.offset(i) >= 2 ? Bytes.u16(d.segment(i), d.offset(i) - 2) : 0;
    }

    static final Layers.Selector DOT1Q = (d, i) -> tpid(d, i) != Ethernet.TYPE_QINQ;
    static final Layers.Selector DOT1AD = (d, i) -> tpid(d, i) == Ethernet.TYPE_QINQ;

    static List<Field> all() {
        Proto p = Proto.VLAN;
        List<Field> f = new ArrayList<>();
        f.add(Field.of("vlan", "802.1Q Virtual LAN", PROTOCOL, Layers.each(p, DOT1Q, (s, off, cap, v) -> {
            StringBuilder sb = new StringBuilder(48).append("802.1Q Virtual LAN");
            if (cap >= 2) {
                sb.append(", PRI: ").append(Vlan.priority(s, off)).append(", DEI: ").append(Vlan.dei(s, off))
                        .append(", ID: ").append(Vlan.id(s, off));
            }
            v.addString(sb);
        })));
        f.add(Layers.uint("vlan.priority", "Priority", 16, Base.DEC, p, DOT1Q, 0, 2, 0xe000));
        f.add(Layers.bool("vlan.dei", "DEI", p, DOT1Q, 0, 2, 0x1000));
        f.add(Layers.uint("vlan.id", "ID", 16, Base.DEC, p, DOT1Q, 0, 2, 0x0fff));
        f.add(Field.integer("vlan.etype", "Type", UINT, 16, Base.HEX, Layers.each(p, DOT1Q, (s, off, cap, v) -> {
            if (cap >= Vlan.HEADER_LENGTH && Vlan.type(s, off) > Ethernet.MAX_802_3_LENGTH) {
                v.addLong(Vlan.type(s, off));
            }
        })));
        f.add(Field.integer("vlan.len", "Length", UINT, 16, Base.DEC, Layers.each(p, DOT1Q, (s, off, cap, v) -> {
            if (cap >= Vlan.HEADER_LENGTH && Vlan.type(s, off) <= Ethernet.MAX_802_3_LENGTH) {
                v.addLong(Vlan.type(s, off));
            }
        })));
        f.add(Field.of("ieee8021ad", "IEEE 802.1ad", PROTOCOL, Layers.each(p, DOT1AD, (s, off, cap, v) -> {
            StringBuilder sb = new StringBuilder(48).append("IEEE 802.1ad");
            if (cap >= 2) {
                sb.append(", ID: ").append(Vlan.id(s, off));
            }
            v.addString(sb);
        })));
        f.add(Layers.uint("ieee8021ad.priority", "Priority", 16, Base.DEC, p, DOT1AD, 0, 2, 0xe000));
        f.add(Layers.uint("ieee8021ad.dei", "DEI", 16, Base.DEC, p, DOT1AD, 0, 2, 0x1000));
        f.add(Layers.uint("ieee8021ad.id", "ID", 16, Base.DEC, p, DOT1AD, 0, 2, 0x0fff));
        f.add(trailer("vlan.trailer", "Trailer", DOT1Q));
        // packet-ieee8021ah.c dissects the S-tag and names its trailer so
        f.add(trailer("ieee8021ah.trailer", "Trailer", DOT1AD));
        return f;
    }

    /** The trailer after the payload of the last tag, when that tag is of {@code kind}. */
    private static Field trailer(String name, String title, Layers.Selector kind) {
        return Field.of(name, title, BYTES, (d, v) -> {
            EtherTrailer t = d.etherTrailer();
            Dissection x = d.dissection();
            if (t.tagged() && kind.test(x, t.layer())) {
                int n = 0;
                for (int i = 0; i <= t.layer(); i++) {
                    if (x.proto(i) == Proto.VLAN && kind.test(x, i)) {
                        n++;
                    }
                }
                v.setLayer(n);
                EthFields.trailer(d, t, v);
            }
        });
    }
}
