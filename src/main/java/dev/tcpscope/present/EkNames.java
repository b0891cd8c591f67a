package dev.tcpscope.present;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Protocols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code tshark -T ek} needs to know of a tree item beyond its key (Wireshark's
 * {@code epan/print.c}, {@code ek_write_name} and {@code ek_write_field_value}): the member name
 * ("{@code <protocol>_<field>}" with dots as underscores, a protocol's name alone, "text" for a
 * text item) and whether its value is a JSON boolean ({@code FT_BOOLEAN}).
 *
 * <p>A field belongs to the protocol its name starts with and is not a boolean unless the field
 * table says it is, or {@code ek-fields.tsv} (made from tshark's registry by
 * {@code scripts/gen-ek-fields.sh}) lists it otherwise: the booleans and protocols of tree items
 * that are not in the field table, and the fields whose protocol is not the first part of their
 * name ({@code ipv6.hopopts.nxt} belongs to {@code ipv6.hopopts}). A name two protocols register
 * ({@code ip.version}, also IPv6's) belongs, inside the second, to the second.
 */
final class EkNames {
    private static final EkNames STANDARD = new EkNames(Protocols.fields(), load());

    /**
     * A field of ek-fields.tsv: its type ({@code FT_BOOLEAN}, {@code FT_PROTOCOL} ...), its
     * protocol, and the protocol whose items it names ("*": any).
     */
    private record Row(String type, String parent, String within) { }

    private final FieldTable table;
    private final Map<String, List<Row>> rows;
    /** Member names of the fields whose name does not depend on the protocol they sit in. */
    private final Map<String, String> names = new ConcurrentHashMap<>();

    private EkNames(FieldTable table, Map<String, List<Row>> rows) {
        this.table = table;
        this.rows = rows;
    }

    /** The names of the standard field table. */
    static EkNames standard() { return STANDARD; }

    /** The member name of {@code n}, an item inside {@code protocol}, as ek_write_name writes it. */
    String name(DetailNode n, String protocol) {
        if (n.kind() == DetailNode.Kind.TEXT) {
            return "text";
        }
        if (n.kind() == DetailNode.Kind.PROTOCOL) {
            return underscores(n.key());
        }
        List<Row> r = rows.get(n.key());
        if (r != null && r.stream().anyMatch(c -> !c.within().equals("*"))) {
            return fieldName(n.key(), row(r, protocol));
        }
        return names.computeIfAbsent(n.key(), k -> fieldName(k, row(r, protocol)));
    }

    /** The row for an item inside {@code protocol}: the one for that protocol, else the general one. */
    private static Row row(List<Row> candidates, String protocol) {
        if (candidates == null) {
            return null;
        }
        Row general = null;
        for (Row c : candidates) {
            if (c.within().equals(protocol)) {
                return c;
            }
            if (c.within().equals("*") && general == null) {
                general = c;
            }
        }
        return general;
    }

    private static String fieldName(String key, Row row) {
        if (row != null && row.type().equals("FT_PROTOCOL")) {
            return underscores(key);
        }
        String parent;
        if (row != null) {
            parent = row.parent();
        } else {
            int dot = key.indexOf('.');
            parent = dot < 0 ? key : key.substring(0, dot);
        }
        return underscores(parent + "_" + key);
    }

    /** Whether the field {@code key} is an {@code FT_BOOLEAN}. */
    boolean isBoolean(String key) {
        Field f = table.get(key);
        if (f != null && f.type() == FieldType.BOOLEAN) {
            return true;
        }
        Row row = row(rows.get(key), "*");
        return row != null && row.type().equals("FT_BOOLEAN");
    }

    /** A member name as json_dumper writes it with JSON_DUMPER_DOT_TO_UNDERSCORE. */
    static String underscores(String name) {
        return name.replace('.', '_');
    }

    private static Map<String, List<Row>> load() {
        Map<String, List<Row>> rows = new HashMap<>();
        try (InputStream in = EkNames.class.getResourceAsStream("ek-fields.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource ek-fields.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.computeIfAbsent(f[0], k -> new ArrayList<>(1)).add(new Row(f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
