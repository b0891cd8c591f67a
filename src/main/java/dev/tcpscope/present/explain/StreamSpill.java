package dev.tcpscope.present.explain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Where the explainer's streams go that have not been seen for a while, so that explaining a
 * capture of a million connections does not keep a million {@link StreamState}s (one or two KB
 * each) in memory: each is written whole to an unlinked temporary file and read back, exactly
 * as it was, when its stream has a packet again or its summary is printed. The index is one
 * {@code int} per stream number (streams are numbered densely from 0), in pages allocated as
 * the numbers grow: the record's offset in units of 8 bytes (records start on multiples of 8),
 * so 4 MB for a million streams and 32 GiB of records at most.
 *
 * <p>If no temporary file can be made, {@link #put} says so and the stream stays in memory.
 */
final class StreamSpill implements AutoCloseable {
    private static final int PAGE_BITS = 14, PAGE = 1 << PAGE_BITS;

    private final dev.tcpscope.tcp.SpillFile spillFile = new dev.tcpscope.tcp.SpillFile("tcpscope-explain-");
    private FileChannel file;
    /** Whether a write failed: nothing more is spilled. */
    private boolean failed;
    private long written;
    /**
     * Per stream: the record's offset / {@value #ALIGN} + 1 in the file, unsigned; 0 when the
     * stream is not there.
     */
    private int[][] pages = new int[16][];
    private static final int ALIGN = 8;
    /** Records from this offset on are not written (an index entry could not say where they are). */
    private static final long LAST_OFFSET = (0xffff_ffffL - 1) * ALIGN;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final DataOutputStream data = new DataOutputStream(bytes);
    private int size;
    private long spills;

    /** Streams held in the file. */
    int size() { return size; }

    /** Streams written to the file so far, including those taken back. */
    long spills() { return spills; }

    /** Whether {@code stream} is in the file. */
    boolean contains(int stream) { return slot(stream) != 0; }

    /** Writes {@code st} to the file; false when it could not (the caller then keeps it). */
    boolean put(StreamState st) {
        if (!open()) {
            return false;
        }
        try {
            bytes.reset();
            data.writeInt(0);
            st.write(data);
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
            b.putInt(0, b.remaining());
            long at = written;
            if (at > LAST_OFFSET) {
                return false;
            }
            while (b.hasRemaining()) {
                written += file.write(b, written);
            }
            written = (written + ALIGN - 1) & -ALIGN;
            index(st.stream, (int) (at / ALIGN + 1));
            size++;
            spills++;
            return true;
        } catch (IOException | RuntimeException e) {
            failed = true;
            return false;
        }
    }

    /** Takes {@code stream} out of the file, or returns null when it is not there. */
    StreamState take(int stream) {
        StreamState st = read(stream);
        if (st != null) {
            index(stream, 0);
            size--;
        }
        return st;
    }

    /** A copy of {@code stream} as the file holds it (it stays there), or null when it is not there. */
    StreamState read(int stream) {
        long slot = Integer.toUnsignedLong(slot(stream));
        if (slot == 0) {
            return null;
        }
        long at = (slot - 1) * ALIGN;
        try {
            ByteBuffer length = ByteBuffer.allocate(4);
            readFully(length, at);
            ByteBuffer record = ByteBuffer.allocate(length.getInt(0) - 4);
            readFully(record, at + 4);
            return StreamState.read(new DataInputStream(new ByteArrayInputStream(record.array())));
        } catch (IOException | RuntimeException e) {
            return null; // the file failed under us: the stream starts again from what comes
        }
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (file.read(b, at + b.position()) < 0) {
                throw new IOException("the explainer's spill file ended early");
            }
        }
    }

    private int slot(int stream) {
        int p = stream >>> PAGE_BITS;
        return stream < 0 || p >= pages.length || pages[p] == null ? 0 : pages[p][stream & PAGE - 1];
    }

    private void index(int stream, int value) {
        int p = stream >>> PAGE_BITS;
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        if (pages[p] == null) {
            pages[p] = new int[PAGE];
        }
        pages[p][stream & PAGE - 1] = value;
    }

    private boolean open() {
        if (file == null && !failed) {
            file = spillFile.channel();
        }
        return file != null && !failed;
    }

    @Override
    public void close() {
        spillFile.close();
        file = null;
    }
}
