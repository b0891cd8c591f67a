package dev.tcpscope.proto.rlogin;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-rlogin.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class RloginFields {
    private RloginFields() { }

    public static List<Field> all() {
        return List.of(
                f("rlogin", "Rlogin Protocol", FieldType.PROTOCOL, 0),
                f("rlogin.user_info", "User Info", FieldType.STRING, 0),
                hex("rlogin.client_startup_flag", "Client startup flag", FieldType.UINT, 8),
                hex("rlogin.startup_info_received_flag", "Startup info received flag", FieldType.UINT, 8),
                f("rlogin.client_user_name", "Client-user-name", FieldType.STRING, 0),
                f("rlogin.server_user_name", "Server-user-name", FieldType.STRING, 0),
                f("rlogin.terminal_type", "Terminal-type", FieldType.STRING, 0),
                f("rlogin.terminal_speed", "Terminal-speed", FieldType.UINT, 32),
                hex("rlogin.control_message", "Control message", FieldType.UINT, 8),
                hex("rlogin.magic_cookie", "Magic Cookie", FieldType.UINT, 16),
                f("rlogin.window_size", "Window Info", FieldType.NONE, 0),
                f("rlogin.window_size.ss", "Window size marker", FieldType.STRING, 0),
                f("rlogin.window_size.rows", "Rows", FieldType.UINT, 16),
                f("rlogin.window_size.cols", "Columns", FieldType.UINT, 16),
                f("rlogin.window_size.x_pixels", "X Pixels", FieldType.UINT, 16),
                f("rlogin.window_size.y_pixels", "Y Pixels", FieldType.UINT, 16),
                f("rlogin.data", "Data", FieldType.STRING, 0),
                f("rlogin.terminal_speed.invalid", "Terminal length must be a string containing an integer", FieldType.NONE, 0));
    }

    private static Field hex(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Base.HEX, RloginFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, RloginFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Rlogin r = Collected.dissector(d, "rlogin", Rlogin.class);
        return r == null ? null : r.fields(d.frame().number());
    }
}
