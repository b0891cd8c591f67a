package dev.tcpscope.present;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldText;
import dev.tcpscope.field.Values;
import dev.tcpscope.tcp.Decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * tshark's {@code -T fields} output: one line per frame, the requested fields' values separated
 * by the separator, several occurrences of one field joined by the aggregator, with the
 * {@code -E} options {@code header}, {@code separator}, {@code occurrence}, {@code aggregator},
 * {@code quote} and {@code bom}.
 */
public final class FieldsFormat {
    private final Field[] fields;
    private final String[] names;
    /** For each field, its packet-list column ({@code _ws.col.Info} ...), -1 for an unknown column, -2 for a field. */
    private final int[] columns;
    private final String[] columnText = new String[PacketList.COLUMN_TITLES.size()];
    private PacketList list;
    private final Values values = new Values();
    private char separator = '\t';
    private char aggregator = ',';
    private char quote;
    private char occurrence = 'a';
    private boolean header;
    private boolean bom;

    private FieldsFormat(Field[] fields, String[] names, int[] columns) {
        this.fields = fields;
        this.names = names;
        this.columns = columns;
    }

    /**
     * The format for {@code names}; throws {@link IllegalArgumentException} naming the fields
     * that are not in the table, as tshark lists them.
     */
    public static FieldsFormat of(List<String> names, FieldTable table) {
        List<String> unknown = new ArrayList<>();
        Field[] fields = new Field[names.size()];
        int[] columns = new int[names.size()];
        for (int i = 0; i < fields.length; i++) {
            String name = names.get(i);
            columns[i] = -2;
            if (name.startsWith(COLUMN_PREFIX)) {
                // tshark's -e takes a packet-list column by its title; another title prints nothing
                columns[i] = PacketList.COLUMN_TITLES.indexOf(name.substring(COLUMN_PREFIX.length()));
                continue;
            }
            fields[i] = table.get(name);
            if (fields[i] == null) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Some fields aren't valid: " + String.join(", ", unknown));
        }
        return new FieldsFormat(fields, names.toArray(String[]::new), columns);
    }

    private static final String COLUMN_PREFIX = "_ws.col.";

    /** Whether some field is a packet-list column, which then needs {@link #columns(PacketList)}. */
    public boolean needsColumns() {
        for (int c : columns) {
            if (c != -2) {
                return true;
            }
        }
        return false;
    }

    /** The packet list whose columns the {@code _ws.col.*} fields print (it must see every frame, shown or not). */
    public FieldsFormat columns(PacketList packetList) {
        this.list = packetList;
        return this;
    }

    /**
     * Applies one {@code -E} option ({@code name=value}); throws {@link IllegalArgumentException}
     * with the reason when it is not one of tshark's.
     */
    public FieldsFormat option(String option) {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? "" : option.substring(eq + 1);
        switch (name) {
            case "header" -> header = yesNo(option, value);
            case "bom" -> bom = yesNo(option, value);
            case "separator" -> separator = character(option, value, '\t');
            case "aggregator" -> aggregator = character(option, value, ',');
            case "occurrence" -> {
                if (!value.equals("f") && !value.equals("l") && !value.equals("a")) {
                    throw invalid(option);
                }
                occurrence = value.charAt(0);
            }
            case "quote" -> quote = switch (value) {
                case "d" -> '"';
                case "s" -> '\'';
                case "n" -> 0;
                default -> throw invalid(option);
            };
            default -> throw invalid(option);
        }
        return this;
    }

    private static IllegalArgumentException invalid(String option) {
        return new IllegalArgumentException("\"" + option + "\" is not a valid field output option=value pair"
                + " (use header=y|n, separator=/t|/s|C, occurrence=f|l|a, aggregator=,|/s|C, quote=d|s|n, bom=y|n)");
    }

    private static boolean yesNo(String option, String value) {
        return switch (value) {
            case "y", "Y" -> true;
            case "n", "N" -> false;
            default -> throw invalid(option);
        };
    }

    private static char character(String option, String value, char tab) {
        return switch (value) {
            case "/t" -> '\t';
            case "/s" -> ' ';
            default -> {
                if (value.isEmpty()) {
                    throw invalid(option);
                }
                yield value.charAt(0);
            }
        };
    }

    /**
     * Appends the header line (without newline) when {@code header=y} was asked for, and says
     * whether it did. The BOM, if asked for, goes in front of the first line written.
     */
    public boolean appendHeader(StringBuilder sb) {
        if (!header) {
            return false;
        }
        bom(sb);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(names[i]);
        }
        return true;
    }

    private void bom(StringBuilder sb) {
        if (bom) {
            sb.append('\ufeff');
            bom = false;
        }
    }

    /** How many fields were asked for. */
    public int size() { return fields.length; }

    /** The name of field {@code i} as it was asked for. */
    public String name(int i) { return names[i]; }

    /** Reads the packet-list columns of the frame {@code d} has just decoded, once, before {@link #texts}. */
    public void prepare(Decoder d) {
        if (list != null) {
            list.columns(d, columnText);
        }
    }

    /**
     * Takes the packet-list columns of the frame just decoded from {@code texts}, which the
     * caller read once for other uses (the list may not be asked twice for one frame: its delta
     * times move on), instead of {@link #prepare(Decoder)}.
     */
    public void prepare(String[] texts) {
        System.arraycopy(texts, 0, columnText, 0, columnText.length);
    }

    /**
     * The texts of field {@code i} in the frame {@code d} has just decoded, as -T fields writes
     * each: every occurrence, or the first or last with {@code -E occurrence=f|l}.
     */
    public void texts(Decoder d, int i, List<String> out) {
        if (columns[i] != -2) {
            if (columns[i] >= 0 && list != null) {
                out.add(columnText[columns[i]]);
            }
            return;
        }
        Field f = fields[i];
        f.extractor().extract(d, values.clear());
        int n = values.size();
        StringBuilder sb = new StringBuilder();
        for (int k = occurrence == 'l' ? Math.max(0, n - 1) : 0; k < (occurrence == 'f' ? Math.min(1, n) : n); k++) {
            sb.setLength(0);
            FieldText.append(sb, f, values, k);
            out.add(sb.toString());
        }
    }

    /** Appends the line (without newline) of the frame {@code d} has just decoded. */
    public void appendLine(Decoder d, StringBuilder sb) {
        bom(sb);
        prepare(d);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            if (columns[i] != -2) {
                if (columns[i] >= 0 && list != null) {
                    if (quote != 0) {
                        sb.append(quote).append(columnText[columns[i]]).append(quote);
                    } else {
                        sb.append(columnText[columns[i]]);
                    }
                }
                continue;
            }
            Field f = fields[i];
            f.extractor().extract(d, values.clear());
            int n = values.size();
            if (n == 0) {
                continue;
            }
            int from = occurrence == 'l' ? n - 1 : 0;
            int to = occurrence == 'f' ? 1 : n;
            if (quote != 0) {
                sb.append(quote);
            }
            for (int k = from; k < to; k++) {
                if (k > from) {
                    sb.append(aggregator);
                }
                FieldText.append(sb, f, values, k);
            }
            if (quote != 0) {
                sb.append(quote);
            }
        }
    }
}
