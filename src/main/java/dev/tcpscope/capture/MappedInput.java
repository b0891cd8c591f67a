package dev.tcpscope.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;

/**
 * A regular file mapped read-only into memory (FFM {@code FileChannel.map}), one window at a
 * time: filling inside the window is free and frames point straight into the mapping, so nothing
 * is allocated or copied per record. When a fill reaches past the window, the next window is
 * mapped from the current position and the old one is unmapped, so the pages a long capture has
 * touched do not pile up in the process's resident memory (the mapping of a whole 1 GB file kept
 * ~1 GB resident).
 */
final class MappedInput implements Input, dev.tcpscope.frame.FileBytes {
    /** Bytes mapped at once; a fill larger than this maps as much as it needs. */
    static final long WINDOW = 4L << 20;
    private static final long PAGE = 4096;

    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private Arena arena;
    private MemorySegment window = MemorySegment.NULL;
    private long windowStart;
    private long position;

    /** Takes ownership of {@code channel}: closing this input unmaps the window and closes it. */
    MappedInput(FileChannel channel, long size) {
        this(channel, size, WINDOW);
    }

    /** With a chosen window size, for tests of the remapping. */
    MappedInput(FileChannel channel, long size, long windowSize) {
        this.channel = channel;
        this.size = size;
        this.windowSize = windowSize;
    }

    @Override
    public long fill(long n) throws IOException {
        long available = Math.max(0, Math.min(n, size - position));
        if (position < windowStart || position + available > windowStart + window.byteSize()) {
            remap(available);
        }
        return available;
    }

    private void remap(long need) throws IOException {
        long start = position - position % PAGE;
        long length = Math.min(size - start, Math.max(windowSize, position - start + need));
        Arena next = Arena.ofShared();
        MemorySegment mapped;
        try {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, start, length, next);
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
        if (arena != null) {
            arena.close();
        }
        arena = next;
        window = mapped;
        windowStart = start;
    }

    @Override
    public MemorySegment segment() { return window; }

    @Override
    public long base() { return position - windowStart; }

    @Override
    public dev.tcpscope.frame.FileBytes file() { return this; }

    @Override
    public long origin() { return windowStart; }

    /**
     * Bytes from the window when it still holds them (a PDU's segments are mostly recent), else
     * positional reads ({@code pread}); either way the window and the read position stay. A
     * system call per waiting segment was a tenth of the CPU of listing mixed HTTP and TLS traffic.
     */
    @Override
    public boolean read(long at, byte[] dst, int off, int len) {
        if (at >= windowStart && at + len <= windowStart + window.byteSize()) {
            MemorySegment.copy(window, java.lang.foreign.ValueLayout.JAVA_BYTE, at - windowStart, dst, off, len);
            return true;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(dst, off, len);
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
            if (arena != null) {
                arena.close();
                arena = null;
            }
        } finally {
            channel.close();
        }
    }
}
