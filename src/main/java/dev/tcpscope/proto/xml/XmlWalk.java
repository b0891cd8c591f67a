package dev.tcpscope.proto.xml;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.xml.XmlScanner.Kind;
import dev.tcpscope.proto.xml.XmlScanner.Token;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One XML body's items as packet-xml.c's callbacks of Wireshark 4.0.17 add them: a stack of open
 * elements (tags, processing instructions, a DOCTYPE with an internal subset), each token's item
 * under the innermost. A tag's item is labelled with its name ({@code <a}), ">" or "/>" appended
 * to its last attribute (or to itself) when the start tag ends, its value the whole start tag;
 * its closing tag is a text item that also stretches the element's item to its end (the document's
 * item when no element is open, with "Closing an unopened tag"); text is {@code xml.cdata} in a
 * tag and {@code xml.unknown} elsewhere. An element that is never closed simply stays open: what
 * follows goes under it.
 *
 * <p>Depth is bounded as tshark bounds it: proto.c refuses an item more than 500 levels below the
 * frame's top (the document's item is the first level), with a "Dissector bug" that ends the
 * dissection; {@link #parse} stops there and says so through {@link #bug()}.
 */
final class XmlWalk {
    /** proto.c's gui.max_tree_depth (default 500): the deepest level of a new item, the document's item at level 1. */
    static final int MAX_LEVEL = 499;

    /** Which field set a level's items use: packet-xml.c's namespaces without the DTDs'. */
    private enum Ns {
        /** The document itself (xml_ns): text is "Unknown". */
        DOCUMENT,
        /** Any tag (unknown_ns): text is CDATA, attributes are "Attribute". */
        TAG,
        /** {@code <?xml}: version, encoding and standalone have fields of their own. */
        XML_PI,
        /** A DOCTYPE or another processing instruction (no namespace). */
        NONE
    }

    /** An open element (xml_frame_t): its item, the item ">" goes after, where it starts. */
    private static final class Open {
        final Tree item;
        final int start;
        final Ns ns;
        final int level;
        Tree last;
        String lastLabel;

        Open(Tree item, String label, int start, Ns ns, int level) {
            this.item = item;
            this.start = start;
            this.ns = ns;
            this.level = level;
            this.last = item;
            this.lastLabel = label;
        }
    }

    private final MemorySegment s;
    private final long base;
    private final int len;
    private final List<Open> stack = new ArrayList<>();
    private String bug;
    /** The field of text outside any tag: xml.unknown, or a DTD protocol's own (its root element's text). */
    private final String documentKey;
    private final String documentTitle;

    /**
     * A walk adding items under {@code document}; {@code dtdKey} and {@code dtdRoot} name the
     * DTD protocol and root element whose document it is (null: a plain XML document).
     */
    XmlWalk(MemorySegment s, long base, int len, Tree document, String dtdKey, String dtdRoot) {
        this.s = s;
        this.base = base;
        this.len = len;
        this.documentKey = dtdKey == null ? "xml.unknown" : dtdKey;
        this.documentTitle = dtdKey == null ? "Unknown" : dtdRoot;
        stack.add(new Open(document, null, 0, Ns.DOCUMENT, 1));
    }

    /** The "Dissector bug" message that ended the walk, or null. */
    String bug() {
        return bug;
    }

    /** Every token of the body in turn, until the end or the depth limit. */
    void parse() {
        XmlScanner scanner = new XmlScanner(s, base, len);
        Token t = new Token();
        int at = 0;
        try {
            while ((at = scanner.next(at, t)) >= 0) {
                token(t);
            }
        } catch (TooDeep e) {
            bug = "Maximum tree depth 500 exceeded for \"" + e.title + "\" - \"" + e.name
                    + "\" (proto_tree_add_node:5972) (Maximum depth can be increased in advanced preferences)";
        }
    }

    private void token(Token t) {
        Open top = stack.get(stack.size() - 1);
        switch (t.kind) {
            case COMMENT -> leaf(top, "xml.comment", "Comment", t.start, t.end);
            case CDATA_SECTION -> leaf(top, "xml.cdatasection", "CDATASection", t.start, t.end);
            case DTD_TAG -> leaf(top, "xml.dtdtag", "DTD Tag", t.start, t.end);
            case TEXT -> {
                if (top.ns == Ns.TAG) {
                    leaf(top, "xml.cdata", "CDATA", t.start, t.end);
                } else if (top.ns == Ns.DOCUMENT) {
                    leaf(top, documentKey, documentTitle, t.start, t.end);
                } else {
                    leaf(top, "xml.unknown", "Unknown", t.start, t.end);
                }
            }
            case UNRECOGNIZED -> problem(top, t.start, t.end, "xml.unrecognized_text", Tree.Severity.WARNING,
                    Tree.Group.PROTOCOL, "Unrecognized text");
            case PI -> pi(top, t);
            case TAG -> tag(top, t);
            case CLOSING_TAG -> {
                top.item.length(t.end - top.start);
                text(top, t.start, t.end);
                pop(top, t, "xml.closing_unopened_tag", "Closing an unopened tag");
            }
            case DOCTYPE -> {
                String label = format(t.start, t.end);
                Tree item = add(top, "Doctype", "xml.doctype", label, Text.ascii(s, base + t.nameStart, t.nameEnd - t.nameStart))
                        .at(s, base + t.nameStart, t.nameEnd - t.nameStart);
                Open o = new Open(item, label, t.start, Ns.NONE, top.level + 1);
                stack.add(o);
                if (t.external) {
                    pop(o, t, "xml.closing_unopened_tag", "Closing an unopened tag"); // the DOCTYPE ended in its own token
                }
            }
            case DTD_CLOSE -> {
                text(top, t.start, t.end);
                pop(top, t, "xml.closing_unopened_tag", "Closing an unopened tag");
            }
        }
    }

    /** A comment, CDATA section, {@code <!...>} or text: one item whose label is its text. */
    private void leaf(Open top, String key, String title, int from, int to) {
        add(top, title, key, format(from, to), utf8(from, to)).at(s, base + from, to - from);
    }

    private void text(Open top, int from, int to) {
        check(top, "Text item", "text");
        top.item.line(null, format(from, to), null).at(s, base + from, to - from);
    }

    /** proto_tree_add_expert: a text item with the message, the expert info under it. */
    private void problem(Open top, int from, int to, String key, Tree.Severity severity, Tree.Group group, String message) {
        check(top, "Text item", "text");
        top.item.text(message).at(s, base + from, to - from).expert(key, severity, group, message);
    }

    /** Closes the innermost element, or says there is none to close. */
    private void pop(Open top, Token t, String key, String message) {
        if (stack.size() > 1) {
            stack.remove(stack.size() - 1);
        } else {
            problem(top, t.start, t.end, key, Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
        }
    }

    private void pi(Open top, Token t) {
        boolean xml = name(t).equals("xml"); // looked up before it is lower-cased: "<?XML" is another instruction
        String label = format(t.start, t.nameEnd);
        Tree item = add(top, xml ? "xml.xmlpi.xml" : "XMLPI", xml ? "xml.xmlpi.xml" : "xml.xmlpi", label, utf8(t.start, t.end))
                .at(s, base + t.start, t.end - t.start);
        Open o = new Open(item, label, t.start, xml ? Ns.XML_PI : Ns.NONE, top.level + 1);
        stack.add(o);
        attributes(o, t);
        text(o, t.stopStart, t.stopStart + 2);
        pop(o, t, "xml.closing_unopened_xmpli_tag", "Closing an unopened xmpli tag");
    }

    private void tag(Open top, Token t) {
        String label = format(t.start, t.nameEnd);
        Tree item = add(top, "Tag", "xml.tag", label, utf8(t.start, t.end)).at(s, base + t.start, t.end - t.start);
        Open o = new Open(item, label, t.start, Ns.TAG, top.level + 1);
        stack.add(o);
        attributes(o, t);
        if (t.empty) {
            append(o, "/>");
            stack.remove(stack.size() - 1);
        } else {
            append(o, ">");
        }
    }

    private void attributes(Open o, Token t) {
        for (int i = 0; i < t.attributeCount; i++) {
            XmlScanner.Attribute a = t.attribute(i);
            String name = Text.ascii(s, base + a.start, a.nameEnd - a.start).toLowerCase(java.util.Locale.ROOT);
            boolean known = o.ns == Ns.XML_PI && (name.equals("version") || name.equals("encoding") || name.equals("standalone"));
            String label = format(a.start, a.end);
            Tree item;
            if (known) {
                item = add(o, name, "xml.xmlpi.xml." + name, label, utf8(a.valueStart, a.valueEnd))
                        .at(s, base + a.valueStart, a.valueEnd - a.valueStart);
            } else {
                item = add(o, "Attribute", "xml.attribute", label, utf8(a.start, a.end)).at(s, base + a.start, a.end - a.start);
            }
            o.last = item;
            o.lastLabel = label;
        }
    }

    /** proto_item_append_text on the element's last item: kept within the label's 240-byte buffer. */
    private static void append(Open o, String more) {
        String label = o.lastLabel;
        if (label.getBytes(StandardCharsets.UTF_8).length < LABEL_LENGTH) {
            label = clip(label + more);
        }
        o.lastLabel = label;
        o.last.relabel(label);
    }

    /** Adds an item of field {@code key} under {@code top}, unless that is past the depth limit. */
    private Tree add(Open top, String title, String key, String label, String value) {
        check(top, title, key);
        return top.item.line(key, label, value);
    }

    private static void check(Open top, String title, String key) {
        if (top.level + 1 > MAX_LEVEL) {
            throw new TooDeep(title, key);
        }
    }

    /** What proto.c throws for an item past the depth limit (a DissectorError). */
    private static final class TooDeep extends RuntimeException {
        final String title;
        final String name;

        TooDeep(String title, String name) {
            super(null, null, false, false);
            this.title = title;
            this.name = name;
        }
    }

    private String name(Token t) {
        return Text.ascii(s, base + t.nameStart, t.nameEnd - t.nameStart);
    }

    /** tvb_format_text, as proto_item_set_text keeps it: " [truncated]" in front of a label too long for its buffer. */
    private String format(int from, int to) {
        String text = Text.format(s, base + from, to - from);
        if (text.getBytes(StandardCharsets.UTF_8).length < LABEL_LENGTH) {
            return text;
        }
        byte[] b = (" [truncated]" + text).getBytes(StandardCharsets.UTF_8);
        int end = LABEL_LENGTH - 1; // label_mark_truncated: one byte less, then back to a character's start
        do {
            end--;
        } while (end > 0 && (b[end] & 0xc0) == 0x80);
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** An ENC_UTF_8 string of the bytes: ill-formed sequences as U+FFFD, up to the first NUL. */
    private String utf8(int from, int to) {
        byte[] b = new byte[Math.max(0, to - from)];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, base + from, b, 0, b.length);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Wireshark's ITEM_LABEL_LENGTH. */
    private static final int LABEL_LENGTH = 240;

    /** A label cut to the 239 bytes its buffer keeps, backed up to the start of a character. */
    private static String clip(String label) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        if (b.length < LABEL_LENGTH) {
            return label;
        }
        int end = LABEL_LENGTH - 1;
        while (end > 0 && (b[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
