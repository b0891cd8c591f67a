package dev.tcpscope.present;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.tcp.Decoder;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes frames as {@code tshark -T pdml} does (Wireshark 4.0's {@code write_pdml_preamble},
 * {@code write_pdml_proto_tree} and {@code write_pdml_finale} in {@code epan/print.c}): an XML
 * header naming the capture file and the time of writing, then per frame a {@code <packet>}
 * holding a {@code geninfo} protocol (number, lengths, time stamp) and the detail tree, one
 * element per item, two spaces of indentation per level, followed by two blank lines; then
 * {@code </pdml>}.
 *
 * <p>Each item says where its bytes are ({@code size}, {@code pos}, and their hex as
 * {@code value}; a field with a bitmask shows its masked value there and its bytes as
 * {@code unmaskedvalue}), what it shows ({@code showname}: its label, without the brackets
 * {@code -V} puts around a generated item; {@code show}: its value as {@code -T json} writes it)
 * and whether {@code -V} hides it ({@code hide="yes"}). A protocol is a {@code <proto>} without
 * show or value; an item without a field (a text item) a {@code <field name="">} whose
 * {@code show} is its label; undissected data a {@code <field name="data">} holding only its
 * bytes; an item at the top that is not a protocol is wrapped in a protocol named
 * {@code fake-field-wrapper}. All text is escaped by {@link Xml}.
 *
 * <p>An item whose dissector recorded no bytes ({@link DetailNode#at}) is written as Wireshark
 * writes an item added without a buffer: at position 0 with size 0 and no value. That is
 * exactly what tshark prints for expert items and their children, and, through print.c's rule
 * that an item starting before its parent is placed relative to the parent, for a generated
 * field at the start of its protocol (tcp.stream at the TCP header); other fields that have
 * bytes in tshark differ until their dissector records them.
 */
public final class Pdml {
    /** What {@code geninfo} says of a frame: print.c takes it from the frame's record. */
    public record Geninfo(long number, int length, int captured, long seconds, int nanos, String shown) { }

    private final FieldTable fields;
    /** The data sources of the frame being written. */
    private DataSources sources;

    /** @param fields the field table whose titles label hidden items that were given none */
    public Pdml(FieldTable fields) {
        this.fields = fields;
    }

    /**
     * Appends the XML header: the processing instructions, the comment on the stylesheet, and
     * the {@code <pdml>} element naming the creator, {@code now} as asctime writes it
     * ("Sat Dec  5 09:47:00 2026") and {@code captureFile} as given on the command line.
     */
    public static void begin(StringBuilder out, String captureFile, ZonedDateTime now) {
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n")
                .append("<!-- You can find pdml2html.xsl in /usr/share/wireshark or at ")
                .append("https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n")
                .append("<pdml version=\"0\" creator=\"").append(Psml.CREATOR).append("\" time=\"")
                .append(asctime(now)).append("\" capture_file=\"");
        Xml.escaped(out, captureFile);
        out.append("\">\n");
    }

    /** The C library's asctime without its newline: English names, the day padded with a space. */
    static String asctime(ZonedDateTime t) {
        String day = t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT);
        String month = t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT);
        return String.format(Locale.ROOT, "%.3s %.3s%3d %02d:%02d:%02d %d", day, month, t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** Appends the closing element. */
    public static void end(StringBuilder out) {
        out.append("</pdml>\n");
    }

    /** {@link #writePacket} appended to {@code out}. */
    public void appendPacket(StringBuilder out, DetailNode root, DataSources sources, Geninfo g, ColoringRule rule) {
        LineWriter.into(out, w -> writePacket(w, root, sources, g, rule));
    }

    /**
     * Writes one frame: {@code root}'s items placed in {@code sources}; {@code rule}, the frame's
     * coloring rule under {@code --color}, or null. Without a {@code frame} item there is no
     * {@code geninfo} (print.c finds its size there). Straight into the writer's buffer.
     */
    public void writePacket(LineWriter out, DetailNode root, DataSources sources, Geninfo g, ColoringRule rule)
            throws java.io.IOException {
        this.sources = sources;
        packet(out, rule);
        DetailNode frame = frameItem(root);
        if (frame != null) {
            Placed p = Placed.of(frame, sources, true);
            geninfo(out, g, p == null ? 0 : p.length());
        }
        for (int i = 0; i < root.childCount(); i++) {
            DetailNode c = root.child(i);
            item(out, c, 0, true, 0);
        }
        out.text("</packet>\n\n\n"); // print.c's blank line, and tshark's own newline after each packet
        this.sources = null;
    }

    private static void packet(LineWriter out, ColoringRule rule) throws java.io.IOException {
        if (rule == null) {
            out.text("<packet>\n");
        } else {
            StringBuilder sb = new StringBuilder();
            Psml.packet(sb, rule);
            out.text(sb.toString());
        }
    }

    /** {@link #writeFields} appended to {@code out}. */
    public static void appendFields(StringBuilder out, FieldsFormat chosen, Decoder d, Geninfo g, ColoringRule rule) {
        LineWriter.into(out, w -> writeFields(w, chosen, d, g, rule));
    }

    /**
     * Writes one frame with only the chosen fields ({@code -T pdml -e}, print.c's
     * write_specified_fields for XML): after {@code geninfo}, each value of each field that has
     * one, as {@code -T fields} writes it (with {@code -E occurrence}), in a
     * {@code <field name="..." value="..."/>} of its own.
     */
    public static void writeFields(LineWriter out, FieldsFormat chosen, Decoder d, Geninfo g, ColoringRule rule)
            throws java.io.IOException {
        packet(out, rule);
        geninfo(out, g, g.captured());
        chosen.prepare(d);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            texts.clear();
            chosen.texts(d, i, texts);
            for (String text : texts) {
                out.text("  <field name=\"");
                Xml.escaped(out, chosen.name(i));
                out.text("\" value=\"");
                Xml.escaped(out, text);
                out.text("\"/>\n");
            }
        }
        out.text("</packet>\n\n\n"); // print.c's blank line, and tshark's own newline after each packet
    }

    private static DetailNode frameItem(DetailNode root) {
        for (int i = 0; i < root.childCount(); i++) {
            DetailNode c = root.child(i);
            if (c.kind() == DetailNode.Kind.PROTOCOL && c.key().equals("frame")) {
                return c;
            }
        }
        return null;
    }

    /**
     * The geninfo protocol PDML requires (print_pdml_geninfo): every element sized as the frame
     * item, its attributes in print.c's order; the time stamp's value as seconds that print.c
     * casts to a C int.
     */
    private static void geninfo(LineWriter out, Geninfo g, int size) throws java.io.IOException {
        out.text("  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" size=\"");
        out.decimal(size);
        out.text("\">\n");
        geninfoField(out, "num", Long.toString(g.number()), "Number", Long.toHexString(g.number() & 0xffffffffL), size);
        geninfoField(out, "len", Integer.toUnsignedString(g.length()), "Frame Length",
                Integer.toHexString(g.length()), size);
        geninfoField(out, "caplen", Integer.toUnsignedString(g.captured()), "Captured Length",
                Integer.toHexString(g.captured()), size);
        String nanos = Integer.toString(g.nanos());
        String value = (int) g.seconds() + "."
                + (g.nanos() >= 0 ? "000000000".substring(Math.min(9, nanos.length())) + nanos : String.format(Locale.ROOT, "%09d", g.nanos()));
        geninfoField(out, "timestamp", g.shown(), "Captured Time", value, size);
        out.text("  </proto>\n");
    }

    private static void geninfoField(LineWriter out, String name, String show, String showname, String value, int size)
            throws java.io.IOException {
        out.text("    <field name=\"");
        out.text(name);
        out.text("\" pos=\"0\" show=\"");
        Xml.escaped(out, show);
        out.text("\" showname=\"");
        out.text(showname);
        out.text("\" value=\"");
        out.text(value);
        out.text("\" size=\"");
        out.decimal(size);
        out.text("\"/>\n");
    }

    /**
     * One item and its subtree (proto_tree_write_node_pdml) at {@code level};
     * {@code parentStart} is the start of the parent's bytes, {@code top} whether the parent is
     * the root.
     */
    private void item(LineWriter out, DetailNode n, int parentStart, boolean top, int level) throws java.io.IOException {
        Placed p = Placed.of(n, sources, true);
        int start = p == null ? 0 : p.position();
        int size = p == null ? 0 : p.length();
        // print.c: an item starting before its parent (an expert item, which has no bytes) is
        // placed relative to the parent; the parent's own start counts, not where it was written
        int pos = !top && start < parentStart ? parentStart + start : start;
        boolean text = n.kind() == DetailNode.Kind.TEXT;
        int type = text ? RawFields.FT_NONE : RawFields.type(n);
        boolean data = n.kind() == DetailNode.Kind.PROTOCOL && n.key().equals("data");
        boolean expert = n.key().equals("_ws.expert");
        boolean wrap = top && (text || type != RawFields.FT_PROTOCOL || data);
        int depth = level;
        indent(out, depth + 1);
        if (wrap) {
            out.text("<proto name=\"fake-field-wrapper\">\n");
            depth++;
            indent(out, depth + 1);
        }
        if (text) {
            out.text("<field name=\"\" show=\"");
            Xml.escaped(out, n.label());
            sizeAndPos(out, size, pos);
            if (size > 0) {
                out.text("\" value=\"");
                hex(out, p);
            }
            out.text(n.hasChildren() ? "\">\n" : "\"/>\n");
        } else if (data) {
            out.text("<field name=\"data\" value=\"");
            hex(out, p);
            out.text("\">\n"); // even without children, which then never close it (as print.c)
        } else {
            out.text(type == RawFields.FT_PROTOCOL && !expert ? "<proto name=\"" : "<field name=\"");
            Xml.escaped(out, n.key());
            out.text("\" showname=\"");
            Xml.escaped(out, showname(n));
            if (n.isHidden()) {
                out.text("\" hide=\"yes");
            }
            sizeAndPos(out, size, pos);
            attributes(out, n, type, p, size);
            out.text(n.hasChildren() ? "\">\n" : "\"/>\n");
        }
        for (int i = 0; i < n.childCount(); i++) {
            DetailNode c = n.child(i);
            item(out, c, start, false, depth + 1);
        }
        if (n.hasChildren()) {
            // print.c closes a wrapped item at the wrapper's depth
            indent(out, level + 1);
            out.text(type == RawFields.FT_PROTOCOL && !data && !expert ? "</proto>\n" : "</field>\n");
        }
        if (wrap) {
            indent(out, level + 1);
            out.text("</proto>\n");
        }
    }

    private static void sizeAndPos(LineWriter out, int size, int pos) throws java.io.IOException {
        out.text("\" size=\"");
        out.decimal(size);
        out.text("\" pos=\"");
        out.decimal(pos);
    }

    /** show, value and unmaskedvalue, by the field's type. */
    private void attributes(LineWriter out, DetailNode n, int type, Placed p, int size) throws java.io.IOException {
        if (type == RawFields.FT_PROTOCOL) {
            return;
        }
        if (type == RawFields.FT_NONE || !n.hasValue()) {
            out.text("\" show=\"\" value=\"");
            return;
        }
        out.text("\" show=\"");
        if (!n.bareHexValue(out)) {
            Xml.escaped(out, n.value());
        }
        if (size <= 0) {
            return;
        }
        out.text("\" value=\"");
        String masked = RawFields.bitmask(n) != 0 ? RawFields.maskedHex(n) : null;
        if (masked != null) {
            out.text(masked);
            out.text("\" unmaskedvalue=\"");
        }
        hex(out, p);
    }

    /**
     * The label: a hidden item added with its value only (its name as label, as nothing but
     * PDML shows it) is labelled as Wireshark labels a plain field, "Title: value", a boolean's
     * value as True or False.
     */
    private String showname(DetailNode n) {
        String label = n.label();
        if (!n.isHidden() || n.kind() != DetailNode.Kind.FIELD || !label.equals(n.key()) || n.value() == null) {
            return label;
        }
        Field f = fields.get(n.key());
        if (f == null) {
            return label;
        }
        String v = n.value();
        return f.title() + ": " + (f.type() == FieldType.BOOLEAN ? (v.equals("0") ? "False" : "True") : v);
    }

    /** The item's bytes in hex (pdml_write_field_hex_value); nothing when it has none. */
    private static void hex(LineWriter out, Placed p) throws java.io.IOException {
        if (p == null) {
            return;
        }
        if (p.invalid()) {
            out.text("field length invalid!");
            return;
        }
        if (p.index() < 0) {
            return; // bytes that are no source of the frame
        }
        Labels.hex(out, p.source().segment(), p.source().offset() + p.position(), p.length(), false);
    }

    private static void indent(LineWriter out, int level) throws java.io.IOException {
        out.spaces(2 * level);
    }
}
