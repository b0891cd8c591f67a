package dev.tcpscope.filter;

import dev.tcpscope.filter.Expr.ArithOp;
import dev.tcpscope.filter.Expr.CmpOp;
import dev.tcpscope.filter.Expr.Quantifier;
import dev.tcpscope.filter.Expr.SetElement;
import dev.tcpscope.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for the Wireshark 4.0 display-filter grammar
 * ({@code epan/dfilter/grammar.lemon}), checked against tshark 4.0.17. Loosest first:
 *
 * <pre>
 *   expr      := or
 *   or        := and ( ("or" | "||") and )*                       left-assoc
 *   and       := unary ( ("and" | "&amp;&amp;") unary )*          left-assoc
 *   unary     := ("not" | "!") unary | "(" expr ")" | relation
 *   relation  := ("any" | "all")? test  |  arith                  arith alone tests existence
 *   test      := arith cmp arith (cmp arith)*                     a chain means a op b and b op c
 *              | entity ("contains" | "matches" | "~") entity
 *              | entity ("not" | "!")? "in" set
 *   arith     := arith "&amp;" arith                              left-assoc, loosest
 *              | arith ("+" | "-") arith | arith ("*" | "/" | "%") arith
 *              | ("-" | "+") entity | "{" arith "}" | entity
 *   entity    := ( WORD layer? | .FIELD layer? | WORD "(" args? ")" | STRING | CHARCONST ) ("[" ranges "]")*
 *   set       := "{" element ("," element)* "}"     element := ("-"|"+")? entity (".." ("-"|"+")? entity)?
 *   layer     := "#" DIGITS | "#[" ranges "]"
 * </pre>
 *
 * Comparisons do not nest ({@code (a == b) == c} is an error); parentheses group only tests,
 * braces only arithmetic. Unary minus applies to an entity, never to another minus or a group.
 */
public final class Parser {
    private static final String NUM = "0[xX]\\p{XDigit}+|[0-9]+";
    private static final String SNUM = "([+-]?(?:" + NUM + "))";
    private static final Pattern LENGTH = Pattern.compile(SNUM + "\\s*:\\s*" + SNUM);
    private static final Pattern TO_END = Pattern.compile(SNUM + "\\s*:");
    private static final Pattern FROM_START = Pattern.compile(":\\s*" + SNUM);
    private static final Pattern BETWEEN = Pattern.compile(SNUM + "\\s*-\\s*" + SNUM);
    private static final Pattern OFFSET = Pattern.compile(SNUM);

    /**
     * How deep groups may nest: tshark's lemon parser has a 100-entry stack, where each open
     * parenthesis or brace holds one entry and each open function call two; at 98 entries it
     * stumbles on the first {@code )} ("... was unexpected"). Keeping to it also bounds the
     * recursion of this parser, the checker and the compiler.
     */
    static final int MAX_DEPTH = 98;

    private final String src;
    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(String src) {
        this.src = src;
        this.tokens = Lexer.lex(src);
    }

    /** The tree of a non-empty filter. */
    public static Expr parse(String filter) {
        return parseSentence(filter).orElseThrow(
                () -> new FilterSyntaxException("The filter is empty", new Span(0, filter.length())));
    }

    /** The tree of a filter, empty for a blank filter (which 4.0 accepts as "no filter"). */
    public static Optional<Expr> parseSentence(String filter) {
        Parser p = new Parser(filter);
        if (p.peek().kind() == Kind.EOF) {
            return Optional.empty();
        }
        Expr e = p.or();
        p.expect(Kind.EOF);
        return Optional.of(e);
    }

    // ---- logical level ----

    private Expr or() {
        Expr left = and();
        while (peek().kind() == Kind.OR) {
            next();
            Expr right = and();
            left = new Expr.Or(left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr and() {
        Expr left = unary();
        while (peek().kind() == Kind.AND) {
            next();
            Expr right = unary();
            left = new Expr.And(left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() == Kind.NOT) {
            // A run of nots is read in a loop, not by recursion, however long it is.
            List<Token> nots = new ArrayList<>();
            while (peek().kind() == Kind.NOT) {
                nots.add(next());
            }
            Expr e = unary();
            for (int i = nots.size() - 1; i >= 0; i--) {
                e = new Expr.Not(e, nots.get(i).span().to(e.span()));
            }
            return e;
        }
        if (t.kind() == Kind.LPAREN) {
            next();
            deeper(1);
            Expr inner = or();
            expect(Kind.RPAREN);
            depth -= 1;
            return inner;
        }
        return relation();
    }

    private void deeper(int entries) {
        depth += entries;
        if (depth >= MAX_DEPTH) {
            for (int i = at; i < tokens.size(); i++) {
                if (tokens.get(i).kind() == Kind.RPAREN) {
                    throw unexpected(tokens.get(i));
                }
            }
            throw unexpected(tokens.get(tokens.size() - 1));
        }
    }

    // ---- relations ----

    private Expr relation() {
        Token first = peek();
        Quantifier q = switch (first.kind()) {
            case ANY -> Quantifier.ANY;
            case ALL -> Quantifier.ALL;
            default -> Quantifier.NONE;
        };
        if (q != Quantifier.NONE) {
            next();
        }
        Expr lhs;
        if (startsEntity(peek().kind())) {
            Expr e = entity();
            Kind k = peek().kind();
            if (k == Kind.CONTAINS || k == Kind.MATCHES) {
                next();
                Expr rhs = entity();
                Span span = first.span().to(rhs.span());
                return k == Kind.CONTAINS ? new Expr.Contains(q, e, rhs, span) : new Expr.Matches(q, e, rhs, span);
            }
            if (k == Kind.IN || k == Kind.NOT) {
                boolean negated = k == Kind.NOT;
                next();
                if (negated) {
                    expect(Kind.IN);
                }
                List<SetElement> set = new ArrayList<>();
                Token close = set(set);
                return new Expr.In(q, e, set, negated, first.span().to(close.span()));
            }
            lhs = arith(1, e);
        } else {
            lhs = arith(1, null);
        }
        CmpOp op = cmpOp(peek().kind());
        if (op == null) {
            if (q != Quantifier.NONE) {
                throw unexpected(peek());
            }
            return lhs;
        }
        List<Expr> operands = new ArrayList<>(List.of(lhs));
        List<CmpOp> ops = new ArrayList<>();
        while (op != null) {
            next();
            ops.add(op);
            operands.add(arith(1, null));
            op = cmpOp(peek().kind());
        }
        return new Expr.Compare(q, operands, ops, first.span().to(operands.getLast().span()));
    }

    private static CmpOp cmpOp(Kind k) {
        return switch (k) {
            case ANY_EQ -> CmpOp.ANY_EQ;
            case ALL_NE -> CmpOp.ALL_NE;
            case ALL_EQ -> CmpOp.ALL_EQ;
            case ANY_NE -> CmpOp.ANY_NE;
            case GT -> CmpOp.GT;
            case GE -> CmpOp.GE;
            case LT -> CmpOp.LT;
            case LE -> CmpOp.LE;
            default -> null;
        };
    }

    /** Reads {@code { element, … }} into {@code out}; returns the closing brace. */
    private Token set(List<SetElement> out) {
        expect(Kind.LBRACE);
        while (true) {
            Expr low = setEntity();
            if (peek().kind() == Kind.DOTDOT) {
                next();
                out.add(new SetElement.Range(low, setEntity()));
            } else {
                out.add(new SetElement.One(low));
            }
            Token t = next();
            if (t.kind() == Kind.RBRACE) {
                return t;
            }
            if (t.kind() != Kind.COMMA) {
                throw unexpected(t);
            }
        }
    }

    private Expr setEntity() {
        return signedEntity().orElseGet(this::entity);
    }

    /** {@code -entity} or {@code +entity} if a sign comes next. */
    private Optional<Expr> signedEntity() {
        Token t = peek();
        if (t.kind() == Kind.MINUS) {
            next();
            Expr operand = entity();
            return Optional.of(new Expr.Negate(operand, t.span().to(operand.span())));
        }
        if (t.kind() == Kind.PLUS) {
            next();
            return Optional.of(entity());
        }
        return Optional.empty();
    }

    // ---- arithmetic ----

    /**
     * Precedence climbing over the binary arithmetic operators with at least {@code minPrec};
     * {@code first}, when not null, is an already-read leftmost entity.
     */
    private Expr arith(int minPrec, Expr first) {
        Expr left = first != null ? first : arithOperand();
        while (true) {
            ArithOp op = arithOp(peek().kind());
            if (op == null || op.precedence < minPrec) {
                return left;
            }
            next();
            Expr right = arith(op.precedence + 1, null);
            left = new Expr.Arith(op, left, right, left.span().to(right.span()));
        }
    }

    private Expr arithOperand() {
        Optional<Expr> signed = signedEntity();
        if (signed.isPresent()) {
            return signed.get();
        }
        if (peek().kind() == Kind.LBRACE) {
            next();
            deeper(1);
            Expr inner = arith(1, null);
            expect(Kind.RBRACE);
            depth -= 1;
            return inner;
        }
        return entity();
    }

    private static ArithOp arithOp(Kind k) {
        return switch (k) {
            case BITAND -> ArithOp.BITAND;
            case PLUS -> ArithOp.ADD;
            case MINUS -> ArithOp.SUB;
            case STAR -> ArithOp.MUL;
            case SLASH -> ArithOp.DIV;
            case PERCENT -> ArithOp.MOD;
            default -> null;
        };
    }

    // ---- entities ----

    private static boolean startsEntity(Kind k) {
        return k == Kind.WORD || k == Kind.FIELD || k == Kind.STRING || k == Kind.CHARCONST;
    }

    private Expr entity() {
        Token t = next();
        Expr e = switch (t.kind()) {
            case WORD -> {
                if (peek().kind() == Kind.LPAREN) {
                    yield call(t);
                }
                if (peek().kind() == Kind.HASH) {
                    yield field(t, false);
                }
                yield new Expr.Unparsed(t.text(), t.shape(), t.span());
            }
            case FIELD -> field(t, true);
            case STRING -> new Expr.Str(t.text(), t.raw(), t.span());
            case CHARCONST -> new Expr.CharConst(t.text(), t.span());
            default -> throw unexpected(t);
        };
        while (peek().kind() == Kind.LBRACKET) {
            next();
            List<SliceRange> ranges = rangeList();
            Token close = expect(Kind.RBRACKET);
            e = new Expr.Slice(e, ranges, e.span().to(close.span()));
        }
        return e;
    }

    private Expr.Field field(Token name, boolean dotted) {
        if (peek().kind() != Kind.HASH) {
            return new Expr.Field(name.text(), dotted, List.of(), name.span());
        }
        next();
        Token t = next();
        if (t.kind() == Kind.LAYER_INDEX) {
            long n = number(t.text(), t.span());
            return new Expr.Field(name.text(), dotted, List.of(new SliceRange.Offset(n)), name.span().to(t.span()));
        }
        if (t.kind() != Kind.LBRACKET) {
            throw unexpected(t);
        }
        List<SliceRange> layer = rangeList();
        Token close = expect(Kind.RBRACKET);
        return new Expr.Field(name.text(), dotted, layer, name.span().to(close.span()));
    }

    private Expr.Call call(Token name) {
        expect(Kind.LPAREN);
        deeper(2);
        List<Expr> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            args.add(arith(1, null));
            while (peek().kind() == Kind.COMMA) {
                next();
                args.add(arith(1, null));
            }
        }
        Token close = expect(Kind.RPAREN);
        depth -= 2;
        return new Expr.Call(name.text(), args, name.span().to(close.span()));
    }

    private List<SliceRange> rangeList() {
        List<SliceRange> out = new ArrayList<>();
        while (true) {
            Token t = expect(Kind.RANGE);
            // tshark checks a node when the token after it arrives, so a scanning error there wins
            Kind after = peek().kind();
            out.add(rangeNode(t.text(), t.span()));
            if (after != Kind.COMMA) {
                return out;
            }
            next();
        }
    }

    /** One slice node: {@code i:n}, {@code i-j}, {@code i}, {@code :n} or {@code i:}. */
    private static SliceRange rangeNode(String s, Span span) {
        if (s.equals(":")) {
            return new SliceRange.ToEnd(0); // drange.c: no lower bound is 0, nothing after ':' the end
        }
        Matcher m;
        if ((m = LENGTH.matcher(s)).matches()) {
            long start = number(m.group(1), s, span);
            long len = upper(m.group(2), s, span);
            requirePositive(s, len, span);
            return new SliceRange.Length(start, len);
        }
        if ((m = FROM_START.matcher(s)).matches()) {
            long len = upper(m.group(1), s, span);
            requirePositive(s, len, span);
            return new SliceRange.FromStart(len);
        }
        if ((m = TO_END.matcher(s)).matches()) {
            return new SliceRange.ToEnd(number(m.group(1), s, span));
        }
        if ((m = BETWEEN.matcher(s)).matches()) {
            long a = number(m.group(1), s, span);
            long b = upper(m.group(2), s, span);
            if ((a < 0) != (b < 0)) {
                throw new FilterSyntaxException("Range " + s + " isn't valid because " + a + " and " + b
                        + " have different signs", span);
            }
            if (a >= b) {
                throw new FilterSyntaxException("Range " + s + " isn't valid because " + a
                        + " is greater than or equal to " + b, span);
            }
            return new SliceRange.Between(a, b);
        }
        if ((m = OFFSET.matcher(s)).matches()) {
            return new SliceRange.Offset(number(m.group(1), span));
        }
        throw new FilterSyntaxException("\"" + s + "\" is not a valid range.", span);
    }

    /** drange.c reports a bad number after {@code :} or {@code -} as a bad range. */
    private static long upper(String number, String range, Span span) {
        try {
            return number(number, span);
        } catch (FilterSyntaxException e) {
            throw new FilterSyntaxException("\"" + range + "\" is not a valid range.", span);
        }
    }

    private static void requirePositive(String s, long len, Span span) {
        if (len <= 0) {
            throw new FilterSyntaxException("Range " + s + " isn't valid because length " + len + " isn't positive", span);
        }
    }

    /**
     * A signed decimal, {@code 0x} hex or {@code 0}-led octal number, as C's strtol reads it,
     * within a gint32 ({@code drange.c}: beyond it "causes an integer overflow").
     */
    private static long number(String s, Span span) {
        return number(s, s, span);
    }

    /** {@link #number}, naming {@code shown} in messages (strtol's whole remaining text). */
    private static long number(String s, String shown, Span span) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        java.math.BigInteger v;
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                v = new java.math.BigInteger(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                v = new java.math.BigInteger(digits.substring(1), 8);
            } else {
                v = new java.math.BigInteger(digits);
            }
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException("\"" + shown + "\" is not a valid number.", span);
        }
        if (s.startsWith("-")) {
            v = v.negate();
        }
        if (v.bitLength() > 31) {
            throw new FilterSyntaxException("\"" + shown + "\" causes an integer overflow.", span);
        }
        return v.longValue();
    }

    // ---- tokens ----

    private Token peek() {
        Token t = tokens.get(at);
        if (t.kind() == Kind.ERROR) {
            throw new FilterSyntaxException(t.text(), t.span());
        }
        return t;
    }

    private Token next() {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            at++;
        }
        return t;
    }

    private Token expect(Kind kind) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
        return t;
    }

    private FilterSyntaxException unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            return new FilterSyntaxException("Unexpected end of filter expression.", t.span());
        }
        String text = src.substring(t.span().start(), t.span().end());
        return new FilterSyntaxException("\"" + text + "\" was unexpected in this context.", t.span());
    }
}
