package dev.tcpscope.proto.xml;

import dev.tcpscope.proto.Text;

import java.lang.foreign.MemorySegment;

/**
 * Finds the next top-level token of an XML body as packet-xml.c's tvbparse grammar of Wireshark
 * 4.0.17 finds it, quirks included, so that the items built from the tokens are tshark's: blanks
 * (space, tab, CR, LF) are skipped before each token and after each part of one (so {@code < a >}
 * is a tag and {@code x = "1"} an attribute); the alternatives are tried in the grammar's order
 * (comment, CDATA section, processing instruction, closing tag, DOCTYPE, "]>", other
 * {@code <!...>}, tag, text up to the next '<', else the next run of non-blanks, which is
 * "Unrecognized text"); a quoted value ends at its next quote (a backslash escapes only a quote
 * that comes first); a search for the end of a comment, CDATA section or {@code <!...>} looks at
 * every start but the body's last byte (tvbparse_until), so a {@code >} that is the last byte is
 * found only when the search starts on it.
 *
 * <p>Each token is matched whole before anything is shown, as tvbparse runs its callbacks after
 * a match: {@link #next} fills {@link Token} and the caller turns it into items. Work is linear
 * in the body: the searches for an end remember their last answer, which holds for every later
 * start before it, so a body of many unterminated {@code <!} is not scanned once per start.
 */
final class XmlScanner {
    /** What kind of token {@link #next} found. */
    enum Kind { COMMENT, CDATA_SECTION, PI, CLOSING_TAG, DOCTYPE, DTD_CLOSE, DTD_TAG, TAG, TEXT, UNRECOGNIZED }

    /** One attribute of a tag or processing instruction: {@code name=value}, offsets relative to the body. */
    static final class Attribute {
        int start;
        int nameEnd;
        int valueStart;
        int valueEnd;
        int end;
    }

    /** The token found: its kind and bytes, and the parts the items are made of. */
    static final class Token {
        Kind kind;
        int start;
        int end;
        /** The name (tag, processing instruction, DOCTYPE): from {@code nameStart} to {@code nameEnd}. */
        int nameStart;
        int nameEnd;
        /** A DOCTYPE with SYSTEM or PUBLIC (closed in the same token) rather than an internal subset. */
        boolean external;
        /** A tag closed by "/>" rather than ">". */
        boolean empty;
        /** The "?>" of a processing instruction, or the stop of a tag. */
        int stopStart;
        int attributeCount;
        Attribute[] attributes = new Attribute[4];

        Attribute attribute(int i) {
            return attributes[i];
        }

        private Attribute addAttribute() {
            if (attributeCount == attributes.length) {
                attributes = java.util.Arrays.copyOf(attributes, attributeCount * 2);
            }
            Attribute a = attributes[attributeCount];
            if (a == null) {
                a = attributes[attributeCount] = new Attribute();
            }
            attributeCount++;
            return a;
        }
    }

    private final MemorySegment s;
    private final long base;
    private final int end;
    private final Until[] untils = {new Until("-->"), new Until("]]>"), new Until(">")};
    private final int[] value = new int[2];

    XmlScanner(MemorySegment s, long base, int len) {
        this.s = s;
        this.base = base;
        this.end = len;
    }

    int u8(int at) {
        return Text.u8(s, base + at);
    }

    /**
     * The token at or after {@code at} (after blanks) in {@code t}; returns where the next
     * search starts, or −1 when nothing is left (only blanks).
     */
    int next(int at, Token t) {
        int p = skip(at);
        if (p >= end) {
            return -1;
        }
        t.attributeCount = 0;
        t.start = p;
        int e;
        if ((e = comment(p, "<!--", untils[0])) >= 0) {
            t.kind = Kind.COMMENT;
        } else if ((e = comment(p, "<![CDATA[", untils[1])) >= 0) {
            t.kind = Kind.CDATA_SECTION;
        } else if ((e = pi(p, t)) >= 0) {
            t.kind = Kind.PI;
        } else if ((e = closingTag(p, t)) >= 0) {
            t.kind = Kind.CLOSING_TAG;
        } else if ((e = doctype(p, t)) >= 0) {
            t.kind = Kind.DOCTYPE;
        } else if ((e = dtdClose(p)) >= 0) {
            t.kind = Kind.DTD_CLOSE;
        } else if ((e = dtdTag(p)) >= 0) {
            t.kind = Kind.DTD_TAG;
        } else if ((e = tag(p, t)) >= 0) {
            t.kind = Kind.TAG;
        } else {
            int q = p;
            while (q < end && u8(q) != '<') {
                q++;
            }
            if (q > p) {
                t.kind = Kind.TEXT;
            } else {
                q = p;
                while (q < end && !blank(u8(q))) {
                    q++;
                }
                t.kind = Kind.UNRECOGNIZED;
            }
            t.end = q;
            return q;
        }
        t.end = e;
        return e;
    }

    private static boolean blank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private int skip(int at) {
        while (at < end && blank(u8(at))) {
            at++;
        }
        return at;
    }

    private boolean is(int at, int c) {
        return at < end && u8(at) == c;
    }

    private boolean literal(int at, String text, boolean anyCase) {
        if (at + text.length() > end) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            int c = u8(at + i);
            int want = text.charAt(i);
            if (c != want && !(anyCase && Character.toUpperCase((char) c) == want && c < 0x80)) {
                return false;
            }
        }
        return true;
    }

    /** The end of a name (letters, digits, '.', '-', '_', and ':' for an attribute's), or −1 when none starts at {@code at}. */
    private int name(int at, boolean colon) {
        int q = at;
        while (q < end) {
            int c = u8(q);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
                    || colon && c == ':') {
                q++;
            } else {
                break;
            }
        }
        return q > at ? q : -1;
    }

    /** A tag's name, "prefix:local" or plain: its end after the blanks that follow, the name in the token. */
    private int tagName(int at, Token t) {
        int a = name(at, false);
        if (a < 0) {
            return -1;
        }
        t.nameStart = at;
        int b = skip(a);
        if (is(b, ':')) {
            int c = skip(b + 1);
            int d = name(c, false);
            if (d >= 0) {
                t.nameEnd = d;
                return skip(d);
            }
        }
        t.nameEnd = a;
        return b;
    }

    /** "<!--" ... "-->" (or a CDATA section): the end of its token, or −1. */
    private int comment(int p, String open, Until close) {
        if (!literal(p, open, false)) {
            return -1;
        }
        return close.from(skip(p + open.length()));
    }

    private int pi(int p, Token t) {
        if (!literal(p, "<?", false)) {
            return -1;
        }
        int q = skip(p + 2);
        int n = name(q, false);
        if (n < 0) {
            return -1;
        }
        t.nameStart = q;
        t.nameEnd = n;
        int r = skip(n);
        if (literal(r, "?>", false)) {
            t.stopStart = r;
            return r + 2;
        }
        int a = attributes(r, t);
        if (a >= 0 && literal(a, "?>", false)) {
            t.stopStart = a;
            return a + 2;
        }
        return -1;
    }

    private int closingTag(int p, Token t) {
        if (!is(p, '<')) {
            return -1;
        }
        int q = skip(p + 1);
        if (!is(q, '/')) {
            return -1;
        }
        int r = tagName(skip(q + 1), t);
        return r >= 0 && is(r, '>') ? r + 1 : -1;
    }

    private int doctype(int p, Token t) {
        if (!is(p, '<')) {
            return -1;
        }
        int q = skip(p + 1);
        if (!is(q, '!')) {
            return -1;
        }
        int r = skip(q + 1);
        if (!literal(r, "DOCTYPE", true)) {
            return -1;
        }
        int u = skip(r + 7);
        int n = name(u, false);
        if (n < 0) {
            return -1;
        }
        t.nameStart = u;
        t.nameEnd = n;
        int v = skip(n);
        if (is(v, '[')) {
            t.external = false;
            return v + 1;
        }
        if (literal(v, "PUBLIC", true) || literal(v, "SYSTEM", true)) {
            t.external = true;
            return untils[2].from(skip(v + 6));
        }
        return -1;
    }

    private int dtdClose(int p) {
        if (!is(p, ']')) {
            return -1;
        }
        int q = skip(p + 1);
        return is(q, '>') ? q + 1 : -1;
    }

    private int dtdTag(int p) {
        if (!is(p, '<')) {
            return -1;
        }
        int q = skip(p + 1);
        return is(q, '!') ? untils[2].from(skip(q + 1)) : -1;
    }

    private int tag(int p, Token t) {
        t.attributeCount = 0; // what a processing instruction that did not match left
        if (!is(p, '<')) {
            return -1;
        }
        int r = tagName(skip(p + 1), t);
        if (r < 0) {
            return -1;
        }
        int a = attributes(r, t);
        int stop = a >= 0 ? a : r;
        if (is(stop, '>')) {
            t.empty = false;
            t.stopStart = stop;
            return stop + 1;
        }
        if (literal(stop, "/>", false)) {
            t.empty = true;
            t.stopStart = stop;
            return stop + 2;
        }
        return -1;
    }

    /** One or more {@code name = value}: where what follows them starts, or −1 when there is none. */
    private int attributes(int at, Token t) {
        int p = at;
        int count = 0;
        while (true) {
            int n = name(p, true);
            if (n < 0) {
                break;
            }
            int q = skip(n);
            if (!is(q, '=')) {
                break;
            }
            int e = value(skip(q + 1));
            if (e < 0) {
                break;
            }
            Attribute a = t.addAttribute();
            a.start = p;
            a.nameEnd = n;
            a.valueStart = value[0];
            a.valueEnd = value[1];
            a.end = e;
            count++;
            p = skip(e);
        }
        if (count == 0) {
            t.attributeCount = 0;
            return -1;
        }
        return p;
    }

    /**
     * An attribute's value: quoted (the value inside the quotes), digits, or a name; the end of
     * its token, the value's bounds in {@link #value}, or −1.
     */
    private int value(int at) {
        if (at >= end) {
            return -1;
        }
        int c = u8(at);
        if (c == '"' || c == '\'') {
            int r = skip(at + 1);
            int m = -1;
            if (is(r, '\\') && is(r + 1, c)) {
                m = r + 2;
            } else {
                int q = r;
                while (q < end && u8(q) != c) {
                    q++;
                }
                if (q > r) {
                    m = q;
                }
            }
            if (m >= 0) {
                int close = skip(m);
                if (is(close, c)) {
                    value[0] = at + 1;
                    value[1] = close;
                    return close + 1;
                }
            }
            if (is(r, c)) { // the empty value: a quote, blanks, a quote
                value[0] = at + 1;
                value[1] = r;
                return r + 1;
            }
            return -1;
        }
        int q = at;
        while (q < end && u8(q) >= '0' && u8(q) <= '9') {
            q++;
        }
        if (q == at) {
            q = name(at, false);
            if (q < 0) {
                return -1;
            }
        }
        value[0] = at;
        value[1] = q;
        return q;
    }

    /**
     * tvbparse_until for one closing text, its last answer kept: the end of the first match at
     * or after a start (the start itself, then each position before the body's last byte), or −1.
     */
    private final class Until {
        final String text;
        int from = Integer.MAX_VALUE;
        int found = -1;

        Until(String text) {
            this.text = text;
        }

        int from(int at) {
            if (at + text.length() > end) {
                return -1;
            }
            if (at >= from && (found >= at || found < 0 && at + 1 < end)) {
                return found < 0 ? -1 : found + text.length();
            }
            int i = at;
            while (!literal(i, text, false)) {
                i++;
                if (i + 1 >= end) {
                    i = -1;
                    break;
                }
            }
            from = at;
            found = i;
            return i < 0 ? -1 : i + text.length();
        }
    }
}
