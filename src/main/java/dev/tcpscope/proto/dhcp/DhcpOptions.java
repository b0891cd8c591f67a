package dev.tcpscope.proto.dhcp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.dhcp.DhcpTables.Kind;
import dev.tcpscope.proto.dhcp.DhcpTables.Option;

/**
 * The value of one DHCP option as packet-dhcp.c's "dhcp.option" dissector table shows it: the
 * basic types of its option table ({@code dhcp_handle_basic_types}: addresses, strings, numbers,
 * times) and the options with handlers of their own that tcpscope implements (21, 33, 43, 52, 53,
 * 55, 60, 61, 77, 81, 82, 93, 97, 121, 145, 249). The value is read through a tvb of its own,
 * {@code optlen} bytes long, so a read past it is a malformed option as in Wireshark.
 */
final class DhcpOptions {
    private final DhcpWalk walk;
    private final Tvb packet;
    private final boolean strict;
    /** The item the option is under (the protocol, or an overload's subtree): option 53 appends to it. */
    private DhcpWalk.Label parent;

    DhcpOptions(DhcpWalk walk, Tvb packet, boolean strict) {
        this.walk = walk;
        this.packet = packet;
        this.strict = strict;
    }

    /**
     * Whether the option's dissector takes the value (returns non-zero), so that the raw "Value"
     * item stays hidden: a basic type whose length fits, a handler that read something or gave up
     * early on a bad length (those return 1).
     */
    static boolean handled(Option o, int len, int captured) {
        return switch (o.kind()) {
            case OPAQUE, UNDONE -> false;
            case IPV4, TIME_U, TIME_S -> len == 4;
            case IPV4_LIST -> len >= 4;
            case STRING -> len > 0;
            case BOOL, U8 -> len == 1;
            case U16 -> len == 2;
            case U16_LIST -> len >= 2;
            case SPECIAL -> switch (o.code()) {
                case 52 -> len < 1 || captured > 0;
                case 77 -> len < 2 || captured > 0;
                case 81 -> len < 3 || captured > 0;
                case 121, 249 -> len < 5 || captured > 0;
                default -> captured > 0;
            };
        };
    }

    private static void bad(Tree t, String msg) {
        t.expert("dhcp.bad_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, msg);
    }

    /** Whether a value of a fixed size has it; if not, the "length isn't N" error (the value gets no item). */
    private static boolean sized(Tree v, int len, int want) {
        if (len != want) {
            bad(v, "length isn't " + want);
            return false;
        }
        return true;
    }

    /** Adds the items of the value at {@code at} ({@code len} bytes) under the option item {@code v}. */
    void value(Option o, Tree v, DhcpWalk.Label label, DhcpWalk.Label parent, int at, int len, int[] ov) {
        this.parent = parent;
        int cap = (int) Math.max(0, Math.min(len, (long) packet.cap - at));
        Tvb t = new Tvb(packet.s, packet.base + at, cap, len);
        switch (o.kind()) {
            case OPAQUE, UNDONE -> { }
            case SPECIAL -> special(o, t, v, label, len, ov);
            default -> basic(o, t, v, label, 0, len, o.field(), o.title());
        }
    }

    // ---- dhcp_handle_basic_types ----------------------------------------------------------------

    private void basic(Option o, Tvb t, Tree v, DhcpWalk.Label label, int off, int len, String key, String title) {
        switch (o.kind()) {
            case IPV4 -> {
                if (!sized(v, len, 4)) {
                    return;
                }
                String a = ip(t, off);
                t.at(v.field(key, title + ": " + a, a), off, 4);
                label.append(" (" + a + ")");
            }
            case IPV4_LIST -> {
                for (int i = off, left = len; left > 0; i += 4, left -= 4) {
                    if (left < 4) {
                        bad(v, "Option length isn't a multiple of 4");
                        break;
                    }
                    String a = ip(t, i);
                    t.at(v.field(key, title + ": " + a, a), i, 4);
                }
            }
            case STRING -> string(t, v, key, title, off, len);
            case BOOL -> {
                if (!sized(v, len, 1)) {
                    return;
                }
                boolean on = t.u8(off) != 0;
                t.at(v.field(key, title + ": " + DhcpTables.tfs(key, on), on ? "1" : "0"), off, 1);
            }
            case U8 -> {
                if (!sized(v, len, 1)) {
                    return;
                }
                number(t, v, key, title, off, 1, t.u8(off));
            }
            case U16 -> {
                if (!sized(v, len, 2)) {
                    return;
                }
                number(t, v, key, title, off, 2, t.u16(off));
            }
            case U16_LIST -> {
                for (int i = off, left = len; left > 0; i += 2, left -= 2) {
                    if (left < 2) {
                        bad(v, "Option length isn't a multiple of 2");
                        break;
                    }
                    number(t, v, key, title, i, 2, t.u16(i));
                }
            }
            case TIME_U -> {
                if (!sized(v, len, 4)) {
                    return;
                }
                long s = t.u32(off);
                t.at(v.field(key, title + ": (" + s + "s) " + (s == 0xffffffffL ? "infinity" : secs(s)), Long.toString(s)), off, 4);
            }
            case TIME_S -> {
                if (!sized(v, len, 4)) {
                    return;
                }
                int s = (int) t.u32(off);
                String shown = s < 0 ? "-" + secs(-(long) s) : secs(s);
                t.at(v.field(key, title + ": (" + s + "s) " + shown, Integer.toString(s)), off, 4);
            }
            default -> { }
        }
    }

    /** An integer field, with its value string when it has one ("P-node (2)", "Unknown (65)"). */
    private static Tree number(Tvb t, Tree v, String key, String title, int off, int len, long n) {
        String shown;
        if (DhcpTables.hasValues(key)) {
            String name = DhcpTables.value(key, n);
            shown = (name != null ? name : "Unknown") + " (" + n + ")";
        } else {
            shown = Long.toString(n);
        }
        return t.at(v.field(key, title + ": " + shown, Long.toString(n)), off, len);
    }

    /** A string item (proto_tree_add_item: its length is checked with or without a tree). */
    private Tree string(Tvb t, Tree v, String key, String title, int off, int len) {
        return t.string(v, key, title, off, len);
    }

    static String ip(Tvb t, int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }

    /** unsigned_time_secs_to_str. */
    static String secs(long t) {
        if (t == 0) {
            return "0 seconds";
        }
        StringBuilder sb = new StringBuilder(48);
        unit(sb, t / 86400, "day");
        unit(sb, t / 3600 % 24, "hour");
        unit(sb, t / 60 % 60, "minute");
        unit(sb, t % 60, "second");
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String name) {
        if (n == 0) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(", ");
        }
        sb.append(n).append(' ').append(name).append(n == 1 ? "" : "s");
    }

    // ---- options with handlers of their own -----------------------------------------------------

    private void special(Option o, Tvb t, Tree v, DhcpWalk.Label label, int len, int[] ov) {
        switch (o.code()) {
            case 21 -> pairs(t, v, len, "dhcp.option.policy_filter.ip", "IP Address", "dhcp.option.policy_filter.subnet_mask", "Subnet Mask");
            case 33 -> pairs(t, v, len, "dhcp.option.static_route.ip", "Destination IP Address",
                    "dhcp.option.static_route.router", "Destination Router");
            case 43 -> vendorSpecific(t, v, label, len);
            case 52 -> overload(t, v, len, ov);
            case 53 -> {
                int type = t.u8(0);
                String name = DhcpWalk.messageType(type);
                String shown = DhcpTables.value("dhcp.option.dhcp", type) != null ? name : "Unknown";
                t.at(v.field("dhcp.option.dhcp", "DHCP: " + shown + " (" + type + ")", Integer.toString(type)), 0, 1);
                label.append(" (" + name + ")");
                parent.append(" (" + name + ")");
            }
            case 55 -> {
                for (int i = 0; i < len; i++) {
                    int c = t.u8(i);
                    t.at(v.field("dhcp.option.request_list_item", "Parameter Request List Item: (" + c + ") " + DhcpTables.optionName(c),
                            Integer.toString(c)), i, 1);
                }
            }
            case 60 -> string(t, v, "dhcp.option.vendor_class_id", "Vendor class identifier", 0, len);
            case 61 -> clientId(t, v, len);
            case 77 -> userClass(t, v, len);
            case 81 -> fqdn(t, v, len);
            case 82 -> {
                int off = 0;
                while (off < len) {
                    off = agentInfo(t, v, off, len);
                }
            }
            case 93 -> {
                int off = 0;
                while (len - off > 1) {
                    int id = t.u16(off);
                    Tree item = number(t, v, "dhcp.option.client_system_architecture", "Client System Architecture", off, 2, id);
                    if (id == 9) {
                        item.expert("dhcp.option.client_architecture.ambiguous", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                "Client Architecture ID 9 is often incorrectly used for EFI x64");
                    }
                    off += 2;
                }
                if (len - off > 0) {
                    bad(v, "Option length isn't a multiple of 2");
                }
            }
            case 97 -> {
                int first = len > 0 ? t.u8(0) : 0;
                if (len == 7 && first > 0 && first < 48) {
                    hwTypeAndAddress(t, v, first);
                } else if (len == 17 && first == 0) {
                    uuid(t, v, 1);
                }
            }
            case 121, 249 -> classlessRoutes(t, v, len);
            case 145 -> {
                for (int i = 0; i < len; i++) {
                    number(t, v, "dhcp.option.forcerenew_nonce.algorithm", "Algorithm", i, 1, t.u8(i));
                }
            }
            default -> { }
        }
    }

    private static void pairs(Tvb t, Tree v, int len, String k1, String t1, String k2, String t2) {
        int off = 0;
        while (len - off >= 8) {
            String a = ip(t, off);
            t.at(v.field(k1, t1 + ": " + a, a), off, 4);
            String r = ip(t, off + 4);
            t.at(v.field(k2, t2 + ": " + r, r), off + 4, 4);
            off += 8;
        }
        if (len - off > 0) {
            bad(v, "Option length isn't a multiple of 8");
        }
    }

    /** Option 43 without a vendor dissector's match: the bytes; with ArubaAP's vendor class, its controller's address. */
    private void vendorSpecific(Tvb t, Tree v, DhcpWalk.Label label, int len) {
        String vc = walk.vendorClass();
        if (vc != null && vc.startsWith("PXEClient")) {
            label.append(" (PXEClient)");
            walk.heuristics++;
            int off = 0;
            while (off < len) {
                off = pxe(t, v, off, len);
            }
            return;
        }
        if ("ArubaAP".equals(vc)) {
            label.append(" (Aruba AP)");
            walk.heuristics++; // a vendor-info heuristic dissector of proto_dhcp took it
            string(t, v, "dhcp.option.vendor.arubaap.controllerip", "Aruba Controller IP", 0, len);
            return;
        }
        bytes(t, v, "dhcp.option.vendor.value", "Value", 0, len);
    }

    private static final String PXE = "dhcp.option.vendor.pxeclient.";

    /** dissect_vendor_pxeclient_suboption: one PXE suboption of option 43; the offset after it. */
    private int pxe(Tvb t, Tree v, int off, int end) {
        int sub = t.u8(off);
        int so = off + 1;
        if (sub == 0) {
            t.at(v.field(PXE + "padding", "Padding: 0", "0"), off, 1);
            return so;
        }
        if (sub == 255) {
            t.at(v.field(PXE + "end", "PXE Client End: 255", "255"), off, 1);
            return end;
        }
        if (so >= end) {
            v.expert("dhcp.missing_subopt_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "Suboption " + sub + ": no room left in option for suboption length");
            return end;
        }
        int sl = t.u8(so);
        String name = DhcpTables.value(PXE + "suboption", sub);
        Tree vti = t.at(v.field(PXE + "suboption", "Option 43 Suboption: (" + sub + ") " + (name != null ? name : "Unknown"),
                Integer.toString(sub)), off, sl + 2);
        t.at(vti.field("dhcp.option.suboption_length", "Length: " + sl, Integer.toString(sl)), so, 1);
        so++;
        bytes(t, vti, "dhcp.option.vendor.value", "Value", so, sl).hide();
        if (sub >= 195) {
            vti.expert("dhcp.suboption_invalid", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "Unknown suboption " + sub + " (" + sl + " bytes)");
            return off + sl + 2;
        }
        DhcpWalk.Label l = new DhcpWalk.Label(vti, "");
        switch (sub) {
            case 1 -> basic(kind(Kind.IPV4_LIST), t, vti, l, so, sl, PXE + "mtftp_ip", "mtftp IP");
            case 7 -> basic(kind(Kind.IPV4_LIST), t, vti, l, so, sl, PXE + "multicast_address", "multicast address");
            case 2, 3 -> {
                if (sl != 2) {
                    bad(vti, "length isn't 2");
                } else {
                    int port = t.u8(so) | t.u8(so + 1) << 8;
                    String k = sub == 2 ? "mtftp_client_port" : "mtftp_server_port";
                    String ti = sub == 2 ? "mtftp client port" : "mtftp server port";
                    t.at(vti.field(PXE + k, ti + ": " + port, Integer.toString(port)), so, 2);
                }
            }
            case 4 -> basic(kind(Kind.U8), t, vti, l, so, sl, PXE + "mtftp_timeout", "mtftp timeout");
            case 5 -> basic(kind(Kind.U8), t, vti, l, so, sl, PXE + "mtftp_delay", "mtftp delay");
            case 6 -> {
                int fl = t.u8(so);
                String[][] bits = {{"broadcast", "1", "Disable Broadcast"}, {"multicast", "2", "Disable Multicast"},
                    {"serverlist", "4", "Serverlist only"}, {"bstrap", "8", "Bootstrap override"}};
                StringBuilder lab = new StringBuilder("discovery control: ").append(String.format("0x%02x", fl));
                for (String[] b : bits) {
                    if ((fl & Integer.parseInt(b[1])) != 0) {
                        lab.append(", ").append(b[2]);
                    }
                }
                Tree dc = t.at(vti.field(PXE + "discovery_control", lab.toString(), String.format("0x%02x", fl)), so, 1);
                for (String[] b : bits) {
                    int m = Integer.parseInt(b[1]);
                    boolean on = (fl & m) != 0;
                    String key = PXE + "discovery_control." + b[0];
                    t.at(dc.field(key, Text.bits(fl, m, 8) + " = " + b[2] + ": " + DhcpTables.tfs(key, on), on ? "1" : "0"), so, 1).bitmask(m);
                }
            }
            case 8 -> {
                Tree list = bytes(t, vti, PXE + "boot_servers", "boot servers", so, sl);
                int p = so;
                while (p - so < sl - 1) {
                    number(t, list, PXE + "boot_servers.type", "Type", p, 2, t.u16(p));
                    p += 2;
                    int n = t.u8(p);
                    t.at(list.field(PXE + "boot_servers.count", "IP count: " + n, Integer.toString(n)), p, 1);
                    p++;
                    for (; n > 0; n--) {
                        String a = ip(t, p);
                        t.at(list.field(PXE + "boot_servers.ip", "IP: " + a, a), p, 4);
                        p += 4;
                    }
                }
            }
            case 9 -> {
                Tree menu = bytes(t, vti, PXE + "boot_menu", "boot menu", so, sl);
                int p = so;
                while (p - so < sl - 1) {
                    number(t, menu, PXE + "boot_menu.type", "Type", p, 2, t.u16(p));
                    p += 2;
                    int n = t.u8(p);
                    t.at(menu.field(PXE + "boot_menu.length", "Length: " + n, Integer.toString(n)), p, 1);
                    p++;
                    string(t, menu, PXE + "boot_menu.desc", "Description", p, n);
                    p += n;
                }
            }
            case 10 -> {
                Tree pr = bytes(t, vti, PXE + "menu_prompt", "menu prompt", so, sl);
                int to = t.u8(so);
                t.at(pr.field(PXE + "menu_prompt.timeout", "Timeout: " + to, Integer.toString(to)), so, 1);
                string(t, pr, PXE + "menu_prompt.prompt", "Prompt", so + 1, sl - 1);
            }
            case 11 -> bytes(t, vti, PXE + "multicast_address_alloc", "multicast address alloc", so, sl);
            case 12 -> bytes(t, vti, PXE + "credential_types", "credential types", so, sl);
            case 71 -> {
                Tree it = bytes(t, vti, PXE + "boot_item", "boot item", so, sl);
                number(t, it, PXE + "boot_item.type", "Type", so, 2, t.u16(so));
                bytes(t, it, PXE + "boot_item.layer", "Layer", so + 2, 2);
            }
            case 179 -> basic(kind(Kind.STRING), t, vti, l, so, sl, PXE + "lcm_server", "LCM Server Name");
            case 180 -> basic(kind(Kind.STRING), t, vti, l, so, sl, PXE + "lcm_domain", "LCM Domain");
            case 190 -> basic(kind(Kind.STRING), t, vti, l, so, sl, PXE + "lcm_workgroup", "LCM Workgroup");
            case 194 -> basic(kind(Kind.STRING), t, vti, l, so, sl, PXE + "lcm_serial", "LCM Serial Number");
            case 181 -> bytes(t, vti, PXE + "lcm_nic_option", "LCM NIC option", so, sl);
            case 191 -> basic(kind(Kind.BOOL), t, vti, l, so, sl, PXE + "discovery", "Discovery");
            case 192 -> basic(kind(Kind.BOOL), t, vti, l, so, sl, PXE + "configured", "Configured");
            case 193 -> {
                if (sl != 4) {
                    bad(vti, "length isn't 4");
                } else {
                    long n = t.u32(so);
                    t.at(vti.field(PXE + "lcm_version", "LCM Version: " + n, Long.toString(n)), so, 4);
                }
            }
            default -> vti.expert("dhcp.subopt.unknown_type", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "ERROR, please report: Unknown subopt type handler " + sub);
        }
        return off + sl + 2;
    }

    private static Option kind(Kind k) {
        return new Option(0, k, "", "", "");
    }

    private Tree bytes(Tvb t, Tree v, String key, String title, int off, int len) {
        if (len == 0) {
            return t.at(DhcpWalk.empty(v, key, title, t, off), off, 0);
        }
        t.need(off, len);
        return t.at(v.bytes(key, title, t.s, t.base + off, len), off, len);
    }

    private void overload(Tvb t, Tree v, int len, int[] ov) {
        if (len < 1) {
            bad(v, "length isn't >= 1");
            return;
        }
        int by = t.u8(0);
        number(t, v, "dhcp.option.option_overload", "Option Overload", 0, 1, by);
        if (ov[0] >= 1 && ov[0] <= 3) {
            if ((by & 2) != 0) {
                walk.overloaded(v, DhcpWalk.SNAME, DhcpWalk.SNAME_LEN, "Server host name option overload",
                        "dhcp.option.option_overload.sname_end_missing", "sname overload end option missing");
            }
            if ((by & 1) != 0) {
                walk.overloaded(v, DhcpWalk.FILE, DhcpWalk.FILE_LEN, "Boot file name option overload",
                        "dhcp.option.option_overload.file_end_missing", "file overload end option missing");
            }
            ov[0] = 0;
        }
    }

    private void hwTypeAndAddress(Tvb t, Tree v, int type) {
        String hw = DhcpTables.value("dhcp.hw.type", type);
        t.at(v.field("dhcp.hw.type", "Hardware type: " + (hw != null ? hw : "Unknown") + " (0x" + DhcpWalk.hex2(type) + ")",
                "0x" + DhcpWalk.hex2(type)), 0, 1);
        if (type == 1 || type == 6) {
            t.need(1, 6);
            long mac = (long) t.u16(1) << 32 | t.u32(3);
            String plain = dev.tcpscope.proto.EtherNames.plain(mac);
            t.at(v.field("dhcp.hw.mac_addr", "Client MAC address: " + dev.tcpscope.proto.EtherNames.name(mac) + " (" + plain + ")", plain), 1, 6);
        } else {
            t.need(1, 6);
            String a = DhcpWalk.hwAddr(t, 1, 6, type);
            t.at(v.string("dhcp.client_hardware_address", "Client hardware address", a), 1, 6);
        }
    }

    /** FT_GUID in the option's little-endian default (dhcp_uuid_endian). */
    private static void uuid(Tvb t, Tree v, int off) {
        t.need(off, 16);
        StringBuilder sb = new StringBuilder(36);
        int[] order = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};
        for (int i : order) {
            if (i < 0) {
                sb.append('-');
            } else {
                sb.append(DhcpWalk.hex2(t.u8(off + i)));
            }
        }
        String g = sb.toString();
        t.at(v.field("dhcp.client_id.uuid", "Client Identifier (UUID): " + g, g), off, 16);
    }

    private void clientId(Tvb t, Tree v, int len) {
        int first = len > 0 ? t.u8(0) : 0;
        if (len == 7 && first > 0 && first < 48) {
            hwTypeAndAddress(t, v, first);
        } else if (len == 17 && first == 0) {
            uuid(t, v, 1);
        } else if (first == 255) {
            t.need(1, 4);
            String iaid = DhcpWalk.hwAddr(t, 1, 4, 255);
            t.at(v.string("dhcp.client_id.iaid", "IAID", iaid), 1, 4);
            int off = 5;
            int duid = t.u16(off);
            String dn = DhcpTables.value("dhcp.client_id.duid_type", duid);
            t.at(v.field("dhcp.client_id.duid_type", "DUID Type: " + (dn != null ? dn : "Unknown") + " (" + duid + ")",
                    Integer.toString(duid)), off, 2);
            switch (duid) {
                case 1 -> {
                    if (len < 8) {
                        v.expert("dhcp.malformed.duid", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "DUID: malformed option");
                        return;
                    }
                    int hw = t.u16(off + 2);
                    number(t, v, "dhcp.client_id.duid_llt_hw_type", "Hardware type", off + 2, 2, hw);
                    long time = t.u32(off + 4);
                    t.at(v.field("dhcp.client_id.time", "Time: " + time, Long.toString(time)), off + 4, 4);
                    if (len > 8) {
                        linkLayer(t, v, off + 8, len - 13, hw);
                    }
                }
                case 2 -> {
                    if (len < 6) {
                        v.expert("dhcp.malformed.duid", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "DUID: malformed option");
                        return;
                    }
                    long en = t.u32(off + 2);
                    t.at(v.field("dhcp.client_id.enterprise_num", "Enterprise-number: " + en, Long.toString(en)), off + 2, 4);
                    if (len > 6) {
                        bytes(t, v, "dhcp.client_id", "Identifier", off + 6, len - 11);
                    }
                }
                case 3 -> {
                    if (len < 4) {
                        v.expert("dhcp.malformed.duid", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "DUID: malformed option");
                        return;
                    }
                    int hw = t.u16(off + 2);
                    number(t, v, "dhcp.client_id.duid_ll_hw_type", "Hardware type", off + 2, 2, hw);
                    if (len > 4) {
                        linkLayer(t, v, off + 4, len - 9, hw);
                    }
                }
                default -> { }
            }
        } else if (first == 0 && len > 1) {
            t.at(v.field("dhcp.client_id.type", "Type: 0", "0"), 0, 1);
            string(t, v, "dhcp.client_id.undef", "Client Identifier", 1, len - 1);
        }
    }

    private static void linkLayer(Tvb t, Tree v, int off, int len, int hwType) {
        if (len < 0) {
            throw Tvb.Stop.MALFORMED;
        }
        String a = DhcpWalk.hwAddr(t, off, len, hwType);
        t.at(v.string("dhcp.client_id.link_layer_address", "Link layer address", a), off, len);
    }

    private void userClass(Tvb t, Tree v, int len) {
        if (len < 2) {
            bad(v, "length isn't >= 2");
            return;
        }
        if (t.cap >= 4 && "iPXE".equals(t.latin1(0, 4))) {
            bytes(t, v, "dhcp.option.user_class.data", "User Class Data", 0, len)
                    .expert("dhcp.option.nonstd_data", Tree.Severity.NOTE, Tree.Group.PROTOCOL, "Non standard compliant option data");
            return;
        }
        int off = 0;
        for (int idx = 0; off < len; idx++) {
            Tree inst = t.at(v.field("dhcp.option.user_class", "Instance of User Class: [" + idx + "]", Integer.toString(idx)), off, 1);
            if (len - off >= 14 && t.cap - off >= 14 && "RRAS.Microsoft".equals(t.latin1(off, 14))) {
                string(t, inst, "dhcp.option.user_class.text", "User Class Data (Text)", off, 14)
                        .expert("dhcp.option.nonstd_data", Tree.Severity.NOTE, Tree.Group.PROTOCOL, "Non standard compliant option data");
                inst.length(14);
                off += 14;
                continue;
            }
            int cl = t.u8(off);
            Tree li = t.at(inst.field("dhcp.option.user_class.length", "User Class Length: " + cl, Integer.toString(cl)), off, 1);
            inst.length(cl + 1);
            off++;
            if (cl == 0) {
                li.expert("dhcp.bad_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                        "UC_Len_" + idx + " isn't >= 1 (UC_Len_" + idx + " = 0)");
                break;
            }
            bytes(t, inst, "dhcp.option.user_class.data", "User Class Data", off, cl);
            off += cl;
        }
    }

    private void fqdn(Tvb t, Tree v, int len) {
        if (len < 3) {
            bad(v, "length isn't >= 3");
            return;
        }
        int fl = t.u8(0);
        StringBuilder lab = new StringBuilder("Flags: ").append(String.format("0x%02x", fl));
        String[][] bits = {
            {"dhcp.fqdn.n", "8", "Server DDNS"}, {"dhcp.fqdn.e", "4", "Encoding"},
            {"dhcp.fqdn.o", "2", "Server overrides"}, {"dhcp.fqdn.s", "1", "Server"}};
        for (String[] bt : bits) {
            if ((fl & Integer.parseInt(bt[1])) != 0) {
                lab.append(", ").append(bt[2]);
            }
        }
        Tree f = t.at(v.field("dhcp.fqdn.flags", lab.toString(), String.format("0x%02x", fl)), 0, 1);
        // the label shows the masked value in the mask's width, the field its value in the type's
        String mbz = String.format("0x%x", (fl & 0xf0) >> 4);
        t.at(f.field("dhcp.fqdn.mbz", Text.bits(fl, 0xf0, 8) + " = Reserved flags: " + mbz,
                String.format("0x%02x", (fl & 0xf0) >> 4)), 0, 1).bitmask(0xf0);
        for (String[] bt : bits) {
            int m = Integer.parseInt(bt[1]);
            boolean on = (fl & m) != 0;
            t.at(f.field(bt[0], Text.bits(fl, m, 8) + " = " + bt[2] + ": " + DhcpTables.tfs(bt[0], on), on ? "1" : "0"), 0, 1).bitmask(m);
        }
        int r1 = t.u8(1);
        t.at(v.field("dhcp.fqdn.rcode1", "A-RR result: " + r1, Integer.toString(r1)), 1, 1);
        int r2 = t.u8(2);
        t.at(v.field("dhcp.fqdn.rcode2", "PTR-RR result: " + r2, Integer.toString(r2)), 2, 1);
        if (len > 3) {
            if ((fl & 4) != 0) {
                String name = DhcpNames.name(t, 3, len - 3);
                if (strict) {
                    t.need(3, len - 3);
                }
                t.at(v.string("dhcp.fqdn.name", "Client name", name), 3, len - 3);
            } else {
                string(t, v, "dhcp.fqdn.name", "Client name", 3, len - 3);
            }
        }
    }

    private static final String[] O82 = {
        "Padding", "Agent Circuit ID", "Agent Remote ID", "Reserved", "DOCSIS Device Class", "Link selection",
        "Subscriber ID", "RADIUS Attributes", "Authentication", "Vendor-Specific Information", "Flags",
        "Server ID Override", "Relay Agent Identifier"};

    private static String o82Name(int s) {
        if (s < O82.length) {
            return O82[s];
        }
        return switch (s) {
            case 150 -> "Link selection (Cisco proprietary)";
            case 151 -> "VRF name/VPN ID";
            case 152 -> "Server ID Override (Cisco proprietary)";
            default -> "Unknown";
        };
    }

    /** dhcp_dhcp_decode_agent_info: one suboption of option 82; the offset after it. */
    private int agentInfo(Tvb t, Tree v, int off, int end) {
        int sub = t.u8(off);
        int so = off + 1;
        if (so >= end) {
            v.expert("dhcp.missing_subopt_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "Suboption " + sub + ": no room left in option for suboption length");
            return end;
        }
        int sl = t.u8(so);
        Tree vti = t.at(v.field("dhcp.option.agent_information_option.suboption",
                "Option 82 Suboption: (" + sub + ") " + o82Name(sub), Integer.toString(sub)), off, sl + 2);
        t.at(vti.field("dhcp.option.suboption_length", "Length: " + sl, Integer.toString(sl)), so, 1);
        so++;
        int send = so + sl;
        if (send > end) {
            vti.expert("dhcp.missing_subopt_value", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "Suboption " + sub + ": no room left in option for suboption value");
            return end;
        }
        Tree val = bytes(t, vti, "dhcp.option.agent_information_option.value", "Value", so, sl);
        boolean known = (sub >= 1 && sub <= 12) || (sub >= 150 && sub <= 152);
        if (!known) {
            return off + sl + 2;
        }
        val.hide();
        String base = "dhcp.option.agent_information_option.";
        switch (sub) {
            case 1 -> bytes(t, vti, base + "agent_circuit_id", "Agent Circuit ID", so, sl);
            case 2 -> bytes(t, vti, base + "agent_remote_id", "Agent Remote ID", so, sl);
            case 3 -> bytes(t, vti, base + "reserved", "Reserved", so, sl);
            case 4 -> {
                if (sl != 4) {
                    vti.expert("dhcp.bad_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "length isn't 4");
                } else {
                    long n = t.u32(so);
                    t.at(vti.field(base + "docsis_device_class", "DOCSIS Device Class: " + n, Long.toString(n)), so, 4);
                }
            }
            case 5, 11, 150, 152 -> {
                String[] k = {base + "link_selection", "Link selection"};
                if (sub == 11) {
                    k = new String[] {base + "server_id_override", "Server ID Override"};
                } else if (sub == 150) {
                    k = new String[] {base + "link_selection_cisco", "Link selection (Cisco proprietary)"};
                } else if (sub == 152) {
                    k = new String[] {base + "server_id_override_cisco", "Server ID Override (Cisco proprietary)"};
                }
                if (sl != 4) {
                    vti.expert("dhcp.bad_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "length isn't 4");
                } else {
                    String a = ip(t, so);
                    t.at(vti.field(k[0], k[1] + ": " + a, a), so, 4);
                    vti.relabel("Option 82 Suboption: (" + sub + ") " + o82Name(sub) + " (" + a + ")");
                }
            }
            case 6 -> string(t, vti, base + "subscriber_id", "Subscriber ID", so, sl);
            case 7 -> bytes(t, vti, base + "radius_attributes", "RADIUS Attributes", so, sl);
            case 8 -> bytes(t, vti, base + "authentication", "Authentication", so, sl);
            case 10 -> {
                if (sl != 1) {
                    vti.expert("dhcp.bad_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "length isn't 1");
                } else {
                    int n = t.u8(so);
                    t.at(vti.field(base + "flags", "Flags: " + n, Integer.toString(n)), so, 1);
                }
            }
            case 12 -> bytes(t, vti, base + "relay_agent_id", "Relay Agent Identifier", so, sl);
            case 9, 151 -> bytes(t, vti, base + "value", "Value", so, sl);
            default -> { }
        }
        return off + sl + 2;
    }

    /** RFC 3442 routes: "Subnet/MaskWidth-Router: 10.0.0.0/8-10.0.0.1". */
    private static void classlessRoutes(Tvb t, Tree v, int len) {
        if (len < 5) {
            bad(v, "length isn't >= 5");
            return;
        }
        int off = 0;
        while (len - off > 0) {
            int mw = t.u8(off);
            if (mw > 32) {
                v.expert("dhcp.option.classless_static.route", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "Mask width (" + mw + ") > 32");
                break;
            }
            int sig = (mw + 7) / 8;
            int itemLen = 1 + sig + 4;
            int start = off;
            off++;
            // the route's item covers its bytes before they are checked: past the option it throws
            // (so packet-dhcp.c's "Remaining length" expert is never reached)
            t.need(start, itemLen);
            StringBuilder sb = new StringBuilder();
            if (mw == 0) {
                sb.append("default");
            } else {
                for (int i = 0; i < sig; i++) {
                    if (i > 0) {
                        sb.append('.');
                    }
                    sb.append(t.u8(off++));
                }
                for (int i = sig; i < 4; i++) {
                    sb.append(".0");
                }
                sb.append('/').append(mw);
            }
            sb.append('-').append(ip(t, off));
            off += 4;
            t.need(start, itemLen);
            t.at(v.field("dhcp.option.classless_static_route", " " + sb,
                    Text.hexColons(t.s, t.base + start, itemLen)), start, itemLen);
        }
    }
}
