package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A live capture written to a ring buffer of files, as dumpcap's {@code -b} writes it: a new file
 * when the current one reaches {@code filesize} kB (1000 bytes) or has been open {@code duration},
 * named {@code PREFIX_NNNNN_YYYYMMDDhhmmss.SUFFIX} after the {@code -w} name (the number counts
 * from 00001, the time is when the file was started, local time), and with {@code files:N} only
 * the newest N files kept. Each packet is flushed as it is written, so a killed capture keeps it.
 */
public final class RingWriter implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private final String prefix;
    private final String suffix;
    private final CaptureWriter.Type type;
    private final long maxBytes;
    private final long maxNanos;
    private final int keep;
    private final Deque<Path> written = new ArrayDeque<>();
    private CaptureWriter current;
    private Counting counter;
    private long openedAt;
    private int number;
    /** The one file of a capture without -b, or null. */
    private final Path single;

    /**
     * @param file      the {@code -w} name the file names are made from
     * @param kilobytes a new file past this many kB (1000 bytes), 0: no limit
     * @param seconds   a new file after this many seconds, 0: no limit
     * @param files     keep only the newest this many files, 0: keep all
     */
    public RingWriter(Path file, CaptureWriter.Type type, long kilobytes, double seconds, int files) {
        this(file, type, kilobytes, seconds, files, false);
    }

    private RingWriter(Path file, CaptureWriter.Type type, long kilobytes, double seconds, int files, boolean single) {
        this.single = single ? file : null;
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path dir = file.toAbsolutePath().getParent();
        this.prefix = dir.resolve(dot > 0 ? name.substring(0, dot) : name).toString();
        this.suffix = dot > 0 ? name.substring(dot) : "";
        this.type = type;
        this.maxBytes = kilobytes * 1000;
        this.maxNanos = (long) (seconds * 1e9);
        this.keep = files;
    }

    /** One file of exactly {@code file}'s name, never rotated (a capture without -b). */
    public static RingWriter single(Path file, CaptureWriter.Type type) {
        return new RingWriter(file, type, 0, 0, 0, true);
    }

    /** The file being written, or null before the first packet. */
    public Path currentFile() {
        return written.peekLast();
    }

    private CaptureReader source;

    /**
     * Starts the first file at once, with {@code source}'s interfaces described in it, so a
     * capture that sees no packet still leaves its file as tshark's does.
     */
    public void start(CaptureReader source) throws IOException {
        this.source = source;
        next();
    }

    /** Writes the record {@code reader} returned last, starting a new file first when one is due. */
    public void write(CaptureReader reader, Frame frame) throws IOException {
        if (current == null || maxNanos > 0 && System.nanoTime() - openedAt >= maxNanos) {
            next();
        }
        current.write(reader, frame);
        current.flush();
        if (maxBytes > 0 && counter.bytes >= maxBytes) {
            closeCurrent();
        }
    }

    private void next() throws IOException {
        closeCurrent();
        number++;
        Path file = single != null ? single
                : Path.of(String.format(Locale.ROOT, "%s_%05d_%s%s", prefix, number, STAMP.format(LocalDateTime.now()), suffix));
        counter = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        current = CaptureWriter.open(type, counter);
        if (current instanceof PcapngWriter p && source != null) {
            for (CaptureInterface i : source.interfaces()) {
                p.addInterface(i);
            }
            p.flush();
        }
        written.addLast(file);
        openedAt = System.nanoTime();
        while (keep > 0 && written.size() > keep) {
            Files.deleteIfExists(written.removeFirst());
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            CaptureWriter w = current;
            current = null;
            w.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    /** Counts the bytes handed to the file. */
    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }
}
