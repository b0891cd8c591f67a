package dev.tcpscope.spark;

import dev.tcpscope.proto.Protocols;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * {@code spark.read.format("pcap")}: frames of pcap and pcapng captures (plain or gzip/zstd/LZ4
 * compressed) as rows, dissected and analysed by tcpscope, with a column per field of
 * tcpscope's field table.
 *
 * <p>Options: {@code fields} (comma-separated field names, {@code *} for every field; default
 * {@link Columns#DEFAULT_FIELDS}); {@code occurrence} ({@code first}, the default, or
 * {@code all}: every column an array of all occurrences); {@code passes} ({@code 2}, the
 * default: each file as {@code tshark -2} gives it; {@code 1}: as one pass gives it);
 * {@code splitSize} (bytes, default 128 MiB: files are grouped into partitions of about that
 * size, and a larger pcap file is cut at record boundaries when the query's columns allow);
 * {@code analysis} ({@code per-file}, the only mode so far: each file analysed on its own).
 */
public final class PcapDataSource implements TableProvider, DataSourceRegister {

    @Override
    public String shortName() {
        return "pcap";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return Columns.schema(Columns.fields(options.get("fields"), Protocols.fields()),
                "all".equalsIgnoreCase(options.getOrDefault("occurrence", "first")));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new PcapTable(schema, new CaseInsensitiveStringMap(properties));
    }

    @Override
    public boolean supportsExternalMetadata() {
        return false;
    }
}
