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

    /** A filtered list; {@code frames} are 1-based frame numbers, in capture order when {@code ordered}. */
    record View(int id, String filter, int[] frames, boolean ordered) {
        int size() { return frames.length; }

        /** Where frame {@code number} is in the list, or else the first frame after it; -1 when none. */
        int find(int number) {
            if (ordered) {
                int at = Arrays.binarySearch(frames, number);
                at = at >= 0 ? at : -at - 1;
                return at < frames.length ? at : -1;
            }
            int best = -1;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i] == number) {
                    return i;
                }
                if (frames[i] > number && (best < 0 || frames[i] < frames[best])) {
                    best = i;
                }
            }
            return best;
        }
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

    /** Text columns are sorted for views of at most this many frames (their texts are held while sorting). */
    static final int MAX_TEXT_SORT = 250_000;

    private final Path file;
    private final CaptureIndex index;
    private final Semaphore running = new Semaphore(RUNNING);
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, View> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, View> e) {
            return size() > KEPT;
        }
    };
    /** The pass each tab runs, with the call that started it. */
    private final Map<String, Pass> byTab = new java.util.concurrent.ConcurrentHashMap<>();

    Views(CaptureIndex index) {
        this.index = index;
        this.file = index.file();
    }

    /**
     * Whether the pass of {@code call} is running. A call is "TAB.N" (the page numbers its long
     * requests) or just "TAB": a pass supersedes the pass of the same tab, and a call's watch
     * stops its own pass only.
     */
    boolean running(String call) {
        Pass p = byTab.get(tabOf(call));
        return p != null && p.call.equals(call);
    }

    /** Cancels the pass of {@code call} if it still runs (its page went away); a later call of the tab goes on. */
    void cancel(String call) {
        Pass p = byTab.get(tabOf(call));
        if (p != null && p.call.equals(call) && byTab.remove(tabOf(call), p)) {
            p.cancel.set(true);
        }
    }

    private record Pass(String call, AtomicBoolean cancel) { }

    private static String tabOf(String call) {
        int dot = call.lastIndexOf('.');
        return dot < 0 ? call : call.substring(0, dot);
    }

    /**
     * The frames a filter shows (every listed frame for a blank filter), sorted by a column of the
     * packet list ({@code sort} 0..6 as in {@link WebServer#COLUMNS}, -1: capture order), as
     * Wireshark sorts: numbers by value, text with digit runs compared as numbers (so addresses
     * and ports come in numeric order), ties in capture order.
     */
    View apply(String filter, String tab, int sort, boolean descending) throws IOException, Busy, Cancelled {
        if (sort < 0 && !filter.isBlank()) {
            return apply(filter, tab);
        }
        int[] frames;
        if (filter.isBlank()) {
            frames = new int[index.frames()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = i + 1;
            }
        } else {
            frames = apply(filter, tab).frames();
        }
        boolean text = sort == 2 || sort == 3 || sort == 4 || sort == 6;
        if (text && frames.length > MAX_TEXT_SORT) {
            throw new IllegalArgumentException("sorting by " + WebServer.COLUMNS.get(sort) + " is offered for up to "
                    + MAX_TEXT_SORT + " packets (this list has " + frames.length + "); filter first");
        }
        Integer[] order = new Integer[frames.length];
        for (int i = 0; i < frames.length; i++) {
            order[i] = i;
        }
        java.util.Comparator<Integer> by;
        if (sort == 0 || sort < 0) {
            by = java.util.Comparator.comparingInt(i -> frames[i]);
        } else {
            String[] keys = new String[frames.length];
            for (int i = 0; i < frames.length; i++) {
                keys[i] = index.row(frames[i])[sort];
            }
            by = text ? (a, b) -> natural(keys[a], keys[b])
                    : java.util.Comparator.comparingDouble(i -> number(keys[i]));
        }
        if (descending) {
            by = by.reversed();
        }
        Arrays.sort(order, by.thenComparingInt(i -> frames[i]));
        int[] sorted = new int[frames.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = frames[order[i]];
        }
        View v = new View(ids.incrementAndGet(), filter, sorted, sort <= 0 && !descending);
        synchronized (kept) {
            kept.put(v.id(), v);
        }
        return v;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NEGATIVE_INFINITY; // an empty time (a record without one) sorts first
        }
    }

    /** Compares texts with each run of digits taken as a number: 10.0.0.2 before 10.0.0.10. */
    static int natural(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i), y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i, sj = j;
                while (i < a.length() && a.charAt(i) == '0') {
                    i++;
                }
                while (j < b.length() && b.charAt(j) == '0') {
                    j++;
                }
                int ei = i, ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = Integer.compare(ei - i, ej - j);
                if (c == 0) {
                    c = a.substring(i, ei).compareTo(b.substring(j, ej));
                }
                if (c == 0) {
                    c = Integer.compare(ei - si, ej - sj); // fewer leading zeros first
                }
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
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
        // a filter on transport fields alone gives the same verdicts without the protocols above
        // TCP and UDP, and the pass takes a third of the time (FieldTable.transportOnly)
        boolean payloads = !f.fields().stream().allMatch(dev.tcpscope.field.FieldTable::transportOnly);
        pass(tab, payloads, decoder -> {
            if (f.test(decoder)) {
                if (n[0] == frames[0].length) {
                    frames[0] = Arrays.copyOf(frames[0], n[0] * 2);
                }
                frames[0][n[0]++] = (int) decoder.frame().number();
            }
        });
        View v = new View(ids.incrementAndGet(), filter, Arrays.copyOf(frames[0], n[0]), true);
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
        pass(tab, true, each);
    }

    /** As {@link #pass(String, java.util.function.Consumer)}, dissecting above TCP and UDP only when {@code payloads}. */
    void pass(String tab, boolean payloads, java.util.function.Consumer<Decoder> each) throws IOException, Busy, Cancelled {
        AtomicBoolean cancel = new AtomicBoolean();
        Pass mine = tab == null ? null : new Pass(tab, cancel);
        if (tab != null) {
            Pass before = byTab.put(tabOf(tab), mine);
            if (before != null) {
                before.cancel.set(true);
            }
        }
        if (!running.tryAcquire()) {
            throw new Busy();
        }
        try (CaptureReader reader = Captures.open(file.toString())) {
            Decoder decoder = payloads ? new Decoder().payloads(Protocols.table().tree(true)) : new Decoder();
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
                byTab.remove(tabOf(tab), mine);
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
