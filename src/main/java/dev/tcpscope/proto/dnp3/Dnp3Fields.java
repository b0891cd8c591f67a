package dev.tcpscope.proto.dnp3;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-dnp.c's fields (protocol {@code dnp3}, names {@code dnp3.*} and {@code dnp.*}) with
 * Wireshark 4.0.17's names, titles and types (its {@code tshark -G fields} rows,
 * {@link Dnp3Walk#REGISTRY}), so that filters, {@code -e} and {@code tcpscope fields} know every
 * one; their values are the detail tree's items of the frame.
 */
public final class Dnp3Fields {
    private Dnp3Fields() { }

    public static List<Field> all() {
        return Dnp3Walk.REGISTRY.fields("Distributed Network Protocol 3.0", Dnp3Fields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Dnp3 x = Collected.dissector(d, "dnp3", Dnp3.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
