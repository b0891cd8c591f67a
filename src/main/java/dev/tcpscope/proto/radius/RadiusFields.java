package dev.tcpscope.proto.radius;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-radius.c's fields ({@code radius.*}) with Wireshark 4.0.17's names, titles and types:
 * its base fields and those of the kept dictionary's attributes ({@link RadiusWalk#REGISTRY},
 * scripts/gen-radius-dict.py), so that filters, {@code -e} and {@code tcpscope fields} know each;
 * their values are the detail tree's items of the frame.
 */
public final class RadiusFields {
    private RadiusFields() { }

    public static List<Field> all() {
        return RadiusWalk.REGISTRY.fields("RADIUS Protocol", RadiusFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Radius x = Collected.dissector(d, "radius", Radius.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
