package dev.tcpscope.proto.dhcp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * packet-dhcp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link DhcpTables#FIELDS}), so that filters, {@code -e} and {@code tcpscope
 * fields} know every one; their values are the detail tree's items of the frame. A name
 * registered with several types ({@code dhcp.option.value.uint}) keeps its first.
 */
public final class DhcpFields {
    private DhcpFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        out.add(Collected.field("dhcp", "Dynamic Host Configuration Protocol", FieldType.PROTOCOL, 0, DhcpFields::of));
        Set<String> seen = new HashSet<>();
        for (DhcpTables.FieldRow r : DhcpTables.FIELDS) {
            if (!seen.add(r.name())) {
                continue;
            }
            FieldType type;
            int bits = 0;
            switch (r.type()) {
                case "FT_UINT8" -> { type = FieldType.UINT; bits = 8; }
                case "FT_UINT16" -> { type = FieldType.UINT; bits = 16; }
                case "FT_UINT24" -> { type = FieldType.UINT; bits = 24; }
                case "FT_UINT32" -> { type = FieldType.UINT; bits = 32; }
                case "FT_UINT64" -> { type = FieldType.UINT; bits = 64; }
                case "FT_INT32" -> { type = FieldType.INT; bits = 32; }
                case "FT_BOOLEAN" -> type = FieldType.BOOLEAN;
                case "FT_IPv4" -> type = FieldType.IPV4;
                case "FT_IPv6" -> type = FieldType.IPV6;
                case "FT_ETHER" -> type = FieldType.ETHER;
                case "FT_BYTES" -> type = FieldType.BYTES;
                case "FT_NONE" -> type = FieldType.NONE;
                case "FT_DOUBLE" -> type = FieldType.DOUBLE;
                case "FT_ABSOLUTE_TIME" -> type = FieldType.ABSOLUTE_TIME;
                default -> type = FieldType.STRING; // FT_STRING, FT_STRINGZ, FT_GUID
            }
            Base base = switch (r.base()) {
                case "BASE_HEX" -> Base.HEX;
                case "BASE_DEC" -> Base.DEC;
                default -> type == FieldType.UINT || type == FieldType.INT ? Base.DEC : Base.NONE;
            };
            out.add(Collected.field(r.name(), r.title(), type, bits, base, DhcpFields::of));
        }
        return out;
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Dhcp x = Collected.dissector(d, "dhcp", Dhcp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
