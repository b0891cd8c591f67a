package dev.tcpscope.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.filter.Expr.ArithOp;
import dev.tcpscope.filter.Expr.CmpOp;
import dev.tcpscope.filter.Expr.Quantifier;
import dev.tcpscope.filter.Expr.SetElement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random trees, seeded so a failure replays: print, parse, and the tree must come back equal
 * (spans aside), both for the canonical and the fully parenthesized printing.
 */
class RoundTripPropertyTest {
    private static final long SEED = 0x7c95c0_9e4aL;
    private static final int CASES = 10_000;
    private static final Span N = Span.NONE;

    private static final String[] WORDS = {
        "tcp", "tcp.port", "tcp.flags.syn", "_ws.expert", "mac-lte", "9p", "eth.dst", "80", "0x1f", "017", "0b101",
        "1.5", "2.5e-3", "1e3", "1.2.3.4", "10.0.0.0/8", "::1", "fe80::1/64", "2001:db8::1.2.3.4",
        "ff:ff:ff:ff:ff:ff", "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff", "aa:bb", "aa.bb.cc", ":ff", "aabbcc", "syn",
    };
    private static final String[] FIELDS = {"tcp.port", "ip.addr", "eth.src", "5", "_ws.expert"};
    private static final String[] FUNCTIONS = {"len", "count", "upper", "lower", "string", "max", "min", "abs"};
    private static final String[] STRING_PIECES = {
        "a", "GET ", "\\n", "\\t", "\\x41", "\\x4", "\\101", "\\u00e9", "\\U0001F600", "\\\"", "\\\\", "é", "{", ")", "#", "'",
    };
    private static final String[] RAW_PIECES = {"a", "\\d", "\\\"", "\\\\", "[0-9]+", "x y"};
    private static final String[] CHARS = {"a", "\\x41", "\\'", "\\n", "0", "\\101"};

    private final SplittableRandom rnd = new SplittableRandom(SEED);

    @Test
    void printThenParseGivesTheSameTree() {
        for (int i = 0; i < CASES; i++) {
            Expr e = logic(4);
            String text = Printer.print(e);
            assertThat(Expr.withoutSpans(Parser.parse(text))).as("case %d: %s", i, text).isEqualTo(e);
            String full = Printer.fullyParenthesized(e);
            assertThat(Expr.withoutSpans(Parser.parse(full))).as("case %d: %s", i, full).isEqualTo(e);
        }
    }

    private Expr logic(int depth) {
        int pick = depth <= 0 ? 3 : rnd.nextInt(6);
        return switch (pick) {
            case 0 -> new Expr.Or(logic(depth - 1), logic(depth - 1), N);
            case 1 -> new Expr.And(logic(depth - 1), logic(depth - 1), N);
            case 2 -> new Expr.Not(logic(depth - 1), N);
            default -> relation(depth - 1);
        };
    }

    private Expr relation(int depth) {
        Quantifier q = Quantifier.values()[rnd.nextInt(3)];
        return switch (rnd.nextInt(5)) {
            case 0 -> {
                int n = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 3 : 1);
                List<Expr> operands = new ArrayList<>(List.of(arith(depth)));
                List<CmpOp> ops = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ops.add(CmpOp.values()[rnd.nextInt(CmpOp.values().length)]);
                    operands.add(arith(depth));
                }
                yield new Expr.Compare(q, operands, ops, N);
            }
            case 1 -> new Expr.Contains(q, entity(depth), entity(depth), N);
            case 2 -> new Expr.Matches(q, entity(depth), entity(depth), N);
            case 3 -> {
                List<SetElement> set = new ArrayList<>();
                for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
                    set.add(rnd.nextBoolean() ? new SetElement.One(setEntity(depth))
                            : new SetElement.Range(setEntity(depth), setEntity(depth)));
                }
                yield new Expr.In(q, entity(depth), set, rnd.nextBoolean(), N);
            }
            default -> arith(depth);
        };
    }

    private Expr setEntity(int depth) {
        return rnd.nextInt(4) == 0 ? new Expr.Negate(entity(depth), N) : entity(depth);
    }

    private Expr arith(int depth) {
        int pick = depth <= 0 ? 2 + rnd.nextInt(2) : rnd.nextInt(5);
        return switch (pick) {
            case 0, 1 -> new Expr.Arith(ArithOp.values()[rnd.nextInt(ArithOp.values().length)],
                    arith(depth - 1), arith(depth - 1), N);
            case 2 -> new Expr.Negate(entity(depth - 1), N);
            default -> entity(depth - 1);
        };
    }

    private Expr entity(int depth) {
        int pick = depth <= 0 ? rnd.nextInt(4) : rnd.nextInt(6);
        return switch (pick) {
            case 0 -> new Expr.Unparsed(pick(WORDS), N);
            case 1 -> {
                boolean dotted = rnd.nextBoolean();
                List<SliceRange> layer = dotted && rnd.nextBoolean() ? List.of() : ranges();
                yield new Expr.Field(pick(FIELDS), dotted, layer, N);
            }
            case 2 -> rnd.nextInt(3) == 0 ? new Expr.Str(text(RAW_PIECES), true, N) : new Expr.Str(text(STRING_PIECES), false, N);
            case 3 -> new Expr.CharConst(pick(CHARS), N);
            case 4 -> new Expr.Slice(entity(depth - 1), ranges(), N);
            default -> {
                List<Expr> args = new ArrayList<>();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    args.add(arith(depth - 1));
                }
                yield new Expr.Call(pick(FUNCTIONS), args, N);
            }
        };
    }

    private List<SliceRange> ranges() {
        List<SliceRange> out = new ArrayList<>();
        for (int i = 1 + rnd.nextInt(rnd.nextInt(3) == 0 ? 3 : 1); i > 0; i--) {
            long a = rnd.nextInt(-20, 20);
            long len = rnd.nextInt(1, 20);
            out.add(switch (rnd.nextInt(5)) {
                case 0 -> new SliceRange.Offset(a);
                case 1 -> new SliceRange.Length(a, len);
                case 2 -> a < 0 ? new SliceRange.Between(a, Math.min(-1, a + len)) : new SliceRange.Between(a, a + len);
                case 3 -> new SliceRange.ToEnd(a);
                default -> new SliceRange.FromStart(len);
            });
        }
        // Between(-1, -1) would be empty: 4.0 rejects it, so do we.
        out.replaceAll(r -> r instanceof SliceRange.Between(long s, long e) && s >= e ? new SliceRange.Offset(s) : r);
        return out;
    }

    private String text(String[] pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            sb.append(pick(pieces));
        }
        return sb.toString();
    }

    private String pick(String[] from) {
        return from[rnd.nextInt(from.length)];
    }
}
