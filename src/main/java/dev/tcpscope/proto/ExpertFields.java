package dev.tcpscope.proto;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;

import java.util.List;

/**
 * The expert info and malformed-packet fields of Wireshark 4.0.17's epan/expert.c and
 * epan/proto.c ({@code _ws.expert}, {@code _ws.expert.message}, {@code .severity}, {@code .group},
 * {@code _ws.malformed}): every layer adds expert items, so their values are read from the
 * frame's whole detail tree, which the present stage builds when a filter or {@code -e} names
 * one of them ({@code present.ExpertItems}) and leaves in {@link dev.tcpscope.tcp.Decoder#treeItems()}.
 */
public final class ExpertFields {
    private ExpertFields() { }

    /** Whether a filter's or a field list's text names one of these fields (then every frame's tree is built). */
    public static boolean named(String text) {
        return text.contains("_ws.expert") || text.contains("_ws.malformed");
    }

    /** The short names -G protocols gives these two pseudo-protocols, or null for another name. */
    public static String shortName(String name) {
        return switch (name) {
            case "_ws.expert" -> "Expert";
            case "_ws.malformed" -> "Malformed packet";
            default -> null;
        };
    }

    public static List<Field> all() {
        return List.of(
                f("_ws.expert", "Expert Info", FieldType.PROTOCOL, 0, Base.NONE),
                f("_ws.expert.message", "Message", FieldType.STRING, 0, Base.NONE),
                f("_ws.expert.group", "Group", FieldType.UINT, 32, Base.NONE),
                f("_ws.expert.severity", "Severity level", FieldType.UINT, 32, Base.NONE),
                f("_ws.malformed", "Malformed Packet", FieldType.PROTOCOL, 0, Base.NONE),
                f("_ws.malformed.expert", "Malformed Packet (Exception occurred)", FieldType.NONE, 0, Base.NONE),
                f("_ws.malformed.dissector_bug", "Dissector bug", FieldType.NONE, 0, Base.NONE),
                f("_ws.malformed.reassembly", "Reassembly error", FieldType.NONE, 0, Base.NONE));
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, d -> d.treeItems() instanceof Collected c ? c : null);
    }
}
