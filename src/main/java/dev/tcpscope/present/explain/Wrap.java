package dev.tcpscope.present.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Wraps explanation text to a terminal width with a hanging indent, by display width: a CJK or
 * full-width character takes two columns (as terminals draw them, Unicode UAX #11 East Asian
 * Width W/F). Lines break at spaces and between two CJK characters, never inside a Latin word or
 * a number, never between a number and its unit ({@code 41.052 ms}, {@code 6 字节}), never before
 * closing punctuation or after opening punctuation (the Chinese line-breaking rules of
 * W3C clreq, "禁则"). A word longer than the line stays whole and overflows.
 */
public final class Wrap {
    /** Units kept on the line of the number before them. */
    private static final Set<String> UNITS = Set.of("ms", "µs", "s", "ns", "byte", "bytes", "B", "KiB", "MiB", "MB",
            "%", "segment", "segments", "packet", "packets");
    /** Multi-character Chinese units, kept whole and with their number. */
    private static final String[] CJK_UNITS = {"毫秒", "微秒", "字节", "秒", "个"};
    private static final String NO_BREAK_BEFORE = "，。；：、！？）」』”’》〉】,.;:!?)]}";
    private static final String NO_BREAK_AFTER = "（「『“‘《〈【([{";

    private Wrap() { }

    /**
     * {@code text} in lines of at most {@code width} columns where it can: the first line starts
     * with {@code first}, the others with {@code rest}. A width of 0 or less does not wrap.
     */
    public static List<String> lines(String text, int width, String first, String rest) {
        if (width <= 0 || first.length() + width(text) <= width) {
            return List.of(first + text);
        }
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int col = first.length();
        boolean empty = true;
        for (Atom a : atoms(text)) {
            int w = width(a.text);
            int need = (a.space && !empty ? 1 : 0) + w;
            if (!empty && col + need > width) {
                out.add(line.toString());
                line.setLength(0);
                line.append(rest);
                col = rest.length();
                empty = true;
                need = w;
            }
            if (!empty && a.space) {
                line.append(' ');
            }
            line.append(a.text);
            col += need;
            empty = false;
        }
        out.add(line.toString());
        return out;
    }

    /** The columns {@code s} takes on a terminal. */
    public static int width(CharSequence s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            w += wide(c) ? 2 : 1;
        }
        return w;
    }

    /** East Asian Wide and Full-width: CJK ideographs and punctuation, Hangul, kana, full-width forms. */
    static boolean wide(char c) {
        return c >= 0x1100 && (c <= 0x115f || c >= 0x2e80 && c <= 0xa4cf && c != 0x303f
                || c >= 0xac00 && c <= 0xd7a3 || c >= 0xf900 && c <= 0xfaff || c >= 0xfe30 && c <= 0xfe4f
                || c >= 0xff00 && c <= 0xff60 || c >= 0xffe0 && c <= 0xffe6);
    }

    /** A piece no line break may enter, and whether a space precedes it. */
    private record Atom(String text, boolean space) { }

    private static List<Atom> atoms(String s) {
        List<Atom> raw = new ArrayList<>();
        boolean space = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                space = true;
                i++;
                continue;
            }
            int j;
            if (wide(c)) {
                j = i + 1;
                for (String u : CJK_UNITS) {
                    if (s.startsWith(u, i)) {
                        j = i + u.length();
                        break;
                    }
                }
            } else {
                j = i;
                while (j < s.length() && s.charAt(j) != ' ' && !wide(s.charAt(j))) {
                    j++;
                }
            }
            raw.add(new Atom(s.substring(i, j), space));
            space = false;
            i = j;
        }
        // glue: punctuation to its neighbour, a unit to its number
        List<Atom> out = new ArrayList<>();
        for (Atom a : raw) {
            if (!out.isEmpty()) {
                Atom prev = out.get(out.size() - 1);
                String p = prev.text;
                char last = p.charAt(p.length() - 1);
                boolean glue = !a.space && (NO_BREAK_BEFORE.indexOf(a.text.charAt(0)) >= 0
                        || NO_BREAK_AFTER.indexOf(last) >= 0)
                        || Character.isDigit(last) && (UNITS.contains(stripPunct(a.text)) || isCjkUnit(a.text))
                        || p.endsWith("RFC") && Character.isDigit(a.text.charAt(0))
                        || !a.space && !wide(last) && !wide(a.text.charAt(0));
                if (glue) {
                    out.set(out.size() - 1, new Atom(p + (a.space ? " " : "") + a.text, prev.space));
                    continue;
                }
            }
            out.add(a);
        }
        return out;
    }

    private static boolean isCjkUnit(String t) {
        for (String u : CJK_UNITS) {
            if (t.startsWith(u)) {
                return true;
            }
        }
        return false;
    }

    private static String stripPunct(String t) {
        int end = t.length();
        while (end > 0 && NO_BREAK_BEFORE.indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        return t.substring(0, end);
    }
}
