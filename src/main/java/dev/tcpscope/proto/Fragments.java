package dev.tcpscope.proto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * reassemble.c's {@code fragment_add_seq_next} list for one unit a dissector puts together from
 * several frames (a WebSocket message, an HTTP/2 body): each fragment's frame and length, and
 * the bytes up to a cap (past it the unit is dropped, its fragments still counted); and
 * {@code show_fragment_seq_tree}'s items for it.
 */
public class Fragments {
    private final int max;
    private final List<int[]> parts = new ArrayList<>();
    private byte[] data = new byte[256];
    private int length;
    private boolean overflow;
    /** The whole unit, made once when asked: the "Reassembled ..." source its items point into. */
    private byte[] whole;

    /** A list whose bytes are kept up to {@code max}. */
    public Fragments(int max) {
        this.max = max;
    }

    /** Adds the {@code n} bytes at {@code off} of {@code s}, from frame {@code frame}. */
    public void add(int frame, MemorySegment s, long off, int n) {
        parts.add(new int[] {frame, n});
        if (overflow || (long) length + n > max) {
            overflow = true;
            return;
        }
        if (length + n > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(length + n, data.length * 2));
        }
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, data, length, n);
        length += n;
    }

    /** Each fragment: {frame, length}. */
    public List<int[]> parts() { return parts; }

    public int length() { return length; }

    /** The unit ran past the cap: its bytes are not kept. */
    public boolean overflow() { return overflow; }

    public byte[] bytes() {
        if (whole == null) {
            whole = java.util.Arrays.copyOf(data, length);
            data = null;
        }
        return whole;
    }

    /**
     * A dissector's fragment_items: the fields of the tree, the names its label uses for one
     * fragment and for several, the titles of the count and length items, and the reassembled
     * data item (null: none).
     */
    public record Names(String fragments, String fragment, String count, String length, String data,
                        String one, String many, String countTitle, String lengthTitle, String dataTitle) { }

    /**
     * show_fragment_seq_tree under {@code parent}: "[N NAME (B bytes): #frame(len), ...]" with
     * each fragment's frame and range in the reassembled bytes {@code r} of {@code total} bytes.
     */
    public static void tree(Tree parent, Names names, List<int[]> parts, MemorySegment r, int total) {
        int count = parts.size();
        int[] frames = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            frames[i] = parts.get(i)[0];
            lengths[i] = parts.get(i)[1];
        }
        tree(parent, names, frames, lengths, count, r, total);
    }

    /**
     * show_fragment_seq_tree for the first {@code count} fragments of {@code frames} and
     * {@code lengths}: the label sums their lengths, the items cover what {@code r} holds of them
     * ({@code covered} bytes).
     */
    public static void tree(Tree parent, Names names, int[] frames, int[] lengths, int count, MemorySegment r, int covered) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[i];
        }
        StringBuilder label = new StringBuilder().append(count).append(' ').append(count == 1 ? names.one() : names.many())
                .append(" (").append(total).append(total == 1 ? " byte)" : " bytes)");
        for (int i = 0; i < count; i++) {
            label.append(i == 0 ? ": " : ", ").append('#').append(frames[i]).append('(').append(lengths[i]).append(')');
        }
        String l = label.length() > 239 ? label.substring(0, 239) : label.toString();
        Tree t = parent.none(names.fragments(), l).generated().at(r, 0, covered);
        long at = 0;
        for (int i = 0; i < count; i++) {
            int n = lengths[i];
            t.field(names.fragment(), "Frame: " + frames[i] + ", payload: " + at + "-" + (at + n - 1) + " (" + n
                    + (n == 1 ? " byte)" : " bytes)"), Integer.toString(frames[i])).generated()
                    .at(r, (int) Math.min(at, covered), (int) Math.max(0, Math.min(n, covered - at)));
            at += n;
        }
        t.field(names.count(), names.countTitle() + ": " + count, Integer.toString(count)).generated();
        t.field(names.length(), names.lengthTitle() + ": " + total, Long.toString(total)).generated();
        if (names.data() != null) {
            t.bytes(names.data(), names.dataTitle(), r, 0, covered).generated().at(r, 0, covered);
        }
    }
}
