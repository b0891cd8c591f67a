package dev.tcpscope.proto.dns;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.Decoder;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * packet-dns.c's fields, with Wireshark's names and types, for filters ({@code dns.flags.rcode
 * == 3}, {@code dns.qry.name == "..."}, {@code dns.a == 10.0.0.1}) and {@code -T fields -e}.
 * The values are those of the detail tree: the frame's messages are walked once into a flat
 * list of (field, value) the first time a field of the frame is asked for, so each field's
 * occurrences come in the tree's order. Nothing is kept past the frame.
 */
public final class DnsFields {
    private DnsFields() { }

    public static List<Field> all() {
        List<Field> f = new ArrayList<>();
        f.add(Field.of("dns", "Domain Name System", FieldType.PROTOCOL, (d, v) -> protocol(d, v, "dns")));
        f.add(Field.of("mdns", "Multicast Domain Name System", FieldType.PROTOCOL, (d, v) -> protocol(d, v, "mdns")));
        f.add(Field.of("llmnr", "Link-local Multicast Name Resolution", FieldType.PROTOCOL, (d, v) -> protocol(d, v, "llmnr")));
        uint(f, "dns.length", "Length", 16, Base.DEC);
        uint(f, "dns.id", "Transaction ID", 16, Base.HEX);
        uint(f, "dns.flags", "Flags", 16, Base.HEX);
        bool(f, "dns.flags.response", "Response");
        uint(f, "dns.flags.opcode", "Opcode", 16, Base.DEC);
        bool(f, "dns.flags.authoritative", "Authoritative");
        bool(f, "dns.flags.conflict", "Conflict");
        bool(f, "dns.flags.truncated", "Truncated");
        bool(f, "dns.flags.recdesired", "Recursion desired");
        bool(f, "dns.flags.tentative", "Tentative");
        bool(f, "dns.flags.recavail", "Recursion available");
        bool(f, "dns.flags.z", "Z");
        bool(f, "dns.flags.authenticated", "Answer authenticated");
        bool(f, "dns.flags.checkdisable", "Non-authenticated data");
        uint(f, "dns.flags.rcode", "Reply code", 16, Base.DEC);
        uint(f, "dns.count.queries", "Questions", 16, Base.DEC);
        uint(f, "dns.count.zones", "Zones", 16, Base.DEC);
        uint(f, "dns.count.answers", "Answer RRs", 16, Base.DEC);
        uint(f, "dns.count.prerequisites", "Prerequisites", 16, Base.DEC);
        uint(f, "dns.count.updates", "Updates", 16, Base.DEC);
        uint(f, "dns.count.auth_rr", "Authority RRs", 16, Base.DEC);
        uint(f, "dns.count.add_rr", "Additional RRs", 16, Base.DEC);
        str(f, "dns.qry.name", "Name");
        uint(f, "dns.qry.name.len", "Name Length", 16, Base.DEC);
        uint(f, "dns.count.labels", "Label Count", 16, Base.DEC);
        uint(f, "dns.qry.type", "Type", 16, Base.DEC);
        uint(f, "dns.qry.class", "Class", 16, Base.HEX);
        bool(f, "dns.qry.qu", "\"QU\" question");
        str(f, "dns.resp.name", "Name");
        uint(f, "dns.resp.type", "Type", 16, Base.DEC);
        uint(f, "dns.resp.class", "Class", 16, Base.HEX);
        bool(f, "dns.resp.cache_flush", "Cache flush");
        uint(f, "dns.resp.ttl", "Time to live", 32, Base.DEC);
        uint(f, "dns.resp.len", "Data length", 16, Base.DEC);
        f.add(Field.of("dns.a", "Address", FieldType.IPV4, (d, v) -> each(d, "dns.a", (e, i) -> {
            String[] p = e.text(i).split("\\.");
            v.addLong(Long.parseLong(p[0]) << 24 | Long.parseLong(p[1]) << 16 | Long.parseLong(p[2]) << 8 | Long.parseLong(p[3]));
        })));
        f.add(Field.of("dns.aaaa", "AAAA Address", FieldType.IPV6, (d, v) -> each(d, "dns.aaaa", (e, i) -> {
            try {
                byte[] a = java.net.InetAddress.getByName(e.text(i)).getAddress();
                if (a.length == 4) { // an IPv4-mapped literal: back to its 16 bytes
                    byte[] m = new byte[16];
                    m[10] = (byte) 0xff;
                    m[11] = (byte) 0xff;
                    System.arraycopy(a, 0, m, 12, 4);
                    a = m;
                }
                v.addBytes(MemorySegment.ofArray(a), 0, 16);
            } catch (java.net.UnknownHostException ignored) {
                // a literal always parses
            }
        })));
        str(f, "dns.cname", "CNAME");
        str(f, "dns.ns", "Name Server");
        str(f, "dns.ptr.domain_name", "Domain Name");
        str(f, "dns.dname", "Dname");
        uint(f, "dns.mx.preference", "Preference", 16, Base.DEC);
        str(f, "dns.mx.mail_exchange", "Mail Exchange");
        uint(f, "dns.txt.length", "TXT Length", 8, Base.DEC);
        str(f, "dns.txt", "TXT");
        str(f, "dns.hinfo.cpu", "CPU");
        str(f, "dns.hinfo.os", "OS");
        str(f, "dns.soa.mname", "Primary name server");
        str(f, "dns.soa.rname", "Responsible authority's mailbox");
        uint(f, "dns.soa.serial_number", "Serial Number", 32, Base.DEC);
        uint(f, "dns.soa.refresh_interval", "Refresh Interval", 32, Base.DEC);
        uint(f, "dns.soa.retry_interval", "Retry Interval", 32, Base.DEC);
        uint(f, "dns.soa.expire_limit", "Expire limit", 32, Base.DEC);
        uint(f, "dns.soa.minimum_ttl", "Minimum TTL", 32, Base.DEC);
        str(f, "dns.srv.service", "Service");
        str(f, "dns.srv.proto", "Protocol");
        str(f, "dns.srv.name", "Name");
        uint(f, "dns.srv.priority", "Priority", 16, Base.DEC);
        uint(f, "dns.srv.weight", "Weight", 16, Base.DEC);
        uint(f, "dns.srv.port", "Port", 16, Base.DEC);
        str(f, "dns.srv.target", "Target");
        uint(f, "dns.rr.udp_payload_size", "UDP payload size", 16, Base.DEC);
        uint(f, "dns.resp.ext_rcode", "Higher bits in extended RCODE", 8, Base.HEX);
        uint(f, "dns.resp.edns0_version", "EDNS0 version", 8, Base.DEC);
        uint(f, "dns.resp.z", "Z", 16, Base.HEX);
        bool(f, "dns.resp.z.do", "DO bit");
        uint(f, "dns.resp.z.reserved", "Reserved", 16, Base.HEX);
        f.add(Field.of("dns.opt", "Option", FieldType.NONE, (d, v) -> each(d, "dns.opt", (e, i) -> v.addPresent())));
        uint(f, "dns.opt.code", "Option Code", 16, Base.DEC);
        uint(f, "dns.opt.len", "Option Length", 16, Base.DEC);
        bytes(f, "dns.opt.data", "Option Data");
        bytes(f, "dns.opt.cookie.client", "Client Cookie");
        bytes(f, "dns.opt.cookie.server", "Server Cookie");
        bytes(f, "dns.opt.padding", "Padding");
        uint(f, "dns.ds.key_id", "Key id", 16, Base.HEX);
        uint(f, "dns.ds.algorithm", "Algorithm", 8, Base.DEC);
        uint(f, "dns.ds.digest_type", "Digest Type", 8, Base.DEC);
        bytes(f, "dns.ds.digest", "Digest");
        uint(f, "dns.rrsig.type_covered", "Type Covered", 16, Base.DEC);
        uint(f, "dns.rrsig.algorithm", "Algorithm", 8, Base.DEC);
        uint(f, "dns.rrsig.labels", "Labels", 8, Base.DEC);
        uint(f, "dns.rrsig.original_ttl", "Original TTL", 32, Base.DEC);
        uint(f, "dns.rrsig.key_tag", "Key Tag", 16, Base.DEC);
        str(f, "dns.rrsig.signers_name", "Signer's name");
        bytes(f, "dns.rrsig.signature", "Signature");
        str(f, "dns.nsec.next_domain_name", "Next Domain Name");
        uint(f, "dns.dnskey.flags", "Flags", 16, Base.HEX);
        uint(f, "dns.dnskey.protocol", "Protocol", 8, Base.DEC);
        uint(f, "dns.dnskey.algorithm", "Algorithm", 8, Base.DEC);
        uint(f, "dns.dnskey.key_id", "Key id", 16, Base.DEC);
        bytes(f, "dns.dnskey.public_key", "Public Key");
        bytes(f, "dns.data", "Data");
        frame(f, "dns.response_in", "Response In");
        frame(f, "dns.response_to", "Request In");
        frame(f, "dns.retransmit_request_in", "Retransmitted request. Original request in");
        frame(f, "dns.retransmit_response_in", "Retransmitted response. Original response in");
        bool(f, "dns.retransmission", "Retransmission");
        bool(f, "dns.unsolicited", "Unsolicited");
        f.add(Field.of("dns.time", "Time", FieldType.RELATIVE_TIME, (d, v) -> each(d, "dns.time", (e, i) -> {
            String t = e.text(i);
            boolean neg = t.startsWith("-");
            String[] p = (neg ? t.substring(1) : t).split("\\.");
            long ns = Long.parseLong(p[0]) * 1_000_000_000L + Long.parseLong(p[1]);
            v.addLong(neg ? -ns : ns);
        })));
        bytes(f, "dns.extraneous.data", "Extraneous Data Bytes");
        f.add(Field.integer("dns.extraneous.length", "Extraneous Data Length", FieldType.INT, 32, Base.DEC,
                (d, v) -> each(d, "dns.extraneous.length", (e, i) -> v.addLong(Long.parseLong(e.text(i))))));
        return List.copyOf(f);
    }

    private static void uint(List<Field> f, String name, String title, int bits, Base base) {
        f.add(Field.integer(name, title, FieldType.UINT, bits, base, (d, v) -> each(d, name, (e, i) -> v.addLong(e.number(i)))));
    }

    private static void bool(List<Field> f, String name, String title) {
        f.add(Field.of(name, title, FieldType.BOOLEAN, (d, v) -> each(d, name, (e, i) -> v.addLong(e.number(i)))));
    }

    private static void frame(List<Field> f, String name, String title) {
        f.add(Field.of(name, title, FieldType.FRAMENUM, (d, v) -> each(d, name, (e, i) -> v.addLong(e.number(i)))));
    }

    private static void str(List<Field> f, String name, String title) {
        f.add(Field.of(name, title, FieldType.STRING, (d, v) -> each(d, name, (e, i) -> v.addString(e.text(i)))));
    }

    private static void bytes(List<Field> f, String name, String title) {
        f.add(Field.of(name, title, FieldType.BYTES, (d, v) -> each(d, name, (e, i) -> {
            if (e.segments.get(i) != null) {
                v.addBytes(e.segments.get(i), e.offsets.get(i), e.lengths.get(i));
            } else {
                v.addBytes(EMPTY, 0, 0); // an empty byte field, "<MISSING>"
            }
        })));
    }

    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);

    private static void protocol(Decoder d, Values v, String name) {
        each(d, name, (e, i) -> v.addString(e.text(i)));
    }

    @FunctionalInterface
    private interface Each {
        void at(Entries e, int i);
    }

    private static void each(Decoder d, String key, Each each) {
        Entries e = entries(d);
        for (int i = 0; i < e.keys.size(); i++) {
            if (e.keys.get(i).equals(key)) {
                each.at(e, i);
            }
        }
    }

    // ---- the frame's items, flattened ---------------------------------------------------------

    /** The (field, value) items of the current frame's DNS trees, in tree order. */
    private static final class Entries implements Tree {
        final List<String> keys = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<MemorySegment> segments = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        long frame = -1;
        Decoder decoder;

        void clear() {
            keys.clear();
            values.clear();
            segments.clear();
            offsets.clear();
            lengths.clear();
        }

        String text(int i) { return values.get(i); }

        long number(int i) {
            String s = values.get(i);
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        }

        private Tree add(String key, String value) {
            if (key != null) {
                keys.add(key);
                values.add(value);
                segments.add(null);
                offsets.add(0L);
                lengths.add(0);
            }
            return this;
        }

        @Override
        public Tree protocol(String key, String label) { return add(key, label); }

        @Override
        public Tree field(String key, String label, String value) { return add(key, value); }

        @Override
        public Tree none(String key, String label) { return add(key, ""); }

        @Override
        public Tree text(String label) { return this; }

        @Override
        public Tree hidden(String key, String value) { return add(key, value); }

        @Override
        public Tree relabel(String label) { return this; }

        @Override
        public Tree generated() { return this; }

        @Override
        public Tree hide() { return this; }

        @Override
        public Tree line(String key, String rawText, String value) { return add(key, value); }

        @Override
        public Tree string(String key, String name, String value) { return add(key, value); }

        @Override
        public Tree bytes(String key, String name, MemorySegment s, long off, int len) {
            add(key, "");
            segments.set(segments.size() - 1, s);
            offsets.set(offsets.size() - 1, off);
            lengths.set(lengths.size() - 1, len);
            return this;
        }

        @Override
        public Tree dump(MemorySegment s, long off, int len) { return this; }

        @Override
        public Tree expert(String key, Severity severity, Group group, String message) { return this; }
    }

    private static final ThreadLocal<Entries> ENTRIES = ThreadLocal.withInitial(Entries::new);

    private static Entries entries(Decoder d) {
        Entries e = ENTRIES.get();
        long frame = d.frame() == null ? -1 : d.frame().number();
        if (e.frame == frame && e.decoder == d) {
            return e;
        }
        e.clear();
        e.frame = frame;
        e.decoder = d;
        if (frame >= 0 && d.payloadTable() instanceof DissectorTable t) {
            for (Dns.Kind k : Dns.Kind.values()) {
                if (t.byName(k.filterName) instanceof Dns dns) {
                    for (Dns.Message m : dns.messages(frame)) {
                        Dns.build(m, e);
                    }
                }
            }
        }
        return e;
    }
}
