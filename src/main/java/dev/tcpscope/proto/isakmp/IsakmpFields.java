package dev.tcpscope.proto.isakmp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-isakmp.c's fields ({@code isakmp.*}) with
 * Wireshark 4.0.17's names, titles and types (its {@code tshark -G fields} rows,
 * {@link IsakmpWalk#REGISTRY}), so that filters, {@code -e} and {@code tcpscope fields} know every
 * one; their values are the detail tree's items of the frame.
 */
public final class IsakmpFields {
    private IsakmpFields() { }

    public static List<Field> all() {
        return IsakmpWalk.REGISTRY.fields("Internet Security Association and Key Management Protocol", IsakmpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Isakmp x = Collected.dissector(d, "isakmp", Isakmp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
