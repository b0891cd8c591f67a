package dev.tcpscope.tcp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes of one PDU being reassembled, kept in fixed pages that come from and go back to a
 * {@link Pool} shared by all PDUs of a read. Page {@code i} holds PDU offsets
 * {@code [i * PAGE, (i + 1) * PAGE)}, so fragments may arrive in any order and leave holes.
 *
 * <p>Why pages: a PDU waits across many frames (an HTTP body interleaved with thousands of other
 * conversations), so its buffer reaches the collector's old generation; a buffer grown by
 * doubling and dropped when the PDU completes became old garbage there, and the serial collector
 * grew the heap towards its maximum instead of collecting it (1.1 GB resident on a 1 GB HTTP
 * capture whose PDUs in flight hold about 100 MB). Pages are reused, so what stays resident is
 * the most bytes ever in flight at once.
 */
final class PduBytes {
    static final int PAGE = 4096;
    private static final int SHIFT = 12;
    private static final byte[][] NONE = new byte[0][];

    /** Free pages, reused by every PDU of a read. */
    static final class Pool {
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        /** Free pages kept at most; more go to the collector. */
        private final int keep;
        /** Pages taken and not given back: what the PDUs in flight hold. */
        private int held;

        Pool(int keepBytes) {
            this.keep = Math.max(1, keepBytes / PAGE);
        }

        byte[] take() {
            held++;
            byte[] p = free.poll();
            return p != null ? p : new byte[PAGE];
        }

        void give(byte[] page) {
            held--;
            if (free.size() < keep) {
                free.push(page);
            }
        }

        /** Bytes the PDUs in flight hold in pages. */
        long heldBytes() { return (long) held * PAGE; }

        /** Pages waiting for reuse (for tests). */
        int free() { return free.size(); }
    }

    private byte[][] pages = NONE;

    /** Copies {@code len} bytes from {@code s} at {@code off} to PDU offset {@code at}. */
    void put(Pool pool, MemorySegment s, long off, int at, int len) {
        int lastPage = len == 0 ? at >>> SHIFT : (at + len - 1) >>> SHIFT;
        if (lastPage >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(lastPage + 1, Math.min(pages.length * 2, (Desegmenter.MAX_PDU_BYTES >>> SHIFT) + 1)));
        }
        int done = 0;
        while (done < len) {
            int pos = at + done;
            int page = pos >>> SHIFT;
            int in = pos & (PAGE - 1);
            int n = Math.min(len - done, PAGE - in);
            byte[] p = pages[page];
            if (p == null) {
                p = pool.take();
                pages[page] = p;
            }
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off + done, p, in, n);
            done += n;
        }
    }

    /** One piece of a walk over PDU offsets: {@code n} bytes at {@code in} of {@code page} (null: a hole), {@code done} bytes into the walk. */
    private interface Piece {
        void at(byte[] page, int in, int done, int n);
    }

    /** Walks PDU offsets {@code [from, from + len)} page by page. */
    private void walk(int from, int len, Piece piece) {
        int done = 0;
        while (done < len) {
            int pos = from + done;
            int page = pos >>> SHIFT;
            int in = pos & (PAGE - 1);
            int n = Math.min(len - done, PAGE - in);
            piece.at(page < pages.length ? pages[page] : null, in, done, n);
            done += n;
        }
    }

    /** Copies PDU offsets {@code [from, from + len)} into {@code dst} at {@code to}; a hole reads as zeros. */
    void get(int from, byte[] dst, int to, int len) {
        walk(from, len, (p, in, done, n) -> {
            if (p == null) {
                Arrays.fill(dst, to + done, to + done + n, (byte) 0);
            } else {
                System.arraycopy(p, in, dst, to + done, n);
            }
        });
    }

    /** Copies PDU offsets {@code [from, from + len)} into {@code dst} at offset 0 (holes stay holes). */
    void moveTo(Pool pool, PduBytes dst, int from, int len) {
        walk(from, len, (p, in, done, n) -> {
            if (p != null) {
                dst.put(pool, MemorySegment.ofArray(p), in, done, n);
            }
        });
    }

    /** Whether no page is held. */
    boolean isEmpty() { return pages == NONE; }

    /** Gives every page back to {@code pool}; the PDU holds nothing after (safe to call twice). */
    void release(Pool pool) {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                pool.give(pages[i]);
                pages[i] = null;
            }
        }
        pages = NONE;
    }
}
