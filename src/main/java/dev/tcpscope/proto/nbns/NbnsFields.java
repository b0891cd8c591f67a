package dev.tcpscope.proto.nbns;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-nbt.c's NBNS fields ({@code nbns.*}) with Wireshark 4.0.17's names, titles and types
 * (its {@code tshark -G fields} rows, {@link NbnsWalk#REGISTRY}), so that filters, {@code -e} and
 * {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class NbnsFields {
    private NbnsFields() { }

    public static List<Field> all() {
        return NbnsWalk.REGISTRY.fields("NetBIOS Name Service", NbnsFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Nbns x = Collected.dissector(d, "nbns", Nbns.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
