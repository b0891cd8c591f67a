package dev.tcpscope.stats;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * Keeps a followed stream's chunks until they are printed, in bounded memory: chunks are held in
 * pages of the {@link SpoolStore} the spool belongs to until the store's budget is used up, then
 * appended to the store's temporary file. A spool made with {@code new ChunkSpool()} has a store of its own
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
    private final PageBuffer memory = new PageBuffer();
    private final byte[] header = new byte[HEADER];
    /** Offset and length in the store's file of each block this spool spilled. */
    private long[] blocks;
    private int blockCount;
    private long chunks;
    /** Whether the store lists this spool among those whose memory its next spill writes out. */
    boolean listed;

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
        header[0] = (byte) (server ? 1 : 0);
        putLong(1, frame);
        putLong(9, seconds);
        putInt(17, nanos);
        putInt(21, length);
        try {
            // a spill may come between the two: a record may span blocks, which replay reads as one stream
            memory.put(store.pool, header, 0, HEADER);
            memory.put(store.pool, bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!listed) {
            listed = true; // after the puts: a spill during them unlisted the spool
            store.holding(this);
        }
        chunks++;
    }

    /** Big-endian, as DataInputStream reads it back. */
    private void putLong(int at, long v) {
        putInt(at, (int) (v >>> 32));
        putInt(at + 4, (int) v);
    }

    private void putInt(int at, int v) {
        header[at] = (byte) (v >>> 24);
        header[at + 1] = (byte) (v >>> 16);
        header[at + 2] = (byte) (v >>> 8);
        header[at + 3] = (byte) v;
    }

    /** Called by the store: writes the memory to {@code out} at file offset {@code at}, gives it back, says how much. */
    long spillTo(GatheringByteChannel out, long at) throws IOException {
        long n = memory.size();
        if (n == 0) {
            return 0;
        }
        if (blocks == null || blocks.length == 2 * blockCount) {
            blocks = Arrays.copyOf(blocks == null ? new long[0] : blocks, Math.max(4, 4 * blockCount));
        }
        blocks[2 * blockCount] = at;
        blocks[2 * blockCount + 1] = n;
        blockCount++;
        memory.drainTo(out, store.pool);
        return n;
    }

    /**
     * Hands every chunk kept, in order, to {@code sink}; the spool is empty afterwards (a spool
     * with its own store deletes its file).
     */
    void replay(ChunkSink sink) throws IOException {
        InputStream source = memory.stream();
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
            memory.release(store.pool);
            blocks = null;
            blockCount = 0;
            chunks = 0;
            if (ownStore) {
                store.close();
            }
        }
    }
}
