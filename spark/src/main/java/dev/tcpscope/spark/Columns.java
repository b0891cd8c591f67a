package dev.tcpscope.spark;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldText;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fields of tcpscope's field table become Spark columns: the name with dots replaced by
 * underscores ({@code tcp.analysis.retransmission} is {@code tcp_analysis_retransmission}), the
 * Spark type from the field's type, and the value of the frame's occurrences.
 *
 * <p>Types: a label without value ({@code tcp.analysis.retransmission}) and a protocol
 * ({@code tcp}) are booleans, true when present and false when not; a boolean field
 * ({@code tcp.flags.syn}) is a boolean, null when absent; integers and frame numbers are
 * {@code bigint}; durations are {@code decimal(20,9)} seconds; {@code frame.time} is a timestamp
 * (microseconds, Spark's precision) and the other absolute times are {@code decimal(20,9)}
 * seconds since the epoch (nanoseconds kept, as {@code frame.time_epoch} in tshark); addresses
 * and strings are strings in tshark's notation; bytes are binary. A field that a frame can carry
 * more than once by its nature (the two-sided {@code ip.addr}, {@code tcp.port}, {@code eth.addr}
 * ...) is an array of all occurrences; any other field holds its first occurrence, as
 * {@code tshark -T fields -E occurrence=f}; the option {@code occurrence=all} makes every field
 * an array.
 */
final class Columns {
    /** The column naming the file a row comes from. */
    static final String FILE = "file";
    /** The column that, when a query selects it, carries a damaged file's error as a row of its own. */
    static final String ERROR = "error";
    /** The metadata key under which a column keeps its field's name. */
    static final String FIELD_KEY = "tcpscope.field";

    /** The default columns: what tshark's packet list shows, as fields. */
    static final List<String> DEFAULT_FIELDS = List.of(
            "frame.number", "frame.time", "frame.time_relative", "ip.src", "ip.dst", "ipv6.src",
            "ipv6.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
            "frame.protocols", "frame.len", "tcp.stream", "tcp.len", "tcp.flags.str",
            "tcp.analysis.flags");

    /** Fields that are two-sided by design (Wireshark registers them as "either" fields). */
    private static final Set<String> EITHER_SUFFIXES = Set.of(".addr", ".port", ".host");

    private Columns() { }

    /** The column name of a field. */
    static String columnName(String field) {
        return field.replace('.', '_').replace('-', '_');
    }

    /**
     * The fields named by {@code spec} (comma separated; {@code *} is every field of the table),
     * in the order given, after checking that each exists.
     */
    static List<Field> fields(String spec, FieldTable table) {
        List<Field> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            for (String name : DEFAULT_FIELDS) {
                Field f = table.get(name);
                if (f != null) {
                    out.add(f);
                }
            }
            return out;
        }
        Map<String, Field> chosen = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("*")) {
                for (Field f : table.all()) {
                    chosen.putIfAbsent(f.name(), f);
                }
                continue;
            }
            Field f = table.get(name);
            if (f == null) {
                throw new IllegalArgumentException("tcpscope: \"" + name
                        + "\" is not a field tcpscope knows; `tcpscope fields` lists them");
            }
            chosen.putIfAbsent(f.name(), f);
        }
        out.addAll(chosen.values());
        return out;
    }

    /** Whether the column of {@code f} holds every occurrence. */
    static boolean isArray(Field f, boolean allOccurrences) {
        if (allOccurrences) {
            return true;
        }
        for (String suffix : EITHER_SUFFIXES) {
            if (f.name().endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The Spark type of one value of {@code f}. */
    static DataType elementType(Field f) {
        return switch (f.type()) {
            case PROTOCOL, NONE, BOOLEAN -> DataTypes.BooleanType;
            case UINT, INT, FRAMENUM -> DataTypes.LongType;
            case RELATIVE_TIME -> DataTypes.createDecimalType(20, 9);
            case ABSOLUTE_TIME -> f.base() == Base.LOCAL_TIME
                    ? DataTypes.TimestampType : DataTypes.createDecimalType(20, 9);
            case DOUBLE -> DataTypes.DoubleType;
            case IPV4, IPV6, ETHER, STRING -> DataTypes.StringType;
            case BYTES -> DataTypes.BinaryType;
        };
    }

    /**
     * The schema for {@code fields}, after the file column. Two field names can make one column
     * name (Wireshark registers both {@code dhcp.option.classless_static_route} and
     * {@code dhcp.option.classless_static.route}): the later one gets "_2", "_3"... appended.
     */
    static StructType schema(List<Field> fields, boolean allOccurrences) {
        List<StructField> cols = new ArrayList<>();
        cols.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
        Set<String> taken = new java.util.HashSet<>(List.of(FILE, ERROR));
        for (Field f : fields) {
            DataType t = elementType(f);
            if (isArray(f, allOccurrences)) {
                t = DataTypes.createArrayType(t, false);
            }
            Metadata md = new MetadataBuilder().putString(FIELD_KEY, f.name()).build();
            String name = columnName(f.name());
            for (int n = 2; !taken.add(name); n++) {
                name = columnName(f.name()) + "_" + n;
            }
            cols.add(DataTypes.createStructField(name, t, true, md));
        }
        cols.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(cols);
    }

    /** What fills a column of a schema this class made: a field's name, or ReadSpec's FILE or ERROR. */
    static String sourceOf(StructField col) {
        if (col.metadata().contains(FIELD_KEY)) {
            return col.metadata().getString(FIELD_KEY);
        }
        return col.name().equals(FILE) ? ReadSpec.FILE : ReadSpec.ERROR;
    }

    /**
     * The Catalyst value of occurrence {@code i} of {@code v} (a value of {@code f}).
     * {@code scratch} is reused for text.
     */
    static Object element(Field f, Values v, int i, StringBuilder scratch) {
        FieldType type = f.type();
        return switch (type) {
            case PROTOCOL, NONE -> Boolean.TRUE;
            case BOOLEAN -> v.longAt(i) != 0;
            case UINT, INT, FRAMENUM -> v.longAt(i);
            case RELATIVE_TIME -> Decimal.apply(v.longAt(i), 20, 9);
            case ABSOLUTE_TIME -> f.base() == Base.LOCAL_TIME
                    ? Math.floorDiv(v.longAt(i), 1000L) : Decimal.apply(v.longAt(i), 20, 9);
            case DOUBLE -> v.doubleAt(i);
            case BYTES -> bytes(v, i);
            case STRING -> UTF8String.fromString(v.stringAt(i).toString());
            case IPV4, IPV6, ETHER -> {
                scratch.setLength(0);
                FieldText.append(scratch, f, v, i);
                yield UTF8String.fromString(scratch.toString());
            }
        };
    }

    private static byte[] bytes(Values v, int i) {
        byte[] out = new byte[v.lengthAt(i)];
        java.lang.foreign.MemorySegment.copy(v.segmentAt(i), java.lang.foreign.ValueLayout.JAVA_BYTE,
                v.offsetAt(i), out, 0, out.length);
        return out;
    }

    /** The column value of {@code f} for a frame whose occurrences are {@code v}. */
    static Object value(Field f, Values v, boolean array, StringBuilder scratch) {
        if (array) {
            Object[] all = new Object[v.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = element(f, v, i, scratch);
            }
            return new GenericArrayData(all);
        }
        if (v.isEmpty()) {
            return f.type() == FieldType.NONE || f.type() == FieldType.PROTOCOL ? Boolean.FALSE : null;
        }
        return element(f, v, 0, scratch);
    }
}
