package dev.tcpscope.proto.smb2;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-nbns.c's NBSS fields and packet-smb2.c's header fields that tcpscope fills, with
 * Wireshark's names, titles and types ({@code tshark -G fields}); their values are the detail
 * tree's items.
 */
public final class Smb2Fields {
    private Smb2Fields() { }

    public static List<Field> all() {
        return List.of(
                f("nbss", "NetBIOS Session Service", FieldType.PROTOCOL, 0),
                hex("nbss.type", "Message Type", FieldType.UINT, 8),
                hex("nbss.flags", "Flags", FieldType.UINT, 8),
                f("nbss.flags.e", "Extend", FieldType.BOOLEAN, 8),
                f("nbss.length", "Length", FieldType.UINT, 24),
                hex("nbss.error_code", "Error code", FieldType.UINT, 8),
                f("nbss.retarget_ip_address", "Retarget IP address", FieldType.IPV4, 32),
                f("nbss.retarget_port", "Retarget port", FieldType.UINT, 16),
                f("nbss.continuation_data", "Continuation data", FieldType.BYTES, 0),
                f("nbss.called_name", "Called name", FieldType.STRING, 0),
                f("nbss.calling_name", "Calling name", FieldType.STRING, 0),
                f("smb2", "SMB2 (Server Message Block Protocol version 2)", FieldType.PROTOCOL, 0),
                hex("smb2.protocol_id", "ProtocolId", FieldType.UINT, 32),
                f("smb2.header_len", "Header Length", FieldType.UINT, 16),
                f("smb2.credit.charge", "Credit Charge", FieldType.UINT, 16),
                hex("smb2.nt_status", "NT Status", FieldType.UINT, 32),
                f("smb2.channel_sequence", "Channel Sequence", FieldType.UINT, 16),
                f("smb2.reserved", "Reserved", FieldType.BYTES, 0),
                f("smb2.cmd", "Command", FieldType.UINT, 16),
                f("smb2.credits.requested", "Credits requested", FieldType.UINT, 16),
                f("smb2.credits.granted", "Credits granted", FieldType.UINT, 16),
                hex("smb2.flags", "Flags", FieldType.UINT, 32),
                f("smb2.flags.response", "Response", FieldType.BOOLEAN, 32),
                f("smb2.flags.async", "Async command", FieldType.BOOLEAN, 32),
                f("smb2.flags.chained", "Chained", FieldType.BOOLEAN, 32),
                f("smb2.flags.signature", "Signing", FieldType.BOOLEAN, 32),
                f("smb2.flags.priority_mask", "Priority", FieldType.BOOLEAN, 32),
                f("smb2.flags.dfs", "DFS operation", FieldType.BOOLEAN, 32),
                f("smb2.flags.replay", "Replay operation", FieldType.BOOLEAN, 32),
                hex("smb2.chain_offset", "Chain Offset", FieldType.UINT, 32),
                f("smb2.msg_id", "Message ID", FieldType.UINT, 64),
                hex("smb2.aid", "Async Id", FieldType.UINT, 64),
                hex("smb2.pid", "Process Id", FieldType.UINT, 32),
                hex("smb2.tid", "Tree Id", FieldType.UINT, 32),
                hex("smb2.sesid", "Session Id", FieldType.UINT, 64),
                f("smb2.signature", "Signature", FieldType.BYTES, 0),
                f("smb2.response_to", "Response to", FieldType.FRAMENUM, 32),
                f("smb2.response_in", "Response in", FieldType.FRAMENUM, 32),
                f("smb2.time", "Time from request", FieldType.RELATIVE_TIME, 0),
                hex("smb2.buffer_code", "StructureSize", FieldType.UINT, 16),
                f("smb2.buffer_code.length", "Fixed Part Length", FieldType.UINT, 16),
                f("smb2.buffer_code.dynamic", "Dynamic Part", FieldType.BOOLEAN, 16),
                f("smb2.transform_signature", "Signature", FieldType.BYTES, 0),
                f("smb2.transform_nonce", "Nonce", FieldType.BYTES, 0),
                f("smb2.transform_msg_size", "Message size", FieldType.UINT, 32),
                f("smb2.transform_reserved", "Reserved", FieldType.BYTES, 0),
                hex("smb2.transform_flags", "Flags", FieldType.UINT, 16));
    }

    private static Field hex(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Base.HEX, Smb2Fields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Smb2Fields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Nbss n = Collected.dissector(d, "nbss", Nbss.class);
        return n == null ? null : n.fields(d.frame().number());
    }
}
