package dev.tcpscope.proto.dhcp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-dhcp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link DhcpTables#REGISTRY}), so that filters, {@code -e} and {@code tcpscope
 * fields} know every one; their values are the detail tree's items of the frame. A name
 * registered with several types ({@code dhcp.option.value.uint}) keeps its first.
 */
public final class DhcpFields {
    private DhcpFields() { }

    public static List<Field> all() {
        return DhcpTables.REGISTRY.fields("Dynamic Host Configuration Protocol", DhcpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Dhcp x = Collected.dissector(d, "dhcp", Dhcp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
