package dev.tcpscope.present.color;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Dissection;

/**
 * Chooses the coloring rule of a packet: the first rule, in order, whose filter matches, as
 * Wireshark does. {@link DefaultColorizer} decides Wireshark 4.0's default rules straight from
 * the dissection; an implementation that evaluates each rule's display filter can replace it.
 */
public interface Colorizer {
    /**
     * The first matching rule for the frame, or null when none matches.
     *
     * @param frame the frame, already dissected into {@code d}
     * @param tcp   the frame's TCP analysis, or null when it has no analysed TCP segment
     */
    ColoringRule match(Frame frame, Dissection d, TcpRecord tcp);
}
