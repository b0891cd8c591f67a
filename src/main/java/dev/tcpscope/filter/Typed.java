package dev.tcpscope.filter;

import dev.tcpscope.field.Extractor;
import dev.tcpscope.field.Field;

import java.util.Arrays;
import java.util.List;

/**
 * A display filter after type checking: every literal converted to a constant of the type it is
 * compared with, every field resolved, every comparison with its match mode. Both the compiled
 * predicate ({@link Compiler}) and the reference interpreter of the tests evaluate this tree.
 */
sealed interface Typed {

    /** A test: true or false for a frame. */
    sealed interface Test extends Typed { }

    /** A value: zero or more occurrences of one type for a frame. */
    sealed interface Value extends Typed {
        FType type();
    }

    record And(Test left, Test right) implements Test { }

    record Or(Test left, Test right) implements Test { }

    record Not(Test operand) implements Test { }

    /**
     * A test on a field that is never present (a name the table lacks, in
     * {@link Unknown#ABSENT} mode): always false, as a relation on a missing field is in 4.0.
     */
    record Never() implements Test { }

    /** A bare field or protocol: whether it has an occurrence (in the selected layers). */
    record Exists(FieldRef field) implements Test { }

    /** Arithmetic used as a test (DFVM_NOT_ALL_ZERO): some result is not zero. */
    record NotZero(Value value) implements Test { }

    /** A slice used as a test: some slice is not empty. */
    record NotEmpty(Value value) implements Test { }

    /** What a relation compares. */
    enum Op { EQ, NE, GT, GE, LT, LE, CONTAINS }

    /**
     * {@code left op right} over every pair of occurrences: true when any pair holds (all =
     * false) or when every pair holds (all = true); false when either side has none.
     */
    record Relation(Op op, boolean all, Value left, Value right) implements Test { }

    /** {@code left matches "regex"}, caseless, over every occurrence. */
    record Matches(boolean all, Value left, Regex pattern) implements Test { }

    /** A member of a set: one value, or the inclusive range low..high. */
    record Member(Value low, Value high) {
        boolean isRange() { return high != null; }
    }

    /** {@code left in {…}}: some member holds (an equality or a range test in the given mode). */
    record In(boolean all, Value left, List<Member> members) implements Test { }

    /**
     * A field's occurrences. {@code layers} selects protocol layers ({@code ip.addr#2}), empty
     * for all; {@code extractor} reads the field (for a protocol, its bytes).
     */
    record FieldRef(Field field, Extractor extractor, FType type, List<SliceRange> layers) implements Value { }

    /**
     * A constant. Integers, booleans, times (ns) and IPv4 addresses in {@code l}; floats in
     * {@code d}; MAC, IPv6 and byte strings in {@code bytes}; strings in {@code s}; an IPv4 or
     * IPv6 prefix length in {@code prefix} (32 / 128 without one).
     */
    record Const(FType type, long l, double d, byte[] bytes, String s, int prefix) implements Value {
        static Const ofLong(FType t, long v) {
            return new Const(t, v, 0, null, null, t == FType.IPV4 ? 32 : 0);
        }

        static Const ofBytes(FType t, byte[] b) {
            return new Const(t, 0, 0, b, null, t == FType.IPV6 ? 128 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Const c && c.type == type && c.l == l && Double.compare(c.d, d) == 0
                    && Arrays.equals(c.bytes, bytes) && java.util.Objects.equals(c.s, s) && c.prefix == prefix;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(type, l, d, Arrays.hashCode(bytes), s, prefix);
        }
    }

    /** {@code base[ranges]}: the bytes of each occurrence's ranges, concatenated. */
    record Slice(Value base, List<SliceRange> ranges) implements Value {
        public FType type() { return FType.BYTES; }
    }

    /** The functions of Wireshark 4.0's display filters ({@code epan/dfilter/dfunctions.c}). */
    enum Fn { LEN, COUNT, UPPER, LOWER, STRING, MAX, MIN, ABS }

    record Call(Fn fn, List<Value> args, FType type) implements Value { }

    record Arith(Expr.ArithOp op, Value left, Value right, FType type) implements Value { }

    record Negate(Value operand, FType type) implements Value { }
}
