package dev.tcpscope.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Writes a query's result as an aligned table or as CSV (RFC 4180, with a header line). */
final class ResultText {
    /** Rows held to align a table; beyond them the table goes on with the widths found so far. */
    private static final int ALIGN_ROWS = 1000;

    private ResultText() { }

    static void csv(Dataset<Row> result, PrintWriter out) {
        String[] names = result.columns();
        List<String> head = new ArrayList<>();
        for (String n : names) {
            head.add(csvCell(n));
        }
        out.println(String.join(",", head));
        for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(r.isNullAt(i) ? "" : csvCell(text(r.get(i))));
            }
            out.println(sb);
        }
    }

    static void table(Dataset<Row> result, PrintWriter out) {
        String[] names = result.columns();
        int[] width = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            width[i] = names[i].length();
        }
        Iterator<Row> it = result.toLocalIterator();
        List<String[]> first = new ArrayList<>();
        while (first.size() < ALIGN_ROWS && it.hasNext()) {
            String[] cells = cells(it.next());
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
            first.add(cells);
        }
        line(out, names, width);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        long n = 0;
        for (String[] cells : first) {
            line(out, cells, width);
            n++;
        }
        while (it.hasNext()) {
            line(out, cells(it.next()), width);
            n++;
        }
        out.println("(" + n + (n == 1 ? " row)" : " rows)"));
    }

    private static String[] cells(Row r) {
        String[] out = new String[r.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.isNullAt(i) ? "" : text(r.get(i));
        }
        return out;
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(Math.max(0, width[i] - cells[i].length())));
            }
        }
        out.println(sb);
    }

    static String text(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            List<String> parts = new ArrayList<>();
            for (Object o : scala.jdk.javaapi.CollectionConverters.asJava(seq)) {
                parts.add(o == null ? "" : text(o));
            }
            return String.join(",", parts);
        }
        if (v instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
