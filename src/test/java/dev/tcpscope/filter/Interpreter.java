package dev.tcpscope.filter;

import dev.tcpscope.field.FieldText;
import dev.tcpscope.field.Values;
import dev.tcpscope.filter.Typed.Test;
import dev.tcpscope.filter.Typed.Value;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A slow, obvious evaluator of {@link Typed} trees, written apart from {@link Compiler} to check
 * it: values are lists of boxed Java objects (Long, Double, byte[], String) built afresh for
 * every frame, comparisons are written out again from Wireshark's rules, nothing is reused.
 */
final class Interpreter {
    private Interpreter() { }

    static boolean test(Test t, Decoder d) {
        return switch (t) {
            case Typed.And a -> test(a.left(), d) && test(a.right(), d);
            case Typed.Or o -> test(o.left(), d) || test(o.right(), d);
            case Typed.Not n -> !test(n.operand(), d);
            case Typed.Never n -> false;
            case Typed.Exists e -> eval(e.field(), d) != null;
            case Typed.NotZero z -> {
                List<Object> v = eval(z.value(), d);
                yield v != null && v.stream().anyMatch(x -> !zero(x));
            }
            case Typed.NotEmpty z -> {
                List<Object> v = eval(z.value(), d);
                yield v != null && v.stream().anyMatch(x -> ((byte[]) x).length > 0);
            }
            case Typed.Relation r -> {
                List<Object> a = eval(r.left(), d);
                List<Object> b = a == null ? null : eval(r.right(), d);
                if (b == null) {
                    yield false;
                }
                FType t1 = r.left() instanceof Typed.Slice || r.right() instanceof Typed.Slice ? FType.BYTES : r.left().type();
                int prefix = Math.min(prefix(r.left()), prefix(r.right()));
                boolean all = r.all();
                for (Object x : a) {
                    for (Object y : b) {
                        boolean h = r.op() == Typed.Op.CONTAINS ? contains(x, y) : holds(r.op(), cmp(t1, x, y, prefix));
                        if (h != all) {
                            yield h;
                        }
                    }
                }
                yield all;
            }
            case Typed.Matches m -> {
                List<Object> a = eval(m.left(), d);
                if (a == null) {
                    yield false;
                }
                for (Object x : a) {
                    String s = x instanceof String str ? str : new String((byte[]) x, StandardCharsets.ISO_8859_1);
                    boolean found = m.pattern().find(s);
                    if (found != m.all()) {
                        yield found;
                    }
                }
                yield m.all();
            }
            case Typed.In in -> {
                for (Typed.Member member : in.members()) {
                    Test one = member.isRange()
                            ? new Typed.And(new Typed.Relation(Typed.Op.GE, in.all(), in.left(), member.low()),
                                    new Typed.Relation(Typed.Op.LE, in.all(), in.left(), member.high()))
                            : new Typed.Relation(Typed.Op.EQ, in.all(), in.left(), member.low());
                    if (member.isRange() ? inRange(in, member, d) : test(one, d)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static boolean inRange(Typed.In in, Typed.Member m, Decoder d) {
        List<Object> a = eval(in.left(), d);
        List<Object> lo = a == null ? null : eval(m.low(), d);
        List<Object> hi = lo == null ? null : eval(m.high(), d);
        if (hi == null) {
            return false;
        }
        int prefix = Math.min(prefix(in.left()), Math.min(prefix(m.low()), prefix(m.high())));
        for (Object x : a) {
            boolean ok = cmp(in.left().type(), x, lo.getFirst(), prefix) >= 0 && cmp(in.left().type(), x, hi.getFirst(), prefix) <= 0;
            if (ok != in.all()) {
                return ok;
            }
        }
        return in.all();
    }

    private static int prefix(Value v) {
        return v instanceof Typed.Const c && (c.type() == FType.IPV4 || c.type() == FType.IPV6) ? c.prefix() : 128;
    }

    private static boolean holds(Typed.Op op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case CONTAINS -> throw new IllegalStateException();
        };
    }

    private static int cmp(FType t, Object x, Object y, int prefix) {
        return switch (t) {
            case BOOLEAN -> Boolean.compare((Long) x != 0, (Long) y != 0);
            case IPV4 -> {
                long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - Math.min(32, prefix))) & 0xffffffffL;
                yield Long.compare((Long) x & mask, (Long) y & mask);
            }
            case IPV6 -> {
                byte[] a = ((byte[]) x).clone();
                byte[] b = ((byte[]) y).clone();
                for (int k = 0; k < 16; k++) {
                    int keep = Math.max(0, Math.min(8, prefix - 8 * k));
                    int mask = (0xff << (8 - keep)) & 0xff;
                    a[k] &= (byte) mask;
                    b[k] &= (byte) mask;
                }
                yield Arrays.compareUnsigned(a, b);
            }
            case DOUBLE -> Double.compare((Double) x, (Double) y);
            case STRING -> ((String) x).compareTo((String) y);
            case ETHER, BYTES, PROTOCOL -> {
                byte[] a = (byte[]) x;
                byte[] b = (byte[]) y;
                yield a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
            }
            default -> Long.compare((Long) x, (Long) y);
        };
    }

    private static boolean contains(Object x, Object y) {
        if (x instanceof String s) {
            return s.contains((String) y);
        }
        String hay = new String((byte[]) x, StandardCharsets.ISO_8859_1);
        return hay.contains(new String((byte[]) y, StandardCharsets.ISO_8859_1));
    }

    private static boolean zero(Object x) {
        return switch (x) {
            case Long l -> l == 0;
            case Double v -> v == 0;
            case String s -> s.isEmpty();
            case byte[] b -> {
                for (byte v : b) {
                    if (v != 0) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    /** The value's occurrences for this frame, or null when a field it needs is missing. */
    static List<Object> eval(Value v, Decoder d) {
        return switch (v) {
            case Typed.FieldRef f -> {
                Values raw = new Values();
                f.extractor().extract(d, raw);
                List<Object> out = new ArrayList<>();
                int max = 0;
                for (int i = 0; i < raw.size(); i++) {
                    max = Math.max(max, raw.layerAt(i));
                }
                for (int i = 0; i < raw.size(); i++) {
                    if (f.layers().isEmpty() || layerSelected(f, raw.layerAt(i), max)) {
                        out.add(box(f.type(), raw, i));
                    }
                }
                yield out.isEmpty() ? null : out;
            }
            case Typed.Const c -> List.of(switch (c.type()) {
                case DOUBLE -> c.d();
                case STRING -> c.s();
                case ETHER, BYTES, PROTOCOL, IPV6 -> c.bytes();
                default -> c.l();
            });
            case Typed.Slice s -> {
                List<Object> base = eval(s.base(), d);
                if (base == null) {
                    yield null;
                }
                List<Object> out = new ArrayList<>();
                for (Object o : base) {
                    byte[] b = bytesOf(s.base().type(), o);
                    java.io.ByteArrayOutputStream acc = new java.io.ByteArrayOutputStream();
                    for (SliceRange r : s.ranges()) {
                        int[] se = range(r, b.length);
                        if (se == null) {
                            break;
                        }
                        acc.write(b, se[0], se[1]);
                    }
                    out.add(acc.toByteArray());
                }
                yield out;
            }
            case Typed.Call c -> call(c, d);
            case Typed.Arith a -> {
                List<Object> x = eval(a.left(), d);
                List<Object> y = x == null ? null : eval(a.right(), d);
                if (y == null) {
                    yield null;
                }
                List<Object> out = new ArrayList<>();
                for (Object p : x) {
                    for (Object q : y) {
                        Object r = arith(a, p, q);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                }
                yield out;
            }
            case Typed.Negate n -> {
                List<Object> x = eval(n.operand(), d);
                yield x == null ? null : x.stream().map(o -> o instanceof Double dd ? (Object) (-dd) : (Object) (-(Long) o)).toList();
            }
        };
    }

    private static Object arith(Typed.Arith a, Object p, Object q) {
        if (p instanceof Double x) {
            double y = (Double) q;
            return switch (a.op()) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                default -> null;
            };
        }
        if (p instanceof byte[] x) {
            byte[] y = (byte[]) q;
            byte[] r = new byte[Math.min(x.length, y.length)];
            for (int k = 0; k < r.length; k++) {
                r[k] = (byte) (x[k] & y[k]);
            }
            return r;
        }
        long x = (Long) p;
        long y = (Long) q;
        Long r = switch (a.op()) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? null : x / y;
            case MOD -> y == 0 ? null : x % y;
            case BITAND -> x & y;
        };
        if (r != null && a.type().isUnsigned() && a.type().wireSize <= 4 && r > 0xffffffffL) {
            return null;
        }
        return r;
    }

    private static List<Object> call(Typed.Call c, Decoder d) {
        List<List<Object>> args = new ArrayList<>();
        for (Value a : c.args()) {
            args.add(eval(a, d));
        }
        List<Object> first = args.getFirst();
        FType t = c.args().getFirst().type();
        switch (c.fn()) {
            case LEN:
                return first == null ? null : first.stream().map(o -> (Object) (long) (o instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length
                        : o instanceof byte[] b && t != FType.IPV6 ? b.length : t.wireSize)).toList();
            case COUNT:
                return first == null ? null : List.of((long) first.size());
            case UPPER:
            case LOWER:
                return first == null ? null : first.stream().map(o -> (Object) (c.fn() == Typed.Fn.UPPER
                        ? ((String) o).toUpperCase(Locale.ROOT) : ((String) o).toLowerCase(Locale.ROOT))).toList();
            case STRING:
                return first == null ? null : first.stream().map(o -> (Object) string(t, o)).toList();
            case ABS:
                return first == null ? null : first.stream().map(o -> o instanceof Double x ? (Object) Math.abs(x) : (Object) Math.abs((Long) o)).toList();
            default:
                Object best = null;
                for (List<Object> a : args) {
                    for (Object o : a == null ? List.of() : a) {
                        int k = best == null ? 0 : cmp(c.type(), o, best, 128);
                        if (best == null || (c.fn() == Typed.Fn.MAX ? k > 0 : k < 0)) {
                            best = o;
                        }
                    }
                }
                return best == null ? null : List.of(best);
        }
    }

    private static String string(FType t, Object o) {
        return switch (t) {
            case IPV4 -> {
                long a = (Long) o;
                yield (a >>> 24 & 0xff) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
            }
            case IPV6 -> {
                StringBuilder sb = new StringBuilder();
                FieldText.ipv6(sb, java.lang.foreign.MemorySegment.ofArray((byte[]) o), 0);
                yield sb.toString();
            }
            case ETHER -> {
                StringBuilder sb = new StringBuilder();
                for (byte b : (byte[]) o) {
                    sb.append(sb.isEmpty() ? "" : ":").append(String.format("%02x", b & 0xff));
                }
                yield sb.toString();
            }
            default -> String.valueOf(o);
        };
    }

    private static byte[] bytesOf(FType t, Object o) {
        return switch (o) {
            case byte[] b -> b;
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case Long l when t == FType.IPV4 -> new byte[] {(byte) (l >>> 24), (byte) (l >>> 16), (byte) (l >>> 8), (byte) (long) l};
            default -> throw new IllegalStateException("not sliceable: " + o);
        };
    }

    /** fvalue_slice's rules for one range, written again: start and length, or null. */
    private static int[] range(SliceRange r, int len) {
        int start;
        int n;
        switch (r) {
            case SliceRange.Offset(long s) -> {
                start = (int) (s < 0 ? s + len : s);
                n = 1;
            }
            case SliceRange.Length(long s, long l) -> {
                start = (int) (s < 0 ? s + len : s);
                n = (int) l;
            }
            case SliceRange.FromStart(long l) -> {
                start = 0;
                n = (int) l;
            }
            case SliceRange.ToEnd(long s) -> {
                start = (int) (s < 0 ? s + len : s);
                n = len - start;
                if (n <= 0) {
                    return null;
                }
            }
            case SliceRange.Between(long s, long e) -> {
                start = (int) (s < 0 ? s + len : s);
                int end = (int) (e < 0 ? e + len : e);
                if ((e < 0 && end < start) || (e >= 0 && end >= len)) {
                    return null;
                }
                n = end - start + 1;
            }
        }
        if (start < 0 || start + n > len) {
            return null;
        }
        return new int[] {start, n};
    }

    private static boolean layerSelected(Typed.FieldRef f, int layer, int count) {
        for (SliceRange r : f.layers()) {
            int[] se = switch (r) {
                case SliceRange.Offset(long s) -> new int[] {(int) (s < 0 ? s + count + 1 : s), 1};
                case SliceRange.Length(long s, long l) -> new int[] {(int) (s < 0 ? s + count + 1 : s), (int) l};
                case SliceRange.Between(long s, long e) -> new int[] {(int) (s < 0 ? s + count + 1 : s), (int) (e - (s < 0 ? s + count + 1 : s) + 1)};
                case SliceRange.ToEnd(long s) -> new int[] {(int) (s < 0 ? s + count + 1 : s), Integer.MAX_VALUE / 2};
                case SliceRange.FromStart(long l) -> new int[] {0, (int) l};
            };
            if (layer >= se[0] && layer < (long) se[0] + se[1]) {
                return true;
            }
        }
        return false;
    }

    private static Object box(FType t, Values v, int i) {
        return switch (t) {
            case DOUBLE -> v.doubleAt(i);
            case STRING -> v.stringAt(i).toString();
            case ETHER, BYTES, PROTOCOL, IPV6 -> {
                byte[] b = new byte[v.lengthAt(i)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) Bytes.u8(v.segmentAt(i), v.offsetAt(i) + k);
                }
                yield b;
            }
            default -> v.longAt(i);
        };
    }
}
