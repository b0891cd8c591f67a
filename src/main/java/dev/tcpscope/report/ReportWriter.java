package dev.tcpscope.report;

import dev.tcpscope.present.DetailJson;

import java.util.List;

/**
 * Writes the connection report in one of three formats, one row per connection and direction
 * (originator first): an aligned text table, CSV with a header line (RFC 4180), or JSON (an array
 * of connections, each with its connection columns and a {@code directions} array of two
 * objects; unknown values are null). Columns and their order are {@link Column#ALL}.
 */
public final class ReportWriter {
    /** The output formats of {@code --format}. */
    public enum Format { TEXT, CSV, JSON }

    private ReportWriter() { }

    /** The report of {@code connections} in {@code format}. */
    public static String write(List<ConnectionStats> connections, Format format) {
        StringBuilder out = new StringBuilder();
        switch (format) {
            case TEXT -> text(connections, out);
            case CSV -> csv(connections, out);
            case JSON -> json(connections, out);
        }
        return out.toString();
    }

    private static void text(List<ConnectionStats> connections, StringBuilder out) {
        List<Column> cols = Column.ALL;
        int[] width = new int[cols.size()];
        String[][] cells = new String[connections.size() * 2][];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).name().length();
        }
        int row = 0;
        for (ConnectionStats c : connections) {
            for (boolean orig : new boolean[] {true, false}) {
                String[] r = new String[cols.size()];
                for (int i = 0; i < cols.size(); i++) {
                    String v = cols.get(i).text(c, orig);
                    r[i] = v.isEmpty() ? "-" : v;
                    width[i] = Math.max(width[i], r[i].length());
                }
                cells[row++] = r;
            }
        }
        line(out, cols, width, i -> cols.get(i).name());
        for (String[] r : cells) {
            line(out, cols, width, i -> r[i]);
        }
    }

    private interface Cell {
        String at(int column);
    }

    /** One line of the table: text left-aligned, numbers right-aligned, two spaces between columns. */
    private static void line(StringBuilder out, List<Column> cols, int[] width, Cell cell) {
        int start = out.length();
        for (int i = 0; i < cols.size(); i++) {
            String v = cell.at(i);
            int pad = width[i] - v.length();
            if (i > 0) {
                out.append("  ");
            }
            boolean left = cols.get(i).kind() == Column.Kind.TEXT;
            if (!left) {
                out.repeat(' ', pad);
            }
            out.append(v);
            if (left) {
                out.repeat(' ', pad);
            }
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static void csv(List<ConnectionStats> connections, StringBuilder out) {
        List<Column> cols = Column.ALL;
        for (int i = 0; i < cols.size(); i++) {
            out.append(i > 0 ? "," : "").append(cols.get(i).name());
        }
        out.append('\n');
        for (ConnectionStats c : connections) {
            for (boolean orig : new boolean[] {true, false}) {
                for (int i = 0; i < cols.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    csvField(out, cols.get(i).text(c, orig));
                }
                out.append('\n');
            }
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180 §2). */
    private static void csvField(StringBuilder out, String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            out.append(v);
            return;
        }
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    private static void json(List<ConnectionStats> connections, StringBuilder out) {
        out.append('[');
        boolean firstConn = true;
        for (ConnectionStats c : connections) {
            out.append(firstConn ? "\n" : ",\n").append("  {");
            firstConn = false;
            boolean first = true;
            for (Column col : Column.ALL) {
                if (col.scope() == Column.Scope.CONNECTION) {
                    member(out, col, c, true, first, "\n    ");
                    first = false;
                }
            }
            out.append(",\n    \"directions\": [");
            for (boolean orig : new boolean[] {true, false}) {
                out.append(orig ? "\n      {" : ",\n      {");
                boolean firstDir = true;
                for (Column col : Column.ALL) {
                    if (col.scope() == Column.Scope.DIRECTION) {
                        member(out, col, c, orig, firstDir, "\n        ");
                        firstDir = false;
                    }
                }
                out.append("\n      }");
            }
            out.append("\n    ]\n  }");
        }
        out.append(connections.isEmpty() ? "]\n" : "\n]\n");
    }

    private static void member(StringBuilder out, Column col, ConnectionStats c, boolean orig, boolean first, String indent) {
        out.append(first ? "" : ",").append(indent);
        DetailJson.string(out, col.name());
        out.append(": ");
        String v = col.text(c, orig);
        if (col.kind() == Column.Kind.TEXT) {
            DetailJson.string(out, v);
        } else if (v.isEmpty()) {
            out.append("null");
        } else {
            out.append(v); // digits, with a decimal point for times: a JSON number (RFC 8259 §6)
        }
    }
}
