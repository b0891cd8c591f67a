package dev.tcpscope.present;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes detail trees as {@code tshark -T json} does (Wireshark's {@code write_json_proto_tree}
 * and its pretty-printing {@code json_dumper}): an array of one object per frame, two spaces of
 * indentation per level, each item as {@code "key": "value"}, an item with children as
 * {@code "key": {...}} or, when it also has a value, as {@code "key": "value"} followed by
 * {@code "key_tree": {...}}.
 *
 * <p>Like tshark, items that share a key are written as duplicate keys; with
 * {@code --no-duplicate-keys} they are merged into one key whose value is an array, at the
 * position of the first of them. Hidden items are written; -V leaves them out.
 *
 * <p>Streaming: {@link #begin}, then {@link #appendPacket} per frame, then {@link #end}.
 */
public final class DetailJson {
    private final boolean groupDuplicates;
    private boolean any;
    private final Index index;
    /** With {@code -x}: the data sources of the frame being written, else null. */
    private DataSources sources;

    /**
     * @param groupDuplicates merge items with the same key into arrays ({@code --no-duplicate-keys})
     * @param zone            the zone whose date names the {@code _index} ("packets-2026-11-24"),
     *                        tshark's local time
     */
    public DetailJson(boolean groupDuplicates, ZoneId zone) {
        this.groupDuplicates = groupDuplicates;
        this.index = new Index(zone);
    }

    /** Appends the array's opening bracket. */
    public void begin(StringBuilder out) {
        out.append('[');
    }

    /** Appends one frame's object; {@code epochSeconds} is the frame's time stamp. */
    public void appendPacket(StringBuilder out, DetailNode root, long epochSeconds) {
        LineWriter.into(out, w -> writePacket(w, root, epochSeconds, null));
    }

    /**
     * Writes one frame's object, with each item's bytes as {@code -T json -x} writes them when
     * {@code sources} is not null: before an item that covers bytes, {@code "key_raw": [hex,
     * position, length, bitmask, type]}, the position within the data source of {@code sources}
     * that holds them. Straight into the writer's buffer, as -V (see DetailPrinter#writeText).
     */
    public void writePacket(LineWriter out, DetailNode root, long epochSeconds, DataSources sources) throws java.io.IOException {
        this.sources = sources;
        head(out, epochSeconds);
        children(out, root, 3);
        out.text("\n    }\n  }");
        this.sources = null;
    }

    /**
     * Writes one frame's object with only the chosen fields in its {@code layers} ({@code -T json
     * -e}, tshark's write_json_proto_tree with fields): each field that has a value, in the order
     * asked, as an array of its texts.
     */
    public void writeFields(LineWriter out, FieldsFormat fields, dev.tcpscope.tcp.Decoder d, long epochSeconds) throws java.io.IOException {
        head(out, epochSeconds);
        out.ascii('{');
        boolean first = true;
        java.util.List<String> texts = new java.util.ArrayList<>();
        fields.prepare(d);
        for (int i = 0; i < fields.size(); i++) {
            texts.clear();
            fields.texts(d, i, texts);
            if (texts.isEmpty()) {
                continue;
            }
            member(out, 4, fields.name(i), first);
            first = false;
            out.ascii('[');
            for (int k = 0; k < texts.size(); k++) {
                out.text(k == 0 ? "\n" : ",\n");
                indent(out, 5);
                string(out, texts.get(k));
            }
            out.newline();
            indent(out, 4);
            out.ascii(']');
        }
        if (!first) {
            out.newline();
            indent(out, 3);
        }
        out.ascii('}');
        out.text("\n    }\n  }");
    }

    /** The object's opening up to the {@code layers} key. */
    private void head(LineWriter out, long epochSeconds) throws java.io.IOException {
        if (any) {
            out.ascii(',');
        }
        any = true;
        out.text("\n  {");
        member(out, 2, "_index", true);
        string(out, index.of(epochSeconds));
        member(out, 2, "_type", false);
        string(out, "doc");
        member(out, 2, "_score", false);
        out.text("null");
        member(out, 2, "_source", false);
        out.ascii('{');
        member(out, 3, "layers", true);
    }

    /**
     * {@link #index(long, ZoneId)}, kept for the hour of the last time stamp when the whole hour
     * has the same date (String.format per frame showed in the profiles of -T json and ek).
     */
    static final class Index {
        private final ZoneId zone;
        private String text;
        private long from = 1;
        private long to;

        Index(ZoneId zone) {
            this.zone = zone;
        }

        String of(long epochSeconds) {
            if (epochSeconds < from || epochSeconds >= to) {
                text = index(epochSeconds, zone);
                long hour = Math.floorDiv(epochSeconds, 3600) * 3600;
                boolean sameDay = index(hour, zone).equals(text) && index(hour + 3599, zone).equals(text);
                from = hour;
                to = sameDay ? hour + 3600 : hour;
            }
            return text;
        }
    }

    /**
     * The Elasticsearch index of a frame stamped {@code epochSeconds}, as write_json_index names
     * it: "packets-" and the local date in {@code zone}.
     */
    static String index(long epochSeconds, ZoneId zone) {
        try {
            LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), zone);
            return String.format(java.util.Locale.ROOT, "packets-%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        } catch (java.time.DateTimeException e) {
            return "packets-XXXX-XX-XX"; // tshark's index for a time beyond the calendar
        }
    }

    /** Appends the closing bracket and the final newline. */
    public void end(StringBuilder out) {
        if (any) {
            out.append('\n');
        }
        out.append("]\n");
    }

    /** The object of {@code n}'s children, at {@code level} (the level of the key that names it). */
    private void children(LineWriter out, DetailNode n, int level) throws java.io.IOException {
        out.ascii('{');
        boolean first = true;
        for (List<DetailNode> group : groups(n)) {
            DetailNode head = group.getFirst();
            boolean hasValue = head.hasValue();
            boolean hasChildren = false;
            for (DetailNode g : group) {
                hasChildren |= g.hasChildren();
            }
            if (sources != null && head.kind() != DetailNode.Kind.TEXT && Placed.of(head, sources) != null) {
                member(out, level + 1, head.key() + "_raw", first);
                first = false;
                values(out, group, level + 1, Writer.RAW);
            }
            if (hasValue) {
                member(out, level + 1, head.key(), first);
                first = false;
                values(out, group, level + 1, Writer.VALUE);
            }
            if (hasChildren) {
                member(out, level + 1, hasValue ? head.key() + "_tree" : head.key(), first);
                first = false;
                values(out, group, level + 1, Writer.DYNAMIC);
            }
            if (!hasValue && !hasChildren) {
                member(out, level + 1, head.key(), first);
                first = false;
                values(out, group, level + 1, Writer.NO_VALUE);
            }
        }
        if (!first) {
            out.newline();
            indent(out, level);
        }
        out.ascii('}');
    }

    private enum Writer { VALUE, DYNAMIC, NO_VALUE, RAW }

    private void values(LineWriter out, List<DetailNode> group, int level, Writer w) throws java.io.IOException {
        if (group.size() == 1) {
            value(out, group.getFirst(), level, w);
            return;
        }
        out.ascii('[');
        boolean first = true;
        for (DetailNode g : group) {
            out.text(first ? "\n" : ",\n");
            first = false;
            indent(out, level + 1);
            value(out, g, level + 1, w);
        }
        out.newline();
        indent(out, level);
        out.ascii(']');
    }

    private void value(LineWriter out, DetailNode n, int level, Writer w) throws java.io.IOException {
        switch (w) {
            case VALUE -> {
                if (!n.hexValue(out)) {
                    string(out, n.value() == null ? "" : n.value());
                }
            }
            case DYNAMIC -> {
                if (n.hasChildren()) {
                    children(out, n, level);
                } else {
                    noValue(out, n);
                }
            }
            case NO_VALUE -> noValue(out, n);
            case RAW -> raw(out, n, level);
        }
    }

    /** The {@code _raw} array of {@code n}: its hex (or masked value), position, length, bitmask and type. */
    private void raw(LineWriter out, DetailNode n, int level) throws java.io.IOException {
        Placed p = Placed.of(n, sources);
        long mask = RawFields.bitmask(n);
        out.ascii('[');
        out.newline();
        indent(out, level + 1);
        StringBuilder quoted = new StringBuilder();
        RawFields.appendQuotedRaw(quoted, n, p);
        out.text(quoted.toString());
        long[] numbers = {p == null ? 0 : p.position(), p == null ? 0 : p.length()};
        for (long v : numbers) {
            out.text(",\n");
            indent(out, level + 1);
            out.decimal(v);
        }
        out.text(",\n");
        indent(out, level + 1);
        out.text(Long.toUnsignedString(mask));
        out.text(",\n");
        indent(out, level + 1);
        out.decimal(RawFields.type(n));
        out.newline();
        indent(out, level);
        out.ascii(']');
    }

    /** A protocol without children shows its label; any other item without a value an empty string. */
    private static void noValue(LineWriter out, DetailNode n) throws java.io.IOException {
        string(out, n.kind() == DetailNode.Kind.PROTOCOL ? n.label() : "");
    }

    private List<List<DetailNode>> groups(DetailNode n) {
        List<List<DetailNode>> groups = new ArrayList<>();
        if (!groupDuplicates) {
            for (int i = 0; i < n.childCount(); i++) {
                DetailNode c = n.child(i);
                groups.add(List.of(c));
            }
            return groups;
        }
        Map<String, List<DetailNode>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < n.childCount(); i++) {
            DetailNode c = n.child(i);
            byKey.computeIfAbsent(c.key(), k -> new ArrayList<>(1)).add(c);
        }
        groups.addAll(byKey.values());
        return groups;
    }

    private static void member(LineWriter out, int level, String key, boolean first) throws java.io.IOException {
        if (!first) {
            out.ascii(',');
        }
        out.newline();
        indent(out, level);
        string(out, key);
        out.text(": ");
    }

    private static void indent(LineWriter out, int level) throws java.io.IOException {
        out.spaces(2 * level);
    }

    /**
     * A JSON string as json_dumper writes it: quotes and backslashes escaped, control characters
     * as backslash escapes (b t n f r, or u00XX), "&lt;/" as "&lt;\\/" (so that the text can sit in
     * an HTML script element); everything else as is, UTF-8 included. Public for the other JSON
     * writers (the connection report), so that all JSON tcpscope writes escapes alike.
     */
    public static void string(LineWriter out, String s) throws java.io.IOException {
        if (!escapes(s)) {
            out.ascii('"');
            out.text(s);
            out.ascii('"');
            return;
        }
        StringBuilder escaped = new StringBuilder(s.length() + 16);
        string(escaped, s);
        out.text(escaped.toString());
    }

    /** Whether {@link #string} changes anything of {@code s} but its quotes. */
    private static boolean escapes(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '/' && i > 0 && s.charAt(i - 1) == '<') {
                return true;
            }
        }
        return false;
    }

    /** As {@link #string(LineWriter, String)}, appended to {@code out}. */
    public static void string(StringBuilder out, CharSequence s) {
        out.append('"');
        // runs of characters that need no escape are appended whole: values such as a
        // payload's hex are thousands of them, and one append per character was most of -T json
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '/') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '/' -> out.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        out.append(s, run, n);
        out.append('"');
    }
}
