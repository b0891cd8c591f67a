package dev.tcpscope.proto.nbns;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.dns.DnsNames;

/**
 * One walk over an NBNS message (RFC 1002 §4.2) as Wireshark 4.0.17's packet-nbt.c reads it: the
 * DNS-like header, the flags as a bitmask, then the questions, answers, authority and additional
 * records, each name a DNS name (compression pointers followed by {@link DnsNames}) whose first
 * label undoes NetBIOS's first-level encoding ("WORKGROUP&lt;1c&gt;"). NB records carry name
 * flags and addresses (a WACK's carry the request's flags), NBSTAT records a name table and the
 * statistics block, other types their data. The same walk sets the Info column, in the order
 * packet-nbt.c sets it (an answer's address is read for the column before its tree is added, so
 * a record cut there ends the message before its item), and builds the tree.
 *
 * <p>Bounded: every question and record moves the offset on by at least five bytes, and reading
 * past the message stops the walk ({@link Tvb.Stop}), so the counts of a mutated header cannot
 * make it loop; a record's entries move on by two or more bytes within its 16-bit data length;
 * a name table has at most 255 entries; a name's pointers are followed at most 255 times.
 */
final class NbnsWalk {
    /** packet-nbt.c's NBNS fields and value strings (scripts/gen-registry-tables.sh nbns). */
    static final Registry REGISTRY = Registry.load(NbnsWalk.class, "nbns");

    static final int HDR = 12;
    static final int F_RESPONSE = 0x8000;
    static final int T_NB = 32;
    static final int T_NBSTAT = 33;
    static final int WACK = 7;
    /** NETBIOS_NAME_LEN. */
    static final int NAME_LEN = 16;
    /** packet-nbt.c's MAX_NAME_LEN: the buffer the decoded name is written into, with its NUL. */
    static final int MAX_NAME = (NAME_LEN - 1) * 4 + 255 + 64;

    private static final String[] REQUEST_FLAGS = {"nbns.flags.response", "nbns.flags.opcode", "nbns.flags.truncated",
        "nbns.flags.recdesired", "nbns.flags.broadcast"};
    private static final String[] RESPONSE_FLAGS = {"nbns.flags.response", "nbns.flags.opcode", "nbns.flags.authoritative",
        "nbns.flags.truncated", "nbns.flags.recdesired", "nbns.flags.recavail", "nbns.flags.broadcast", "nbns.flags.rcode"};
    private static final String[] WACK_FLAGS = {"nbns.flags.response", "nbns.flags.opcode", "nbns.flags.authoritative",
        "nbns.flags.truncated", "nbns.flags.recdesired", "nbns.flags.recavail", "nbns.flags.broadcast"};
    private static final String[] NB_FLAGS = {"nbns.nb_flags.group", "nbns.nb_flags.ont"};
    private static final String[] NAME_FLAGS = {"nbns.name_flags.group", "nbns.name_flags.ont", "nbns.name_flags.drg",
        "nbns.name_flags.cnf", "nbns.name_flags.act", "nbns.name_flags.prm"};

    private final Tvb t;
    private final boolean tree;
    /**
     * Whether the tree is shown (-V, JSON, PDML, EK): proto.c fakes text items in a tree nobody
     * shows, so only then does a section's or a record's item check that its bytes are there.
     */
    private final boolean visible;
    /** Whether the Info column is filled (packet-nbt.c gets a NULL cinfo for -V, JSON, PDML and EK). */
    private final boolean columns;
    /** The Info column as far as the walk got. */
    final StringBuilder info = new StringBuilder();

    /**
     * @param tree whether tshark builds a tree: packet-nbt.c reads an NBSTAT name table's names
     *     and flags only then, which decides where a cut table stops the walk; with a tree, a
     *     record's item is added over its whole data length, which must be there
     * @param columns whether the Info column is filled: an answer's address is read for it
     */
    NbnsWalk(Tvb t, boolean tree, boolean columns) {
        this(t, tree, tree, columns);
    }

    NbnsWalk(Tvb t, boolean tree, boolean visible, boolean columns) {
        this.t = t;
        this.tree = tree;
        this.visible = visible;
        this.columns = columns;
    }

    /** dissect_nbns: the header, then the four sections. */
    void message(Tree root) {
        int id = t.u16(0);
        int flags = t.u16(2);
        int opcode = flags >> 11 & 0xf;
        String op = REGISTRY.value("nbns.flags.opcode", opcode);
        info.append(op != null ? op : "Unknown operation (" + opcode + ")");
        if ((flags & F_RESPONSE) != 0) {
            info.append(" response");
        }
        Tree nbns = t.at(root.protocol("nbns", "NetBIOS Name Service"), 0, t.cap);
        uint(nbns, "nbns.id", 0, 2, id);
        flags(nbns, 2, false);
        int quest = count(nbns, "nbns.count.queries", 4);
        int ans = count(nbns, "nbns.count.answers", 6);
        int auth = count(nbns, "nbns.count.auth_rr", 8);
        int add = count(nbns, "nbns.count.add_rr", 10);
        boolean response = (flags & F_RESPONSE) != 0;
        int off = HDR;
        if (quest > 0) {
            off += queries(nbns, off, quest, !response);
        }
        if (ans > 0) {
            off += records(nbns, off, ans, response, opcode, "Answers");
        }
        if (auth > 0) {
            off += records(nbns, off, auth, false, opcode, "Authoritative nameservers");
        }
        if (add > 0) {
            records(nbns, off, add, false, opcode, "Additional records");
        }
    }

    // ---- sections -------------------------------------------------------------------------------

    /** dissect_query_records: the "Queries" item over the questions (to the end until they are read). */
    private int queries(Tree nbns, int start, int count, boolean col) {
        section(start);
        Tree q = t.at(nbns.text("Queries"), start, Math.max(t.cap - start, 0));
        int off = start;
        for (int i = 0; i < count; i++) {
            off += query(q, off, col);
        }
        q.length(off - start);
        return off - start;
    }

    /** dissect_answer_records: one section of records under its title. */
    private int records(Tree nbns, int start, int count, boolean col, int opcode, String title) {
        section(start);
        Tree s = t.at(nbns.text(title), start, Math.max(t.cap - start, 0));
        int off = start;
        for (int i = 0; i < count; i++) {
            off += answer(s, off, col, opcode);
        }
        s.length(off - start);
        return off - start;
    }

    /**
     * A section's item runs to the end (length -1): proto.c wants at least one byte there, which
     * it checks with or without a tree (tvb_ensure_captured_length_remaining).
     */
    private void section(int start) {
        ensure(start, 1);
    }

    /**
     * tvb_ensure_bytes_exist, as proto.c checks an item's range: the offset first (one past the
     * captured bytes but within the message is a cut capture, whatever the length), then the
     * end. A plain read (tvb_get_*) checks the end only ({@link Tvb#need}).
     */
    private void ensure(int off, int len) {
        if (off > t.cap && off <= t.rep && len >= 0) {
            throw t.fragment ? Tvb.Stop.FRAGMENT : Tvb.Stop.SHORT;
        }
        t.need(off, len);
    }

    /** dissect_nbns_query: a question's item, and " TYPE NAME" in the Info column of a request. */
    private int query(Tree parent, int off, boolean col) {
        NbName n = name(off, MAX_NAME);
        int type = t.u16(off + n.used);
        int cls = t.u16(off + n.used + 2);
        String typeName = typeName(type);
        if (col) {
            info.append(' ').append(typeName).append(' ').append(columnText(n.text));
        }
        int len = n.used + 4;
        Tree q = t.at(parent.text(columnText(n.text) + ": type " + typeName + ", class " + className(cls)), off, len);
        nameItem(q, "nbns.name", off, n.used, n.text, n.type < 0 ? null : NbName.typeName(n.type));
        uint(q, "nbns.type", off + n.used, 2, type);
        uint(q, "nbns.class", off + n.used + 2, 2, cls);
        return len;
    }

    /** dissect_nbns_answer: a record's item by its type; returns the bytes it took. */
    private int answer(Tree parent, int off, boolean col, int opcode) {
        NbName n = name(off, MAX_NAME);
        int cur = off + n.used;
        int type = t.u16(cur);
        int cls = t.u16(cur + 2);
        cur += 4;
        String typeName = typeName(type);
        long ttl = t.u32(cur);
        cur += 4;
        int dataLen = t.u16(cur);
        cur += 2;
        String head = columnText(n.text) + ": type " + typeName + ", class " + className(cls);
        switch (type) {
            case T_NB -> {
                if (col && columns && opcode != WACK) {
                    String a = ipv4(cur + 2); // read before anything is appended, as the C arguments are
                    info.append(' ').append(typeName).append(' ').append(a);
                }
                Tree rr = recordItem(parent, head, off, cur - off + dataLen);
                rrItems(rr, off, n, n.text + " (" + NbName.typeName(n.type) + ")", type, cls, ttl, dataLen);
                while (dataLen > 0) {
                    if (opcode == WACK) {
                        if (dataLen < 2) {
                            incomplete(rr, cur, dataLen);
                            break;
                        }
                        flags(rr, cur, true);
                        cur += 2;
                        dataLen -= 2;
                    } else {
                        if (dataLen < 2) {
                            incomplete(rr, cur, dataLen);
                            break;
                        }
                        nbFlags(rr, cur);
                        cur += 2;
                        dataLen -= 2;
                        if (dataLen < 4) {
                            incomplete(rr, cur, dataLen);
                            break;
                        }
                        ensure(cur, 4);
                        String a = ipv4(cur);
                        t.at(rr.field("nbns.addr", "Addr: " + a, a), cur, 4);
                        cur += 4;
                        dataLen -= 4;
                    }
                }
            }
            case T_NBSTAT -> {
                if (col) {
                    info.append(' ').append(typeName);
                }
                Tree rr = recordItem(parent, head, off, cur - off + dataLen);
                rrItems(rr, off, n, n.text, type, cls, ttl, dataLen);
                cur = nodeStatus(rr, cur, dataLen, n.used);
            }
            default -> {
                if (col) {
                    info.append(' ').append(typeName);
                }
                Tree rr = recordItem(parent, head, off, cur - off + dataLen);
                rrItems(rr, off, n, n.text, type, cls, ttl, dataLen);
                if (tree) { // without a tree packet-nbt.c steps over the data unread
                    ensure(cur, dataLen);
                    // an empty FT_BYTES item: "<MISSING>" in its label, no bytes for -T fields
                    Tree data = dataLen != 0 ? rr.bytes("nbns.data", "Data", t.s, t.base + cur, dataLen)
                            : rr instanceof dev.tcpscope.proto.Collected ? rr.bytes("nbns.data", "Data", t.s, t.base + Math.min(cur, t.cap), 0)
                            : rr.field("nbns.data", "Data: <MISSING>", "");
                    t.at(data, cur, dataLen);
                }
                cur += dataLen;
            }
        }
        return cur - off;
    }

    /** An NBSTAT record's data: the name table and the statistics; returns where the walk stopped. */
    private int nodeStatus(Tree rr, int cur, int dataLen, int nameLen) {
        if (dataLen < 1) {
            incomplete(rr, cur, dataLen);
            return cur;
        }
        int names = t.u8(cur);
        uint(rr, "nbns.number_of_names", cur, 1, names);
        cur += 1;
        // 4.0.17 does not count the number byte against the data length
        for (int i = 0; i < names; i++) {
            if (dataLen < NAME_LEN) {
                incomplete(rr, cur, dataLen);
                return cur;
            }
            if (tree) {
                String nb = netbiosName(cur, nameLen);
                int type = t.u8(cur + NAME_LEN - 1);
                t.at(rr.field("nbns.netbios_name", "Name: " + columnText(String.format("%s<%02x> (%s)", nb, type, NbName.typeName(type))),
                        nb), cur, NAME_LEN);
            }
            cur += NAME_LEN;
            dataLen -= NAME_LEN;
            if (dataLen < 2) {
                incomplete(rr, cur, dataLen);
                return cur;
            }
            if (tree) {
                bitmask(rr, "nbns.name_flags", cur, NAME_FLAGS);
            }
            cur += 2;
            dataLen -= 2;
        }
        if (dataLen < 6) {
            incomplete(rr, cur, dataLen);
            return cur;
        }
        ensure(cur, 6);
        long mac = (long) t.u16(cur) << 32 | t.u32(cur + 2);
        String plain = EtherNames.plain(mac);
        t.at(rr.field("nbns.unit_id", "Unit ID: " + EtherNames.name(mac) + " (" + plain + ")", plain), cur, 6);
        cur += 6;
        dataLen -= 6;
        String[][] stats = {{"nbns.jumpers", "1"}, {"nbns.test_result", "1"}, {"nbns.version_number", "2"},
            {"nbns.period_of_statistics", "2"}, {"nbns.num_crcs", "2"}, {"nbns.num_alignment_errors", "2"},
            {"nbns.num_collisions", "2"}, {"nbns.num_send_aborts", "2"}, {"nbns.num_good_sends", "4"},
            {"nbns.num_good_receives", "4"}, {"nbns.numretransmits", "2"}, {"nbns.num_no_resource_conditions", "2"},
            {"nbns.numcommand_blocks", "2"}, {"nbns.numpending_sessions", "2"}, {"nbns.max_num_pending_sessions", "2"},
            {"nbns.max_total_sessions_possible", "2"}, {"nbns.session_data_packet_size", "2"}};
        for (String[] s : stats) {
            int len = Integer.parseInt(s[1]);
            if (dataLen < len) {
                incomplete(rr, cur, dataLen);
                return cur;
            }
            item(rr, s[0], cur, len);
            cur += len;
            dataLen -= len;
        }
        return cur;
    }

    /** The record's text item over {@code len} bytes: with a tree, proto.c checks that they are there. */
    private Tree recordItem(Tree parent, String head, int off, int len) {
        if (visible) {
            ensure(off, len);
        }
        return t.at(parent.text(head), off, len);
    }

    /** add_rr_to_tree: the record's name (from its second byte), type, class, TTL and data length. */
    private void rrItems(Tree rr, int off, NbName n, String name, int type, int cls, long ttl, int dataLen) {
        int at = off + 1;
        int len = n.used - 1;
        t.at(rr.field("nbns.name", "Name: " + columnText(name), columnText(name)), at, len);
        uint(rr, "nbns.type", off + n.used, 2, type);
        uint(rr, "nbns.class", off + n.used + 2, 2, cls);
        t.at(rr.field("nbns.ttl", "Time to live: " + signedSecs((int) ttl), Long.toString(ttl)), off + n.used + 4, 4);
        uint(rr, "nbns.data_length", off + n.used + 8, 2, dataLen);
    }

    /** The "incomplete entry" expert item over the data left (4.0.17 then checks that the bytes are there). */
    private void incomplete(Tree rr, int off, int len) {
        t.at(rr.text("incomplete entry"), off, Math.min(len, Math.max(t.cap - off, 0))) // the item ends with the bytes
                .expert("nbns.incomplete_entry", Tree.Severity.ERROR, Tree.Group.MALFORMED, "incomplete entry");
        ensure(off, len); // after the item: 4.0.17 shows it, then the exception
    }

    // ---- names ----------------------------------------------------------------------------------

    /** A name as get_nbns_name gives it: the text, the NetBIOS type (-1 for an illegal name) and the bytes it takes. */
    record NbName(String text, int type, int used) {
        /** netbios_name_type_descr (packet-netbios.c). */
        static String typeName(int type) {
            return dev.tcpscope.proto.smb2.NbName.typeName(type);
        }
    }

    /** get_nbns_name: the DNS name at {@code off}, its first label's first-level encoding undone. */
    private NbName name(int off, int room) {
        DnsNames.Name d = DnsNames.read(t, off, 0);
        String raw = d.raw();
        byte[] nb = new byte[NAME_LEN];
        int idx = 0;
        int p = 0;
        char c = 0;
        String bad = null;
        while (true) {
            c = p < raw.length() ? raw.charAt(p) : 0;
            if (c == 0 || c == '.') {
                break;
            }
            if (c < 'A' || c > 'Z') {
                bad = "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)";
                break;
            }
            int hi = c - 'A';
            p++;
            c = p < raw.length() ? raw.charAt(p) : 0;
            if (c == 0 || c == '.') {
                bad = "Illegal NetBIOS name (odd number of bytes)";
                break;
            }
            if (c < 'A' || c > 'Z') {
                bad = "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)";
                break;
            }
            int lo = c - 'A';
            p++;
            if (idx < NAME_LEN) {
                nb[idx++] = (byte) (hi << 4 | lo);
            }
        }
        if (bad == null && idx != NAME_LEN) {
            bad = "Illegal NetBIOS name (" + idx + " bytes long)";
        }
        if (bad != null) {
            return new NbName(bad, -1, d.used());
        }
        StringBuilder s = new StringBuilder(process(nb, 0, room));
        s.append(String.format("<%02x>", nb[NAME_LEN - 1] & 0xff));
        if (c == '.') {
            s.append(raw, p, raw.length()); // the scope ID, from its dot
        }
        String text = s.length() > room - 1 ? s.substring(0, room - 1) : s.toString();
        return new NbName(untilNul(text), nb[NAME_LEN - 1] & 0xff, d.used());
    }

    /** The 16 bytes of a name table entry at {@code off} as process_netbios_name shows them in {@code room} chars with the NUL. */
    private String netbiosName(int off, int room) {
        t.need(off, NAME_LEN);
        byte[] nb = t.copy(off, NAME_LEN);
        return process(nb, 0, room);
    }

    /**
     * process_netbios_name: the first 15 bytes, printable ones as they are and others as "&lt;xx&gt;",
     * kept within {@code room - 1} chars; trailing spaces dropped (a name of only spaces keeps
     * them, as the C loop finds no other character to end it at).
     */
    static String process(byte[] nb, int from, int room) {
        StringBuilder s = new StringBuilder(20);
        int left = room;
        for (int i = 0; i < NAME_LEN - 1; i++) {
            int ch = nb[from + i] & 0xff;
            if (ch >= ' ' && ch <= '~') {
                if (--left > 0) {
                    s.append((char) ch);
                }
            } else {
                String x = String.format("<%02x>", ch);
                for (int k = 0; k < 4; k++) {
                    if (--left > 0) {
                        s.append(x.charAt(k));
                    }
                }
            }
        }
        int end = s.length();
        for (int i = 0; i < NAME_LEN - 1 && end > 0; i++) {
            if (s.charAt(end - 1) != ' ') {
                return s.substring(0, end);
            }
            end--;
        }
        return s.toString();
    }

    /** A name as the Info column shows its raw bytes: read as UTF-8, each invalid sequence one U+FFFD. */
    private static String columnText(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return new String(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return raw;
    }

    private static String untilNul(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s : s.substring(0, z);
    }

    /** add_name_and_type: the name item, with its NetBIOS type's description when the name is legal. */
    private void nameItem(Tree parent, String key, int off, int len, String name, String descr) {
        String shown = descr == null ? name : name + " (" + descr + ")";
        t.at(parent.field(key, "Name: " + columnText(shown), columnText(name)), off, len);
    }

    // ---- items ----------------------------------------------------------------------------------

    /** nbns_add_nbns_flags: the header's flags (or a WACK record's) as a bitmask by the message kind. */
    private void flags(Tree parent, int off, boolean wack) {
        int v = t.u16(off);
        if (!wack && (v & F_RESPONSE) != 0 && (v & 0xf) != 0) {
            String rc = REGISTRY.value("nbns.flags.rcode", v & 0xf);
            info.append(", ").append(rc != null ? rc : "Unknown error");
        }
        String[] children = (v & F_RESPONSE) == 0 ? REQUEST_FLAGS : wack ? WACK_FLAGS : RESPONSE_FLAGS;
        bitmask(parent, "nbns.flags", off, children);
    }

    /** nbns_add_nb_flags: the record's flags, then "(ONT, group|unique)" after them. */
    private void nbFlags(Tree parent, int off) {
        int v = t.u16(off);
        Tree f = bitmask(parent, "nbns.nb_flags", off, NB_FLAGS);
        String ont = REGISTRY.value("nbns.nb_flags.ont", v & 0x6000);
        f.relabel(label + " (" + (ont != null ? ont : "Unknown") + ", " + ((v & 0x8000) != 0 ? "group" : "unique") + ")");
    }

    /** The label {@link #bitmask} gave its item last. */
    private String label;

    /** proto_tree_add_bitmask (BMT_NO_INT | BMT_NO_TFS): the parent's label names the set flags and the named values. */
    private Tree bitmask(Tree parent, String name, int off, String[] children) {
        int v = t.u16(off);
        Registry.Row r = REGISTRY.row(name);
        StringBuilder l = new StringBuilder(r.title()).append(": 0x").append(Registry.hex(v, 4));
        for (String c : children) {
            Registry.Row cr = REGISTRY.row(c);
            long cv = (v & cr.mask()) >>> Long.numberOfTrailingZeros(cr.mask());
            if (cr.type().equals("FT_BOOLEAN")) {
                if (cv != 0) {
                    l.append(", ").append(cr.title());
                }
            } else {
                l.append(", ").append(cr.title()).append(": ").append(REGISTRY.name(c, cv));
            }
        }
        label = l.toString();
        Tree item = t.at(parent.field(name, label, "0x" + Registry.hex(v, 4)), off, 2);
        for (String c : children) {
            REGISTRY.integerItem(t, item, REGISTRY.row(c), off, 2, (value, number) -> shown(c, value, number));
        }
        return item;
    }

    /** proto_tree_add_item of an integer or FT_ETHER field. */
    private void item(Tree parent, String name, int off, int len) {
        ensure(off, len);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | t.u8(off + i);
        }
        uint(parent, name, off, len, v);
    }

    private int count(Tree parent, String name, int off) {
        int v = t.u16(off);
        uint(parent, name, off, 2, v);
        return v;
    }

    /** proto_tree_add_uint: the field's label for {@code v} (its value string's name first, when it has one). */
    private void uint(Tree parent, String name, int off, int len, long v) {
        Registry.Row r = REGISTRY.row(name);
        String number = r.hex() ? "0x" + Registry.hex(v, r.bits() / 4) : Long.toString(v);
        t.need(off, len);
        t.at(parent.field(name, r.title() + ": " + shown(name, v, number), number), off, len);
    }

    private static String shown(String field, long v, String number) {
        String n = REGISTRY.name(field, v);
        return n == null ? number : n + " (" + number + ")";
    }

    private String ipv4(int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }

    private static String typeName(int type) {
        return type == T_NB ? "NB" : type == T_NBSTAT ? "NBSTAT" : "Unknown";
    }

    private static String className(int cls) {
        String n = REGISTRY.value("nbns.class", cls);
        return n != null ? n : "Unknown";
    }

    /** signed_time_secs_to_str: "3 days, 11 hours, 20 minutes", "-1 second", "0 seconds". */
    static String signedSecs(int secs) {
        if (secs == 0) {
            return "0 seconds";
        }
        long t = secs;
        StringBuilder sb = new StringBuilder(48);
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        int start = sb.length();
        unit(sb, start, t / 86400, "day");
        unit(sb, start, t / 3600 % 24, "hour");
        unit(sb, start, t / 60 % 60, "minute");
        unit(sb, start, t % 60, "second");
        return sb.toString();
    }

    private static void unit(StringBuilder sb, int start, long n, String name) {
        if (n == 0) {
            return;
        }
        if (sb.length() > start) {
            sb.append(", ");
        }
        sb.append(n).append(' ').append(name).append(n == 1 ? "" : "s");
    }
}
