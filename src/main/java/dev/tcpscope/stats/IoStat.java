package dev.tcpscope.stats;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -z io,stat,INTERVAL[,COLUMN...]}: per interval of relative time, each column's frames and
 * bytes, or COUNT/SUM/MIN/MAX/AVG/LOAD of a field, over the frames its filter passes, as
 * ui/cli/tap-iostat.c computes and lays them out (its widths, its centred labels, its rounding;
 * {@link IoStatTable}). Interval 0 is one row for the whole capture. State is one accumulator
 * per interval and column, never per frame.
 *
 * <p>As in tshark 4.0 without {@code -V}, a field's values are seen only when some filter of the
 * run names the field (Wireshark then builds its items; others are "faked" and invisible to the
 * tap): {@code SUM(tcp.len)tcp} is 0 in every row, {@code SUM(tcp.len)tcp.len} is not.
 */
final class IoStat implements Tap {
    enum Calc { FRAMES, BYTES, FRAMES_AND_BYTES, COUNT, SUM, MIN, MAX, AVG, LOAD }

    private static final String[] NAMES = {"FRAMES", "BYTES", "FRAMES BYTES", "COUNT", "SUM", "MIN", "MAX", "AVG", "LOAD"};

    /** One cell: a column over one interval. */
    static final class Item {
        final long start;
        long frames;
        long counter;
        double doubleCounter;
        long num;

        Item(long start) {
            this.start = start;
        }
    }

    /** One column: its text (null for an empty one), calculation, field and filter, and its cells. */
    static final class Column {
        final String text;
        Calc calc = Calc.FRAMES_AND_BYTES;
        Field field;
        DisplayFilter filter;
        final List<Item> items = new ArrayList<>();
        long maxVal;
        long maxFrame;

        Column(String text) {
            this.text = text;
        }
    }

    final long interval; // microseconds; Long.MAX_VALUE stands for G_MAXUINT64 (the whole capture)
    final int precision;
    final List<Column> columns = new ArrayList<>();
    final TimeFormat.Kind time;
    final ZoneId zone;
    /** Fields some filter of the run names; null when every field is visible (a details tree is printed). */
    private Set<String> primed;
    private final Values values = new Values();
    private long lastRelative;
    private long startTime; // the first frame's absolute second minus its relative second
    private boolean started;
    /** cfile.elapsed_time, the largest relative time of any frame read: whole seconds and nanoseconds. */
    private long elapsedSeconds;
    private int elapsedNanos;
    /** Whether some column needed more than {@link #MAX_INTERVALS} intervals. */
    private boolean tooMany;

    /**
     * The most intervals a column keeps and the table prints. tshark creates every interval up to
     * the last frame's (an item of some 60 bytes each) and is killed for want of memory when a
     * capture's times lie far apart; tcpscope says so in one line instead.
     */
    static final long MAX_INTERVALS = 1_000_000;

    private IoStat(long interval, int precision, TimeFormat.Kind time, ZoneId zone) {
        this.interval = interval;
        this.precision = precision;
        this.time = time;
        this.zone = zone;
    }

    private static TapArgumentException fail(String message, int exit) {
        return new TapArgumentException("tcpscope: " + message, exit);
    }

    private static final Pattern NUMBER = Pattern.compile("io,stat,(\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /** Parses the -z text as tap-iostat.c's iostat_init and register_io_tap do, with their errors. */
    static IoStat parse(String arg, FieldTable table, TimeFormat.Kind time, ZoneId zone) {
        Matcher m = NUMBER.matcher(arg);
        String usage = "invalid \"-z io,stat,<interval>[,<filter>][,<filter>]...\" argument";
        if (arg.endsWith(",") || !m.lookingAt()) {
            throw fail(usage, 1);
        }
        String filters = arg.substring(m.end());
        if (!filters.isEmpty() && filters.charAt(0) != ',') {
            throw fail(usage, 1);
        }
        switch (time) {
            case DELTA, DELTA_DISPLAYED, EPOCH ->
                    throw fail("invalid -t operand. io,stat only supports -t <r|a|ad|adoy|u|ud|udoy>", 1);
            default -> { }
        }
        double f = Double.parseDouble(m.group(1).trim());
        long interval;
        int prec;
        if (f == 0) {
            interval = Long.MAX_VALUE;
            prec = 0;
        } else {
            interval = (long) (f * 1000000.0 + 0.5);
            prec = 6;
            for (long i = 10; i < 10000000; i *= 10) {
                if (interval % i > 0) {
                    break;
                }
                prec--;
            }
            if (prec == 0) {
                // "1.00": as many decimals as written (tap-iostat.c reads them up to the next comma)
                String text = m.group(1).trim();
                int dot = text.indexOf('.');
                if (dot >= 0 && text.length() - dot - 1 > 0 && !text.contains("e") && !text.contains("E")) {
                    prec = Math.min(text.length() - dot - 1, 6);
                }
            }
        }
        if (interval < 1) {
            throw fail("\"-z\" interval must be >=0.000001 seconds or \"0\" for the entire capture duration.", 10);
        }
        IoStat io = new IoStat(interval, prec, time, zone);
        if (filters.isEmpty() || filters.equals(",")) {
            io.columns.add(column(null, table));
        } else {
            for (String c : filters.substring(1).split(",", -1)) {
                io.columns.add(column(c.isEmpty() ? null : c, table));
            }
        }
        return io;
    }

    private static Column column(String text, FieldTable table) {
        Column c = new Column(text);
        String flt = text;
        String fieldName = null;
        int j;
        for (j = 0; j < NAMES.length; j++) {
            Calc calc = Calc.values()[j];
            if (text != null && text.startsWith(NAMES[j])) {
                c.calc = calc;
                if (text.length() > NAMES[j].length() && text.charAt(NAMES[j].length()) == '(') {
                    int p = NAMES[j].length() + 1;
                    int close = text.indexOf(')', p);
                    if (close < 0) {
                        throw fail("Closing parenthesis missing from calculated expression.", 10);
                    }
                    if (calc == Calc.FRAMES || calc == Calc.BYTES) {
                        if (close != p) {
                            throw fail(NAMES[j] + " does not require or allow a field name within the parens.", 10);
                        }
                    } else if (close == p) {
                        throw fail("You didn't specify a field name for " + NAMES[j] + "(*).", 10);
                    }
                    fieldName = text.substring(p, close);
                    flt = text.substring(close + 1);
                    if (calc == Calc.FRAMES || calc == Calc.BYTES) {
                        break;
                    }
                    c.field = table.get(fieldName);
                    if (c.field == null) {
                        throw fail("There is no field named '" + fieldName + "'.", 10);
                    }
                    break;
                }
            } else if (c.calc == Calc.FRAMES || c.calc == Calc.BYTES) {
                flt = "";
            }
        }
        if (c.field != null && c.calc != Calc.BYTES && c.calc != Calc.FRAMES && c.calc != Calc.FRAMES_AND_BYTES) {
            String name = NAMES[c.calc.ordinal()];
            switch (kind(c.field)) {
                case INTEGER -> {
                    if (c.calc == Calc.LOAD) {
                        throw fail("LOAD() is only supported for relative-time fields such as smb.time", 10);
                    }
                }
                case DOUBLE -> {
                    if (c.calc == Calc.LOAD) {
                        throw fail(fieldName + " is a float field, so " + name + "(*) calculations are not supported on it.", 10);
                    }
                }
                case TIME -> { }
                case OTHER -> {
                    if (c.calc != Calc.COUNT) {
                        throw fail(fieldName + " doesn't have integral values, so " + name
                                + "(*) calculations are not supported on it.", 10);
                    }
                }
            }
        }
        c.filter = Taps.filter(flt, table, "tcpscope: Couldn't register io,stat tap: ", "", 1);
        return c;
    }

    enum Kind { INTEGER, SIGNED32, SIGNED64, DOUBLE, TIME, OTHER }

    /** How tap-iostat.c treats a field's type (FT_UINTn and FT_INTn integers, FT_DOUBLE, FT_RELATIVE_TIME, the rest). */
    static Kind kind(Field f) {
        return switch (f.type()) {
            case UINT -> Kind.INTEGER;
            case INT -> f.bits() > 32 ? Kind.SIGNED64 : Kind.SIGNED32;
            case DOUBLE -> Kind.DOUBLE;
            case RELATIVE_TIME -> Kind.TIME;
            default -> Kind.OTHER;
        };
    }

    /** The fields any filter of the run names, or null when a details tree makes every field visible. */
    void primed(Set<String> fields) {
        primed = fields;
    }

    @Override
    public List<String> filters() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            if (c.filter != null) {
                out.add(c.filter.text());
            }
        }
        return out;
    }

    @Override
    public void packet(Decoder d) {
        long secs = d.relativeWholeSeconds();
        int nanos = d.relativeNanosOfSecond();
        if (secs > elapsedSeconds || secs == elapsedSeconds && nanos > elapsedNanos) {
            elapsedSeconds = secs;
            elapsedNanos = nanos;
        }
        for (Column c : columns) {
            if (c.filter == null || c.filter.test(d)) {
                add(c, d);
            }
        }
    }

    private void add(Column c, Decoder d) {
        // tap-iostat.c's relative time: microseconds in a uint64, which wraps as a long does here
        long relSecs = d.relativeWholeSeconds();
        long relative;
        if (relSecs >= 0) {
            relative = relSecs * 1_000_000L + (d.relativeNanosOfSecond() + 500) / 1000;
            lastRelative = relative;
        } else {
            relative = lastRelative;
        }
        if (!started) {
            started = true;
            startTime = d.frame().seconds() - relSecs;
        }
        if (c.items.isEmpty()) {
            c.items.add(new Item(0));
        }
        Item it = c.items.getLast();
        long step = interval == Long.MAX_VALUE ? -1L : interval; // the whole capture: G_MAXUINT64
        while (Long.compareUnsigned(relative, it.start + step) >= 0 && it.start + step >= 0) {
            if (c.items.size() >= MAX_INTERVALS) {
                tooMany = true;
                break;
            }
            it = new Item(it.start + interval);
            c.items.add(it);
        }
        it.frames++;
        Kind k = c.field == null ? Kind.OTHER : kind(c.field);
        switch (c.calc) {
            case FRAMES, BYTES, FRAMES_AND_BYTES -> it.counter += d.frame().originalLength();
            case COUNT -> it.counter += occurrences(c, d).size();
            case SUM -> {
                Values v = occurrences(c, d);
                for (int i = 0; i < v.size(); i++) {
                    if (k == Kind.DOUBLE) {
                        it.doubleCounter += v.doubleAt(i);
                    } else {
                        it.counter += v.longAt(i);
                    }
                }
            }
            case MIN -> {
                Values v = occurrences(c, d);
                for (int i = 0; i < v.size(); i++) {
                    boolean first = it.frames == 1 && i == 0;
                    if (k == Kind.DOUBLE) {
                        if (first || v.doubleAt(i) < it.doubleCounter) {
                            it.doubleCounter = v.doubleAt(i);
                        }
                    } else if (first || less(k, v.longAt(i), it.counter)) {
                        it.counter = v.longAt(i);
                    }
                }
            }
            case MAX -> {
                Values v = occurrences(c, d);
                for (int i = 0; i < v.size(); i++) {
                    if (k == Kind.DOUBLE) {
                        if (v.doubleAt(i) > it.doubleCounter) {
                            it.doubleCounter = v.doubleAt(i);
                        }
                    } else if (less(k, it.counter, v.longAt(i))) {
                        it.counter = v.longAt(i);
                    }
                }
            }
            case AVG -> {
                Values v = occurrences(c, d);
                for (int i = 0; i < v.size(); i++) {
                    it.num++;
                    if (k == Kind.DOUBLE) {
                        it.doubleCounter += v.doubleAt(i);
                    } else {
                        it.counter += v.longAt(i);
                    }
                }
            }
            case LOAD -> {
                Values v = occurrences(c, d);
                int index = c.items.size() - 1;
                for (int i = 0; i < v.size(); i++) {
                    long ns = v.longAt(i);
                    long val = Math.floorDiv(ns, 1_000_000_000L) * 1_000_000L + Math.floorMod(ns, 1_000_000_000L) / 1000;
                    long tival = Long.remainderUnsigned(val, interval);
                    it.counter += tival;
                    val -= tival;
                    // the interval before the current one; before the first comes the last (the C list's tail pointer)
                    int p = index == 0 ? c.items.size() - 1 : index - 1;
                    while (val != 0) {
                        Item pit = c.items.get(p);
                        if (Long.compareUnsigned(val, interval) < 0) {
                            pit.counter += val;
                            break;
                        }
                        pit.counter += interval;
                        val -= interval;
                        p = p == 0 ? c.items.size() - 1 : p - 1;
                    }
                }
            }
        }
        switch (c.calc) {
            case FRAMES, FRAMES_AND_BYTES -> {
                c.maxFrame = Math.max(c.maxFrame, it.frames);
                if (c.calc == Calc.FRAMES_AND_BYTES) {
                    c.maxVal = umax(c.maxVal, it.counter);
                }
            }
            case BYTES, COUNT, LOAD -> c.maxVal = umax(c.maxVal, it.counter);
            case SUM, MIN, MAX -> c.maxVal = umax(c.maxVal, k == Kind.DOUBLE ? (long) (it.doubleCounter + 0.5) : it.counter);
            case AVG -> {
                if (it.num != 0) {
                    long v = switch (k) {
                        case DOUBLE -> (long) it.doubleCounter / it.num;
                        case TIME -> (Long.divideUnsigned(it.counter, it.num) + 500000000L) / 1000000000L;
                        default -> Long.divideUnsigned(it.counter, it.num);
                    };
                    c.maxVal = umax(c.maxVal, v);
                }
            }
        }
    }

    private static boolean less(Kind k, long a, long b) {
        return switch (k) {
            case SIGNED32 -> (int) a < (int) b;
            case SIGNED64 -> a < b;
            default -> Long.compareUnsigned(a, b) < 0;
        };
    }

    private static long umax(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private Values occurrences(Column c, Decoder d) {
        values.clear();
        if (primed == null || primed.contains(c.field.name())) {
            c.field.extractor().extract(d, values);
        }
        return values;
    }

    /** cfile.elapsed_time's whole seconds. */
    long elapsedSeconds() { return elapsedSeconds; }

    /** cfile.elapsed_time's nanoseconds past {@link #elapsedSeconds()}. */
    int elapsedNanos() { return elapsedNanos; }

    /** Whether some column needed more intervals than are kept. */
    boolean tooMany() { return tooMany; }

    long startTime() { return startTime; }

    @Override
    public void draw(Appendable out) throws IOException {
        new IoStatTable(this).draw(out);
    }
}
