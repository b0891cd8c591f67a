package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Writes a field's value the way tshark's {@code -T fields} does: integers in the field's base
 * (hex padded to the field's width), times as seconds with nine decimals, addresses in their
 * usual notation, bytes as lowercase hex without separators, a value-less field as {@code 1}.
 */
public final class FieldText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FieldText() { }

    /**
     * A string as {@code tshark -T fields} writes it (epan/print.c print_escaped_csv): backspace,
     * form feed, newline, carriage return and tab as C escapes, everything else as is.
     */
    static void formatText(StringBuilder sb, CharSequence s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
    }

    /** Appends occurrence {@code i} of {@code v}, a value of {@code f}. */
    public static void append(StringBuilder sb, Field f, Values v, int i) {
        switch (f.type()) {
            case PROTOCOL -> sb.append(v.stringAt(i));
            case STRING -> formatText(sb, v.stringAt(i));
            case NONE -> {
                if (v.lengthAt(i) > 0) {
                    hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
                } else {
                    sb.append('1');
                }
            }
            case BOOLEAN -> sb.append(v.longAt(i) != 0 ? '1' : '0');
            case UINT, INT -> integer(sb, f, v.longAt(i));
            case FRAMENUM -> sb.append(v.longAt(i));
            case RELATIVE_TIME -> {
                if (v.stringAt(i) != null) {
                    sb.append(v.stringAt(i)); // beyond the calendar (Values.addTime)
                } else {
                    seconds(sb, v.longAt(i));
                }
            }
            case ABSOLUTE_TIME -> {
                if (v.stringAt(i) != null) {
                    sb.append(v.stringAt(i)); // beyond the calendar (Values.addTime)
                } else if (f.base() == Base.LOCAL_TIME) {
                    date(sb, v.longAt(i));
                } else {
                    seconds(sb, v.longAt(i));
                }
            }
            case DOUBLE -> sb.append(g(v.doubleAt(i), 15)); // FT_DOUBLE's "%.15g" (DBL_DIG)
            case IPV4 -> ipv4(sb, v.longAt(i));
            case IPV6 -> ipv6(sb, v.segmentAt(i), v.offsetAt(i));
            case ETHER -> hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i), ':');
            case BYTES -> {
                if (v.lengthAt(i) == 0) {
                    sb.append(f.base() == Base.ALLOW_ZERO ? "<none>" : "<MISSING>"); // tshark's text for an empty byte field
                } else {
                    hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
                }
            }
        }
    }

    private static void integer(StringBuilder sb, Field f, long value) {
        switch (f.base()) {
            case HEX, HEX_DEC -> {
                sb.append("0x");
                hexDigits(sb, value, Math.max(1, f.bits() / 4));
            }
            case OCT -> sb.append('0').append(Long.toOctalString(value));
            default -> {
                if (f.type() == FieldType.UINT && value < 0) {
                    sb.append(Long.toUnsignedString(value));
                } else {
                    sb.append(value);
                }
            }
        }
    }

    /** Appends {@code digits} lowercase hex digits of {@code value}. */
    public static void hexDigits(StringBuilder sb, long value, int digits) {
        for (int k = digits - 1; k >= 0; k--) {
            sb.append(HEX[(int) (value >>> (4 * k)) & 0xf]);
        }
    }

    /** Appends bytes as lowercase hex without separators. */
    public static void hex(StringBuilder sb, MemorySegment s, long off, int len) {
        for (int k = 0; k < len; k++) {
            int b = Bytes.u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
    }

    /**
     * {@code v} as C's {@code printf("%.<digits>g")} writes it: {@code digits} significant digits,
     * no trailing zeros, an exponent ("1e-05") below 1e-4 and from 10^digits on. Wireshark shows an
     * FT_FLOAT with 6 digits (FLT_DIG), an FT_DOUBLE with 15 (DBL_DIG).
     */
    public static String g(double v, int digits) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            String m = stripZeros(d.movePointLeft(exponent).toPlainString());
            int e = Math.abs(exponent);
            return m + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return stripZeros(d.toPlainString());
    }

    private static String stripZeros(String plain) {
        if (plain.indexOf('.') < 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        return plain.substring(0, plain.charAt(end - 1) == '.' ? end - 1 : end);
    }

    /** Appends bytes as lowercase hex pairs separated by {@code sep} ({@code 00:1b:21:3a:4f:5e}). */
    public static void hex(StringBuilder sb, MemorySegment s, long off, int len, char sep) {
        for (int k = 0; k < len; k++) {
            if (k > 0) {
                sb.append(sep);
            }
            int b = Bytes.u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
    }

    /**
     * Appends the 16 bytes at {@code off} as an IPv6 address in RFC 5952 §4 form: lowercase,
     * no leading zeros, the longest run of two or more zero groups (the first of equals) as
     * {@code ::}, and an IPv4-mapped address with its last 32 bits dotted (§5).
     */
    public static void ipv6(StringBuilder sb, MemorySegment s, long off) {
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) {
            g[k] = Bytes.u16(s, off + 2L * k);
        }
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        int groups = mapped ? 6 : 8;
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < groups; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int e = k;
            while (e < groups && g[e] == 0) {
                e++;
            }
            if (e - k > bestLen) {
                bestStart = k;
                bestLen = e - k;
            }
            k = e;
        }
        for (int k = 0; k < groups; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (k > 0 && k != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        if (mapped) {
            if (bestStart + bestLen != groups) {
                sb.append(':');
            }
            ipv4(sb, Bytes.u32(s, off + 12));
        }
    }

    private static final java.time.format.DateTimeFormatter DATE =
            new java.time.format.DateTimeFormatterBuilder().appendPattern("MMM ppd, ")
                    .appendValue(java.time.temporal.ChronoField.YEAR_OF_ERA, 4, 10, java.time.format.SignStyle.NORMAL)
                    .appendPattern(" HH:mm:ss").toFormatter(java.util.Locale.ROOT);

    /**
     * Appends an epoch time in nanoseconds as Wireshark's local absolute time
     * ({@code Nov 24, 2026 14:25:25.485160908 UTC}): the system time zone, nine decimals.
     */
    public static void date(StringBuilder sb, long ns) {
        if (ns == Long.MAX_VALUE || ns == Long.MIN_VALUE) {
            sb.append("Not representable"); // saturated (Decoder.epochNanos): tshark's words
            return;
        }
        long sec = Math.floorDiv(ns, 1_000_000_000L);
        long frac = Math.floorMod(ns, 1_000_000_000L);
        java.time.ZonedDateTime t = java.time.Instant.ofEpochSecond(sec).atZone(java.time.ZoneId.systemDefault());
        sb.append(DATE.format(t)).append('.');
        for (long p = 100_000_000L; p > 0; p /= 10) {
            sb.append((char) ('0' + frac / p % 10));
        }
        sb.append(' ').append(ZoneAbbreviations.at(t.getZone(), sec));
    }

    /**
     * A time beyond years 1677-2262 as Wireshark's local absolute time, from its own seconds and
     * nanoseconds; "Not representable" beyond what the calendar holds, as tshark.
     */
    public static String date(long seconds, int nanos) {
        java.time.ZonedDateTime t;
        try {
            t = java.time.Instant.ofEpochSecond(seconds, nanos).atZone(java.time.ZoneId.systemDefault());
        } catch (java.time.DateTimeException e) {
            return "Not representable";
        }
        StringBuilder sb = new StringBuilder(40).append(DATE.format(t)).append('.');
        for (long p = 100_000_000L; p > 0; p /= 10) {
            sb.append((char) ('0' + nanos / p % 10));
        }
        return sb.append(' ').append(ZoneAbbreviations.at(t.getZone(), seconds)).toString();
    }

    /** Appends nanoseconds as seconds with nine decimals, negative values with a leading minus. */
    public static void seconds(StringBuilder sb, long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        sb.append(ns / 1_000_000_000L);
        // the fraction as the last nine digits of 1fffffffff, whose leading 1 becomes the point:
        // one number conversion instead of nine divisions
        int point = sb.length();
        sb.append(ns % 1_000_000_000L + 1_000_000_000L);
        sb.setCharAt(point, '.');
    }

    /** Appends an IPv4 address held in the low 32 bits of {@code a}, dotted. */
    public static void ipv4(StringBuilder sb, long a) {
        sb.append(OCTETS[(int) (a >>> 24) & 0xff]).append('.').append(OCTETS[(int) (a >>> 16) & 0xff]).append('.')
                .append(OCTETS[(int) (a >>> 8) & 0xff]).append('.').append(OCTETS[(int) a & 0xff]);
    }

    /** "0" to "255", so that an address is four copies rather than four number conversions. */
    private static final String[] OCTETS = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = Integer.toString(i);
        }
    }
}
