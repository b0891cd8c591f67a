package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * proto_tree_add_item for the field types packet-rx.c and packet-afs.c use, labelled from
 * tshark 4.0.17's own registry ({@code rx.fields.tsv}, {@code afs.fields.tsv}): integers in their
 * base with their value strings, absolute and relative times of 32-bit seconds, IPv4 addresses,
 * counted strings (FT_UINT_STRING, a 32-bit length first) and bytes. Each item checks that its
 * bytes are there first, as proto.c's test_length does with or without a tree, so a cut or
 * mutated message stops the walk ({@link Tvb.Stop}) where tshark's would.
 */
final class Put {
    static final Registry RX = Registry.loadNamed(Put.class, "rx");
    static final Registry AFS = Registry.loadNamed(Put.class, "afs");

    /** The suffix of a field registered a second time as FT_UINT_STRING under the same name. */
    static final String UINT_STRING = "_uint_string";
    /** FT_UINT_STRING's number in 4.0's epan/ftypes/ftypes.h (-T json -x's "_raw" arrays). */
    private static final int FT_UINT_STRING = 28;

    private final Tvb t;
    private final Registry reg;
    /**
     * Whether the tree is shown (-V, JSON, PDML, EK): proto.c checks a counted string's bytes only
     * when it builds the item, not in a tree nobody shows (its length word is checked either way).
     */
    final boolean visible;

    Put(Tvb t, Registry reg) {
        this(t, reg, true);
    }

    Put(Tvb t, Registry reg, boolean visible) {
        this.t = t;
        this.reg = reg;
        this.visible = visible;
    }

    /** Big-endian unsigned value of {@code len} (1 to 8) bytes at {@code off}, after checking them. */
    long value(int off, int len) {
        t.need(off, len);
        long v = 0;
        for (int k = 0; k < len; k++) {
            v = v << 8 | t.u8(off + k);
        }
        return v;
    }

    /** An item of field {@code key} over {@code len} bytes at {@code off}, its value read from them. */
    Tree item(Tree parent, String key, int off, int len) {
        if (key.endsWith(UINT_STRING)) {
            // packet-afs.c registers afs.vldb.name and afs.prot.name twice, the second time counted
            Registry.Row r = reg.row(key.substring(0, key.length() - UINT_STRING.length()));
            return counted(parent, new Registry.Row(r.name(), r.title(), "FT_UINT_STRING", "", 0), off).ftype(FT_UINT_STRING);
        }
        Registry.Row r = reg.row(key);
        switch (r.type()) {
            case "FT_UINT_STRING" -> {
                return counted(parent, r, off);
            }
            case "FT_BYTES" -> {
                t.need(off, len);
                if (len == 0) {
                    return t.at(parent.field(key, r.title() + ": <MISSING>", ""), off, 0);
                }
                return t.at(parent.bytes(key, r.title(), t.s, t.base + off, len), off, len);
            }
            case "FT_NONE" -> {
                if (off >= t.cap && t.cap > 0) { // an empty tvb gives length 0 unchecked
                    t.need(off, 1); // an item to the end wants a byte there
                }
                return t.at(parent.none(key, r.title()), off, len);
            }
            default -> {
                return number(parent, key, off, len, value(off, len));
            }
        }
    }

    /** An item of field {@code key} at {@code off} for {@code len} bytes showing {@code v} (proto_tree_add_uint/time), unchecked. */
    Tree number(Tree parent, String key, int off, int len, long v) {
        // proto_tree_add_uint/time checks no range (a request's opcode item is 4 bytes even when 2 are there)
        Registry.Row r = reg.row(key);
        String title = r.title();
        Tree item;
        switch (r.type()) {
            case "FT_ABSOLUTE_TIME" -> {
                String s = Text.absTime(v, 0);
                item = parent.field(key, title + ": " + s, s).time(v, 0);
            }
            case "FT_RELATIVE_TIME" -> {
                String s = Text.seconds(v * 1_000_000_000L);
                item = parent.field(key, title + ": " + s + " seconds", s);
            }
            case "FT_IPv4" -> {
                String s = (v >>> 24 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
                item = parent.field(key, title + ": " + s, s);
            }
            case "FT_BOOLEAN" -> {
                boolean on = (r.mask() != 0 ? v & r.mask() : v) != 0;
                String bits = r.mask() != 0 ? Text.bits((int) v, (int) r.mask(), r.bits()) + " = " : "";
                item = parent.field(key, bits + title + ": " + (on ? "True" : "False"), on ? "1" : "0");
                if (r.mask() != 0) {
                    item.bitmask(r.mask());
                }
            }
            case "FT_FRAMENUM" -> item = parent.field(key, title + ": " + v, Long.toString(v));
            default -> {
                int bits = r.bits();
                if (r.signed()) {
                    v = v << (64 - bits) >> (64 - bits);
                }
                String number;
                String value;
                switch (r.base()) {
                    case "BASE_HEX" -> {
                        number = "0x" + Registry.hex(v, bits / 4);
                        value = number;
                    }
                    case "BASE_OCT" -> {
                        number = v == 0 ? "0" : "0" + Long.toOctalString(v);
                        value = Long.toString(v);
                    }
                    default -> {
                        number = Long.toString(v);
                        value = number;
                    }
                }
                String name = reg.name(key, v);
                item = parent.field(key, title + ": " + (name == null ? number : name + " (" + number + ")"), value);
            }
        }
        return t.at(item, off, len);
    }

    /**
     * proto_tree_add_bitmask of 32- or 8-bit field {@code key} and its {@code flags}: the value with
     * the titles of the set flags after it, then a bit line for each.
     */
    Tree bitmask(Tree parent, String key, int off, int len, String[] flags) {
        long v = value(off, len);
        Registry.Row r = reg.row(key);
        StringBuilder label = new StringBuilder(r.title()).append(": 0x").append(Registry.hex(v, len * 2));
        for (String f : flags) {
            if ((v & reg.row(f).mask()) != 0) {
                label.append(", ").append(reg.row(f).title());
            }
        }
        Tree item = t.at(parent.field(key, label.toString(), "0x" + Registry.hex(v, len * 2)), off, len);
        for (String f : flags) {
            Registry.Row fr = reg.row(f);
            boolean on = (v & fr.mask()) != 0;
            t.at(item.field(f, Text.bits((int) v, (int) fr.mask(), len * 8) + " = " + fr.title() + ": " + (on ? "True" : "False"),
                    on ? "1" : "0"), off, len).bitmask(fr.mask());
        }
        return item;
    }

    /** An FT_UINT_STRING: a 32-bit length, then that many ASCII bytes (the item covers both). */
    private Tree counted(Tree parent, Registry.Row r, int off) {
        long n = value(off, 4);
        if (n > Integer.MAX_VALUE - 8) {
            if (!visible) {
                return parent;
            }
            t.need(off + 4, Integer.MAX_VALUE); // past any message: a malformed one
        }
        if (!visible) {
            return parent; // ptvcursor steps over it unread
        }
        t.need(off + 4, (int) n);
        // no "Trailing stray characters" item: 4.0.17 adds none for a counted string (checked on mutated ones)
        Tree item = parent.string(r.name(), r.title(), Text.ascii(t.s, t.base + off + 4, (int) n));
        return t.at(item, off, 4 + (int) n);
    }

    /** The length an FT_UINT_STRING at {@code off} covers (after {@link #item} added it). */
    int countedLength(int off) {
        return (int) Math.min(4 + value(off, 4), Integer.MAX_VALUE / 2); // past any datagram, without overflowing
    }
}
