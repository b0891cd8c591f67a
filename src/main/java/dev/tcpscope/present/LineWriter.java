package dev.tcpscope.present;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes lines as UTF-8 through one reused byte buffer: no String, no encoder, no allocation per
 * line. Most of a packet list is ASCII, which takes the one-byte path.
 */
public final class LineWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    public LineWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code cs} and a newline. */
    public void line(CharSequence cs) throws IOException {
        text(cs);
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = '\n';
    }

    /** Writes {@code cs} as it is, without a newline. */
    public void text(CharSequence cs) throws IOException {
        int len = cs.length();
        for (int i = 0; i < len; i++) {
            if (n > buf.length - 4) {
                flushBuffer();
            }
            char c = cs.charAt(i);
            if (c < 0x80) {
                buf[n++] = (byte) c;
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xc0 | c >> 6);
                buf[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(cs.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, cs.charAt(++i));
                buf[n++] = (byte) (0xf0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[n++] = (byte) (0x80 | cp & 0x3f);
            } else {
                buf[n++] = (byte) (0xe0 | c >> 12);
                buf[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
