package dev.tcpscope.proto.ntp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-ntp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link NtpTables#FIELDS}), so that filters, {@code -e} and {@code tcpscope
 * fields} know every one; their values are the detail tree's items of the frame.
 */
public final class NtpFields {
    private NtpFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        out.add(Collected.field("ntp", "Network Time Protocol", FieldType.PROTOCOL, 0, NtpFields::of));
        for (NtpTables.Row r : NtpTables.FIELDS.values()) {
            FieldType type;
            int bits = r.bits();
            switch (r.type()) {
                case "FT_UINT8", "FT_UINT16", "FT_UINT24", "FT_UINT32", "FT_UINT64" -> type = FieldType.UINT;
                case "FT_INT8", "FT_INT16", "FT_INT32", "FT_INT64" -> type = FieldType.INT;
                case "FT_BOOLEAN" -> { type = FieldType.BOOLEAN; bits = 0; }
                case "FT_IPv4" -> type = FieldType.IPV4;
                case "FT_IPv6" -> type = FieldType.IPV6;
                case "FT_BYTES" -> type = FieldType.BYTES;
                case "FT_NONE" -> type = FieldType.NONE;
                case "FT_FRAMENUM" -> type = FieldType.FRAMENUM;
                case "FT_RELATIVE_TIME" -> type = FieldType.RELATIVE_TIME;
                case "FT_ABSOLUTE_TIME" -> type = FieldType.ABSOLUTE_TIME;
                default -> type = FieldType.STRING; // FT_STRING, FT_STRINGZ
            }
            Base base = switch (r.base()) {
                case "BASE_HEX" -> Base.HEX;
                case "BASE_DEC" -> Base.DEC;
                default -> type == FieldType.UINT || type == FieldType.INT ? Base.DEC : Base.NONE;
            };
            out.add(Collected.field(r.name(), r.title(), type, bits, base, NtpFields::of));
        }
        return out;
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Ntp x = Collected.dissector(d, "ntp", Ntp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
