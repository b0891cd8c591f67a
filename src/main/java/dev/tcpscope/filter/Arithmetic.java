package dev.tcpscope.filter;

import dev.tcpscope.field.Values;
import dev.tcpscope.filter.Compiler.Source;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Arithmetic in display filters (DFVM's mk_binary and mk_minus): every pair of occurrences of
 * the two sides gives a result, and a pair whose operation fails (division by zero, a 32-bit
 * overflow) gives none, as in Wireshark 4.0's {@code ftype-integer.c}. Unsigned results below
 * zero become signed, as 4.0's uint_subtract makes them INT32.
 */
final class Arithmetic {
    private Arithmetic() { }

    /**
     * A left-deep chain ({@code a + b + c ...}, as the parser builds it) becomes one source that
     * applies its steps in a loop, so a 2,000-term sum (which tshark accepts) is compiled and
     * evaluated without a stack frame per term.
     */
    static Source source(Typed.Arith a) {
        java.util.ArrayDeque<Step> steps = new java.util.ArrayDeque<>();
        Typed.Value at = a;
        while (at instanceof Typed.Arith x) {
            steps.addFirst(new Step(x.op(), x.type(), Compiler.source(x.right())));
            at = x.left();
        }
        Source leaf = Compiler.source(at);
        Step[] chain = steps.toArray(Step[]::new);
        return new Source() {
            Values load(Decoder d) {
                Values x = leaf.load(d);
                for (Step step : chain) {
                    if (x == null) {
                        return null;
                    }
                    Values y = step.right.load(d);
                    if (y == null) {
                        return null;
                    }
                    x = step.apply(x, y);
                }
                return x;
            }
        };
    }

    /** One operator of a chain with its right operand and the buffers of its results. */
    private static final class Step {
        final Expr.ArithOp op;
        final FType t;
        final boolean narrow;
        final Source right;
        final Values out = new Values();
        private byte[] scratch = new byte[64];
        private MemorySegment scratchSegment = MemorySegment.ofArray(scratch);

        Step(Expr.ArithOp op, FType t, Source right) {
            this.op = op;
            this.t = t;
            this.narrow = t.wireSize <= 4 && t.isInteger();
            this.right = right;
        }

        Values apply(Values x, Values y) {
            out.clear();
            int used = 0;
            for (int i = 0; i < x.size(); i++) {
                for (int j = 0; j < y.size(); j++) {
                    if (t == FType.DOUBLE) {
                        double p = x.doubleAt(i);
                        double q = y.doubleAt(j);
                        switch (op) {
                            case ADD -> out.addDouble(p + q);
                            case SUB -> out.addDouble(p - q);
                            case MUL -> out.addDouble(p * q);
                            case DIV -> out.addDouble(p / q);
                            case MOD, BITAND -> { }
                        }
                    } else if (t.isBytes() || t == FType.BYTES) {
                        int n = Math.min(x.lengthAt(i), y.lengthAt(j));
                        if (used + n > scratch.length) {
                            scratch = new byte[Math.max(2 * scratch.length, used + n)];
                            scratchSegment = MemorySegment.ofArray(scratch);
                            used = 0;
                        }
                        for (int k = 0; k < n; k++) {
                            scratch[used + k] = (byte) (Bytes.u8(x.segmentAt(i), x.offsetAt(i) + k)
                                    & Bytes.u8(y.segmentAt(j), y.offsetAt(j) + k));
                        }
                        out.addBytes(scratchSegment, used, n);
                        used += n;
                    } else {
                        long p = x.longAt(i);
                        long q = y.longAt(j);
                        long v;
                        switch (op) {
                            case ADD -> v = p + q;
                            case SUB -> v = p - q;
                            case MUL -> v = p * q;
                            case DIV -> {
                                if (q == 0) {
                                    continue;
                                }
                                v = p / q;
                            }
                            case MOD -> {
                                if (q == 0) {
                                    continue;
                                }
                                v = p % q;
                            }
                            default -> v = p & q;
                        }
                        if (narrow && t.isUnsigned() && v > 0xffffffffL) {
                            continue; // psnip_safe_uint32_*: overflow, no result
                        }
                        out.addLong(v);
                    }
                }
            }
            return out;
        }
    }

    static Source negate(Typed.Negate n) {
        Source s = Compiler.source(n.operand());
        FType t = n.type();
        return new Source() {
            Values load(Decoder d) {
                Values x = s.load(d);
                if (x == null) {
                    return null;
                }
                values.clear();
                for (int i = 0; i < x.size(); i++) {
                    if (t == FType.DOUBLE) {
                        values.addDouble(-x.doubleAt(i));
                    } else {
                        values.addLong(-x.longAt(i));
                    }
                }
                return values;
            }
        };
    }
}
