package dev.tcpscope.proto.dcerpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names packet-dcerpc.c (Wireshark 4.0.17) shows: packet types, results and reasons, fault
 * statuses, authentication types and levels, the UUIDs its GUID table resolves, and the
 * interfaces whose sub-dissectors tcpscope stands in for (their Protocol column, tree title and
 * operation names; the names come from {@code opnums.tsv}, scripts/gen-dcerpc-opnums.sh).
 */
final class DcerpcNames {
    private DcerpcNames() { }

    /** pckt_vals, indexed by packet type (is_dcerpc admits 0..20). */
    static final String[] PTYPES = {"Request", "Ping", "Response", "Fault", "Working", "Nocall", "Reject", "Ack",
        "Cl_cancel", "Fack", "Cancel_ack", "Bind", "Bind_ack", "Bind_nak", "Alter_context", "Alter_context_resp",
        "AUTH3", "Shutdown", "Co_cancel", "Orphaned", "RPC-over-HTTP RTS"};

    static final int REQUEST = 0, RESPONSE = 2, FAULT = 3, BIND = 11, BIND_ACK = 12, BIND_NAK = 13, ALTER = 14,
            ALTER_ACK = 15, AUTH3 = 16, SHUTDOWN = 17, CO_CANCEL = 18, ORPHANED = 19, RTS = 20;

    static String ptype(int t) {
        return t >= 0 && t < PTYPES.length ? PTYPES[t] : String.format("Unknown (0x%02x)", t);
    }

    /** fragment_type: the two fragment flags. */
    static String fragment(int flags) {
        return switch (flags & 3) {
            case 0 -> "Mid";
            case 1 -> "1st";
            case 2 -> "Last";
            default -> "Single";
        };
    }

    /** p_cont_result_vals. */
    static String result(int r) {
        return switch (r) {
            case 0 -> "Acceptance";
            case 1 -> "User rejection";
            case 2 -> "Provider rejection";
            case 3 -> "Negotiate ACK";
            default -> null;
        };
    }

    /** p_provider_reason_vals. */
    static String providerReason(int r) {
        return switch (r) {
            case 0 -> "Reason not specified";
            case 1 -> "Abstract syntax not supported";
            case 2 -> "Proposed transfer syntaxes not supported";
            case 3 -> "Local limit exceeded";
            default -> null;
        };
    }

    /** reject_reason_vals. */
    static String rejectReason(int r) {
        return switch (r) {
            case 0 -> "Reason not specified";
            case 1 -> "Temporary congestion";
            case 2 -> "Local limit exceeded";
            case 3 -> "Called paddr unknown";
            case 4 -> "Protocol version not supported";
            case 5 -> "Default context not supported";
            case 6 -> "User data not readable";
            case 7 -> "No PSAP available";
            case 8 -> "Authentication type not recognized";
            case 9 -> "Invalid checksum";
            default -> null;
        };
    }

    /** authn_protocol_vals. */
    static String authType(int t) {
        return switch (t) {
            case 0 -> "None";
            case 1 -> "Kerberos 5";
            case 9 -> "SPNEGO";
            case 10 -> "NTLMSSP";
            case 14 -> "SCHANNEL SSP";
            case 16 -> "Kerberos SSP";
            case 17 -> "Distributed Password Authentication SSP";
            case 18 -> "MSN SSP";
            case 21 -> "Digest SSP";
            case 68 -> "NETLOGON Secure Channel";
            case 100 -> "MSMQ SSP";
            default -> null;
        };
    }

    /** authn_level_vals. */
    static String authLevel(int l) {
        return switch (l) {
            case 1 -> "None";
            case 2 -> "Connect";
            case 3 -> "Call";
            case 4 -> "Packet";
            case 5 -> "Packet integrity";
            case 6 -> "Packet privacy";
            default -> null;
        };
    }

    private static final Map<Long, String> STATUS = new HashMap<>();

    static {
        Object[] v = {0L, "Stub-defined exception", 0x1L, "nca_s_fault_other", 0x5L, "nca_s_fault_access_denied",
            0x6f7L, "nca_s_fault_ndr", 0x6d8L, "nca_s_fault_cant_perform", 0x721L, "nca_s_fault_sec_pkg_error",
            0x1c000001L, "nca_s_fault_int_div_by_zero", 0x1c000002L, "nca_s_fault_addr_error",
            0x1c000003L, "nca_s_fault_fp_div_zero", 0x1c000004L, "nca_s_fault_fp_underflow",
            0x1c000005L, "nca_s_fault_fp_overflow", 0x1c000006L, "nca_s_fault_invalid_tag",
            0x1c000007L, "nca_s_fault_invalid_bound", 0x1c000008L, "nca_rpc_version_mismatch",
            0x1c000009L, "nca_unspec_reject", 0x1c00000aL, "nca_s_bad_actid", 0x1c00000bL, "nca_who_are_you_failed",
            0x1c00000cL, "nca_manager_not_entered", 0x1c00000dL, "nca_s_fault_cancel", 0x1c00000eL, "nca_s_fault_ill_inst",
            0x1c00000fL, "nca_s_fault_fp_error", 0x1c000010L, "nca_s_fault_int_overflow", 0x1c000014L, "nca_s_fault_pipe_empty",
            0x1c000015L, "nca_s_fault_pipe_closed", 0x1c000016L, "nca_s_fault_pipe_order",
            0x1c000017L, "nca_s_fault_pipe_discipline", 0x1c000018L, "nca_s_fault_pipe_comm_error",
            0x1c000019L, "nca_s_fault_pipe_memory", 0x1c00001aL, "nca_s_fault_context_mismatch",
            0x1c00001bL, "nca_s_fault_remote_no_memory", 0x1c00001cL, "nca_invalid_pres_context_id",
            0x1c00001dL, "nca_unsupported_authn_level", 0x1c00001fL, "nca_invalid_checksum", 0x1c000020L, "nca_invalid_crc",
            0x1c000021L, "ncs_s_fault_user_defined", 0x1c000022L, "nca_s_fault_tx_open_failed",
            0x1c000023L, "nca_s_fault_codeset_conv_error", 0x1c000024L, "nca_s_fault_object_not_found",
            0x1c000025L, "nca_s_fault_no_client_stub", 0x1c010002L, "nca_op_rng_error", 0x1c010003L, "nca_unk_if",
            0x1c010006L, "nca_wrong_boot_time", 0x1c010009L, "nca_s_you_crashed", 0x1c01000bL, "nca_proto_error",
            0x1c010013L, "nca_out_args_too_big", 0x1c010014L, "nca_server_too_busy", 0x1c010017L, "nca_unsupported_type",
            0x80004001L, "E_NOTIMPL", 0x80004003L, "E_POINTER", 0x80004004L, "E_ABORT", 0x8000FFFFL, "E_UNEXPECTED",
            0x80010105L, "RPC_E_SERVERFAULT", 0x80010108L, "RPC_E_DISCONNECTED", 0x80010113L, "RPC_E_INVALID_IPID",
            0x8001011FL, "RPC_E_TIMEOUT", 0x80020003L, "DISP_E_MEMBERNOTFOUND", 0x80020006L, "DISP_E_UNKNOWNNAME",
            0x8002000EL, "DISP_E_BADPARAMCOUNT", 0x8004CB00L, "CBA_E_MALFORMED", 0x8004CB01L, "CBA_E_UNKNOWNOBJECT",
            0x8004CB05L, "CBA_E_INVALIDID", 0x8004CB09L, "CBA_E_INVALIDCOOKIE", 0x8004CB0BL, "CBA_E_QOSTYPEUNSUPPORTED",
            0x8004CB0CL, "CBA_E_QOSVALUEUNSUPPORTED", 0x8004CB0FL, "CBA_E_NOTAPPLICABLE", 0x8004CB12L, "CBA_E_LIMITVIOLATION",
            0x8004CB13L, "CBA_E_QOSTYPENOTAPPLICABLE", 0x8004CB18L, "CBA_E_OUTOFPARTNERACCOS",
            0x8004CB1CL, "CBA_E_FLAGUNSUPPORTED", 0x8004CB23L, "CBA_E_FRAMECOUNTUNSUPPORTED", 0x8004CB25L, "CBA_E_MODECHANGE",
            0x8007000EL, "E_OUTOFMEMORY", 0x80070057L, "E_INVALIDARG", 0x800706d1L, "RPC_S_PROCNUM_OUT_OF_RANGE",
            0x80070776L, "OR_INVALID_OXID"};
        for (int i = 0; i < v.length; i += 2) {
            STATUS.put((Long) v[i], (String) v[i + 1]);
        }
    }

    /** reject_status_vals, or "Unknown (0x%08x)". */
    static String status(long s) {
        String n = STATUS.get(s);
        return n != null ? n : String.format("Unknown (0x%08x)", s);
    }

    /** An interface whose sub-dissector 4.0.17 registers: its UUID and version, protocol names, operations. */
    record Iface(String uuid, int ver, String filter, String shortName, String longName) {
        /** The operation's name, or null when the sub-dissector's table has none for it. */
        String op(int opnum) {
            return OPS.get((filter.equals("rpc_netlogon") ? "netlogon" : filter) + "\t" + opnum);
        }
    }

    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, Iface> IFACES = new HashMap<>();
    private static final Map<String, String> OPS = new HashMap<>();

    static final String NDR32 = "8a885d04-1ceb-11c9-9fe8-08002b104860";
    static final String NDR64 = "71710533-beba-4937-8319-b5dbef9ccc36";

    private static void iface(String uuid, int ver, String name, String filter, String shortName, String longName) {
        NAMES.put(uuid, name);
        if (filter != null) {
            IFACES.put(uuid + "/" + ver, new Iface(uuid, ver, filter, shortName, longName));
        }
    }

    static {
        NAMES.put(NDR32, "32bit NDR");
        NAMES.put(NDR64, "64bit NDR");
        // packet-dcerpc-pn-io.c registers the nil UUID (its implicit AR)
        NAMES.put("00000000-0000-0000-0000-000000000000", "PNIO (Implicit Ar)");
        iface("e3514235-4b06-11d1-ab04-00c04fc2dcd2", 4, "DRSUAPI", "drsuapi", "DRSUAPI", "DRSUAPI");
        iface("e1af8308-5d1f-11c9-91a4-08002b14a0fa", 3, "EPMv4", "epm", "EPM", "DCE/RPC Endpoint Mapper");
        iface("12345678-1234-abcd-ef00-01234567cffb", 1, "RPC_NETLOGON", "rpc_netlogon", "RPC_NETLOGON", "Microsoft Network Logon");
        iface("367abb81-9844-35f1-ad32-98f038001003", 2, "SVCCTL", "svcctl", "SVCCTL", "Microsoft Service Control");
        iface("12345778-1234-abcd-ef00-0123456789ac", 1, "SAMR", "samr", "SAMR", "SAMR (pidl)");
        iface("12345778-1234-abcd-ef00-0123456789ab", 0, "LSARPC", "lsarpc", "LSARPC", "Local Security Authority");
        iface("338cd001-2244-31f1-aaaa-900038001003", 1, "WINREG", "winreg", "WINREG", "Remote Registry Service");
        iface("4b324fc8-1670-01d3-1278-5a47bf6ee188", 3, "SRVSVC", "srvsvc", "SRVSVC", "Server Service");
        iface("6bffd098-a112-3610-9833-46c3f87e345a", 1, "WKSSVC", "wkssvc", "WKSSVC", "Workstation Service");
        iface("a4f1db00-ca47-1067-b31f-00dd010662da", 0, "MAPI", "mapi", "MAPI", "Exchange 5.5 EMSMDB");
        iface("f5cc5a18-4264-101a-8c59-08002b2f8426", 56, "NSPI", "nspi", "NSPI", "Exchange 5.5 Name Service Provider");
        iface("1ff70682-0a51-30e8-076d-740be8cee98b", 1, "ATSVC", "atsvc", "ATSVC", "Microsoft AT-Scheduler Service");
        iface("12345678-1234-abcd-ef00-0123456789ab", 1, "SPOOLSS", "spoolss", "SPOOLSS", "Microsoft Spool Subsystem");
        iface("3919286a-b10c-11d0-9ba8-00c04fd92ef5", 0, "DSSETUP", "dssetup", "DSSETUP", "Active Directory Setup");
        iface("000001a0-0000-0000-c000-000000000046", 0, "ISystemActivator", "isystemactivator", "ISystemActivator",
                "ISystemActivator ISystemActivator Resolver");
        iface("00000131-0000-0000-c000-000000000046", 0, "IRemUnknown", "remunk", "IRemUnknown", "IRemUnknown");
        iface("00000143-0000-0000-c000-000000000046", 0, "IRemUnknown2", "remunk2", "IRemUnknown2", "IRemUnknown2");
        try (InputStream in = DcerpcNames.class.getResourceAsStream("opnums.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                OPS.put(f[0] + "\t" + f[1], f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** guids_get_uuid_name: the UUID's registered name, or null. */
    static String uuidName(String uuid) {
        return NAMES.get(uuid);
    }

    /** guids_resolve_guid_to_str: the registered name, else the UUID. */
    static String resolve(String uuid) {
        String n = NAMES.get(uuid);
        return n != null ? n : uuid;
    }

    /** The sub-dissector registered for the interface and version (dcerpc_uuids), or null. */
    static Iface iface(String uuid, int ver) {
        return IFACES.get(uuid + "/" + ver);
    }
}
