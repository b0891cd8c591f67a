package dev.tcpscope.spark;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldText;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

/** Writes a column value the way tshark -T fields writes the field (occurrences joined by commas). */
final class TsharkText {
    private TsharkText() { }

    static String of(Field f, Row row, int i) {
        if (row.isNullAt(i)) {
            return "";
        }
        Object v = row.get(i);
        if (v instanceof scala.collection.Seq<?> seq) {
            List<?> all = scala.jdk.javaapi.CollectionConverters.asJava(seq);
            StringBuilder sb = new StringBuilder();
            for (Object o : all) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(one(f, o));
            }
            return sb.toString();
        }
        if (v instanceof Boolean b && (f.type() == dev.tcpscope.field.FieldType.NONE
                || f.type() == dev.tcpscope.field.FieldType.PROTOCOL)) {
            return b ? "1" : "";
        }
        return one(f, v);
    }

    private static String one(Field f, Object v) {
        return switch (f.type()) {
            case NONE, PROTOCOL -> "1";
            case BOOLEAN -> (Boolean) v ? "1" : "0";
            case UINT, INT -> {
                long x = (Long) v;
                if (f.base() == Base.HEX || f.base() == Base.HEX_DEC) {
                    StringBuilder sb = new StringBuilder("0x");
                    FieldText.hexDigits(sb, x, Math.max(1, f.bits() / 4));
                    yield sb.toString();
                }
                yield f.type() == dev.tcpscope.field.FieldType.UINT ? Long.toUnsignedString(x) : Long.toString(x);
            }
            case FRAMENUM -> Long.toString((Long) v);
            case RELATIVE_TIME, ABSOLUTE_TIME -> v instanceof BigDecimal d ? d.setScale(9).toPlainString() : v.toString();
            case BYTES -> HexFormat.of().formatHex((byte[]) v);
            default -> v.toString();
        };
    }
}
