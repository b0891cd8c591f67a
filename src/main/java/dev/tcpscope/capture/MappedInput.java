package dev.tcpscope.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A regular file mapped read-only into memory (FFM {@code FileChannel.map}); filling is free and
 * frames point straight into the mapping, so nothing is allocated or copied per record.
 */
final class MappedInput implements Input {
    private final MemorySegment mapping;
    private final Arena arena;
    private long position;

    /** Takes ownership of {@code arena}: closing this input unmaps the file. */
    MappedInput(MemorySegment mapping, Arena arena) {
        this.mapping = mapping;
        this.arena = arena;
    }

    @Override
    public long fill(long n) {
        return Math.min(n, mapping.byteSize() - position);
    }

    @Override
    public MemorySegment segment() { return mapping; }

    @Override
    public long base() { return position; }

    @Override
    public long position() { return position; }

    @Override
    public void skip(long n) {
        position += n;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
