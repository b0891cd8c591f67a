package dev.tcpscope.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes a classic libpcap file (https://www.tcpdump.org/manpages/pcap-savefile.5.html,
 * draft-ietf-opsawg-pcap) to an {@link OutputStream} through a large buffer of its own.
 *
 * <p>Records are written little-endian, as libpcap does on x86. The file header is written by
 * the constructor; {@link #close()} flushes and closes the stream. Not thread-safe.
 */
public final class PcapWriter implements Closeable {
    /** Magic number of a file whose record timestamps carry microseconds. */
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** Magic number of a file whose record timestamps carry nanoseconds. */
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Length of the file header. */
    public static final int FILE_HEADER_LENGTH = 24;
    /** Length of a record header. */
    public static final int RECORD_HEADER_LENGTH = 16;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final OutputStream out;
    private final byte[] buf;
    private final boolean nanos;
    private final int snaplen;
    private int pos;
    private long records;

    /**
     * @param out      where the file goes; closed by {@link #close()}
     * @param linkType a LINKTYPE_ value (see {@code dev.tcpscope.frame.LinkType})
     * @param snaplen  the file's snapshot length; longer frames are cut to it
     * @param nanos    whether timestamps carry nanoseconds rather than microseconds
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanos) throws IOException {
        this(out, linkType, snaplen, nanos, 1 << 20);
    }

    /** As above, with the size of the write buffer in bytes. */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanos, int bufferSize) throws IOException {
        if (snaplen <= 0) throw new IllegalArgumentException("snaplen " + snaplen);
        this.out = out;
        this.nanos = nanos;
        this.snaplen = snaplen;
        this.buf = new byte[Math.max(bufferSize, 4096)];
        LE_INT.set(buf, 0, nanos ? MAGIC_NANOS : MAGIC_MICROS);
        LE_SHORT.set(buf, 4, (short) 2);   // version 2.4
        LE_SHORT.set(buf, 6, (short) 4);
        LE_INT.set(buf, 8, 0);             // thiszone: always 0 in practice
        LE_INT.set(buf, 12, 0);            // sigfigs
        LE_INT.set(buf, 16, snaplen);
        LE_INT.set(buf, 20, linkType);
        pos = FILE_HEADER_LENGTH;
    }

    /** Writes one record holding {@code frame[off, off+len)}, captured whole. */
    public void write(long epochNanos, byte[] frame, int off, int len) throws IOException {
        write(epochNanos, frame, off, len, len);
    }

    /**
     * Writes one record.
     *
     * @param epochNanos the capture time in nanoseconds since 1970; truncated to microseconds in
     *                   a microsecond file
     * @param origLen    the frame's length on the wire ({@code >= len})
     */
    public void write(long epochNanos, byte[] frame, int off, int len, int origLen) throws IOException {
        int incl = Math.min(len, snaplen);
        if (buf.length - pos < RECORD_HEADER_LENGTH + incl) flushBuffer();
        long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        LE_INT.set(buf, pos, (int) sec);
        LE_INT.set(buf, pos + 4, nanos ? frac : frac / 1000);
        LE_INT.set(buf, pos + 8, incl);
        LE_INT.set(buf, pos + 12, origLen);
        pos += RECORD_HEADER_LENGTH;
        if (incl > buf.length - pos) {      // larger than the whole buffer: write it through
            flushBuffer();
            out.write(frame, off, incl);
        } else {
            System.arraycopy(frame, off, buf, pos, incl);
            pos += incl;
        }
        records++;
    }

    /** Number of records written so far. */
    public long records() {
        return records;
    }

    /** Pushes buffered bytes to the stream and flushes it. */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flushBuffer();
        }
    }
}
