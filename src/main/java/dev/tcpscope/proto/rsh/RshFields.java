package dev.tcpscope.proto.rsh;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-rsh.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class RshFields {
    private RshFields() { }

    public static List<Field> all() {
        return List.of(
                f("rsh", "Remote Shell", FieldType.PROTOCOL),
                f("rsh.stderr_port", "Stderr port (optional)", FieldType.STRING),
                f("rsh.client_username", "Client username", FieldType.STRING),
                f("rsh.server_username", "Server username", FieldType.STRING),
                f("rsh.command", "Command to execute", FieldType.STRING),
                f("rsh.client_server_data", "Client -> Server Data", FieldType.BYTES),
                f("rsh.server_client_data", "Server -> Client Data", FieldType.BYTES));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, RshFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Rsh r = Collected.dissector(d, "rsh", Rsh.class);
        return r == null ? null : r.fields(d.frame().number());
    }
}
