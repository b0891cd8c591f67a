package dev.tcpscope.proto.kerberos;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ldap.Ber;

import java.util.List;

/**
 * The parts of Wireshark 4.0's packet-ber.c that the generated Kerberos dissector calls, over
 * {@link Tvb}s as packet-ber.c cuts them ({@code next_tvb} for each explicitly tagged field), with
 * {@link Ber} (the LDAP package's reader) for identifiers and lengths: SEQUENCE with its
 * "Wrong field in SEQUENCE" and "lies beyond the end of the known sequence definition" errors,
 * SEQUENCE OF with its item count, INTEGER, GeneralString, GeneralizedTime, OCTET STRING (with an
 * optional dissector of its contents), BOOLEAN and BIT STRING with its named bits. Item labels and
 * value names come from tshark's own field registry ({@code kerberos/fields.tsv}, {@code values.tsv}).
 * Every read goes through {@link Tvb#need}, so a short or malformed message stops the walk with
 * {@link Tvb.Stop}, as the dissector stops on the exception; every loop moves forward or throws.
 */
abstract class KrbBer {
    static final Registry REG = Registry.load(KrbBer.class, "kerberos");
    private static final String[] CLASSES = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};
    static final int UNI = Ber.UNIVERSAL, APP = Ber.APPLICATION, CON = Ber.CONTEXT;

    /** A field's dissector: its bytes ({@code next_tvb}, the field's TLV at 0) and the tree to add to. */
    interface Fn {
        void run(Tvb t, Tree parent, String key);
    }

    /** One component of a SEQUENCE: its context tag, whether it may be absent, its field and dissector. */
    record El(int tag, boolean optional, String key, Fn fn) { }

    static El el(int tag, String key, Fn fn) {
        return new El(tag, false, key, fn);
    }

    static El opt(int tag, String key, Fn fn) {
        return new El(tag, true, key, fn);
    }

    /** The labels of the SEQUENCE OF items added, for texts appended to them later. */
    final java.util.IdentityHashMap<Tree, StringBuilder> listLabels = new java.util.IdentityHashMap<>();

    /** The item the last leaf field added (actx->created_item; packet-ber.c's SEQUENCE and SEQUENCE OF items do not set it). */
    Tree created = Tree.NOTHING;

    static Ber.Tlv tlv(Tvb t, int off) {
        return Ber.header(t, off, new Ber.Tlv());
    }

    /** The bytes {@code [off, off + len)} of {@code t} as a tvb of their own (tvb_new_subset_length). */
    static Tvb sub(Tvb t, int off, long len) {
        int rep = (int) Math.max(0, Math.min(len, (long) t.rep - off));
        int cap = Math.max(0, Math.min(rep, t.cap - off));
        return new Tvb(t.s, t.base + off, cap, rep, t.fragment);
    }

    /** The field's title in tshark's registry. */
    static String title(String key) {
        for (Registry.Row r : REG.rows()) {
            if (r.name().equals(key)) {
                return r.title();
            }
        }
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** How many bytes the identifier at {@code off} takes (X.690 §8.1.2.4's long tag form included). */
    static int idLength(Tvb t, int off) {
        if ((t.u8(off) & 0x1f) != 0x1f) {
            return 1;
        }
        int n = 1;
        while (n < 5 && (t.u8(off + n) & 0x80) != 0) {
            n++;
        }
        return n + 1;
    }

    /** The value length of {@code h}, checked to fit an int. */
    static int len(Ber.Tlv h) {
        if (h.indefinite || h.end() > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        return (int) h.length;
    }

    /** A string's length as packet-ber.c takes it: no further than the bytes its tvb reports. */
    static int clamped(Tvb t, Ber.Tlv h) {
        return (int) Math.max(0, Math.min(h.length, (long) t.rep - h.value));
    }

    /** An expert item of packet-ber.c's: the text item carrying it. */
    static void berError(Tvb t, Tree parent, String expert, String msg, int off, long len) {
        int l = (int) Math.max(0, Math.min(len, (long) t.cap - off));
        t.at(parent.text(msg), Math.min(off, t.cap), l).expert(expert, Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
    }

    /**
     * dissect_ber_sequence: the SEQUENCE at {@code off} (its own header read unless the caller
     * already did), its item under {@code parent} unless {@code key} is null, each component
     * matched to the definition in order; returns the offset after it.
     */
    int sequence(Tvb t, int off, Tree parent, String key, El... els) {
        if (++depth > MAX_DEPTH) {
            throw Tvb.Stop.MALFORMED;
        }
        try {
            return sequenceAt(t, off, parent, key, els);
        } finally {
            depth--;
        }
    }

    /**
     * How deep SEQUENCEs may nest (a KRB-ERROR's e-data can hold a PA-TGS-REQ holding another
     * message ...): far beyond any real message, well within the thread's stack; deeper input
     * ends as a malformed message where tshark's 500-level tree limit would stop it.
     */
    static final int MAX_DEPTH = 100;
    private int depth;

    private int sequenceAt(Tvb t, int off, Tree parent, String key, El... els) {
        Ber.Tlv h = tlv(t, off);
        int offset = h.value;
        Tree tree = parent;
        if (key != null) {
            // an FT_NONE item may run past the captured bytes (pdml's "field length invalid!")
            tree = t.at(parent.none(key, title(key)), off, (int) Math.min(offset - off + h.length, Integer.MAX_VALUE));
        }
        if (h.cls != APP && h.cls != Ber.PRIVATE && (!h.constructed || h.cls != UNI || h.tag != Ber.T_SEQUENCE)) {
            berError(t, tree, "ber.error.expected.sequence", "BER Error: Sequence expected but class:" + CLASSES[h.cls] + "(" + h.cls + ") "
                    + (h.constructed ? "Constructed" : "Primitive") + " tag:" + h.tag + " was unexpected", offset, h.length);
            return (int) Math.min(offset + h.length, Integer.MAX_VALUE);
        }
        long remaining = (long) t.rep - offset;
        // a length whose end overflows packet-ber.c's int offsets
        if (h.length > remaining && offset + h.length > Integer.MAX_VALUE) {
            berError(t, tree, "ber.error.length", "BER Error: SEQUENCE is " + (int) (h.length - remaining) + " too many bytes long",
                    offset, remaining);
            return t.rep;
        }
        int lenx = len(h);
        int end = offset + lenx;
        int i = 0;
        while (offset < end) {
            int hoffset = offset;
            Ber.Tlv e = tlv(t, offset);
            int elen = len(e);
            int eoffset = e.value + elen;
            if (eoffset <= hoffset) {
                throw Tvb.Stop.MALFORMED;
            }
            while (i < els.length && (e.cls != CON || e.tag != els[i].tag()) && els[i].optional()) {
                i++;
            }
            if (i >= els.length) {
                berError(t, tree, "ber.error.unknown_field.sequence",
                        "BER Error: This field lies beyond the end of the known sequence definition.", hoffset, eoffset - hoffset);
                offset = eoffset;
                continue;
            }
            El d = els[i];
            if (e.cls != CON || e.tag != d.tag()) {
                berError(t, tree, "ber.error.sequence.field_wrong", "BER Error: Wrong field in SEQUENCE: expected class:CONTEXT(2) tag:"
                        + d.tag() + " but found class:" + CLASSES[e.cls] + "(" + e.cls + ") tag:" + e.tag, hoffset, idLength(t, hoffset));
                i++;
                offset = eoffset;
                continue;
            }
            // an explicit tag: the field's own dissector sees the TLV inside it
            Tvb next = sub(t, e.value, elen);
            d.fn().run(next, tree, d.key());
            i++;
            offset = eoffset;
        }
        if (offset != end) {
            // tvb_ensure_bytes_exist(tvb, offset - 2, 2) first: past the SEQUENCE's own bytes that throws
            t.need(offset - 2, 2);
            berError(t, tree, "ber.error.length", "BER Error: Sequence ate " + (offset - end) + " too many bytes", offset, 0);
        }
        return end;
    }

    /**
     * dissect_ber_sequence_of: the item "key: N items" over the SEQUENCE OF's value (none when
     * {@code key} is null), then each element's TLV handed to {@code element} as {@code itemKey}.
     */
    int sequenceOf(Tvb t, int off, Tree parent, String key, String itemKey, Fn element) {
        Ber.Tlv h = tlv(t, off);
        int lenx = len(h);
        int offset = h.value;
        int end = offset + lenx;
        if (!h.constructed || h.cls != UNI || h.tag != Ber.T_SEQUENCE) {
            t.need(off, 2);
            berError(t, parent, "ber.error.expected.sequence", "BER Error: SET OF expected but class:" + CLASSES[h.cls] + "(" + h.cls
                    + ") " + (h.constructed ? "Constructed" : "Primitive") + " tag:" + h.tag + " was unexpected", offset, lenx);
            return end;
        }
        // packet-ber.c counts the elements only when its tvb is not cut short (captured = reported)
        boolean whole = t.cap >= t.rep;
        int count = 0;
        for (int p = offset; whole && p < end; count++) {
            Ber.Tlv e = tlv(t, p);
            long next = e.value + e.length;
            if (e.indefinite || next <= p || next > Integer.MAX_VALUE) {
                throw Tvb.Stop.MALFORMED;
            }
            p = (int) next;
        }
        Tree tree = parent;
        if (key != null) {
            String label = title(key) + ": " + (!whole ? "unknown number of items" : count + (count == 1 ? " item" : " items"));
            tree = t.at(parent.field(key, label, Integer.toString(count)), offset, lenx);
            listLabels.put(tree, new StringBuilder(label));
        }
        int[] want = elementType(itemKey);
        while (offset < end) {
            Ber.Tlv e = tlv(t, offset);
            int eoffset = e.value + len(e);
            if (e.cls != want[0] || e.tag != want[1]) {
                berError(t, tree, "ber.error.sequence_of.field_wrong", "BER Error: Wrong field in SEQUENCE OF: expected class:" + CLASSES[want[0]]
                        + "(" + want[0] + ") tag:" + want[1] + (want[0] == UNI ? "(" + UNIVERSAL_NAMES.getOrDefault(want[1], "") + ")" : "")
                        + " but found class:" + CLASSES[e.cls] + "(" + e.cls + ") tag:" + e.tag, offset, eoffset - offset);
                offset = eoffset;
                continue;
            }
            element.run(sub(t, offset, eoffset - offset), tree, itemKey);
            offset = eoffset;
        }
        if (offset != end) {
            // as after a SEQUENCE: past the bytes there, tvb_ensure_bytes_exist throws first
            t.need(offset - 2, 2);
            berError(t, tree, "ber.error.length", "BER Error: Sequence Of ate " + (offset - end) + " too many bytes", offset, 0);
        }
        return end;
    }

    /** packet-ber.c's names of the universal tags the Kerberos elements use. */
    static final java.util.Map<Integer, String> UNIVERSAL_NAMES = java.util.Map.of(2, "INTEGER", 4, "OCTET STRING", 16, "SEQUENCE",
            24, "GeneralizedTime", 27, "GeneralString");

    /** The class and tag a SEQUENCE OF's elements must have, by the element's field. */
    static int[] elementType(String itemKey) {
        return switch (itemKey) {
            case "kerberos.Ticket_element" -> new int[] {APP, 1};
            case "kerberos.ENCTYPE" -> new int[] {UNI, Ber.T_INTEGER};
            case "kerberos.CNameString", "kerberos.SNameString", "kerberos.KerberosString" -> new int[] {UNI, 27};
            default -> new int[] {UNI, Ber.T_SEQUENCE};
        };
    }

    /** dissect_ber_integer: the INTEGER's item, labelled by its value string where it has one; returns the value. */
    long integer(Tvb t, Tree parent, String key) {
        Ber.Tlv h = tlv(t, 0);
        int n = len(h);
        t.need(h.value, n);
        long v = n == 0 ? 0 : Ber.integer(t, h.value, Math.min(n, 8));
        Registry.Row r = row(key);
        boolean signed = r == null || r.signed();
        v = signed ? (int) v : v & 0xffffffffL;
        String number = Long.toString(v);
        // tshark -G values writes a negative value of an FT_INT32 as its unsigned 32 bits
        String name = REG.name(key, v & 0xffffffffL);
        String label = (r == null ? title(key) : r.title()) + ": " + (name == null ? number : name + " (" + number + ")");
        created = t.at(parent.field(key, label, number), h.value, n);
        return v;
    }

    static Registry.Row row(String key) {
        try {
            return REG.row(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** dissect_ber_restricted_string (GeneralString): an FT_STRING item over the value. */
    String string(Tvb t, Tree parent, String key) {
        Ber.Tlv h = tlv(t, 0);
        if (h.cls != UNI || h.tag != 27) {
            berError(t, parent, "ber.error.expected.string", "BER Error: String with tag=27 expected but class:" + CLASSES[h.cls] + "(" + h.cls
                    + ") " + (h.constructed ? "Constructed" : "Primitive") + " tag:" + h.tag + " was unexpected", h.value, h.length);
            return "";
        }
        int n = clamped(t, h);
        created = t.string(parent, key, title(key), h.value, n);
        return Text.ascii(t.s, t.base + h.value, n);
    }

    /** dissect_ber_boolean. */
    void bool(Tvb t, Tree parent, String key) {
        Ber.Tlv h = tlv(t, 0);
        int n = len(h);
        boolean v = n > 0 && t.u8(h.value) != 0;
        t.need(h.value, n);
        created = t.at(parent.field(key, title(key) + ": " + (v ? "True" : "False"), v ? "1" : "0"), h.value, n);
    }

    /** dissect_ber_octet_string(_wcb): the bytes' item ("&lt;MISSING&gt;" when empty), then {@code contents} over them beneath it. */
    Tree octets(Tvb t, Tree parent, String key, Fn contents) {
        Ber.Tlv h = tlv(t, 0);
        int n = clamped(t, h);
        t.need(h.value, n);
        Tree item = parent;
        if (key != null) {
            item = t.at(parent.bytes(key, title(key), t.s, t.base + h.value, n), h.value, n);
            if (n == 0) {
                item.relabel(title(key) + ": <MISSING>");
            }
            created = item;
        }
        if (contents != null && n > 0) {
            contents.run(sub(t, h.value, n), item, null);
        }
        return item;
    }

    /** dissect_ber_GeneralizedTime: "YYYYMMDDHHMMSS[.f]Z" as an absolute time in UTC. */
    void time(Tvb t, Tree parent, String key) {
        Ber.Tlv h = tlv(t, 0);
        if (h.length < 14 || h.length > 23) {
            // checked before any byte of the value is read
            berError(t, parent, "ber.error.invalid_format.generalized_time", "BER Error: GeneralizedTime invalid length: " + h.length,
                    h.value, h.length);
            return;
        }
        int n = len(h);
        t.need(h.value, n);
        String s = t.latin1(h.value, n);
        // sscanf("%4d%2d%2d%2d%2d%2d"): the fields read until one fails; five are enough (no seconds)
        int[] f = new int[6];
        int got = scanFields(s, f);
        long secs;
        try {
            if (got < 5) {
                throw new IllegalArgumentException();
            }
            secs = java.time.LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], got > 5 ? f[5] : 0).toEpochSecond(java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            StringBuilder shown = new StringBuilder(n);
            for (char c : s.toCharArray()) {
                shown.append(c < 0x80 ? c : '\ufffd'); // format_text of bytes that are not UTF-8
            }
            berError(t, parent, "ber.error.invalid_format.generalized_time", "BER Error: GeneralizedTime invalid format: " + shown, h.value, n);
            return;
        }
        String v = Text.absTime(secs, 0);
        created = t.at(parent.field(key, title(key) + ": " + v, v).time(secs, 0), h.value, n);
    }

    /** Reads "%4d%2d%2d%2d%2d%2d" from {@code s} into {@code f} as sscanf does (blanks and a sign allowed); returns how many. */
    static int scanFields(String s, int[] f) {
        int[] widths = {4, 2, 2, 2, 2, 2};
        int p = 0;
        for (int k = 0; k < widths.length; k++) {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            int start = p;
            int w = widths[k];
            boolean neg = false;
            if (p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+') && w > 1) {
                neg = s.charAt(p) == '-';
                p++;
                w--;
            }
            int v = 0;
            int digits = 0;
            while (digits < w && p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                v = v * 10 + s.charAt(p) - '0';
                p++;
                digits++;
            }
            if (digits == 0) {
                return k;
            }
            f[k] = neg ? -v : v;
            if (p - start < 0) {
                return k;
            }
        }
        return widths.length;
    }

    /**
     * dissect_ber_constrained_bitstring with named bits: "Padding: N" over the first byte, the
     * bits' FT_BYTES item over the rest, each named bit (an 8-bit boolean of the byte holding it)
     * beneath it.
     */
    void bitString(Tvb t, Tree parent, String key, List<Registry.Row> bits) {
        Ber.Tlv h = tlv(t, 0);
        int n = len(h);
        t.need(h.value, n);
        if (n == 0) {
            return;
        }
        int pad = t.u8(h.value);
        t.at(parent.field("ber.bitstring.padding", "Padding: " + pad, Integer.toString(pad)), h.value, 1);
        Tree item = t.at(parent.bytes(key, title(key), t.s, t.base + h.value + 1, n - 1), h.value + 1, n - 1);
        if (n == 1) {
            item.relabel(title(key) + ": <MISSING>");
        }
        created = item;
        for (int i = 0; i < bits.size(); i++) {
            int at = h.value + 1 + i / 8;
            if (at >= h.value + n) {
                break;
            }
            REG.integerItem(t, item, bits.get(i), at, 1, (v, num) -> num);
        }
    }

    /** The registry's rows whose names start with {@code prefix}, in tshark's order (a bit string's named bits). */
    static List<Registry.Row> bits(String prefix) {
        return REG.rows().stream().filter(r -> r.name().startsWith(prefix)).toList();
    }
}
