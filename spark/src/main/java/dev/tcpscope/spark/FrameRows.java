package dev.tcpscope.spark;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.Values;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpAnalyzer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the rows of one partition: each part's frames decoded in capture order by tcpscope's
 * {@link Decoder} (dissection and TCP analysis, two passes per whole file as {@code tshark -2}
 * when the query needs what the whole file says of a stream), then the requested fields
 * extracted; nothing else is computed. A damaged file gives the rows read before the damage and
 * then, when the query selects the {@code error} column, one row naming the problem.
 */
final class FrameRows implements PartitionReader<InternalRow> {
    private final ReadSpec spec;
    private final Iterator<CapturePartition.Part> parts;
    /** With {@code analysis=merged}, every file of the scan, read as one capture; else null. */
    private final List<String> merged;
    private final List<Field> fields;
    private final boolean[] arrays;
    private final Values values = new Values();
    private final StringBuilder scratch = new StringBuilder();
    private final DisplayFilter filter;
    private final Frame frame = new Frame();
    private CapturePartition.Part part;
    private CaptureReader reader;
    private Decoder decoder;
    private UTF8String fileName;
    private InternalRow row;

    FrameRows(ReadSpec spec, CapturePartition partition) {
        this.spec = spec;
        this.merged = partition.merged()
                ? partition.parts().stream().map(CapturePartition.Part::path).toList() : null;
        this.parts = merged != null
                ? List.of(CapturePartition.Part.whole(String.join(",", merged), 0)).iterator()
                : partition.parts().iterator();
        FieldTable table = Protocols.fields();
        int n = spec.columns().size();
        this.fields = new java.util.ArrayList<>(n);
        this.arrays = new boolean[n];
        for (int i = 0; i < n; i++) {
            Field f = table.get(spec.columns().get(i)); // null for the file and error columns
            fields.add(f);
            arrays[i] = f != null && Columns.isArray(f, spec.allOccurrences());
        }
        this.filter = spec.displayFilter() == null ? null : DisplayFilter.compile(spec.displayFilter(), table);
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (reader == null) {
                if (!openNext()) {
                    return false;
                }
                if (openError != null) {
                    String message = openError;
                    openError = null;
                    if (errorRow(message)) {
                        return true;
                    }
                    continue;
                }
            }
            try {
                while (reader.next(frame)) {
                    if (!part.whole()) {
                        renumber();
                    } else if (reader instanceof MergedReader m) {
                        fileName = UTF8String.fromString(m.currentName());
                    }
                    decoder.decode(frame);
                    if (filter != null && !filter.test(decoder)) {
                        continue;
                    }
                    row = row();
                    return true;
                }
                closeReader();
            } catch (CaptureFormatException | UncheckedIOException e) {
                String message = e.getMessage();
                closeReader();
                if (errorRow(message)) {
                    return true;
                }
            } catch (IOException e) {
                String message = "The file \"" + part.path() + "\" could not be read: " + e.getMessage();
                closeReader();
                if (errorRow(message)) {
                    return true;
                }
            }
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FrameRows.class);

    /**
     * Reports a file's damage: as a row when the query selects the error column; else as a
     * failure of the query ({@code onError=fail}) or a warning in the log (the default), the
     * rows read so far kept either way.
     */
    private boolean errorRow(String message) {
        if (!spec.selectsError()) {
            if (spec.failOnError()) {
                throw new IllegalStateException("tcpscope: " + message);
            }
            LOG.warn("{} (the frames read before it are kept; select the error column to see this as a row)", message);
            return false;
        }
        Object[] cells = new Object[fields.size()];
        for (int i = 0; i < cells.length; i++) {
            String c = spec.columns().get(i);
            if (c.equals(ReadSpec.FILE)) {
                cells[i] = fileName;
            } else if (c.equals(ReadSpec.ERROR)) {
                cells[i] = UTF8String.fromString(message);
            }
        }
        row = new GenericInternalRow(cells);
        return true;
    }

    private InternalRow row() {
        Object[] cells = new Object[fields.size()];
        for (int i = 0; i < cells.length; i++) {
            Field f = fields.get(i);
            if (f == null) {
                cells[i] = spec.columns().get(i).equals(ReadSpec.FILE) ? fileName : null;
                continue;
            }
            values.clear();
            f.extractor().extract(decoder, values);
            cells[i] = Columns.value(f, values, arrays[i], scratch);
        }
        return new GenericInternalRow(cells);
    }

    /** A piece's frames count from the piece's first frame number in the file. */
    private void renumber() {
        int fcs = frame.fcsLength();
        frame.set(part.firstNumber() + frame.number() - 1, frame.seconds(), frame.nanos(),
                frame.timestampDigits(), frame.linkType(), frame.interfaceId(), frame.segment(),
                frame.offset(), frame.capturedLength(), frame.originalLength());
        if (fcs >= 0) {
            frame.setFcsLength(fcs);
        }
    }

    /**
     * Opens the next part that the query's time range does not rule out; false when none is
     * left. A part that cannot be opened leaves {@link #openError} set and no reader.
     */
    private boolean openNext() {
        while (parts.hasNext()) {
            part = parts.next();
            fileName = UTF8String.fromString(part.path());
            if (!spec.time().overlaps(part.minTime(), part.maxTime())) {
                continue; // skipped without being read
            }
            ReadSpec.OPENED.incrementAndGet();
            try {
                decoder = new Decoder(spec.twoPass() ? new TcpAnalyzer().recordFinals() : new TcpAnalyzer())
                        .payloads(Protocols.table());
                if (part.whole()) {
                    if (spec.twoPass()) {
                        firstPass();
                        decoder = new Decoder(new TcpAnalyzer(decoder.analyzer().mode(), decoder.analyzer().finals()),
                                decoder).payloads(Protocols.table(), true);
                    }
                    reader = open();
                } else {
                    reader = Captures.open(pieceStream(), part.path());
                }
            } catch (NoSuchFileException e) {
                openError = "The file \"" + part.path() + "\" doesn't exist.";
            } catch (CaptureFormatException e) {
                openError = e.getMessage();
            } catch (IOException e) {
                openError = "The file \"" + part.path() + "\" could not be read: " + e.getMessage();
            }
            return true;
        }
        return false;
    }

    /** Why the part last opened could not be, or null. */
    private String openError;

    /** The first of two passes: the whole file decoded for what it says of each stream. */
    private void firstPass() throws IOException {
        decoder.noteForSecondPass();
        try (CaptureReader first = open()) {
            Frame f = new Frame();
            while (first.next(f)) {
                decoder.decode(f);
            }
        } catch (CaptureFormatException e) {
            // the second pass lists what can be read, then reports the damage
        }
    }

    /** The reader of a whole part: its file, or every file merged. */
    private CaptureReader open() throws IOException {
        return merged != null ? new MergedReader(merged) : Captures.open(Path.of(part.path()), part.path());
    }

    /** The headers the piece needs, then the piece's records: a capture file of its own. */
    private InputStream pieceStream() throws IOException {
        Path p = Path.of(part.path());
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long[] prefix = part.prefix();
            for (int i = 0; i < prefix.length; i += 2) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.toIntExact(prefix[i + 1]));
                while (b.hasRemaining() && ch.read(b, prefix[i] + b.position()) > 0) {
                    // a regular file returns what it has; loop only for short reads
                }
                if (b.hasRemaining()) {
                    throw new CaptureFormatException("The file \"" + part.path() + "\" appears to have been cut short");
                }
                head.write(b.array());
            }
        }
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        ch.position(part.start());
        InputStream body = new java.io.BufferedInputStream(
                new BoundedStream(Channels.newInputStream(ch), part.end() - part.start()), 1 << 16);
        return new SequenceInputStream(new java.io.ByteArrayInputStream(head.toByteArray()), body);
    }

    @Override
    public InternalRow get() {
        return row;
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            CaptureReader r = reader;
            reader = null;
            r.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeReader();
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
