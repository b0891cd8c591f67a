package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tree;

/**
 * The options of an OPT record (EDNS(0), RFC 6891 §6.1.2) as packet-dns.c shows them: each an
 * "Option: NAME" item with its code, length and data, then what the option holds: DAU/DHU/N3U
 * (RFC 6975), Client Subnet (RFC 7871), COOKIE (RFC 7873), TCP keepalive (RFC 7828), PADDING
 * (RFC 7830), CHAIN (RFC 7901), Extended DNS Error (RFC 8914).
 */
final class EdnsOptions {
    private EdnsOptions() { }

    static void dissect(DnsBytes b, int cur, int len, Tree rr) {
        int left = len;
        while (left > 0) {
            int code = b.u16(cur);
            left -= 2;
            int optLen = b.u16(cur + 2);
            left -= 2;
            String name = DnsValues.optCode(code);
            String codeName = name != null ? name : "Unknown (" + code + ")";
            b.need(cur, 4 + optLen);
            Tree o = rr == null ? null : b.at(rr.none("dns.opt", "Option: " + codeName), cur, 4 + optLen);
            if (o != null) {
                b.at(o.field("dns.opt.code", "Option Code: " + (name != null ? name + " (" + code + ")" : codeName),
                        Integer.toString(code)), cur, 2);
                b.at(o.field("dns.opt.len", "Option Length: " + optLen, Integer.toString(optLen)), cur + 2, 2);
                RData.bytes(o, "dns.opt.data", "Option Data", b.s, b.base + cur + 4, optLen);
            }
            cur += 4;
            switch (code) {
                case 5, 6, 7 -> { // DAU, DHU, N3U: one algorithm number a byte
                    String key = code == 5 ? "dns.opt.dau" : code == 6 ? "dns.opt.dhu" : "dns.opt.n3u";
                    String title = code == 5 ? "DAU" : code == 6 ? "DHU" : "N3U";
                    for (int n = optLen; n != 0; n--) {
                        int v = b.u8(cur);
                        if (o != null) {
                            String vn = code == 5 ? RData.algorithm(v) : code == 6 ? RData.digestType(v)
                                    : v == 0 ? "Reserved" : v == 1 ? "SHA-1" : "Unknown";
                            b.at(o.field(key, title + ": " + vn + " (" + v + ")", Integer.toString(v)), cur, 1);
                        }
                        cur++;
                        left--;
                    }
                }
                case 8, 0x50fa -> { // CSUBNET (and its draft code)
                    if (code == 0x50fa && o != null) {
                        o.expert("dns.depr.opc", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                "Deprecated opcode. Client subnet OPT assigned as 8.");
                    }
                    int family = b.u16(cur);
                    int addrLen = (optLen - 4) & 0xffff;
                    if (o != null) {
                        String fn = family == 1 ? "IPv4" : family == 2 ? "IPv6" : "Unknown";
                        b.at(o.field("dns.opt.client.family", "Family: " + fn + " (" + family + ")", Integer.toString(family)), cur, 2);
                        b.at(o.field("dns.opt.client.netmask", "Source Netmask: " + b.u8(cur + 2), Integer.toString(b.u8(cur + 2))), cur + 2, 1);
                        b.at(o.field("dns.opt.client.scope", "Scope Netmask: " + b.u8(cur + 3), Integer.toString(b.u8(cur + 3))), cur + 3, 1);
                    }
                    cur += 4;
                    if (addrLen > 16) {
                        addrLen = 16;
                    }
                    b.need(cur, addrLen);
                    if (o != null) {
                        byte[] a = new byte[16];
                        System.arraycopy(b.copy(cur, addrLen), 0, a, 0, addrLen);
                        DnsBytes whole = new DnsBytes(java.lang.foreign.MemorySegment.ofArray(a), 0, 16, 16);
                        if (family == 1) {
                            String v = whole.ipv4(0);
                            b.at(o.field("dns.opt.client.addr4", "Client Subnet: " + v, v), cur, addrLen);
                        } else if (family == 2) {
                            String v = whole.ipv6(0);
                            b.at(o.field("dns.opt.client.addr6", "Client Subnet: " + v, v), cur, addrLen);
                        } else {
                            RData.bytes(o, "dns.opt.client.addr", "Client Subnet", b.s, b.base + cur, optLen - 4);
                        }
                    }
                    cur += optLen - 4;
                    left -= optLen;
                }
                case 10 -> { // COOKIE (RFC 7873)
                    b.need(cur, 8);
                    if (o != null) {
                        o.bytes("dns.opt.cookie.client", "Client Cookie", b.s, b.base + cur, 8);
                    }
                    cur += 8;
                    left -= 8;
                    int server = optLen - 8;
                    b.need(cur, server);
                    if (o != null) {
                        RData.bytes(o, "dns.opt.cookie.server", "Server Cookie", b.s, b.base + cur, server);
                    }
                    cur += server;
                    left -= server;
                }
                case 11 -> { // edns-tcp-keepalive
                    if (optLen == 2 && o != null) {
                        int t = b.u16(cur);
                        b.at(o.field("dns.opt.edns_tcp_keepalive.timeout", "Timeout: " + t, Integer.toString(t)), cur, 2);
                    }
                    cur += optLen;
                    left -= optLen;
                }
                case 12 -> { // PADDING (RFC 7830)
                    if (o != null) {
                        RData.bytes(o, "dns.opt.padding", "Padding", b.s, b.base + cur, optLen);
                    }
                    cur += optLen;
                    left -= optLen;
                }
                case 13 -> { // CHAIN
                    if (optLen > 0 && o != null) {
                        b.at(o.string("dns.opt.chain.fqdn", "Closest Trust Point", DnsBytes.untilNul(b.latin1(cur, optLen))), cur, optLen);
                    }
                    cur += optLen;
                    left -= optLen;
                }
                case 15 -> { // Extended DNS Error (RFC 8914)
                    if (optLen >= 2) {
                        int info = b.u16(cur);
                        if (o != null) {
                            b.at(o.field("dns.opt.ext_error.info_code", "Info Code: " + extendedError(info) + " (" + info + ")",
                                    Integer.toString(info)), cur, 2);
                        }
                        cur += 2;
                        left -= 2;
                        if (optLen > 2) {
                            if (o != null) {
                                b.at(o.string("dns.opt.ext_error.extra_text", "Extra Text",
                                        new String(b.copy(cur, optLen - 2), java.nio.charset.StandardCharsets.UTF_8)), cur, optLen - 2);
                            }
                            cur += optLen - 2;
                            left -= optLen - 2;
                        }
                    }
                }
                default -> {
                    cur += optLen;
                    left -= optLen;
                }
            }
        }
    }

    /** packet-dns.c dns_ext_err_info_code (RFC 8914 §5.2 and the IANA registry). */
    static String extendedError(int code) {
        String[] names = {"Other Error", "Unsupported DNSKEY Algorithm", "Unsupported DS Digest Type", "Stale Answer",
            "Forged Answer", "DNSSEC Indeterminate", "DNSSEC Bogus", "Signature Expired", "Signature Not Yet Valid",
            "DNSKEY Missing", "RRSIGs Missing", "No Zone Key Bit Set", "NSEC Missing", "Cached Error", "Not Ready",
            "Blocked", "Censored", "Filtered", "Prohibited", "Stale NXDomain Answer", "Not Authoritative",
            "Not Supported", "No Reachable Authority", "Network Error", "Invalid Data", "Signature Expired before Valid",
            "Too Early", "Unsupported NSEC3 Iterations Value", "Unable to conform to policy", "Synthesized"};
        if (code < names.length) {
            return names[code];
        }
        return code < 49152 ? "Unassigned" : "Reserved for Private Use";
    }
}
