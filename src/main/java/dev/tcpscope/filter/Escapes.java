package dev.tcpscope.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escapes of a double-quoted display-filter string, as Wireshark 4.0 accepts them:
 * {@code \a \b \f \n \r \t \v \\ \" \'}, {@code \x} with one or two hex digits, {@code \} with one
 * to three octal digits (at most 255), backslash-u with four and backslash-U with eight hex digits (a
 * Unicode scalar value, stored as UTF-8).
 */
final class Escapes {
    private static final String SIMPLE = "abfnrtv\\\"'";
    private static final String SIMPLE_VALUES = "\u0007\b\f\n\r\t\u000b\\\"'";

    private Escapes() {
    }

    /** Checks the escape whose backslash is at {@code at}; returns the offset just after it. */
    static int check(String s, int at) {
        return decodeOne(s, at, null);
    }

    /** The bytes a (non-raw) string body stands for; the body was checked by the lexer. */
    static byte[] decode(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\') {
                i = decodeOne(body, i, out);
            } else {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static int decodeOne(String s, int at, ByteArrayOutputStream out) {
        if (at + 1 >= s.length()) {
            throw bad(s, at, at + 1, "a lone backslash");
        }
        char e = s.charAt(at + 1);
        int simple = SIMPLE.indexOf(e);
        if (simple >= 0) {
            if (out != null) {
                out.write(SIMPLE_VALUES.charAt(simple));
            }
            return at + 2;
        }
        if (e >= '0' && e <= '7') {
            int end = digits(s, at + 1, 3, 8);
            int value = Integer.parseInt(s.substring(at + 1, end), 8);
            if (value > 0xff) {
                throw new FilterSyntaxException(s.substring(at, end) + " is larger than 255", new Span(at, end));
            }
            if (out != null) {
                out.write(value);
            }
            return end;
        }
        if (e == 'x') {
            int end = digits(s, at + 2, 2, 16);
            if (end == at + 2) {
                throw bad(s, at, at + 2, null);
            }
            if (out != null) {
                out.write(Integer.parseInt(s.substring(at + 2, end), 16));
            }
            return end;
        }
        if (e == 'u' || e == 'U') {
            int want = e == 'u' ? 4 : 8;
            int end = digits(s, at + 2, want, 16);
            long cp = end - (at + 2) == want ? Long.parseLong(s.substring(at + 2, end), 16) : -1;
            if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                throw new FilterSyntaxException(
                        s.substring(at, end) + " is not a valid universal character name", new Span(at, end));
            }
            if (out != null) {
                out.writeBytes(new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8));
            }
            return end;
        }
        throw bad(s, at, at + 1 + Character.charCount(s.codePointAt(at + 1)), null);
    }

    private static int digits(String s, int from, int max, int radix) {
        int end = from;
        while (end < s.length() && end - from < max && Character.digit(s.charAt(end), radix) >= 0 && s.charAt(end) < 0x80) {
            end++;
        }
        return end;
    }

    private static FilterSyntaxException bad(String s, int from, int to, String what) {
        String text = what != null ? what : s.substring(from, to);
        return new FilterSyntaxException(text + " is not a valid character escape sequence", new Span(from, to));
    }
}
