package dev.tcpscope.stats;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Keeps a followed stream's chunks until they are printed, in bounded memory: chunks are held in
 * memory until the {@link SpoolStore} the spool belongs to is over its budget, then appended to
 * the store's temporary file. A spool made with {@code new ChunkSpool()} has a store of its own
 * (4 MiB, for one {@code -z follow}); the spools of {@code tcpscope follow} share one store, so
 * that memory is bounded however many streams there are. tshark holds every chunk in memory; a
 * long stream would make memory grow with the capture.
 */
final class ChunkSpool implements ChunkSink {
    static final int IN_MEMORY = 4 << 20;
    /** side, frame, seconds, nanos, length: the record before each chunk's bytes. */
    private static final int HEADER = 1 + 8 + 8 + 4 + 4;

    private final SpoolStore store;
    private final boolean ownStore;
    private byte[] memory;
    private int used;
    /** Offset and length in the store's file of each block this spool spilled. */
    private long[] blocks;
    private int blockCount;
    private long chunks;

    ChunkSpool() {
        this(IN_MEMORY);
    }

    ChunkSpool(int limit) {
        this.store = new SpoolStore(limit);
        this.ownStore = true;
    }

    ChunkSpool(SpoolStore store) {
        this.store = store;
        this.ownStore = false;
    }

    @Override
    public void chunk(boolean server, long frame, long seconds, int nanos, MemorySegment bytes, long offset, int length) {
        boolean wasEmpty = used == 0;
        int need = used + HEADER + length;
        if (memory == null || need > memory.length) {
            memory = Arrays.copyOf(memory == null ? new byte[0] : memory, Math.max(need, Math.max(256, used * 2)));
        }
        memory[used] = (byte) (server ? 1 : 0);
        putLong(used + 1, frame);
        putLong(used + 9, seconds);
        putInt(used + 17, nanos);
        putInt(used + 21, length);
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, offset, memory, used + HEADER, length);
        used = need;
        chunks++;
        try {
            store.added(this, HEADER + length, wasEmpty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Big-endian, as DataInputStream reads it back. */
    private void putLong(int at, long v) {
        putInt(at, (int) (v >>> 32));
        putInt(at + 4, (int) v);
    }

    private void putInt(int at, int v) {
        memory[at] = (byte) (v >>> 24);
        memory[at + 1] = (byte) (v >>> 16);
        memory[at + 2] = (byte) (v >>> 8);
        memory[at + 3] = (byte) v;
    }

    /** Whether no chunk was added. */
    boolean isEmpty() { return chunks == 0; }

    /** Called by the store: writes the memory to {@code out} at file offset {@code at}, frees it, says how much. */
    int spillTo(OutputStream out, long at) throws IOException {
        if (used == 0) {
            return 0;
        }
        out.write(memory, 0, used);
        if (blocks == null || blocks.length == 2 * blockCount) {
            blocks = Arrays.copyOf(blocks == null ? new long[0] : blocks, Math.max(4, 4 * blockCount));
        }
        blocks[2 * blockCount] = at;
        blocks[2 * blockCount + 1] = used;
        blockCount++;
        int n = used;
        memory = null; // a spilled stream may never speak again: its buffer goes
        used = 0;
        return n;
    }

    /**
     * Hands every chunk kept, in order, to {@code sink}; the spool is empty afterwards (a spool
     * with its own store deletes its file).
     */
    void replay(ChunkSink sink) throws IOException {
        InputStream source = new ByteArrayInputStream(memory == null ? new byte[0] : memory, 0, used);
        if (blockCount > 0) {
            source = new SequenceInputStream(new BufferedInputStream(store.blocks(blocks, blockCount), 1 << 16), source);
        }
        byte[] buffer = new byte[4096];
        try (DataInputStream in = new DataInputStream(source)) {
            for (long i = 0; i < chunks; i++) {
                boolean server = in.readBoolean();
                long frame = in.readLong();
                long seconds = in.readLong();
                int nanos = in.readInt();
                int length = in.readInt();
                if (buffer.length < length) {
                    buffer = new byte[Math.max(length, buffer.length * 2)];
                }
                in.readFully(buffer, 0, length);
                sink.chunk(server, frame, seconds, nanos, MemorySegment.ofArray(buffer), 0, length);
            }
        } finally {
            store.released(used);
            memory = null;
            used = 0;
            blocks = null;
            blockCount = 0;
            chunks = 0;
            if (ownStore) {
                store.close();
            }
        }
    }
}
