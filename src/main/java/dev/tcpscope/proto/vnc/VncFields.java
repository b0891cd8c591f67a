package dev.tcpscope.proto.vnc;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-vnc.c's fields (protocol {@code vnc}) with Wireshark 4.0.17's names, titles and types
 * (its {@code tshark -G fields} rows, {@link VncWalk#REG}), so that filters, {@code -e} and
 * {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class VncFields {
    private VncFields() { }

    public static List<Field> all() {
        return VncWalk.REG.fields("Virtual Network Computing", VncFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Vnc x = Collected.dissector(d, "vnc", Vnc.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
