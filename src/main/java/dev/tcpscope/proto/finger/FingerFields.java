package dev.tcpscope.proto.finger;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-finger.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class FingerFields {
    private FingerFields() { }

    public static List<Field> all() {
        return List.of(
                f("finger", "finger", FieldType.PROTOCOL),
                f("finger.query", "Query", FieldType.STRING),
                f("finger.response", "Response", FieldType.STRING),
                f("finger.response_in", "Response In", FieldType.FRAMENUM),
                f("finger.response_to", "Request In", FieldType.FRAMENUM),
                f("finger.response_time", "Response Time", FieldType.RELATIVE_TIME));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, FingerFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Finger r = Collected.dissector(d, "finger", Finger.class);
        return r == null ? null : r.fields(d.frame().number());
    }
}
