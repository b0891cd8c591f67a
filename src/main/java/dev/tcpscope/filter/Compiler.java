package dev.tcpscope.filter;

import dev.tcpscope.field.FieldText;
import dev.tcpscope.field.Values;
import dev.tcpscope.filter.Typed.Const;
import dev.tcpscope.filter.Typed.Op;
import dev.tcpscope.filter.Typed.Test;
import dev.tcpscope.filter.Typed.Value;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a {@link Typed} tree into a tree of small objects built once: each value node owns
 * the {@link Values} it loads a frame's occurrences into, and each test walks them with the
 * rules of Wireshark 4.0's DFVM ({@code epan/dfilter/dfvm.c}): a missing field makes its whole
 * relation false; relations try every pair of occurrences and stop at the first that decides;
 * slices, functions and arithmetic produce a value per occurrence (per pair for arithmetic).
 * Per frame, nothing is allocated for fields, constants, comparisons and slices of one range.
 */
final class Compiler {
    private Compiler() { }

    /** A compiled test. */
    abstract static class Node {
        abstract boolean test(Decoder d);
    }

    /** A compiled value: loads a frame's occurrences, or returns null when there are none to compare. */
    abstract static class Source {
        final Values values = new Values();
        /** IPv4 / IPv6 prefix length of a constant; the full length for everything else. */
        int prefix = 128;

        abstract Values load(Decoder d);
    }

    /**
     * A left-deep run of {@code and}s (or {@code or}s), as the parser builds {@code a or b or c
     * ...}, as one node testing its terms in a loop: a 5,000-term chain then needs no deeper
     * stack to compile or to test than one term.
     */
    private static Node chain(Test t, boolean and) {
        java.util.ArrayDeque<Node> terms = new java.util.ArrayDeque<>();
        Test at = t;
        while (and ? at instanceof Typed.And : at instanceof Typed.Or) {
            Test right = at instanceof Typed.And a ? a.right() : ((Typed.Or) at).right();
            terms.addFirst(compile(right));
            at = at instanceof Typed.And a ? a.left() : ((Typed.Or) at).left();
        }
        terms.addFirst(compile(at));
        Node[] nodes = terms.toArray(Node[]::new);
        return new Node() {
            boolean test(Decoder d) {
                for (Node n : nodes) {
                    if (n.test(d) != and) {
                        return !and;
                    }
                }
                return and;
            }
        };
    }

    static Node compile(Test t) {
        return switch (t) {
            case Typed.And a when a.left() instanceof Typed.And -> chain(t, true);
            case Typed.Or o when o.left() instanceof Typed.Or -> chain(t, false);
            case Typed.And a -> {
                Node l = compile(a.left());
                Node r = compile(a.right());
                yield new Node() {
                    boolean test(Decoder d) { return l.test(d) && r.test(d); }
                };
            }
            case Typed.Or o -> {
                Node l = compile(o.left());
                Node r = compile(o.right());
                yield new Node() {
                    boolean test(Decoder d) { return l.test(d) || r.test(d); }
                };
            }
            case Typed.Not n -> {
                Node x = compile(n.operand());
                yield new Node() {
                    boolean test(Decoder d) { return !x.test(d); }
                };
            }
            case Typed.Never n -> new Node() {
                boolean test(Decoder d) { return false; }
            };
            case Typed.Exists e -> {
                Source s = source(e.field());
                yield new Node() {
                    boolean test(Decoder d) { return s.load(d) != null; }
                };
            }
            case Typed.NotZero z -> {
                Source s = source(z.value());
                FType type = z.value().type();
                yield new Node() {
                    boolean test(Decoder d) {
                        Values v = s.load(d);
                        for (int i = 0; v != null && i < v.size(); i++) {
                            if (!Ops.isZero(type, v, i)) {
                                return true;
                            }
                        }
                        return false;
                    }
                };
            }
            case Typed.NotEmpty z -> {
                Source s = source(z.value());
                yield new Node() {
                    boolean test(Decoder d) {
                        Values v = s.load(d);
                        for (int i = 0; v != null && i < v.size(); i++) {
                            if (v.lengthAt(i) != 0) {
                                return true;
                            }
                        }
                        return false;
                    }
                };
            }
            case Typed.Relation r -> relation(r.op(), r.all(), source(r.left()), source(r.right()), r.left().type());
            case Typed.Matches m -> {
                Source s = source(m.left());
                FType type = m.left().type();
                Regex regex = m.pattern();
                Ops.ByteChars chars = new Ops.ByteChars();
                boolean all = m.all();
                yield new Node() {
                    boolean test(Decoder d) {
                        Values v = s.load(d);
                        if (v == null) {
                            return false;
                        }
                        for (int i = 0; i < v.size(); i++) {
                            CharSequence cs = type == FType.STRING ? v.stringAt(i)
                                    : chars.reset(v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
                            boolean found = regex.find(cs);
                            if (found != all) {
                                return found;
                            }
                        }
                        return all;
                    }
                };
            }
            case Typed.In in -> {
                Source left = source(in.left());
                FType type = in.left().type();
                Node[] members = new Node[in.members().size()];
                for (int k = 0; k < members.length; k++) {
                    Typed.Member m = in.members().get(k);
                    members[k] = m.isRange()
                            ? range(in.all(), left, source(m.low()), source(m.high()), type)
                            : relation(Op.EQ, in.all(), left, source(m.low()), type);
                }
                yield new Node() {
                    boolean test(Decoder d) {
                        for (Node m : members) {
                            if (m.test(d)) {
                                return true;
                            }
                        }
                        return false;
                    }
                };
            }
        };
    }

    private static boolean holds(Op op, FType t, Values a, int i, Values b, int j, int prefix) {
        if (op == Op.CONTAINS) {
            return Ops.contains(t, a, i, b, j);
        }
        int c = Ops.compare(t, a, i, b, j, prefix);
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case CONTAINS -> false;
        };
    }

    /** DFVM's cmp_test: any pair (or every pair) of occurrences satisfies {@code op}. */
    private static Node relation(Op op, boolean all, Source l, Source r, FType leftType) {
        FType t = l instanceof SliceSource || r instanceof SliceSource ? FType.BYTES : leftType;
        int prefix = Math.min(l.prefix, r.prefix);
        return new Node() {
            boolean test(Decoder d) {
                Values a = l.load(d);
                if (a == null) {
                    return false;
                }
                Values b = r.load(d);
                if (b == null) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    for (int j = 0; j < b.size(); j++) {
                        boolean h = holds(op, t, a, i, b, j, prefix);
                        if (h != all) {
                            return h;
                        }
                    }
                }
                return all;
            }
        };
    }

    /** DFVM's any_in_range / all_in_range. */
    private static Node range(boolean all, Source l, Source lo, Source hi, FType t) {
        int prefix = Math.min(l.prefix, Math.min(lo.prefix, hi.prefix));
        return new Node() {
            boolean test(Decoder d) {
                Values a = l.load(d);
                Values low = a == null ? null : lo.load(d);
                Values high = low == null ? null : hi.load(d);
                if (high == null) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    boolean in = Ops.compare(t, a, i, low, 0, prefix) >= 0 && Ops.compare(t, a, i, high, 0, prefix) <= 0;
                    if (in != all) {
                        return in;
                    }
                }
                return all;
            }
        };
    }

    // ---- values ------------------------------------------------------------------------------

    static Source source(Value v) {
        return switch (v) {
            case Typed.FieldRef f -> f.layers().isEmpty() ? new FieldSource(f) : new LayerSource(f);
            case Const c -> new ConstSource(c);
            case Typed.Slice s -> new SliceSource(source(s.base()), s.base().type(), s.ranges());
            case Typed.Call c -> Functions.source(c);
            case Typed.Arith a -> Arithmetic.source(a);
            case Typed.Negate n -> Arithmetic.negate(n);
        };
    }

    static final class FieldSource extends Source {
        private final dev.tcpscope.field.Extractor extractor;

        FieldSource(Typed.FieldRef f) {
            this.extractor = f.extractor();
        }

        Values load(Decoder d) {
            extractor.extract(d, values.clear());
            return values.isEmpty() ? null : values;
        }
    }

    /** A field with a layer selector: only the occurrences of the selected protocol layers. */
    static final class LayerSource extends Source {
        private final dev.tcpscope.field.Extractor extractor;
        private final List<SliceRange> layers;
        private final FType type;
        private final Values all = new Values();

        LayerSource(Typed.FieldRef f) {
            this.extractor = f.extractor();
            this.layers = f.layers();
            this.type = f.type();
        }

        Values load(Decoder d) {
            extractor.extract(d, all.clear());
            values.clear();
            int max = 0;
            for (int i = 0; i < all.size(); i++) {
                max = Math.max(max, all.layerAt(i));
            }
            for (int i = 0; i < all.size(); i++) {
                if (selected(all.layerAt(i), max)) {
                    copy(type, all, i, values);
                }
            }
            return values.isEmpty() ? null : values;
        }

        /** dfvm.c's drange_contains_layer: negative numbers count from the last layer. */
        private boolean selected(int layer, int count) {
            for (SliceRange r : layers) {
                long lower = switch (r) {
                    case SliceRange.Offset(long s) -> s;
                    case SliceRange.Length(long s, long n) -> s;
                    case SliceRange.Between(long s, long e) -> s;
                    case SliceRange.ToEnd(long s) -> s;
                    case SliceRange.FromStart(long n) -> 0;
                };
                if (lower < 0) {
                    lower += count + 1;
                }
                long upper = switch (r) {
                    case SliceRange.Offset(long s) -> lower;
                    case SliceRange.Length(long s, long n) -> lower + n - 1;
                    case SliceRange.Between(long s, long e) -> e;
                    case SliceRange.ToEnd(long s) -> Integer.MAX_VALUE;
                    case SliceRange.FromStart(long n) -> lower + n - 1;
                };
                if (layer >= lower && layer <= upper) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Copies occurrence {@code i} of {@code from}, a value of type {@code t}, to the end of {@code to}. */
    static void copy(FType t, Values from, int i, Values to) {
        switch (t) {
            case STRING -> to.addString(from.stringAt(i));
            case DOUBLE -> to.addDouble(from.doubleAt(i));
            case ETHER, BYTES, PROTOCOL, IPV6 -> to.addBytes(from.segmentAt(i), from.offsetAt(i), from.lengthAt(i));
            case NONE -> to.addPresent();
            default -> to.addLong(from.longAt(i));
        }
    }

    static final class ConstSource extends Source {
        ConstSource(Const c) {
            prefix = c.type() == FType.IPV4 || c.type() == FType.IPV6 ? c.prefix() : 128;
            switch (c.type()) {
                case DOUBLE -> values.addDouble(c.d());
                case STRING -> values.addString(c.s());
                case ETHER, BYTES, PROTOCOL, IPV6 -> values.addBytes(MemorySegment.ofArray(c.bytes()), 0, c.bytes().length);
                default -> values.addLong(c.l());
            }
        }

        Values load(Decoder d) { return values; }
    }

    /**
     * {@code base[ranges]}: each occurrence's bytes, sliced as fvalue_slice does (ranges that do
     * not fit end the slice). One range of a byte view is a narrower view; anything else is
     * built in a scratch buffer owned by the node.
     */
    static final class SliceSource extends Source {
        private final Source base;
        private final FType baseType;
        private final List<SliceRange> ranges;
        private byte[] scratch = new byte[256];
        private MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
        private int used;

        SliceSource(Source base, FType baseType, List<SliceRange> ranges) {
            this.base = base;
            this.baseType = baseType;
            this.ranges = ranges;
        }

        Values load(Decoder d) {
            Values b = base.load(d);
            if (b == null) {
                return null;
            }
            values.clear();
            used = 0;
            for (int i = 0; i < b.size(); i++) {
                MemorySegment s;
                long off;
                int len;
                switch (baseType) {
                    case IPV4 -> {
                        int at = reserve(4);
                        long a = b.longAt(i);
                        for (int k = 0; k < 4; k++) {
                            scratch[at + k] = (byte) (a >>> (24 - 8 * k));
                        }
                        s = scratchSegment;
                        off = at;
                        len = 4;
                    }
                    case STRING -> {
                        byte[] utf8 = b.stringAt(i).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        int at = reserve(utf8.length);
                        System.arraycopy(utf8, 0, scratch, at, utf8.length);
                        s = scratchSegment;
                        off = at;
                        len = utf8.length;
                    }
                    default -> {
                        s = b.segmentAt(i);
                        off = b.offsetAt(i);
                        len = b.lengthAt(i);
                    }
                }
                slice(s, off, len);
            }
            return values;
        }

        private void slice(MemorySegment s, long off, int fieldLength) {
            if (ranges.size() == 1) {
                long r = bounds(ranges.getFirst(), fieldLength);
                if (r < 0) {
                    values.addBytes(s, off, 0);
                } else {
                    values.addBytes(s, off + (r >>> 32), (int) r);
                }
                return;
            }
            int total = 0;
            for (SliceRange range : ranges) {
                long r = bounds(range, fieldLength);
                if (r < 0) {
                    break;
                }
                total += (int) r;
            }
            int at = reserve(total);
            int pos = at;
            for (SliceRange range : ranges) {
                long r = bounds(range, fieldLength);
                if (r < 0) {
                    break;
                }
                MemorySegment.copy(s, off + (r >>> 32), scratchSegment, pos, (int) r);
                pos += (int) r;
            }
            values.addBytes(scratchSegment, at, total);
        }

        private int reserve(int n) {
            if (used + n > scratch.length) {
                // Earlier views point into the old buffer, which stays valid; only new ones move.
                scratch = new byte[Math.max(scratch.length * 2, used + n)];
                scratchSegment = MemorySegment.ofArray(scratch);
                used = 0;
            }
            int at = used;
            used += n;
            return at;
        }
    }

    /**
     * Start (high 32 bits) and length (low 32 bits) of one slice range in a value of
     * {@code length} bytes, or -1 when it does not fit (fvalue_slice's slice_failure).
     */
    static long bounds(SliceRange r, int length) {
        long start = switch (r) {
            case SliceRange.Offset(long s) -> s;
            case SliceRange.Length(long s, long n) -> s;
            case SliceRange.Between(long s, long e) -> s;
            case SliceRange.ToEnd(long s) -> s;
            case SliceRange.FromStart(long n) -> 0;
        };
        if (start < 0) {
            start += length;
            if (start < 0) {
                return -1;
            }
        }
        long n;
        switch (r) {
            case SliceRange.ToEnd t -> {
                n = length - start;
                if (n <= 0) {
                    return -1;
                }
            }
            case SliceRange.Between(long s, long e) -> {
                long end = e;
                if (end < 0) {
                    end += length;
                    if (end < start) {
                        return -1;
                    }
                } else if (end >= length) {
                    return -1;
                }
                n = end - start + 1;
            }
            case SliceRange.Offset o -> {
                n = 1;
                if (start + n > length) {
                    return -1;
                }
            }
            case SliceRange.Length(long s, long len) -> {
                n = len;
                if (start + n > length) {
                    return -1;
                }
            }
            case SliceRange.FromStart(long len) -> {
                n = len;
                if (start + n > length) {
                    return -1;
                }
            }
        }
        return start << 32 | n;
    }

    /** Writes an occurrence as {@code string()} does (FTREPR_DFILTER). */
    static String repr(FType t, Values v, int i) {
        StringBuilder sb = new StringBuilder();
        switch (t) {
            case IPV4 -> FieldText.ipv4(sb, v.longAt(i));
            case IPV6 -> FieldText.ipv6(sb, v.segmentAt(i), v.offsetAt(i));
            case ETHER -> FieldText.hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i), ':');
            case DOUBLE -> sb.append(v.doubleAt(i));
            case INT8, INT16, INT32, INT64 -> sb.append(v.longAt(i));
            default -> sb.append(Long.toUnsignedString(v.longAt(i)));
        }
        return sb.toString();
    }

    static int u8(MemorySegment s, long off) {
        return Bytes.u8(s, off);
    }

    static String lower(CharSequence s, boolean upper) {
        String x = s.toString();
        return upper ? x.toUpperCase(Locale.ROOT) : x.toLowerCase(Locale.ROOT);
    }
}
