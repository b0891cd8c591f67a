package dev.tcpscope.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory budget and the one temporary file shared by a set of {@link ChunkSpool}s: when the
 * bytes the spools hold in memory pass {@code budget}, every spool's bytes are appended to the
 * file as one block each and memory is emptied. So a run that follows one stream or ten thousand
 * holds at most {@code budget} bytes of stream data on the heap, plus, per spool, the place of
 * each of its blocks (two longs per spill it took part in). The file is opened only while a
 * spill or a replay runs (no descriptor is held between them), is deleted by {@link #close()},
 * and at the latest when the JVM exits (also after Ctrl-C, which runs the exit hooks).
 */
final class SpoolStore implements AutoCloseable {
    final PageBuffer.Pool pool;
    private final List<ChunkSpool> holding = new ArrayList<>();
    private Path file;
    private long size;

    SpoolStore(int budget) {
        this.pool = new PageBuffer.Pool(budget, this::spill);
    }

    /** A spool of this store holds bytes in memory and is not listed yet. */
    void holding(ChunkSpool spool) {
        holding.add(spool);
    }

    /** Appends every spool's memory to the file, one block each, and empties memory. */
    void spill() throws IOException {
        if (holding.isEmpty()) {
            return;
        }
        if (file == null) {
            file = Files.createTempFile("tcpscope-follow-", ".spool");
            file.toFile().deleteOnExit();
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.APPEND)) {
            for (ChunkSpool s : holding) {
                size += s.spillTo(out, size);
                s.listed = false;
            }
        }
        holding.clear();
    }

    /** The bytes of blocks {@code at[0], length[0], at[1], length[1] ...} in order, read from the file. */
    InputStream blocks(long[] blocks, int count) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new InputStream() {
            private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).limit(0);
            private int block;
            private long at;
            private long left;

            private boolean fill() throws IOException {
                while (!buffer.hasRemaining()) {
                    if (left == 0) {
                        if (block == count) {
                            return false;
                        }
                        at = blocks[2 * block];
                        left = blocks[2 * block + 1];
                        block++;
                        continue;
                    }
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new IOException("the temporary spool file " + file + " was cut short");
                    }
                    buffer.flip();
                    at += n;
                    left -= n;
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? buffer.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, buffer.remaining());
                buffer.get(b, off, n);
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Deletes the file. */
    @Override
    public void close() throws IOException {
        holding.clear();
        pool.clear();
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
    }
}
