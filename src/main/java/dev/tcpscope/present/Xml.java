package dev.tcpscope.present;

/**
 * Text in tshark's XML outputs ({@code -T pdml}, {@code -T psml}) as its {@code print_escaped_xml}
 * writes it: the five XML specials as entities ({@code &amp; &lt; &gt; &quot; &#x27;}), the ASCII
 * control characters other than tab, newline and carriage return as {@code \xN} (lower-case hex,
 * no leading zero: XML 1.0 has no reference for them, so a parser still reads the document),
 * and everything else, non-ASCII text included, as it is. Tab, newline and carriage return stay
 * raw, so an attribute can hold a line break, as tshark 4.0's output shows for SMTP responses.
 */
final class Xml {
    private Xml() { }

    /** Appends {@code text} escaped. */
    static void escaped(LineWriter out, String text) throws java.io.IOException {
        // one pass for what is nearly all of a PDML document: ASCII that needs no escape, straight
        // into the writer's buffer; the first char that is not gives the rest to the slow path
        int n = text.length();
        if (n <= LineWriter.ROOM / 3) {
            byte[] b = out.reserve(n);
            int c = out.position();
            int i = 0;
            for (; i < n; i++) {
                char ch = text.charAt(i);
                if (ch >= ESCAPED.length || ESCAPED[ch]) {
                    break;
                }
                b[c++] = (byte) ch;
            }
            out.advance(c);
            if (i == n) {
                return;
            }
            text = text.substring(i);
        }
        if (!escapes(text)) {
            out.text(text);
            return;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escaped(sb, text);
        out.text(sb.toString());
    }

    /** Whether {@link #escaped} changes anything of {@code text}. */
    private static boolean escapes(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < ESCAPED.length && ESCAPED[c]) {
                return true;
            }
        }
        return false;
    }

    /** The characters {@link #escaped} changes: the five entities and the control characters but tab, CR and LF. */
    private static final boolean[] ESCAPED = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPED[c] = c != '\t' && c != '\n' && c != '\r';
        }
        for (char c : new char[] {'&', '<', '>', '"', '\'', 0x7f}) {
            ESCAPED[c] = true;
        }
    }

    static void escaped(StringBuilder out, CharSequence text) {
        // runs that need no escape are appended whole: show and showname attributes are most of a PDML document
        int n = text.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#x27;";
                default -> null;
            };
            boolean control = entity == null && (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f);
            if (entity == null && !control) {
                continue;
            }
            out.append(text, run, i);
            run = i + 1;
            if (entity != null) {
                out.append(entity);
            } else {
                out.append("\\x").append(Integer.toHexString(c));
            }
        }
        out.append(text, run, n);
    }
}
