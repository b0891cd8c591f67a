package dev.tcpscope.filter;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A display-filter value for an absolute time field ({@code frame.time >= "2009-01-01"}), read
 * as Wireshark 4.0's {@code absolute_val_from_string} (epan/ftypes/ftype-time.c) reads it: first
 * as ISO 8601 ({@code iso8601_to_nstime} of wsutil/nstime.c, extended format: {@code
 * YYYY-MM-DD}, {@code T} or a space, {@code hh:mm[:ss[.frac|,frac]]} and an optional {@code Z} or
 * {@code ±hh[[:]mm]}), then in the legacy forms {@code "Nov 12, 1999 08:55:44.123"} and {@code
 * YYYY-MM-DD[ hh[:mm[:ss[.frac]]]]} with an optional {@code UTC} at the end. Without an offset or
 * {@code UTC} the time is local. Fields out of range are normalised as mktime does (February 30
 * is March 2) where Wireshark lets them through, and refused where it does not.
 */
final class AbsoluteTime {
    private AbsoluteTime() { }

    static final String EXAMPLE = "Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** Why a text is not a time, in tshark's words. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Nanoseconds since the epoch of {@code s}, local times in {@code zone}. */
    static long parse(String s, ZoneId zone) throws Invalid {
        Long iso = iso8601(s, zone);
        if (iso != null) {
            return iso;
        }
        return legacy(s, zone);
    }

    /** The fields of C's struct tm this parser fills (month 1-based here). */
    private static final class Tm {
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
    }

    /** A cursor over the text, with sscanf's and strptime's number readers. */
    private static final class Cursor {
        final String s;
        int p;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return p < s.length() ? s.charAt(p) : '\0';
        }

        boolean digit() {
            return p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9';
        }

        /** Up to {@code max} digits, at least one; -1 if none. */
        int digits(int max) {
            int v = 0;
            int n = 0;
            while (n < max && digit()) {
                v = v * 10 + (s.charAt(p++) - '0');
                n++;
            }
            return n == 0 ? -1 : v;
        }

        /** glibc strptime's get_number: spaces, then up to {@code max} digits within [lo, hi]. */
        int number(int max, int lo, int hi) {
            while (peek() == ' ') {
                p++;
            }
            int v = digits(max);
            return v < lo || v > hi ? -1 : v;
        }

        boolean accept(char c) {
            if (peek() == c) {
                p++;
                return true;
            }
            return false;
        }
    }

    private static Long iso8601(String s, ZoneId zone) {
        Cursor c = new Cursor(s);
        Tm tm = new Tm();
        for (int i = 0; i < 4; i++) {
            if (!c.digit()) {
                return null;
            }
            tm.year = tm.year * 10 + (s.charAt(c.p++) - '0');
        }
        if (!c.accept('-')) {
            return null; // ISO8601_DATETIME: the extended format only
        }
        tm.month = c.digits(2);
        if (tm.month < 0 || !c.accept('-')) {
            return null;
        }
        tm.day = c.digits(2);
        if (tm.day < 0 || !(c.accept('T') || c.accept(' '))) {
            return null;
        }
        tm.hour = c.digits(2);
        if (tm.hour < 0 || !c.accept(':')) {
            return null;
        }
        tm.minute = c.digits(2);
        if (tm.minute < 0) {
            return null;
        }
        long nanos = 0;
        if (c.accept(':')) {
            tm.second = c.digits(2);
            if (tm.second < 0) {
                return null;
            }
            if (c.accept('.') || c.accept(',')) {
                int start = c.p;
                long frac = 0;
                while (c.digit()) {
                    frac = Math.min(frac * 10 + (s.charAt(c.p++) - '0'), 1L << 40);
                }
                int n = c.p - start;
                if (n > 0 && frac > 0 && frac < 1_000_000_000L) {
                    nanos = n <= 8 ? frac * POW10[9 - n] : frac;
                }
            }
        }
        if (!valid(tm)) {
            return null;
        }
        boolean hasOffset = false;
        long east = 0; // seconds east of UTC
        if (c.accept('Z')) {
            hasOffset = true;
        } else if (c.peek() == '+' || c.peek() == '-') {
            int sign = c.peek() == '-' ? -1 : 1;
            int mark = c.p++;
            int hours = c.digits(2);
            if (hours < 0) {
                c.p = mark; // no offset after all: the text does not end here, so it is refused
            } else {
                hasOffset = true;
                int before = c.p;
                boolean colon = c.accept(':');
                int minutes = c.digits(2);
                if (minutes < 0) {
                    minutes = 0;
                    if (colon) {
                        c.p = before;
                    }
                }
                east = sign * (hours * 3600L + minutes * 60L);
            }
        }
        if (c.p != s.length()) {
            return null;
        }
        long secs = hasOffset ? seconds(tm, ZoneOffset.UTC) - east : seconds(tm, zone);
        return secs * 1_000_000_000L + nanos;
    }

    private static long legacy(String s, ZoneId zone) throws Invalid {
        Invalid bad = new Invalid("\"" + s + "\" is not a valid absolute time. " + EXAMPLE);
        if (s.length() < "2000-1-1".length()) {
            throw bad;
        }
        Tm tm = new Tm();
        Cursor c = null;
        boolean hasSeconds = true;
        int month = s.length() > 3 && s.charAt(3) == ' ' ? month(s) : -1;
        if (month >= 0) {
            Cursor m = new Cursor(s);
            m.p = 4;
            tm.month = month + 1;
            if (named(m, tm)) {
                c = m;
            }
        }
        if (c == null) {
            for (int fields = 6; fields >= 3 && c == null; fields--) {
                Cursor d = new Cursor(s);
                if (numeric(d, tm, fields)) {
                    c = d;
                    hasSeconds = fields == 6;
                }
            }
            if (c == null) {
                throw bad;
            }
        }
        long nanos = 0;
        if (c.accept('.')) {
            if (!hasSeconds) {
                throw new Invalid("Subsecond precision requires a seconds field.");
            }
            if (!c.digit()) {
                throw new Invalid("Subseconds value is not a number.");
            }
            int start = c.p;
            while (c.digit()) {
                c.p++;
            }
            nanos = subseconds(s.substring(start, c.p));
            if (nanos < 0) {
                throw new Invalid("Subseconds value is invalid.");
            }
        }
        while (Character.isWhitespace(c.peek()) && c.p < s.length()) {
            c.p++;
        }
        String rest = s.substring(c.p);
        if (rest.equals("UTC")) {
            return seconds(tm, ZoneOffset.UTC) * 1_000_000_000L + nanos;
        }
        if (!rest.isEmpty()) {
            throw new Invalid("Unexpected data after time value.");
        }
        return seconds(tm, zone) * 1_000_000_000L + nanos;
    }

    /** strptime(s + 4, "%d, %Y %H:%M:%S"). */
    private static boolean named(Cursor c, Tm tm) {
        tm.day = c.number(2, 1, 31);
        if (tm.day < 0 || !c.accept(',')) {
            return false;
        }
        skipSpaces(c);
        tm.year = c.number(4, 0, 9999);
        if (tm.year < 0) {
            return false;
        }
        skipSpaces(c);
        return time(c, tm, 3);
    }

    /** strptime(s, "%Y-%m-%d %H:%M:%S") and its shorter forms: {@code fields} of the six. */
    private static boolean numeric(Cursor c, Tm tm, int fields) {
        tm.year = c.number(4, 0, 9999);
        if (tm.year < 0 || !c.accept('-')) {
            return false;
        }
        tm.month = c.number(2, 1, 12);
        if (tm.month < 0 || !c.accept('-')) {
            return false;
        }
        tm.day = c.number(2, 1, 31);
        if (tm.day < 0) {
            return false;
        }
        tm.hour = tm.minute = tm.second = 0;
        if (fields == 3) {
            return true;
        }
        skipSpaces(c);
        return time(c, tm, fields - 3);
    }

    /** "%H", "%H:%M" or "%H:%M:%S". */
    private static boolean time(Cursor c, Tm tm, int fields) {
        tm.hour = c.number(2, 0, 23);
        if (tm.hour < 0) {
            return false;
        }
        if (fields >= 2) {
            if (!c.accept(':')) {
                return false;
            }
            tm.minute = c.number(2, 0, 59);
            if (tm.minute < 0) {
                return false;
            }
        }
        if (fields == 3) {
            if (!c.accept(':')) {
                return false;
            }
            tm.second = c.number(2, 0, 61);
            return tm.second >= 0;
        }
        return true;
    }

    private static void skipSpaces(Cursor c) {
        while (Character.isWhitespace(c.peek()) && c.p < c.s.length()) {
            c.p++;
        }
    }

    private static int month(String s) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (s.regionMatches(true, 0, MONTHS[i], 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    /** get_nsecs: the digits as a fraction of a second; -1 when a non-zero digit lies below a nanosecond. */
    private static long subseconds(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (i >= 9) {
                if (d != 0) {
                    return -1;
                }
                continue;
            }
            v += d * POW10[8 - i];
        }
        return v;
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** wsutil's tm_is_valid, with its leap-year test on the year minus 1900. */
    private static boolean valid(Tm tm) {
        if (tm.month < 1 || tm.month > 12) {
            return false;
        }
        int y = tm.year - 1900;
        boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        int days = tm.month == 2 && leap ? 29 : DAYS_IN_MONTH[tm.month - 1];
        return tm.day >= 0 && tm.day <= days && tm.hour <= 23 && tm.minute <= 59 && tm.second <= 60;
    }

    /** mktime (local) or timegm (with an offset): out-of-range fields carry over as in C. */
    private static long seconds(Tm tm, ZoneId zone) {
        LocalDateTime t = LocalDate.of(tm.year, 1, 1).plusMonths(tm.month - 1).plusDays(tm.day - 1L)
                .atStartOfDay().plusHours(tm.hour).plusMinutes(tm.minute).plusSeconds(tm.second);
        return ZonedDateTime.ofLocal(t, zone, null).toEpochSecond();
    }
}
