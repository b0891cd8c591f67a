package dev.tcpscope.field;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The occurrences of one field in one frame, reused from frame to frame. Numbers, times and
 * IPv4 addresses are held as longs; byte strings (bytes, IPv6 and MAC addresses) as a view into
 * the frame's bytes (nothing is copied); strings as {@link CharSequence}s.
 */
public final class Values {
    private int count;
    private long[] longs = new long[4];
    private double[] doubles = new double[4];
    private MemorySegment[] segments = new MemorySegment[4];
    private long[] offsets = new long[4];
    private int[] lengths = new int[4];
    private CharSequence[] strings = new CharSequence[4];
    private int[] layers = new int[4];
    private int layer = 1;

    /** Forgets the occurrences of the previous frame. */
    public Values clear() {
        count = 0;
        layer = 1;
        return this;
    }

    /**
     * Sets the protocol layer the next occurrences belong to: 1 for the first IP header of the
     * frame, 2 for the one inside it, and so on (Wireshark's {@code proto_layer_num}, what a
     * filter's {@code ip.addr#2} selects). {@link #clear()} sets it back to 1.
     */
    public void setLayer(int n) { layer = n; }

    /** The protocol layer of occurrence {@code i} (see {@link #setLayer}). */
    public int layerAt(int i) { return layers[i]; }

    public int size() { return count; }

    public boolean isEmpty() { return count == 0; }

    /** Adds an occurrence of a field without a value (a protocol, a label). */
    public void addPresent() {
        slot();
        lengths[count++] = 0; // no bytes: a slot reused from an earlier field may hold some
    }

    public void addLong(long v) {
        slot();
        strings[count] = null; // a slot reused from a time beyond the calendar may hold its text
        longs[count++] = v;
    }

    /**
     * Adds a time whose count of nanoseconds wrapped (beyond years 1677-2262): filters compare
     * {@code ns}, the output shows {@code text} (tshark's date, or its "Not representable").
     */
    public void addTime(long ns, CharSequence text) {
        slot();
        strings[count] = text;
        longs[count++] = ns;
    }

    public void addDouble(double v) {
        slot();
        doubles[count++] = v;
    }

    public void addBytes(MemorySegment s, long offset, int length) {
        slot();
        segments[count] = s;
        offsets[count] = offset;
        lengths[count++] = length;
    }

    public void addString(CharSequence v) {
        slot();
        strings[count++] = v;
    }

    public long longAt(int i) { return longs[i]; }

    public double doubleAt(int i) { return doubles[i]; }

    public MemorySegment segmentAt(int i) { return segments[i]; }

    public long offsetAt(int i) { return offsets[i]; }

    public int lengthAt(int i) { return lengths[i]; }

    public CharSequence stringAt(int i) { return strings[i]; }

    private void slot() {
        if (count == longs.length) {
            layers = Arrays.copyOf(layers, count * 2);
            int n = count * 2;
            longs = Arrays.copyOf(longs, n);
            doubles = Arrays.copyOf(doubles, n);
            segments = Arrays.copyOf(segments, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            strings = Arrays.copyOf(strings, n);
        }
        layers[count] = layer;
    }
}
