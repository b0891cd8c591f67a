package dev.tcpscope.proto.pop;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-pop.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class PopFields {
    private PopFields() { }

    public static List<Field> all() {
        return List.of(
                f("pop", "Post Office Protocol", FieldType.PROTOCOL, 0),
                f("pop.response", "Response", FieldType.STRING, 0),
                f("pop.response.indicator", "Response indicator", FieldType.STRING, 0),
                f("pop.response.description", "Response description", FieldType.STRING, 0),
                f("pop.response.data", "Data", FieldType.STRING, 0),
                f("pop.request", "Request", FieldType.STRING, 0),
                f("pop.request.command", "Request command", FieldType.STRING, 0),
                f("pop.request.parameter", "Request parameter", FieldType.STRING, 0),
                f("pop.request.data", "Data", FieldType.STRING, 0),
                f("pop.data.fragments", "DATA fragments", FieldType.NONE, 0),
                f("pop.data.fragment", "DATA fragment", FieldType.FRAMENUM, 0),
                f("pop.data.fragment.count", "DATA fragment count", FieldType.UINT, 32),
                f("pop.data.reassembled.in", "Reassembled DATA in frame", FieldType.FRAMENUM, 0),
                f("pop.data.reassembled.length", "Reassembled DATA length", FieldType.UINT, 32));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, PopFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Pop pop = Collected.dissector(d, "pop", Pop.class);
        return pop == null ? null : pop.treeFields(d.frame().number());
    }
}
