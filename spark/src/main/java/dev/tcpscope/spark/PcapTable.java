package dev.tcpscope.spark;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The captures named by a load path, as one table of frames. */
final class PcapTable implements SupportsRead {
    private final StructType schema;
    private final CaseInsensitiveStringMap options;

    PcapTable(StructType schema, CaseInsensitiveStringMap options) {
        this.schema = schema;
        this.options = options;
    }

    @Override
    public String name() {
        return "pcap " + String.join(",", paths(options));
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        return new PcapScanBuilder(schema, options);
    }

    /** The load paths: {@code path}, or the JSON array {@code paths} that load(a, b, ...) passes. */
    static List<String> paths(CaseInsensitiveStringMap options) {
        List<String> out = new ArrayList<>();
        String one = options.get("path");
        if (one != null) {
            out.add(one);
        }
        String many = options.get("paths");
        if (many != null && many.startsWith("[")) {
            // Spark writes a JSON array of strings; paths never contain a quote in practice,
            // but unescape \" and \\ all the same
            String body = many.substring(1, many.length() - 1).trim();
            StringBuilder cur = null;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (cur == null) {
                    if (c == '"') {
                        cur = new StringBuilder();
                    }
                } else if (c == '\\' && i + 1 < body.length()) {
                    cur.append(body.charAt(++i));
                } else if (c == '"') {
                    out.add(cur.toString());
                    cur = null;
                } else {
                    cur.append(c);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("tcpscope: no capture named; use spark.read.format(\"pcap\").load(\"FILE|DIR|GLOB\")");
        }
        return out;
    }
}
