package dev.tcpscope.spark;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes from the query what the scan can use: the columns it reads (no other field is computed)
 * and its filters. Filters are only ever used to read less — a time range skips pieces of
 * captures, others become a tcpscope display filter that drops frames before their fields are
 * extracted — and every one is still evaluated by Spark afterwards, so a pushed filter may keep
 * more than it should but never less.
 */
final class PcapScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    private final CaseInsensitiveStringMap options;
    private StructType required;
    private Filter[] pushed = new Filter[0];
    private TimeRange time = TimeRange.ALL;
    private String displayFilter;

    PcapScanBuilder(StructType schema, CaseInsensitiveStringMap options) {
        this.options = options;
        this.required = schema;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        required = requiredSchema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> used = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        for (Filter f : filters) {
            boolean use = false;
            if (TimeRange.understood(f)) {
                time = time.and(f);
                use = true;
            }
            String clause = FilterText.of(f, required);
            if (clause != null) {
                clauses.add(clause);
                use = true;
            }
            if (use) {
                used.add(f);
            }
        }
        displayFilter = clauses.isEmpty() ? null : "(" + String.join(") && (", clauses) + ")";
        pushed = used.toArray(new Filter[0]);
        return filters; // Spark checks them all again
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed;
    }

    @Override
    public Scan build() {
        List<String> columns = new ArrayList<>();
        for (StructField col : required.fields()) {
            columns.add(Columns.sourceOf(col));
        }
        String passes = options.getOrDefault("passes", "2");
        if (!passes.equals("1") && !passes.equals("2")) {
            throw new IllegalArgumentException("tcpscope: option passes must be 1 or 2, not \"" + passes + "\"");
        }
        String analysis = options.getOrDefault("analysis", "per-file");
        if (!analysis.equals("per-file") && !analysis.equals("merged")) {
            throw new IllegalArgumentException("tcpscope: option analysis must be per-file (each file analysed "
                    + "on its own, as tshark -2) or merged (the files as one capture, as mergecap writes it), not \""
                    + analysis + "\"");
        }
        String onError = options.getOrDefault("onError", "warn");
        if (!onError.equals("warn") && !onError.equals("fail")) {
            throw new IllegalArgumentException("tcpscope: option onError must be warn or fail, not \"" + onError + "\"");
        }
        boolean allOccurrences = "all".equalsIgnoreCase(options.getOrDefault("occurrence", "first"));
        boolean twoPass = passes.equals("2") && columns.stream().anyMatch(Splitting::needsHistory);
        ReadSpec spec = new ReadSpec(List.copyOf(columns), allOccurrences, twoPass,
                analysis.equals("merged"), onError.equals("fail"), displayFilter, time);
        return new PcapScan(required, spec, PcapTable.paths(options),
                Long.parseLong(options.getOrDefault("splitSize", String.valueOf(128L << 20))));
    }
}
