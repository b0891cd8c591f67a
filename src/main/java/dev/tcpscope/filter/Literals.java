package dev.tcpscope.filter;

import dev.tcpscope.filter.Typed.Const;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a literal into a constant of the type it is compared with, as Wireshark
 * 4.0's {@code val_from_literal}, {@code val_from_string} and {@code val_from_charconst} do
 * ({@code epan/ftypes/ftype-*.c}), with their error messages. Host names are not resolved.
 */
final class Literals {
    private Literals() { }

    /** Thrown with tshark's message; the checker adds the span. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** An unquoted literal ({@code 80}, {@code 10.0.0.0/8}, {@code aa:bb}) as a value of {@code t}. */
    static Const literal(FType t, String s, boolean partial) throws Bad {
        return switch (t) {
            case BOOLEAN -> {
                if (s.equals("True") || s.equals("TRUE")) {
                    yield Const.ofLong(t, 1);
                }
                if (s.equals("False") || s.equals("FALSE")) {
                    yield Const.ofLong(t, 0);
                }
                yield Const.ofLong(t, unsigned(s, -1L));
            }
            case UINT8, UINT16, UINT24, UINT32, UINT64, FRAMENUM -> Const.ofLong(t, unsigned(s, t.maxUnsigned()));
            case INT8, INT16, INT32, INT64 -> Const.ofLong(t, signed(s, t));
            case DOUBLE -> {
                try {
                    yield new Const(t, 0, Double.parseDouble(s), null, null, 0);
                } catch (NumberFormatException e) {
                    throw new Bad("\"" + s + "\" is not a valid floating-point number.");
                }
            }
            case RELTIME -> Const.ofLong(t, relativeTime(s));
            case ABSTIME -> Const.ofLong(t, absoluteTime(s));
            case IPV4 -> ipv4(s);
            case IPV6 -> ipv6(s);
            case ETHER -> {
                byte[] b = DOTTED_MAC.matcher(s).matches() ? bytesOrNull(s.replace(".", "")) : bytesOrNull(s);
                if (b == null) {
                    throw new Bad("\"" + s + "\" is not a valid Ethernet address.");
                }
                if (b.length > 6) {
                    throw new Bad("\"" + s + "\" contains too many bytes to be a valid Ethernet address.");
                }
                if (b.length < 6 && !partial) {
                    throw new Bad("\"" + s + "\" contains too few bytes to be a valid Ethernet address.");
                }
                yield Const.ofBytes(t, b);
            }
            case BYTES, PROTOCOL -> {
                byte[] b = bytesOrNull(s);
                if (b == null) {
                    throw new Bad("\"" + (s.startsWith(":") ? s.substring(1) : s) + "\" is not a valid byte string.");
                }
                yield Const.ofBytes(t, b);
            }
            case STRING -> new Const(t, 0, 0, s.getBytes(StandardCharsets.UTF_8), s, 0);
            case NONE -> throw new Bad("\"" + s + "\" cannot be converted to " + t.pretty + ".");
        };
    }

    private static final Pattern DOTTED_MAC = Pattern.compile("\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}");

    /**
     * A double-quoted string's bytes as a value of {@code t}; null when {@code t} takes no
     * strings (val_from_string is NULL), or a {@link Bad} when it takes them but not this one.
     */
    static Const string(FType t, byte[] value) throws Bad {
        return switch (t) {
            case STRING -> new Const(t, 0, 0, value, new String(value, StandardCharsets.ISO_8859_1), 0);
            case BYTES, PROTOCOL -> Const.ofBytes(t, value);
            case ABSTIME -> Const.ofLong(t, absoluteTime(new String(value, StandardCharsets.ISO_8859_1)));
            default -> null;
        };
    }

    /** A character constant's code as a value of {@code t}. */
    static Const charConst(FType t, long c) throws Bad {
        return switch (t) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, FRAMENUM, INT8, INT16, INT32, INT64, BOOLEAN -> Const.ofLong(t, c);
            case BYTES, PROTOCOL, STRING -> {
                if (c > 0xff) {
                    throw new Bad(c + " is too large for a byte value");
                }
                byte[] b = {(byte) c};
                yield t == FType.STRING ? new Const(t, 0, 0, b, String.valueOf((char) c), 0) : Const.ofBytes(t, b);
            }
            default -> throw new Bad("Character constant cannot be converted to " + t.pretty + ".");
        };
    }

    /** The code of a character constant's text: one character or one backslash escape. */
    static long charCode(String text) throws Bad {
        if (text.length() == 1) {
            return text.charAt(0);
        }
        if (!text.startsWith("\\")) {
            throw new Bad("'" + text + "' is too long to be a valid character constant.");
        }
        byte[] b = Escapes.decode(text);
        if (b.length != 1) {
            throw new Bad("'" + text + "' is not a valid character constant.");
        }
        return b[0] & 0xff;
    }

    // ---- numbers ---------------------------------------------------------------------------

    /** C's strtoul(s, 0) with 4.0's 0b prefix: decimal, 0x hex, 0 octal, 0b binary. */
    private static BigInteger cNumber(String s) throws Bad {
        String body = s;
        boolean negative = false;
        if (body.startsWith("-") || body.startsWith("+")) {
            negative = body.startsWith("-");
            body = body.substring(1);
        }
        if (body.equalsIgnoreCase("0b") && body.equals(s)) {
            return BigInteger.ZERO; // binary_strtoul: no digits after 0b is 0, and nothing is left over
        }
        int radix = 10;
        if (body.length() > 2 && (body.startsWith("0x") || body.startsWith("0X"))) {
            radix = 16;
            body = body.substring(2);
        } else if (body.length() > 2 && (body.startsWith("0b") || body.startsWith("0B"))) {
            radix = 2;
            body = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            body = body.substring(1);
        }
        try {
            if (body.isEmpty() || body.startsWith("+") || body.startsWith("-")) {
                throw new NumberFormatException();
            }
            BigInteger v = new BigInteger(body, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw new Bad("\"" + s + "\" is not a valid number.");
        }
    }

    private static long unsigned(String s, long max) throws Bad {
        BigInteger v = cNumber(s);
        BigInteger ulongMax = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        if (v.signum() < 0) {
            v = v.add(BigInteger.ONE.shiftLeft(64)); // strtoul negates in unsigned arithmetic
            if (v.signum() < 0) {
                throw new Bad("\"" + s + "\" causes an integer overflow.");
            }
        }
        if (v.compareTo(ulongMax) > 0) {
            throw new Bad("\"" + s + "\" causes an integer overflow.");
        }
        if (max != -1L && v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new Bad("\"" + s + "\" too big for this field, maximum " + max + ".");
        }
        return v.longValue();
    }

    private static long signed(String s, FType t) throws Bad {
        BigInteger v = cNumber(s);
        int bits = t.wireSize * 8;
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        if (v.bitLength() > 63) {
            throw new Bad("\"" + s + "\" causes an integer " + (v.signum() < 0 ? "underflow." : "overflow."));
        }
        if (v.longValue() > max) {
            throw new Bad("\"" + s + "\" too big for this field, maximum " + max + ".");
        }
        if (v.longValue() < min) {
            throw new Bad("\"" + s + "\" too small for this field, minimum " + min + ".");
        }
        return v.longValue();
    }

    // ---- times -----------------------------------------------------------------------------

    private static final Pattern SECONDS = Pattern.compile("(-?)([0-9]*)(?:\\.([0-9]*))?");

    /**
     * Seconds with an optional fraction, as a count of nanoseconds, read as 4.0's
     * {@code relative_val_from_literal} (ftype-time.c) reads them: the seconds through strtoul
     * (beyond 64 bits it saturates at ULONG_MAX, which as a time_t is -1 s; from 2^63 it wraps),
     * the fraction as the digits after the point (a non-zero digit past the ninth is refused;
     * anything after those digits is ignored, so {@code 1.2.3} is 1.2 s). Seconds beyond what
     * nanoseconds in a long hold saturate, which keeps every comparison with a frame's time.
     */
    private static long relativeTime(String s) throws Bad {
        Bad bad = new Bad("\"" + s + "\" is not a valid time.");
        int i = 0;
        boolean negative = s.startsWith("-");
        if (negative) {
            i = 1;
        }
        long secs = 0;
        if (i >= s.length() || s.charAt(i) != '.') {
            int j = i;
            while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                j++;
            }
            if (j == i || (j < s.length() && s.charAt(j) != '.')) {
                throw bad;
            }
            BigInteger v = new BigInteger(s.substring(i, j));
            secs = v.bitLength() > 64 ? -1 : v.longValue();
            i = j;
        }
        i++; // the point, if any
        long ns = 0;
        for (int k = 0; i + k < s.length() && s.charAt(i + k) >= '0' && s.charAt(i + k) <= '9'; k++) {
            int digit = s.charAt(i + k) - '0';
            if (digit != 0) {
                if (k >= 9) {
                    throw bad;
                }
                ns += digit * POW10[8 - k];
            }
        }
        if (negative) {
            secs = -secs;
            ns = -ns;
        }
        long limit = Long.MAX_VALUE / 1_000_000_000L - 1;
        if (secs > limit) {
            return Long.MAX_VALUE;
        }
        if (secs < -limit) {
            return Long.MIN_VALUE;
        }
        return secs * 1_000_000_000L + ns;
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** A date and time as absolute_val_from_string reads it (see {@link AbsoluteTime}), local times in the JVM's zone. */
    private static long absoluteTime(String s) throws Bad {
        try {
            return AbsoluteTime.parse(s, ZoneId.systemDefault());
        } catch (AbsoluteTime.Invalid e) {
            throw new Bad(e.getMessage());
        }
    }

    // ---- addresses and bytes -----------------------------------------------------------------

    private static final Pattern DOTTED = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

    private static Const ipv4(String s) throws Bad {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        Matcher m = DOTTED.matcher(addr);
        long a = 0;
        boolean ok = m.matches();
        for (int g = 1; ok && g <= 4; g++) {
            int octet = Integer.parseInt(m.group(g));
            ok = octet <= 255;
            a = a << 8 | octet;
        }
        if (!ok) {
            throw new Bad("\"" + addr + "\" is not a valid hostname or IPv4 address.");
        }
        int prefix = 32;
        if (slash >= 0) {
            long bits = unsigned(s.substring(slash + 1), 0xffffffffL);
            if (bits > 32) {
                throw new Bad("Netmask bits in a CIDR IPv4 address should be <= 32, not " + bits);
            }
            prefix = (int) bits;
        }
        return new Const(FType.IPV4, a, 0, null, null, prefix);
    }

    private static Const ipv6(String s) throws Bad {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] b = Shape.isIpv6(addr) ? parseIpv6(addr) : null;
        if (b == null) {
            throw new Bad("\"" + addr + "\" is not a valid hostname or IPv6 address.");
        }
        int prefix = 128;
        if (slash >= 0) {
            long bits = unsigned(s.substring(slash + 1), 0xffffffffL);
            if (bits > 128) {
                throw new Bad("Prefix in a IPv6 address should be <= 128, not " + bits);
            }
            prefix = (int) bits;
        }
        return new Const(FType.IPV6, 0, 0, b, null, prefix);
    }

    /** RFC 4291 §2.2 text (already checked by {@link Shape#isIpv6}) as 16 bytes. */
    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        String[] head = gap < 0 ? text.split(":") : text.substring(0, gap).isEmpty() ? new String[0] : text.substring(0, gap).split(":");
        String[] tail = gap < 0 ? new String[0] : text.substring(gap + 2).isEmpty() ? new String[0] : text.substring(gap + 2).split(":");
        int[] groups = new int[8];
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >>> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    private static int[] groups(String[] parts) {
        int n = 0;
        int[] out = new int[8];
        for (String p : parts) {
            if (p.contains(".")) {
                Matcher m = DOTTED.matcher(p);
                if (!m.matches() || n > 6) {
                    return null;
                }
                out[n++] = Integer.parseInt(m.group(1)) << 8 | Integer.parseInt(m.group(2));
                out[n++] = Integer.parseInt(m.group(3)) << 8 | Integer.parseInt(m.group(4));
            } else {
                if (n > 7) {
                    return null;
                }
                out[n++] = Integer.parseInt(p, 16);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static final Pattern HEX_RUN = Pattern.compile("\\p{XDigit}+");
    /** RE2/J: java.util.regex recurses once per group, so a 1,000-byte value overflowed it. */
    private static final com.google.re2j.Pattern SEPARATED =
            com.google.re2j.Pattern.compile("[0-9A-Fa-f]{1,2}(?:([:.-])[0-9A-Fa-f]{1,2})*");

    /**
     * Wireshark's byte string: an optional leading colon, {@code 0xNN} for one byte, {@code 0b}
     * and eight binary digits for one byte, hex pairs without separators, or groups of one or two
     * hex digits split by one kind of separator ({@code :}, {@code .}, {@code -}).
     */
    static byte[] bytesOrNull(String literal) {
        String s = literal.startsWith(":") ? literal.substring(1) : literal;
        if (s.length() == 4 && (s.startsWith("0x") || s.startsWith("0X"))) {
            s = s.substring(2);
        }
        if (s.length() == 10 && (s.startsWith("0b") || s.startsWith("0B")) && s.substring(2).matches("[01]{8}")) {
            return new byte[] {(byte) Integer.parseInt(s.substring(2), 2)};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (HEX_RUN.matcher(s).matches()) {
            // Pairs of digits; an odd last digit is a byte of its own, as hex_str_to_bytes reads it.
            for (int i = 0; i < s.length(); i += 2) {
                out.write(Integer.parseInt(s.substring(i, Math.min(i + 2, s.length())), 16));
            }
            return out.toByteArray();
        }
        com.google.re2j.Matcher m = SEPARATED.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String sep = m.group(1);
        if (sep != null) {
            for (char c : new char[] {':', '.', '-'}) {
                if (c != sep.charAt(0) && s.indexOf(c) >= 0) {
                    return null;
                }
            }
        }
        for (String part : sep == null ? new String[] {s} : s.split(Pattern.quote(sep))) {
            out.write(Integer.parseInt(part, 16));
        }
        return out.toByteArray();
    }
}
