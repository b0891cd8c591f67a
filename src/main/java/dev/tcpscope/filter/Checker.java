package dev.tcpscope.filter;

import dev.tcpscope.field.Extractor;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.ProtocolBytes;
import dev.tcpscope.field.ValueStrings;
import dev.tcpscope.filter.Expr.ArithOp;
import dev.tcpscope.filter.Expr.CmpOp;
import dev.tcpscope.filter.Expr.Quantifier;
import dev.tcpscope.filter.Typed.Const;
import dev.tcpscope.filter.Typed.Fn;
import dev.tcpscope.filter.Typed.Member;
import dev.tcpscope.filter.Typed.Op;
import dev.tcpscope.filter.Typed.Test;
import dev.tcpscope.filter.Typed.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parsed filter against the field table and gives its {@link Typed} tree: Wireshark
 * 4.0's {@code epan/dfilter/semcheck.c} and {@code dfunctions.c}, with their rules and messages.
 * A word is a field when the table has it, else a literal, which is converted to the type of
 * what it is compared with; relations get their match mode ({@code ==} any, {@code !=} all,
 * {@code ===} all, {@code !==} any, the others any, unless {@code any}/{@code all} says).
 * Errors are {@link FilterSyntaxException}s with tshark's message and a span for the caret.
 *
 * <p>With {@link Unknown#ABSENT}, a name the table lacks is a field of some protocol tcpscope does
 * not dissect, which is therefore never present: the test that uses it (a bare name, a relation,
 * a set membership) becomes {@link Typed.Never}, so its negation is true, as in Wireshark for a
 * known field that a frame lacks. A value that cannot be converted for such a test, or that
 * names a value of a field tcpscope knows no value names for ({@code ip.proto == "TCP"}), also
 * makes the test {@code Never} in that mode.
 */
final class Checker {
    private final FieldTable table;
    private final String src;
    private final boolean lenient;
    /** The names of the fields and protocols the filter refers to. */
    private final java.util.Set<String> used = new java.util.TreeSet<>();

    private Checker(FieldTable table, String src, boolean lenient) {
        this.table = table;
        this.src = src;
        this.lenient = lenient;
    }

    static Test check(Expr e, FieldTable table, String src) {
        return check(e, table, src, Unknown.ERROR);
    }

    static Test check(Expr e, FieldTable table, String src, Unknown unknown) {
        return check(e, table, src, unknown, new java.util.TreeSet<>());
    }

    /** As {@link #check(Expr, FieldTable, String, Unknown)}, adding to {@code used} the names of the fields it refers to. */
    static Test check(Expr e, FieldTable table, String src, Unknown unknown, java.util.Set<String> used) {
        Checker c = new Checker(table, src, unknown == Unknown.ABSENT);
        Test t = c.test(e);
        used.addAll(c.used);
        return t;
    }

    /**
     * Thrown in lenient mode where a name is not in the table (or a value cannot be converted):
     * caught by the test around it, which becomes {@link Typed.Never}. Carries no stack trace:
     * it is control flow, not an error.
     */
    private static final class Absent extends RuntimeException {
        private static final Absent INSTANCE = new Absent();

        private Absent() {
            super(null, null, false, false);
        }
    }

    /** Whether lenient mode takes {@code text} for the name of a field tcpscope lacks. */
    private boolean absentName(String text) {
        return lenient && table.get(text) == null && ABSENT_NAME.matcher(text).matches();
    }

    /** A field or protocol name as Wireshark registers them: a letter first, then letters, digits, _ - . */
    private static final Pattern ABSENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private static FilterSyntaxException fail(Expr at, String message) {
        return new FilterSyntaxException(message, at.span());
    }

    /** What tshark shows for a node in messages: its text as written. */
    private String display(Expr e) {
        return switch (e) {
            case Expr.Field f -> f.name();
            case Expr.Unparsed u -> u.text();
            default -> src.substring(e.span().start(), e.span().end());
        };
    }

    // ---- tests -----------------------------------------------------------------------------

    /**
     * A left-deep run of {@code and}s or {@code or}s checked in a loop, left to right as the
     * recursion would: a 5,000-term chain needs no deeper stack than one term.
     */
    private Test chain(Expr e) {
        boolean and = e instanceof Expr.And;
        java.util.ArrayDeque<Expr> rights = new java.util.ArrayDeque<>();
        Expr at = e;
        while (and ? at instanceof Expr.And : at instanceof Expr.Or) {
            rights.addFirst(at instanceof Expr.And a ? a.right() : ((Expr.Or) at).right());
            at = at instanceof Expr.And a ? a.left() : ((Expr.Or) at).left();
        }
        Test acc = test(at);
        for (Expr r : rights) {
            Test t = test(r);
            acc = and ? new Typed.And(acc, t) : new Typed.Or(acc, t);
        }
        return acc;
    }

    private Test test(Expr e) {
        return switch (e) {
            case Expr.And a when a.left() instanceof Expr.And -> chain(e);
            case Expr.Or o when o.left() instanceof Expr.Or -> chain(e);
            case Expr.And a -> new Typed.And(test(a.left()), test(a.right()));
            case Expr.Or o -> new Typed.Or(test(o.left()), test(o.right()));
            case Expr.Not n -> {
                // A run of nots is checked in a loop and kept by parity (not not x is x).
                int nots = 0;
                Expr at = n;
                while (at instanceof Expr.Not inner) {
                    nots++;
                    at = inner.operand();
                }
                Test once = new Typed.Not(test(at));
                yield nots % 2 == 1 ? once : new Typed.Not(once);
            }
            // "x not in {...}" is "!(x in {...})" in 4.0: true when x is absent
            case Expr.In i when i.negated() -> new Typed.Not(leaf(new Expr.In(i.quantifier(), i.left(), i.set(), false, i.span())));
            default -> leaf(e);
        };
    }

    /** A test without and/or/not; {@link Typed.Never} when lenient mode finds an absent name in it. */
    private Test leaf(Expr e) {
        try {
            return leafTest(e);
        } catch (Absent a) {
            return new Typed.Never();
        }
    }

    private Test leafTest(Expr e) {
        return switch (e) {
            case Expr.And a -> throw new IllegalStateException("not a leaf");
            case Expr.Or o -> throw new IllegalStateException("not a leaf");
            case Expr.Not n -> throw new IllegalStateException("not a leaf");
            case Expr.Compare c -> {
                Test all = null;
                for (int i = 0; i < c.ops().size(); i++) {
                    Test t = compare(c.quantifier(), c.ops().get(i), c.operands().get(i), c.operands().get(i + 1));
                    all = all == null ? t : new Typed.And(all, t);
                }
                yield all;
            }
            case Expr.Contains c -> relation("contains", Op.CONTAINS, mode(c.quantifier(), false), c.left(), c.right(),
                    FType::canContains, true, false);
            case Expr.Matches m -> matches(m);
            case Expr.In i -> in(i);
            case Expr.Arith a -> new Typed.NotZero(arith(a, FType.NONE));
            case Expr.Negate n -> new Typed.NotZero(arith(n, FType.NONE));
            case Expr.Slice s -> new Typed.NotEmpty(slice(s, FType.NONE));
            case Expr.Call c -> throw fail(c, "You cannot test whether a function is present.");
            case Expr.Field f -> new Typed.Exists(field(f));
            case Expr.Unparsed u -> {
                Typed.FieldRef f = fieldOrNull(u);
                if (f == null) {
                    absentIfName(u);
                    throw fail(u, display(u) + " is neither a field nor a protocol name.");
                }
                yield new Typed.Exists(f);
            }
            case Expr.Str s -> throw fail(s, display(s) + " is neither a field nor a protocol name.");
            case Expr.CharConst c -> throw fail(c, display(c) + " is neither a field nor a protocol name.");
        };
    }

    /** Match all occurrences? The operator's own mode unless a quantifier overrides it. */
    private static boolean mode(Quantifier q, boolean all) {
        return switch (q) {
            case NONE -> all;
            case ANY -> false;
            case ALL -> true;
        };
    }

    private Test compare(Quantifier q, CmpOp op, Expr left, Expr right) {
        return switch (op) {
            case ANY_EQ -> relation("==", Op.EQ, mode(q, false), left, right, FType::canEq, false, false);
            case ALL_NE -> relation("!=", Op.NE, mode(q, true), left, right, FType::canEq, false, false);
            case ALL_EQ -> relation("===", Op.EQ, mode(q, true), left, right, FType::canEq, false, false);
            case ANY_NE -> relation("~=", Op.NE, mode(q, false), left, right, FType::canEq, false, false);
            case GT -> relation(">", Op.GT, mode(q, false), left, right, FType::canOrder, false, false);
            case GE -> relation(">=", Op.GE, mode(q, false), left, right, FType::canOrder, false, false);
            case LT -> relation("<", Op.LT, mode(q, false), left, right, FType::canOrder, false, false);
            case LE -> relation("<=", Op.LE, mode(q, false), left, right, FType::canOrder, false, false);
        };
    }

    /** The two sides of a relation, checked as semcheck's check_relation_LHS_* do. */
    private record Sides(Value left, Value right) { }

    private Test relation(String opText, Op op, boolean all, Expr left, Expr right,
                          Predicate<FType> can, boolean partial, boolean inSet) {
        Sides s = sides(opText, left, right, can, partial, op == Op.CONTAINS || inSet);
        return new Typed.Relation(op, all, s.left(), s.right());
    }

    private Sides sides(String opText, Expr left, Expr right, Predicate<FType> can, boolean partial, boolean wordOp) {
        String where = wordOp ? opText : "\"" + opText + "\"";
        Value lhs;
        Expr entity = left;
        switch (left) {
            case Expr.Arith a -> {
                lhs = arith(a, FType.NONE);
                entity = leftmost(a);
            }
            case Expr.Negate n -> {
                lhs = arith(n, FType.NONE);
                entity = leftmost(n);
            }
            default -> lhs = null;
        }
        Value l = lhsEntity(entity, where, opText, can);
        if (lhs == null) {
            lhs = l;
        }
        FType t1 = l.type();
        Value rhs = rhs(right, t1, can, partial, left, l);
        if (rhs instanceof Const c && c.l() < 0 && t1.isUnsigned() && t1.wireSize <= 4 && lhs == l) {
            // An unsigned field compares with a negative constant as 4.0's uint cmp_order does:
            // reading the constant's bits as an unsigned 32-bit number.
            rhs = new Const(c.type(), c.l() & 0xffffffffL, c.d(), c.bytes(), c.s(), c.prefix());
        }
        if (l instanceof Typed.FieldRef f && f.type() == FType.PROTOCOL && (opText.equals("contains") || opText.equals("matches"))) {
            // contains and matches search the protocol's whole tvbuff, not only its header
            lhs = new Typed.FieldRef(f.field(), ProtocolBytes.of(f.field().name()), f.type(), f.layers());
        }
        if (rhs instanceof Typed.Slice && !t1.isBytes() && !(l instanceof Typed.Slice)) {
            if (!t1.canSlice()) {
                String name = l instanceof Typed.Call c ? "Function \"" + c.fn().name().toLowerCase(Locale.ROOT) + "\""
                        : "\"" + display(entity) + "\"";
                throw fail(entity, name + " is a " + t1.pretty + " and cannot be converted into a sequence of bytes.");
            }
            lhs = new Typed.Slice(lhs, List.of(new SliceRange.ToEnd(0)));
        }
        if (l instanceof Typed.Slice && !(rhs instanceof Typed.Slice) && rhs.type() != FType.BYTES && !rhs.type().isBytes()) {
            if (!rhs.type().canSlice()) {
                throw fail(right, "\"" + display(right) + "\" is a " + rhs.type().pretty
                        + " and cannot be converted into a sequence of bytes.");
            }
            rhs = new Typed.Slice(rhs, List.of(new SliceRange.ToEnd(0)));
        }
        return new Sides(lhs, rhs);
    }

    private static Expr leftmost(Expr e) {
        return switch (e) {
            case Expr.Arith a -> leftmost(a.left());
            case Expr.Negate n -> leftmost(n.operand());
            default -> e;
        };
    }

    /** The left side: a field, a slice or a function (or the first entity of arithmetic). */
    private Value lhsEntity(Expr e, String where, String opText, Predicate<FType> can) {
        Value v = switch (e) {
            case Expr.Field f -> field(f);
            case Expr.Unparsed u -> {
                Typed.FieldRef f = fieldOrNull(u);
                if (f == null) {
                    absentIfName(u);
                    throw fail(u, "Left side of " + where + " expression must be a field or function, not " + display(u) + ".");
                }
                yield f;
            }
            case Expr.Slice s -> slice(s, FType.NONE);
            case Expr.Call c -> call(c, FType.NONE);
            default -> throw fail(e, "Left side of " + where + " expression must be a field or function, not " + display(e) + ".");
        };
        if (v instanceof Typed.FieldRef f && !can.test(f.type())) {
            throw fail(e, f.field().name() + " (type=" + f.type().pretty + ") cannot participate in " + opText + " comparison.");
        }
        if (v instanceof Typed.Call c && !can.test(c.type())) {
            throw fail(e, "Function " + c.fn().name().toLowerCase(Locale.ROOT) + " (type=" + c.type().pretty
                    + ") cannot participate in " + opText + " comparison.");
        }
        return v;
    }

    /** The right side, converted to the left side's type {@code t1}. */
    private Value rhs(Expr e, FType t1, Predicate<FType> can, boolean partial, Expr left, Value l) {
        FType target = l instanceof Typed.Slice ? FType.BYTES : t1;
        return switch (e) {
            case Expr.Field f -> fieldRhs(f, field(f), t1, can, left, l);
            case Expr.Unparsed u -> {
                Typed.FieldRef f = fieldOrNull(u);
                if (f != null) {
                    yield fieldRhs(u, f, t1, can, left, l);
                }
                yield literal(u, target, partial, l);
            }
            case Expr.Str s -> string(s, target, l);
            case Expr.CharConst c -> charConst(c, target);
            case Expr.Slice s -> slice(s, target);
            case Expr.Call c -> {
                Typed.Call v = call(c, target);
                String fn = c.name();
                if (!FType.compatible(target, v.type())) {
                    throw fail(c, display(left) + " (type=" + target.pretty + ") and return value of " + fn + "() (type="
                            + v.type().pretty + ") are not of compatible types.");
                }
                if (!can.test(v.type())) {
                    throw fail(c, "return value of " + fn + "() (type=" + v.type().pretty + ") cannot participate in specified comparison.");
                }
                yield v;
            }
            case Expr.Arith a -> arithRhs(a, target, can, left);
            case Expr.Negate n -> arithRhs(n, target, can, left);
            default -> throw fail(e, display(e) + " is not a valid operand.");
        };
    }

    private Value arithRhs(Expr e, FType t1, Predicate<FType> can, Expr left) {
        Value v = arith(e, t1);
        if (!FType.compatible(t1, v.type())) {
            throw fail(e, display(left) + " and " + display(e) + " are not of compatible types.");
        }
        if (!can.test(v.type())) {
            throw fail(e, display(e) + " (type=" + v.type().pretty + ") cannot participate in specified comparison.");
        }
        return v;
    }

    private Value fieldRhs(Expr at, Typed.FieldRef f, FType t1, Predicate<FType> can, Expr left, Value l) {
        if (l instanceof Typed.Slice) {
            return f; // converted to bytes by the caller when it is not bytes already
        }
        if (!FType.compatible(t1, f.type())) {
            String lhsName = l instanceof Typed.Call c ? "Function " + c.fn().name().toLowerCase(Locale.ROOT) : display(leftmost(left));
            throw fail(at, lhsName + " and " + display(at) + " are not of compatible types.");
        }
        if (!can.test(f.type())) {
            throw fail(at, display(at) + " (type=" + f.type().pretty + ") cannot participate in specified comparison.");
        }
        return f;
    }

    private Const literal(Expr.Unparsed u, FType t, boolean partial, Value l) {
        try {
            return Literals.literal(t, u.text(), partial);
        } catch (Literals.Bad b) {
            Const named = t == FType.BOOLEAN && l instanceof Typed.FieldRef f ? booleanName(u, u.text(), f) : null;
            if (named != null) {
                return named;
            }
            named = valueName(u, u.text(), t, l);
            if (named != null) {
                return named;
            }
            // a word that is no literal is, in Wireshark, another field: one we lack is absent
            absentIfName(u);
            throw fail(u, b.getMessage());
        }
    }

    /**
     * semcheck's mk_fvalue_from_val_string for an integer field with value names
     * ({@link ValueStrings}): the value so named, or tshark's message when none is. Null when
     * the field has no names (the caller reports its own error, or lenient mode makes the test
     * {@link Typed.Never}: Wireshark may know names we do not).
     */
    private Const valueName(Expr at, String text, FType t, Value l) {
        if (!(l instanceof Typed.FieldRef f) || !t.isInteger()) {
            return null;
        }
        Map<Long, String> names = ValueStrings.of(f.field());
        if (names == null) {
            if (lenient) {
                throw Absent.INSTANCE;
            }
            return null;
        }
        Long v = ValueStrings.value(names, text);
        if (v == null) {
            throw fail(at, "\"" + text + "\" cannot be found among the possible values for " + f.field().name() + ".");
        }
        return Const.ofLong(t, v);
    }

    /**
     * semcheck's mk_fvalue_from_val_string for a boolean: its true/false strings, compared
     * without case. TCP and IP flag bits use "Set"/"Not set" (tfs_set_notset), others the
     * default "True"/"False". Throws tshark's message when the text is neither.
     */
    private Const booleanName(Expr at, String text, Typed.FieldRef f) {
        String name = f.field().name();
        boolean setNotSet = name.startsWith("tcp.flags.") || name.startsWith("ip.flags.");
        String yes = setNotSet ? "Set" : "True";
        String no = setNotSet ? "Not set" : "False";
        if (name.startsWith("eth.") && name.endsWith("ig")) {
            yes = "Group address (multicast/broadcast)";
            no = "Individual address (unicast)";
        } else if (name.startsWith("eth.") && name.endsWith("lg")) {
            yes = "Locally administered address (this is NOT the factory default)";
            no = "Globally unique address (factory default)";
        }
        if (text.equalsIgnoreCase(yes) || text.equalsIgnoreCase(no)) {
            return Const.ofLong(FType.BOOLEAN, text.equalsIgnoreCase(yes) ? 1 : 0);
        }
        throw fail(at, "\"" + text + "\" cannot be found among the possible values for " + name + ".");
    }

    private Const string(Expr.Str s, FType t, Value l) {
        Const c;
        try {
            c = Literals.string(t, s.value());
        } catch (Literals.Bad b) {
            throw fail(s, b.getMessage());
        }
        if (c != null) {
            return c;
        }
        if (t == FType.BOOLEAN && l instanceof Typed.FieldRef f) {
            return booleanName(s, new String(s.value(), java.nio.charset.StandardCharsets.ISO_8859_1), f);
        }
        Const named = valueName(s, new String(s.value(), java.nio.charset.StandardCharsets.ISO_8859_1), t, l);
        if (named != null) {
            return named;
        }
        throw fail(s, t.pretty + " cannot be converted from a string (\"" + s.text() + "\").");
    }

    private Const charConst(Expr.CharConst c, FType t) {
        try {
            return Literals.charConst(t, Literals.charCode(c.text()));
        } catch (Literals.Bad b) {
            throw fail(c, b.getMessage());
        }
    }

    private Test matches(Expr.Matches m) {
        if (!(m.right() instanceof Expr.Str s)) {
            throw fail(m.right(), "Matches requires a double quoted string on the right side.");
        }
        Regex p;
        try {
            // PCRE2 with CASELESS and NEVER_UTF: the pattern and the subject are bytes.
            p = Regex.compile(new String(s.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (PatternSyntaxException e) {
            throw new FilterSyntaxException("Regex compilation error: " + e.getDescription() + ".", m.right().span());
        }
        Value l = lhsEntity(m.left(), "matches", "matches", FType::canMatches);
        if (l instanceof Typed.FieldRef f && f.type() == FType.PROTOCOL) {
            l = new Typed.FieldRef(f.field(), ProtocolBytes.of(f.field().name()), f.type(), f.layers());
        }
        return new Typed.Matches(mode(m.quantifier(), false), l, p);
    }

    private Test in(Expr.In in) {
        Value l;
        if (in.left() instanceof Expr.Field f) {
            l = field(f);
        } else if (in.left() instanceof Expr.Unparsed u && fieldOrNull(u) != null) {
            l = fieldOrNull(u);
        } else if (in.left() instanceof Expr.Unparsed u && absentName(u.text())) {
            throw Absent.INSTANCE;
        } else {
            throw fail(in.left(), "Only a field may be tested for membership in a set.");
        }
        List<Member> members = new ArrayList<>();
        for (Expr.SetElement el : in.set()) {
            switch (el) {
                case Expr.SetElement.One one -> {
                    if (one.value() instanceof Expr.Slice) {
                        throw fail(one.value(), "A slice may not appear inside a set.");
                    }
                    members.add(new Member(sides("in", in.left(), one.value(), FType::canEq, false, true).right(), null));
                }
                case Expr.SetElement.Range r -> {
                    if (r.low() instanceof Expr.Slice) {
                        throw fail(r.low(), "A slice may not appear inside a set.");
                    }
                    Value lo = sides("in", in.left(), r.low(), FType::canOrder, false, true).right();
                    Value hi = sides("in", in.left(), r.high(), FType::canOrder, false, true).right();
                    members.add(new Member(lo, hi));
                }
            }
        }
        Test t = new Typed.In(mode(in.quantifier(), false), l, members);
        return in.negated() ? new Typed.Not(t) : t;
    }

    // ---- entities --------------------------------------------------------------------------

    private Typed.FieldRef fieldOrNull(Expr.Unparsed u) {
        Field f = table.get(u.text());
        return f == null ? null : ref(f, List.of());
    }

    /** In lenient mode, a word that names no field of ours is an absent field: see {@link Absent}. */
    private void absentIfName(Expr.Unparsed u) {
        if (absentName(u.text())) {
            throw Absent.INSTANCE;
        }
    }

    private Typed.FieldRef field(Expr.Field f) {
        Field field = table.get(f.name());
        if (field == null) {
            if (absentName(f.name())) {
                throw Absent.INSTANCE;
            }
            throw fail(f, f.name() + " is neither a field nor a protocol name.");
        }
        return ref(field, f.layer());
    }

    private Typed.FieldRef ref(Field f, List<SliceRange> layers) {
        used.add(f.name());
        FType t = FType.of(f);
        Extractor ex = f.extractor();
        if (t == FType.PROTOCOL) {
            Extractor bytes = ProtocolBytes.header(f.name());
            if (bytes != null) {
                ex = bytes;
            }
        }
        return new Typed.FieldRef(f, ex, t, layers);
    }

    private Typed.Slice slice(Expr.Slice s, FType lhs) {
        Value base = switch (s.base()) {
            case Expr.Field f -> {
                Typed.FieldRef r = field(f);
                if (!r.type().canSlice()) {
                    throw fail(f, "\"" + f.name() + "\" is a " + r.type().pretty + " and cannot be sliced into a sequence of bytes.");
                }
                yield r;
            }
            case Expr.Unparsed u when fieldOrNull(u) != null -> {
                Typed.FieldRef r = fieldOrNull(u);
                if (!r.type().canSlice()) {
                    throw fail(u, "\"" + u.text() + "\" is a " + r.type().pretty + " and cannot be sliced into a sequence of bytes.");
                }
                yield r;
            }
            case Expr.Call c -> {
                Typed.Call v = call(c, lhs);
                if (!v.type().canSlice()) {
                    throw fail(c, "Return value of function \"" + c.name() + "\" is a " + v.type().pretty
                            + " and cannot be converted into a sequence of bytes.");
                }
                yield v;
            }
            case Expr.Slice inner -> slice(inner, lhs);
            case Expr.Unparsed u when absentName(u.text()) -> throw Absent.INSTANCE;
            default -> throw fail(s.base(), "Range is not supported for entity " + display(s.base()));
        };
        return new Typed.Slice(base, s.ranges());
    }

    private Typed.Call call(Expr.Call c, FType lhs) {
        Fn fn;
        try {
            fn = Fn.valueOf(c.name().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fn = null;
        }
        if (fn == null || !c.name().equals(c.name().toLowerCase(Locale.ROOT))) {
            throw new FilterSyntaxException("Function '" + c.name() + "' does not exist",
                    new Span(c.span().start(), c.span().start() + c.name().length()));
        }
        Span nameSpan = new Span(c.span().start(), c.span().start() + c.name().length());
        int n = c.args().size();
        boolean variadic = fn == Fn.MAX || fn == Fn.MIN;
        if (n < 1) {
            throw new FilterSyntaxException("Function " + c.name() + " needs at least 1 arguments.", nameSpan);
        }
        if (!variadic && n > 1) {
            throw new FilterSyntaxException("Function " + c.name() + " can only accept 1 arguments.", nameSpan);
        }
        Expr a = c.args().getFirst();
        return switch (fn) {
            case LEN, COUNT -> new Typed.Call(fn, List.of(fieldArg(a, c.name())), FType.UINT32);
            case UPPER, LOWER -> {
                Typed.FieldRef f = a instanceof Expr.Unparsed || a instanceof Expr.Field ? fieldArgOrNull(a) : null;
                if (f == null || f.type() != FType.STRING) {
                    throw fail(a, "Only string type fields can be used as parameter for " + c.name() + "()");
                }
                yield new Typed.Call(fn, List.of(f), FType.STRING);
            }
            case STRING -> {
                Typed.FieldRef f = fieldArg(a, c.name());
                FType t = f.type();
                if (!(t.isInteger() || t == FType.IPV4 || t == FType.IPV6 || t == FType.DOUBLE || t == FType.ETHER)) {
                    throw fail(a, "String conversion for field \"" + f.field().name() + "\" is not supported");
                }
                yield new Typed.Call(fn, List.of(f), FType.STRING);
            }
            case MAX, MIN -> compareArgs(c, fn, lhs);
            case ABS -> {
                Value v = switch (a) {
                    case Expr.Arith x -> arith(x, lhs);
                    case Expr.Negate x -> arith(x, lhs);
                    case Expr.Unparsed u when fieldArgOrNull(u) == null -> {
                        if (lhs == FType.NONE) {
                            throw fail(u, "Need a field or field-like value on the LHS.");
                        }
                        yield literal(u, lhs, false, null);
                    }
                    case Expr.Call x -> call(x, lhs);
                    case Expr.Unparsed u -> fieldArgOrNull(u);
                    case Expr.Field f -> field(f);
                    default -> throw fail(a, "Type " + display(a) + " is not valid for abs");
                };
                if (!v.type().canNegate()) {
                    throw fail(a, "'" + display(a) + "' is not a valid argument to 'abs'()");
                }
                yield new Typed.Call(fn, List.of(v), v.type());
            }
        };
    }

    private Typed.FieldRef fieldArgOrNull(Expr a) {
        return switch (a) {
            case Expr.Unparsed u when fieldOrNull(u) == null && absentName(u.text()) -> throw Absent.INSTANCE;
            case Expr.Unparsed u -> fieldOrNull(u);
            case Expr.Field f -> field(f);
            default -> null;
        };
    }

    private Typed.FieldRef fieldArg(Expr a, String fn) {
        Typed.FieldRef f = fieldArgOrNull(a);
        if (f == null) {
            throw fail(a, "Only fields can be used as parameter for " + fn + "()");
        }
        return f;
    }

    /** max() and min(): arguments of one orderable type; literals take the type of what came before. */
    private Typed.Call compareArgs(Expr.Call c, Fn fn, FType lhs) {
        FType t = lhs;
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            FType want = i == 0 ? lhs : t;
            Value v = switch (a) {
                case Expr.Arith x -> arith(x, want);
                case Expr.Negate x -> arith(x, want);
                case Expr.Unparsed u when fieldOrNull(u) != null -> fieldOrNull(u);
                case Expr.Unparsed u when want != FType.NONE -> literal(u, want, false, null);
                case Expr.Call x -> call(x, want);
                case Expr.Field f -> field(f);
                default -> throw fail(a, "Argument '" + display(a) + "' is not valid for " + c.name() + "()");
            };
            if (i > 0) {
                if (t == FType.NONE) {
                    t = v.type();
                }
                if (v.type() != t) {
                    throw fail(a, "Arguments to '" + c.name() + "' must have the same type (expected " + t.ftName
                            + ", got " + v.type().ftName + ")");
                }
                if (!v.type().canOrder()) {
                    throw fail(a, "Argument '" + display(a) + "' to '" + c.name() + "' cannot be ordered");
                }
            } else {
                t = v.type();
            }
            args.add(v);
        }
        return new Typed.Call(fn, args, t);
    }

    // ---- arithmetic ------------------------------------------------------------------------

    private static boolean isConstant(Expr e) {
        return e instanceof Expr.Str || e instanceof Expr.CharConst || e instanceof Expr.Unparsed;
    }

    /** semcheck's check_arithmetic_expr: the type of {@code e}, literals taking {@code lhs}. */
    private Value arith(Expr e, FType lhs) {
        if (e instanceof Expr.Unparsed u && lhs == FType.NONE && fieldOrNull(u) == null) {
            absentIfName(u); // an absent field as the first operand
        }
        switch (e) {
            case Expr.Negate n -> {
                if (n.operand() instanceof Expr.Unparsed u && lhs == FType.NONE && fieldOrNull(u) == null) {
                    absentIfName(u);
                }
                if (lhs == FType.NONE && isConstant(n.operand()) && !(n.operand() instanceof Expr.Unparsed u && fieldOrNull(u) != null)) {
                    throw fail(n.operand(), "Constant arithmetic expression on the LHS is invalid.");
                }
                Value v = arithEntity(n.operand(), lhs);
                if (!v.type().canNegate()) {
                    throw fail(n.operand(), v.type().ftName + " cannot -.");
                }
                if (v instanceof Const k) {
                    return negate(k, n);
                }
                return new Typed.Negate(v, v.type());
            }
            case Expr.Arith a -> {
                if (a.left() instanceof Expr.Unparsed u && lhs == FType.NONE && fieldOrNull(u) == null) {
                    absentIfName(u);
                }
                if (lhs == FType.NONE && isConstant(a.left()) && !(a.left() instanceof Expr.Unparsed u && fieldOrNull(u) != null)) {
                    throw fail(a.left(), "Constant arithmetic expression on the LHS is invalid.");
                }
                Predicate<FType> can = switch (a.op()) {
                    case ADD, SUB -> FType::canAdd;
                    case MUL, DIV -> FType::canMultiply;
                    case MOD -> FType::canModulo;
                    case BITAND -> FType::canBitAnd;
                };
                Value l = arith(a.left(), lhs);
                if (!can.test(l.type())) {
                    throw fail(a.left(), l.type().ftName + " cannot " + a.op().symbol + ".");
                }
                Value r = arith(a.right(), l.type());
                if (!can.test(r.type())) {
                    throw fail(a.right(), r.type().ftName + " cannot " + a.op().symbol + ".");
                }
                if (!FType.compatible(l.type(), r.type())) {
                    throw fail(a.right(), display(a.left()) + " and " + display(a.right()) + " are not type compatible.");
                }
                return new Typed.Arith(a.op(), l, r, l.type());
            }
            default -> {
                return arithEntity(e, lhs);
            }
        }
    }

    private Value arithEntity(Expr e, FType lhs) {
        return switch (e) {
            case Expr.Unparsed u when fieldOrNull(u) != null -> fieldOrNull(u);
            case Expr.Unparsed u -> literal(u, lhs, false, null);
            case Expr.Field f -> field(f);
            case Expr.Call c -> call(c, lhs);
            case Expr.Slice s -> slice(s, lhs);
            case Expr.Arith a -> arith(a, lhs);
            case Expr.Negate n -> arith(n, lhs);
            default -> throw fail(e, display(e) + " is not a valid arithmetic operand.");
        };
    }

    private Const negate(Const k, Expr at) {
        FType t = k.type();
        if (t == FType.DOUBLE) {
            return new Const(t, 0, -k.d(), null, null, 0);
        }
        if (t.isUnsigned() && t != FType.FRAMENUM && k.l() != 0) {
            // 4.0 turns an unsigned constant negative by making it signed; it then never
            // equals an unsigned field, which we model by keeping the two's complement value.
            return new Const(t, -k.l(), 0, null, null, 0);
        }
        return new Const(t, -k.l(), 0, null, null, 0);
    }
}
