package dev.tcpscope.filter;

import dev.tcpscope.field.Values;
import dev.tcpscope.filter.Compiler.Source;
import dev.tcpscope.tcp.Decoder;

import java.util.List;

/**
 * The display-filter functions of Wireshark 4.0 ({@code epan/dfilter/dfunctions.c}, and
 * {@code len()} which gencode turns into DFVM_LENGTH): {@code len} (length of each
 * occurrence; the wire size for types without one), {@code count} (number of occurrences),
 * {@code upper}/{@code lower}/{@code string} (strings), {@code max}/{@code min} (the extreme
 * over every argument's occurrences) and {@code abs}. A function whose arguments are all
 * missing has no value, which makes its relation false.
 */
final class Functions {
    private Functions() { }

    static Source source(Typed.Call c) {
        List<Source> args = c.args().stream().map(Compiler::source).toList();
        Source arg = args.getFirst();
        FType argType = c.args().getFirst().type();
        return switch (c.fn()) {
            case LEN -> perOccurrence(arg, (a, i, out) -> out.addLong(length(argType, a, i)));
            case COUNT -> new Source() {
                Values load(Decoder d) {
                    Values a = arg.load(d);
                    if (a == null) {
                        return null;
                    }
                    values.clear().addLong(a.size());
                    return values;
                }
            };
            case UPPER, LOWER, STRING -> perOccurrence(arg, (a, i, out) -> out.addString(c.fn() == Typed.Fn.STRING
                    ? Compiler.repr(argType, a, i) : Compiler.lower(a.stringAt(i), c.fn() == Typed.Fn.UPPER)));
            case MAX, MIN -> new Source() {
                Values load(Decoder d) {
                    Values best = null;
                    int at = -1;
                    for (Source s : args) {
                        Values a = s.load(d);
                        for (int i = 0; a != null && i < a.size(); i++) {
                            int cmp = best == null ? 0 : Ops.compare(c.type(), a, i, best, at, 128);
                            if (best == null || (c.fn() == Typed.Fn.MAX ? cmp > 0 : cmp < 0)) {
                                values.clear();
                                Compiler.copy(c.type(), a, i, values);
                                best = values;
                                at = 0;
                            }
                        }
                    }
                    return best;
                }
            };
            case ABS -> perOccurrence(arg, (a, i, out) -> {
                if (argType == FType.DOUBLE) {
                    out.addDouble(Math.abs(a.doubleAt(i)));
                } else {
                    out.addLong(Math.abs(a.longAt(i)));
                }
            });
        };
    }

    /** What a function makes of occurrence {@code i} of its argument's values {@code a}. */
    @FunctionalInterface
    private interface Each {
        void add(Values a, int i, Values out);
    }

    /** A function applied to each occurrence of its one argument; no value when the argument has none. */
    private static Source perOccurrence(Source arg, Each each) {
        return new Source() {
            Values load(Decoder d) {
                Values a = arg.load(d);
                if (a == null) {
                    return null;
                }
                values.clear();
                for (int i = 0; i < a.size(); i++) {
                    each.add(a, i, values);
                }
                return values;
            }
        };
    }

    static int utf8Length(CharSequence s) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** fvalue_length: the length of strings and byte strings, the wire size of anything else. */
    static long length(FType t, Values v, int i) {
        return switch (t) {
            case STRING -> utf8Length(v.stringAt(i)); // Wireshark strings are UTF-8 bytes
            case ETHER, BYTES, PROTOCOL -> v.lengthAt(i);
            default -> t.wireSize;
        };
    }
}
