package dev.tcpscope.proto.dhcpv6;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-dhcpv6.c's fields ({@code dhcpv6.*}) with Wireshark 4.0.17's names, titles and types
 * (its {@code tshark -G fields} rows, {@link Dhcpv6Walk#REGISTRY}), so that filters, {@code -e}
 * and {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class Dhcpv6Fields {
    private Dhcpv6Fields() { }

    public static List<Field> all() {
        return Dhcpv6Walk.REGISTRY.fields("DHCPv6", Dhcpv6Fields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Dhcpv6 x = Collected.dissector(d, "dhcpv6", Dhcpv6.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
