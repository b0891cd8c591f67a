package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tree;

/**
 * One resource record (RFC 1035 §4.1.3) as packet-dns.c's {@code dissect_dns_answer} shows it:
 * {@code " TYPE"} and the type's summary in Info (the address of an A or AAAA, the target of a
 * CNAME, NS, PTR, the preference and exchange of an MX ...; for several old types the owner
 * name, as Wireshark writes it), and in the tree the owner, type, class, TTL and data length,
 * then the data: A, AAAA, NS, CNAME, DNAME, PTR, SOA, MX, TXT, HINFO, SRV, OPT (RFC 6891) and
 * its options, DS, DNSKEY, RRSIG and NSEC (RFC 4034). Other types' data is left out of the
 * tree (an unknown type shows as {@code dns.data}, with Wireshark's note).
 */
final class DnsRecords {
    private DnsRecords() { }

    /** Returns the bytes the record takes. */
    static int answer(DnsWalk w, DnsBytes b, int start, Tree parent) {
        int dataOffset = w.dataOffset();
        boolean mdns = w.kind() == Dns.Kind.MDNS;
        StringBuilder info = w.info();
        DnsName owner = DnsName.read(b, start, dataOffset);
        int type = b.u16(start + owner.used);
        int cls = b.u16(start + owner.used + 2);
        boolean flush = mdns && (cls & 0x8000) != 0;
        if (mdns) {
            cls &= 0x7fff;
        }
        String typeName = DnsValues.typeName(type);
        String className = DnsValues.dnsClass(cls);
        int dataLen = b.u16(start + owner.used + 8);
        int cur = start + owner.used + 10;
        info.append(' ').append(typeName);
        if (flush) {
            info.append(", cache flush");
        }
        Tree rr = null;
        String label = null;
        String ownerText = owner.text();
        if (parent != null) {
            // the record's item covers its data: adding it checks those bytes exist (proto.c)
            b.need(start, cur - start + dataLen);
            if (type != DnsWalk.T_OPT) {
                label = ownerText + ": type " + typeName + ", class " + (className != null ? className : "Unknown");
                rr = b.at(parent.text(label), start, cur - start + dataLen);
                header(rr, b, start, owner, ownerText, type, cls, mdns, flush);
            } else {
                label = ownerText + ": type " + typeName;
                rr = b.at(parent.text(label), start, cur - start + dataLen);
                optHeader(rr, b, start, owner, ownerText, mdns);
            }
            if (flush) {
                label += ", cache flush";
                rr.relabel(label);
            }
        }
        if (dataLen == 0) {
            return cur - start;
        }
        new RData(w, b, cur, dataLen, rr, label, owner).dissect(type);
        return cur + dataLen - start;
    }

    private static void header(Tree rr, DnsBytes b, int off, DnsName owner, String ownerText, int type, int cls,
                               boolean mdns, boolean flush) {
        int o = off;
        int type16 = b.u16(o + owner.used);
        if (type == 33 && !owner.name.isEmpty()) {
            String[] parts = owner.name.split("\\.", 3);
            b.at(rr.string("dns.srv.service", "Service", DnsBytes.formatText(parts[0])), o, owner.used);
            if (parts.length > 1) {
                b.at(rr.string("dns.srv.proto", "Protocol", DnsBytes.formatText(parts[1])), o, owner.used);
                if (parts.length > 2) {
                    b.at(rr.string("dns.srv.name", "Name", DnsBytes.formatText(parts[2])), o, owner.used);
                }
            }
        } else {
            b.at(rr.string("dns.resp.name", "Name", ownerText), o, owner.used);
        }
        o += owner.used;
        b.at(rr.field("dns.resp.type", "Type: " + DnsWalk.typeDescribed(type16), Integer.toString(type16)), o, 2);
        o += 2;
        String cn = DnsValues.dnsClass(cls);
        String classText = (cn != null ? cn : "Unknown") + " (0x" + DnsWalk.hex4(cls) + ")";
        if (mdns) {
            // hf_dns_rr_class_mdns: the name of hf_dns_rr_class with a mask
            b.at(rr.field("dns.resp.class", DnsWalk.bitString(cls, 0x7fff, 16) + " = Class: " + classText, "0x" + DnsWalk.hex4(cls)), o, 2)
                    .bitmask(0x7fff);
            b.at(rr.field("dns.resp.cache_flush", DnsWalk.bitString(flush ? 0x8000 : 0, 0x8000, 16) + " = Cache flush: "
                    + (flush ? "True" : "False"), flush ? "1" : "0"), o, 2);
        } else {
            b.at(rr.field("dns.resp.class", "Class: " + classText, "0x" + DnsWalk.hex4(cls)), o, 2);
        }
        o += 2;
        long ttl = b.u32(o);
        Tree t = b.at(rr.field("dns.resp.ttl", "Time to live: " + ttl + " (" + secs(ttl) + ")", Long.toString(ttl)), o, 4);
        if ((ttl & 0x80000000L) != 0) {
            t.expert("dns.ttl.negative", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "TTL can't be negative");
        }
        o += 4;
        int len = b.u16(o);
        b.at(rr.field("dns.resp.len", "Data length: " + len, Integer.toString(len)), o, 2);
    }

    private static void optHeader(Tree rr, DnsBytes b, int off, DnsName owner, String ownerText, boolean mdns) {
        int o = off + owner.used;
        b.at(rr.string("dns.resp.name", "Name", ownerText), off, owner.used);
        int type = b.u16(o);
        b.at(rr.field("dns.resp.type", "Type: " + DnsWalk.typeDescribed(type), Integer.toString(type)), o, 2);
        o += 2;
        int size = b.u16(o);
        if (mdns) {
            b.at(rr.field("dns.rr.udp_payload_size", DnsWalk.bitString(size, 0x7fff, 16) + " = UDP payload size: 0x"
                    + DnsWalk.hex4(size & 0x7fff), "0x" + DnsWalk.hex4(size & 0x7fff)), o, 2);
            boolean flush = (size & 0x8000) != 0;
            b.at(rr.field("dns.resp.cache_flush", DnsWalk.bitString(size, 0x8000, 16) + " = Cache flush: "
                    + (flush ? "True" : "False"), flush ? "1" : "0"), o, 2);
        } else {
            // hf_dns_rr_udp_payload_size: the name of the masked mDNS field, without a mask
            b.at(rr.field("dns.rr.udp_payload_size", "UDP payload size: " + size, Integer.toString(size)), o, 2).bitmask(0);
        }
        optFlags(rr, b, o + 2);
    }

    /*
     * optHeader is cut in three (optFlags, optZ): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 16 MB to compile with C1, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The OPT record's extended RCODE, version, Z flags and data length, from {@code o}. */
    private static void optFlags(Tree rr, DnsBytes b, int o) {
        int ext = b.u8(o);
        b.at(rr.field("dns.resp.ext_rcode", "Higher bits in extended RCODE: 0x" + hex2(ext), "0x" + hex2(ext)), o, 1);
        o++;
        int version = b.u8(o);
        b.at(rr.field("dns.resp.edns0_version", "EDNS0 version: " + version, Integer.toString(version)), o, 1);
        o++;
        optZ(rr, b, o);
        o += 2;
        int len = b.u16(o);
        b.at(rr.field("dns.resp.len", "Data length: " + len, Integer.toString(len)), o, 2);
    }

    /** The OPT record's Z flags at {@code o} (cut from optFlags: 10.5 MB of C1 memory). */
    private static void optZ(Tree rr, DnsBytes b, int o) {
        int z = b.u16(o);
        Tree zt = b.at(rr.field("dns.resp.z", "Z: 0x" + DnsWalk.hex4(z), "0x" + DnsWalk.hex4(z)), o, 2);
        boolean dnssecOk = (z & 0x8000) != 0;
        b.at(zt.field("dns.resp.z.do", DnsWalk.bitString(z, 0x8000, 16) + " = DO bit: "
                + (dnssecOk ? "Accepts DNSSEC security RRs" : "Cannot handle DNSSEC security RRs"), dnssecOk ? "1" : "0"), o, 2);
        b.at(zt.field("dns.resp.z.reserved", DnsWalk.bitString(z, 0x7fff, 16) + " = Reserved: 0x" + DnsWalk.hex4(z & 0x7fff),
                "0x" + DnsWalk.hex4(z & 0x7fff)), o, 2);
    }

    static String hex2(int v) {
        String h = Integer.toHexString(v & 0xff);
        return h.length() == 1 ? "0" + h : h;
    }

    /** unsigned_time_secs_to_str: "1 day, 2 hours, 3 minutes, 4 seconds", "0 seconds" for none. */
    static String secs(long t) {
        if (t == 0) {
            return "0 seconds";
        }
        StringBuilder sb = new StringBuilder(48);
        long days = t / 86400;
        long hours = t / 3600 % 24;
        long mins = t / 60 % 60;
        long s = t % 60;
        unit(sb, days, "day");
        unit(sb, hours, "hour");
        unit(sb, mins, "minute");
        unit(sb, s, "second");
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
}
