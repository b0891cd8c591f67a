package dev.tcpscope.stats;

import dev.tcpscope.tcp.Decoder;

/**
 * One {@code -z} statistic: it sees every frame the read pass decodes, in capture order (as a
 * Wireshark tap listener sees them: before and regardless of {@code -Y}), and prints its report
 * once the capture is read (Wireshark's {@code tap_draw_cb}, epan/tap.c). A tap keeps state per
 * conversation, address or interval at most, never per frame.
 */
public interface Tap {
    /** Takes in the frame just decoded; its dissection and TCP record are valid only during the call. */
    void packet(Decoder d);

    /**
     * Writes the report, newline-terminated lines, as tshark prints it after the packet list
     * (a report can be large, a followed stream say, so it is written rather than returned).
     */
    void draw(Appendable out) throws java.io.IOException;

    /** The display filters this tap registered (they make the fields they name visible to io,stat). */
    default java.util.List<String> filters() { return java.util.List.of(); }
}
