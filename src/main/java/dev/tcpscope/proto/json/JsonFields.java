package dev.tcpscope.proto.json;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-json.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the items of the frame's tree, which HTTP builds with the JSON of each body
 * it hands on. The compact-form fields and the ignored leading bytes are known (a filter on them
 * is valid) but never present: their preferences are off by default.
 */
public final class JsonFields {
    private JsonFields() { }

    public static List<Field> all() {
        return List.of(
                f("json", "JavaScript Object Notation", FieldType.PROTOCOL),
                f("json.array", "Array", FieldType.NONE),
                f("json.object", "Object", FieldType.NONE),
                f("json.member", "Member", FieldType.STRING),
                f("json.key", "Key", FieldType.STRING),
                f("json.path", "Path", FieldType.STRING),
                f("json.path_with_value", "Path with value", FieldType.STRING),
                f("json.member_with_value", "Member with value", FieldType.STRING),
                f("json.value.string", "String value", FieldType.STRING),
                f("json.value.number", "Number value", FieldType.STRING),
                f("json.value.false", "False value", FieldType.NONE),
                f("json.value.null", "Null value", FieldType.NONE),
                f("json.value.true", "True value", FieldType.NONE),
                f("json.value.nan", "NaN value", FieldType.NONE),
                f("json.array_compact", "Array compact", FieldType.NONE),
                f("json.object_compact", "Object compact", FieldType.NONE),
                f("json.member_compact", "Member compact", FieldType.NONE),
                f("json.array_item_compact", "Array item compact", FieldType.NONE),
                f("json.binary_data", "Binary data", FieldType.BYTES),
                f("json.ignored_leading_bytes", "Ignored leading bytes", FieldType.STRING));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, dev.tcpscope.proto.Media::treeFields);
    }
}
