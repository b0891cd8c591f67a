package dev.tcpscope.filter;

/**
 * One node of a slice ({@code frame[0:2]}) or layer list ({@code ip.addr#[1-2]}). Offsets may be
 * negative (counting from the end); lengths are positive; {@code [i-j]} has ends of the same
 * sign and {@code i < j} (4.0 rejects {@code [1-1]}).
 */
public sealed interface SliceRange {
    /** {@code [i]}: one item. */
    record Offset(long start) implements SliceRange {
    }

    /** {@code [i:n]}: n items from i. */
    record Length(long start, long length) implements SliceRange {
    }

    /** {@code [i-j]}: from i to j inclusive. */
    record Between(long start, long end) implements SliceRange {
    }

    /** {@code [i:]}: from i to the end. */
    record ToEnd(long start) implements SliceRange {
    }

    /** {@code [:n]}: the first n items. */
    record FromStart(long length) implements SliceRange {
    }
}
