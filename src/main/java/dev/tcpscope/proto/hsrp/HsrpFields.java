package dev.tcpscope.proto.hsrp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-hsrp.c's fields ({@code hsrp.*} and {@code hsrp2.*}, all of protocol {@code hsrp}) with
 * Wireshark 4.0.17's names, titles and types (its {@code tshark -G fields} rows,
 * {@link HsrpWalk#REGISTRY}), so that filters, {@code -e} and {@code tcpscope fields} know every
 * one; their values are the detail tree's items of the frame.
 */
public final class HsrpFields {
    private HsrpFields() { }

    public static List<Field> all() {
        return HsrpWalk.REGISTRY.fields("Cisco Hot Standby Router Protocol", HsrpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Hsrp x = Collected.dissector(d, "hsrp", Hsrp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
