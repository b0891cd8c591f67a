package dev.tcpscope.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark's {@code colorfilters} file format: one rule a line,
 * {@code @name@filter@[bg red,green,blue][fg red,green,blue]} with 16-bit colour components
 * (background first: the dark grey of "TCP SYN/FIN" is its first bracket);
 * {@code #} starts a comment and a leading {@code !} marks a disabled rule. Rules are tried in
 * file order; the first whose filter matches colours the packet.
 */
public final class ColorFilterFile {
    /** One rule as written: colours are 16-bit components (0–65535). */
    public record Rule(String name, String filter, int[] foreground, int[] background, boolean disabled) {
        /** A component scaled to 8 bits, as a terminal takes it. */
        public static int eightBits(int sixteen) {
            return sixteen >> 8;
        }
    }

    private ColorFilterFile() { }

    /** The coloring rules Wireshark 4.0 ships, in order. */
    public static List<Rule> defaults() {
        try (InputStream in = ColorFilterFile.class.getResourceAsStream("colorfilters")) {
            if (in == null) {
                throw new IllegalStateException("colorfilters resource missing from the jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a colorfilters file; throws {@link IllegalArgumentException} naming the first line
     * that is not a rule.
     */
    public static List<Rule> parse(Reader reader) throws IOException {
        List<Rule> rules = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            boolean disabled = t.startsWith("!");
            if (disabled) {
                t = t.substring(1);
            }
            Rule rule = rule(t);
            if (rule == null) {
                throw new IllegalArgumentException("line " + n + " is not a coloring rule (@name@filter@[bg r,g,b][fg r,g,b]): " + line);
            }
            rules.add(new Rule(rule.name(), rule.filter(), rule.foreground(), rule.background(), disabled));
        }
        return rules;
    }

    private static Rule rule(String t) {
        if (!t.startsWith("@")) {
            return null;
        }
        int a = t.indexOf('@', 1);
        int b = t.lastIndexOf('@');
        if (a < 0 || b <= a) {
            return null;
        }
        String colors = t.substring(b + 1).replace(" ", "");
        if (!colors.startsWith("[") || !colors.endsWith("]")) {
            return null;
        }
        int mid = colors.indexOf("][");
        if (mid < 0) {
            return null;
        }
        int[] bg = rgb(colors.substring(1, mid));
        int[] fg = rgb(colors.substring(mid + 2, colors.length() - 1));
        if (fg == null || bg == null) {
            return null;
        }
        return new Rule(t.substring(1, a), t.substring(a + 1, b), fg, bg, false);
    }

    private static int[] rgb(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            return null;
        }
        int[] c = new int[3];
        try {
            for (int i = 0; i < 3; i++) {
                c[i] = Integer.parseInt(p[i]);
                if (c[i] < 0 || c[i] > 65535) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return c;
    }
}
