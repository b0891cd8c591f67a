package dev.tcpscope.proto.afs;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-rx.c's and packet-afs.c's fields ({@code rx.*}, {@code afs.*}) with Wireshark 4.0.17's
 * names, titles and types (their {@code tshark -G fields} rows), so that filters, {@code -e} and
 * {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class AfsFields {
    private AfsFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>(Put.RX.fields("RX Protocol", AfsFields::of));
        // packet-rx.c adds its item with proto_tree_add_protocol_format: -T fields writes that
        // label ("RX Protocol"), which is also the protocol's title, not its filter name
        Field rx = out.get(0);
        out.set(0, new Field(rx.name(), rx.title(), rx.type(), rx.bits(), rx.base(), (d, v) -> {
            Collected c = of(d);
            if (c != null && c.has("rx")) {
                v.addString("RX Protocol");
            }
        }));
        out.addAll(Put.AFS.fields("Andrew File System (AFS)", AfsFields::of));
        return out;
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Rx x = Collected.dissector(d, "rx", Rx.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
