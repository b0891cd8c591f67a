package dev.tcpscope.proto.json;

import dev.tcpscope.proto.Text;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * A small parser of the kind Wireshark's epan/tvbparse.c is, so that a grammar written with it
 * matches what tshark's matches: a sequence skips the ignored characters after each of its
 * elements (so it consumes the blanks after its last one, while its token ends with that
 * element), one-of takes the first alternative that matches, some repeats up to its bounds, and
 * sequences, one-ofs and somes count a recursion depth that fails a match past 100 (and, as in
 * tvbparse, is not given back by the match that failed for it). Callbacks run once a whole
 * top-level match has succeeded: each token's "before" on the way down, its "after" on the way up.
 */
final class Grammar {
    /** tvbparse's TVBPARSE_MAX_RECURSION_DEPTH. */
    static final int MAX_DEPTH = 100;

    /** A matched element: its kind's id and its bytes, with the tokens of its parts. */
    static final class Tok {
        final int id;
        final int offset;
        int len;
        final Wanted wanted;
        Tok sub;
        Tok next;
        Tok last = this;

        Tok(int id, int offset, int len, Wanted wanted) {
            this.id = id;
            this.offset = offset;
            this.len = len;
            this.wanted = wanted;
        }
    }

    /** The state of one parse: the bytes, where they end and the recursion depth. */
    static final class Input {
        final MemorySegment s;
        final long base;
        final int end;
        int depth;
        int offset;
        /**
         * Whether matches make tokens (for the callbacks): without, a parse only finds how far it
         * gets, in memory that does not grow with the bytes (the Info of a 13 MB body).
         */
        final boolean tokens;
        private final Wanted ignore;

        Input(MemorySegment s, long base, int len, Wanted ignore, boolean tokens) {
            this.s = s;
            this.base = base;
            this.end = len;
            this.ignore = ignore;
            this.tokens = tokens;
        }

        int u8(int at) {
            return Text.u8(s, base + at);
        }

        private final Tok[] ignoredToken = new Tok[1];

        int ignored(int at) {
            int len = 0;
            int consumed;
            while ((consumed = ignore.match(this, at + len, ignoredToken)) > 0) {
                len += consumed;
            }
            return len;
        }

        /**
         * A sequence, one-of or repetition starts at {@code at}: false when that is past the end,
         * or when it is one level too deep (which, as in tvbparse, is then not given back).
         */
        boolean enter(int at) {
            return at <= end && ++depth <= MAX_DEPTH;
        }
    }

    /** An element of the grammar (tvbparse_wanted_t). */
    abstract static class Wanted {
        final int id;
        /** The fewest bytes it can match: a sequence or one-of skips it when fewer are left. */
        int len;
        BiConsumer<Object, Tok> before;
        BiConsumer<Object, Tok> after;

        Wanted(int id) {
            this.id = id;
        }

        /** The bytes consumed at {@code at}, the token in {@code out[0]}; or −1. */
        abstract int match(Input in, int at, Tok[] out);

        Wanted callbacks(BiConsumer<Object, Tok> before, BiConsumer<Object, Tok> after) {
            this.before = before;
            this.after = after;
            return this;
        }
    }

    /** One byte of a set (tvbparse_char). */
    static Wanted oneChar(int id, String set) {
        Wanted w = new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (at + 1 > in.end || set.indexOf(in.u8(at)) < 0) {
                    return -1;
                }
                if (in.tokens) {
                    out[0] = new Tok(id, at, 1, this);
                }
                return 1;
            }
        };
        w.len = 1;
        return w;
    }

    /** {@code min} to {@code max} bytes of a set, or, with {@code not}, of its complement (tvbparse_chars, _not_chars). */
    static Wanted chars(int id, int min, int max, String set, boolean not) {
        boolean[] accept = new boolean[256];
        for (int c = 0; c < 256; c++) {
            accept[c] = set.indexOf(c) >= 0 != not;
        }
        int lo = min == 0 ? 1 : min;
        int hi = max == 0 ? Integer.MAX_VALUE / 2 : max;
        return new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (at + lo > in.end) {
                    return -1;
                }
                int left = Math.min(in.end - at, hi);
                int n = 0;
                while (left > 0 && accept[in.u8(at + n)]) {
                    n++;
                    left--;
                }
                if (n < lo) {
                    return -1;
                }
                if (in.tokens) {
                    out[0] = new Tok(id, at, n, this);
                }
                return n;
            }
        };
    }

    /** Exactly these bytes (tvbparse_string). */
    static Wanted literal(int id, String text) {
        Wanted w = new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (at + text.length() > in.end) {
                    return -1;
                }
                for (int i = 0; i < text.length(); i++) {
                    if (in.u8(at + i) != text.charAt(i)) {
                        return -1;
                    }
                }
                if (in.tokens) {
                    out[0] = new Tok(id, at, text.length(), this);
                }
                return text.length();
            }
        };
        w.len = text.length();
        return w;
    }

    /** The first alternative that matches (tvbparse_set_oneof). */
    static Wanted oneOf(int id, Wanted... alternatives) {
        return new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (!in.enter(at)) {
                    return -1;
                }
                Tok[] got = new Tok[1];
                for (Wanted w : alternatives) {
                    if (at + w.len > in.end) {
                        continue;
                    }
                    int n = w.match(in, at, got);
                    if (n >= 0) {
                        if (in.tokens) {
                            Tok t = new Tok(id, got[0].offset, got[0].len, this);
                            t.sub = got[0];
                            out[0] = t;
                        }
                        in.depth--;
                        return n;
                    }
                }
                in.depth--;
                return -1;
            }
        };
    }

    /** The elements one after the other, the ignored bytes skipped after each (tvbparse_set_seq). */
    static Wanted seq(int id, Wanted... elements) {
        return new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (!in.enter(at)) {
                    return -1;
                }
                int offset = at;
                Tok ret = null;
                Tok[] got = new Tok[1];
                for (Wanted w : elements) {
                    if (offset + w.len > in.end) {
                        in.depth--;
                        return -1;
                    }
                    int n = w.match(in, offset, got);
                    if (n < 0) {
                        in.depth--;
                        return -1;
                    }
                    if (in.tokens) {
                        ret = append(ret, got[0], this);
                    }
                    offset += n;
                    offset += in.ignored(offset);
                }
                in.depth--;
                out[0] = ret;
                return offset - at;
            }
        };
    }

    /** {@code min} to {@code max} repetitions of an element (tvbparse_some). */
    static Wanted some(int id, int min, int max, Wanted element) {
        return new Wanted(id) {
            @Override
            int match(Input in, int at, Tok[] out) {
                if (!in.enter(at)) {
                    return -1;
                }
                int offset = at;
                Tok ret = min == 0 && in.tokens ? new Tok(id, at, 0, this) : null;
                int got = 0;
                Tok[] e = new Tok[1];
                while (got < max) {
                    if (offset > in.end) {
                        in.depth--;
                        return -1;
                    }
                    int n = element.match(in, offset, e);
                    if (n < 0) {
                        break;
                    }
                    if (in.tokens) {
                        ret = append(ret, e[0], this);
                    }
                    offset += n;
                    got++;
                    if (n == 0) {
                        break; // nothing more can come of repeating an empty match
                    }
                }
                in.depth--;
                if (got < min) {
                    return -1;
                }
                out[0] = ret;
                return offset - at;
            }
        };
    }

    /**
     * Adds a matched part to the token of a sequence or repetition ({@code ret}, null before the
     * first part): the token then ends where the part ends, unless the part is empty.
     */
    private static Tok append(Tok ret, Tok part, Wanted w) {
        if (ret == null) {
            Tok t = new Tok(w.id, part.offset, part.len, w);
            t.sub = part;
            return t;
        }
        if (part.len != 0) {
            ret.len = part.offset - ret.offset + part.len;
        }
        if (ret.sub != null) {
            ret.sub.last.next = part;
            ret.sub.last = part;
        } else {
            ret.sub = part;
        }
        return ret;
    }

    /**
     * tvbparse_get: skips the ignored bytes, matches {@code wanted} there and, when it matched,
     * runs the callbacks with {@code data} (an input without tokens runs none) and moves past
     * what it consumed; false when it did not (the position then stays where it was, before the
     * ignored bytes).
     */
    static boolean get(Input in, Wanted wanted, Object data) {
        int offset = in.offset + in.ignored(in.offset);
        Tok[] out = new Tok[1];
        int n = wanted.match(in, offset, out);
        if (n < 0) {
            return false;
        }
        if (in.tokens) {
            callbacks(out[0], data);
        }
        in.offset = offset + n;
        return true;
    }

    /** tvbparse's execute_callbacks: depth first, without recursion. */
    private static void callbacks(Tok start, Object data) {
        ArrayDeque<Tok> stack = new ArrayDeque<>();
        Tok curr = start;
        while (curr != null) {
            if (curr.wanted.before != null) {
                curr.wanted.before.accept(data, curr);
            }
            if (curr.sub != null) {
                stack.push(curr);
                curr = curr.sub;
                continue;
            }
            if (curr.wanted.after != null) {
                curr.wanted.after.accept(data, curr);
            }
            curr = curr.next;
            while (curr == null && !stack.isEmpty()) {
                curr = stack.pop();
                if (curr.wanted.after != null) {
                    curr.wanted.after.accept(data, curr);
                }
                curr = curr.next;
            }
        }
    }

    private Grammar() { }
}
