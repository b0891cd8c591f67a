package dev.tcpscope.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The packet list's rows, kept on disk: each row is its columns joined by tabs, appended to a
 * temporary file, with the file offset of each row in memory (8 bytes a frame: 8 MB for a
 * 1M-packet capture, whatever the rows hold). Rows are published in batches, so a reader sees
 * only rows already on disk; reads and the single writer may run at once.
 */
final class RowSpool implements AutoCloseable {
    private static final int BATCH = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(BATCH * 2);
    private long[] offsets = new long[1024];
    /** Rows written to {@link #pending} or the file. */
    private int written;
    /** Rows readable: their bytes are in the file. */
    private volatile int published;
    private long fileEnd;
    /** Where the last published row ends. */
    private long publishedEnd;

    RowSpool() throws IOException {
        file = Files.createTempFile("tcpscope-web-rows", ".tsv");
        file.toFile().deleteOnExit();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** Appends a row; {@code columns} must hold no tab or newline (they are replaced by spaces). */
    void add(String[] columns) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            String c = columns[i] == null ? "" : columns[i];
            for (int k = 0; k < c.length(); k++) {
                char ch = c.charAt(k);
                line.append(ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch);
            }
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > pending.remaining()) {
            flush();
        }
        if (written == offsets.length) {
            synchronized (this) { // a reader must see the copied offsets, not just the new array
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
        }
        offsets[written++] = fileEnd + pending.position();
        if (bytes.length > pending.capacity()) {
            writeFully(ByteBuffer.wrap(bytes));
            fileEnd += bytes.length;
        } else {
            pending.put(bytes);
        }
        if (pending.position() >= BATCH) {
            flush();
        }
    }

    /** Writes what is pending and makes every row added so far readable. */
    synchronized void flush() throws IOException {
        pending.flip();
        int n = pending.remaining();
        writeFully(pending);
        pending.clear();
        fileEnd += n;
        publishedEnd = fileEnd;
        published = written;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        long at = fileEnd;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }

    /** The number of rows readable now. */
    int size() {
        return published;
    }

    /** Row {@code i} (0-based, below {@link #size}), split into its columns. */
    String[] row(int i) throws IOException {
        long start, end;
        synchronized (this) {
            if (i < 0 || i >= published) {
                throw new IndexOutOfBoundsException(i);
            }
            start = offsets[i];
            end = i + 1 < published ? offsets[i + 1] : publishedEnd;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (end - start));
        long at = start;
        while (b.hasRemaining()) {
            int r = channel.read(b, at);
            if (r < 0) {
                break;
            }
            at += r;
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).split("\t", -1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
