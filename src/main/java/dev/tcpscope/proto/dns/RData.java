package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tree;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The data of one resource record, type by type, in the order packet-dns.c reads it (the switch
 * of {@code dissect_dns_answer}): what goes to Info, the text appended to the record's item, and
 * the data items. Reads are bounded by the message's bytes, not by the data length, as there.
 */
final class RData {
    private final DnsWalk w;
    private final DnsBytes b;
    private final int start;
    private final int len;
    private final Tree rr;
    private String label;
    private final StringBuilder info;
    private final DnsName owner;

    RData(DnsWalk w, DnsBytes b, int start, int len, Tree rr, String label, DnsName owner) {
        this.w = w;
        this.b = b;
        this.start = start;
        this.len = len;
        this.rr = rr;
        this.label = label;
        this.info = w.info();
        this.owner = owner;
    }

    private void append(String text) {
        if (rr != null) {
            label += text;
            rr.relabel(label);
        }
    }

    private DnsName name(int off) {
        return DnsName.read(b, off, w.dataOffset());
    }

    private void str(String key, String title, String value, int off, int n) {
        if (rr != null) {
            b.at(rr.string(key, title, value), off, n);
        }
    }

    private void uint(String key, String title, long v, int off, int n) {
        if (rr != null) {
            b.at(rr.field(key, title + ": " + v, Long.toString(v)), off, n);
        }
    }

    /** Adds a field covering {@code [off, off + n)}. */
    private Tree field(String key, String label, String value, int off, int n) {
        return b.at(rr.field(key, label, value), off, n);
    }

    private void bytes(String key, String title, int off, int n) {
        b.need(off, n);
        if (rr != null) {
            bytes(rr, key, title, b.s, b.base + off, n);
        }
    }

    /** An FT_BYTES item; an empty one reads {@code <MISSING>} in -V, as Wireshark labels it. */
    static void bytes(Tree t, String key, String title, java.lang.foreign.MemorySegment s, long off, int n) {
        if (n == 0) {
            t.field(key, title + ": <MISSING>", "").at(s, off, 0); // where the bytes would start (PDML's pos)
        } else {
            t.bytes(key, title, s, off, n);
        }
    }

    void dissect(int type) {
        int cur = start;
        switch (type) {
            case DnsWalk.T_A -> {
                String a = b.ipv4(cur);
                info.append(' ').append(a);
                append(", addr " + a);
                if (rr != null) {
                    field("dns.a", "Address: " + a, a, cur, 4);
                }
            }
            case DnsWalk.T_NS -> target("dns.ns", "Name Server", ", ns ", cur);
            case DnsWalk.T_CNAME -> target("dns.cname", "CNAME", ", cname ", cur);
            case DnsWalk.T_DNAME -> target("dns.dname", "Dname", ", dname ", cur);
            case DnsWalk.T_PTR -> target("dns.ptr.domain_name", "Domain Name", ", ", cur);
            case 30 -> { // NXT
                DnsName n = name(cur);
                info.append(' ').append(n.text());
            }
            case DnsWalk.T_SOA -> soa(cur);
            case 3, 4, 7, 8, 9 -> { // MD, MF, MB, MG, MR: the owner's name in Info, the target in the tree
                info.append(' ').append(owner.name);
                DnsName n = name(cur);
                String[][] item = {{"dns.md", "Mail Destination"}, {"dns.mf", "Mail Forwarder"}, {"dns.mb", "MailBox Domaine"},
                    {"dns.mg", "Mail Group member"}, {"dns.mr", "Mail Rename domaine"}};
                int k = type <= 4 ? type - 3 : type - 5;
                str(item[k][0], item[k][1], n.text(), cur, n.used);
            }
            case 10, 14, 17, 18, 19, 20, 21, 22, 23, 26, 27, 42, 49, 51, 52, 55 ->
                    // these write the owner's name as read (packet-dns.c's "name", not formatted)
                    info.append(' ').append(owner.name);
            case 44 -> sshfp(cur); // SSHFP (RFC 4255)
            case 11 -> info.append(' ').append(b.ipv4(cur)); // WKS
            case DnsWalk.T_HINFO -> hinfo(cur);
            case DnsWalk.T_MX -> {
                int pref = b.u16(cur);
                DnsName n = name(cur + 2);
                String t = n.text();
                info.append(' ').append(pref).append(' ').append(t);
                append(", preference " + pref + ", mx " + t);
                uint("dns.mx.preference", "Preference", pref, cur, 2);
                str("dns.mx.mail_exchange", "Mail Exchange", t, cur + 2, n.used);
            }
            case DnsWalk.T_KX -> {
                DnsName n = name(cur + 2);
                int pref = b.u16(cur);
                info.append(' ').append(pref).append(' ').append(n.text());
                append(", preference " + pref + ", kx " + n.text());
                uint("dns.kx.preference", "Preference", pref, cur, 2);
                str("dns.kx.key_exchange", "Key Exchange", n.text(), cur + 2, n.used);
            }
            case DnsWalk.T_TXT -> txt(cur);
            case DnsWalk.T_AAAA -> {
                String a = b.ipv6(cur);
                info.append(' ').append(a);
                append(", addr " + a);
                if (rr != null) {
                    field("dns.aaaa", "AAAA Address: " + a, a, cur, 16);
                }
            }
            case DnsWalk.T_SRV -> srv(cur);
            case DnsWalk.T_NAPTR -> naptr(cur);
            case 65282 -> { // WINS-R
                DnsName n = name(cur + 12);
                info.append(' ').append(n.text());
            }
            case DnsWalk.T_OPT -> opt(cur);
            case 43, 59, 32769 -> ds(cur); // DS, CDS, DLV
            case 46, 24 -> rrsig(cur); // RRSIG, SIG
            case DnsWalk.T_NSEC -> {
                DnsName n = name(cur);
                String t = n.text();
                info.append(' ').append(t);
                append(", next domain name " + t);
                str("dns.nsec.next_domain_name", "Next Domain Name", t, cur, n.used);
                bitmap(cur + n.used, len - n.used);
            }
            case 48, 60 -> dnskey(cur); // DNSKEY, CDNSKEY
            default -> {
                if (!DISSECTED.get(type)) {
                    // packet-dns.c's default branch: the bytes, and its note
                    if (rr != null) {
                        rr.expert("dns.undecoded.type", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                                "Dissector for DNS Type (" + type + ") code not implemented, Contact Wireshark developers"
                                        + " if you want this supported");
                    }
                    bytes("dns.data", "Data", cur, len);
                }
                // known types whose data tcpscope does not show yet: nothing in Info, as Wireshark
            }
        }
    }

    /*
     * SSHFP, HINFO, SRV and NAPTR have their own methods: each label's string concatenation is a
     * call site that C1 inlines whole, and dissect with them took 8.2 MB to compile with C1, near
     * the launcher's 10 MB cap (MemLimit).
     */

    /** SSHFP (RFC 4255). */
    private void sshfp(int cur) {
        int algo = b.u8(cur);
        int fp = b.u8(cur + 1);
        if (rr != null) {
            String[] algos = {"Reserved", "RSA", "DSA", "ECDSA", "Ed25519", "XMSS"};
            String[] fps = {"Reserved", "SHA1", "SHA256"};
            field("dns.sshfp.algorithm", "Algorithm: " + (algo < algos.length ? algos[algo] : "Unknown") + " (" + algo + ")",
                    Integer.toString(algo), cur, 1);
            field("dns.sshfp.fingerprint.type", "Fingerprint type: " + (fp < fps.length ? fps[fp] : "Unknown")
                    + " (" + fp + ")", Integer.toString(fp), cur + 1, 1);
        }
        if (len - 2 != 0) {
            bytes("dns.sshfp.fingerprint", "Fingerprint", cur + 2, len - 2);
        }
    }

    /** HINFO: CPU and OS. */
    private void hinfo(int cur) {
        int cpuLen = b.u8(cur);
        String cpu = b.latin1(cur + 1, cpuLen);
        int osOff = cur + 1 + cpuLen;
        int osLen = b.u8(osOff);
        String os = b.latin1(osOff + 1, osLen);
        info.append(' ').append(cpu).append(' ').append(os);
        append(", CPU " + cpu + ", OS " + os);
        uint("dns.hinfo.cpu_length", "CPU Length", cpuLen, cur, 1);
        str("dns.hinfo.cpu", "CPU", cpu, cur + 1, cpuLen);
        uint("dns.hinfo.os_length", "OS Length", osLen, osOff, 1);
        str("dns.hinfo.os", "OS", os, osOff + 1, osLen);
    }

    /** SRV: priority, weight, port, target. */
    private void srv(int cur) {
        int prio = b.u16(cur);
        uint("dns.srv.priority", "Priority", prio, cur, 2);
        int weight = b.u16(cur + 2);
        uint("dns.srv.weight", "Weight", weight, cur + 2, 2);
        int port = b.u16(cur + 4);
        uint("dns.srv.port", "Port", port, cur + 4, 2);
        DnsName n = name(cur + 6);
        String t = n.text();
        str("dns.srv.target", "Target", t, cur + 6, n.used);
        info.append(' ').append(prio).append(' ').append(weight).append(' ').append(port).append(' ').append(t);
        append(", priority " + prio + ", weight " + weight + ", port " + port + ", target " + t);
    }

    /** NAPTR: order, preference, flags (Info only). */
    private void naptr(int cur) {
        int order = b.u16(cur);
        int pref = b.u16(cur + 2);
        int fl = b.u8(cur + 4);
        String flags = b.latin1(cur + 5, fl);
        int o = cur + 5 + fl;
        o += 1 + b.u8(o);
        o += 1 + b.u8(o);
        name(o);
        info.append(' ').append(order).append(' ').append(pref).append(' ').append(flags);
        append(", order " + order + ", preference " + pref + ", flags " + flags);
    }

    /** The types packet-dns.c's dissect_dns_answer has a case for; any other gets its default branch. */
    private static final java.util.BitSet DISSECTED = new java.util.BitSet(65536);

    static {
        for (int t : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
            26, 27, 28, 29, 30, 33, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 55, 59, 60, 61, 62,
            63, 64, 65, 99, 104, 105, 106, 107, 108, 109, 249, 250, 257, 32769, 65281, 65282, 65422}) {
            DISSECTED.set(t);
        }
    }

    private void target(String key, String title, String appendPrefix, int cur) {
        DnsName n = name(cur);
        String t = n.text();
        info.append(' ').append(t);
        append(appendPrefix + t);
        str(key, title, t, cur, n.used);
    }

    private void soa(int cur) {
        DnsName m = name(cur);
        String mt = m.text();
        info.append(' ').append(mt);
        append(", mname " + mt);
        str("dns.soa.mname", "Primary name server", mt, cur, m.used);
        cur += m.used;
        DnsName r = name(cur);
        str("dns.soa.rname", "Responsible authority's mailbox", r.text(), cur, r.used);
        cur += r.used;
        uint("dns.soa.serial_number", "Serial Number", b.u32(cur), cur, 4);
        cur += 4;
        interval("dns.soa.refresh_interval", "Refresh Interval", cur);
        cur += 4;
        interval("dns.soa.retry_interval", "Retry Interval", cur);
        cur += 4;
        interval("dns.soa.expire_limit", "Expire limit", cur);
        cur += 4;
        interval("dns.soa.minimum_ttl", "Minimum TTL", cur);
    }

    private void interval(String key, String title, int off) {
        long v = b.u32(off);
        if (rr != null) {
            field(key, title + ": " + v + " (" + DnsRecords.secs(v) + ")", Long.toString(v), off, 4);
        }
    }

    private void txt(int cur) {
        int left = len;
        int off = cur;
        boolean mdns = w.kind() == Dns.Kind.MDNS;
        while (left != 0) {
            int n = b.u8(off);
            uint("dns.txt.length", "TXT Length", n, off, 1);
            off++;
            left--;
            b.need(off, n);
            if (rr != null) {
                String t = DnsBytes.untilNul(mdns ? new String(b.copy(off, n), java.nio.charset.StandardCharsets.UTF_8)
                        : b.latin1(off, n));
                b.at(rr.string("dns.txt", "TXT", t), off, n);
            }
            off += n;
            left -= n;
        }
    }

    private void opt(int cur) {
        EdnsOptions.dissect(b, cur, len, rr);
    }

    private void ds(int cur) {
        if (rr == null) {
            return;
        }
        int keyId = b.u16(cur);
        field("dns.ds.key_id", "Key id: 0x" + DnsWalk.hex4(keyId), "0x" + DnsWalk.hex4(keyId), cur, 2);
        int algo = b.u8(cur + 2);
        field("dns.ds.algorithm", "Algorithm: " + algorithm(algo) + " (" + algo + ")", Integer.toString(algo), cur + 2, 1);
        int digest = b.u8(cur + 3);
        field("dns.ds.digest_type", "Digest Type: " + digestType(digest) + " (" + digest + ")", Integer.toString(digest), cur + 3, 1);
        bytes("dns.ds.digest", "Digest", cur + 4, len - 4);
    }

    private void rrsig(int cur) {
        int left = len;
        int covered = b.u16(cur);
        if (rr != null) {
            field("dns.rrsig.type_covered", "Type Covered: " + DnsWalk.typeDescribed(covered), Integer.toString(covered), cur, 2);
        }
        int algo = b.u8(cur + 2);
        if (rr != null) {
            field("dns.rrsig.algorithm", "Algorithm: " + algorithm(algo) + " (" + algo + ")", Integer.toString(algo), cur + 2, 1);
        }
        uint("dns.rrsig.labels", "Labels", b.u8(cur + 3), cur + 3, 1);
        long ttl = b.u32(cur + 4);
        if (rr != null) {
            field("dns.rrsig.original_ttl", "Original TTL: " + ttl + " (" + DnsRecords.secs(ttl) + ")", Long.toString(ttl), cur + 4, 4);
        }
        time("dns.rrsig.signature_expiration", "Signature Expiration", b.u32(cur + 8), cur + 8);
        time("dns.rrsig.signature_inception", "Signature Inception", b.u32(cur + 12), cur + 12);
        uint("dns.rrsig.key_tag", "Key Tag", b.u16(cur + 16), cur + 16, 2);
        cur += 18;
        left -= 18;
        DnsName signer = name(cur);
        str("dns.rrsig.signers_name", "Signer's name", signer.text(), cur, signer.used);
        cur += signer.used;
        left -= signer.used;
        if (left != 0) {
            bytes("dns.rrsig.signature", "Signature", cur, left);
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss.000000000 z", Locale.ROOT);

    private void time(String key, String title, long secs, int off) {
        if (rr != null) {
            String t = TIME.format(Instant.ofEpochSecond(secs).atZone(ZoneId.systemDefault()));
            field(key, title + ": " + t, t, off, 4).time(secs, 0);
        }
    }

    private void bitmap(int cur, int left) {
        while (left != 0) {
            int base = b.u8(cur);
            int size = b.u8(cur + 1);
            cur += 2;
            left -= 2;
            int type = base * 256;
            for (; size > 0; size--) {
                int bits = b.u8(cur);
                for (int i = 0, mask = 0x80; i < 8; i++, mask >>= 1) {
                    if ((bits & mask) != 0 && rr != null) {
                        String d = DnsValues.typeDescription(type);
                        String text = "RR type in bit map: " + (d != null ? d : "Unknown (" + type + ")");
                        field("dns.resp.type", text, Integer.toString(type), cur, 1);
                    }
                    type++;
                }
                cur++;
                left--;
            }
        }
    }

    private void dnskey(int cur) {
        int left = len;
        int flags = b.u16(cur);
        if (rr != null) {
            Tree f = field("dns.dnskey.flags", "Flags: 0x" + DnsWalk.hex4(flags), "0x" + DnsWalk.hex4(flags), cur, 2);
            b.at(flag(f, "dns.dnskey.flags.zone_key", "Zone Key", flags, 0x0100, "This is the zone key for specified zone",
                    "This it not a zone key"), cur, 2);
            b.at(flag(f, "dns.dnskey.flags.key_revoked", "Key Revoked", flags, 0x0080, "Yes", "No"), cur, 2);
            b.at(flag(f, "dns.dnskey.flags.secure_entry_point", "Key Signing Key", flags, 0x0001, "Yes", "No"), cur, 2);
            b.at(f.field("dns.dnskey.flags.reserved", DnsWalk.bitString(flags, 0xfe7e, 16) + " = Key Signing Key: 0x"
                    + DnsWalk.hex4(flags & 0xfe7e), "0x" + DnsWalk.hex4(flags & 0xfe7e)), cur, 2);
        }
        cur += 2;
        left -= 2;
        uint("dns.dnskey.protocol", "Protocol", b.u8(cur), cur, 1);
        cur++;
        left--;
        int algo = b.u8(cur);
        if (rr != null) {
            field("dns.dnskey.algorithm", "Algorithm: " + algorithm(algo) + " (" + algo + ")", Integer.toString(algo), cur, 1);
        }
        cur++;
        left--;
        if (rr != null && left + 4 >= 4) {
            // RFC 4034 Appendix B: the key tag over the whole RDATA (algorithm 1: see B.1)
            int keyId;
            int from = cur - 4;
            int n = left + 4;
            b.need(from, n);
            if (algo == 1) {
                keyId = n >= 4 ? b.u16(from + n - 3) : 0;
            } else {
                long ac = 0;
                for (int i = 0; i < n; i++) {
                    int v = b.u8(from + i);
                    ac += (i & 1) == 1 ? v : (long) v << 8;
                }
                ac += ac >> 16 & 0xffff;
                keyId = (int) (ac & 0xffff);
            }
            rr.field("dns.dnskey.key_id", "Key id: " + keyId, Integer.toString(keyId)).generated();
        }
        bytes("dns.dnskey.public_key", "Public Key", cur, left);
    }

    private static Tree flag(Tree f, String key, String title, int flags, int mask, String yes, String no) {
        boolean set = (flags & mask) != 0;
        return f.field(key, DnsWalk.bitString(flags, mask, 16) + " = " + title + ": " + (set ? yes : no), set ? "1" : "0");
    }

    /** packet-dns.c dnssec_algo_vals (RFC 8624 / IANA DNSSEC algorithm numbers). */
    static String algorithm(int a) {
        return switch (a) {
            case 1 -> "RSA/MD5";
            case 2 -> "Diffie-Hellman";
            case 3 -> "DSA";
            case 4 -> "Elliptic curve crypto";
            case 5 -> "RSA/SHA1";
            case 6 -> "DSA + NSEC3/SHA1";
            case 7 -> "RSA/SHA1 + NSEC3/SHA1";
            case 8 -> "RSA/SHA-256";
            case 10 -> "RSA/SHA-512";
            case 12 -> "GOST R 34.10-2001";
            case 13 -> "ECDSA Curve P-256 with SHA-256";
            case 14 -> "ECDSA Curve P-386 with SHA-386";
            case 15 -> "Ed25519";
            case 16 -> "Ed448";
            case 157 -> "HMAC/MD5";
            case 252 -> "Indirect key";
            case 253 -> "Private, domain name";
            case 254 -> "Private, OID";
            default -> "Unknown";
        };
    }

    /** packet-dns.c dns_ds_digest_vals. */
    static String digestType(int d) {
        return switch (d) {
            case 0 -> "Reserved digest";
            case 1 -> "SHA-1";
            case 2 -> "SHA-256";
            case 3 -> "GOST R 34.11-94";
            case 4 -> "SHA-384";
            default -> "Unknown";
        };
    }
}
