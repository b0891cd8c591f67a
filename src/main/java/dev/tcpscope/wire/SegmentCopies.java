package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Copies of the memory a frame's layers lie in, for a {@link Dissection#copyOf copy} of its
 * dissection that must outlive the buffers the reader and the reassemblers reuse (the packet
 * list of one frame built on another thread while the next frames decode).
 *
 * <p>Each distinct source segment is copied once, as the range of it the frame uses, into an
 * arena shared by the frames of one batch; identical segments stay identical in the copy (the
 * list compares them). The arena is reused from batch to batch: {@link #clear} before a new
 * batch, when no copy of the previous one is read any more. A copy longer than the arena's room
 * gets a new arena; copies made before keep the old one alive until they are dropped.
 */
public final class SegmentCopies {
    private byte[] arena;
    private MemorySegment arenaSegment;
    private int used;

    private MemorySegment[] from = new MemorySegment[4];
    private MemorySegment[] to = new MemorySegment[4];
    private long[] lo = new long[4];
    private long[] hi = new long[4];
    private int n;

    public SegmentCopies(int room) {
        arena = new byte[room];
        arenaSegment = MemorySegment.ofArray(arena);
    }

    /** Bytes taken from the arena since the last {@link #clear}. */
    public int used() { return used; }

    /** Starts a new batch: the copies made so far may no longer be read. */
    public void clear() {
        used = 0;
        begin();
    }

    /** Starts the copies of one frame. */
    public void begin() {
        Arrays.fill(from, 0, n, null);
        Arrays.fill(to, 0, n, null);
        n = 0;
    }

    /** Notes that the copy must hold {@code [start, end)} of {@code s}. */
    public void need(MemorySegment s, long start, long end) {
        if (s == null) {
            return;
        }
        for (int k = 0; k < n; k++) {
            if (from[k] == s) {
                lo[k] = Math.min(lo[k], start);
                hi[k] = Math.max(hi[k], end);
                return;
            }
        }
        if (n == from.length) {
            from = Arrays.copyOf(from, 2 * n);
            to = Arrays.copyOf(to, 2 * n);
            lo = Arrays.copyOf(lo, 2 * n);
            hi = Arrays.copyOf(hi, 2 * n);
        }
        from[n] = s;
        lo[n] = start;
        hi[n] = end;
        n++;
    }

    /** Copies every range {@link #need} noted, clipped to its segment. */
    public void copy() {
        for (int k = 0; k < n; k++) {
            long size = from[k].byteSize();
            long a = Math.max(0, Math.min(lo[k], size));
            long b = Math.max(a, Math.min(hi[k], size));
            lo[k] = a;
            int len = (int) (b - a);
            if (arena.length - used < len) {
                arena = new byte[Math.max(arena.length, len)];
                arenaSegment = MemorySegment.ofArray(arena);
                used = 0;
            }
            MemorySegment.copy(from[k], ValueLayout.JAVA_BYTE, a, arena, used, len);
            to[k] = arenaSegment.asSlice(used, len);
            used += len;
        }
    }

    private int index(MemorySegment s) {
        for (int k = 0; k < n; k++) {
            if (from[k] == s) {
                return k;
            }
        }
        throw new IllegalStateException("segment not copied");
    }

    /** The copy of {@code s} (null stays null). */
    public MemorySegment to(MemorySegment s) {
        return s == null ? null : to[index(s)];
    }

    /** What to subtract from an offset into {@code s} to find the same byte in its copy. */
    public long shift(MemorySegment s) {
        return s == null ? 0 : lo[index(s)];
    }
}
