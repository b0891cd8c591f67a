package dev.tcpscope.web;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * The packet list of one capture, built by one pass in the background while the page already
 * shows the rows done so far: each frame's columns as {@code tshark -r} prints them (Wireshark's
 * window uses the same texts), its coloring rule, and its TCP stream, spooled to disk
 * ({@link RowSpool}) so that memory does not grow with the capture.
 *
 * <p>A row's columns: No., Time, Source, Destination, Protocol, Length, Info, the index of its
 * coloring rule in {@link #rules()} (-1: none) and its {@code tcp.stream} (-1: not TCP).
 */
final class CaptureIndex implements AutoCloseable {
    private final Path file;
    private final FilterColorizer colorizer;
    private final RowSpool rows;
    private final long fileSize;
    private volatile long position;
    private volatile boolean done;
    private volatile String error;
    private volatile boolean closed;
    private Thread worker;

    CaptureIndex(Path file, FilterColorizer colorizer) throws IOException {
        this.file = file;
        this.colorizer = colorizer;
        this.rows = new RowSpool();
        this.fileSize = Files.size(file);
    }

    /** Starts the pass on a virtual thread; {@link #awaitDone} waits for it. */
    CaptureIndex start() {
        worker = Thread.ofVirtual().name("tcpscope-index").start(this::build);
        return this;
    }

    private void build() {
        try (CaptureReader reader = Captures.open(file.toString())) {
            Decoder decoder = new Decoder().payloads(Protocols.table());
            PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.systemDefault()),
                    MacNames::system, decoder);
            List<ColoringRule> all = colorizer.rules();
            Frame frame = new Frame();
            String[] columns = new String[9];
            while (!closed && reader.next(frame)) {
                decoder.decode(frame);
                list.columns(decoder, columns);
                ColoringRule rule = colorizer.match(decoder);
                columns[7] = Integer.toString(rule == null ? -1 : all.indexOf(rule));
                columns[8] = Long.toString(decoder.tcp() == null ? -1 : decoder.tcp().stream);
                rows.add(columns);
                if (frame.file() != null) {
                    position = frame.filePosition(frame.offset());
                }
            }
        } catch (IOException | RuntimeException e) {
            error = WebErrors.oneLine(e);
        } finally {
            try {
                rows.flush();
            } catch (IOException e) {
                error = WebErrors.oneLine(e);
            }
            done = true;
        }
    }

    Path file() { return file; }

    List<ColoringRule> rules() { return colorizer.rules(); }

    FilterColorizer colorizer() { return colorizer; }

    /** Frames listed so far. */
    int frames() { return rows.size(); }

    boolean done() { return done; }

    /** Why the pass stopped early (a damaged capture), or null. */
    String error() { return error; }

    /** How far the pass is through the file, 0..1 (1 when done; an estimate for compressed files). */
    double progress() {
        if (done) {
            return 1;
        }
        return fileSize == 0 ? 0 : Math.min(0.99, (double) position / fileSize);
    }

    /** The row of frame {@code number} (1-based). */
    String[] row(long number) throws IOException {
        return rows.row((int) (number - 1));
    }

    void awaitDone() throws InterruptedException {
        if (worker != null) {
            worker.join();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rows.close();
    }
}
