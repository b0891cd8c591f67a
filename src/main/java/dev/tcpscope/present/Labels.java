package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** How Wireshark writes some labels and values: byte strings, and labels too long for its buffer. */
final class Labels {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Wireshark's label buffer (ITEM_LABEL_LENGTH): 239 bytes and a NUL. */
    private static final int LABEL_LENGTH = 240;
    /** Bytes shown in a label before the ellipsis (bytes_to_str's MAX_BYTE_STR_LEN / 2). */
    private static final int LABEL_BYTES = 36;

    private Labels() { }

    /**
     * {@code name: value}, or when that does not fit Wireshark's label buffer,
     * {@code name [truncated]: value} cut to the buffer, as {@code label_mark_truncated} does.
     */
    static String truncated(String name, String value) {
        String full = name + ": " + value;
        byte[] utf8 = full.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < LABEL_LENGTH) {
            return full;
        }
        return cut(name + " [truncated]: " + value);
    }

    /** A label marked truncated, cut as label_mark_truncated cuts it. */
    private static String cut(String marked) {
        byte[] b = marked.getBytes(StandardCharsets.UTF_8);
        // The buffer keeps 239 bytes; the cut then backs up to the start of the last character.
        int end = LABEL_LENGTH - 1;
        do {
            end--;
        } while (end > 0 && (b[end] & 0xc0) == 0x80);
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * A label that grew by appending ({@code proto_item_append_text}) past Wireshark's buffer:
     * cut to its 239 bytes, without a mark.
     */
    /**
     * A label a dissector set as a whole (proto.c {@code proto_tree_set_representation}): when it
     * does not fit Wireshark's 240-byte buffer, " [truncated]" goes in front and the end is cut
     * (proto.c {@code label_mark_truncated} at position 0).
     */
    static String represented(String label) {
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < LABEL_LENGTH) {
            return label;
        }
        return cut(" [truncated]" + label);
    }

    static String clip(String label) {
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < LABEL_LENGTH) {
            return label;
        }
        int end = LABEL_LENGTH - 1;
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    /** Bytes as a label shows them: lowercase hex without separators, at most 36 bytes, then "…". */
    static String hexShort(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, LABEL_BYTES) * 2 + 1);
        int n = Math.min(len, LABEL_BYTES);
        for (int k = 0; k < n; k++) {
            int b = Bytes.u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
        if (len > LABEL_BYTES) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** Bytes as JSON shows them: lowercase hex pairs joined by colons. */
    static String hexColons(MemorySegment s, long off, int len) {
        if (len <= 0) {
            return "";
        }
        // one copy out of the segment and one Latin-1 string: payloads make this a hot path
        byte[] in = new byte[len];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off, in, 0, len);
        byte[] text = new byte[len * 3 - 1];
        int c = 0;
        for (int k = 0; k < len; k++) {
            if (k > 0) {
                text[c++] = ':';
            }
            int b = in[k] & 0xff;
            text[c++] = (byte) HEX[b >>> 4];
            text[c++] = (byte) HEX[b & 0xf];
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The hex of {@code len} bytes at {@code off} of {@code s}, colon separated when
     * {@code colons} ({@link #hexColons(MemorySegment, long, int)}), written to {@code out}: made
     * in its buffer, no String on the way.
     */
    static void hex(LineWriter out, MemorySegment s, long off, int len, boolean colons) throws java.io.IOException {
        if (len <= 64) {
            // a field's few bytes (PDML writes the hex of every item): read in place, no copy
            byte[] text = out.reserve(Math.max(len, 0) * 3);
            int c = out.position();
            for (int k = 0; k < len; k++) {
                if (colons && k > 0) {
                    text[c++] = ':';
                }
                int b = Bytes.u8(s, off + k);
                text[c++] = (byte) HEX[b >>> 4];
                text[c++] = (byte) HEX[b & 0xf];
            }
            out.advance(c);
            return;
        }
        byte[] in = new byte[Math.min(len, 4096)];
        for (int at = 0; at < len; ) {
            int chunk = Math.min(in.length, len - at);
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off + at, in, 0, chunk);
            byte[] text = out.reserve(chunk * 3);
            int c = out.position();
            for (int k = 0; k < chunk; k++) {
                if (colons && at + k > 0) {
                    text[c++] = ':';
                }
                int b = in[k] & 0xff;
                text[c++] = (byte) HEX[b >>> 4];
                text[c++] = (byte) HEX[b & 0xf];
            }
            out.advance(c);
            at += chunk;
        }
    }

    /** {@code 0x} and {@code digits} lowercase hex digits. */
    static String hex(long v, int digits) {
        byte[] b = new byte[digits + 2];
        b[0] = '0';
        b[1] = 'x';
        for (int k = digits - 1, c = 2; k >= 0; k--) {
            b[c++] = (byte) HEX[(int) (v >>> (4 * k)) & 0xf];
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Bytes as an ASCII string, as a label shows FT_STRING text: printable bytes as is, others escaped. */
    static String ascii(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            int b = Bytes.u8(s, off + k);
            if (b == 0) {
                break;
            }
            if (b >= 0x20 && b < 0x7f) {
                sb.append((char) b);
            } else {
                sb.append('\\').append('x').append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * Bytes read as an {@code ENC_ASCII} string (Wireshark's {@code get_ascii_string}): bytes from
     * 0x80 become U+FFFD, and the string ends at the first NUL, as the C string it is.
     */
    static String asciiString(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            int b = Bytes.u8(s, off + k);
            if (b == 0) {
                break;
            }
            sb.append(b < 0x80 ? (char) b : '\ufffd');
        }
        return sb.toString();
    }

    /**
     * Text as a label shows a string ({@code format_text}): printable characters as they are,
     * other ASCII characters as C escapes ({@code \n}, {@code \t} ...) or three octal digits.
     */
    static String formatText(String text) {
        StringBuilder sb = null;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c >= 0x20 && c != 0x7f) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, k);
            }
            sb.append('\\');
            switch (c) {
                case 7 -> sb.append('a');
                case '\b' -> sb.append('b');
                case '\f' -> sb.append('f');
                case '\n' -> sb.append('n');
                case '\r' -> sb.append('r');
                case '\t' -> sb.append('t');
                case 11 -> sb.append('v');
                default -> sb.append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** A MAC address as xx:xx:xx:xx:xx:xx. */
    static String mac(MemorySegment s, long off) {
        return hexColons(s, off, 6);
    }

    /** A dotted IPv4 address. */
    static String ipv4(MemorySegment s, long off) {
        return Bytes.u8(s, off) + "." + Bytes.u8(s, off + 1) + "." + Bytes.u8(s, off + 2) + "." + Bytes.u8(s, off + 3);
    }
}
