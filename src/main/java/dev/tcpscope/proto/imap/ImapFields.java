package dev.tcpscope.proto.imap;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-imap.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class ImapFields {
    private ImapFields() { }

    public static List<Field> all() {
        return List.of(
                f("imap", "Internet Message Access Protocol", FieldType.PROTOCOL),
                f("imap.isrequest", "Request", FieldType.BOOLEAN),
                f("imap.line", "Line", FieldType.STRING),
                f("imap.request", "Request", FieldType.STRING),
                f("imap.request_tag", "Request Tag", FieldType.STRING),
                f("imap.response", "Response", FieldType.STRING),
                f("imap.response_tag", "Response Tag", FieldType.STRING),
                f("imap.request.command", "Request Command", FieldType.STRING),
                f("imap.response.command", "Response Command", FieldType.STRING),
                f("imap.response.status", "Response Status", FieldType.STRING),
                f("imap.tag", "Tag", FieldType.STRING),
                f("imap.command", "Command", FieldType.STRING),
                f("imap.request.folder", "Request Folder", FieldType.STRING),
                f("imap.request.command.uid", "Request isUID", FieldType.BOOLEAN),
                f("imap.request.username", "Request Username", FieldType.STRING),
                f("imap.request.password", "Request Password", FieldType.STRING),
                f("imap.response_in", "Response In", FieldType.FRAMENUM),
                f("imap.response_to", "Request In", FieldType.FRAMENUM),
                f("imap.time", "Response Time", FieldType.RELATIVE_TIME));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, ImapFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Imap imap = Collected.dissector(d, "imap", Imap.class);
        return imap == null ? null : imap.treeFields(d.frame().number());
    }
}
