package dev.tcpscope.proto.sip;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Registry;

import java.util.List;

/**
 * packet-sip.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, written by scripts/gen-registry-tables.sh), so that filters, {@code -e} and
 * {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class SipFields {
    private SipFields() { }

    static final Registry REGISTRY = Registry.load(SipFields.class, "sip");

    public static List<Field> all() {
        return REGISTRY.fields("Session Initiation Protocol", SipFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Sip x = Collected.dissector(d, "sip", Sip.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
