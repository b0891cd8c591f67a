package dev.tcpscope.proto.ntp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * packet-ntp.c's registry as tshark 4.0.17 reports it, kept as resources beside this class by
 * scripts/gen-ntp-tables.sh: {@code fields.tsv} (its {@code tshark -G fields} rows: name, title,
 * type, base, bitmask) and {@code values.tsv} (its value strings "V", range strings "R" and
 * true/false strings "T"). The walk makes every label from them. Loaded once.
 */
final class NtpTables {
    private NtpTables() { }

    /** One field: its title, Wireshark type ("FT_UINT8"), base ("BASE_HEX", or the bit width of a boolean) and bitmask. */
    record Row(String name, String title, String type, String base, long mask) {
        /** The width in bits of an integer field's type (FT_UINT24 → 24), or of a boolean's parent. */
        int bits() {
            if (type.equals("FT_BOOLEAN")) {
                return base.isEmpty() ? 8 : Integer.parseInt(base);
            }
            String digits = type.replaceAll("\\D", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }

        boolean signed() { return type.startsWith("FT_INT"); }

        boolean hex() { return base.equals("BASE_HEX"); }
    }

    /** A range string row: low..high shows as text. */
    private record Range(long low, long high, String text) { }

    static final Map<String, Row> FIELDS = new LinkedHashMap<>();
    private static final Map<String, Map<Long, String>> VALUES = new HashMap<>();
    private static final Map<String, List<Range>> RANGES = new HashMap<>();
    private static final Map<String, String[]> TFS = new HashMap<>();

    static {
        read("fields.tsv", p -> FIELDS.putIfAbsent(p[0], new Row(p[0], p[1], p[2], p[3], Long.decode(p[4]))));
        read("values.tsv", p -> {
            switch (p[0]) {
                case "V" -> VALUES.computeIfAbsent(p[1], k -> new HashMap<>()).putIfAbsent(Long.decode(p[2]), p[3]);
                case "R" -> RANGES.computeIfAbsent(p[1], k -> new ArrayList<>())
                        .add(new Range(Long.decode(p[2]), Long.decode(p[3]), p[4]));
                case "T" -> TFS.put(p[1], new String[] {p[2], p[3]});
                default -> { }
            }
        });
    }

    private static void read(String name, Consumer<String[]> row) {
        try (InputStream in = NtpTables.class.getResourceAsStream(name)) {
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

    static Row row(String field) {
        Row r = FIELDS.get(field);
        if (r == null) {
            throw new IllegalArgumentException("no NTP field " + field);
        }
        return r;
    }

    /** The name a value string or range string gives {@code v} of {@code field}; null when it has none; "Unknown" when it has one without {@code v}. */
    static String name(String field, long v) {
        Map<Long, String> m = VALUES.get(field);
        if (m != null) {
            String s = m.get(v);
            return s == null ? "Unknown" : s;
        }
        List<Range> rs = RANGES.get(field);
        if (rs != null) {
            for (Range r : rs) {
                if (v >= r.low && v <= r.high) {
                    return r.text;
                }
            }
            return "Unknown";
        }
        return null;
    }

    /** The true/false strings of a boolean field, or tshark's "True"/"False". */
    static String tfs(String field, boolean v) {
        String[] t = TFS.get(field);
        return t == null ? (v ? "True" : "False") : t[v ? 0 : 1];
    }
}
