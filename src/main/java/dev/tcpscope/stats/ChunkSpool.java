package dev.tcpscope.stats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a followed stream's chunks until the report is printed, in bounded memory: the first
 * {@code limit} bytes (4 MiB by default) in memory, the rest in a temporary file (deleted when
 * replayed or at exit), appended in {@code limit}-sized pieces so that no file stays open between
 * them (a run following thousands of streams holds no descriptor per stream). tshark holds every
 * chunk in memory; a long stream would make memory grow with the capture.
 */
final class ChunkSpool implements ChunkSink {
    static final int IN_MEMORY = 4 << 20;

    private final int limit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(memory);
    private Path file;
    private long chunks;

    ChunkSpool() {
        this(IN_MEMORY);
    }

    ChunkSpool(int limit) {
        this.limit = limit;
    }

    @Override
    public void chunk(boolean server, long frame, long seconds, int nanos, MemorySegment bytes, long offset, int length) {
        try {
            if (memory.size() + length > limit) {
                spill();
            }
            out.writeBoolean(server);
            out.writeLong(frame);
            out.writeLong(seconds);
            out.writeInt(nanos);
            out.writeInt(length);
            for (int i = 0; i < length; i++) {
                out.write(bytes.get(ValueLayout.JAVA_BYTE, offset + i));
            }
            chunks++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends what memory holds to the file and empties memory. */
    private void spill() throws IOException {
        out.flush();
        if (file == null) {
            file = Files.createTempFile("tcpscope-follow-", ".spool");
            file.toFile().deleteOnExit();
        }
        try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND), 1 << 16)) {
            memory.writeTo(f);
        }
        memory.reset();
    }

    /** Hands every chunk kept, in order, to {@code sink}; the spool is empty afterwards. */
    void replay(ChunkSink sink) throws IOException {
        if (file != null) {
            spill();
        }
        out.flush();
        InputStream source = file == null ? new ByteArrayInputStream(memory.toByteArray())
                : new BufferedInputStream(Files.newInputStream(file), 1 << 16);
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
            out.close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
