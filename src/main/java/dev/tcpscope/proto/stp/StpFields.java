package dev.tcpscope.proto.stp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.llc.LlcFields;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-stp.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields} rows, {@link Stp#REGISTRY}), their values the items of the walk that builds the tree.
 */
public final class StpFields {
    private StpFields() { }

    public static List<Field> all() {
        return Stp.REGISTRY.fields("Spanning Tree Protocol", StpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.STP, (x, i, c) -> Stp.walk(tvb(x, i), LlcFields.pvst(x, i), c,
                new StringBuilder(), new StringBuilder()));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
