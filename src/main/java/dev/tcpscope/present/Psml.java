package dev.tcpscope.present;

import dev.tcpscope.present.color.ColoringRule;

/**
 * Writes the packet list as {@code tshark -T psml} does (Wireshark's {@code write_psml_preamble},
 * {@code write_psml_columns} and {@code write_psml_finale} in {@code epan/print.c}): an XML
 * header, a {@code <structure>} with one {@code <section>} per column title, then per packet a
 * {@code <packet>} with one {@code <section>} per column text followed by a blank line, and
 * {@code </psml>}. Texts are escaped as {@code print_escaped_xml} escapes them ({@link Xml}). With
 * {@code --color} a packet's element carries its coloring rule's colors.
 */
public final class Psml {
    /** The creator attribute: the Wireshark release whose output this is. */
    static final String CREATOR = "wireshark/4.0.17";

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
        packet(out, rule);
        for (String text : columns) {
            section(out, text);
        }
        out.append("</packet>\n\n");
    }

    /**
     * A packet's opening tag, which PDML shares: with {@code rule} (the packet's coloring rule
     * under {@code --color}) its colors as {@code #rrggbb}, else none.
     */
    static void packet(StringBuilder out, ColoringRule rule) {
        if (rule == null) {
            out.append("<packet>\n");
        } else {
            out.append(String.format(java.util.Locale.ROOT, "<packet foreground='#%06x' background='#%06x'>\n",
                    rule.foreground(), rule.background()));
        }
    }

    /** Appends the closing element. */
    public static void end(StringBuilder out) {
        out.append("</psml>\n");
    }

    private static void section(StringBuilder out, String text) {
        out.append("<section>");
        Xml.escaped(out, text);
        out.append("</section>\n");
    }
}
