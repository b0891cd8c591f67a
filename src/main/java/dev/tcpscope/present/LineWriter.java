package dev.tcpscope.present;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes lines as UTF-8 through one reused byte buffer: no String, no encoder, no allocation per
 * line. Most of a packet list is ASCII, which takes the one-byte path.
 */
public final class LineWriter implements AutoCloseable {
    private final OutputStream out;
    /** The buffer's size: the most {@link #reserve} can make room for. */
    public static final int ROOM = 1 << 16;
    private final byte[] buf = new byte[ROOM];
    /** The chars of one chunk, copied out of the text at once (charAt per char was a hot spot of -V). */
    private final char[] chars = new char[buf.length / 3];
    private int n;
    /** A String this long or shorter is copied char by char ({@link #text(String)}). */
    private static final int SHORT = 48;

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

    /** Writes {@code cs} and a newline, each NUL in it as "→" ({@link PacketList#markArrows}). */
    public void lineMarked(CharSequence cs) throws IOException {
        marked = true;
        try {
            text(cs);
        } finally {
            marked = false;
        }
        newline();
    }

    /** While {@link #lineMarked} writes: a NUL stands for "→". */
    private boolean marked;

    /** Writes {@code s} and a newline. */
    public void line(String s) throws IOException {
        text(s);
        newline();
    }

    /** Writes a newline. */
    public void newline() throws IOException {
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = '\n';
    }

    /** Writes {@code v} in decimal. */
    public void decimal(long v) throws IOException {
        if (v < 0) {
            text(Long.toString(v));
            return;
        }
        // the digits straight into the buffer, last first: a PDML item writes two numbers
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        if (digits > buf.length - n) {
            flushBuffer();
        }
        int k = n + digits;
        for (long x = v; ; x /= 10) {
            buf[--k] = (byte) ('0' + x % 10);
            if (x < 10) {
                break;
            }
        }
        n += digits;
    }

    /** What a piece of writing does with a writer. */
    @FunctionalInterface
    public interface Writing {
        void write(LineWriter out) throws IOException;
    }

    /** Appends what {@code writing} writes to {@code sb}, decoded: the StringBuilder form of a writer's method. */
    public static void into(StringBuilder sb, Writing writing) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (LineWriter w = new LineWriter(bytes)) {
            writing.write(w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // into memory: only a writing's own failure
        }
        sb.append(bytes.toString(StandardCharsets.UTF_8));
    }

    /** Writes the ASCII character {@code c}. */
    public void ascii(char c) throws IOException {
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = (byte) c;
    }

    /** Writes {@code count} spaces. */
    public void spaces(int count) throws IOException {
        if (count > buf.length - n) {
            flushBuffer();
            if (count > buf.length) {
                for (int k = 0; k < count; k++) ascii(' ');
                return;
            }
        }
        java.util.Arrays.fill(buf, n, n + count, (byte) ' ');
        n += count;
    }

    /**
     * Writes {@code s} as it is, without a newline: the JDK's encoder copies a long Latin-1 string
     * that is ASCII whole, where {@link #encode} takes every char apart (a lone surrogate, which
     * no dissector makes, becomes '?' there).
     */
    public void text(String s) throws IOException {
        int len = s.length();
        if (len > SHORT) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        // A short one (a JSON key, a field's value) char by char into the buffer, no array made.
        if (len > buf.length - n) {
            flushBuffer();
        }
        byte[] b = buf;
        int k = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n = k;
                encodeAll(s, i, len);
                return;
            }
            b[k++] = (byte) c;
        }
        n = k;
    }

    /**
     * Makes room for {@code count} bytes ({@code count <= }{@link #ROOM}) and returns the buffer,
     * for the caller to put them from {@link #position()} on and {@link #advance} past them: a
     * hex dump's lines are made in place.
     */
    public byte[] reserve(int count) throws IOException {
        if (count > buf.length - n) {
            flushBuffer();
        }
        return buf;
    }

    /** Where the next byte goes in the buffer {@link #reserve} returned. */
    public int position() {
        return n;
    }

    /** Takes the bytes put into the buffer up to {@code to}. */
    public void advance(int to) {
        n = to;
    }

    /** Writes {@code cs} as it is, without a newline. */
    public void text(CharSequence cs) throws IOException {
        int len = cs.length();
        encodeAll(cs, 0, len);
    }

    /** UTF-8 of {@code cs[from, len)}. */
    private void encodeAll(CharSequence cs, int from, int len) throws IOException {
        // in chunks for which the buffer has room even if every char took three bytes, so that
        // the loop below needs no check per char (a surrogate pair takes four bytes for two chars)
        int chunk = buf.length / 3 - 1;
        while (from < len) {
            int to = Math.min(len, from + chunk);
            if (to - from > (buf.length - n) / 3 - 1) {
                flushBuffer();
            }
            from = encode(cs, from, to);
        }
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length > buf.length - n) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                if (out instanceof java.io.PrintStream ps && ps.checkError()) {
                    throw new OutputFailed();
                }
                return;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
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
            if (c < 0x80 && c != 0) {
                b[k++] = (byte) c;
            } else if (c == 0) {
                if (marked) {
                    b[k++] = (byte) 0xe2; // U+2192
                    b[k++] = (byte) 0x86;
                    b[k++] = (byte) 0x92;
                } else {
                    b[k++] = 0;
                }
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
