package dev.tcpscope.present;

import dev.tcpscope.frame.Frame;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The packet list's Time column in tshark's {@code -t} formats. Fractions are truncated, never
 * rounded, to the frame's timestamp precision, as tshark does.
 */
public final class TimeFormat {
    /** tshark's {@code -t} values. */
    public enum Kind {
        RELATIVE("r"), ABSOLUTE("a"), ABSOLUTE_DATE("ad"), DELTA("d"), DELTA_DISPLAYED("dd"),
        EPOCH("e"), UTC("u"), UTC_DATE("ud");

        final String flag;

        Kind(String flag) { this.flag = flag; }

        /** The kind for a {@code -t} argument, or null. */
        public static Kind of(String flag) {
            for (Kind k : values()) {
                if (k.flag.equals(flag)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

    private final Kind kind;
    private final ZoneId zone;
    private boolean haveFirst;
    private long firstSec, prevSec;
    private int firstNs, prevNs;
    // cache for calendar formats: the day and its text, so most frames skip java.time
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    public TimeFormat(Kind kind, ZoneId zone) {
        this.kind = kind;
        this.zone = zone;
    }

    /** Appends the Time column for {@code f}; frames must come in capture order. */
    public void append(StringBuilder sb, Frame f) {
        long sec = f.seconds();
        int ns = f.nanos();
        if (!haveFirst || referenceOnly) {
            if (!haveFirst) {
                firstSec = sec;
                firstNs = ns;
            }
            haveFirst = true;
            referenceOnly = false;
            prevSec = sec;
            prevNs = ns;
        }
        int digits = f.timestampDigits();
        switch (kind) {
            case RELATIVE -> appendSigned(sb, sec - firstSec, ns - firstNs, digits);
            case DELTA, DELTA_DISPLAYED -> appendSigned(sb, sec - prevSec, ns - prevNs, digits);
            case EPOCH -> appendSigned(sb, sec, ns, digits);
            case ABSOLUTE, ABSOLUTE_DATE -> appendClock(sb, sec, ns, digits, kind == Kind.ABSOLUTE_DATE, zone);
            case UTC, UTC_DATE -> appendClock(sb, sec, ns, digits, kind == Kind.UTC_DATE, ZoneOffset.UTC);
        }
        prevSec = sec;
        prevNs = ns;
    }

    /**
     * Notes a frame that a display filter hides: it still starts the relative times and is the
     * "previous captured frame" of {@code d}, but not the previous displayed one of {@code dd}.
     */
    public void skip(Frame f) {
        if (kind == Kind.DELTA_DISPLAYED) {
            return; // the first displayed frame shows 0, the next ones the gap to it
        }
        if (!haveFirst) {
            start(f);
        } else {
            prevSec = f.seconds();
            prevNs = f.nanos();
        }
    }

    /** Makes {@code f} the first frame: the reference of relative times and the previous one of deltas. */
    private void start(Frame f) {
        haveFirst = true;
        firstSec = f.seconds();
        firstNs = f.nanos();
        prevSec = f.seconds();
        prevNs = f.nanos();
    }

    /**
     * Notes the first frame of the file when {@code -2 -R} dropped it: tshark's first pass makes
     * the first frame it reads the time reference whether or not the read filter keeps it, so
     * {@code -t r} counts from it; the deltas count between kept frames only.
     */
    public void reference(Frame f) {
        if (!haveFirst) {
            start(f);
            referenceOnly = true;
        }
    }

    /** True while the reference came from a dropped frame: the first kept frame still starts the deltas. */
    private boolean referenceOnly;

    /** Appends {@code sec + ns·10⁻⁹} (each part may be negative) as [-]S.FFF with {@code digits} fraction digits. */
    static void appendSigned(StringBuilder sb, long sec, long ns, int digits) {
        if (sec > 0 && ns < 0) {
            sec--;
            ns += 1_000_000_000;
        } else if (sec < 0 && ns > 0) {
            sec++;
            ns -= 1_000_000_000;
        }
        if (sec < 0 || ns < 0) {
            sb.append('-');
            sec = -sec;
            ns = -ns;
        }
        sb.append(sec);
        appendFraction(sb, (int) ns, digits);
    }

    private static void appendFraction(StringBuilder sb, int ns, int digits) {
        if (digits <= 0) {
            return;
        }
        sb.append('.');
        int v = ns / POW10[9 - digits];
        // the zeros a number of fewer digits needs in front, then the number: one division, not a
        // division by a variable power of ten per digit (a tenth of the list's time column)
        int len = 0;
        while (len < digits && v >= POW10[len]) {
            len++;
        }
        for (int i = Math.max(len, 1); i < digits; i++) {
            sb.append('0');
        }
        sb.append(v);
    }

    private void appendClock(StringBuilder sb, long sec, int ns, int digits, boolean date, ZoneId z) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofInstant(Instant.ofEpochSecond(sec, ns), z);
        } catch (java.time.DateTimeException e) {
            return; // beyond any calendar (a pcapng if_tsoffset of 2^63-1): tshark leaves the column blank
        }
        if (date) {
            long day = t.toLocalDate().toEpochDay();
            if (day != cachedDay) {
                cachedDay = day;
                java.time.LocalDate d = t.toLocalDate();
                // yyyy-mm-dd as tshark's %04d-%02d-%02d: no '+' before a year past 9999
                cachedDate = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d ", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            }
            sb.append(cachedDate);
        }
        two(sb, t.getHour());
        sb.append(':');
        two(sb, t.getMinute());
        sb.append(':');
        two(sb, t.getSecond());
        appendFraction(sb, ns, digits);
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
