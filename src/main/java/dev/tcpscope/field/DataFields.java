package dev.tcpscope.field;

import java.util.List;

import static dev.tcpscope.field.FieldType.BYTES;
import static dev.tcpscope.field.FieldType.INT;
import static dev.tcpscope.field.FieldType.PROTOCOL;

/**
 * packet-data.c's fields: the bytes no dissector took ({@code data}, {@code data.data}) and
 * their count ({@code data.len}), once per place the data dissector runs (see
 * {@link FrameProtocols#dataBytes}). {@code -T fields} shows the protocol itself as its bytes.
 */
final class DataFields {
    private DataFields() { }

    static List<Field> all() {
        return List.of(
                Field.of("data", "Data", PROTOCOL, (d, v) -> FrameProtocols.dataBytes(d, (s, off, len) -> {
                    StringBuilder hex = new StringBuilder(len * 2);
                    FieldText.hex(hex, s, off, len);
                    v.addString(hex);
                })),
                Field.of("data.data", "Data", BYTES, FrameProtocols::dataBytes),
                Field.integer("data.len", "Length", INT, 32, Base.DEC,
                        (d, v) -> FrameProtocols.dataBytes(d, (s, off, len) -> v.addLong(len))));
    }
}
