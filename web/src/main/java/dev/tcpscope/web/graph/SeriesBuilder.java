package dev.tcpscope.web.graph;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Collects the points of one {@link Series} in growable arrays. */
final class SeriesBuilder {
    private final String name;
    private final String style;
    private int size;
    private double[] x = new double[16];
    private double[] y = new double[16];
    private double[] y2;
    private long[] frames = new long[16];

    SeriesBuilder(String name, String style) {
        this.name = name;
        this.style = style;
        if (Series.SEGMENTS.equals(style)) {
            y2 = new double[16];
        }
    }

    SeriesBuilder add(double px, double py, long frame) {
        return add(px, py, 0, frame);
    }

    /** Adds a bar from {@code py} to {@code py2} (a {@link Series#SEGMENTS} series). */
    SeriesBuilder add(double px, double py, double py2, long frame) {
        if (size == x.length) {
            x = Arrays.copyOf(x, size * 2);
            y = Arrays.copyOf(y, size * 2);
            frames = Arrays.copyOf(frames, size * 2);
            if (y2 != null) {
                y2 = Arrays.copyOf(y2, size * 2);
            }
        }
        x[size] = px;
        y[size] = py;
        if (y2 != null) {
            y2[size] = py2;
        }
        frames[size] = frame;
        size++;
        return this;
    }

    int size() { return size; }

    /** The {@code x} of the last point; there must be one. */
    double lastX() { return x[size - 1]; }

    /** Replaces the value and frame of the last point. */
    void replaceLast(double py, long frame) {
        y[size - 1] = py;
        frames[size - 1] = frame;
    }

    /** The series, its points put in ascending {@code x} (a stable sort, as a plot orders its keys). */
    Series build() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = x[i - 1] <= x[i];
        }
        if (sorted) {
            return new Series(name, style, Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                    y2 == null ? null : Arrays.copyOf(y2, size), Arrays.copyOf(frames, size));
        }
        int[] order = IntStream.range(0, size).boxed()
                .sorted(Comparator.comparingDouble(i -> x[i])).mapToInt(Integer::intValue).toArray();
        double[] sx = new double[size];
        double[] sy = new double[size];
        double[] sy2 = y2 == null ? null : new double[size];
        long[] sf = new long[size];
        for (int k = 0; k < size; k++) {
            int i = order[k];
            sx[k] = x[i];
            sy[k] = y[i];
            if (sy2 != null) {
                sy2[k] = y2[i];
            }
            sf[k] = frames[i];
        }
        return new Series(name, style, sx, sy, sy2, sf);
    }
}
