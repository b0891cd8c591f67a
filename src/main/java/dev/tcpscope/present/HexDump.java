package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * tshark's hex dump ({@code -x}, and the bytes under {@code Data} in {@code -V}): lines of an
 * offset, sixteen bytes in hex and the same bytes as ASCII with '.' for anything unprintable,
 * the ASCII always starting in the same column. The offset has 4 hex digits, more when the
 * buffer needs them (Wireshark's {@code print_hex_data_buffer}).
 */
public final class HexDump {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int BYTES_PER_LINE = 16;

    private HexDump() { }

    /** Takes what has been appended so far (writes it out and empties the builder). */
    @FunctionalInterface
    public interface Drain {
        void drain(StringBuilder out) throws java.io.IOException;
    }

    /** How much text a dump builds up before it is drained. */
    static final int DRAIN_AT = 1 << 20;

    /** Appends the dump of {@code s[off, off+len)}, each line ending in '\n'; nothing when empty. */
    public static void append(StringBuilder out, MemorySegment s, long off, int len) {
        try {
            append(out, s, off, len, null);
        } catch (java.io.IOException e) {
            throw new AssertionError(e); // no drain, nothing written
        }
    }

    /**
     * As {@link #append(StringBuilder, MemorySegment, long, int)}, handing the text to
     * {@code drain} (when not null) each time about {@value #DRAIN_AT} characters have built up: a
     * 128 MiB frame's dump is 600 million characters, which must not be held at once.
     */
    public static void append(StringBuilder out, MemorySegment s, long off, int len, Drain drain) throws java.io.IOException {
        int digits = offsetDigits(len);
        // each line is built in a char array and appended at once, from the bytes copied out in
        // one go: appending char by char was most of -V's time on frames with payload
        byte[] bytes = new byte[BYTES_PER_LINE];
        char[] line = new char[digits + 2 + BYTES_PER_LINE * 3 + 2 + BYTES_PER_LINE + 1];
        for (int at = 0; at < len; at += BYTES_PER_LINE) {
            if (drain != null && out.length() >= DRAIN_AT) {
                drain.drain(out);
            }
            int c = 0;
            for (int k = digits - 1; k >= 0; k--) {
                line[c++] = HEX[(at >>> (4 * k)) & 0xf];
            }
            line[c++] = ' ';
            line[c++] = ' ';
            int n = Math.min(BYTES_PER_LINE, len - at);
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off + at, bytes, 0, n);
            for (int k = 0; k < n; k++) {
                int b = bytes[k] & 0xff;
                line[c++] = HEX[b >>> 4];
                line[c++] = HEX[b & 0xf];
                line[c++] = ' ';
            }
            // The ASCII column starts two spaces after the sixteenth byte's trailing space.
            for (int k = n; k < BYTES_PER_LINE; k++) {
                line[c++] = ' ';
                line[c++] = ' ';
                line[c++] = ' ';
            }
            line[c++] = ' ';
            line[c++] = ' ';
            for (int k = 0; k < n; k++) {
                int b = bytes[k] & 0xff;
                line[c++] = b >= 0x20 && b < 0x7f ? (char) b : '.';
            }
            line[c++] = '\n';
            out.append(line, 0, c);
        }
    }

    /** At least 4 digits; as many as the largest offset ({@code len - 1}) needs, up to 8. */
    private static int offsetDigits(int len) {
        int last = len - 1;
        int digits = 4;
        while (digits < 8 && (last >>> (4 * digits)) != 0) {
            digits++;
        }
        return digits;
    }
}
