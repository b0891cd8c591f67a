package dev.tcpscope.present;

import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes frames as {@code tshark -T ek} does (Wireshark's {@code write_ek_proto_tree} in
 * {@code epan/print.c}): per frame an Elasticsearch bulk index line,
 * {@code {"index":{"_index":"packets-2026-11-24","_type":"doc"}}}, and a document line,
 * {@code {"timestamp":"<epoch milliseconds>","layers":{...}}}, compact JSON.
 *
 * <p>In {@code layers} each protocol is an object whose fields are flattened: every field of its
 * subtree is a member of the protocol's object, named {@code <protocol>_<field>} with dots as
 * underscores ({@code tcp_tcp_flags_syn}); items met again under the same parent item are
 * gathered into one array at the place of the first ({@code ip_ip_addr}), items under different
 * parents stay separate members even when they share a name ({@code tcp_tcp_option_kind} once per
 * option). A protocol within a protocol ({@code _ws_expert}) is a nested object. Booleans are JSON
 * booleans, {@code FT_NONE} items {@code null}, text items {@code "text"} members holding their
 * label, absolute times in UTC ("2026-11-24T14:25:25.485160908Z"); hidden and generated items are
 * written like the others.
 *
 * <p>With {@code -x} each group of items that covers bytes is preceded by a member named as it
 * with {@code _raw} appended ({@code eth_eth_type_raw}) holding the bytes in hex, or for a field
 * with a bitmask its masked value in upper-case hex, as one string or an array of them
 * (ek_write_attr_hex).
 *
 * <p>With chosen fields ({@code -e}) {@code layers} holds each field that has a value as an array
 * of its texts, as {@code -T fields} writes them; with {@code -P} the packet-list columns come
 * first, each named by its lowercased title.
 */
public final class DetailEk {
    private final EkNames names = EkNames.standard();
    /** With -x: the data sources of the frame being written, else null. */
    private DataSources sources;
    private final DetailJson.Index index;

    /** @param zone the zone whose date names the {@code _index}, tshark's local time */
    public DetailEk(ZoneId zone) {
        this.index = new DetailJson.Index(zone);
    }

    /**
     * Appends one frame's two lines: {@code columns} (the packet-list texts in the order of
     * {@link PacketList#COLUMN_TITLES}, or null) as the summary, {@code root}'s protocols (or
     * null for none) as the layers.
     */
    public void appendPacket(StringBuilder out, long seconds, int nanos, String[] columns, DetailNode root) {
        LineWriter.into(out, w -> writePacket(w, seconds, nanos, columns, root, null));
    }

    /**
     * Writes one frame's two lines as {@link #appendPacket}, with each item's bytes ({@code -x})
     * placed in {@code sources} (null writes none); straight into the writer's buffer.
     */
    public void writePacket(LineWriter out, long seconds, int nanos, String[] columns, DetailNode root,
                            DataSources sources) throws IOException {
        this.sources = sources;
        head(out, seconds, nanos, columns);
        if (root != null) {
            out.text(",\"layers\":{");
            members(out, root, "");
            out.ascii('}');
        }
        out.text("}\n");
        this.sources = null;
    }

    /**
     * Writes one frame's two lines with the chosen fields ({@code -T ek -e}) as its layers;
     * {@code fields} must have been prepared for the frame.
     */
    public void writeFields(LineWriter out, long seconds, int nanos, String[] columns, FieldsFormat fields, Decoder d)
            throws IOException {
        head(out, seconds, nanos, columns);
        out.text(",\"layers\":{");
        List<String> texts = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < fields.size(); i++) {
            texts.clear();
            fields.texts(d, i, texts);
            if (texts.isEmpty()) {
                continue;
            }
            first = member(out, EkNames.underscores(fields.name(i)), first);
            out.ascii('[');
            for (int k = 0; k < texts.size(); k++) {
                if (k > 0) {
                    out.ascii(',');
                }
                DetailJson.string(out, texts.get(k));
            }
            out.ascii(']');
        }
        out.text("}}\n");
    }

    /** The index line and the document up to its layers: the time stamp and the summary. */
    private void head(LineWriter out, long seconds, int nanos, String[] columns) throws IOException {
        out.text("{\"index\":{\"_index\":");
        DetailJson.string(out, index.of(seconds));
        out.text(",\"_type\":\"doc\"}}\n{\"timestamp\":\"");
        out.text(Long.toUnsignedString(seconds));
        int millis = nanos / 1_000_000;
        out.text(millis < 10 ? "00" : millis < 100 ? "0" : "");
        out.decimal(millis);
        out.ascii('"');
        if (columns != null) {
            for (int i = 0; i < columns.length; i++) {
                member(out, EkNames.underscores(PacketList.COLUMN_TITLES.get(i).toLowerCase(Locale.ROOT)), false);
                DetailJson.string(out, columns[i]);
            }
        }
    }

    /**
     * The members of {@code node}'s object (proto_tree_write_node_ek): the items of its subtree
     * down to the next protocols, grouped by parent and name (ek_fill_attr), in the order met;
     * {@code protocol} is {@code node}'s key, empty for the root.
     */
    private void members(LineWriter out, DetailNode node, String protocol) throws IOException {
        Map<String, List<DetailNode>> groups = new LinkedHashMap<>();
        gather(node, protocol.isEmpty(), groups);
        boolean first = true;
        for (List<DetailNode> group : groups.values()) {
            String name = names.name(group.getFirst(), protocol);
            if (sources != null && group.getFirst().kind() != DetailNode.Kind.TEXT
                    && Placed.of(group.getFirst(), sources) != null) {
                first = member(out, name + "_raw", first);
                raws(out, group);
            }
            first = member(out, name, first);
            list(out, group, n -> {
                if (n.kind() == DetailNode.Kind.PROTOCOL) {
                    out.ascii('{');
                    members(out, n, n.key());
                    out.ascii('}');
                } else {
                    value(out, n);
                }
            });
        }
    }

    /** What {@link #list} writes of one item. */
    @FunctionalInterface
    private interface Each {
        void write(DetailNode n) throws IOException;
    }

    /** Writes each item of {@code group} with {@code one}: alone, or as a JSON array when there are several. */
    private static void list(LineWriter out, List<DetailNode> group, Each one) throws IOException {
        if (group.size() > 1) {
            out.ascii('[');
        }
        for (int i = 0; i < group.size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            one.write(group.get(i));
        }
        if (group.size() > 1) {
            out.ascii(']');
        }
    }

    /**
     * The {@code _raw} value of each item of a group whose first item covers bytes: the masked
     * value of a field with a bitmask, else the bytes in hex ("field length invalid!" when they
     * run past their source). A later item of the group that recorded no bytes is written as
     * an empty string: print.c would write nothing there and leave the array malformed.
     */
    private void raws(LineWriter out, List<DetailNode> group) throws IOException {
        list(out, group, n -> {
            StringBuilder quoted = new StringBuilder();
            RawFields.appendQuotedRaw(quoted, n, Placed.of(n, sources, true));
            out.text(quoted.toString());
        });
    }

    /** Collects the items under {@code node}, each keyed by its parent's name and its own; fields' children too. */
    private static void gather(DetailNode node, boolean top, Map<String, List<DetailNode>> groups) {
        for (int i = 0; i < node.childCount(); i++) {
            DetailNode c = node.child(i);
            String key = top ? abbrev(c) : abbrev(node) + "_" + abbrev(c);
            groups.computeIfAbsent(key, k -> new ArrayList<>(1)).add(c);
            if (c.kind() != DetailNode.Kind.PROTOCOL && c.hasChildren()) {
                gather(c, false, groups);
            }
        }
    }

    /** The item's field name, "text" for a text item (Wireshark's hf_text_only). */
    private static String abbrev(DetailNode n) {
        return n.kind() == DetailNode.Kind.TEXT ? "text" : n.key();
    }

    /** The value of a field or text item, as ek_write_field_value writes it. */
    private void value(LineWriter out, DetailNode n) throws IOException {
        if (n.kind() == DetailNode.Kind.TEXT) {
            DetailJson.string(out, n.label());
        } else if (!n.hasValue()) {
            out.text("null");
        } else if (n.isTime()) {
            time(out, n.timeSeconds(), n.timeNanos(), n.value());
        } else if (names.isBoolean(n.key())) {
            out.text(n.value().equals("0") ? "false" : "true");
        } else if (!n.hexValue(out)) {
            DetailJson.string(out, n.value());
        }
    }

    /** An absolute time as gmtime and "%FT%T.%09uZ" give it; {@code shown} when the calendar ends first. */
    private static void time(LineWriter out, long seconds, int nanos, String shown) throws IOException {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            DetailJson.string(out, shown);
            return;
        }
        out.ascii('"');
        out.decimal(t.getYear());
        two(out, '-', t.getMonthValue());
        two(out, '-', t.getDayOfMonth());
        two(out, 'T', t.getHour());
        two(out, ':', t.getMinute());
        two(out, ':', t.getSecond());
        out.ascii('.');
        String digits = Integer.toString(nanos);
        out.text(nanos >= 0 ? "000000000".substring(Math.min(9, digits.length())) + digits
                : String.format(Locale.ROOT, "%09d", nanos));
        out.text("Z\"");
    }

    /** {@code separator} and {@code v} in two digits (%02d of a calendar field: 0 to 60). */
    private static void two(LineWriter out, char separator, int v) throws IOException {
        out.ascii(separator);
        out.ascii((char) ('0' + v / 10));
        out.ascii((char) ('0' + v % 10));
    }

    /** Writes a member's name and colon, after a comma unless it is the first; false. */
    private static boolean member(LineWriter out, String name, boolean first) throws IOException {
        if (!first) {
            out.ascii(',');
        }
        DetailJson.string(out, name);
        out.ascii(':');
        return false;
    }
}
