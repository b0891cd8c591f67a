package dev.tcpscope.proto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers the line-oriented protocols above TCP share (SMTP, FTP, the SSH banner):
 * Wireshark's {@code tvb_find_line_end}, {@code format_text} (epan/strutil.c) and ASCII string
 * reads. Views over the frame's bytes; nothing is kept.
 */
public final class Text {
    private Text() { }

    public static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** A big-endian 32-bit unsigned value. */
    public static long u32(MemorySegment s, long off) {
        return ((long) u8(s, off) << 24) | (u8(s, off + 1) << 16) | (u8(s, off + 2) << 8) | u8(s, off + 3);
    }

    /**
     * {@code tvb_find_line_end} over {@code [off, off + len)}: the line's length without its
     * terminator (CR, LF or CRLF), {@code next[0]} the offset just past it; without a terminator
     * −1 when {@code desegment} (the caller asks for more), else the rest is the line.
     * A CR at the very end counts as a terminator only when not desegmenting.
     */
    public static int lineEnd(MemorySegment s, long off, int len, int[] next, boolean desegment) {
        for (int i = firstCrOrLf(s, off, len); i < len; i++) {
            int b = u8(s, off + i);
            if (b == '\n') {
                next[0] = i + 1;
                return i;
            }
            if (b == '\r') {
                if (i + 1 >= len) {
                    if (desegment) {
                        return -1;
                    }
                    next[0] = i + 1;
                    return i;
                }
                next[0] = u8(s, off + i + 1) == '\n' ? i + 2 : i + 1;
                return i;
            }
        }
        if (desegment) {
            return -1;
        }
        next[0] = len;
        return len;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Where the first CR or LF of {@code [off, off + len)} may be: an index at or before it (or
     * {@code len}). The HTTP and SIP heuristics scan every segment of every conversation on an
     * unknown port for a line end, and a byte at a time this was a sixth of a read's time. The
     * first {@value #HEAD} bytes go eight a step (the SWAR zero-byte test of Hacker's Delight 6-1
     * on the word XOR each terminator), where a text protocol's first line mostly ends; the rest
     * in chunks copied out and searched by {@link String#indexOf(int)}, which the JIT turns into
     * vector instructions (2-4 times faster than the word loop on a 1.4 kB segment without a line
     * end). Every {@link #lineEnd} starts with it.
     */
    public static int firstCrOrLf(MemorySegment s, long off, int len) {
        int head = len <= 2 * HEAD ? len : HEAD; // a short one all by words
        int i = 0;
        for (; i + 8 <= head; i += 8) {
            long w = s.get(WORD, off + i);
            long cr = w ^ 0x0d0d0d0d0d0d0d0dL;
            long lf = w ^ 0x0a0a0a0a0a0a0a0aL;
            if (((((cr - ONES) & ~cr) | ((lf - ONES) & ~lf)) & HIGHS) != 0) {
                return i; // a terminator is in these eight bytes (the test may also flag bytes after it)
            }
        }
        if (head == len) {
            return i;
        }
        byte[] chunk = SCRATCH.get();
        while (i < len) {
            int n = Math.min(chunk.length, len - i);
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off + i, chunk, 0, n);
            String text = new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
            int lf = text.indexOf('\n');
            int cr = text.indexOf('\r', 0, lf < 0 ? n : lf);
            if (cr >= 0) {
                return i + cr;
            }
            if (lf >= 0) {
                return i + lf;
            }
            i += n;
        }
        return len;
    }

    /** The bytes {@link #firstCrOrLf} walks eight at a time before it searches the rest by chunks. */
    private static final int HEAD = 64;

    /** Each thread's chunk for {@link #firstCrOrLf}: bounded, whatever the length searched. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The bytes as ISO-8859-1 characters, one per byte. */
    public static String latin1(MemorySegment s, long off, int len) {
        byte[] b = new byte[Math.max(0, len)];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, b.length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** {@code tvb_get_string_enc(ENC_ASCII)}: bytes over 0x7f become U+FFFD. */
    public static String ascii(MemorySegment s, long off, int len) {
        StringBuilder b = new StringBuilder(Math.max(0, len));
        for (int i = 0; i < len; i++) {
            int c = u8(s, off + i);
            if (c == 0) {
                break; // a C string ends at its first NUL
            }
            b.append(c < 0x80 ? (char) c : '\ufffd');
        }
        return b.toString();
    }

    /** {@code tvb_format_text}: format_text over the bytes. */
    public static String format(MemorySegment s, long off, int len) {
        byte[] b = new byte[Math.max(0, len)];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, b.length);
        return format(b, 0, b.length);
    }

    /**
     * format_text (epan/strutil.c): printable ASCII as is, other ASCII as C escapes
     * ({@code \r}, {@code \n}, octal), valid printable UTF-8 as is, other
     * characters as backslash-u escapes, each byte that starts no valid sequence as U+FFFD.
     */
    public static String format(byte[] b, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = b[i++] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else if (c < 0x80) {
                out.append('\\');
                switch (c) {
                    case 7 -> out.append('a');
                    case '\b' -> out.append('b');
                    case '\f' -> out.append('f');
                    case '\n' -> out.append('n');
                    case '\r' -> out.append('r');
                    case '\t' -> out.append('t');
                    case 11 -> out.append('v');
                    default -> out.append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                }
            } else {
                // strutil.c: a lead byte says how many continuation bytes follow (overlong forms
                // and 5- and 6-byte forms included); a missing one gives U+FFFD and is not consumed
                int n = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3
                        : (c & 0xfc) == 0xf8 ? 4 : (c & 0xfe) == 0xfc ? 5 : -1;
                int mask = n == 1 ? 0x1f : n == 2 ? 0x0f : n == 3 ? 0x07 : n == 4 ? 0x03 : 0x01;
                long uc;
                int last = c;
                if (n > 0) {
                    uc = c & mask;
                    for (int k = 0; k < n; k++) {
                        if (i >= to) {
                            uc = 0xfffd;
                            break;
                        }
                        last = b[i] & 0xff;
                        if ((last & 0xc0) != 0x80) {
                            uc = 0xfffd;
                            break;
                        }
                        i++;
                        uc = (uc << 6) | (last & 0x3f);
                    }
                    if (uc >= 0x110000 || uc >= 0xd800 && uc <= 0xdfff) {
                        uc = 0xfffd;
                    }
                } else {
                    uc = 0xfffd;
                }
                int cp = (int) uc;
                int type = Character.getType(cp);
                if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                        && type != Character.SURROGATE) {
                    out.appendCodePoint(cp);
                } else if (last < 0x80) {
                    out.append(format(new byte[] {(byte) last}, 0, 1));
                } else if (cp <= 0xffff) {
                    out.append(String.format("\\u%04X", cp));
                } else {
                    out.append(String.format("\\U%08X", cp));
                }
            }
        }
        return out.toString();
    }

    /**
     * The bits of {@code value} under {@code mask} as Wireshark draws a bitfield {@code width}
     * bits wide: "1... ...." (a dot for each bit outside the mask, a space every four).
     */
    public static String bits(int value, int mask, int width) {
        StringBuilder sb = new StringBuilder(width + width / 4);
        for (int i = width - 1; i >= 0; i--) {
            sb.append((mask >> i & 1) == 0 ? '.' : (value >> i & 1) == 0 ? '0' : '1');
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** COL_MAX_INFO_LEN (epan/column-info.h): the Info column's buffer, NUL included. */
    public static final int MAX_INFO = dev.tcpscope.tcp.AppColumns.MAX_INFO;

    /**
     * The Info column as Wireshark's fixed buffer keeps it: at most {@link #MAX_INFO} − 1 bytes
     * of UTF-8 ({@link dev.tcpscope.tcp.AppColumns#kept}).
     */
    public static CharSequence infoLimit(CharSequence info) {
        int n = dev.tcpscope.tcp.AppColumns.kept(info);
        return n == info.length() ? info : info.subSequence(0, n);
    }

    /** {@code tvb_strncaseeql(prefix) == 0}: the bytes at {@code off} start with {@code prefix}, any case. */
    public static boolean startsWithIgnoreCase(MemorySegment s, long off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(u8(s, off + i)) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code tvb_strneql(prefix) == 0}: the bytes at {@code off} start with {@code prefix} exactly. */
    public static boolean startsWith(MemorySegment s, long off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (u8(s, off + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * imf_find_field_end (packet-imf.c): the offset after the last CRLF of the header field at
     * {@code offset} (continuation lines unfolded), or −1 without one before {@code max};
     * {@code last[0]}, when given, is set when an empty line or the end follows it.
     */
    public static int fieldEnd(MemorySegment s, int offset, int max, boolean[] last) {
        while (offset < max) {
            offset = indexOf(s, offset, max - offset, '\r');
            if (offset == -1) {
                break;
            }
            if (++offset < max && u8(s, offset) == '\n') {
                if (++offset >= max) {
                    if (last != null) {
                        last[0] = true;
                    }
                    return offset - 2;
                }
                int c = u8(s, offset);
                if (c == '\r') {
                    if (offset + 1 < max && u8(s, offset + 1) == '\n' && last != null) {
                        last[0] = true;
                    }
                    return offset;
                }
                if (c != ' ' && c != '\t') {
                    return offset;
                }
            }
        }
        return -1;
    }

    private static int indexOf(MemorySegment s, int off, int len, int c) {
        for (int i = off; i < off + len; i++) {
            if (u8(s, i) == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether proto.c's {@code detect_trailing_stray_characters} finds something after the NUL
     * that ends an {@code ENC_ASCII} string of {@code len} bytes: it looks at the converted
     * string's bytes from that NUL up to {@code len}, where each byte from 0x80 took three
     * (U+FFFD in UTF-8), so it does not look at the same bytes as were read.
     */
    public static boolean trailingStray(MemorySegment s, long off, int len) {
        byte[] converted = new byte[len * 3];
        int n = 0;
        for (int k = 0; k < len; k++) {
            int b = u8(s, off + k);
            if (b < 0x80) {
                converted[n++] = (byte) b;
            } else {
                converted[n++] = (byte) 0xef;
                converted[n++] = (byte) 0xbf;
                converted[n++] = (byte) 0xbd;
            }
        }
        int nul = 0;
        while (nul < n && converted[nul] != 0) {
            nul++;
        }
        for (int k = nul; k < len; k++) {
            if (converted[k] != 0) {
                return true;
            }
        }
        return false;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Bytes as JSON shows them: lowercase hex pairs joined by colons. */
    public static String hexColons(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder(Math.max(0, len * 3 - 1));
        for (int k = 0; k < len; k++) {
            if (k > 0) {
                sb.append(':');
            }
            int b = u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }

    /**
     * Nanoseconds as seconds with nine decimals, a minus in front when negative: how tshark shows
     * a relative time (a request's response time, a delta) in labels and field values.
     */
    public static String seconds(long ns) {
        // digits from the right into one array, one Latin-1 String: four of these a frame
        byte[] b = new byte[32];
        int k = b.length;
        boolean negative = ns < 0;
        long whole = Math.abs(ns / 1_000_000_000L);
        int frac = (int) Math.abs(ns % 1_000_000_000L);
        for (int d = 0; d < 9; d++) {
            b[--k] = (byte) ('0' + frac % 10);
            frac /= 10;
        }
        b[--k] = '.';
        do {
            b[--k] = (byte) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (negative) {
            b[--k] = '-';
        }
        return new String(b, k, b.length - k, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * An IPv6 address as Wireshark (inet_ntop) writes it: RFC 5952's longest run of two or more
     * zero groups as "::", an IPv4-mapped or -compatible address with its last 32 bits dotted.
     */
    public static String ipv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        // an IPv4-mapped or -compatible address keeps its last 32 bits dotted (inet_ntop)
        if (bestStart == 0 && (bestLen == 6 || bestLen == 5 && g[5] == 0xffff) && !(bestLen == 6 && g[6] == 0)) {
            String v4 = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            return bestLen == 6 ? "::" + v4 : "::ffff:" + v4;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * An FT_ABSOLUTE_TIME in UTC as tshark writes it ("Jul  5, 2022 05:16:03.185000000 UTC"): X.509
     * validity, NTLMSSP's and NFS's times, TLS's ticket times.
     */
    public static String absTime(long secs, int nanos) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        return String.format("%s %2d, %d %02d:%02d:%02d.%09d UTC", MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(),
                t.getYear(), t.getHour(), t.getMinute(), t.getSecond(), nanos);
    }
}
