package dev.tcpscope.web.graph;

import java.util.Objects;

/**
 * One series of a {@link StreamGraph}: its points in plain arrays, ready for JSON. Point
 * {@code i} is ({@code x[i]}, {@code y[i]}), or for {@link #SEGMENTS} the vertical bar from
 * {@code y[i]} to {@code y2[i]} at {@code x[i]}; {@code frames[i]} is the number of the frame
 * it comes from, so that choosing a point can select its packet. Points are in ascending
 * {@code x} (in capture order where {@code x} is equal), as Wireshark's plot orders them.
 *
 * @param name what the legend calls it ("ACK", "Goodput", ...)
 * @param style how to draw it: {@link #POINTS}, {@link #LINE}, {@link #STEP} or {@link #SEGMENTS}
 * @param y2 the bars' other ends for {@link #SEGMENTS}, else null
 */
public record Series(String name, String style, double[] x, double[] y, double[] y2, long[] frames) {
    /** Marks at the points, unconnected. */
    public static final String POINTS = "points";
    /** Straight lines between the points. */
    public static final String LINE = "line";
    /** A step line: each value holds until the next point's {@code x}. */
    public static final String STEP = "step";
    /** A vertical bar per point, from {@code y} to {@code y2}. */
    public static final String SEGMENTS = "segments";

    public Series {
        Objects.requireNonNull(name, "name");
        if (!POINTS.equals(style) && !LINE.equals(style) && !STEP.equals(style) && !SEGMENTS.equals(style)) {
            throw new IllegalArgumentException("unknown series style \"" + style + "\"");
        }
        if (x.length != y.length || x.length != frames.length) {
            throw new IllegalArgumentException("series \"" + name + "\": x, y and frames differ in length");
        }
        if (SEGMENTS.equals(style) != (y2 != null) || y2 != null && y2.length != x.length) {
            throw new IllegalArgumentException("series \"" + name + "\": y2 goes with the segments style, one per point");
        }
    }

    /** The number of points. */
    public int size() { return x.length; }
}
