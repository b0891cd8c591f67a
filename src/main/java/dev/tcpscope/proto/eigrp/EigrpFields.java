package dev.tcpscope.proto.eigrp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-eigrp.c's fields ({@code eigrp.*}) with Wireshark 4.0.17's names, titles and types
 * ({@link Eigrp#REGISTRY}), so that filters, {@code -e} and {@code tcpscope fields} know every
 * one; their values are the items of the walk over the frame's EIGRP layers.
 */
public final class EigrpFields {
    private EigrpFields() { }

    public static List<Field> all() {
        return Eigrp.REGISTRY.fields("Enhanced Interior Gateway Routing Protocol", EigrpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.EIGRP, (x, i, c) -> Eigrp.walk(
                new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i)), x.fragmented, c,
                new StringBuilder(), new StringBuilder()));
    }
}
