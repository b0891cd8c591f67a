package dev.tcpscope.present;

import dev.tcpscope.present.color.ColoringRule;

/**
 * Writes the packet list as {@code tshark -T psml} does (Wireshark's {@code write_psml_preamble},
 * {@code write_psml_columns} and {@code write_psml_finale} in {@code epan/print.c}): an XML
 * header, a {@code <structure>} with one {@code <section>} per column title, then per packet a
 * {@code <packet>} with one {@code <section>} per column text followed by a blank line, and
 * {@code </psml>}. Texts are escaped as {@code print_escaped_xml} escapes them. With
 * {@code --color} a packet's element carries its coloring rule's colors.
 */
public final class Psml {
    /** The creator attribute: the Wireshark release whose output this is. */
    private static final String CREATOR = "wireshark/4.0.17";

    private Psml() { }

    /** Appends the XML header and the column titles. */
    public static void begin(StringBuilder out) {
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" creator=\"").append(CREATOR)
                .append("\">\n<structure>\n");
        for (String title : PacketList.COLUMN_TITLES) {
            section(out, title);
        }
        out.append("</structure>\n\n");
    }

    /**
     * Appends one packet: {@code columns} in the order of {@link PacketList#COLUMN_TITLES};
     * {@code rule}, the packet's coloring rule with {@code --color}, or null.
     */
    public static void appendPacket(StringBuilder out, String[] columns, ColoringRule rule) {
        if (rule == null) {
            out.append("<packet>\n");
        } else {
            out.append(String.format(java.util.Locale.ROOT, "<packet foreground='#%06x' background='#%06x'>\n",
                    rule.foreground(), rule.background()));
        }
        for (String text : columns) {
            section(out, text);
        }
        out.append("</packet>\n\n");
    }

    /** Appends the closing element. */
    public static void end(StringBuilder out) {
        out.append("</psml>\n");
    }

    private static void section(StringBuilder out, String text) {
        out.append("<section>");
        escaped(out, text);
        out.append("</section>\n");
    }

    /**
     * {@code text} with {@code & < > " '} as entities and the ASCII control characters other than
     * tab, newline and carriage return as {@code \xN} (XML 1.0 has no reference for them);
     * everything else, UTF-8 included, as is.
     */
    static void escaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\x").append(Integer.toHexString(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
