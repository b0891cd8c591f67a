package dev.tcpscope.proto.irc;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-irc.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class IrcFields {
    private IrcFields() { }

    public static List<Field> all() {
        return List.of(
                f("irc", "Internet Relay Chat", FieldType.PROTOCOL, 0),
                f("irc.response", "Response", FieldType.STRING, 0),
                f("irc.request", "Request", FieldType.STRING, 0),
                f("irc.request.prefix", "Prefix", FieldType.STRING, 0),
                f("irc.request.command", "Command", FieldType.STRING, 0),
                f("irc.request.command_parameter", "Parameter", FieldType.STRING, 0),
                f("irc.request.trailer", "Trailer", FieldType.STRING, 0),
                f("irc.response.prefix", "Prefix", FieldType.STRING, 0),
                f("irc.response.command", "Command", FieldType.STRING, 0),
                f("irc.response.num_command", "Command", FieldType.UINT, 16),
                f("irc.response.command_parameter", "Parameter", FieldType.STRING, 0),
                f("irc.response.trailer", "Trailer", FieldType.STRING, 0),
                f("irc.ctcp", "CTCP Data", FieldType.STRING, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, IrcFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Irc irc = Collected.dissector(d, "irc", Irc.class);
        return irc == null ? null : irc.fields(d.frame().number());
    }
}
