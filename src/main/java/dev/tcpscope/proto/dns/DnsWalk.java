package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tree;

/**
 * One walk over a DNS message in the order packet-dns.c's {@code dissect_dns_common} reads it
 * (RFC 1035 §4.1; mDNS RFC 6762 §18; LLMNR RFC 4795 §2.1.1): the Info text always, the detail
 * tree when a {@link Tree} is given. The same walk serves the packet list, the fields and
 * {@code -V}, so all three stop at the same byte: a read past the bytes throws
 * {@link DnsBytes.Stop}, which the caller turns into tshark's marker. The work is linear in the
 * message (names: see {@link DnsName}); nothing is kept after the walk but what it returns.
 */
final class DnsWalk {
    static final int F_RESPONSE = 1 << 15;
    static final int F_OPCODE = 0xf << 11;
    static final int F_AUTHORITATIVE = 1 << 10;
    static final int F_CONFLICT = 1 << 10;
    static final int F_TRUNCATED = 1 << 9;
    static final int F_RECDESIRED = 1 << 8;
    static final int F_TENTATIVE = 1 << 8;
    static final int F_RECAVAIL = 1 << 7;
    static final int F_Z = 1 << 6;
    static final int F_AUTHENTIC = 1 << 5;
    static final int F_CHECKDISABLE = 1 << 4;
    static final int F_RCODE = 0xf;
    static final int OPCODE_UPDATE = 5;

    static final int T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_HINFO = 13, T_MX = 15, T_TXT = 16,
            T_AAAA = 28, T_SRV = 33, T_NAPTR = 35, T_KX = 36, T_DNAME = 39, T_OPT = 41, T_NSEC = 47, T_AXFR = 252,
            T_IXFR = 251;

    private final DnsBytes b;
    private final Dns.Kind kind;
    private final boolean tcp;
    private final StringBuilder info;
    private final int dataOffset;

    /** Set as the walk goes: the header, and whether a question asked for a zone transfer. */
    int id = -1, flags, questions, answers, authorities, additionals;
    boolean multipleResponds;
    /** Where the sections ended (extraneous data follows), or -1 when the walk stopped. */
    int end = -1;
    /** The Transaction ID item, where pairing notes go. */
    Tree idItem;

    DnsWalk(DnsBytes b, Dns.Kind kind, boolean tcp, StringBuilder info) {
        this.b = b;
        this.kind = kind;
        this.tcp = tcp;
        this.info = info;
        this.dataOffset = tcp ? 2 : 0;
    }

    boolean response() { return (flags & F_RESPONSE) != 0; }

    /** The protocol item's title, once the flags are known. */
    String title() {
        String q = response() ? "response" : "query";
        return switch (kind) {
            case DNS -> "Domain Name System (" + q + ")";
            case MDNS -> "Multicast Domain Name System (" + q + ")";
            case LLMNR -> "Link-local Multicast Name Resolution (" + q + ")";
        };
    }

    /** Reads the ID and flags and writes Info's first words ({@code Standard query response 0x1234 No such name}). */
    void header() {
        int o = dataOffset;
        id = b.u16(o);
        flags = b.u16(o + 2);
        int opcode = (flags & F_OPCODE) >> 11;
        String op = DnsValues.opcode(opcode);
        info.setLength(0);
        info.append(op != null ? op : "Unknown operation (" + opcode + ")");
        if (response()) {
            info.append(" response");
        }
        info.append(" 0x").append(hex4(id));
        if (response() && (flags & F_RCODE) != 0) {
            String rc = DnsValues.rcode(flags & F_RCODE);
            info.append(' ').append(rc != null ? rc : "Unknown error (" + (flags & F_RCODE) + ")");
        }
    }

    /** The rest of the message after {@link #header()}: the tree's header items, then the four sections. */
    void body(Tree dns) {
        int o = dataOffset;
        if (dns != null) {
            if (tcp) {
                b.at(dns.field("dns.length", "Length: " + b.u16(0), Integer.toString(b.u16(0))), 0, 2);
            }
            idItem = b.at(dns.field("dns.id", "Transaction ID: 0x" + hex4(id), "0x" + hex4(id)), o, 2);
            flagsTree(dns);
        }
        boolean update = (flags & F_OPCODE) >> 11 == OPCODE_UPDATE;
        questions = b.u16(o + 4);
        count(dns, update ? "dns.count.zones" : "dns.count.queries", update ? "Zones" : "Questions", questions, o + 4);
        answers = b.u16(o + 6);
        count(dns, update ? "dns.count.prerequisites" : "dns.count.answers", update ? "Prerequisites" : "Answer RRs", answers, o + 6);
        authorities = b.u16(o + 8);
        count(dns, update ? "dns.count.updates" : "dns.count.auth_rr", update ? "Updates" : "Authority RRs", authorities, o + 8);
        additionals = b.u16(o + 10);
        count(dns, "dns.count.add_rr", "Additional RRs", additionals, o + 10);
        int cur = o + 12;
        if (questions > 0) {
            int from = cur;
            Tree q = dns == null ? null : b.at(dns.text(update ? "Zone" : "Queries"), cur, b.cap - cur);
            for (int i = 0; i < questions; i++) {
                cur += query(cur, q);
            }
            if (q != null) {
                q.length(cur - from);
            }
        }
        if (answers > 0) {
            cur = records(cur, answers, dns, update ? "Prerequisites" : "Answers");
        }
        if (authorities > 0) {
            cur = records(cur, authorities, dns, update ? "Updates" : "Authoritative nameservers");
        }
        if (additionals > 0) {
            cur = records(cur, additionals, dns, "Additional records");
        }
        end = cur;
    }

    private void count(Tree dns, String key, String name, int n, int off) {
        if (dns != null) {
            b.at(dns.field(key, name + ": " + n, Integer.toString(n)), off, 2);
        }
    }

    private void flagsTree(Tree dns) {
        int opcode = (flags & F_OPCODE) >> 11;
        String op = DnsValues.opcode(opcode);
        StringBuilder label = new StringBuilder("Flags: 0x").append(hex4(flags)).append(' ')
                .append(op != null ? op : "Unknown operation");
        if (response()) {
            String rc = DnsValues.rcode(flags & F_RCODE);
            label.append(" response, ").append(rc != null ? rc : "Unknown error");
        }
        Tree f = b.at(dns.field("dns.flags", label.toString(), "0x" + hex4(flags)), dataOffset + 2, 2);
        bool(f, "dns.flags.response", "Response", F_RESPONSE, "Message is a response", "Message is a query");
        b.at(f.field("dns.flags.opcode", bits(F_OPCODE) + " = Opcode: " + (op != null ? op : "Unknown") + " (" + opcode + ")",
                Integer.toString(opcode)), dataOffset + 2, 2);
        boolean r = response();
        if (kind == Dns.Kind.LLMNR) {
            if (r) {
                bool(f, "dns.flags.conflict", "Conflict", F_CONFLICT, "The name is not considered unique",
                        "The name is considered unique");
            } else {
                bool(f, "dns.flags.conflict", "Conflict", F_CONFLICT, "The sender received multiple responses", "None");
            }
            bool(f, "dns.flags.truncated", "Truncated", F_TRUNCATED, "Message is truncated", "Message is not truncated");
            bool(f, "dns.flags.tentative", "Tentative", F_TENTATIVE, "Tentative", "Not tentative");
        } else {
            if (r) {
                bool(f, "dns.flags.authoritative", "Authoritative", F_AUTHORITATIVE, "Server is an authority for domain",
                        "Server is not an authority for domain");
            }
            bool(f, "dns.flags.truncated", "Truncated", F_TRUNCATED, "Message is truncated", "Message is not truncated");
            bool(f, "dns.flags.recdesired", "Recursion desired", F_RECDESIRED, "Do query recursively",
                    "Don't do query recursively");
            if (r) {
                bool(f, "dns.flags.recavail", "Recursion available", F_RECAVAIL, "Server can do recursive queries",
                        "Server can't do recursive queries");
            }
            bool(f, "dns.flags.z", "Z", F_Z, "reserved - incorrect!", "reserved (0)");
            if (r) {
                bool(f, "dns.flags.authenticated", "Answer authenticated", F_AUTHENTIC,
                        "Answer/authority portion was authenticated by the server",
                        "Answer/authority portion was not authenticated by the server");
            } else if ((flags & F_AUTHENTIC) != 0) {
                bool(f, "dns.flags.authenticated", "AD bit", F_AUTHENTIC, "Set", "Not set");
            }
            bool(f, "dns.flags.checkdisable", "Non-authenticated data", F_CHECKDISABLE, "Acceptable", "Unacceptable");
        }
        if (r) {
            int rc = flags & F_RCODE;
            String name = DnsValues.rcode(rc);
            b.at(f.field("dns.flags.rcode", bits(F_RCODE) + " = Reply code: " + (name != null ? name : "Unknown") + " (" + rc + ")",
                    Integer.toString(rc)), dataOffset + 2, 2);
        }
    }

    private void bool(Tree t, String key, String name, int mask, String yes, String no) {
        boolean set = (flags & mask) != 0;
        b.at(t.field(key, bits(mask) + " = " + name + ": " + (set ? yes : no), set ? "1" : "0"), dataOffset + 2, 2);
    }

    /** The flags' bits under {@code mask} as Wireshark draws a 16-bit bitfield (".000 0... .... ...."). */
    private String bits(int mask) {
        return bitString(flags, mask, 16);
    }

    static String bitString(int value, int mask, int width) {
        return dev.tcpscope.proto.Text.bits(value, mask, width);
    }

    // ---- questions ---------------------------------------------------------------------------

    /** dissect_dns_query: one question; returns the bytes it used. */
    private int query(int off, Tree parent) {
        DnsName n = DnsName.read(b, off, dataOffset);
        int type = b.u16(off + n.used);
        int cls = b.u16(off + n.used + 2);
        boolean mdns = kind == Dns.Kind.MDNS;
        boolean qu = mdns && (cls & 0x8000) != 0;
        if (mdns) {
            cls &= 0x7fff;
        }
        if (type == T_AXFR || type == T_IXFR) {
            multipleResponds = true;
        }
        String typeName = DnsValues.typeName(type);
        String text = n.text();
        info.append(' ').append(typeName).append(' ').append(text);
        if (mdns) {
            info.append(", \"").append(qu ? "QU" : "QM").append("\" question");
        }
        if (parent != null) {
            queryTree(off, parent, n, text, type, typeName, cls, mdns, qu);
        }
        return n.used + 4;
    }

    /*
     * query is cut in three (queryTree, queryTypeClass): each label's string concatenation is a
     * call site that C1 inlines whole, and the method in one piece took 11 MB to compile with C1,
     * past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The question's item and fields under {@code parent}. */
    private void queryTree(int off, Tree parent, DnsName n, String text, int type, String typeName, int cls, boolean mdns,
                           boolean qu) {
        String cn = DnsValues.dnsClass(cls);
        Tree q = b.at(parent.text(text + ": type " + typeName + ", class " + (cn != null ? cn : "Unknown")
                + (mdns ? ", \"" + (qu ? "QU" : "QM") + "\" question" : "")), off, n.used + 4);
        b.at(q.string("dns.qry.name", "Name", text), off, n.used);
        int nl = n.length > 1 ? n.length : 0;
        b.at(q.field("dns.qry.name.len", "Name Length: " + nl, Integer.toString(nl)).generated(), off, n.used);
        b.at(q.field("dns.count.labels", "Label Count: " + n.labels(), Integer.toString(n.labels())).generated(), off, n.used);
        queryTypeClass(q, off + n.used, type, cls, mdns, qu);
    }

    /** The question's type and class at {@code at} (cut from queryTree, which took 10.6 MB of C1 memory). */
    private void queryTypeClass(Tree q, int at, int type, int cls, boolean mdns, boolean qu) {
        b.at(q.field("dns.qry.type", "Type: " + typeDescribed(type), Integer.toString(type)), at, 2);
        if (mdns) {
            // hf_dns_qry_class_mdns: the name of hf_dns_qry_class with a mask
            b.at(q.field("dns.qry.class", bitString(cls, 0x7fff, 16) + " = Class: " + classLabel(cls), "0x" + hex4(cls)), at + 2, 2)
                    .bitmask(0x7fff);
            b.at(q.field("dns.qry.qu", bitString(qu ? 0x8000 : 0, 0x8000, 16) + " = \"QU\" question: " + (qu ? "True" : "False"),
                    qu ? "1" : "0"), at + 2, 2);
        } else {
            b.at(q.field("dns.qry.class", "Class: " + classLabel(cls), "0x" + hex4(cls)), at + 2, 2);
        }
    }

    /** "A (Host Address) (1)", or "Unknown (N)" for a type Wireshark does not describe. */
    static String typeDescribed(int type) {
        String d = DnsValues.typeDescription(type);
        return d != null ? d + " (" + type + ")" : "Unknown (" + type + ")";
    }

    private static String classLabel(int cls) {
        String c = DnsValues.dnsClass(cls);
        return (c != null ? c : "Unknown") + " (0x" + hex4(cls) + ")";
    }

    // ---- resource records --------------------------------------------------------------------

    private int records(int cur, int count, Tree dns, String title) {
        int from = cur;
        Tree t = dns == null ? null : b.at(dns.text(title), cur, b.cap - cur);
        for (int i = 0; i < count; i++) {
            cur += DnsRecords.answer(this, b, cur, t);
        }
        if (t != null) {
            t.length(cur - from);
        }
        return cur;
    }

    // the pieces DnsRecords needs
    DnsBytes bytes() { return b; }
    int dataOffset() { return dataOffset; }
    Dns.Kind kind() { return kind; }
    StringBuilder info() { return info; }

    static String hex4(int v) {
        String h = Integer.toHexString(v & 0xffff);
        return "0000".substring(h.length()) + h;
    }
}
