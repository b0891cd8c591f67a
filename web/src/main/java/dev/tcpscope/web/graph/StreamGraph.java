package dev.tcpscope.web.graph;

import java.util.List;

/**
 * One TCP stream graph as data: what {@link StreamGraphs#of} computes, what the browser plots
 * from its JSON and what {@link SvgGraph} draws.
 *
 * @param stream the {@code tcp.stream} number
 * @param title Wireshark's title, e.g. "Sequence Numbers (Stevens) for 10.0.0.1:52000 → 10.0.0.2:80"
 * @param direction the direction shown, sender first: "10.0.0.1:52000 → 10.0.0.2:80" (IPv6
 *                  addresses in brackets)
 * @param series the series, in the order Wireshark layers them
 */
public record StreamGraph(int stream, GraphType type, String title, String xLabel, String yLabel,
                          String direction, List<Series> series) {
    public StreamGraph {
        series = List.copyOf(series);
    }

    /** The series called {@code name}, or null. */
    public Series series(String name) {
        for (Series s : series) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
