package dev.tcpscope.present;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * tshark's hex dump ({@code -x}, and the bytes under {@code Data} in {@code -V}): lines of an
 * offset, sixteen bytes in hex and the same bytes as ASCII with '.' for anything unprintable,
 * the ASCII always starting in the same column. The offset has 4 hex digits, more when the
 * buffer needs them (Wireshark's {@code print_hex_data_buffer}).
 */
public final class HexDump {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTES_PER_LINE = 16;
    /** The longest line: 8 offset digits, two spaces, 16 times three, two spaces, 16, newline. */
    private static final int LINE_MAX = 8 + 2 + BYTES_PER_LINE * 3 + 2 + BYTES_PER_LINE + 1;
    /** How many lines are made per look at the writer's room (and per copy out of the segment). */
    private static final int LINES_AT_ONCE = LineWriter.ROOM / LINE_MAX / 2;

    private HexDump() { }

    /** Appends the dump of {@code s[off, off+len)}, each line ending in '\n'; nothing when empty. */
    public static void append(StringBuilder out, MemorySegment s, long off, int len) {
        LineWriter.into(out, w -> write(w, s, off, len));
    }

    /**
     * Writes the dump of {@code s[off, off+len)} to {@code out}, each line ending in '\n', made in
     * the writer's buffer a few hundred lines at a time: a 128 MiB frame's dump (600 MB of text) is
     * never held, and no char or String is made on the way.
     */
    public static void write(LineWriter out, MemorySegment s, long off, int len) throws IOException {
        int digits = offsetDigits(len);
        byte[] src = new byte[Math.min(len, LINES_AT_ONCE * BYTES_PER_LINE)];
        for (int at = 0; at < len; ) {
            int chunk = Math.min(src.length, len - at);
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off + at, src, 0, chunk);
            byte[] b = out.reserve((chunk / BYTES_PER_LINE + 1) * LINE_MAX);
            int c = out.position();
            for (int k = 0; k < chunk; k += BYTES_PER_LINE) {
                c = line(b, c, at + k, digits, src, k, Math.min(BYTES_PER_LINE, chunk - k));
            }
            out.advance(c);
            at += chunk;
        }
    }

    /** One line into {@code b} from {@code c}: offset {@code at}, {@code n} bytes of src from {@code from}. */
    private static int line(byte[] b, int c, int at, int digits, byte[] src, int from, int n) {
        for (int k = digits - 1; k >= 0; k--) {
            b[c++] = HEX[(at >>> (4 * k)) & 0xf];
        }
        b[c++] = ' ';
        b[c++] = ' ';
        for (int k = 0; k < n; k++) {
            int v = src[from + k] & 0xff;
            b[c++] = HEX[v >>> 4];
            b[c++] = HEX[v & 0xf];
            b[c++] = ' ';
        }
        // The ASCII column starts two spaces after the sixteenth byte's trailing space.
        for (int k = n; k < BYTES_PER_LINE; k++) {
            b[c++] = ' ';
            b[c++] = ' ';
            b[c++] = ' ';
        }
        b[c++] = ' ';
        b[c++] = ' ';
        for (int k = 0; k < n; k++) {
            byte v = src[from + k];
            b[c++] = v >= 0x20 && v < 0x7f ? v : (byte) '.';
        }
        b[c++] = '\n';
        return c;
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
