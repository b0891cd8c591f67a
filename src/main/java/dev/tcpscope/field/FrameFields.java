package dev.tcpscope.field;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/** {@code frame.*}: what the capture says about each frame. */
final class FrameFields {
    private FrameFields() { }

    static List<Field> all() {
        return List.of(
                Field.integer("frame.interface_id", "Interface id", UINT, 32, Base.DEC, (d, v) -> {
                    if (d.frame().interfaceId() >= 0) {
                        v.addLong(d.frame().interfaceId());
                    }
                }),
                Field.of("frame.time_epoch", "Epoch Time", ABSOLUTE_TIME, (d, v) -> v.addLong(d.time())),
                Field.of("frame.time_delta", "Time delta from previous captured frame", RELATIVE_TIME,
                        (d, v) -> v.addLong(d.timeDelta())),
                Field.of("frame.time_relative", "Time since reference or first frame", RELATIVE_TIME,
                        (d, v) -> v.addLong(d.timeRelative())),
                Field.integer("frame.number", "Frame Number", UINT, 32, Base.DEC, (d, v) -> v.addLong(d.frame().number())),
                Field.integer("frame.len", "Frame length on the wire", UINT, 32, Base.DEC,
                        (d, v) -> v.addLong(d.frame().originalLength())),
                Field.integer("frame.cap_len", "Frame length stored into the capture file", UINT, 32, Base.DEC,
                        (d, v) -> v.addLong(d.frame().capturedLength())));
    }
}
