package dev.tcpscope.present.color;

import dev.tcpscope.tcp.Decoder;

/**
 * Chooses the coloring rule of a packet: the first enabled rule, in order, whose filter matches,
 * as Wireshark does ({@code color_filters_colorize_packet}). {@link FilterColorizer} evaluates
 * each rule's display filter.
 */
public interface Colorizer {
    /**
     * The first matching rule for the frame {@code d} has just decoded, or null when none
     * matches. Frames must be decoded in capture order (the TCP analysis depends on it).
     */
    ColoringRule match(Decoder d);
}
