package dev.tcpscope.present.color;

/**
 * One of Wireshark's coloring rules: a name, the display filter that selects the packets, and
 * the foreground and background colors as 24-bit RGB ({@code 0xRRGGBB}).
 *
 * <p>Wireshark stores colors as 16-bit channels ({@code [4718,10030,11796]}); tshark prints the
 * high byte of each, which is what {@link #of} keeps.
 */
public record ColoringRule(String name, String filter, int foreground, int background) {
    /**
     * Parses one line of a Wireshark {@code colorfilters} file:
     * {@code @name@filter@[r,g,b][r,g,b]} with 16-bit channels, background first, then foreground
     * (Wireshark's {@code color_filters_write_one} order).
     *
     * @throws IllegalArgumentException for any other shape
     */
    public static ColoringRule of(String line) {
        String[] parts = line.split("@", -1);
        if (parts.length != 4 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("not a coloring rule: " + line);
        }
        String colors = parts[3];
        int split = colors.indexOf("][");
        if (!colors.startsWith("[") || !colors.endsWith("]") || split < 0) {
            throw new IllegalArgumentException("bad colors in: " + line);
        }
        int background = rgb(colors.substring(1, split));
        int foreground = rgb(colors.substring(split + 2, colors.length() - 1));
        return new ColoringRule(parts[1], parts[2], foreground, background);
    }

    private static int rgb(String channels) {
        String[] c = channels.split(",");
        if (c.length != 3) {
            throw new IllegalArgumentException("bad color: " + channels);
        }
        int v = 0;
        for (String s : c) {
            v = v << 8 | (Integer.parseInt(s.strip()) >> 8);
        }
        return v;
    }
}
