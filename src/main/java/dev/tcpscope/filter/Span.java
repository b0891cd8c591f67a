package dev.tcpscope.filter;

/**
 * A half-open range {@code [start, end)} of character offsets into the filter text. An empty span
 * ({@code start == end}) marks a position, e.g. the end of the input.
 */
public record Span(int start, int end) {
    /** The span used by trees built in code or stripped for comparison. */
    public static final Span NONE = new Span(0, 0);

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
