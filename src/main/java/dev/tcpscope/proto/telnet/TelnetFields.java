package dev.tcpscope.proto.telnet;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-telnet.c's fields with Wireshark 4.0's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class TelnetFields {
    private TelnetFields() { }

    public static List<Field> all() {
        return List.of(
                f("telnet", "Telnet", FieldType.PROTOCOL, 0),
                f("telnet.cmd", "Command", FieldType.UINT, 8),
                f("telnet.subcmd", "Subcommand", FieldType.UINT, 8),
                f("telnet.auth.name", "Name", FieldType.STRING, 0),
                f("telnet.auth.cmd", "Auth Cmd", FieldType.UINT, 8),
                f("telnet.auth.type", "Auth Type", FieldType.UINT, 8),
                f("telnet.auth.mod.cred_fwd", "Cred Fwd", FieldType.BOOLEAN, 8),
                f("telnet.auth.mod.who", "Who", FieldType.BOOLEAN, 8),
                f("telnet.auth.mod.how", "How", FieldType.BOOLEAN, 8),
                f("telnet.auth.mod.enc", "Encrypt", FieldType.UINT, 8),
                f("telnet.auth.krb5.cmd", "Command", FieldType.UINT, 8),
                f("telnet.string_subopt.value", "Value", FieldType.STRING, 0),
                f("telnet.naws_subopt.width", "Width", FieldType.UINT, 16),
                f("telnet.naws_subopt.height", "Height", FieldType.UINT, 16),
                hex("telnet.outmark_subopt.cmd", "Command", FieldType.UINT, 8),
                f("telnet.outmark_subopt.banner", "Banner", FieldType.STRING, 0),
                f("telnet.comport_subopt.signature", "Signature", FieldType.STRING, 0),
                f("telnet.comport_subopt.baud_rate", "Baud Rate", FieldType.UINT, 32),
                f("telnet.comport_subopt.data_size", "Data Size", FieldType.UINT, 8),
                f("telnet.comport_subopt.parity", "Parity", FieldType.UINT, 8),
                f("telnet.comport_subopt.stop", "Stop Bits", FieldType.UINT, 8),
                f("telnet.comport_subopt.control", "Control", FieldType.UINT, 8),
                f("telnet.comport_subopt.linestate", "Linestate", FieldType.STRING, 0),
                f("telnet.comport_subopt.set_linestate_mask", "Set Linestate Mask", FieldType.STRING, 0),
                f("telnet.comport_subopt.modemstate", "Modemstate", FieldType.STRING, 0),
                f("telnet.comport_subopt.set_modemstate_mask", "Set Modemstate Mask", FieldType.STRING, 0),
                f("telnet.comport_subopt.flow_control_suspend", "Flow Control Suspend", FieldType.NONE, 0),
                f("telnet.comport_subopt.flow_control_resume", "Flow Control Resume", FieldType.NONE, 0),
                f("telnet.comport_subopt.purge", "Purge", FieldType.UINT, 8),
                f("telnet.rfc_subopt.cmd", "Command", FieldType.UINT, 8),
                f("telnet.tabstop", "Tabstop value", FieldType.UINT, 8),
                f("telnet.enc.cmd", "Enc Cmd", FieldType.UINT, 8),
                f("telnet.enc.type", "Enc Type", FieldType.UINT, 8),
                f("telnet.enc.type_data", "Type-specific data", FieldType.BYTES, 0),
                f("telnet.enc.key_id", "Key ID", FieldType.BYTES, 0),
                f("telnet.data", "Data", FieldType.STRING, 0),
                f("telnet.option_data", "Option data", FieldType.BYTES, 0),
                f("telnet.subcommand_data", "Subcommand data", FieldType.BYTES, 0),
                f("telnet.tn3270.subopt", "Suboption", FieldType.UINT, 8),
                f("telnet.tn3270.connect", "Connect", FieldType.STRING, 0),
                f("telnet.tn3270.is", "Is", FieldType.STRING, 0),
                f("telnet.tn3270.request_string", "Request", FieldType.STRING, 0),
                f("telnet.tn3270.reason", "Reason", FieldType.UINT, 8),
                f("telnet.tn3270.request", "Request", FieldType.UINT, 8),
                f("telnet.tn3270.regime_subopt.value", "Value", FieldType.STRING, 0),
                f("telnet.regime_cmd", "Cmd", FieldType.UINT, 8),
                f("telnet.starttls", "Follows", FieldType.UINT, 8),
                f("telnet.invalid_subcommand", "Invalid subcommand", FieldType.NONE, 0),
                f("telnet.invalid_baud_rate", "Invalid Baud Rate", FieldType.NONE, 0),
                f("telnet.invalid_data_size", "Invalid Data Size", FieldType.NONE, 0),
                f("telnet.invalid_parity", "Invalid Parity Packet", FieldType.NONE, 0),
                f("telnet.invalid_stop", "Invalid Stop Packet", FieldType.NONE, 0),
                f("telnet.invalid_control", "Invalid Control Packet", FieldType.NONE, 0),
                f("telnet.invalid_linestate", "Invalid linestate", FieldType.NONE, 0),
                f("telnet.invalid_modemstate", "Invalid Modemstate", FieldType.NONE, 0),
                f("telnet.invalid_purge", "Invalid Purge Packet", FieldType.NONE, 0),
                f("telnet.kerberos_blob_too_long", "Kerberos blob too long to dissect", FieldType.NONE, 0),
                f("telnet.enc.cmd.unknown", "Unknown encryption command", FieldType.NONE, 0),
                f("telnet.suboption_length.invalid", "Bogus suboption data", FieldType.NONE, 0));
    }

    private static Field hex(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Base.HEX, TelnetFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, TelnetFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Telnet t = Collected.dissector(d, "telnet", Telnet.class);
        return t == null ? null : t.fields(d.frame().number());
    }
}
