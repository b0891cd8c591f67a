package dev.tcpscope.proto.vrrp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/** packet-vrrp.c's fields ({@code tshark -G fields}), their values the items of the walk that builds the tree. */
public final class VrrpFields {
    private VrrpFields() { }

    public static List<Field> all() {
        return List.of(
                f("vrrp", "Virtual Router Redundancy Protocol", FieldType.PROTOCOL, 0),
                f("vrrp.typever", "VRRP message version and type", FieldType.UINT, 8),
                f("vrrp.version", "VRRP protocol version", FieldType.UINT, 8),
                f("vrrp.type", "VRRP packet type", FieldType.UINT, 8),
                f("vrrp.virt_rtr_id", "Virtual Rtr ID", FieldType.UINT, 8),
                f("vrrp.prio", "Priority", FieldType.UINT, 8),
                f("vrrp.addr_count", "Addr Count", FieldType.UINT, 8),
                Collected.field("vrrp.checksum", "Checksum", FieldType.UINT, 16, Base.HEX, VrrpFields::of),
                f("vrrp.checksum.status", "Checksum Status", FieldType.UINT, 8),
                f("vrrp.auth_type", "Auth Type", FieldType.UINT, 8),
                f("vrrp.adver_int", "Adver Int", FieldType.UINT, 8),
                f("vrrp.reserved_mbz", "Reserved", FieldType.UINT, 8),
                f("vrrp.short_adver_int", "Adver Int", FieldType.UINT, 16),
                f("vrrp.ip_addr", "IP Address", FieldType.IPV4, 0),
                f("vrrp.ipv6_addr", "IPv6 Address", FieldType.STRING, 0),
                f("vrrp.auth_string", "Authentication String", FieldType.STRING, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, VrrpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.VRRP, (x, i, c) -> Vrrp.walk(tvb(x, i), Vrrp.Ip.below(x, i), x.fragmented, c,
                new StringBuilder(), new StringBuilder()));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
