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
    /** The chars of one chunk, copied out of the text at once (charAt per char was a hot spot of -V). */
    private final char[] chars = new char[buf.length / 3];
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
        // in chunks for which the buffer has room even if every char took three bytes, so that
        // the loop below needs no check per char (a surrogate pair takes four bytes for two chars)
        int chunk = buf.length / 3 - 1;
        for (int from = 0; from < len; ) {
            int to = Math.min(len, from + chunk);
            if (to - from > (buf.length - n) / 3 - 1) {
                flushBuffer();
            }
            from = encode(cs, from, to);
        }
    }

    /** UTF-8 of {@code cs[from, to)} into the buffer, which has room; returns where it stopped. */
    private int encode(CharSequence cs, int from, int to) {
        char[] cc = chars;
        if (cs instanceof String str) {
            str.getChars(from, to, cc, 0);
        } else if (cs instanceof StringBuilder sb) {
            sb.getChars(from, to, cc, 0);
        } else {
            for (int i = from; i < to; i++) {
                cc[i - from] = cs.charAt(i);
            }
        }
        byte[] b = buf;
        int k = n;
        int i = from;
        for (; i < to; i++) {
            char c = cc[i - from];
            if (c < 0x80) {
                b[k++] = (byte) c;
            } else if (c < 0x800) {
                b[k++] = (byte) (0xc0 | c >> 6);
                b[k++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < cs.length() && Character.isLowSurrogate(cs.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, cs.charAt(++i));
                b[k++] = (byte) (0xf0 | cp >> 18);
                b[k++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[k++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[k++] = (byte) (0x80 | cp & 0x3f);
            } else {
                b[k++] = (byte) (0xe0 | c >> 12);
                b[k++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[k++] = (byte) (0x80 | c & 0x3f);
            }
        }
        n = k;
        return i;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        n = 0;
        // A PrintStream keeps its errors to itself: stop at the first failed write (a full disk,
        // a closed pipe) instead of decoding the rest of the capture into nowhere.
        if (out instanceof java.io.PrintStream ps && ps.checkError()) {
            throw new OutputFailed();
        }
    }

    /**
     * The output could not be written; the command stops quietly and the entry point, which
     * knows the system's reason, reports it once (tshark's "no space left" for a full disk).
     */
    public static final class OutputFailed extends IOException {
        public OutputFailed() {
            super("the output could not be written");
        }
    }

    public void flush() throws IOException {
        if (out instanceof java.io.PrintStream) {
            flushBuffer(); // its error check flushes the stream: once per call, as -l promises
        } else {
            flushBuffer();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
