package dev.tcpscope.present.color;

/**
 * The 24-bit ANSI color escapes that {@code tshark --color} writes around a packet line:
 * {@code ESC[38;2;R;G;Bm ESC[48;2;R;G;Bm}, the line, {@code ESC[K} (paint the background to the
 * end of the terminal line), and the reset {@code ESC[0m}. tshark writes the reset after the
 * newline; here it ends the line itself, so text that follows is never colored.
 */
public final class Ansi {
    public static final String RESET = "\u001b[0m";
    private static final String ERASE_TO_END = "\u001b[K";

    private Ansi() { }

    /** Appends {@code line} colored with {@code rule}'s colors; just the line when rule is null. */
    public static void appendColored(StringBuilder out, CharSequence line, ColoringRule rule) {
        if (rule == null) {
            out.append(line);
            return;
        }
        out.append("\u001b[38;2;");
        rgb(out, rule.foreground());
        out.append("m\u001b[48;2;");
        rgb(out, rule.background());
        out.append('m').append(line).append(ERASE_TO_END).append(RESET);
    }

    private static void rgb(StringBuilder out, int c) {
        out.append(c >> 16 & 0xff).append(';').append(c >> 8 & 0xff).append(';').append(c & 0xff);
    }

    /**
     * Whether output should be colored: never with {@code NO_COLOR} set (no-color.org), always
     * when asked, else only on a terminal.
     */
    public static boolean enabled(boolean asked, boolean terminal, String noColorEnv) {
        if (noColorEnv != null && !noColorEnv.isEmpty()) {
            return false;
        }
        return asked || terminal;
    }
}
