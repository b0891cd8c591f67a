package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.End;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv4OptionWalk;
import dev.tcpscope.wire.Ipv6;

import java.lang.foreign.MemorySegment;

/**
 * Detail items of IPv4 (packet-ip.c, RFC 791) and IPv6 (packet-ipv6.c, RFC 8200): the header
 * fields with their bit patterns, the hidden address fields JSON shows, IPv4 options; the IPv6
 * extension headers are {@link Ipv6Extensions}'.
 */
final class IpDetails {
    private static final String[] DSCP_SHORT = new String[64];
    private static final String[] DSCP_LONG = new String[64];
    private static final String[] ECN_SHORT = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    private static final String[] ECN_LONG = {
        "Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'",
        "ECN-Capable Transport codepoint '10'", "Congestion Experienced"
    };

    static {
        dscp(0, "CS0", "Default");
        dscp(1, "LE", "Lower Effort");
        for (int c = 1; c <= 7; c++) {
            dscp(c * 8, "CS" + c, "Class Selector " + c);
        }
        for (int c = 1; c <= 4; c++) {
            for (int p = 1; p <= 3; p++) {
                dscp(c * 8 + p * 2, "AF" + c + p, "Assured Forwarding " + c + p);
            }
        }
        dscp(44, "VOICE-ADMIT", "Voice Admit");
        dscp(46, "EF PHB", "Expedited Forwarding");
    }

    private static void dscp(int v, String shortName, String longName) {
        DSCP_SHORT[v] = shortName;
        DSCP_LONG[v] = longName;
    }

    private final Details x;

    IpDetails(Details x) {
        this.x = x;
    }

    /** "(DSCP: CS0, ECN: Not-ECT)" for a DS field / traffic class. */
    private static String dsSummary(int ds) {
        String dscp = DSCP_SHORT[ds >>> 2];
        return " (DSCP: " + (dscp != null ? dscp : "Unknown") + ", ECN: " + ECN_SHORT[ds & 3] + ")";
    }

    private static String dscpName(int dscp) {
        return DSCP_LONG[dscp] != null ? DSCP_LONG[dscp] : "Unknown";
    }

    static String protoName(int p) {
        String name = ValueNames.IP_PROTO.name(p);
        return (name != null ? name : "Unknown") + " (" + p + ")";
    }

    boolean ipv4(int i, boolean last) {
        Dissection d = x.d;
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        x.protocol("ip");
        if (!x.bounds(i, 1, "IPv4")) {
            return false; // packet-ip.c reads the header length before it adds its item
        }
        int b0 = Bytes.u8(s, off);
        DetailNode ip = x.root.protocol("ip", "Internet Protocol Version 4").at(s, off, (b0 & 0x0f) * 4);
        int version = b0 >>> 4;
        DetailNode v = ip.field("ip.version", Bits.pattern(b0, 0xf0, 8) + "Version: " + version, version).at(s, off, 1);
        if (last && d.end == End.BOGUS && d.bogusKind == Dissection.Bogus.IPV4_VERSION) {
            Expert.add(v, "ip.bogus_ip_version", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                    "Bogus IPv4 version");
            return false;
        }
        int hlen = (b0 & 0x0f) * 4;
        DetailNode hl = ip.field("ip.hdr_len", Bits.pattern(b0, 0x0f, 8) + "Header Length: " + hlen + " bytes (" + (hlen >> 2) + ")",
                Integer.toString(hlen)).at(s, off, 1);
        if (hlen < Ipv4.MIN_HEADER_LENGTH) {
            Expert.add(hl, "ip.bogus_header_length", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                    "Bogus IP header length (" + hlen + ", must be at least 20)");
            return false;
        }
        if (!x.bounds(i, 2, "IPv4")) {
            return false;
        }
        int tos = Bytes.u8(s, off + 1);
        DetailNode ds = ip.field("ip.dsfield", "Differentiated Services Field: " + Labels.hex(tos, 2) + dsSummary(tos),
                Labels.hex(tos, 2)).at(s, off + 1, 1);
        ds.field("ip.dsfield.dscp", Bits.pattern(tos, 0xfc, 8) + "Differentiated Services Codepoint: "
                + dscpName(tos >>> 2) + " (" + (tos >>> 2) + ")", tos >>> 2).at(s, off + 1, 1);
        ds.field("ip.dsfield.ecn", Bits.pattern(tos, 0x03, 8) + "Explicit Congestion Notification: "
                + ECN_LONG[tos & 3] + " (" + (tos & 3) + ")", tos & 3).at(s, off + 1, 1);
        if (!x.bounds(i, 4, "IPv4")) {
            return false;
        }
        int total = Ipv4.totalLength(s, off);
        if (total < hlen) {
            if (total == 0) {
                int rep = d.reported(i);
                ip.field("ip.len", "Total Length: " + rep
                        + " bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))",
                        Integer.toString(rep)).generated().at(s, off + 2, 2);
            } else {
                DetailNode len = ip.field("ip.len", "Total Length: " + total + " bytes (bogus, less than header length "
                        + hlen + ")", total).at(s, off + 2, 2);
                Expert.add(len, "ip.bogus_ip_length", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                        "IPv4 total length exceeds packet length (" + total + " bytes)");
                return false;
            }
        } else {
            DetailNode len = ip.field("ip.len", "Total Length: " + total, total).at(s, off + 2, 2);
            if (total > d.reported(i) && !x.inErrorPacket(i)) {
                Expert.add(len, "ip.bogus_ip_length", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                        "IPv4 total length exceeds packet length (" + d.reported(i) + " bytes)");
            }
        }
        return ipv4Fields(i, s, off, ip, hlen);
    }

    /*
     * ipv4 is cut in three (ipv4Fields, ipv4Addresses): each label's string concatenation is a
     * call site that C1 inlines whole, and the method in one piece took 18 MB to compile, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted (bench/README.md, session 40).
     */

    /** Identification to the header checksum. */
    private boolean ipv4Fields(int i, MemorySegment s, long off, DetailNode ip, int hlen) {
        if (!x.bounds(i, 6, "IPv4")) {
            return false;
        }
        int id = Ipv4.id(s, off);
        ip.field("ip.id", "Identification: " + Labels.hex(id, 4) + " (" + id + ")", Labels.hex(id, 4)).at(s, off + 4, 2);
        if (!x.bounds(i, 8, "IPv4")) {
            return false;
        }
        int fo = Bytes.u16(s, off + 6);
        int flags = fo >>> 13;
        StringBuilder fl = new StringBuilder(Bits.pattern(fo >>> 8, 0xe0, 8)).append("Flags: 0x").append(flags);
        if ((flags & 4) != 0) {
            fl.append(", Reserved bit");
        }
        if ((flags & 2) != 0) {
            fl.append(", Don't fragment");
        }
        if ((flags & 1) != 0) {
            fl.append(", More fragments");
        }
        DetailNode f = ip.field("ip.flags", fl.toString(), Labels.hex(flags, 2)).at(s, off + 6, 1);
        f.field("ip.flags.rb", Bits.flag(fo >>> 8, 0x80, 8, "Reserved bit"), (flags & 4) != 0 ? "1" : "0").at(s, off + 6, 1);
        f.field("ip.flags.df", Bits.flag(fo >>> 8, 0x40, 8, "Don't fragment"), (flags & 2) != 0 ? "1" : "0").at(s, off + 6, 1);
        f.field("ip.flags.mf", Bits.flag(fo >>> 8, 0x20, 8, "More fragments"), (flags & 1) != 0 ? "1" : "0").at(s, off + 6, 1);
        ip.field("ip.frag_offset", Bits.pattern(fo, 0x1fff, 16) + "Fragment Offset: " + (fo & 0x1fff) * 8,
                Integer.toString(fo & 0x1fff)).at(s, off + 6, 2);
        if (!x.bounds(i, 9, "IPv4")) {
            return false;
        }
        int ttl = Ipv4.ttl(s, off);
        DetailNode ttlItem = ip.field("ip.ttl", "Time to Live: " + ttl, ttl).at(s, off + 8, 1);
        if (!x.bounds(i, 10, "IPv4")) {
            return false;
        }
        int proto = Ipv4.protocol(s, off);
        ip.field("ip.proto", "Protocol: " + protoName(proto), proto).at(s, off + 9, 1);
        if (!x.bounds(i, 12, "IPv4")) {
            return false;
        }
        int sum = Bytes.u16(s, off + 10);
        ip.field("ip.checksum", "Header Checksum: " + Labels.hex(sum, 4) + " [validation disabled]", Labels.hex(sum, 4))
                .at(s, off + 10, 2);
        ip.field("ip.checksum.status", "Header checksum status: Unverified", "2").generated().at(s, off + 10, 0);
        return ipv4Addresses(i, s, off, ip, hlen, ttl, ttlItem, proto);
    }

    /** The addresses, the options and the reassembly. */
    private boolean ipv4Addresses(int i, MemorySegment s, long off, DetailNode ip, int hlen, int ttl, DetailNode ttlItem,
                                  int proto) {
        Dissection d = x.d;
        if (!x.bounds(i, 16, "IPv4")) {
            return false;
        }
        String src = Labels.ipv4(s, off + Ipv4.SRC);
        ip.relabel("Internet Protocol Version 4, Src: " + src);
        ip.field("ip.src", "Source Address: " + src, src).at(s, off + Ipv4.SRC, 4);
        ip.hidden("ip.addr", src).at(s, off + Ipv4.SRC, 4);
        ip.hidden("ip.src_host", src).generated().at(s, off + Ipv4.SRC, 4);
        ip.hidden("ip.host", src).generated().at(s, off + Ipv4.SRC, 4);
        if (!x.bounds(i, 20, "IPv4")) {
            return false;
        }
        // A source route option names the final destination; the header's is the current hop.
        int dstAt = hlen > Ipv4.MIN_HEADER_LENGTH ? Ipv4OptionWalk.destinationOffset(s, off, hlen, d.captured(i)) : Ipv4.DST;
        if (dstAt < 0) {
            x.bounds(i, -dstAt, "IPv4");
            return false;
        }
        String dst = Labels.ipv4(s, off + dstAt);
        long dst32 = Bytes.u32(s, off + dstAt);
        ttlExpert(ttlItem, ttl, dst32, proto);
        StringBuilder summary = new StringBuilder(80).append("Internet Protocol Version 4, Src: ").append(src)
                .append(", Dst: ").append(dst);
        if (dstAt != Ipv4.DST) {
            String via = Labels.ipv4(s, off + Ipv4.DST);
            summary.append(", Via: ").append(via);
            ip.field("ip.cur_rt", "Current Route: " + via, via).at(s, off + Ipv4.DST, 4);
            ip.hiddenField("ip.cur_rt_host", "Current Route Host: " + via, via).generated().at(s, off + Ipv4.DST, 4); // labelled (PDML)
        } else {
            ip.field("ip.dst", "Destination Address: " + dst, dst).at(s, off + Ipv4.DST, 4);
            ip.hidden("ip.addr", dst).at(s, off + Ipv4.DST, 4);
            ip.hidden("ip.dst_host", dst).generated().at(s, off + Ipv4.DST, 4);
            ip.hidden("ip.host", dst).generated().at(s, off + Ipv4.DST, 4);
        }
        // The summary's addresses are known once both are read (packet-ip.c appends them then).
        ip.relabel(summary.toString());
        if (hlen > Ipv4.MIN_HEADER_LENGTH) {
            if (!x.bounds(i, hlen, "IPv4")) {
                return false;
            }
            if (!Ipv4Options.add(x, ip, s, off + Ipv4.MIN_HEADER_LENGTH, hlen - Ipv4.MIN_HEADER_LENGTH, ttl)) {
                return false;
            }
        }
        ReassemblyDetails.add(x, ip, i);
        x.consumed(i, hlen);
        return true;
    }

    /** packet-ip.c's TTL checks: 1 for the local network control block, at least 5 elsewhere. */
    private static void ttlExpert(DetailNode ttlItem, int ttl, long dst, int proto) {
        if ((dst & 0xffffff00L) == 0xe0000000L) {
            // VRRP (224.0.0.18) and Cisco GLBP (224.0.0.102) send with 255; mDNS (224.0.0.251)
            // and LLMNR (224.0.0.252) may use any TTL
            int valid = dst == 0xe0000012L || dst == 0xe0000066L ? 255
                    : dst == 0xe00000fbL || dst == 0xe00000fcL ? -1 : 1;
            if (proto == 2) {
                valid = 1;
            }
            if (valid >= 0 && ttl != valid) {
                Expert.add(ttlItem, "ip.ttl.lncb", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        "\"Time To Live\" != " + valid + " for a packet sent to the Local Network Control Block (see RFC 3171)");
            }
        } else if (ttl < 5 && (dst & 0xf0000000L) != 0xe0000000L && proto != 103 && proto != 89) {
            Expert.add(ttlItem, "ip.ttl.too_small", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                    "\"Time To Live\" only " + ttl);
        }
    }


    boolean ipv6(int i, boolean last) {
        Dissection d = x.d;
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.end != End.BOGUS || d.bogusKind != Dissection.Bogus.IPV6_VERSION || i != d.count() - 1) {
            x.protocol("ipv6"); // packet-ipv6.c returns 0 for a version that is not 6: not a layer
        }
        DetailNode ip = x.root.protocol("ipv6", "Internet Protocol Version 6").at(s, off, Ipv6.HEADER_LENGTH);
        x.ipv6Item = ip;
        if (!x.bounds(i, 1, "IPv6")) {
            return false;
        }
        int b0 = Bytes.u8(s, off);
        int version = b0 >>> 4;
        DetailNode v = ip.field("ipv6.version", Bits.pattern(b0, 0xf0, 8) + "Version: " + version, version)
                .at(s, off, 1);
        // packet-ipv6.c's second "ip.version" field has a mask where IPv4's has none
        ip.field("ip.version", Bits.pattern(b0, 0xf0, 8) + "Version: " + version
                + " [This field makes the filter match on \"ip.version == 6\" possible]",
                Integer.toString(version)).hide().at(s, off, 1).bitmask(0xf0);
        if (version != 6) {
            Expert.add(v, "ipv6.bogus_ipv6_version", Expert.Severity.ERROR, Expert.Group.MALFORMED, "Bogus IPv6 version");
            return false;
        }
        if (d.reported(i) < Ipv6.HEADER_LENGTH) {
            Expert.add(ip, "ipv6.invalid_header", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    "IPv6 header must be exactly 40 bytes");
        }
        if (!x.bounds(i, 4, "IPv6")) {
            return false;
        }
        long w = Bytes.u32(s, off);
        int tc = (int) (w >>> 20) & 0xff;
        DetailNode t = ip.field("ipv6.tclass", Bits.pattern(w, 0x0ff00000L, 32) + "Traffic Class: " + Labels.hex(tc, 2)
                + dsSummary(tc), Labels.hex(tc, 8)).at(s, off, 4);
        t.field("ipv6.tclass.dscp", Bits.pattern(w, 0x0fc00000L, 32) + "Differentiated Services Codepoint: "
                + dscpName(tc >>> 2) + " (" + (tc >>> 2) + ")", tc >>> 2).at(s, off, 4);
        t.field("ipv6.tclass.ecn", Bits.pattern(w, 0x00300000L, 32) + "Explicit Congestion Notification: "
                + ECN_LONG[tc & 3] + " (" + (tc & 3) + ")", tc & 3).at(s, off, 4);
        long flow = w & 0xfffff;
        ip.field("ipv6.flow", Bits.pattern(w & 0xffffff, 0x0fffff, 24) + "Flow Label: " + Labels.hex(flow, 5),
                Labels.hex(flow, 6)).at(s, off + 1, 3);
        return ipv6Rest(i, s, off, ip);
    }

    /** From the payload length on: ipv6 in one piece took 11 MB to compile with C1 (see ipv4Fields). */
    private boolean ipv6Rest(int i, MemorySegment s, long off, DetailNode ip) {
        Dissection d = x.d;
        if (!x.bounds(i, 6, "IPv6")) {
            return false;
        }
        int plen = Ipv6.payloadLength(s, off);
        if (!x.bounds(i, 7, "IPv6")) {
            return false;
        }
        int nxt = Ipv6.nextHeader(s, off);
        // tshark 4.0 does not presume TCP segmentation offload for IPv6 (ipv6.tso_supported is off)
        DetailNode plenItem = ip.field("ipv6.plen", "Payload Length: " + plen, plen).at(s, off + 4, 2);
        if (plen == 0 && nxt != Ipv6.EXT_HOP_BY_HOP && nxt != Ipv6.NO_NEXT_HEADER) {
            Expert.add(plenItem, "ipv6.plen_zero", Expert.Severity.CHAT, Expert.Group.PROTOCOL,
                    "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))");
        }
        ip.field("ipv6.nxt", "Next Header: " + protoName(nxt), nxt).at(s, off + 6, 1);
        if (!x.bounds(i, 8, "IPv6")) {
            return false;
        }
        int hlim = Bytes.u8(s, off + 7);
        ip.field("ipv6.hlim", "Hop Limit: " + hlim, hlim).at(s, off + 7, 1);
        if (!x.bounds(i, 24, "IPv6")) {
            return false;
        }
        String src = ipv6(s, off + Ipv6.SRC);
        address(ip, src, "src", "Source Address", s, off + Ipv6.SRC);
        if (!x.bounds(i, 40, "IPv6")) {
            return false;
        }
        String dst = ipv6(s, off + Ipv6.DST);
        address(ip, dst, "dst", "Destination Address", s, off + Ipv6.DST);
        ip.relabel("Internet Protocol Version 6, Src: " + src + ", Dst: " + dst);
        sixToFour(ip, s, off + Ipv6.SRC, "src", "Source");
        sixToFour(ip, s, off + Ipv6.DST, "dst", "Destination");
        teredo(ip, s, off + Ipv6.SRC, "src", "Source");
        teredo(ip, s, off + Ipv6.DST, "dst", "Destination");
        slaac(ip, s, off + Ipv6.SRC, "src", "Source");
        slaac(ip, s, off + Ipv6.DST, "dst", "Destination");
        isatap(ip, s, off + Ipv6.SRC, "src", "Source");
        isatap(ip, s, off + Ipv6.DST, "dst", "Destination");
        long datagram = plen;
        long jumbo = 0;
        if (plen == 0 && nxt == Ipv6.EXT_HOP_BY_HOP) {
            jumbo = Ipv6.jumboPayloadLength(s, off + Ipv6.HEADER_LENGTH, d.captured(i) - Ipv6.HEADER_LENGTH);
            if (jumbo != 0) {
                plenItem.relabel("Payload Length: 0 (Jumbogram)");
                datagram = jumbo;
            } else {
                Expert.add(plenItem, "ipv6.opt.jumbo.missing", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing");
            }
        }
        int framing = d.reported(i) - Ipv6.HEADER_LENGTH; // not trimmed when the payload length exceeds it
        if (!x.inErrorPacket(i) && datagram > framing) {
            Expert.add(plenItem, "ipv6.plen_exceeds_framing", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "IPv6 payload length exceeds framing length (" + framing + " bytes)");
        }
        if (!Ipv6Extensions.add(x, ip, i, nxt, plen, jumbo)) {
            return false;
        }
        // After the Fragment header's item: a datagram this fragment completed.
        ReassemblyDetails.add(x, ip, i);
        return true;
    }

    static String ipv6(MemorySegment s, long off) {
        StringBuilder sb = new StringBuilder(40);
        AddressText.appendIpv6(sb, s, off);
        return sb.toString();
    }

    private static void address(DetailNode ip, String a, String which, String title, MemorySegment s, long at) {
        ip.field("ipv6." + which, title + ": " + a, a).at(s, at, 16);
        ip.hidden("ipv6.addr", a).at(s, at, 16);
        ip.hidden("ipv6." + which + "_host", a).generated().at(s, at, 16);
        ip.hidden("ipv6.host", a).generated().at(s, at, 16);
    }

    /** RFC 3056 §2: a 2002::/16 address embeds its 6to4 gateway's IPv4 address and an SLA ID. */
    private static void sixToFour(DetailNode ip, MemorySegment s, long a, String which, String title) {
        if (Bytes.u16(s, a) != 0x2002) {
            return;
        }
        String gw = Labels.ipv4(s, a + 2);
        int sla = Bytes.u16(s, a + 6);
        ip.field("ipv6." + which + "_6to4_gw_ipv4", title + " 6to4 Gateway IPv4: " + gw, gw).generated().at(s, a + 2, 4);
        ip.field("ipv6." + which + "_6to4_sla_id", title + " 6to4 SLA ID: " + sla, Integer.toString(sla)).generated()
                .at(s, a + 6, 2);
        ip.hidden("ipv6.6to4_gw_ipv4", gw).generated().at(s, a + 2, 4);
        ip.hidden("ipv6.6to4_sla_id", Integer.toString(sla)).generated().at(s, a + 6, 2);
    }

    /**
     * RFC 4380 §4: a 2001:0::/32 address embeds its Teredo server's IPv4 address and its client's
     * mapped port and IPv4 address, both obfuscated (each bit inverted).
     */
    private static void teredo(DetailNode ip, MemorySegment s, long a, String which, String title) {
        if (Bytes.u32(s, a) != 0x20010000L) {
            return;
        }
        String server = Labels.ipv4(s, a + 4);
        String port = Integer.toString(Bytes.u16(s, a + 10) ^ 0xffff);
        long c = ~Bytes.u32(s, a + 12) & 0xffffffffL;
        String client = (c >>> 24) + "." + (c >>> 16 & 0xff) + "." + (c >>> 8 & 0xff) + "." + (c & 0xff);
        ip.field("ipv6." + which + "_ts_ipv4", title + " Teredo Server IPv4: " + server, server).generated().at(s, a + 4, 4);
        ip.field("ipv6." + which + "_tc_port", title + " Teredo Port: " + port, port).generated().at(s, a + 10, 2);
        ip.field("ipv6." + which + "_tc_ipv4", title + " Teredo Client IPv4: " + client, client).generated().at(s, a + 12, 4);
        ip.field("ipv6.ts_ipv4", "Teredo Server IPv4: " + server, server).hide().generated().at(s, a + 4, 4);
        ip.field("ipv6.tc_port", "Teredo Port: " + port, port).hide().generated().at(s, a + 10, 2);
        ip.field("ipv6.tc_ipv4", "Teredo Client IPv4: " + client, client).hide().generated().at(s, a + 12, 4);
    }

    /** RFC 5214 §6.1: an interface identifier 0000:5efe or 0200:5efe embeds the ISATAP IPv4 address. */
    private static void isatap(DetailNode ip, MemorySegment s, long a, String which, String title) {
        if ((Bytes.u32(s, a + 8) & 0xfdffffffL) != 0x00005efeL) {
            return;
        }
        String v4 = Labels.ipv4(s, a + 12);
        ip.field("ipv6." + which + "_isatap_ipv4", title + " ISATAP IPv4: " + v4, v4).generated().at(s, a + 12, 4);
        ip.field("ipv6.isatap_ipv4", "ISATAP IPv4: " + v4, v4).hide().generated().at(s, a + 12, 4);
    }

    /** RFC 4291 appendix A: an interface identifier with the universal bit and ff:fe embeds a MAC. */
    private void slaac(DetailNode ip, MemorySegment s, long a, String which, String title) {
        if ((Bytes.u8(s, a + 8) & 0x02) == 0 || Bytes.u16(s, a + 11) != 0xfffe) {
            return;
        }
        byte[] mac = {
            (byte) (Bytes.u8(s, a + 8) & ~0x02), (byte) Bytes.u8(s, a + 9), (byte) Bytes.u8(s, a + 10),
            (byte) Bytes.u8(s, a + 13), (byte) Bytes.u8(s, a + 14), (byte) Bytes.u8(s, a + 15)
        };
        MemorySegment m = MemorySegment.ofArray(mac);
        String plain = Labels.mac(m, 0);
        ip.field("ipv6." + which + "_slaac_mac", title + " SLAAC MAC: " + x.macs().name(m, 0) + " (" + plain + ")", plain)
                .generated().at(s, a + 8, 8);
        ip.field("ipv6.slaac_mac", "SLAAC MAC: " + x.macs().name(m, 0) + " (" + plain + ")", plain).hide().generated()
                .at(s, a + 8, 8);
    }

    /**
     * The item packet-ipv6.c leaves for an IPv6 header inside IP whose version is not 6: its
     * version and the error; the bytes are then data (see {@code Dissection.nestedIpv6Version}).
     */
    void bogusNestedIpv6(MemorySegment s, long off, int cap) {
        DetailNode ip = x.root.protocol("ipv6", "Internet Protocol Version 6").at(s, off, Math.min(Ipv6.HEADER_LENGTH, cap));
        int b0 = Bytes.u8(s, off);
        int version = b0 >>> 4;
        DetailNode v = ip.field("ipv6.version", Bits.pattern(b0, 0xf0, 8) + "Version: " + version, version).at(s, off, 1);
        ip.field("ip.version", Bits.pattern(b0, 0xf0, 8) + "Version: " + version
                + " [This field makes the filter match on \"ip.version == 6\" possible]",
                Integer.toString(version)).hide().at(s, off, 1).bitmask(0xf0);
        Expert.add(v, "ipv6.bogus_ipv6_version", Expert.Severity.ERROR, Expert.Group.MALFORMED, "Bogus IPv6 version");
    }
}
