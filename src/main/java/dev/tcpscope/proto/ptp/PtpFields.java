package dev.tcpscope.proto.ptp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * packet-ptp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link PtpTables#FIELDS}), so that filters, {@code -e} and {@code tcpscope fields}
 * know every one; their values are the detail tree's items of the frame: the UDP message's, else
 * those of the frame's PTP-over-Ethernet layers.
 */
public final class PtpFields {
    private PtpFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        out.add(Collected.field("ptp", "Precision Time Protocol (IEEE1588)", FieldType.PROTOCOL, 0, PtpFields::of));
        Set<String> seen = new HashSet<>();
        for (PtpTables.FieldRow r : PtpTables.FIELDS) {
            if (!seen.add(r.name())) {
                continue;
            }
            FieldType type;
            int bits = r.bits();
            switch (r.type()) {
                case "FT_UINT8", "FT_UINT16", "FT_UINT24", "FT_UINT32", "FT_UINT48", "FT_UINT64" -> type = FieldType.UINT;
                case "FT_INT8", "FT_INT16", "FT_INT24", "FT_INT32", "FT_INT64" -> type = FieldType.INT;
                case "FT_BOOLEAN" -> { type = FieldType.BOOLEAN; bits = 0; }
                case "FT_BYTES" -> type = FieldType.BYTES;
                case "FT_NONE" -> type = FieldType.NONE;
                case "FT_DOUBLE" -> type = FieldType.DOUBLE;
                case "FT_FRAMENUM" -> type = FieldType.FRAMENUM;
                case "FT_ABSOLUTE_TIME" -> type = FieldType.ABSOLUTE_TIME;
                case "FT_RELATIVE_TIME" -> type = FieldType.RELATIVE_TIME;
                default -> type = FieldType.STRING;
            }
            Base base = switch (r.base()) {
                case "BASE_HEX" -> Base.HEX;
                case "BASE_DEC" -> Base.DEC;
                default -> type == FieldType.UINT || type == FieldType.INT ? Base.DEC : Base.NONE;
            };
            out.add(Collected.field(r.name(), r.title(), type, bits, base, PtpFields::of));
        }
        return out;
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
