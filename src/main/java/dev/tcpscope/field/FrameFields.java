package dev.tcpscope.field;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/** {@code frame.*}: what the capture says about each frame, and the protocols found in it. */
final class FrameFields {
    private FrameFields() { }

    static List<Field> all() {
        return List.of(
                Field.of("pkt_comment", "Packet comments", PROTOCOL, (d, v) -> {
                    if (d.frame().comments().length > 0) {
                        v.addString("pkt_comment"); // the protocol item has no bytes: tshark prints its name
                    }
                }),
                Field.of("frame.comment", "Comment", STRING, (d, v) -> {
                    for (String c : d.frame().comments()) {
                        v.addString(c);
                    }
                }),
                Field.of("frame", "Frame", PROTOCOL, (d, v) -> {
                    long len = d.frame().originalLength();
                    long cap = d.frame().capturedLength();
                    v.addString("Frame " + d.frame().number() + ": " + len + " bytes on wire (" + len * 8 + " bits), "
                            + cap + " bytes captured (" + cap * 8 + " bits)");
                }),
                Field.integer("frame.interface_id", "Interface id", UINT, 32, Base.DEC, (d, v) -> {
                    if (d.frame().interfaceId() >= 0) {
                        v.addLong(d.frame().interfaceId());
                    }
                }),
                Field.integer("frame.time", "Arrival Time", ABSOLUTE_TIME, 0, Base.LOCAL_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        if (beyondCalendar(d)) {
                            v.addTime(d.time(), FieldText.date(d.frame().seconds(), d.frame().nanos()));
                        } else {
                            v.addLong(d.time());
                        }
                    }
                }),
                Field.of("frame.offset_shift", "Time shift for this packet", RELATIVE_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        v.addLong(0);
                    }
                }),
                Field.of("frame.time_epoch", "Epoch Time", RELATIVE_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        if (beyondCalendar(d)) {
                            v.addTime(d.time(), d.frame().seconds() + "." + String.format(java.util.Locale.ROOT, "%09d", d.frame().nanos()));
                        } else {
                            v.addLong(d.time());
                        }
                    }
                }),
                Field.of("frame.time_delta", "Time delta from previous captured frame", RELATIVE_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        String beyond = d.timeDeltaBeyond();
                        if (beyond != null) {
                            v.addTime(d.timeDelta(), beyond);
                        } else {
                            v.addLong(d.timeDelta());
                        }
                    }
                }),
                Field.of("frame.time_delta_displayed", "Time delta from previous displayed frame", RELATIVE_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        String beyond = d.timeDeltaDisplayedBeyond();
                        if (beyond != null) {
                            v.addTime(d.timeDeltaDisplayed(), beyond);
                        } else {
                            v.addLong(d.timeDeltaDisplayed());
                        }
                    }
                }),
                Field.of("frame.time_relative", "Time since reference or first frame", RELATIVE_TIME, (d, v) -> {
                    if (d.frame().hasTimestamp()) {
                        String beyond = d.timeRelativeBeyond();
                        if (beyond != null) {
                            v.addTime(d.timeRelative(), beyond);
                        } else {
                            v.addLong(d.timeRelative());
                        }
                    }
                }),
                Field.integer("frame.number", "Frame Number", UINT, 32, Base.DEC, (d, v) -> v.addLong(d.frame().number())),
                Field.integer("frame.len", "Frame length on the wire", UINT, 32, Base.DEC,
                        (d, v) -> v.addLong(d.frame().originalLength())),
                Field.integer("frame.cap_len", "Frame length stored into the capture file", UINT, 32, Base.DEC,
                        (d, v) -> v.addLong(d.frame().capturedLength())),
                Field.of("frame.marked", "Frame is marked", BOOLEAN, (d, v) -> v.addLong(0)),
                Field.of("frame.ignored", "Frame is ignored", BOOLEAN, (d, v) -> v.addLong(0)),
                Field.of("frame.protocols", "Protocols in frame", STRING, (d, v) -> {
                    StringBuilder sb = new StringBuilder(48);
                    FrameProtocols.append(d, sb);
                    v.addString(sb);
                }));
    }

    /** Whether the frame's time wrapped the count of nanoseconds (years before 1677 or after 2262). */
    private static boolean beyondCalendar(dev.tcpscope.tcp.Decoder d) {
        long ns = dev.tcpscope.tcp.Decoder.epochNanos(d.frame().seconds(), d.frame().nanos());
        return ns == Long.MAX_VALUE || ns == Long.MIN_VALUE;
    }
}
