package dev.tcpscope.proto.gryphon;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * The Gryphon plugin's header fields with Wireshark's names, titles and types
 * ({@code tshark -G fields}); their values are the detail tree's items of the frame.
 */
public final class GryphonFields {
    private GryphonFields() { }

    public static List<Field> all() {
        return List.of(
                f("gryphon", "DG Gryphon Protocol", FieldType.PROTOCOL),
                u("gryphon.src", "Source", 8, Base.HEX),
                u("gryphon.srcchan", "Source channel", 8, Base.DEC),
                u("gryphon.srcchanclient", "Source client id", 8, Base.DEC),
                u("gryphon.dest", "Destination", 8, Base.HEX),
                u("gryphon.destchan", "Destination channel", 8, Base.DEC),
                u("gryphon.destchanclient", "Destination client id", 8, Base.DEC),
                u("gryphon.data_length", "Data length (bytes)", 16, Base.DEC),
                u("gryphon.type", "Frame type", 8, Base.DEC),
                f("gryphon.reserved", "Reserved", FieldType.BYTES),
                f("gryphon.data", "Data", FieldType.BYTES));
    }

    private static Field u(String name, String title, int bits, Base base) {
        return Collected.field(name, title, FieldType.UINT, bits, base, GryphonFields::of);
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, GryphonFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Gryphon g = Collected.dissector(d, "gryphon", Gryphon.class);
        return g == null ? null : g.fields(d.frame().number());
    }
}
