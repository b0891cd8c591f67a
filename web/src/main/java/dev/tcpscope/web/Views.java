package dev.tcpscope.web;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packet list as a display filter shows it: the numbers of the frames that pass, found by one
 * pass over the whole capture with the filter (TCP analysis and reassembly included, so
 * {@code tcp.analysis.flags} and {@code http.request} work as in tshark). View 0 is the
 * unfiltered list. A few recent views are kept (4 bytes a shown frame); at most
 * {@value #RUNNING} filters run at once, and a tab's new filter cancels its previous one.
 */
final class Views {
    static final int RUNNING = 2;
    private static final int KEPT = 8;

    /** A filtered list; {@code frames} are 1-based frame numbers in capture order. */
    record View(int id, String filter, int[] frames) {
        int size() { return frames.length; }
    }

    /** Thrown when {@value #RUNNING} filters already run. */
    static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;
        Busy() { super("two passes over the capture (filters, statistics) are already running; try again when one has finished"); }
    }

    /** Thrown when a tab's newer filter replaced this one before it finished. */
    static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;
        Cancelled() { super("replaced by a newer filter"); }
    }

    private final Path file;
    private final Semaphore running = new Semaphore(RUNNING);
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, View> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, View> e) {
            return size() > KEPT;
        }
    };
    private final Map<String, AtomicBoolean> byTab = new java.util.concurrent.ConcurrentHashMap<>();

    Views(Path file) {
        this.file = file;
    }

    /** Compiles a filter: throws FilterSyntaxException with tshark's message and span. */
    static DisplayFilter compile(String filter) {
        return DisplayFilter.compile(filter, Protocols.fields());
    }

    /** Applies a filter over the whole capture (a blank filter is view 0, every frame). */
    View apply(String filter, String tab) throws IOException, Busy, Cancelled {
        DisplayFilter f = compile(filter);
        int[][] frames = {new int[1024]};
        int[] n = {0};
        pass(tab, decoder -> {
            if (f.test(decoder)) {
                if (n[0] == frames[0].length) {
                    frames[0] = Arrays.copyOf(frames[0], n[0] * 2);
                }
                frames[0][n[0]++] = (int) decoder.frame().number();
            }
        });
        View v = new View(ids.incrementAndGet(), filter, Arrays.copyOf(frames[0], n[0]));
        synchronized (kept) {
            kept.put(v.id(), v);
        }
        return v;
    }

    /**
     * One pass over the whole capture, each frame decoded (analysis and reassembly included) and
     * handed to {@code each}; counted among the {@value #RUNNING} passes that may run at once, and
     * cancelled by the same tab's next pass. The frames before damage are the capture, as in
     * the list.
     */
    void pass(String tab, java.util.function.Consumer<Decoder> each) throws IOException, Busy, Cancelled {
        AtomicBoolean cancel = new AtomicBoolean();
        if (tab != null) {
            AtomicBoolean before = byTab.put(tab, cancel);
            if (before != null) {
                before.set(true);
            }
        }
        if (!running.tryAcquire()) {
            throw new Busy();
        }
        try (CaptureReader reader = Captures.open(file.toString())) {
            Decoder decoder = new Decoder().payloads(Protocols.table());
            Frame frame = new Frame();
            while (reader.next(frame)) {
                if (cancel.get()) {
                    throw new Cancelled();
                }
                decoder.decode(frame);
                each.accept(decoder);
            }
        } catch (dev.tcpscope.capture.CaptureFormatException damaged) {
            // the frames before the damage are the list, as the index lists them
        } finally {
            running.release();
            if (tab != null) {
                byTab.remove(tab, cancel);
            }
        }
    }

    /** Work that reads the whole capture by itself, counted among the passes that may run at once. */
    <T> T bounded(java.util.concurrent.Callable<T> work) throws Exception {
        if (!running.tryAcquire()) {
            throw new Busy();
        }
        try {
            return work.call();
        } finally {
            running.release();
        }
    }

    /** A view applied earlier, or null when it is unknown or no longer kept. */
    View get(int id) {
        synchronized (kept) {
            return kept.get(id);
        }
    }
}
