package dev.tcpscope.proto.sctp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-sctp.c's fields with tshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link Sctp#REG}), so that filters, {@code -e} and {@code tcpscope fields} know
 * every one; their values are the items of the walk that builds the tree.
 */
public final class SctpFields {
    private SctpFields() { }

    public static List<Field> all() {
        return Sctp.REG.fields("Stream Control Transmission Protocol", SctpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.SCTP, (x, i, c) -> {
            long[] b = x == d.dissection() ? d.sctpBases() : new long[] {-1, -1};
            Sctp.walk(new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i)), Sctp.Tsns.of(b),
                    x.fragmented, c, new StringBuilder(), new StringBuilder(), name -> { });
        });
    }
}
