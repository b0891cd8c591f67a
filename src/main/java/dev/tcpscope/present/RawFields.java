package dev.tcpscope.present;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code -T json -x} and {@code -T pdml} say of a tree item besides its bytes: the number of
 * its value's type in Wireshark 4.0's {@code enum ftenum} ({@code FT_UINT16} is 5) and its
 * bitmask, from {@code raw-fields.tsv}, which {@code scripts/gen-raw-fields.sh} makes from
 * tshark's registry. An item with a bitmask shows its value, masked and shifted, in upper-case
 * hex instead of its bytes (epan/print.c, write_json_proto_node_hex_dump).
 */
public final class RawFields {
    /** Type numbers of Wireshark 4.0's ftenum that the writers use by themselves. */
    public static final int FT_NONE = 0, FT_PROTOCOL = 1, FT_BOOLEAN = 2, FT_BYTES = 30;

    private record Row(int type, long bitmask) { }

    private static final class Table {
        static final Map<String, Row> ROWS = load();
    }

    private RawFields() { }

    /**
     * The type number of {@code n}'s value. A field whose name the registry lists as a protocol
     * is a protocol registered in name only whose items are added as bytes
     * ({@code tcp.options.mss}): FT_BYTES, as tshark writes it.
     */
    public static int type(DetailNode n) {
        if (n.ftype() >= 0) {
            return n.ftype(); // a name registered with more than one type: the item says which
        }
        Row r = Table.ROWS.get(n.key());
        if (r != null) {
            return r.type == FT_PROTOCOL && n.kind() == DetailNode.Kind.FIELD ? FT_BYTES : r.type;
        }
        if (n.kind() == DetailNode.Kind.PROTOCOL) {
            return FT_PROTOCOL;
        }
        return n.value() == null ? FT_NONE : FT_BYTES;
    }

    /** The bitmask of {@code n}'s field, 0 for none. */
    public static long bitmask(DetailNode n) {
        if (n.bitmask() != -1) {
            return n.bitmask(); // a name registered with more than one bitmask: the item says which
        }
        Row r = Table.ROWS.get(n.key());
        return r == null ? 0 : r.bitmask;
    }

    /**
     * The value of a field with a bitmask as print.c writes it ({@code %X}): the number its JSON
     * value holds ("0x0002", "2", "1"), in upper-case hex; signed values of up to 32 bits as their
     * unsigned 32-bit pattern. Null when the value is not a number.
     */
    public static String maskedHex(DetailNode n) {
        String v = n.value();
        if (v == null) {
            return null;
        }
        try {
            long x = v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
            int t = type(n);
            if (x < 0 && t >= 12 && t <= 15) { // FT_INT8 .. FT_INT32: (guint) of the value
                x &= 0xffffffffL;
            }
            return Long.toHexString(x).toUpperCase(java.util.Locale.ROOT);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Appends the first element of {@code n}'s {@code _raw} array, quoted, as print.c writes it for
     * {@code -T json -x} and {@code -T ek -x}: a bitmask field's masked value, else the bytes of
     * {@code p} in hex, "field length invalid!" when they run past their source, "" without them.
     */
    public static void appendQuotedRaw(StringBuilder out, DetailNode n, Placed p) {
        String masked = bitmask(n) != 0 ? maskedHex(n) : null;
        out.append('"');
        if (masked != null) {
            out.append(masked);
        } else if (p != null && p.invalid()) {
            out.append("field length invalid!");
        } else if (p != null && p.index() >= 0) {
            dev.tcpscope.field.FieldText.hex(out, p.source().segment(), p.source().offset() + p.position(), p.length());
        }
        out.append('"');
    }

    private static Map<String, Row> load() {
        Map<String, Row> rows = new HashMap<>(4096);
        try (InputStream in = RawFields.class.getResourceAsStream("raw-fields.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource raw-fields.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.put(f[0], new Row(Integer.parseInt(f[1]), Long.parseUnsignedLong(f[2], 16)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
