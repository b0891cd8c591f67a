package dev.tcpscope.proto;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A protocol's part of tshark 4.0.17's registry, kept as resources beside the protocol's classes
 * (written by a scripts/gen-*-tables script from tshark itself): {@code fields.tsv}, its
 * {@code tshark -G fields} rows (name, title, type, base and, where written, bitmask), and
 * {@code values.tsv}, its {@code tshark -G values} rows (value strings "V", range strings "R",
 * true/false strings "T", unit strings "U"). Protocols whose labels come from tshark's own names
 * (DHCP, NTP, PTP) read them here, and register their fields with {@link #fields}.
 */
public final class Registry {
    /** One field: title, Wireshark type ("FT_UINT8"), base ("BASE_HEX", or a boolean's bit width) and bitmask. */
    public record Row(String name, String title, String type, String base, long mask) {
        /** The width in bits of an integer type (FT_UINT24 → 24), of a boolean's parent, else 0. */
        public int bits() {
            if (type.equals("FT_BOOLEAN")) {
                return base.isEmpty() || !Character.isDigit(base.charAt(0)) ? 8 : Integer.parseInt(base);
            }
            if (!type.startsWith("FT_UINT") && !type.startsWith("FT_INT") || type.equals("FT_UINT_BYTES") || type.equals("FT_UINT_STRING")) {
                return 0; // FT_UINT_BYTES (packet-ppp.c's lcp.opt.id) is bytes after a length byte
            }
            return Integer.parseInt(type.substring(type.startsWith("FT_UINT") ? 7 : 6));
        }

        public boolean signed() { return type.startsWith("FT_INT"); }

        public boolean hex() { return base.equals("BASE_HEX"); }
    }

    private record Range(long low, long high, String text) { }

    /**
     * The value, range, true/false and unit strings, read from {@code values.tsv} at the first
     * lookup: every protocol's registry is made when the field table is (at start-up, for any
     * filter or colouring rule), but only the protocols a capture holds look values up, and
     * reading them all was a third of a learner's start-up (bench/README.md).
     */
    private static final class Values {
        final Map<String, Map<Long, String>> values = new HashMap<>();
        final Map<String, List<Range>> ranges = new HashMap<>();
        final Map<String, String[]> tfs = new HashMap<>();
        final Map<String, String[]> units = new HashMap<>();
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Row> byName = new HashMap<>();
    private final String protocol;
    private final Class<?> beside;
    private final String valuesResource;
    private volatile Values values;

    private Registry(Class<?> beside, String protocol, String prefix) {
        this.protocol = protocol;
        this.beside = beside;
        this.valuesResource = prefix + "values.tsv";
        read(beside, prefix + "fields.tsv", p -> {
            Row r = new Row(p[0], p[1], p[2], p.length > 3 ? p[3] : "", p.length > 4 && !p[4].isEmpty() ? mask(p[4]) : 0);
            rows.add(r);
            byName.putIfAbsent(r.name(), r);
        });
    }

    private Values values() {
        Values v = values;
        return v != null ? v : readValues();
    }

    private synchronized Values readValues() {
        if (values == null) {
            Values v = new Values();
            read(beside, valuesResource, p -> {
                switch (p[0]) {
                    case "V" -> v.values.computeIfAbsent(p[1], k -> new HashMap<>()).putIfAbsent(Long.decode(p[2]), p[3]);
                    case "R" -> v.ranges.computeIfAbsent(p[1], k -> new ArrayList<>()).add(new Range(Long.decode(p[2]), Long.decode(p[3]), p[4]));
                    case "T" -> v.tfs.putIfAbsent(p[1], new String[] {p[2], p[3]});
                    case "U" -> v.units.putIfAbsent(p[1], new String[] {p[2], p[3]});
                    default -> { }
                }
            });
            values = v;
        }
        return values;
    }

    /** The registry of {@code protocol} in the resources beside class {@code beside}. */
    public static Registry load(Class<?> beside, String protocol) {
        return new Registry(beside, protocol, "");
    }

    /**
     * The registry of {@code protocol} kept as {@code PROTOCOL.fields.tsv} and
     * {@code PROTOCOL.values.tsv} beside class {@code beside}: a package that dissects several
     * protocols (packet-openflow*.c's five) keeps one pair per protocol.
     */
    public static Registry loadNamed(Class<?> beside, String protocol) {
        return new Registry(beside, protocol, protocol + ".");
    }

    /** Reads resource {@code name} beside class {@code beside}: each non-empty line split at tabs. */
    public static void read(Class<?> beside, String name, Consumer<String[]> row) {
        try (InputStream in = beside.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + beside.getName());
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

    /** A bitmask as tshark -G fields prints it; a sign-extended one (packet-lldp.c's ~0x30000 of an FT_UINT24) read unsigned. */
    private static long mask(String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.decode(text);
    }

    /** Every row, in tshark's order (a name registered twice is there twice). */
    public List<Row> rows() { return Collections.unmodifiableList(rows); }

    /** The first row of field {@code name}; an unknown name is a programming error. */
    public Row row(String name) {
        Row r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no " + protocol + " field " + name);
        }
        return r;
    }

    /** The name of value {@code v} in field {@code field}'s value string, or null. */
    public String value(String field, long v) {
        Map<Long, String> m = values().values.get(field);
        return m == null ? null : m.get(v);
    }

    public boolean hasValues(String field) {
        return values().values.containsKey(field);
    }

    /**
     * What a value string or range string shows for {@code v} of {@code field}: the name,
     * "Unknown" when the field has one without {@code v}, null when it has none.
     */
    public String name(String field, long v) {
        Values all = values();
        Map<Long, String> m = all.values.get(field);
        if (m != null) {
            String s = m.get(v);
            return s == null ? "Unknown" : s;
        }
        List<Range> rs = all.ranges.get(field);
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

    /** What an integer item's label shows after its title, from its value and the number as the base writes it. */
    public interface Shown {
        String text(long value, String number);
    }

    /**
     * proto.c's item for integer or boolean field {@code f} over {@code len} big-endian bytes at
     * {@code off} of {@code t} (checked first): a masked field's bit picture, the title, a
     * boolean's true/false string, else the number in the field's base (signed for FT_INT*, hex
     * digits as the mask or width gives them) as {@code shown} presents it.
     */
    public Tree integerItem(Tvb t, Tree parent, Row f, int off, int len, Shown shown) {
        t.need(off, len);
        long raw = 0;
        for (int k = 0; k < len; k++) {
            raw = raw << 8 | t.u8(off + k);
        }
        String name = f.name();
        int bits = f.bits();
        long mask = f.mask();
        long v = raw;
        int shift = 0;
        if (mask != 0) {
            v = raw & mask;
            shift = Long.numberOfTrailingZeros(mask);
            v >>>= shift;
        }
        String prefix = mask != 0 ? Text.bits((int) raw, (int) mask, bits) + " = " : "";
        Tree item;
        if (f.type().equals("FT_BOOLEAN")) {
            boolean on = v != 0;
            item = parent.field(name, prefix + f.title() + ": " + tfs(name, on), on ? "1" : "0");
        } else {
            if (f.signed() && mask == 0) {
                int width = len * 8;
                v = v << (64 - width) >> (64 - width);
            }
            String number;
            String value;
            if (f.hex()) {
                int digits = mask != 0 ? Math.max(1, (64 - Long.numberOfLeadingZeros(mask >>> shift) + 3) / 4) : bits / 4;
                number = "0x" + hex(v, digits);
                value = "0x" + hex(v, bits / 4);
            } else {
                number = f.signed() ? Long.toString(v) : Long.toUnsignedString(v);
                value = number;
            }
            item = parent.field(name, prefix + f.title() + ": " + shown.text(v, number), value);
        }
        if (mask != 0) {
            item.bitmask(mask);
        }
        return t.at(item, off, len);
    }

    /** {@code v} in lower-case hex, zero-padded to {@code digits}. */
    public static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    /** The true/false strings of a boolean field, or proto.c's "True"/"False". */
    public String tfs(String field, boolean v) {
        String[] t = values().tfs.get(field);
        return t == null ? (v ? "True" : "False") : t[v ? 0 : 1];
    }

    /** A BASE_UNIT_STRING field's unit for {@code v} (singular for 1, as unit_name_string picks it), or "". */
    public String unit(String field, long v) {
        String[] u = values().units.get(field);
        return u == null ? "" : v == 1 ? u[0] : u[1];
    }

    /**
     * The protocol's fields for the field table: the protocol item, then each name (its first
     * registration) with its type, width and base, its values read from {@code source}.
     */
    public List<Field> fields(String title, Collected.Source source) {
        List<Field> out = new ArrayList<>();
        out.add(Collected.field(protocol, title, FieldType.PROTOCOL, 0, source));
        Set<String> seen = new HashSet<>();
        for (Row r : rows) {
            if (!seen.add(r.name())) {
                continue;
            }
            int bits = r.bits();
            FieldType type = switch (r.type()) {
                case "FT_UINT8", "FT_UINT16", "FT_UINT24", "FT_UINT32", "FT_UINT48", "FT_UINT64" -> FieldType.UINT;
                case "FT_INT8", "FT_INT16", "FT_INT24", "FT_INT32", "FT_INT64" -> FieldType.INT;
                case "FT_BOOLEAN" -> FieldType.BOOLEAN;
                case "FT_IPv4" -> FieldType.IPV4;
                case "FT_IPv6" -> FieldType.IPV6;
                case "FT_ETHER" -> FieldType.ETHER;
                case "FT_BYTES", "FT_UINT_BYTES" -> FieldType.BYTES;
                case "FT_NONE" -> FieldType.NONE;
                case "FT_DOUBLE" -> FieldType.DOUBLE;
                case "FT_FRAMENUM" -> FieldType.FRAMENUM;
                case "FT_ABSOLUTE_TIME" -> FieldType.ABSOLUTE_TIME;
                case "FT_RELATIVE_TIME" -> FieldType.RELATIVE_TIME;
                default -> FieldType.STRING; // FT_STRING, FT_STRINGZ, FT_GUID ...
            };
            if (type == FieldType.BOOLEAN) {
                bits = 0;
            }
            Base base = switch (r.base()) {
                case "BASE_HEX" -> Base.HEX;
                case "BASE_DEC" -> Base.DEC;
                default -> type == FieldType.UINT || type == FieldType.INT ? Base.DEC : Base.NONE;
            };
            out.add(Collected.field(r.name(), r.title(), type, bits, base, source));
        }
        return out;
    }
}
