package dev.tcpscope.proto.ftp;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-ftp.c's fields (ftp and ftp-data), with Wireshark's names, titles and types (as
 * {@code tshark -G fields} lists them); their values are the detail tree's items of the frame.
 */
public final class FtpFields {
    private FtpFields() { }

    public static List<Field> all() {
        return List.of(
                f("ftp", "File Transfer Protocol (FTP)", FieldType.PROTOCOL, 0, true),
                f("ftp-data", "FTP Data", FieldType.PROTOCOL, 0, false),
                f("ftp.passive.ip", "Passive IP address", FieldType.IPV4, 0, true),
                f("ftp.active.cip", "Active IP address", FieldType.IPV4, 0, true),
                f("ftp.current-working-directory", "Current working directory", FieldType.STRING, 0, true),
                f("ftp.response", "Response", FieldType.BOOLEAN, 0, true),
                f("ftp.request", "Request", FieldType.BOOLEAN, 0, true),
                f("ftp.request.command", "Request command", FieldType.STRING, 0, true),
                f("ftp.request.arg", "Request arg", FieldType.STRING, 0, true),
                f("ftp.response.code", "Response code", FieldType.UINT, 32, true),
                f("ftp.response.arg", "Response arg", FieldType.STRING, 0, true),
                f("ftp.passive.port", "Passive port", FieldType.UINT, 16, true),
                f("ftp.passive.nat", "Passive IP NAT", FieldType.BOOLEAN, 0, true),
                f("ftp.active.port", "Active port", FieldType.UINT, 16, true),
                f("ftp.active.nat", "Active IP NAT", FieldType.BOOLEAN, 0, true),
                f("ftp.eprt.af", "Extended active address family", FieldType.UINT, 8, true),
                f("ftp.eprt.port", "Extended active port", FieldType.UINT, 16, true),
                f("ftp.epsv.ip", "Extended passive IPv4 address", FieldType.IPV4, 0, true),
                f("ftp.epsv.ipv6", "Extended passive IPv6 address", FieldType.IPV6, 0, true),
                f("ftp.epsv.port", "Extended passive port", FieldType.UINT, 16, true),
                f("ftp.command-response.first-frame-num", "Command response first frame", FieldType.FRAMENUM, 0, true),
                f("ftp.command-response.last-frame-num", "Command response last frame", FieldType.FRAMENUM, 0, true),
                f("ftp.command-response.duration", "Response duration", FieldType.UINT, 32, true),
                f("ftp.command-response.bitrate", "Response bitrate", FieldType.UINT, 32, true),
                f("ftp.command-response.frames", "Command response frames", FieldType.UINT, 32, true),
                f("ftp.command-response.bytes", "Command response bytes", FieldType.UINT, 32, true),
                f("ftp.setup-frame", "Setup frame", FieldType.FRAMENUM, 0, true),
                f("ftp.command-frame", "Command frame", FieldType.FRAMENUM, 0, true),
                f("ftp.command", "Command", FieldType.STRING, 0, true),
                f("ftp-data.setup-frame", "Setup frame", FieldType.FRAMENUM, 0, false),
                f("ftp-data.setup-method", "Setup method", FieldType.STRING, 0, false),
                f("ftp-data.command", "Command", FieldType.STRING, 0, false),
                f("ftp-data.command-frame", "Command frame", FieldType.FRAMENUM, 0, false),
                f("ftp-data.current-working-directory", "Current working directory", FieldType.STRING, 0, false),
                f("ftp.eprt.args_invalid", "EPRT arguments must have the form: |<family>|<addr>|<port>|", FieldType.NONE, 0, true),
                f("ftp.epsv.args_invalid", "EPSV arguments must have the form (|||<port>|)", FieldType.NONE, 0, true),
                f("ftp.response.code.invalid", "Invalid response code", FieldType.NONE, 0, true),
                f("ftp.response.pwd.invalid", "Invalid PWD response", FieldType.NONE, 0, true));
    }

    private static Field f(String name, String title, FieldType type, int bits, boolean control) {
        return Collected.field(name, title, type, bits, d -> {
            if (control) {
                Ftp ftp = Collected.dissector(d, "ftp", Ftp.class);
                return ftp == null ? null : ftp.fields(d.frame().number());
            }
            FtpData data = Collected.dissector(d, "ftp-data", FtpData.class);
            return data == null ? null : data.fields(d.frame().number());
        });
    }
}
