package dev.tcpscope.proto.snmp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-snmp.c's fields ({@code snmp.*}) with Wireshark 4.0.17's names, titles and types (its
 * {@code tshark -G fields} rows, {@link SnmpWalk#REG}), so that filters, {@code -e} and
 * {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class SnmpFields {
    private SnmpFields() { }

    public static List<Field> all() {
        return SnmpWalk.REG.fields("Simple Network Management Protocol", SnmpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Snmp x = Collected.dissector(d, "snmp", Snmp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
