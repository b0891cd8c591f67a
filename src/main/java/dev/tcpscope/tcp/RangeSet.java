package dev.tcpscope.tcp;

/**
 * A small set of disjoint sequence-number ranges {@code [start, end)}, compared modulo 2^32
 * (RFC 9293 §3.4), kept sorted and merged. It holds at most {@value #MAX} ranges: past that the
 * lowest is forgotten, so memory per direction stays bounded whatever the traffic.
 */
final class RangeSet {
    static final int MAX = 16;
    private static final int[] NONE = new int[0];
    // Allocated on the first add: most connections never need one (memory per stream).
    private int[] start = NONE;
    private int[] end = NONE;
    private int n;

    int size() { return n; }

    /** Adds {@code [s, e)}, merging it with the ranges it touches. */
    void add(int s, int e) {
        if (e - s <= 0) {
            return;
        }
        if (start.length == 0) {
            start = new int[MAX];
            end = new int[MAX];
        }
        int i = 0;
        while (i < n && end[i] - s < 0) {
            i++;
        }
        int j = i;
        while (j < n && start[j] - e <= 0) {
            if (start[j] - s < 0) {
                s = start[j];
            }
            if (end[j] - e > 0) {
                e = end[j];
            }
            j++;
        }
        int removed = j - i;
        if (removed == 0 && n == MAX) {
            if (i == 0) {
                return; // below everything kept: it is the oldest anyway
            }
            System.arraycopy(start, 1, start, 0, i - 1); // drop the lowest to make room
            System.arraycopy(end, 1, end, 0, i - 1);
            i--;
        } else if (removed != 1) {
            System.arraycopy(start, j, start, i + 1, n - j);
            System.arraycopy(end, j, end, i + 1, n - j);
            n += 1 - removed;
        }
        start[i] = s;
        end[i] = e;
    }

    /** Removes {@code [s, e)}; says whether any of it was in the set. */
    boolean remove(int s, int e) {
        boolean hit = false;
        for (int i = 0; i < n; i++) {
            if (end[i] - s <= 0 || start[i] - e >= 0) {
                continue;
            }
            hit = true;
            boolean keepLow = start[i] - s < 0;
            boolean keepHigh = end[i] - e > 0;
            if (keepLow && keepHigh) {
                if (n == MAX) {
                    end[i] = s; // no room to split: keep the lower part
                    continue;
                }
                System.arraycopy(start, i + 1, start, i + 2, n - i - 1);
                System.arraycopy(end, i + 1, end, i + 2, n - i - 1);
                start[i + 1] = e;
                end[i + 1] = end[i];
                end[i] = s;
                n++;
                i++;
            } else if (keepLow) {
                end[i] = s;
            } else if (keepHigh) {
                start[i] = e;
            } else {
                System.arraycopy(start, i + 1, start, i, n - i - 1);
                System.arraycopy(end, i + 1, end, i, n - i - 1);
                n--;
                i--;
            }
        }
        return hit;
    }

    /** Forgets everything below {@code s}. */
    void removeBelow(int s) {
        if (n > 0 && start[0] - s < 0) {
            remove(start[0], s);
        }
    }

    /** Bytes of the set inside {@code [s, e)}. */
    long covered(int s, int e) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int lo = start[i] - s < 0 ? s : start[i];
            int hi = end[i] - e > 0 ? e : end[i];
            if (hi - lo > 0) {
                sum += hi - lo;
            }
        }
        return sum;
    }

    void clear() { n = 0; }

    /** Appends the set to {@code out} (for {@link ConversationSpill}). */
    void write(java.nio.ByteBuffer out) {
        out.put((byte) n);
        for (int i = 0; i < n; i++) {
            out.putInt(start[i]).putInt(end[i]);
        }
    }

    /** Reads back what {@link #write} wrote. */
    void read(java.nio.ByteBuffer in) {
        n = in.get();
        if (n > 0 && start.length == 0) {
            start = new int[MAX];
            end = new int[MAX];
        }
        for (int i = 0; i < n; i++) {
            start[i] = in.getInt();
            end[i] = in.getInt();
        }
    }
}
