package dev.tcpscope.proto.lldp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-lldp.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields} rows, {@link LldpWalk#REGISTRY}), their values the items of the walk that builds the tree.
 */
public final class LldpFields {
    private LldpFields() { }

    public static List<Field> all() {
        return LldpWalk.REGISTRY.fields("Link Layer Discovery Protocol", LldpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.LLDP, (x, i, c) -> LldpWalk.walk(LldpWalk.tvb(x, i), c,
                new StringBuilder(), new StringBuilder()));
    }
}
