package dev.tcpscope.spark;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.field.FieldType;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Spark filter on address, port, protocol and other header columns into a tcpscope
 * display filter that keeps at least the frames the Spark filter keeps: {@code ip_src =
 * '10.0.0.1'} becomes {@code ip.src == 10.0.0.1}, {@code tcp_port IN (80, 443)} ... A display
 * filter matches a field when any occurrence matches, a superset of Spark's test on the first
 * occurrence, and Spark tests every filter again, so only reading is saved. Negations are never
 * pushed (they would not be a superset), nor filters on fields that need earlier frames (a piece
 * of a file read alone would judge them differently).
 */
final class FilterText {
    private FilterText() { }

    /** The display-filter text for {@code f}, or null when it is not pushed. */
    static String of(Filter f, StructType schema) {
        return switch (f) {
            case And a -> both(of(a.left(), schema), of(a.right(), schema), " && ");
            case Or o -> {
                String l = of(o.left(), schema);
                String r = of(o.right(), schema);
                yield l == null || r == null ? null : "(" + l + ") || (" + r + ")";
            }
            case EqualTo e -> compare(e.attribute(), "==", e.value(), schema);
            case GreaterThan g -> compare(g.attribute(), ">", g.value(), schema);
            case GreaterThanOrEqual g -> compare(g.attribute(), ">=", g.value(), schema);
            case LessThan l -> compare(l.attribute(), "<", l.value(), schema);
            case LessThanOrEqual l -> compare(l.attribute(), "<=", l.value(), schema);
            case In in -> {
                List<String> parts = new ArrayList<>();
                for (Object v : in.values()) {
                    String one = compare(in.attribute(), "==", v, schema);
                    if (one == null) {
                        yield null;
                    }
                    parts.add(one);
                }
                yield parts.isEmpty() ? null : String.join(" || ", parts);
            }
            case IsNotNull n -> {
                Field field = field(n.attribute(), schema);
                yield field == null ? null : field.name();
            }
            default -> null;
        };
    }

    private static String both(String l, String r, String op) {
        if (l == null) {
            return r;
        }
        if (r == null) {
            return l;
        }
        return "(" + l + ")" + op + "(" + r + ")";
    }

    private static String compare(String attribute, String op, Object value, StructType schema) {
        Field f = field(attribute, schema);
        if (f == null || value == null) {
            return null;
        }
        String literal = literal(f, value);
        if (literal == null) {
            return null;
        }
        if ((f.type() == FieldType.NONE || f.type() == FieldType.PROTOCOL)) {
            return op.equals("==") && Boolean.TRUE.equals(value) ? f.name() : null;
        }
        return f.name() + " " + op + " " + literal;
    }

    private static String literal(Field f, Object value) {
        return switch (f.type()) {
            case UINT, INT, FRAMENUM -> value instanceof Number n && !(value instanceof Double || value instanceof Float)
                    ? Long.toString(n.longValue()) : null;
            case BOOLEAN -> value instanceof Boolean b ? (b ? "1" : "0") : null;
            case IPV4, IPV6, ETHER -> value instanceof String s && s.matches("[0-9A-Fa-f.:]+") ? s : null;
            case STRING -> value instanceof String s ? quote(s) : null;
            case NONE, PROTOCOL -> value instanceof Boolean ? "" : null;
            default -> null;
        };
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            if (c < 0x20) {
                return null;
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** The field behind a top-level column that a piece can judge alone, or null. */
    private static Field field(String attribute, StructType schema) {
        if (attribute.contains(".") || !List.of(schema.fieldNames()).contains(attribute)) {
            return null;
        }
        StructField col = schema.apply(attribute);
        String source = Columns.sourceOf(col);
        if (source.startsWith("\0") || Splitting.needsHistory(source)
                || col.dataType() instanceof org.apache.spark.sql.types.ArrayType) {
            return null;
        }
        return Protocols.fields().get(source);
    }
}
