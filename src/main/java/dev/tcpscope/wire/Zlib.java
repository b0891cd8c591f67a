package dev.tcpscope.wire;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * epan/tvbuff_zlib.c's {@code tvb_uncompress} with java.util.zip: what HTTP's and HTTP/2's
 * deflate and gzip content codings, and IPComp's payloads go through. Lives with the
 * wire layer because IPComp (RFC 3173) is inflated there, before the datagram it carries is read.
 */
public final class Zlib {
    private Zlib() { }

    /** Tshark's window of output per inflate() pass: twice the input, 32 KiB to 10 MiB. */
    private static final int MIN_BUFSIZ = 32768;
    private static final int MAX_BUFSIZ = 10 * 1000 * 1000;

    /**
     * epan/tvbuff_zlib.c tvb_uncompress: zlib, else (on a data error) a gzip header skipped and
     * raw deflate, else raw deflate; output made before an error is kept, except that of the
     * failing pass; null when nothing came out.
     */
    public static byte[] uncompress(byte[] in) {
        return uncompress(in, Integer.MAX_VALUE);
    }

    /**
     * As {@link #uncompress(byte[])}, but null as soon as more than {@code limit} bytes come out
     * (where tshark would go on: a bound against streams built to expand without end).
     */
    public static byte[] uncompress(byte[] in, int limit) {
        if (in.length == 0) {
            return null;
        }
        int bufsiz = (int) Math.max(MIN_BUFSIZ, Math.min(MAX_BUFSIZ, 2L * in.length));
        byte[] out = inflate(in, 0, false, bufsiz, limit);
        if (out != FAILED_EARLY) {
            return out;
        }
        int start = 0;
        if (in.length >= 2 && (in[0] & 0xff) == 0x1f && (in[1] & 0xff) == 0x8b) {
            start = gzipHeader(in);
            if (start < 0) {
                return null;
            }
            // tshark tries zlib again after the header, which fails at once, then raw deflate
        }
        out = inflate(in, start, true, bufsiz, limit);
        return out == FAILED_EARLY ? null : out;
    }

    /** inflate()'s result when the very first pass failed on the data (tshark then tries another format). */
    private static final byte[] FAILED_EARLY = new byte[0];

    private static byte[] inflate(byte[] in, int start, boolean raw, int bufsiz, int limit) {
        Inflater inf = new Inflater(raw);
        try {
            inf.setInput(in, start, in.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[bufsiz];
            boolean any = false;
            while (true) {
                int n;
                try {
                    n = inf.inflate(buf);
                } catch (DataFormatException e) {
                    return any ? out.toByteArray() : FAILED_EARLY;
                }
                if (n > 0) {
                    if (out.size() > limit - n) {
                        return null;
                    }
                    out.write(buf, 0, n);
                    any = true;
                }
                if (inf.finished()) {
                    return out.toByteArray();
                }
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    // zlib's Z_BUF_ERROR: the input ended before the stream did
                    return any ? out.toByteArray() : null;
                }
            }
        } finally {
            inf.end();
        }
    }

    /** The offset just past a gzip member header (RFC 1952 §2.3), as tvb_uncompress skips it; −1 when too short. */
    private static int gzipHeader(byte[] c) {
        if (c.length < 10 || c[2] != 8) {
            return -1;
        }
        int flags = c[3] & 0xff;
        int at = 10;
        if ((flags & 4) != 0) {
            int xsize = 0;
            if (at < c.length) {
                xsize += c[at++] & 0xff;
            }
            if (at < c.length) {
                xsize += (c[at++] & 0xff) << 8;
            }
            at += xsize;
        }
        if ((flags & 8) != 0) {
            while (at < c.length && c[at] != 0) {
                at++;
            }
            at++;
        }
        if ((flags & 16) != 0) {
            while (at < c.length && c[at] != 0) {
                at++;
            }
            at++;
        }
        return at > c.length ? -1 : at;
    }
}
