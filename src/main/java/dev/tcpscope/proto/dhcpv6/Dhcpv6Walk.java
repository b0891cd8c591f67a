package dev.tcpscope.proto.dhcpv6;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One DHCPv6 datagram walked as packet-dhcpv6.c 4.0.17's {@code dissect_dhcpv6} walks it: the
 * message type, then a client/server message's transaction id or a relay message's hop count,
 * link and peer addresses, then the options, each under an item named after it with its
 * "Option:" and "Length:" fields and the items of its value. Options that hold options (IA_NA,
 * IA_TA, IA_PD, IA Address, IA Prefix) and the Relay Message (a whole DHCPv6 message) are walked
 * the same way inside their bytes. The same walk fills the Info column (with {@link Tree#NOTHING})
 * and builds every tree, so that they agree on where a cut message stops.
 *
 * <p>Bounded: an option is taken only when its header and all its data lie before the end of
 * what holds it, so each one moves on by at least four bytes and nested options stay within their
 * parent; sub-option loops move on by two bytes or more within their option; nesting (relayed
 * messages, options inside options) stops at {@link #MAX_DEPTH}.
 */
final class Dhcpv6Walk {
    /** packet-dhcpv6.c's fields and value strings (scripts/gen-registry-tables.sh dhcpv6). */
    static final Registry REGISTRY = Registry.load(Dhcpv6Walk.class, "dhcpv6");

    static final int RELAY_FORW = 12;
    static final int RELAY_REPLY = 13;
    static final int HOP_COUNT_LIMIT = 32;
    /** How deep messages and options may nest before the walk stops (far beyond any real relay chain). */
    static final int MAX_DEPTH = 100;

    private final Tvb t;
    /** Whether a tree is shown in full (-V, JSON, PDML, EK): then an item past the bytes stops the walk. */
    private final boolean strict;
    /** The Info column as far as the walk got. */
    final StringBuilder info = new StringBuilder(64);

    /** hopcount_info: the last relay's hop count and its item, and whether a relay was seen. */
    private record Hops(int count, Tree item, boolean relaySeen) { }

    Dhcpv6Walk(Tvb t, boolean strict) {
        this.t = t;
        this.strict = strict;
    }

    /** dissect_dhcpv6_stream: the whole datagram is one message. */
    void walk(Tree root) {
        message(root, 0, t.rep, new Hops(0, null, false), 0);
    }

    private void need(int off, int len) {
        if (strict) {
            t.need(off, len);
        }
    }

    // ---- messages ------------------------------------------------------------------------------

    /** dissect_dhcpv6: one message over {@code [off, eoff)}. */
    private void message(Tree parent, int off, int eoff, Hops hops, int depth) {
        if (depth > MAX_DEPTH) {
            throw Tvb.Stop.MALFORMED;
        }
        int msgtype = t.u8(off);
        info.append(msgName(msgtype)).append(' ');
        Tree m = t.at(parent.protocol("dhcpv6", "DHCPv6"), off, Math.max(0, Math.min(eoff, t.cap) - off));
        if (msgtype == RELAY_FORW || msgtype == RELAY_REPLY) {
            uint(m, "dhcpv6.msgtype", off, 1);
            Tree hopItem = uint(m, "dhcpv6.hopcount", off + 1, 1);
            ipv6Item(m, "dhcpv6.linkaddr", off + 2);
            ipv6Item(m, "dhcpv6.peeraddr", off + 18);
            int count = t.u8(off + 1);
            if (count > HOP_COUNT_LIMIT) {
                hopItem.expert("dhcpv6.error_hopcount", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Hopcount (" + count + ") exceeds the maximum limit HOP_COUNT_LIMIT (" + HOP_COUNT_LIMIT + ")");
            }
            if (hops.relaySeen && count != hops.count - 1 && hops.item != null) {
                hops.item.expert("dhcpv6.error_hopcount", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "hopcount is not correctly incremented by 1 (expected : " + (count + 1) + ", actual : " + hops.count + ")");
            }
            hops = new Hops(count, hopItem, true);
            String link = ipv6(off + 2);
            info.append("L: ").append(link).append(' ');
            off += 34;
        } else {
            if (hops.count != 0 && hops.item != null) {
                hops.item.expert("dhcpv6.error_hopcount", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Hopcount of most inner message has to equal 0 instead of " + hops.count);
            }
            uint(m, "dhcpv6.msgtype", off, 1);
            if (m != Tree.NOTHING) {
                need(off + 1, 3);
                int xid = t.u8(off + 1) << 16 | t.u16(off + 2);
                t.at(m.field("dhcpv6.xid", "Transaction ID: 0x" + Registry.hex(xid, 6), "0x" + Registry.hex(xid, 6)), off + 1, 3);
            }
            int xid = t.u8(off + 1) << 16 | t.u16(off + 2);
            info.append("XID: 0x").append(Registry.hex(xid, 6)).append(' ');
            off += 4;
        }
        boolean[] atEnd = {false};
        while (off < eoff && !atEnd[0]) {
            off += option(m, off, eoff, atEnd, hops, msgtype, depth);
        }
    }

    private static String msgName(int type) {
        String n = REGISTRY.value("dhcpv6.msgtype", type);
        return n != null ? n : "Message Type " + type;
    }

    // ---- options -------------------------------------------------------------------------------

    /** dhcpv6_option: one option at {@code off} of those ending at {@code eoff}; returns the bytes it took. */
    private int option(Tree parent, int off, int eoff, boolean[] atEnd, Hops hops, int msgtype, int depth) {
        if (eoff - off < 4) {
            atEnd[0] = true;
            return 0;
        }
        int type = t.u16(off);
        int len = t.u16(off + 2);
        if (eoff - off < 4 + len) {
            atEnd[0] = true;
            return 0;
        }
        String name = optionName(type);
        t.need(off, 4 + len); // the option's item wants its bytes, in every pass (tshark's list too)
        Tree o = t.at(parent.field("dhcpv6.option.type_str", name, name), off, 4 + len);
        uint(o, "dhcpv6.option.type", off, 2);
        uint(o, "dhcpv6.option.length", off + 2, 2);
        int v = off + 4;
        switch (type) {
            case 1, 2 -> {
                if (type == 1 && len > 0) {
                    String cid = hex(v, len); // read before "CID: " is appended, as the C's arguments are
                    info.append("CID: ").append(cid).append(' ');
                }
                duid(o, v, len);
            }
            case 3, 25 -> {
                if (len < 12) {
                    malformed(o, type == 3 ? "IA_NA: malformed option" : "IA_PD: malformed option");
                    break;
                }
                stringItem(o, "dhcpv6.iaid", v, 4, hex(v, 4));
                lifetime(o, "dhcpv6.iaid.t1", v + 4, null);
                lifetime(o, "dhcpv6.iaid.t2", v + 8, null);
                options(o, v + 12, v + len, atEnd, hops, msgtype, depth);
            }
            case 4 -> {
                if (len < 4) {
                    malformed(o, "IA_TA: malformed option");
                    break;
                }
                stringItem(o, "dhcpv6.iata", v, 4, hex(v, 4));
                options(o, v + 4, v + len, atEnd, hops, msgtype, depth);
            }
            case 5 -> {
                if (len < 24) {
                    malformed(o, "IA_TA: malformed option"); // 4.0.17's text for an IA Address
                    break;
                }
                ipv6Item(o, "dhcpv6.iaaddr.ip", v);
                String iaa = ipv6(v);
                info.append("IAA: ").append(iaa).append(' ');
                t.u32(v + 16);
                t.u32(v + 20); // both lifetimes are read before their items, with or without a tree
                lifetime(o, "dhcpv6.iaaddr.pref_lifetime", v + 16, null);
                lifetime(o, "dhcpv6.iaaddr.valid_lifetime", v + 20, "Preferred lifetime: infinity");
                options(o, v + 24, v + len, atEnd, hops, msgtype, depth);
            }
            case 26 -> {
                if (len < 25) {
                    malformed(o, "IAPREFIX: malformed option");
                    break;
                }
                uint(o, "dhcpv6.iaprefix.pref_lifetime", v, 4);
                uint(o, "dhcpv6.iaprefix.valid_lifetime", v + 4, 4);
                uint(o, "dhcpv6.iaprefix.pref_len", v + 8, 1);
                ipv6Item(o, "dhcpv6.iaprefix.pref_addr", v + 9);
                options(o, v + 25, v + len, atEnd, hops, msgtype, depth);
            }
            case 6, 43 -> {
                for (int i = 0; i < len; i += 2) {
                    uint(o, "dhcpv6.requested_option_code", v + i, 2);
                }
            }
            case 7 -> {
                if (len != 1) {
                    malformed(o, "PREFERENCE: malformed option");
                    break;
                }
                uint(o, "dhcpv6.option_preference", v, 1);
            }
            case 8 -> {
                if (len != 2) {
                    malformed(o, "ELAPSED-TIME: malformed option");
                    break;
                }
                long ms = t.u16(v) * 10L;
                if (o != Tree.NOTHING) {
                    t.at(o.field("dhcpv6.elapsed_time", "Elapsed time: " + ms + "ms", Long.toString(ms)), v, 2);
                }
            }
            case 9 -> {
                if (len == 0) {
                    malformed(o, "RELAY-MSG: malformed option");
                } else {
                    message(o, v, v + len, hops, depth + 1);
                }
            }
            case 11 -> auth(o, v, len);
            case 12 -> {
                if (len != 16) {
                    malformed(o, "UNICAST: malformed option");
                    break;
                }
                ipv6Item(o, "dhcpv6.unicast", v);
            }
            case 13 -> {
                uint(o, "dhcpv6.status_code", v, 2);
                if (len > 2) {
                    string(o, "dhcpv6.status_msg", v + 2, len - 2);
                }
            }
            case 15 -> userClass(o, v, len);
            case 16 -> {
                if (len < 4) {
                    malformed(o, "VENDOR_CLASS: malformed option");
                    break;
                }
                enterprise(o, "dhcpv6.vendorclass.enterprise", v);
                if (len > 4 && o != Tree.NOTHING) {
                    // FT_STRINGZ: the text ends at a NUL, with no stray-characters item after it
                    t.need(v + 6, len - 6);
                    String d = ascii(v + 6, len - 6);
                    int nul = d.indexOf('\0');
                    t.at(o.string("dhcpv6.vendorclass.data", REGISTRY.row("dhcpv6.vendorclass.data").title(),
                            nul >= 0 ? d.substring(0, nul) : d), v + 6, len - 6);
                }
            }
            case 17 -> vendorOptions(o, v, len);
            case 18 -> {
                if (len == 0) {
                    malformed(o, "INTERFACE_ID: malformed option");
                    break;
                }
                bytes(o, "dhcpv6.interface_id", v, len);
            }
            case 19 -> {
                if (len != 1) {
                    malformed(o, "RECONF_MSG: malformed option");
                    break;
                }
                uint(o, "dhcpv6.reconf_msg", v, 1);
            }
            case 20 -> {
                if (len != 0) {
                    malformed(o, "RECONF_ACCEPT: malformed option");
                }
            }
            case 21 -> domainList(o, "SIP Servers Domain Search List", "dhcpv6.sip_server_domain_search_fqdn", v, len);
            case 22 -> addresses(o, "dhcpv6.sip_server_a", v, len, "SIP servers address: malformed option", false);
            case 23 -> addresses(o, "dhcpv6.dns_server", v, len, "DNS servers address: malformed option", true);
            case 24 -> domainList(o, "Domain name suffix search list", "dhcpv6.search_list_entry", v, len);
            case 27 -> addresses(o, "dhcpv6.nis_server", v, len, "NIS servers address: malformed option", false);
            case 28 -> addresses(o, "dhcpv6.nisp_server", v, len, "NISP servers address: malformed option", false);
            case 29 -> domainList(o, "nis-domain-name", "dhcpv6.nis_fqdn", v, len);
            case 30 -> domainList(o, "nisp-domain-name", "dhcpv6.nisp_fqdn", v, len);
            case 31 -> addresses(o, "dhcpv6.sntp_server", v, len, "SNTP servers address: malformed option", true);
            case 32 -> {
                if (len != 4) {
                    malformed(o, "LIFETIME: malformed option");
                    break;
                }
                uint(o, "dhcpv6.lifetime", v, 4);
            }
            case 33 -> domainList(o, "BCMCS Servers Domain Search List", "dhcpv6.bcmcs_server_fqdn", v, len);
            case 34 -> addresses(o, "dhcpv6.bcmcs_server_a", v, len, "BCMCS servers address: malformed option", false);
            case 37 -> {
                if (len < 4) {
                    malformed(o, "REMOTE_ID: malformed option");
                    break;
                }
                enterprise(o, "dhcpv6.remoteid.enterprise", v);
                bytes(o, "dhcpv6.remoteid_enterprise_id", v + 4, len - 4);
            }
            case 38 -> {
                if (len == 0) {
                    malformed(o, "SUBSCRIBER_ID: malformed option");
                    break;
                }
                string(o, "dhcpv6.subscriber_id", v, len);
            }
            case 39 -> clientFqdn(o, v, len, msgtype);
            case 40 -> addresses(o, "dhcpv6.pana_agent", v, len, "PANA agent address: malformed option", false);
            case 41 -> {
                if (len > 0) {
                    string(o, "dhcpv6.timezone", v, len);
                }
            }
            case 42 -> {
                if (len > 0) {
                    string(o, "dhcpv6.tzdb", v, len);
                }
            }
            case 46 -> {
                if (len != 4) {
                    malformed(o, "CLT_TIME: malformed option");
                    break;
                }
                uint(o, "dhcpv6.clt_time", v, 4);
            }
            case 48 -> addresses(o, "dhcpv6.lq_client_link", v, len, "LQ client links address: malformed option", false);
            case 52 -> addresses(o, "dhcpv6.capwap_ac_v6", v, len, "CAPWAP Access Controllers address: malformed option", false);
            case 56 -> ntpServer(o, v, len);
            case 64 -> domain(o, "dhcpv6.aftr_name", v, len);
            case 112 -> {
                if (len > 0) {
                    string(o, "dhcpv6.mudurl", v, len);
                }
            }
            case 47 -> {
                if (len < 16) {
                    malformed(o, "LQ_RELAY_DATA: malformed option");
                    break;
                }
                ipv6Item(o, "dhcpv6.lq_relay_data_peer_addr", v);
                string(o, "dhcpv6.lq_relay_data_msg", v + 16, len - 16);
            }
            case 67 -> {
                if (len < 2 || len > 17) {
                    malformed(o, "PD_EXCLUDE: malformed option");
                    break;
                }
                uint(o, "dhcpv6.pd_exclude.pref_len", v, 1);
                bytes(o, "dhcpv6.pd_exclude.subnet_id", v + 1, len - 1);
            }
            case 90 -> {
                if (len != 16) {
                    malformed(o, "S46_BR: malformed option");
                    break;
                }
                ipv6Item(o, "dhcpv6.s46_br.address", v);
            }
            case 94, 95, 96 -> options(o, v, v + len, atEnd, hops, msgtype, depth);
            case 114 -> failover(o, "dhcpv6.failover.binding_status", v, len, 1);
            case 120 -> failover(o, "dhcpv6.failover.expiration_time", v, len, 4);
            case 121 -> failover(o, "dhcpv6.failover.max_unacked_bndupd", v, len, 4);
            case 122 -> failover(o, "dhcpv6.failover.mclt", v, len, 4);
            case 123 -> failover(o, "dhcpv6.failover.partner_lifetime", v, len, 4);
            case 124 -> failover(o, "dhcpv6.failover.partner_lifetime_sent", v, len, 4);
            case 125 -> failover(o, "dhcpv6.failover.partner_down_time", v, len, 4);
            case 126 -> failover(o, "dhcpv6.failover.partner_raw_clt_time", v, len, 4);
            case 127 -> {
                if (len != 4) {
                    malformed(o, "Failover: malformed option");
                    break;
                }
                uint(o, "dhcpv6.failover.protocol.major_version", v, 2);
                uint(o, "dhcpv6.failover.protocol.minor_version", v + 2, 2);
            }
            case 128 -> failover(o, "dhcpv6.failover.keepalive_time", v, len, 4);
            case 129 -> {
                if (len < 4) {
                    malformed(o, "Failover: malformed option");
                    break;
                }
                uint(o, "dhcpv6.failover.reconfigure_time", v, 4);
                bytes(o, "dhcpv6.failover.reconfigure_key", v + 4, len - 4);
            }
            case 130 -> string(o, "dhcpv6.failover.relationship_name", v, len);
            case 132 -> failover(o, "dhcpv6.failover.server_state", v, len, 1);
            case 133 -> failover(o, "dhcpv6.failover.start_time_of_state", v, len, 4);
            case 134 -> failover(o, "dhcpv6.failover.state_expiration_time", v, len, 4);
            case 135 -> {
                if (len != 2) {
                    malformed(o, "Relay Port: malformed option");
                    break;
                }
                uint(o, "dhcpv6.relay_port", v, 2);
            }
            case 165, 166 -> {
                if (len != 16) {
                    malformed(o, type == 165 ? "MIP6_HA: malformed option" : "MIP6_HOA: malformed option");
                    break;
                }
                ipv6Item(o, type == 165 ? "dhcpv6.mip6_home_agent" : "dhcpv6.mip6_home_address", v);
            }
            default -> { }
        }
        return 4 + len;
    }

    /** A failover option holding one number of {@code size} bytes. */
    private void failover(Tree o, String key, int v, int len, int size) {
        if (len != size) {
            malformed(o, "Failover: malformed option");
            return;
        }
        uint(o, key, v, size);
    }

    /** The options inside an option's value, {@code [off, end)}; a bad one skips to the end. */
    private void options(Tree parent, int off, int end, boolean[] atEnd, Hops hops, int msgtype, int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw Tvb.Stop.MALFORMED;
        }
        while (end - off > 0) {
            off += option(parent, off, end, atEnd, hops, msgtype, depth + 1);
            if (atEnd[0]) {
                break;
            }
        }
    }

    private static String optionName(int type) {
        String n = REGISTRY.value("dhcpv6.option.type", type);
        return n != null ? n : "DHCP option " + type;
    }

    private void malformed(Tree o, String message) {
        o.expert("dhcpv6.malformed_option", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
    }

    /** A DUID (Client, Server Identifier): its bytes, its type and the type's parts. */
    private void duid(Tree o, int v, int len) {
        if (len < 2) {
            malformed(o, "DUID: malformed option");
            return;
        }
        bytes(o, "dhcpv6.duid.bytes", v, len);
        int type = t.u16(v);
        uint(o, "dhcpv6.duid.type", v, 2);
        switch (type) {
            case 1 -> {
                if (len < 8) {
                    malformed(o, "DUID: malformed option");
                    return;
                }
                uint(o, "dhcpv6.duidllt.hwtype", v + 2, 2);
                if (o != Tree.NOTHING) {
                    need(v + 4, 4);
                    long secs = t.u32(v + 4) + 946684800L;
                    secs &= 0xffffffffL; // time_t of a guint32 sum, as the C adds them
                    String s = Text.absTime(secs, 0);
                    t.at(o.field("dhcpv6.duidllt.time", "DUID Time: " + s, s), v + 4, 4).time(secs, 0);
                }
                if (len > 8) {
                    int hw = t.u16(v + 2);
                    stringItem(o, "dhcpv6.duidllt.link_layer_addr", v + 8, len - 8, hwAddr(v + 8, len - 8, hw));
                }
            }
            case 2 -> {
                if (len < 6) {
                    malformed(o, "DUID: malformed option");
                    return;
                }
                enterprise(o, "dhcpv6.duiden.enterprise", v + 2);
                if (len > 6) {
                    bytes(o, "dhcpv6.duiden.identifier", v + 6, len - 6);
                }
            }
            case 3 -> {
                if (len < 4) {
                    malformed(o, "DUID: malformed option");
                    return;
                }
                uint(o, "dhcpv6.duidll.hwtype", v + 2, 2);
                if (len > 4) {
                    int hw = t.u16(v + 2);
                    stringItem(o, "dhcpv6.duidll.link_layer_addr", v + 4, len - 4, hwAddr(v + 4, len - 4, hw));
                }
            }
            case 4 -> {
                if (len != 18) {
                    malformed(o, "DUID: malformed option");
                    return;
                }
                bytes(o, "dhcpv6.duiduuid.bytes", v + 2, 16);
            }
            default -> { }
        }
    }

    /** OPTION_AUTH: protocol, algorithm, RDM, replay detection, the rest as information. */
    private void auth(Tree o, int v, int len) {
        if (len < 11) {
            malformed(o, "AUTH: malformed option");
            return;
        }
        uint(o, "dhcpv6.auth.protocol", v, 1);
        uint(o, "dhcpv6.auth.algorithm", v + 1, 1);
        uint(o, "dhcpv6.auth.rdm", v + 2, 1);
        bytes(o, "dhcpv6.auth.replay_detection", v + 3, 8);
        bytes(o, "dhcpv6.auth.info", v + 11, len - 11);
    }

    /** OPTION_USER_CLASS: length-prefixed opaque data, each under "User Class suboption". */
    private void userClass(Tree o, int v, int len) {
        int done = 0;
        while (len > done) {
            int sub = t.u16(v + done);
            if (sub > len - done) {
                malformed(o, "User Class: suboption too long");
                return;
            }
            need(v + done, sub);
            Tree s = t.at(o.text("User Class suboption"), v + done, sub);
            uint(s, "dhcpv6.userclass.length", v + done, 2);
            bytes(s, "dhcpv6.userclass.opaque_data", v + done + 2, sub);
            done += sub + 2;
        }
    }

    /** OPTION_NTP_SERVER: its sub-options (server address, multicast address, FQDN). */
    private void ntpServer(Tree o, int v, int len) {
        if (len < 4) {
            malformed(o, "NTP Server: malformed option");
            return;
        }
        int done = 0;
        while (len > done) {
            int type = t.u16(v + done);
            int sub = t.u16(v + done + 2);
            if (sub > len - done) {
                malformed(o, "NTP Server: suboption too long");
                return;
            }
            String n = REGISTRY.value("dhcpv6.ntpserver.option.type", type);
            need(v + done, 4 + sub);
            Tree s = t.at(o.text(n != null ? n : "NTP Server suboption " + type), v + done, 4 + sub);
            uint(s, "dhcpv6.ntpserver.option.type", v + done, 2);
            uint(s, "dhcpv6.ntpserver.option.length", v + done + 2, 2);
            done += 4;
            switch (type) {
                case 1 -> ipv6Item(s, "dhcpv6.ntpserver.addr", v + done);
                case 2 -> ipv6Item(s, "dhcpv6.ntpserver.mc_addr", v + done);
                case 3 -> domain(s, "dhcpv6.ntpserver.fqdn", v + done, sub);
                default -> { }
            }
            done += sub;
        }
    }

    /** OPTION_CLIENT_FQDN (RFC 4704): the flags as the client or the server means them, then the name. */
    private void clientFqdn(Tree o, int v, int len, int msgtype) {
        if (len < 1) {
            malformed(o, "FQDN: malformed option");
            return;
        }
        boolean client;
        if (msgtype == 1 || msgtype == 3 || msgtype == 5 || msgtype == 6) {
            client = true;
        } else if (msgtype == 2 || msgtype == 7) {
            client = false;
        } else {
            need(v - 4, 1);
            Tree x = t.at(o.field("dhcpv6.clientfqdn.bad_msgtype", "Only the following message types are permitted to use "
                    + "OPTION_CLIENT_FQDN:\nSOLICIT, REQUEST, RENEW, REBIND, ADVERTISE, and REPLY", Integer.toString(msgtype)), v - 4, 1);
            t.at(x.none("dhcpv6.bad_msgtype", "This message type is not permitted to use OPTION_CLIENT_FQDN"), v - 4, 1)
                    .expert("dhcpv6.bad_msgtype", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                            "This message type is not permitted to use OPTION_CLIENT_FQDN");
            return;
        }
        int flags = t.u8(v);
        String text;
        String suffix = "]";
        int ns = flags & 0x5;
        if (client) {
            text = switch (ns) {
                case 0 -> "[CLIENT wants to update its AAAA RRs and SERVER to update its PTR RRs";
                case 1 -> "[CLIENT wants SERVER to update both its AAAA and PTR RRs";
                case 4 -> "[CLIENT prefers that the server not perform *any* DNS updates";
                default -> "[ERROR: CLIENT prefers that the server not perform *any* DNS updates\n        In which case the 'S' bit MUST be 0";
            };
        } else {
            text = switch (ns) {
                case 0 -> "[CLIENT SHALL update AAAA RRs; SERVER SHALL update PTR RRs";
                case 1 -> "[SERVER SHALL update both AAAA and PTR RRs";
                case 4 -> "[CLIENT SHALL update AAAA RRs; SERVER SHALL NOT perform any DNS updates";
                default -> "[ERROR: SERVER SHALL NOT perform *any* DNS updates in which case         the 'S' bit MUST be 0";
            };
            if ((flags & 0x2) != 0 && (ns == 0 || ns == 1)) {
                suffix = "]\n[Server has overridden the client's S bit]";
            }
        }
        if (o != Tree.NOTHING) {
            need(v, 1);
            Tree f = t.at(o.field("dhcpv6.client_fqdn_flags", "Flags: 0x" + Registry.hex(flags, 2) + "  " + text + suffix,
                    "0x" + Registry.hex(flags, 2)), v, 1);
            if (client) {
                uint(f, "dhcpv6.clientfqdn.client.n", v, 1);
                uint(f, "dhcpv6.clientfqdn.client.s", v, 1);
            } else {
                uint(f, "dhcpv6.clientfqdn.server.n", v, 1);
                uint(f, "dhcpv6.clientfqdn.server.o", v, 1);
                uint(f, "dhcpv6.clientfqdn.server.s", v, 1);
            }
            if (ns == 5) {
                need(v, 1);
                t.at(o.none("dhcpv6.s_bit_should_be_zero", "ERROR: When the N-bit is set, the S-bit must be reset"), v, 1)
                        .expert("dhcpv6.s_bit_should_be_zero", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                                "ERROR: When the N-bit is set, the S-bit must be reset");
            }
        }
        domain(o, "dhcpv6.client_domain", v + 1, len - 1);
    }

    // ---- vendor-specific information -----------------------------------------------------------

    /** OPTION_VENDOR_OPTS: CableLabs' (4491) sub-options, or any enterprise's code/length/data options. */
    private void vendorOptions(Tree o, int v, int len) {
        if (len < 4) {
            malformed(o, "VENDOR_OPTS: malformed option");
            return;
        }
        long pen = t.u32(v);
        if (pen == 4491) {
            new CableLabs(t, strict).options(o, v, len);
            return;
        }
        enterprise(o, "dhcpv6.vendoropts.enterprise", v);
        int done = 0;
        while (len - 4 - done > 0) {
            int olen = t.u16(v + done + 6);
            t.need(v + done + 4, 4 + olen);
            Tree s = t.at(o.text("option"), v + done + 4, 4 + olen);
            uint(s, "dhcpv6.vendoropts.enterprise.option_code", v + done + 4, 2);
            uint(s, "dhcpv6.vendoropts.enterprise.option_length", v + done + 6, 2);
            bytes(s, "dhcpv6.vendoropts.enterprise.option_data", v + done + 8, olen);
            done += 4 + olen;
        }
    }

    // ---- domain names --------------------------------------------------------------------------

    /** A text item over a domain name field, the names under it. */
    private void domainList(Tree o, String title, String key, int v, int len) {
        if (len > 0) {
            need(v, len);
            Tree s = t.at(o.text(title), v, len);
            domain(s, key, v, len);
        }
    }

    /**
     * dhcpv6_domain: the domain names of a name field ({@code len} bytes at {@code off}), each
     * FQDN as one item ending in its root's dot, a last name without a root as a partial name;
     * what breaks the encoding gets an error item and ends the field.
     */
    void domain(Tree parent, String key, int off, int len) {
        if (len == 0) {
            return;
        }
        String title = REGISTRY.row(key).title();
        int end = off + len - 1;
        int rem = len;
        int labels = 0;
        int total = 0;
        int first = off;
        boolean fqdnSeen = false;
        StringBuilder name = new StringBuilder();
        while (rem > 0) {
            int ll = t.u8(off);
            if (ll > 63) {
                need(off, 1);
                Tree x = t.at(parent.field("dhcpv6.bogus_label_length", label("Label Length: " + ll + "\nThis is not a DNS record "
                        + "encoded domain name. The value in the first octet of\na label is the length of the name that follows and must be "
                        + "63 octets or less.\nHowever, in this case it is " + ll + " which typically means the name is not DNS encoded.\n"),
                        Integer.toString(ll)), off, 1);
                if (labels > 0) {
                    t.at(x.field("dhcpv6.decoded_portion", "The decoded portion of this FQDN to this point is [" + name + "]\n",
                            name.toString()), first, total);
                }
                t.at(x.none("dhcpv6.expert.name_not_dns_encoded", "ERROR: This name is not a DNS record encoded"), off, 1)
                        .expert("dhcpv6.expert.name_not_dns_encoded", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                                "ERROR: This name is not a DNS record encoded");
                return;
            }
            if (total == 0) {
                first = off;
            }
            off++;
            rem--;
            if (ll > rem) {
                info.append(" [DOMAIN FIELD LEN EXCEEDED]");
                need(off - 1, 1);
                Tree x = t.at(parent.field("dhcpv6.domain_field_len_exceeded", label("ERROR: The length of this name, " + ll
                        + ", exceeds the remaining length, " + rem + ", in the\ndomain name field.\n"), Integer.toString(ll)), off - 1, 1);
                if (labels > 0) {
                    t.at(x.field("dhcpv6.decoded_portion", "The successfully decoded portion of this FQDN: [" + name + "]\n",
                            name.toString()), first, total);
                }
                t.at(x.none("dhcpv6.expert.domain_field_length_exceeded", "ERROR: FQDN exceeds length of the domain name field"),
                        end - len + 1, len).expert("dhcpv6.expert.domain_field_length_exceeded", Tree.Severity.ERROR,
                        Tree.Group.MALFORMED, "ERROR: FQDN exceeds length of the domain name field");
                return;
            }
            if (ll == 0) {
                name.append('.');
                total++;
                if (labels == 0) {
                    info.append(" [ROOT-ONLY DOMAIN NAME]");
                    need(off - 1, 1);
                    Tree x = t.at(parent.string("dhcpv6.root_only_domain_name", REGISTRY.row("dhcpv6.root_only_domain_name").title(),
                            "['.' (0)]"), off - 1, 1);
                    t.at(x.none("dhcpv6.expert.root_only_domain_name", "ERROR: A root-only domain name cannot be resolved."), off - 1, 1)
                            .expert("dhcpv6.expert.root_only_domain_name", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                                    "ERROR: A root-only domain name cannot be resolved.");
                    return;
                }
                if (labels == 1) {
                    need(first, total + 1);
                    Tree x = t.at(parent.field("dhcpv6.tld", "Top Level Domain name (TLD): " + name, name.toString()), first, total + 1);
                    t.at(x.none("dhcpv6.expert.tld_lookup", "WARNING: TLDs are rarely resolvable "), first, total + 1)
                            .expert("dhcpv6.expert.tld_lookup", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                    "WARNING: TLDs are rarely resolvable ");
                } else {
                    need(first, total + 1);
                    t.at(parent.string(key, title, name.toString()), first, total + 1);
                }
                labels = 0;
                total = 0;
                name.setLength(0);
                fqdnSeen = true;
                continue;
            }
            if (off + ll - 1 == end) {
                String label = ascii(first + 1, ll);
                name.append(label);
                total += ll;
                labels++;
                if (fqdnSeen) {
                    info.append(" [PROTOCOL VIOLATION]");
                    need(first, ll);
                    Tree x = t.at(parent.field("dhcpv6.partial_name_preceded_by_fqdn", label("Partial name: " + name
                            + "\nERROR: A single or multi-part partial name must be the only name in the domain field"), name.toString()),
                            first, ll);
                    t.at(x.none("dhcpv6.expert.partial_name_preceded_by_fqdn", "ERROR: Partial name is preceded by an FQDN"), first, ll)
                            .expert("dhcpv6.expert.partial_name_preceded_by_fqdn", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                                    "ERROR: Partial name is preceded by an FQDN");
                    return;
                }
                need(first, total + 1);
                String shown = (labels == 1 ? "Partial domain name: " : "Multi-part partially qualified Domain Name: ") + name;
                t.at(parent.field(key, shown, name.toString()), first, total + 1);
                return;
            }
            if (labels > 0) {
                name.append('.');
                total++;
            }
            name.append(ascii(off, ll));
            off += ll;
            rem -= ll;
            total += ll;
            labels++;
            if (total + 2 > 255) {
                return; // the C checks this before the label (FQDN > 255): not seen in the corpus
            }
        }
    }

    // ---- items ---------------------------------------------------------------------------------

    /** An integer or boolean field of {@code len} bytes at {@code off}, labelled as proto.c labels it. */
    Tree uint(Tree parent, String key, int off, int len) {
        if (parent == Tree.NOTHING) {
            return Tree.NOTHING;
        }
        Registry.Row r = REGISTRY.row(key);
        return REGISTRY.integerItem(t, parent, r, off, len, (value, number) -> shown(key, value, number));
    }

    private static String shown(String key, long v, String number) {
        String n = REGISTRY.name(key, v);
        return n == null ? number : n + " (" + number + ")";
    }

    /**
     * A 32-bit lifetime (T1, T2, an IA Address's): DHCPV6_LEASEDURATION_INFINITY (0xffffffff) shows
     * as "infinity", under {@code infinityLabel} when 4.0.17 writes a whole label of its own. The
     * value is read with or without a tree, as the C reads it to choose.
     */
    private void lifetime(Tree parent, String key, int off, String infinityLabel) {
        long v = t.u32(off);
        if (parent == Tree.NOTHING) {
            return;
        }
        if (v != 0xffffffffL) {
            uint(parent, key, off, 4);
            return;
        }
        String label = infinityLabel != null ? infinityLabel : REGISTRY.row(key).title() + ": infinity";
        t.at(parent.field(key, label, Long.toString(v)), off, 4);
    }

    /**
     * A label the dissector formatted itself (newlines kept): one of 240 bytes or more is cut as
     * proto.c's label_mark_truncated cuts it, " [truncated]" in front.
     */
    static String label(String text) {
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (raw.length < 240) {
            return text;
        }
        byte[] b = (" [truncated]" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int end = 239;
        do {
            end--;
        } while (end > 0 && (b[end] & 0xc0) == 0x80);
        return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An FT_IPv6 field at {@code off}. */
    void ipv6Item(Tree parent, String key, int off) {
        if (parent == Tree.NOTHING) {
            return;
        }
        need(off, 16);
        String a = ipv6(off);
        t.at(parent.field(key, REGISTRY.row(key).title() + ": " + a, a), off, 16);
    }

    /** An FT_BYTES field. */
    void bytes(Tree parent, String key, int off, int len) {
        if (parent == Tree.NOTHING) {
            return;
        }
        need(off, len);
        if (len == 0) {
            t.at(parent.field(key, REGISTRY.row(key).title() + ": <MISSING>", ""), off, 0);
            return;
        }
        t.at(parent.bytes(key, REGISTRY.row(key).title(), t.s, t.base + off, len), off, len);
    }

    /** An FT_STRING field of ASCII bytes. */
    void string(Tree parent, String key, int off, int len) {
        if (parent == Tree.NOTHING) {
            return;
        }
        t.string(parent, key, REGISTRY.row(key).title(), off, len);
    }

    /** An FT_STRING field whose text the dissector made. */
    void stringItem(Tree parent, String key, int off, int len, String value) {
        if (parent == Tree.NOTHING) {
            return;
        }
        need(off, len);
        t.at(parent.string(key, REGISTRY.row(key).title(), value), off, len);
    }

    /** A 32-bit enterprise number, named as sminmpec.c names it. */
    void enterprise(Tree parent, String key, int off) {
        if (parent == Tree.NOTHING) {
            return;
        }
        need(off, 4);
        long pen = t.u32(off);
        t.at(parent.field(key, REGISTRY.row(key).title() + ": " + Enterprises.name(pen) + " (" + pen + ")", Long.toString(pen)), off, 4);
    }

    /** A list of IPv6 addresses, a multiple of 16 bytes; numbered " 1 ", " 2 " ... when {@code numbered}. */
    private void addresses(Tree o, String key, int v, int len, String bad, boolean numbered) {
        if (len % 16 != 0) {
            malformed(o, bad);
            return;
        }
        for (int i = 0; i < len; i += 16) {
            if (o == Tree.NOTHING) {
                continue;
            }
            need(v + i, 16);
            String a = ipv6(v + i);
            String label = REGISTRY.row(key).title() + ": " + a;
            t.at(o.field(key, numbered ? " " + (i / 16 + 1) + " " + label : label, a), v + i, 16);
        }
    }

    /** ENC_ASCII: the bytes as characters, each byte above 0x7f as U+FFFD. */
    private String ascii(int off, int len) {
        t.need(off, len);
        return Text.ascii(t.s, t.base + off, len);
    }

    String ipv6(int off) {
        return Text.ipv6(t.copy(off, 16));
    }

    /** tvb_bytes_to_str: lower-case hex of the first 36 bytes, "…" after when there are more. */
    String hex(int off, int len) {
        int n = Math.min(len, 36);
        t.need(off, n);
        StringBuilder sb = new StringBuilder(n * 2 + 1);
        for (int i = 0; i < n; i++) {
            sb.append(Registry.hex(t.u8(off + i), 2));
        }
        if (len > 36) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** tvb_arphrdaddr_to_str: an Ethernet address (types 1 and 6, six bytes) with colons, else hex. */
    private String hwAddr(int off, int len, int type) {
        if ((type == 1 || type == 6) && len == 6) {
            t.need(off, 6);
            return Text.hexColons(t.s, t.base + off, 6);
        }
        return hex(off, len);
    }
}
