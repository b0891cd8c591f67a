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
    /** Live: frames are pushed by {@link #add} as they are captured, and each row shows at once. */
    private final boolean live;
    private Decoder decoder;
    private PacketList list;
    private final String[] columns = new String[9];
    /** Changes whenever rows are published or the pass ends, for {@link #awaitChange}. */
    private long version;

    CaptureIndex(Path file, FilterColorizer colorizer) throws IOException {
        this(file, colorizer, false);
    }

    private CaptureIndex(Path file, FilterColorizer colorizer, boolean live) throws IOException {
        this.file = file;
        this.colorizer = colorizer;
        this.rows = new RowSpool();
        this.fileSize = live ? 0 : Files.size(file);
        this.live = live;
    }

    /**
     * The index of a capture being made: {@code file} is where the capture is written (each
     * packet's block flushed before it is {@link #add added}), for the details and filters.
     */
    static CaptureIndex live(Path file, FilterColorizer colorizer) throws IOException {
        CaptureIndex index = new CaptureIndex(file, colorizer, true);
        index.begin();
        return index;
    }

    private void begin() {
        decoder = new Decoder().payloads(Protocols.table().tree(true)); // Wireshark colors its list: a tree each frame
        list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.systemDefault()), MacNames::system, decoder);
    }

    /** Lists one frame: decodes it after every earlier one and spools its row. */
    void add(Frame frame) throws IOException {
        decoder.decode(frame);
        list.columns(decoder, columns);
        ColoringRule rule = colorizer.match(decoder);
        columns[7] = Integer.toString(rule == null ? -1 : colorizer.rules().indexOf(rule));
        columns[8] = Long.toString(decoder.tcp() == null ? -1 : decoder.tcp().stream);
        rows.add(columns);
        if (live) {
            rows.flush();
            changed();
        } else if (frame.file() != null) {
            position = frame.filePosition(frame.offset());
        }
    }

    /** Ends a live capture's list; {@code problem} is why it ended early, or null. */
    void finish(String problem) {
        error = problem;
        try {
            rows.flush();
        } catch (IOException e) {
            error = WebErrors.oneLine(e);
        }
        done = true;
        changed();
    }

    private synchronized void changed() {
        version++;
        notifyAll();
    }

    /**
     * Waits until rows are published after {@code seen} (a value this returned before; 0 at first)
     * or {@code millis} pass, and returns the current version.
     */
    synchronized long awaitChange(long seen, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (version == seen && !done) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    boolean live() { return live; }

    /**
     * Starts the pass on a platform thread (on a virtual one the same pass took 1.5x as long);
     * {@link #awaitDone} waits for it.
     */
    CaptureIndex start() {
        worker = Thread.ofPlatform().daemon().name("tcpscope-index").start(this::build);
        return this;
    }

    private void build() {
        String problem = null;
        begin();
        try (CaptureReader reader = Captures.open(file.toString())) {
            Frame frame = new Frame();
            long published = 0;
            while (!closed && reader.next(frame)) {
                add(frame);
                if (rows.size() != published) {
                    published = rows.size();
                    changed();
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = WebErrors.oneLine(e);
        } finally {
            finish(problem);
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

    /** The TCP stream of frame {@code number}, or -1 (not TCP, or not listed yet). */
    int stream(long number) {
        try {
            return number <= frames() ? Integer.parseInt(row(number)[8]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
