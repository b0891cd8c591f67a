package dev.tcpscope.filter;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a Wireshark 4.0 display filter, before type checking. Every node carries the
 * span of its source text. Records compare by value including spans; {@link #withoutSpans}
 * gives the tree with every span {@link Span#NONE} for comparing shapes.
 *
 * <p>Entities (what {@code contains}, {@code matches}, {@code in}, slices and sets accept) are
 * {@link Field}, {@link Unparsed}, {@link Str}, {@link CharConst}, {@link Slice} and {@link Call}.
 * Arithmetic ({@link Arith}, {@link Negate}) combines entities; a bare entity or arithmetic
 * expression used as a test means "exists" / "is non-zero".
 */
public sealed interface Expr {
    Span span();

    /** {@code ==} and friends; 4.0 spells each several ways, the symbol is canonical. */
    enum CmpOp {
        ANY_EQ("=="), ALL_NE("!="), ALL_EQ("==="), ANY_NE("!=="), GT(">"), GE(">="), LT("<"), LE("<=");

        public final String symbol;

        CmpOp(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Arithmetic operators, lowest precedence first. */
    enum ArithOp {
        BITAND("&", 1), ADD("+", 2), SUB("-", 2), MUL("*", 3), DIV("/", 3), MOD("%", 3);

        public final String symbol;
        public final int precedence;

        ArithOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }
    }

    /** The {@code any} / {@code all} prefix of a relation; {@code NONE} when absent. */
    enum Quantifier { NONE, ANY, ALL }

    /**
     * A field: {@code .name} ({@code dotted}, explicitly a field) or a word with a layer selector
     * {@code name#2}. An empty {@code layer} means every layer.
     */
    record Field(String name, boolean dotted, List<SliceRange> layer, Span span) implements Expr {
        public Field {
            layer = List.copyOf(layer);
            if (!dotted && layer.isEmpty()) {
                throw new IllegalArgumentException("a bare word is Unparsed, not Field: " + name);
            }
        }
    }

    /** A word the checker resolves: a field or protocol name if one exists, else a literal. */
    record Unparsed(String text, Shape shape, Span span) implements Expr {
        public Unparsed(String text, Span span) {
            this(text, Shape.of(text), span);
        }
    }

    /** A double-quoted string; {@code text} is the body as written, escapes undecoded. */
    record Str(String text, boolean raw, Span span) implements Expr {
        /** The bytes the string stands for (raw strings keep their backslashes). */
        public byte[] value() {
            return raw ? text.replace("\\\"", "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : Escapes.decode(text);
        }
    }

    /** A character constant; {@code text} is what lies between the quotes. */
    record CharConst(String text, Span span) implements Expr {
    }

    /** {@code base[ranges]}; the base is an entity. */
    record Slice(Expr base, List<SliceRange> ranges, Span span) implements Expr {
        public Slice {
            ranges = List.copyOf(ranges);
        }
    }

    /** {@code name(args)}: whether the function exists is the checker's business. */
    record Call(String name, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Unary minus of an entity. (Unary plus leaves no node, as in 4.0.) */
    record Negate(Expr operand, Span span) implements Expr {
    }

    record Arith(ArithOp op, Expr left, Expr right, Span span) implements Expr {
    }

    /**
     * {@code a op b}, or a chain {@code a op b op c …} which means {@code a op b and b op c …}:
     * {@code operands.size() == ops.size() + 1 >= 2}.
     */
    record Compare(Quantifier quantifier, List<Expr> operands, List<CmpOp> ops, Span span) implements Expr {
        public Compare {
            operands = List.copyOf(operands);
            ops = List.copyOf(ops);
            if (ops.isEmpty() || operands.size() != ops.size() + 1) {
                throw new IllegalArgumentException("a comparison needs n operands and n-1 operators");
            }
        }
    }

    record Contains(Quantifier quantifier, Expr left, Expr right, Span span) implements Expr {
    }

    record Matches(Quantifier quantifier, Expr left, Expr right, Span span) implements Expr {
    }

    /** {@code left in {…}} or {@code left not in {…}}. */
    record In(Quantifier quantifier, Expr left, List<SetElement> set, boolean negated, Span span) implements Expr {
        public In {
            set = List.copyOf(set);
            if (set.isEmpty()) {
                throw new IllegalArgumentException("empty set");
            }
        }
    }

    /** A member of a set: one value or an inclusive range {@code low..high}. */
    sealed interface SetElement {
        record One(Expr value) implements SetElement {
        }

        record Range(Expr low, Expr high) implements SetElement {
        }
    }

    record And(Expr left, Expr right, Span span) implements Expr {
    }

    record Or(Expr left, Expr right, Span span) implements Expr {
    }

    record Not(Expr operand, Span span) implements Expr {
    }

    /** Whether {@code e} is an entity, i.e. may stand where 4.0's grammar says {@code entity}. */
    static boolean isEntity(Expr e) {
        return switch (e) {
            case Field f -> true;
            case Unparsed u -> true;
            case Str s -> true;
            case CharConst c -> true;
            case Slice s -> true;
            case Call c -> true;
            case Negate n -> false;
            case Arith a -> false;
            case Compare c -> false;
            case Contains c -> false;
            case Matches m -> false;
            case In i -> false;
            case And a -> false;
            case Or o -> false;
            case Not n -> false;
        };
    }

    /** {@code e} with every span replaced by {@link Span#NONE}. */
    static Expr withoutSpans(Expr e) {
        Objects.requireNonNull(e);
        Span n = Span.NONE;
        return switch (e) {
            case Field f -> new Field(f.name(), f.dotted(), f.layer(), n);
            case Unparsed u -> new Unparsed(u.text(), u.shape(), n);
            case Str s -> new Str(s.text(), s.raw(), n);
            case CharConst c -> new CharConst(c.text(), n);
            case Slice s -> new Slice(withoutSpans(s.base()), s.ranges(), n);
            case Call c -> new Call(c.name(), c.args().stream().map(Expr::withoutSpans).toList(), n);
            case Negate x -> new Negate(withoutSpans(x.operand()), n);
            case Arith a -> new Arith(a.op(), withoutSpans(a.left()), withoutSpans(a.right()), n);
            case Compare c -> new Compare(c.quantifier(), c.operands().stream().map(Expr::withoutSpans).toList(), c.ops(), n);
            case Contains c -> new Contains(c.quantifier(), withoutSpans(c.left()), withoutSpans(c.right()), n);
            case Matches m -> new Matches(m.quantifier(), withoutSpans(m.left()), withoutSpans(m.right()), n);
            case In i -> new In(i.quantifier(), withoutSpans(i.left()), i.set().stream().map(Expr::withoutSpans).toList(),
                    i.negated(), n);
            case And a -> new And(withoutSpans(a.left()), withoutSpans(a.right()), n);
            case Or o -> new Or(withoutSpans(o.left()), withoutSpans(o.right()), n);
            case Not x -> new Not(withoutSpans(x.operand()), n);
        };
    }

    private static SetElement withoutSpans(SetElement el) {
        return switch (el) {
            case SetElement.One o -> new SetElement.One(withoutSpans(o.value()));
            case SetElement.Range r -> new SetElement.Range(withoutSpans(r.low()), withoutSpans(r.high()));
        };
    }
}
