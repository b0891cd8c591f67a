package dev.tcpscope.stats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Bytes collected in fixed pages taken from a shared {@link Pool}: the buffers of many followed
 * streams share one memory budget, and the pages are reused rather than dropped, so data that
 * waits a while (and so reaches the collector's old generation) never becomes garbage there: with
 * the serial collector, old garbage made the heap grow towards its maximum instead of being
 * collected (1.6 GB resident for a 1 GB capture with buffers that were dropped after each write).
 */
final class PageBuffer {
    static final int PAGE = 4096;

    /**
     * The pages of a set of buffers: at most {@code budget} bytes of them; when none is free and
     * the budget is reached, {@code exhausted} runs, which must drain buffers (give pages back).
     */
    static final class Pool {
        private final int max;
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        private int allocated;
        private final Exhausted exhausted;

        /** What to do when the pool is empty: write buffers out. */
        interface Exhausted {
            void drain() throws IOException;
        }

        Pool(int budget, Exhausted exhausted) {
            this.max = Math.max(1, budget / PAGE);
            this.exhausted = exhausted;
        }

        private byte[] take() throws IOException {
            if (free.isEmpty() && allocated >= max) {
                exhausted.drain();
            }
            byte[] page = free.poll();
            if (page == null) {
                page = new byte[PAGE]; // also when draining freed nothing: never fail for want of memory
                allocated++;
            }
            return page;
        }

        /** Drops the free pages (the run is over). */
        void clear() {
            free.clear();
            allocated = 0;
        }
    }

    private byte[][] pages = new byte[0][];
    private int count;
    private int lastFill;
    private long size;

    /** The bytes held. */
    long size() { return size; }

    /** The last page with room, after taking a new one from the pool if needed (which may drain this buffer). */
    private byte[] room(Pool pool) throws IOException {
        if (count > 0 && lastFill < PAGE) {
            return pages[count - 1];
        }
        byte[] page = pool.take();
        if (count == pages.length) {
            pages = Arrays.copyOf(pages, Math.max(4, 2 * count));
        }
        pages[count++] = page;
        lastFill = 0;
        return page;
    }

    void put(Pool pool, byte b) throws IOException {
        byte[] page = room(pool);
        page[lastFill++] = b;
        size++;
    }

    void put(Pool pool, byte[] src, int offset, int length) throws IOException {
        for (int i = 0; i < length; ) {
            byte[] page = room(pool);
            int n = Math.min(length - i, PAGE - lastFill);
            System.arraycopy(src, offset + i, page, lastFill, n);
            lastFill += n;
            size += n;
            i += n;
        }
    }

    void put(Pool pool, MemorySegment src, long offset, int length) throws IOException {
        for (int i = 0; i < length; ) {
            byte[] page = room(pool);
            int n = Math.min(length - i, PAGE - lastFill);
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset + i, page, lastFill, n);
            lastFill += n;
            size += n;
            i += n;
        }
    }

    /** Writes every byte held to {@code out} and gives the pages back. */
    void drainTo(GatheringByteChannel out, Pool pool) throws IOException {
        if (count == 0) {
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = ByteBuffer.wrap(pages[i], 0, i == count - 1 ? lastFill : PAGE);
        }
        while (buffers[count - 1].hasRemaining()) {
            out.write(buffers);
        }
        release(pool);
    }

    /** The bytes held, in order, as a stream (valid until the buffer changes). */
    InputStream stream() {
        List<InputStream> parts = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parts.add(new ByteArrayInputStream(pages[i], 0, i == count - 1 ? lastFill : PAGE));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Gives the pages back unwritten and empties the buffer. */
    void release(Pool pool) {
        for (int i = 0; i < count; i++) {
            pool.free.push(pages[i]);
            pages[i] = null;
        }
        count = 0;
        lastFill = 0;
        size = 0;
    }
}
