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

    static Source source(Typed.Arith a) {
        Source l = Compiler.source(a.left());
        Source r = Compiler.source(a.right());
        FType t = a.type();
        boolean narrow = t.wireSize <= 4 && t.isInteger();
        return new Source() {
            private byte[] scratch = new byte[64];
            private MemorySegment scratchSegment = MemorySegment.ofArray(scratch);

            Values load(Decoder d) {
                Values x = l.load(d);
                if (x == null) {
                    return null;
                }
                Values y = r.load(d);
                if (y == null) {
                    return null;
                }
                values.clear();
                int used = 0;
                for (int i = 0; i < x.size(); i++) {
                    for (int j = 0; j < y.size(); j++) {
                        if (t == FType.DOUBLE) {
                            double p = x.doubleAt(i);
                            double q = y.doubleAt(j);
                            switch (a.op()) {
                                case ADD -> values.addDouble(p + q);
                                case SUB -> values.addDouble(p - q);
                                case MUL -> values.addDouble(p * q);
                                case DIV -> values.addDouble(p / q);
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
                            values.addBytes(scratchSegment, used, n);
                            used += n;
                        } else {
                            long p = x.longAt(i);
                            long q = y.longAt(j);
                            long v;
                            switch (a.op()) {
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
                            values.addLong(v);
                        }
                    }
                }
                return values;
            }
        };
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
