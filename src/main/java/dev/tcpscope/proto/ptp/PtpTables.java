package dev.tcpscope.proto.ptp;

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
import java.util.function.Consumer;

/**
 * packet-ptp.c's fields and value strings as tshark 4.0.17 reports them, kept as resources beside
 * this class: {@code fields.tsv} (its {@code tshark -G fields} rows: name, title, type, base,
 * bitmask) and {@code values.tsv} (its {@code tshark -G values} rows: V value strings, T
 * true/false strings). Loaded once.
 */
final class PtpTables {
    private PtpTables() { }

    /** One row of fields.tsv. */
    record FieldRow(String name, String title, String type, String base, long mask) {
        /** The width of the field's integer type in bits (0 for other types). */
        int bits() {
            return switch (type) {
                case "FT_UINT8", "FT_INT8" -> 8;
                case "FT_UINT16", "FT_INT16" -> 16;
                case "FT_UINT24", "FT_INT24" -> 24;
                case "FT_UINT32", "FT_INT32" -> 32;
                case "FT_UINT48" -> 48;
                case "FT_UINT64", "FT_INT64" -> 64;
                case "FT_BOOLEAN" -> base.isEmpty() || !Character.isDigit(base.charAt(0)) ? 8 : Integer.parseInt(base);
                default -> 0;
            };
        }

        boolean signed() {
            return type.startsWith("FT_INT");
        }

        boolean hex() {
            return base.equals("BASE_HEX");
        }
    }

    static final List<FieldRow> FIELDS = new ArrayList<>();
    private static final Map<String, FieldRow> BY_NAME = new HashMap<>();
    private static final Map<String, Map<Long, String>> VALUES = new HashMap<>();
    private static final Map<String, String[]> TFS = new HashMap<>();
    private static final Map<String, String[]> UNITS = new HashMap<>();

    static {
        read("fields.tsv", p -> {
            FieldRow r = new FieldRow(p[0], p[1], p[2], p.length > 3 ? p[3] : "", p.length > 4 ? Long.decode(p[4]) : 0);
            FIELDS.add(r);
            BY_NAME.putIfAbsent(r.name(), r);
        });
        read("values.tsv", p -> {
            if (p[0].equals("V")) {
                VALUES.computeIfAbsent(p[1], k -> new HashMap<>()).putIfAbsent(Long.decode(p[2]), p[3]);
            } else if (p[0].equals("T")) {
                TFS.putIfAbsent(p[1], new String[] {p[2], p[3]});
            } else if (p[0].equals("U")) {
                UNITS.putIfAbsent(p[1], new String[] {p[2], p[3]});
            }
        });
    }

    private static void read(String name, Consumer<String[]> row) {
        try (InputStream in = PtpTables.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    row.accept(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row of field {@code name}; an unknown name is a programming error. */
    static FieldRow field(String name) {
        FieldRow r = BY_NAME.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no ptp field " + name);
        }
        return r;
    }

    /** The name of value {@code v} in field {@code field}'s value string, or null. */
    static String value(String field, long v) {
        Map<Long, String> m = VALUES.get(field);
        return m == null ? null : m.get(v);
    }

    static boolean hasValues(String field) {
        return VALUES.containsKey(field);
    }

    /** A BASE_UNIT_STRING field's unit for {@code v} (singular for 1, as unit_name_string picks it), or "". */
    static String unit(String field, long v) {
        String[] u = UNITS.get(field);
        return u == null ? "" : v == 1 ? u[0] : u[1];
    }

    /** The true/false strings of a boolean field, or proto.c's default "True"/"False". */
    static String tfs(String field, boolean v) {
        String[] t = TFS.get(field);
        return t == null ? (v ? "True" : "False") : t[v ? 0 : 1];
    }
}
