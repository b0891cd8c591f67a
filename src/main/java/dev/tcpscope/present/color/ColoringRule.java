package dev.tcpscope.present.color;

/**
 * One of Wireshark's coloring rules: a name, the display filter that selects the packets, and
 * the foreground and background colors as 24-bit RGB ({@code 0xRRGGBB}). A disabled rule
 * ({@code !} in a colorfilters file) is kept, as Wireshark keeps it, but never colors a packet.
 *
 * <p>Wireshark stores colors as 16-bit channels ({@code [4718,10030,11796]}); tshark prints the
 * high byte of each, which is what {@link #of} keeps.
 */
public record ColoringRule(String name, String filter, int foreground, int background, boolean disabled) {
    /** An enabled rule. */
    public ColoringRule(String name, String filter, int foreground, int background) {
        this(name, filter, foreground, background, false);
    }

    /**
     * Parses one rule line of a Wireshark {@code colorfilters} file:
     * {@code [!]@name@filter@[r,g,b][r,g,b]} with 16-bit channels (0–65535), background first,
     * then foreground ({@code color_filters.c}'s {@code read_filters_file} order). Name and filter
     * cannot contain {@code @} and are not empty; text after the colors is ignored, as Wireshark
     * skips to the end of the line.
     *
     * @throws IllegalArgumentException for any other shape, saying what is wrong
     */
    public static ColoringRule of(String line) {
        String t = line.strip();
        boolean disabled = t.startsWith("!");
        if (disabled) {
            t = t.substring(1).stripLeading();
        }
        if (!t.startsWith("@")) {
            throw new IllegalArgumentException("not a coloring rule (@name@filter@[bg r,g,b][fg r,g,b])");
        }
        int a = t.indexOf('@', 1);
        int b = a < 0 ? -1 : t.indexOf('@', a + 1);
        if (b < 0) {
            throw new IllegalArgumentException("a coloring rule needs three @: @name@filter@[bg r,g,b][fg r,g,b]");
        }
        String name = t.substring(1, a);
        String filter = t.substring(a + 1, b);
        if (name.isEmpty() || filter.isEmpty()) {
            throw new IllegalArgumentException(name.isEmpty() ? "empty rule name" : "empty filter in rule \"" + name + "\"");
        }
        String colors = t.substring(b + 1);
        int mid = colors.indexOf("][");
        int end = colors.indexOf(']', mid + 2);
        if (!colors.startsWith("[") || mid < 0 || end < 0) {
            throw new IllegalArgumentException("colors of rule \"" + name + "\" are not [bg r,g,b][fg r,g,b]: " + colors);
        }
        int background = rgb(colors.substring(1, mid), name);
        int foreground = rgb(colors.substring(mid + 2, end), name);
        return new ColoringRule(name, filter, foreground, background, disabled);
    }

    private static int rgb(String channels, String name) {
        String[] c = channels.split(",", -1);
        if (c.length != 3) {
            throw new IllegalArgumentException("color [" + channels + "] of rule \"" + name + "\" needs three channels");
        }
        int v = 0;
        for (String s : c) {
            int channel;
            try {
                channel = Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                channel = -1;
            }
            if (channel < 0 || channel > 0xffff) {
                throw new IllegalArgumentException("color channel \"" + s.strip() + "\" of rule \"" + name
                        + "\" is not a number from 0 to 65535");
            }
            v = v << 8 | channel >> 8;
        }
        return v;
    }
}
