package dev.tcpscope.web.graph;

import java.util.Locale;

/**
 * The five graphs of Wireshark's Statistics › TCP Stream Graphs, each with the words its title
 * starts with in Wireshark 4.0's dialog.
 */
public enum GraphType {
    /** Time against sequence number, one point per segment sent. */
    STEVENS("Sequence Numbers (Stevens)"),
    /** tcptrace's time-sequence graph: segments as bars, the ACK and receive-window lines, SACKs. */
    TCPTRACE("Sequence Numbers (tcptrace)"),
    /** Moving-average throughput of the segments sent and goodput of the bytes acknowledged. */
    THROUGHPUT("Throughput"),
    /** Round-trip time of each acknowledged segment, by its sequence number. */
    RTT("Round Trip Time"),
    /** The receive window the other side advertises and the bytes in flight ("Window Scaling"). */
    WINDOW("Window Scaling");

    private final String title;

    GraphType(String title) {
        this.title = title;
    }

    /** What the graph's title starts with, as in Wireshark. */
    public String title() { return title; }

    /** The name on the command line: {@code stevens}, {@code tcptrace}, ... */
    public String argument() { return name().toLowerCase(Locale.ROOT); }

    /**
     * The type named {@code text} ({@code stevens|tcptrace|throughput|rtt|window}, in any case).
     *
     * @throws IllegalArgumentException naming the types there are, when {@code text} is none of them
     */
    public static GraphType parse(String text) {
        if (text != null) {
            for (GraphType t : values()) {
                if (t.argument().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown graph type \"" + text
                + "\"; use stevens, tcptrace, throughput, rtt or window");
    }
}
