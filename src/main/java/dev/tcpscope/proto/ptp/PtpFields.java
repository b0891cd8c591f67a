package dev.tcpscope.proto.ptp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-ptp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link PtpTables#REGISTRY}), so that filters, {@code -e} and {@code tcpscope fields}
 * know every one; their values are the detail tree's items of the frame: the UDP message's, else
 * those of the frame's PTP-over-Ethernet layers.
 */
public final class PtpFields {
    private PtpFields() { }

    public static List<Field> all() {
        return PtpTables.REGISTRY.fields("Precision Time Protocol (IEEE1588)", PtpFields::of);
    }

    private static Collected of(Decoder d) {
        Ptp x = Collected.dissector(d, "ptp", Ptp.class);
        Collected c = x == null ? null : x.fields(d.frame().number());
        if (c != null) {
            return c;
        }
        return Collected.ofLayers(d, Proto.PTP, (dis, i, into) -> PtpWalk.walk(tvb(dis, i), true, true, into,
                new StringBuilder(), new StringBuilder()));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
