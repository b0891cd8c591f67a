package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-dcerpc.c's connection-oriented fields with Wireshark 4.0.17's names, titles and types
 * ({@code tshark -G fields}), and the protocol and operation fields of the interfaces tcpscope
 * names ({@link DcerpcNames}); their values are the detail tree's items of the frame.
 */
public final class DcerpcFields {
    private DcerpcFields() { }

    public static List<Field> all() {
        List<Field> l = new ArrayList<>(List.of(
                f("dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC)", FieldType.PROTOCOL, 0),
                f("dcerpc.ver", "Version", FieldType.UINT, 8),
                f("dcerpc.ver_minor", "Version (minor)", FieldType.UINT, 8),
                f("dcerpc.pkt_type", "Packet type", FieldType.UINT, 8),
                f("dcerpc.cn_flags", "Packet Flags", FieldType.UINT, 8, Base.HEX),
                f("dcerpc.cn_flags.first_frag", "First Frag", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.last_frag", "Last Frag", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.cancel_pending", "Cancel Pending", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.reserved", "Reserved", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.mpx", "Multiplex", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.dne", "Did Not Execute", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.maybe", "Maybe", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_flags.object", "Object", FieldType.BOOLEAN, 8),
                f("dcerpc.drep", "Data Representation", FieldType.BYTES, 0),
                f("dcerpc.drep.byteorder", "Byte order", FieldType.UINT, 8),
                f("dcerpc.drep.character", "Character", FieldType.UINT, 8),
                f("dcerpc.drep.fp", "Floating-point", FieldType.UINT, 8),
                f("dcerpc.cn_frag_len", "Frag Length", FieldType.UINT, 16),
                f("dcerpc.cn_auth_len", "Auth Length", FieldType.UINT, 16),
                f("dcerpc.cn_call_id", "Call ID", FieldType.UINT, 32),
                f("dcerpc.cn_max_xmit", "Max Xmit Frag", FieldType.UINT, 16),
                f("dcerpc.cn_max_recv", "Max Recv Frag", FieldType.UINT, 16),
                f("dcerpc.cn_assoc_group", "Assoc Group", FieldType.UINT, 32, Base.HEX),
                f("dcerpc.cn_num_ctx_items", "Num Ctx Items", FieldType.UINT, 8),
                f("dcerpc.cn_ctx_item", "Ctx Item", FieldType.NONE, 0),
                f("dcerpc.cn_ctx_id", "Context ID", FieldType.UINT, 16),
                f("dcerpc.cn_num_trans_items", "Num Trans Items", FieldType.UINT, 8),
                f("dcerpc.cn_bind_abstract_syntax", "Abstract Syntax", FieldType.NONE, 0),
                f("dcerpc.cn_bind_to_uuid", "Interface UUID", FieldType.STRING, 0),
                f("dcerpc.cn_bind_if_ver", "Interface Ver", FieldType.UINT, 16),
                f("dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor", FieldType.UINT, 16),
                f("dcerpc.cn_bind_trans", "Transfer Syntax", FieldType.NONE, 0),
                f("dcerpc.cn_bind_trans_id", "ID", FieldType.STRING, 0),
                f("dcerpc.cn_bind_trans_ver", "ver", FieldType.UINT, 32),
                f("dcerpc.cn_bind_trans_btfn", "Bind Time Features", FieldType.UINT, 16, Base.HEX),
                f("dcerpc.cn_bind_trans_btfn.01", "Security Context Multiplexing Supported", FieldType.BOOLEAN, 16),
                f("dcerpc.cn_bind_trans_btfn.02", "Keep Connection On Orphan Supported", FieldType.BOOLEAN, 16),
                f("dcerpc.cn_alloc_hint", "Alloc hint", FieldType.UINT, 32),
                f("dcerpc.cn_sec_addr_len", "Scndry Addr len", FieldType.UINT, 16),
                f("dcerpc.cn_sec_addr", "Scndry Addr", FieldType.STRING, 0),
                f("dcerpc.cn_num_results", "Num results", FieldType.UINT, 8),
                f("dcerpc.cn_ack_result", "Ack result", FieldType.UINT, 16),
                f("dcerpc.cn_ack_reason", "Ack reason", FieldType.UINT, 16),
                f("dcerpc.cn_ack_trans_id", "Transfer Syntax", FieldType.STRING, 0),
                f("dcerpc.cn_ack_trans_ver", "Syntax ver", FieldType.UINT, 32),
                f("dcerpc.cn_reject_reason", "Reject reason", FieldType.UINT, 16),
                f("dcerpc.cn_num_protocols", "Number of protocols", FieldType.UINT, 8),
                f("dcerpc.cn_protocol_ver_major", "Protocol major version", FieldType.UINT, 8),
                f("dcerpc.cn_protocol_ver_minor", "Protocol minor version", FieldType.UINT, 8),
                f("dcerpc.cn_cancel_count", "Cancel count", FieldType.UINT, 8),
                f("dcerpc.cn_fault_flags", "Fault flags", FieldType.UINT, 8, Base.HEX),
                f("dcerpc.cn_fault_flags.extended_error", "Extended error information present", FieldType.BOOLEAN, 8),
                f("dcerpc.cn_status", "Status", FieldType.UINT, 32, Base.HEX),
                f("dcerpc.auth_type", "Auth type", FieldType.UINT, 8),
                f("dcerpc.auth_level", "Auth level", FieldType.UINT, 8),
                f("dcerpc.auth_pad_len", "Auth pad len", FieldType.UINT, 8),
                f("dcerpc.auth_rsrvd", "Auth Rsrvd", FieldType.UINT, 8),
                f("dcerpc.auth_ctx_id", "Auth Context ID", FieldType.UINT, 32),
                f("dcerpc.auth_info", "Auth Info", FieldType.NONE, 0),
                f("dcerpc.auth_credentials", "Auth Credentials", FieldType.BYTES, 0),
                f("dcerpc.auth_padding", "Auth Padding", FieldType.BYTES, 0),
                f("dcerpc.obj_id", "Object", FieldType.STRING, 0),
                f("dcerpc.opnum", "Opnum", FieldType.UINT, 16),
                f("dcerpc.request_in", "Request in frame", FieldType.FRAMENUM, 0),
                f("dcerpc.response_in", "Response in frame", FieldType.FRAMENUM, 0),
                f("dcerpc.time", "Time from request", FieldType.RELATIVE_TIME, 0),
                f("dcerpc.reserved", "Reserved", FieldType.BYTES, 0),
                f("dcerpc.stub_data", "Stub data", FieldType.BYTES, 0),
                f("dcerpc.encrypted_stub_data", "Encrypted stub data", FieldType.BYTES, 0),
                f("dcerpc.decrypted_stub_data", "Decrypted stub data", FieldType.BYTES, 0),
                f("dcerpc.fault_stub_data", "Fault stub data", FieldType.BYTES, 0),
                f("dcerpc.fragment_data", "Fragment data", FieldType.BYTES, 0),
                f("dcerpc.fragments", "Reassembled DCE/RPC Fragments", FieldType.NONE, 0),
                f("dcerpc.fragment", "DCE/RPC Fragment", FieldType.FRAMENUM, 0),
                f("dcerpc.fragment.count", "Fragment count", FieldType.UINT, 32),
                f("dcerpc.reassembled_in", "Reassembled PDU in frame", FieldType.FRAMENUM, 0),
                f("dcerpc.reassembled.length", "Reassembled DCE/RPC length", FieldType.UINT, 32),
                f("dcerpc.unknown_if_id", "Unknown DCERPC interface id", FieldType.BOOLEAN, 0),
                f("dcerpc.cn_ctx_id.no_bind", "No bind info for interface Context ID", FieldType.NONE, 0),
                f("dcerpc.cn_status.expert", "Fault", FieldType.NONE, 0),
                f("dcerpc.fragment_multiple", "Multiple DCE/RPC fragments/PDU's in one packet", FieldType.NONE, 0),
                f("dcerpc.bind_not_acknowledged", "Bind not acknowledged", FieldType.NONE, 0),
                f("dcerpc.fragment.reassemble", "Fragment", FieldType.NONE, 0),
                f("dcerpc.fragment_reassembled", "Fragment, reassembled", FieldType.NONE, 0)));
        for (String[] i : new String[][] {{"drsuapi", "DRSUAPI", "drsuapi.opnum"}, {"epm", "DCE/RPC Endpoint Mapper", "epm.opnum"},
            {"rpc_netlogon", "Microsoft Network Logon", "netlogon.opnum"}, {"svcctl", "Microsoft Service Control", "svcctl.opnum"},
            {"samr", "SAMR (pidl)", "samr.opnum"}, {"lsarpc", "Local Security Authority", "lsarpc.opnum"},
            {"winreg", "Remote Registry Service", "winreg.opnum"}, {"srvsvc", "Server Service", "srvsvc.opnum"},
            {"wkssvc", "Workstation Service", "wkssvc.opnum"}, {"mapi", "Exchange 5.5 EMSMDB", "mapi.opnum"},
            {"nspi", "Exchange 5.5 Name Service Provider", "nspi.opnum"}, {"atsvc", "Microsoft AT-Scheduler Service", "atsvc.opnum"},
            {"spoolss", "Microsoft Spool Subsystem", "spoolss.opnum"}, {"dssetup", "Active Directory Setup", "dssetup.opnum"},
            {"isystemactivator", "ISystemActivator ISystemActivator Resolver", "isystemactivator.opnum"},
            {"remunk", "IRemUnknown", "remunk.opnum"}}) {
            l.add(f(i[0], i[1], FieldType.PROTOCOL, 0));
            l.add(f(i[2], "Operation", FieldType.UINT, 16));
        }
        l.add(f("remunk2", "IRemUnknown2", FieldType.PROTOCOL, 0));
        return l;
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, DcerpcFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, DcerpcFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        return Dcerpc.treeFields(d);
    }
}
