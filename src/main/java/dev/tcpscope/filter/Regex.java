package dev.tcpscope.filter;

import java.util.regex.PatternSyntaxException;

/**
 * The regular expression of {@code matches} / {@code ~}, with the semantics of Wireshark 4.0's
 * {@code wsutil/regex.c} (PCRE2 with {@code CASELESS} and {@code NEVER_UTF}: pattern and subject
 * are bytes, case folds in ASCII only) and bounded work on any subject.
 *
 * <p>A pattern runs on RE2/J, whose automaton takes time linear in the subject and never
 * recurses on it, so {@code (.|\n)*x} or {@code (\w+\s?)+$} on a 60 KB frame cannot overflow the
 * stack or go exponential. Bytes 0x80-0xff are mapped into the private-use area on both sides
 * so that they match themselves only (PCRE2's default tables fold ASCII letters alone), and an
 * unescaped {@code $} outside a class becomes {@code (?:\n?\z)}: PCRE2's {@code $} also matches
 * before a final newline, RE2's does not. A pattern RE2 cannot run (back-references,
 * look-around, possessive and atomic groups, which PCRE2 accepts) runs on java.util.regex over
 * a subject that counts its reads: past {@link #STEP_LIMIT} reads, or if the engine recurses too
 * deep, the frame does not match, as PCRE2 gives up at its match limit (10,000,000) and
 * Wireshark then treats the frame as not matching.
 */
final class Regex {
    /** Character reads allowed for one subject on the java.util.regex fallback. */
    static final long STEP_LIMIT = 10_000_000L;
    private static final char HIGH = '\uE000';

    private final com.google.re2j.Pattern re2;
    private final java.util.regex.Pattern backtracking;

    private Regex(com.google.re2j.Pattern re2, java.util.regex.Pattern backtracking) {
        this.re2 = re2;
        this.backtracking = backtracking;
    }

    /**
     * Compiles {@code pattern} (one char per byte, ISO 8859-1).
     *
     * @throws PatternSyntaxException when neither engine accepts it
     */
    static Regex compile(String pattern) {
        try {
            return new Regex(com.google.re2j.Pattern.compile(forRe2(pattern), com.google.re2j.Pattern.CASE_INSENSITIVE), null);
        } catch (com.google.re2j.PatternSyntaxException e) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.CASE_INSENSITIVE);
            return new Regex(null, p);
        } catch (StackOverflowError e) {
            throw new PatternSyntaxException("pattern is too deeply nested", pattern, -1);
        }
    }

    /** Whether the regex matches somewhere in {@code subject} (one char per byte). */
    boolean find(CharSequence subject) {
        if (re2 != null) {
            return re2.matcher(new HighMapped(subject)).find();
        }
        try {
            return backtracking.matcher(new Counted(subject)).find();
        } catch (Counted.Exhausted | StackOverflowError e) {
            return false;
        }
    }

    /** The pattern with bytes 0x80-0xff moved to the private-use area and PCRE2's {@code $}. */
    static String forRe2(String p) {
        boolean multiline = p.matches("(?s).*\\(\\?[a-zA-Z]*m.*");
        StringBuilder sb = new StringBuilder(p.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char n = p.charAt(++i);
                sb.append(c).append(n >= 0x80 ? (char) (HIGH + n - 0x80) : n);
                continue;
            }
            if (c >= 0x80) {
                sb.append((char) (HIGH + c - 0x80));
            } else if (c == '[' && !inClass) {
                inClass = true;
                sb.append(c);
                if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
                    sb.append(p.charAt(++i));
                }
                if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
                    sb.append(p.charAt(++i)); // a leading ] is a member
                }
            } else if (c == ']' && inClass) {
                inClass = false;
                sb.append(c);
            } else if (c == '$' && !inClass && !multiline) {
                sb.append("(?:\\n?\\z)");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A subject whose chars 0x80-0xff read as private-use chars, which have no case. */
    private record HighMapped(CharSequence s) implements CharSequence {
        public int length() {
            return s.length();
        }

        public char charAt(int i) {
            char c = s.charAt(i);
            return c >= 0x80 && c <= 0xff ? (char) (HIGH + c - 0x80) : c;
        }

        public CharSequence subSequence(int a, int b) {
            return new HighMapped(s.subSequence(a, b));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(length());
            for (int i = 0; i < length(); i++) {
                sb.append(charAt(i));
            }
            return sb.toString();
        }
    }

    /** A subject that stops the backtracking engine after {@link #STEP_LIMIT} reads. */
    private static final class Counted implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final CharSequence s;
        private long reads;

        Counted(CharSequence s) {
            this.s = s;
        }

        public int length() {
            return s.length();
        }

        public char charAt(int i) {
            if (++reads > STEP_LIMIT) {
                throw new Exhausted();
            }
            return s.charAt(i);
        }

        public CharSequence subSequence(int a, int b) {
            return s.subSequence(a, b);
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
