package dev.tcpscope.filter;

import dev.tcpscope.filter.Expr.Quantifier;
import dev.tcpscope.filter.Expr.SetElement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a tree back as filter text that {@link Parser} reads as the same tree (spans aside):
 * operators in their symbol spelling, keywords in lower-case words, single spaces, and only the
 * parentheses and braces the grammar needs. {@link #fullyParenthesized} instead wraps every test
 * in parentheses and every binary arithmetic in braces, to show a tree's shape.
 *
 * <p>Trees the grammar cannot spell (a comparison inside arithmetic, arithmetic on the left of
 * {@code contains}, a minus before a non-entity) are rejected with IllegalArgumentException.
 */
public final class Printer {
    private final boolean full;

    private Printer(boolean full) {
        this.full = full;
    }

    /** Canonical text with minimal grouping. */
    public static String print(Expr e) {
        return new Printer(false).logic(e, 0);
    }

    /** Text with every sub-test in parentheses and every binary arithmetic in braces. */
    public static String fullyParenthesized(Expr e) {
        return new Printer(true).logic(e, 0);
    }

    // Logical levels: 1 or, 2 and, 3 not, 4 relation or arithmetic.
    private static int level(Expr e) {
        return switch (e) {
            case Expr.Or o -> 1;
            case Expr.And a -> 2;
            case Expr.Not n -> 3;
            default -> 4;
        };
    }

    /** {@code e} at a logical position that needs at least {@code min} to go without parentheses. */
    private String logic(Expr e, int min) {
        String s = switch (e) {
            case Expr.Or o -> logic(o.left(), 1) + " or " + logic(o.right(), 2);
            case Expr.And a -> logic(a.left(), 2) + " and " + logic(a.right(), 3);
            case Expr.Not n -> "not " + logic(n.operand(), 3);
            default -> relation(e);
        };
        boolean wrap = min > 0 && (full || level(e) < min);
        return wrap ? "(" + s + ")" : s;
    }

    private String relation(Expr e) {
        return switch (e) {
            case Expr.Compare c -> {
                StringBuilder sb = new StringBuilder(quantifier(c.quantifier())).append(arith(c.operands().getFirst(), 0));
                for (int i = 0; i < c.ops().size(); i++) {
                    sb.append(' ').append(c.ops().get(i).symbol).append(' ').append(arith(c.operands().get(i + 1), 0));
                }
                yield sb.toString();
            }
            case Expr.Contains c -> quantifier(c.quantifier()) + entity(c.left()) + " contains " + entity(c.right());
            case Expr.Matches m -> quantifier(m.quantifier()) + entity(m.left()) + " matches " + entity(m.right());
            case Expr.In i -> quantifier(i.quantifier()) + entity(i.left()) + (i.negated() ? " not in {" : " in {")
                    + i.set().stream().map(this::element).collect(Collectors.joining(", ")) + "}";
            default -> arith(e, 0);
        };
    }

    private static String quantifier(Quantifier q) {
        return switch (q) {
            case NONE -> "";
            case ANY -> "any ";
            case ALL -> "all ";
        };
    }

    private String element(SetElement el) {
        return switch (el) {
            case SetElement.One o -> setEntity(o.value());
            case SetElement.Range r -> setEntity(r.low()) + ".." + setEntity(r.high());
        };
    }

    private String setEntity(Expr e) {
        return e instanceof Expr.Negate n ? "-" + entity(n.operand()) : entity(e);
    }

    /** {@code e} in arithmetic at a place that binds at least {@code min} tightly. */
    private String arith(Expr e, int min) {
        return switch (e) {
            case Expr.Arith a -> {
                String s = arith(a.left(), a.op().precedence) + " " + a.op().symbol + " "
                        + arith(a.right(), a.op().precedence + 1);
                yield full || a.op().precedence < min ? "{" + s + "}" : s;
            }
            case Expr.Negate n -> "-" + entity(n.operand());
            default -> entity(e);
        };
    }

    private String entity(Expr e) {
        return switch (e) {
            case Expr.Field f -> (f.dotted() ? "." : "") + f.name() + layer(f.layer());
            case Expr.Unparsed u -> u.text();
            case Expr.Str s -> (s.raw() ? "r\"" : "\"") + s.text() + "\"";
            case Expr.CharConst c -> "'" + c.text() + "'";
            case Expr.Slice s -> entity(s.base()) + "[" + ranges(s.ranges()) + "]";
            case Expr.Call c -> c.name() + "(" + c.args().stream().map(a -> arith(a, 0)).collect(Collectors.joining(", ")) + ")";
            case Expr.Negate n -> throw notSpellable(e, "an entity");
            case Expr.Arith a -> throw notSpellable(e, "an entity");
            case Expr.Compare c -> throw notSpellable(e, "an entity");
            case Expr.Contains c -> throw notSpellable(e, "an entity");
            case Expr.Matches m -> throw notSpellable(e, "an entity");
            case Expr.In i -> throw notSpellable(e, "an entity");
            case Expr.And a -> throw notSpellable(e, "an entity");
            case Expr.Or o -> throw notSpellable(e, "an entity");
            case Expr.Not n -> throw notSpellable(e, "an entity");
        };
    }

    private static IllegalArgumentException notSpellable(Expr e, String where) {
        return new IllegalArgumentException("the grammar has no spelling for " + e.getClass().getSimpleName()
                + " where it needs " + where);
    }

    private static String layer(List<SliceRange> layer) {
        if (layer.isEmpty()) {
            return "";
        }
        if (layer.size() == 1 && layer.getFirst() instanceof SliceRange.Offset(long n) && n >= 0) {
            return "#" + n;
        }
        return "#[" + ranges(layer) + "]";
    }

    static String ranges(List<SliceRange> ranges) {
        return ranges.stream().map(Printer::range).collect(Collectors.joining(","));
    }

    private static String range(SliceRange r) {
        return switch (r) {
            case SliceRange.Offset(long i) -> Long.toString(i);
            case SliceRange.Length(long i, long n) -> i + ":" + n;
            case SliceRange.Between(long i, long j) -> i + "-" + j;
            case SliceRange.ToEnd(long i) -> i + ":";
            case SliceRange.FromStart(long n) -> ":" + n;
        };
    }
}
