package dev.tcpscope.proto.resp;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-resp.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class RespFields {
    private RespFields() { }

    public static List<Field> all() {
        return List.of(
                f("resp", "REdis Serialization Protocol", FieldType.PROTOCOL, 0),
                f("resp.string", "String", FieldType.STRING, 0),
                f("resp.error", "Error", FieldType.STRING, 0),
                f("resp.bulk_string", "Bulk String", FieldType.NONE, 0),
                f("resp.bulk_string.value", "Value", FieldType.BYTES, 0),
                f("resp.bulk_string.length", "Length", FieldType.INT, 32),
                f("resp.integer", "Integer", FieldType.INT, 64),
                f("resp.array", "Array", FieldType.NONE, 0),
                f("resp.array.length", "Length", FieldType.INT, 64),
                f("resp.fragment", "Fragment", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, RespFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Resp resp = Collected.dissector(d, "resp", Resp.class);
        return resp == null ? null : resp.fields(d.frame().number());
    }
}
