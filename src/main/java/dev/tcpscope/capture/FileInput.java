package dev.tcpscope.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A regular file read with positional reads ({@code pread}) into one native buffer: frames point
 * straight into the buffer, so nothing is allocated or copied per record. When a fill reaches past
 * the buffered bytes, the bytes not yet consumed move to the front and the rest of the buffer is
 * read from the file; the buffer grows only for a record larger than itself.
 *
 * <p>Until session 29 this mapped the file in 4 MiB windows ({@code FileChannel.map}). Measured on
 * the 1 GB synthetic capture (2 cores, page cache warm): touching one word per page of every
 * mapped window took 780 ms, reading the same bytes into a reused buffer 135-175 ms; the page
 * faults, mappings and unmappings were an eighth of a whole {@code read}. A read also leaves the
 * bytes in the CPU's cache for the dissectors that look at them next.
 */
final class FileInput implements Input, dev.tcpscope.frame.FileBytes {
    /** The buffer's initial size: big enough that a waiting PDU's segments are mostly still in it. */
    static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private final Arena arena = Arena.ofShared();
    private MemorySegment buffer;
    private ByteBuffer view;
    /** The file position of the buffer's first byte. */
    private long origin;
    /** How many bytes of the buffer hold the file's bytes from {@link #origin}. */
    private long limit;
    private long position;

    /** Takes ownership of {@code channel}: closing this input frees the buffer and closes it. */
    FileInput(FileChannel channel, long size) {
        this(channel, size, BUFFER);
    }

    /** With a chosen buffer size, for tests of the refills. */
    FileInput(FileChannel channel, long size, int bufferSize) {
        this.channel = channel;
        this.size = size;
        allocate(bufferSize);
    }

    private void allocate(long bytes) {
        buffer = arena.allocate(bytes, 4096);
        view = buffer.asByteBuffer();
    }

    @Override
    public long fill(long n) throws IOException {
        long available = Math.max(0, Math.min(n, size - position));
        long start = position - origin;
        if (start < 0 || start + available > limit) {
            refill(available);
        }
        return Math.min(available, limit - (position - origin));
    }

    /** Moves the unread bytes to the front (or drops them when a skip passed them) and reads on. */
    private void refill(long need) throws IOException {
        long start = position - origin;
        long keep = start >= 0 && start < limit ? limit - start : 0;
        if (need > buffer.byteSize()) {
            MemorySegment old = buffer;
            allocate(Math.min((long) MAX_FILL, Math.max(need, 2 * buffer.byteSize())));
            MemorySegment.copy(old, start, buffer, 0, keep); // the old buffer stays until close: this is rare
        } else if (keep > 0) {
            MemorySegment.copy(buffer, start, buffer, 0, keep);
        }
        origin = position;
        limit = keep;
        while (limit < need) {
            view.limit((int) buffer.byteSize()).position((int) limit);
            int read = channel.read(view, origin + limit);
            if (read <= 0) {
                break; // the end of the file (or it shrank since it was opened)
            }
            limit += read;
        }
    }

    @Override
    public MemorySegment segment() { return buffer; }

    @Override
    public long base() { return position - origin; }

    @Override
    public dev.tcpscope.frame.FileBytes file() { return this; }

    @Override
    public long origin() { return origin; }

    /**
     * Bytes from the buffer when it still holds them (a PDU's segments are mostly recent), else
     * positional reads; either way the buffer and the read position stay. A system call per
     * waiting segment was a tenth of the CPU of listing mixed HTTP and TLS traffic.
     */
    @Override
    public boolean read(long at, byte[] dst, int off, int len) {
        if (at >= origin && at + len <= origin + limit) {
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, at - origin, dst, off, len);
            return true;
        }
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, at + b.position() - off) < 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file went away or shrank: what is missing reads as zeros
        }
        boolean whole = !b.hasRemaining();
        java.util.Arrays.fill(dst, b.position(), off + len, (byte) 0);
        return whole;
    }

    @Override
    public long position() { return position; }

    @Override
    public void skip(long n) {
        position += n;
    }

    @Override
    public void close() throws IOException {
        try {
            arena.close();
        } finally {
            channel.close();
        }
    }
}
