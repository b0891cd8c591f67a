package dev.tcpscope.present.color;

/**
 * The 24-bit ANSI color escapes that {@code tshark --color} writes around a packet line:
 * {@code ESC[38;2;R;G;Bm ESC[48;2;R;G;Bm}, the line, {@code ESC[K} (paint the background to the
 * end of the terminal line), and the reset {@code ESC[0m}. Two layouts:
 *
 * <ul>
 *   <li>{@link #appendTsharkLine}: tshark 4.0's bytes exactly (its {@code print_stream.c} on a
 *       terminal with {@code COLORTERM=truecolor}): the reset comes after the newline, at the start
 *       of the next line, an uncolored line has no escapes, and one more reset ends the output
 *       ({@link #RESET}, written when tshark closes the stream). {@code tcpscope read --color}.</li>
 *   <li>{@link #appendColored}: the reset ends the line itself, so that the explanation lines
 *       printed under a packet by {@code tcpscope lab} and {@code explain} are never colored.</li>
 * </ul>
 *
 * tshark falls back to 256 colors when the terminal does not announce 24-bit color; tcpscope
 * always writes 24-bit escapes.
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

    /**
     * Appends {@code line} and its newline as {@code tshark --color} writes them: colored, with the
     * reset after the newline; as they are when {@code rule} is null. End the output with
     * {@link #RESET}, as tshark does.
     */
    public static void appendTsharkLine(StringBuilder out, CharSequence line, ColoringRule rule) {
        if (rule == null) {
            out.append(line).append('\n');
            return;
        }
        out.append("\u001b[38;2;");
        rgb(out, rule.foreground());
        out.append("m\u001b[48;2;");
        rgb(out, rule.background());
        out.append('m').append(line).append(ERASE_TO_END).append('\n').append(RESET);
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
