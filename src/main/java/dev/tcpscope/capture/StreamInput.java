package dev.tcpscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;

/**
 * A stream (stdin, a pipe, a gzip decompressor) read through one {@code byte[]} that is reused
 * for every record and grows only when a record is larger than any before, so memory stays
 * bounded by the largest record, not by the capture.
 */
final class StreamInput implements Input {
    private static final int INITIAL = 64 * 1024;

    private final InputStream in;
    private byte[] buffer;
    private MemorySegment segment;
    private int start;
    private int limit;
    private long position;
    private boolean eof;

    StreamInput(InputStream in) {
        this.in = in;
        this.buffer = new byte[INITIAL];
        this.segment = MemorySegment.ofArray(buffer);
    }

    @Override
    public long fill(long n) throws IOException {
        if (n > MAX_FILL) {
            throw new IllegalArgumentException("fill " + n + " exceeds " + MAX_FILL);
        }
        int need = (int) n;
        if (limit - start >= need || eof) {
            return Math.min(need, limit - start);
        }
        if (start + need > buffer.length) {
            int have = limit - start;
            if (need > buffer.length) {
                byte[] grown = new byte[(int) Math.min(MAX_FILL, Math.max(need, 2L * buffer.length))];
                System.arraycopy(buffer, start, grown, 0, have);
                buffer = grown;
                segment = MemorySegment.ofArray(grown);
            } else {
                System.arraycopy(buffer, start, buffer, 0, have);
            }
            start = 0;
            limit = have;
        }
        while (limit - start < need) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
                break;
            }
            limit += read;
        }
        return Math.min(need, limit - start);
    }

    @Override
    public boolean streamed() {
        return true;
    }

    @Override
    public boolean mayBlock() {
        try {
            return !eof && in.available() == 0;
        } catch (IOException e) {
            return false; // the next read reports it
        }
    }

    /** How many bytes are buffered beyond the position without reading the stream. */
    long fillBuffered() {
        return limit - start;
    }

    @Override
    public MemorySegment segment() { return segment; }

    @Override
    public long base() { return start; }

    @Override
    public long position() { return position; }

    @Override
    public void skip(long n) {
        if (n > limit - start) {
            throw new IllegalStateException("skip " + n + " beyond the " + (limit - start) + " filled bytes");
        }
        start += (int) n;
        position += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
