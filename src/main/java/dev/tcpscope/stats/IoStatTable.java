package dev.tcpscope.stats;

import dev.tcpscope.present.TimeFormat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The io,stat table as ui/cli/tap-iostat.c's {@code iostat_draw} lays it out: the border as wide
 * as the widest of the duration line, the interval column, the value columns and the filters
 * (wrapped at 102 characters); each column as wide as its largest value; the labels centred; the
 * last interval ending at the capture's duration ("Dur" with whole-second intervals).
 */
final class IoStatTable {
    private static final long US = 1_000_000L;
    private final IoStat io;
    private final StringBuilder sb = new StringBuilder(4096);

    IoStatTable(IoStat io) {
        this.io = io;
    }

    private static int magnitude(long val, int maxW) {
        int mag = 0;
        for (int i = 0; i < maxW; i++) {
            mag++;
            val = Long.divideUnsigned(val, 10);
            if (val == 0) {
                break;
            }
        }
        return mag;
    }

    /** &spaces[from] of a borderlen-long string of spaces. */
    private static String spaces(int borderlen, int from) {
        return " ".repeat(Math.max(0, borderlen - from));
    }

    private void printcenter(String label, int lenval, int numpad) {
        int lenlab = label.length();
        int len = 6 - (((lenval - lenlab) / 2) + numpad);
        if (len > 0 && len < 6) {
            String sp = " ".repeat(6 - len);
            if ((lenval - lenlab) % 2 == 0) {
                sb.append(sp).append(label).append(sp).append('|');
            } else {
                sb.append(" ".repeat(6 - len + 1)).append(label).append(sp).append('|');
            }
        } else if (len > 0 && len <= 15) {
            sb.append(label).append('|');
        }
    }

    /** A C {@code (unsigned int)} cast. */
    private static long uint(long v) {
        return v & 0xFFFF_FFFFL;
    }

    /** iostat_draw's num_rows: whole intervals in the duration (an unsigned int), one more for a part. */
    private static long rows(long duration, long interval) {
        if (interval == 0 || duration == 0) {
            return 0;
        }
        return uint(Long.divideUnsigned(duration, interval)) + ((int) Long.remainderUnsigned(duration, interval) != 0 ? 1 : 0);
    }

    /** An interval of microseconds as seconds, for a message. */
    private static String seconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    private static String u(long v, int width) {
        String s = Long.toUnsignedString(v);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String zpad(long v, int width) {
        String s = Long.toUnsignedString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    void draw(Appendable out) throws IOException {
        List<IoStat.Column> cols = io.columns;
        int n = cols.size();
        int[] fr = new int[n];
        int[] val = new int[n];
        // tap-iostat.c's uint64 microseconds and unsigned ints, which wrap as they do there
        long duration = io.elapsedSeconds() * US + (io.elapsedNanos() + 500) / 1000;
        long interval;
        boolean whole = io.interval == Long.MAX_VALUE;
        if (whole || Long.compareUnsigned(io.interval, duration) > 0) {
            interval = duration;
            whole = true;
        } else {
            interval = io.interval;
        }
        long numRows = rows(duration, interval);
        if (io.tooMany() || numRows > IoStat.MAX_INTERVALS) {
            throw new TapArgumentException(String.format(
                    "tcpscope: -z io,stat: %d s of capture make more than %d intervals of %s s; give a longer interval",
                    io.elapsedSeconds(), IoStat.MAX_INTERVALS, seconds(interval)), 1);
        }
        long durSecsOrig = uint(Long.divideUnsigned(duration, US));
        int durNsecsOrig = (int) Long.remainderUnsigned(duration, US);
        long durSecs = durSecsOrig;
        int durNsecs = durNsecsOrig;
        int durMag = magnitude(durSecs, 5);
        int invlMag = magnitude(Long.divideUnsigned(interval, US), 5);
        int prec;
        int borderlen;
        if (interval == duration) {
            prec = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
            borderlen = 30 + durMag + (prec + 1);
        } else {
            prec = io.precision;
            borderlen = 25 + Math.max(invlMag, durMag) + (prec == 0 ? 0 : prec + 1);
        }
        long dv = US;
        for (int i = 0; i < prec; i++) {
            dv /= 10;
        }
        if (Long.remainderUnsigned(duration, dv) > 5 * (dv / 10)) {
            duration += 5 * (dv / 10);
            duration = Long.divideUnsigned(duration, dv) * dv;
            durSecs = uint(Long.divideUnsigned(duration, US));
            durNsecs = (int) Long.remainderUnsigned(duration, US);
            durMag = magnitude(durSecs, 5);
        }
        if (whole) {
            interval = duration;
        }
        int invlColW = prec == 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
        boolean dated = io.time == TimeFormat.Kind.ABSOLUTE_DATE || io.time == TimeFormat.Kind.UTC_DATE;
        invlColW = Math.max(invlColW, dated ? 23 : 12);
        borderlen = Math.max(borderlen, invlColW);

        int tabrowW = invlColW;
        String[] labels = new String[n];
        IoStat.Kind[] kinds = new IoStat.Kind[n];
        for (int j = 0; j < n; j++) {
            IoStat.Column c = cols.get(j);
            IoStat.Calc type = c.calc;
            kinds[j] = c.field == null ? IoStat.Kind.OTHER : IoStat.kind(c.field);
            int namelen = type == IoStat.Calc.FRAMES_AND_BYTES ? 5 : name(type).length();
            if (type == IoStat.Calc.FRAMES || type == IoStat.Calc.FRAMES_AND_BYTES) {
                fr[j] = Math.max(6, magnitude(c.maxFrame, 15));
                tabrowW += fr[j] + 3;
                if (type == IoStat.Calc.FRAMES_AND_BYTES) {
                    val[j] = Math.max(5, magnitude(c.maxVal, 15));
                    tabrowW += val[j] + 3;
                }
                continue;
            }
            switch (type) {
                case BYTES, COUNT -> val[j] = Math.max(5, magnitude(c.maxVal, 15));
                default -> {
                    switch (kinds[j]) {
                        case DOUBLE -> {
                            labels[j] = "f";
                            val[j] = magnitude(c.maxVal, 15) + 7;
                        }
                        case TIME -> {
                            if (type == IoStat.Calc.LOAD) {
                                c.maxVal = Long.divideUnsigned(c.maxVal, interval == 0 ? 1 : interval);
                            } else if (type != IoStat.Calc.AVG) {
                                c.maxVal = (c.maxVal + 500000000L) / 1000000000L;
                            }
                            val[j] = magnitude(c.maxVal, 15) + 7;
                        }
                        default -> val[j] = Math.max(namelen, magnitude(c.maxVal, 15));
                    }
                }
            }
            tabrowW += val[j] + 3;
        }
        borderlen = Math.max(borderlen, tabrowW);
        int maxfltrW = 0;
        for (IoStat.Column c : cols) {
            maxfltrW = Math.max(maxfltrW, c.text != null ? c.text.length() + 11 : 26);
        }
        if (maxfltrW > borderlen && borderlen < 102) {
            borderlen = Math.min(maxfltrW, 102);
        }
        if (borderlen - tabrowW == 1) {
            borderlen++;
        }

        sb.append('\n').append("=".repeat(borderlen));
        sb.append("\n| IO Statistics").append(spaces(borderlen, 16)).append("|\n");
        sb.append('|').append(spaces(borderlen, 2)).append("|\n");
        if (prec == 0) {
            sb.append("| Duration: ").append(u(durSecsOrig, durMag)).append('.').append(u(durNsecsOrig, 6))
                    .append(" secs").append(spaces(borderlen, 25 + durMag)).append("|\n");
            sb.append("| Interval: ").append(u(uint(Long.divideUnsigned(interval, US)), durMag)).append(" secs")
                    .append(spaces(borderlen, 18 + durMag)).append("|\n");
        } else {
            sb.append("| Duration: ").append(u(durSecs, durMag)).append('.').append(zpad(durNsecs / dv, prec))
                    .append(" secs").append(spaces(borderlen, 19 + durMag + prec)).append("|\n");
            sb.append("| Interval: ").append(u(uint(Long.divideUnsigned(interval, US)), durMag)).append('.').append(zpad(Long.remainderUnsigned(interval, US) / dv, prec))
                    .append(" secs").append(spaces(borderlen, 19 + durMag + prec)).append("|\n");
        }
        sb.append('|').append(spaces(borderlen, 2)).append("|\n");
        sb.append("| Col");
        for (int j = 0; j < n; j++) {
            sb.append(j == 0 ? "" : "|    ").append(u(j + 1, 2)).append(": ");
            String filter = cols.get(j).text;
            if (filter == null) {
                sb.append("Frames and bytes").append(spaces(borderlen, 26)).append("|\n");
            } else if (filter.length() + 11 <= borderlen) {
                sb.append(filter).append(spaces(borderlen, filter.length() + 10)).append("|\n");
            } else {
                int maxW = borderlen - 11;
                while (true) {
                    if (filter.length() > maxW) {
                        String s1 = filter.substring(0, maxW);
                        int pos = s1.lastIndexOf(' ');
                        int len = pos >= 0 ? pos : s1.length();
                        int next = pos >= 0 ? len + 1 : len;
                        sb.append(s1, 0, len).append(spaces(borderlen, len + 10)).append("|\n");
                        sb.append("|        ");
                        filter = filter.substring(next);
                    } else {
                        sb.append(filter).append(spaces(borderlen, filter.length() + 10)).append("|\n");
                        break;
                    }
                }
            }
        }
        sb.append("|-").append("-".repeat(Math.max(0, borderlen - 3))).append("|\n");
        sb.append('|').append(spaces(borderlen, borderlen - (invlColW - 2))).append('|');
        for (int j = 0; j < n; j++) {
            IoStat.Calc type = cols.get(j).calc;
            String sp;
            if (type == IoStat.Calc.FRAMES_AND_BYTES) {
                sp = spaces(borderlen, borderlen - (fr[j] + val[j]) - 3);
            } else if (type == IoStat.Calc.FRAMES) {
                sp = spaces(borderlen, borderlen - fr[j]);
            } else {
                sp = spaces(borderlen, borderlen - val[j]);
            }
            String num = Integer.toString(j + 1);
            sb.append(num).append(num.length() < 2 ? " " : "").append(sp).append('|');
        }
        String filler = null;
        if (tabrowW < borderlen) {
            filler = spaces(borderlen, tabrowW + 1);
            sb.append(filler).append('|');
        }
        int k = 11;
        switch (io.time) {
            case ABSOLUTE -> sb.append("\n| Time    ");
            case ABSOLUTE_DATE, UTC_DATE -> {
                sb.append("\n| Date and time");
                k = 16;
            }
            case RELATIVE -> sb.append("\n| Interval");
            default -> { } // tshark prints no label (nor line break) for -t u
        }
        sb.append(spaces(borderlen, borderlen - (invlColW - k))).append('|');
        for (int j = 0; j < n; j++) {
            IoStat.Calc type = cols.get(j).calc;
            if (type == IoStat.Calc.FRAMES) {
                printcenter("FRAMES", fr[j], 1);
            } else if (type == IoStat.Calc.FRAMES_AND_BYTES) {
                printcenter("Frames", fr[j], 1);
                printcenter("Bytes", val[j], 1);
            } else {
                printcenter(name(type), val[j], 1);
            }
        }
        if (filler != null) {
            sb.append(filler).append('|');
        }
        sb.append("\n|-").append("-".repeat(Math.max(0, tabrowW - 3))).append('|');
        if (tabrowW < borderlen) {
            sb.append(spaces(borderlen, tabrowW + 1)).append('|');
        }
        sb.append('\n');
        out.append(sb);
        sb.setLength(0);

        numRows = rows(duration, interval);
        int[] at = new int[n];
        long t = 0;
        for (long i = 0; i < numRows; i++) {
            boolean last = i == numRows - 1;
            long end = last ? duration : t + interval;
            rowTime(t, end, last, prec, durMag, dv);
            for (int j = 0; j < n; j++) {
                IoStat.Column c = cols.get(j);
                IoStat.Item item = at[j] < c.items.size() ? c.items.get(at[j]) : null;
                cell(c, kinds[j], item, fr[j], val[j], last, interval, end - t);
                if (item != null && !last) {
                    at[j]++;
                }
            }
            if (filler != null) {
                sb.append(filler).append('|');
            }
            sb.append('\n');
            t += interval;
            if (sb.length() > 1 << 15) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        sb.append("=".repeat(borderlen)).append('\n');
        out.append(sb);
        sb.setLength(0);
    }

    private static String name(IoStat.Calc c) {
        return switch (c) {
            case FRAMES -> "FRAMES";
            case BYTES -> "BYTES";
            case FRAMES_AND_BYTES -> "FRAMES BYTES";
            case COUNT -> "COUNT";
            case SUM -> "SUM";
            case MIN -> "MIN";
            case MAX -> "MAX";
            case AVG -> "AVG";
            case LOAD -> "LOAD";
        };
    }

    private void rowTime(long t, long end, boolean last, int prec, int durMag, long dv) {
        if (io.time != TimeFormat.Kind.RELATIVE) {
            long theTime = io.startTime() + Long.divideUnsigned(t, US);
            ZonedDateTime z = Instant.ofEpochSecond(theTime).atZone(
                    io.time == TimeFormat.Kind.UTC || io.time == TimeFormat.Kind.UTC_DATE ? ZoneOffset.UTC : io.zone);
            if (io.time == TimeFormat.Kind.ABSOLUTE || io.time == TimeFormat.Kind.UTC) {
                sb.append(String.format("| %02d:%02d:%02d |", z.getHour(), z.getMinute(), z.getSecond()));
            } else {
                sb.append(String.format("| %04d-%02d-%02d %02d:%02d:%02d |", z.getYear(), z.getMonthValue(),
                        z.getDayOfMonth(), z.getHour(), z.getMinute(), z.getSecond()));
            }
            return;
        }
        if (prec == 0) {
            sb.append(durMag == 1 ? "|  " : "| ").append(u(uint(Long.divideUnsigned(t, US)), durMag)).append(" <> ");
            if (last) {
                int maxw = durMag >= 3 ? durMag + 1 : 3;
                sb.append(String.format("%-" + maxw + "s|", "Dur"));
            } else {
                sb.append(u(uint(Long.divideUnsigned(end, US)), durMag)).append(durMag == 1 ? "  |" : " |");
            }
        } else {
            sb.append("| ").append(u(uint(Long.divideUnsigned(t, US)), durMag)).append('.').append(zpad(Long.remainderUnsigned(t, US) / dv, prec)).append(" <> ")
                    .append(u(uint(Long.divideUnsigned(end, US)), durMag)).append('.').append(zpad(Long.remainderUnsigned(end, US) / dv, prec)).append(" |");
        }
    }

    private void cell(IoStat.Column c, IoStat.Kind kind, IoStat.Item item, int frW, int valW, boolean last,
                      long interval, long span) {
        long frames = item == null ? 0 : item.frames;
        long counter = item == null ? 0 : item.counter;
        double dbl = item == null ? 0 : item.doubleCounter;
        switch (c.calc) {
            case FRAMES -> sb.append(' ').append(u(frames, frW)).append(" |");
            case BYTES, COUNT -> sb.append(' ').append(u(counter, valW)).append(" |");
            case FRAMES_AND_BYTES -> sb.append(' ').append(u(frames, frW)).append(" | ").append(u(counter, valW)).append(" |");
            case SUM, MIN, MAX -> value(kind, counter, dbl, valW, false, 1);
            case AVG -> {
                long num = item == null || item.num == 0 ? 1 : item.num;
                if (item == null) {
                    value(kind, 0, 0, valW, false, 1);
                } else {
                    value(kind, counter, dbl, valW, true, num);
                }
            }
            case LOAD -> {
                if (item == null) {
                    sb.append(' ').append(u(0, valW - 7)).append(".000000 |");
                } else {
                    long d = last ? span : interval;
                    if (d == 0) {
                        d = 1;
                    }
                    sb.append(' ').append(u((int) Long.divideUnsigned(counter, d), valW - 7)).append('.')
                            .append(zpad((int) (Long.remainderUnsigned(counter, d) * US / d), 6)).append(" |");
                }
            }
        }
    }

    private void value(IoStat.Kind kind, long counter, double dbl, int valW, boolean average, long num) {
        switch (kind) {
            case DOUBLE -> {
                String s = Cfmt.fixed(average ? dbl / num : dbl, 6);
                int w = valW - 7; // tshark's width is the integer part's magnitude, so wider values push the border
                sb.append(' ').append(s.length() >= w ? s : " ".repeat(w - s.length()) + s).append(" |");
            }
            case TIME -> {
                long us = average ? (Long.divideUnsigned(counter, num) + 500) / 1000 : (counter + 500) / 1000;
                sb.append(' ').append(u((int) (us / US), valW - 7)).append('.').append(zpad((int) (us % US), 6)).append(" |");
            }
            case SIGNED32, SIGNED64 -> {
                long v = average ? counter / num : counter;
                String s = Long.toString(v);
                sb.append(' ').append(s.length() >= valW ? s : " ".repeat(valW - s.length()) + s).append(" |");
            }
            default -> sb.append(' ').append(u(average ? Long.divideUnsigned(counter, num) : counter, valW)).append(" |");
        }
    }
}
