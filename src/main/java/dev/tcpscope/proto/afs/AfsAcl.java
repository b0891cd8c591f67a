package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.nio.charset.StandardCharsets;

/**
 * An AFS access list as packet-afs.c's dissect_acl reads it: the size word, then the text
 * "positive negative user bits user bits ..." scanned with sscanf over format_text of the captured
 * rest (so a newline, escaped to two characters, ends the scan after the first count, and the
 * counts' lengths are those of the escaped text). As 4.0.17 does, every entry is scanned from the
 * same place (after the counts), each added at the next offset, and the cursor is left after the
 * counts. Bounded: each entry's item must lie within the captured bytes, so a huge count ends the
 * walk at the datagram's end; an entry's text is at most 127 characters, its scan linear.
 */
final class AfsAcl {
    /** PRSFS_*: the rights' letters in the order the "fs" command prints them, and their bits. */
    private static final String LETTERS = "rlidwka";
    private static final int[] BITS = {1, 8, 4, 16, 2, 32, 64};
    private static final String[] FIELDS = {"afs.fs.acl.r", "afs.fs.acl.l", "afs.fs.acl.i", "afs.fs.acl.d", "afs.fs.acl.w",
        "afs.fs.acl.k", "afs.fs.acl.a"};

    private AfsAcl() { }

    /** What one sscanf consumed: its values and the characters it took (%n). */
    private record Scan(int n, long number, String word) { }

    /** dissect_acl from {@code off} under {@code tree}; returns the cursor's offset after it (after the counts). */
    static int acl(Tvb t, Put put, Tree tree, int off) {
        int oldOffset = off;
        int bytes = (int) put.value(off, 4);
        put.item(tree, "afs.fs.acl.datasize", off, 4);
        off += 4;
        Scan pos = number(text(t, off));
        if (pos == null) {
            return off;
        }
        put.number(tree, "afs.fs.acl.count.positive", off, pos.n(), pos.number() & 0xffffffffL);
        off += pos.n();
        Scan neg = number(text(t, off));
        if (neg == null) {
            return off;
        }
        put.number(tree, "afs.fs.acl.count.negative", off, neg.n(), neg.number() & 0xffffffffL);
        off += neg.n();
        int cursor = off;
        int at = off;
        for (long i = 0; i < (int) pos.number(); i++) {
            Scan e = entry(text(t, cursor));
            if (e == null) {
                return cursor;
            }
            out(t, tree, at, e, true);
            at += e.n();
        }
        for (long i = 0; i < (int) neg.number(); i++) {
            Scan e = entry(text(t, cursor));
            if (e == null) {
                return cursor;
            }
            out(t, tree, at, e, false);
            at += e.n();
            if (at >= oldOffset + bytes) {
                return cursor;
            }
        }
        return cursor;
    }

    /** GETSTR: format_text over the captured bytes from {@code off}, as the C string sscanf reads. */
    private static byte[] text(Tvb t, int off) {
        int len = Math.max(t.cap - off, 0);
        return Text.format(t.s, t.base + Math.min(off, t.cap), len).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean space(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** sscanf(s, "%d %n"): a number (spaces and a sign before it), the spaces after it; null when none. */
    private static Scan number(byte[] s) {
        int i = 0;
        while (i < s.length && space(s[i])) {
            i++;
        }
        int[] end = {i};
        Long v = digits(s, end);
        if (v == null) {
            return null;
        }
        i = end[0];
        while (i < s.length && space(s[i])) {
            i++;
        }
        return new Scan(i, v, null);
    }

    /** An optional sign and at least one digit from {@code at[0]}; the value as glibc's %d keeps it. */
    private static Long digits(byte[] s, int[] at) {
        int i = at[0];
        boolean minus = false;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) {
            minus = s[i] == '-';
            i++;
        }
        int first = i;
        long v = 0;
        while (i < s.length && s[i] >= '0' && s[i] <= '9') {
            v = Math.min(v * 10 + (s[i] - '0'), 1L << 40); // saturates long before it could overflow
            i++;
        }
        if (i == first) {
            return null;
        }
        at[0] = i;
        return (long) (int) (minus ? -v : v);
    }

    /** sscanf(s, "%127s %d %n"): a word of at most 127 characters, a number, the spaces after; null unless both. */
    private static Scan entry(byte[] s) {
        int i = 0;
        while (i < s.length && space(s[i])) {
            i++;
        }
        int start = i;
        while (i < s.length && !space(s[i]) && i - start < 127) {
            i++;
        }
        if (i == start) {
            return null;
        }
        String word = new String(s, start, i - start, StandardCharsets.UTF_8);
        while (i < s.length && space(s[i])) {
            i++;
        }
        int[] end = {i};
        Long v = digits(s, end);
        if (v == null) {
            return null;
        }
        i = end[0];
        while (i < s.length && space(s[i])) {
            i++;
        }
        return new Scan(i, v, word);
    }

    /** ACLOUT: "ACL:  who rights", the entity, the seven rights over the rest of the entry's text. */
    private static void out(Tvb t, Tree tree, int off, Scan e, boolean positive) {
        t.need(off, e.n()); // proto_tree_add_subtree_format checks the entry's bytes
        int acl = (int) e.number();
        StringBuilder rights = new StringBuilder();
        for (int k = 0; k < LETTERS.length(); k++) {
            if ((acl & BITS[k]) != 0) {
                rights.append(LETTERS.charAt(k));
            }
        }
        Tree sub = t.at(tree.text("ACL:  " + e.word() + " " + rights + (positive ? "" : " (negative)")), off, e.n());
        int who = e.word().getBytes(StandardCharsets.UTF_8).length;
        t.at(sub.string("afs.fs.acl.entity", "Entity (User/Group)", e.word()), off, who);
        int at = off + who + 1;
        int len = e.n() - who - 1;
        for (String f : FIELDS) {
            dev.tcpscope.proto.Registry.Row r = Put.AFS.row(f);
            boolean on = (acl & r.mask()) != 0;
            t.at(sub.field(f, Text.bits(acl, (int) r.mask(), 8) + " = " + r.title() + ": " + (on ? "True" : "False"),
                    on ? "1" : "0"), at, len).bitmask(r.mask());
        }
    }
}
