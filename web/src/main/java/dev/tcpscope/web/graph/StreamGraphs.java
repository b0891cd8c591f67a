package dev.tcpscope.web.graph;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Computes the TCP stream graphs of Wireshark 4.0's Statistics › TCP Stream Graphs from a
 * capture file: one pass with the core's reader, decoder and TCP analysis, keeping only the
 * chosen stream's segments (docs/GRAPHS.md says what each graph plots and where it differs
 * from Wireshark).
 *
 * <p>The direction shown is the one that sent more payload, the client's when both sent as much
 * (the client is the side that sent the SYN, else the first sender seen); {@code reverse} shows
 * the other one.
 */
public final class StreamGraphs {
    /** Wireshark's default moving-average window of the throughput graph, in seconds. */
    public static final double DEFAULT_MA_WINDOW = 1.0;

    private StreamGraphs() {}

    /**
     * The graph {@code type} of TCP stream {@code stream} ({@code tcp.stream}) of {@code capture}.
     *
     * @throws IllegalArgumentException when the capture has no such stream (the message names the
     *                                  streams it has)
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws dev.tcpscope.capture.CaptureFormatException when it is not a capture, or is damaged
     * @throws IOException when it cannot be read
     */
    public static StreamGraph of(Path capture, int stream, GraphType type, boolean reverse) throws IOException {
        return of(capture, stream, type, reverse, DEFAULT_MA_WINDOW);
    }

    /**
     * As {@link #of(Path, int, GraphType, boolean)}, the throughput averaged over {@code maWindow}
     * seconds (Wireshark's "MA Window (s)").
     */
    public static StreamGraph of(Path capture, int stream, GraphType type, boolean reverse, double maWindow)
            throws IOException {
        Objects.requireNonNull(type, "type");
        if (stream < 0) {
            throw new IllegalArgumentException("invalid TCP stream " + stream + "; streams are numbered from 0");
        }
        if (!(maWindow > 0) || Double.isInfinite(maWindow)) {
            throw new IllegalArgumentException("invalid moving-average window " + maWindow + " s; give a number of seconds above 0");
        }
        StreamCapture c = StreamCapture.read(capture, stream);
        if (stream >= c.streams || c.segments.size() == 0) {
            throw new IllegalArgumentException("the capture has no TCP stream " + stream + " (" + switch (c.streams) {
                case 0 -> "it has no TCP streams";
                case 1 -> "streams: 0";
                default -> "streams: 0.." + (c.streams - 1);
            } + ")");
        }
        boolean low = c.lowPayload != c.highPayload ? c.lowPayload > c.highPayload : c.clientIsLow;
        if (reverse) {
            low = !low;
        }
        String direction = c.direction(low);
        String title = type.title() + " for " + direction;
        Segments s = c.segments;
        return switch (type) {
            case STEVENS -> new StreamGraph(stream, type, title, TIME, SEQUENCE, direction, SequenceGraphs.stevens(s, low));
            case TCPTRACE -> new StreamGraph(stream, type, title, TIME, SEQUENCE, direction, SequenceGraphs.tcptrace(s, low));
            case THROUGHPUT -> new StreamGraph(stream, type, title + " (" + seconds(maWindow) + " MA)", TIME,
                    "Average Throughput (bits/s)", direction, ThroughputGraph.of(s, low, maWindow));
            case RTT -> new StreamGraph(stream, type, title, SEQUENCE, "Round Trip Time (ms)", direction, RttGraph.of(s, low));
            case WINDOW -> new StreamGraph(stream, type, title, TIME, "Window Size (B)", direction, WindowGraph.of(s, low));
        };
    }

    private static final String TIME = "Time (s)";
    private static final String SEQUENCE = "Sequence Number (B)";

    private static String seconds(double s) {
        return BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
    }
}
