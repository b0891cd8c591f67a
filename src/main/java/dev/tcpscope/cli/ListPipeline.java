package dev.tcpscope.cli;

import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.FrameCopy;
import dev.tcpscope.wire.SegmentCopies;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The packet list of {@code read} on two threads. The caller's thread decodes the frames in
 * order, as the analysis must, and copies what the line of each shown frame needs
 * ({@link FrameCopy}, with the bytes its layers lie in); a second thread builds the lines from
 * the copies, in the same order, and writes them. With two cores a read then takes about the
 * longer of the two halves (decoding is roughly two thirds of the work) instead of their sum,
 * once the JIT compiler no longer needs a core of its own: see {@link #worthIt()}.
 *
 * <p>Copies travel in batches of at most {@value #FRAMES} frames or {@value #ROOM} bytes of
 * frame data (one frame longer than that makes its batch alone); at most {@value #BATCHES}
 * batches exist, so memory is bounded whatever the file's length. The writer's first failure
 * (a closed pipe, a bug) is kept, the batches after it are dropped, and the caller's next
 * hand-off throws it, so the command stops as it would on one thread.
 */
final class ListPipeline implements AutoCloseable {
    static final int FRAMES = 256;
    static final int ROOM = 1 << 20;
    static final int BATCHES = 4;

    /** Frames, their coloring rules and whether each is only hidden (a filter dropped it). */
    private static final class Batch {
        final FrameCopy[] frames = new FrameCopy[FRAMES];
        final ColoringRule[] rules = new ColoringRule[FRAMES];
        final boolean[] hidden = new boolean[FRAMES];
        final SegmentCopies copies = new SegmentCopies(ROOM);
        int size;
        boolean last;

        FrameCopy next() {
            FrameCopy c = frames[size];
            if (c == null) {
                c = frames[size] = new FrameCopy();
            }
            return c;
        }
    }

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final PacketList list;
    private final LineWriter out;
    private final boolean colored;
    private final Thread writer;
    private Batch filling;
    private boolean finished;
    private volatile Throwable failure;

    /** Starts the writer: lines of {@code list} to {@code out}, with tshark's colors when {@code colored}. */
    ListPipeline(PacketList list, LineWriter out, boolean colored) {
        this.list = list;
        this.out = out;
        this.colored = colored;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        writer = Thread.ofPlatform().name("tcpscope-list").daemon().unstarted(this::write);
        writer.start();
    }

    /**
     * Whether to list on two threads: as the system property {@code tcpscope.listThreads} says (1
     * or 2), else when the machine has four cores or more. On two cores it did not pay: the JIT
     * compiler keeps the second core busy for the first seconds of a read, and the copies cost
     * the decoding thread about a tenth of its time (bench/README.md, session 37).
     */
    static boolean worthIt() {
        String threads = System.getProperty("tcpscope.listThreads");
        if (threads != null) {
            return threads.strip().equals("2");
        }
        return Runtime.getRuntime().availableProcessors() >= 4;
    }

    /** The frame {@code d} has just decoded is shown, colored by {@code rule} (null: uncolored). */
    void shown(Decoder d, ColoringRule rule) throws IOException {
        Batch b = filling();
        b.next().copyOf(d, b.copies);
        b.rules[b.size] = rule;
        b.hidden[b.size] = false;
        b.size++;
        if (b.size == FRAMES || b.copies.used() >= ROOM) {
            hand(b);
        }
    }

    /** The frame {@code d} has just decoded is hidden by a filter: it still counts for the time column. */
    void hidden(Decoder d) throws IOException {
        Batch b = filling();
        b.next().copyHidden(d);
        b.rules[b.size] = null;
        b.hidden[b.size] = true;
        b.size++;
        if (b.size == FRAMES) {
            hand(b);
        }
    }

    /** Hands the last batch over, waits until every line is written, and throws the writer's failure if any. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        Batch b = filling();
        b.last = true;
        finished = true;
        put(full, b);
        filling = null;
        join();
        rethrow();
    }

    /**
     * Ends the pipeline after the caller's own failure: the lines handed over so far are written
     * (as one thread would have written them before failing) and a writer's failure is returned
     * instead of thrown, for the caller to weigh against its own.
     */
    IOException finishQuietly() {
        try {
            finish();
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            return null; // the caller's failure is the one reported
        }
    }

    /** Stops the writer if it still runs (an exception left the caller's loop): nothing more is written. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            failure = failure != null ? failure : new IOException("abandoned");
            writer.interrupt();
            join();
        }
    }

    private Batch filling() throws IOException {
        if (filling == null) {
            rethrow();
            filling = take(free);
        }
        return filling;
    }

    private void hand(Batch b) throws IOException {
        put(full, b);
        filling = null;
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** The writer's loop: batches in order until the last; after a failure they are only given back. */
    private void write() {
        StringBuilder line = new StringBuilder(256);
        StringBuilder painted = colored ? new StringBuilder(512) : null;
        try {
            while (true) {
                Batch b = full.take();
                if (failure == null) {
                    try {
                        lines(b, line, painted);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                boolean last = b.last;
                b.size = 0;
                b.last = false;
                b.copies.clear();
                free.put(b);
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException abandoned) {
            // close(): the caller stopped on its own failure
        }
    }

    private void lines(Batch b, StringBuilder line, StringBuilder painted) throws IOException {
        for (int i = 0; i < b.size; i++) {
            if (b.hidden[i]) {
                list.skip(b.frames[i]);
                continue;
            }
            line.setLength(0);
            list.appendLine(b.frames[i], line);
            if (painted != null) {
                painted.setLength(0);
                Ansi.appendTsharkLine(painted, line, b.rules[i]);
                out.text(painted);
            } else {
                out.lineMarked(line); // uncolored, the list marks its arrows (ReadCommand)
            }
        }
    }

    private void join() {
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T take(BlockingQueue<T> q) throws IOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static <T> void put(BlockingQueue<T> q, T v) throws IOException {
        try {
            q.put(v);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
