package dev.tcpscope.web.graph;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The graphs' numbers on real captures. learn_tcp.pcapng is the lab exchange (client
 * 127.0.0.1:5201, server :5200; the server sends "Hello!" and three 21-byte lines, 69 bytes, the
 * client 19); zeek-tcp-retransmit-fast009.pcap is one HTTP download with three fast
 * retransmissions (frames 32, 34, 36) and SACK blocks from frame 29 on. The expected values are
 * those tshark 4.0 shows for these frames ({@code tcp.seq}, {@code tcp.ack},
 * {@code tcp.options.sack_le}/{@code _re}, {@code tcp.analysis.ack_rtt}).
 */
class StreamGraphsTest {
    static final Path LEARN = Path.of("captures/learn_tcp.pcapng");
    static final Path FAST = Path.of("captures/zeek-tcp-retransmit-fast009.pcap");

    @Test
    void stevensOfTheLabPlotsEverySegmentTheServerSent() throws IOException {
        StreamGraph g = StreamGraphs.of(LEARN, 0, GraphType.STEVENS, false);

        assertThat(g.direction()).isEqualTo("127.0.0.1:5200 → 127.0.0.1:5201");
        assertThat(g.title()).isEqualTo("Sequence Numbers (Stevens) for 127.0.0.1:5200 → 127.0.0.1:5201");
        assertThat(g.stream()).isZero();
        assertThat(g.type()).isEqualTo(GraphType.STEVENS);
        assertThat(g.xLabel()).isEqualTo("Time (s)");
        assertThat(g.yLabel()).isEqualTo("Sequence Number (B)");
        Series seq = g.series("Sequence Number");
        assertThat(g.series()).containsExactly(seq);
        assertThat(seq.style()).isEqualTo(Series.POINTS);
        assertThat(seq.frames()).containsExactly(2, 4, 7, 8, 10, 11, 13, 14, 16, 18, 19);
        assertThat(seq.y()).containsExactly(0, 1, 7, 7, 28, 28, 49, 49, 70, 70, 70);
        assertThat(seq.y2()).isNull();
        assertThat(seq.x()[0]).isEqualTo(0.000212747); // frame.time_relative of frame 2
        assertThat(seq.x()[1]).isEqualTo(0.000714889);
        assertThat(seq.x()[10]).isEqualTo(4.002146916);
    }

    @Test
    void reverseShowsTheClientsSegments() throws IOException {
        StreamGraph g = StreamGraphs.of(LEARN, 0, GraphType.STEVENS, true);

        assertThat(g.direction()).isEqualTo("127.0.0.1:5201 → 127.0.0.1:5200");
        Series seq = g.series("Sequence Number");
        assertThat(seq.frames()).containsExactly(1, 3, 5, 6, 9, 12, 15, 17, 20);
        assertThat(seq.y()).containsExactly(0, 1, 1, 1, 6, 11, 16, 20, 21);
        assertThat(seq.x()[0]).isZero();
    }

    @Test
    void tcptraceOfTheLabHasItsSegmentsAckLineAndWindow() throws IOException {
        StreamGraph g = StreamGraphs.of(LEARN, 0, GraphType.TCPTRACE, false);

        assertThat(g.series()).extracting(Series::name).containsExactly(
                "Segments", "ACK", "Receive Window", "SACK", "Subsequent SACKs", "Dup ACKs", "Zero Window");
        Series segments = g.series("Segments");
        assertThat(segments.style()).isEqualTo(Series.SEGMENTS);
        assertThat(segments.frames()).containsExactly(4, 8, 11, 14);
        assertThat(segments.y()).containsExactly(1, 7, 28, 49);
        assertThat(segments.y2()).containsExactly(7, 28, 49, 70);
        Series ack = g.series("ACK");
        assertThat(ack.style()).isEqualTo(Series.STEP);
        assertThat(ack.frames()).containsExactly(3, 5, 6, 9, 12, 15, 17, 20);
        assertThat(ack.y()).containsExactly(1, 7, 7, 28, 49, 70, 70, 71);
        assertThat(ack.x()[0]).isEqualTo(0.000229361);
        Series window = g.series("Receive Window");
        assertThat(window.frames()).containsExactly(ack.frames());
        assertThat(window.y()).containsExactly(65537, 65543, 65543, 65564, 65585, 65606, 65606, 65607); // ACK + 64 × 1024
        assertThat(g.series("SACK").size()).isZero();
        assertThat(g.series("Subsequent SACKs").size()).isZero();
        assertThat(g.series("Zero Window").size()).isZero();
        // the client's data segment 6 and its FIN 17 repeat the ACK and window before them
        assertThat(g.series("Dup ACKs").frames()).containsExactly(6, 17);
        assertThat(g.series("Dup ACKs").y()).containsExactly(7, 70);
    }

    @Test
    void tcptraceDrawsTheSackBlocksOfTheAcks() throws IOException {
        StreamGraph g = StreamGraphs.of(FAST, 0, GraphType.TCPTRACE, false);

        assertThat(g.direction()).isEqualTo("192.168.0.27:80 → 10.0.88.85:50368");
        Series sack = g.series("SACK");
        assertThat(sack.frames()).containsExactly(29, 30, 31, 33, 35, 37);
        assertThat(sack.y()).containsExactly(14301, 14301, 14301, 21451, 21451, 21451);
        assertThat(sack.y2()).containsExactly(15731, 17161, 18591, 22881, 23784, 23784);
        Series more = g.series("Subsequent SACKs");
        assertThat(more.frames()).containsExactly(33, 35);
        assertThat(more.y()).containsExactly(14301, 14301);
        assertThat(more.y2()).containsExactly(18591, 18591);
        Series segments = g.series("Segments");
        assertThat(segments.size()).isEqualTo(20);
        // the retransmissions are drawn where they were sent, below the segments before them
        assertThat(segments.frames()).endsWith(32, 34, 36);
        assertThat(segments.y()).endsWith(12871, 18591, 20021);
        assertThat(g.series("Dup ACKs").frames()).containsExactly(4, 29, 30, 31, 33, 35);
        assertThat(g.series("ACK").y()).endsWith(12871, 18591, 23784, 23784);
    }

    @Test
    void goodputCountsEachByteOnceAndStaysBelowThroughputWithRetransmissions() throws IOException {
        StreamGraph g = StreamGraphs.of(FAST, 0, GraphType.THROUGHPUT, false);

        assertThat(g.title()).isEqualTo("Throughput for 192.168.0.27:80 → 10.0.88.85:50368 (1 s MA)");
        assertThat(g.yLabel()).isEqualTo("Average Throughput (bits/s)");
        assertThat(g.series()).extracting(Series::name).containsExactly("Throughput", "Goodput");
        Series throughput = g.series("Throughput");
        Series goodput = g.series("Goodput");
        assertThat(throughput.style()).isEqualTo(Series.STEP);
        // all within one second: 23,783 bytes of data, 3 × 1,430 of them sent twice
        assertThat(max(throughput)).isEqualTo((23_783 + 3 * 1_430) * 8.0);
        assertThat(max(goodput)).isEqualTo(23_783 * 8.0);
        assertThat(max(goodput)).isLessThan(max(throughput));
        // frame 29 acknowledges nothing new but SACKs 14301..15731: those bytes count then ...
        assertThat(valueAt(goodput, 29) - valueAt(goodput, 28)).isEqualTo(1_430 * 8.0);
        // ... and not again when frame 37's ACK moves from 12871 past them to 18591
        assertThat(valueAt(goodput, 37) - valueAt(goodput, 35)).isEqualTo(1_430 * 8.0);
        // the window moves on: a second after the last ACK, nothing is left in it
        assertThat(goodput.y()[goodput.size() - 1]).isZero();
    }

    @Test
    void throughputOfTheLabStepsWhereSegmentsEnterAndLeaveTheWindow() throws IOException {
        Series throughput = StreamGraphs.of(LEARN, 0, GraphType.THROUGHPUT, false).series("Throughput");

        assertThat(throughput.frames()).startsWith(2, 4, 7, 2, 4, 7, 8);
        assertThat(throughput.y()).startsWith(0, 48, 48, 48, 0, 0, 168); // "Hello!" = 6 bytes = 48 bits in 1 s
        assertThat(throughput.x()).startsWith(0.000212747, 0.000714889, 0.000820772);
        assertThat(throughput.x()[4]).isCloseTo(1.000714889, within(1e-12)); // where "Hello!" leaves the window

        Series longer = StreamGraphs.of(LEARN, 0, GraphType.THROUGHPUT, false, 10).series("Throughput");
        assertThat(longer.y()[longer.size() - 1]).isEqualTo(69 * 8 / 10.0);
    }

    @Test
    void rttSamplesAreTheCoresAckRttsAtTheAckedSequenceNumbers() throws IOException {
        StreamGraph g = StreamGraphs.of(LEARN, 0, GraphType.RTT, false);

        assertThat(g.xLabel()).isEqualTo("Sequence Number (B)");
        assertThat(g.yLabel()).isEqualTo("Round Trip Time (ms)");
        Series rtt = g.series("RTT");
        assertThat(rtt.style()).isEqualTo(Series.LINE);
        assertThat(rtt.x()).containsExactly(1, 7, 28, 49);
        assertThat(rtt.frames()).containsExactly(5, 9, 12, 15);
        assertThat(rtt.y()).containsExactly(0.030516, 0.184439, 0.108391, 0.112828);
        Map<Long, Long> core = ackRtts(LEARN);
        for (int i = 0; i < rtt.size(); i++) {
            assertThat(rtt.y()[i]).isEqualTo(core.get(rtt.frames()[i]) / 1e6);
        }
    }

    @Test
    void rttTimesSackedRangesAndSortsBySequenceNumber() throws IOException {
        Series rtt = StreamGraphs.of(FAST, 0, GraphType.RTT, false).series("RTT");

        for (int i = 1; i < rtt.size(); i++) {
            assertThat(rtt.x()[i]).isGreaterThanOrEqualTo(rtt.x()[i - 1]);
        }
        // frame 29's SACK block 14301..15731 ends the wait of the segment sent at 0.341980 (frame 18)
        int sacked = indexOf(rtt, 14301);
        assertThat(rtt.frames()[sacked]).isEqualTo(29);
        assertThat(rtt.y()[sacked]).isCloseTo(519.451 - 341.980, within(1e-9));
        assertThat(Arrays.stream(rtt.y()).allMatch(ms -> ms > 0)).isTrue();
    }

    @Test
    void windowShowsTheAdvertisedWindowAndTheBytesInFlight() throws IOException {
        StreamGraph g = StreamGraphs.of(LEARN, 0, GraphType.WINDOW, false);

        assertThat(g.title()).startsWith("Window Scaling for ");
        assertThat(g.yLabel()).isEqualTo("Window Size (B)");
        Series window = g.series("Receive Window");
        assertThat(window.frames()).containsExactly(3, 5, 6, 9, 12, 15, 17, 20);
        assertThat(window.y()).containsOnly(65536); // 64 × the client's scale of 1024
        Series inFlight = g.series("Bytes in Flight");
        assertThat(inFlight.frames()).containsExactly(4, 7, 8, 10, 11, 13, 14, 16, 18, 19);
        assertThat(inFlight.y()).containsExactly(6, 0, 21, 0, 21, 0, 21, 0, 0, 0);

        Series retransmitted = StreamGraphs.of(FAST, 0, GraphType.WINDOW, false).series("Bytes in Flight");
        assertThat(valueAt(retransmitted, 32)).isEqualTo(1430); // a retransmission of the segment at the ACK
        assertThat(StreamGraphs.of(FAST, 0, GraphType.WINDOW, false).series("Receive Window").frames())
                .doesNotContain(1L, 39L); // no SYN, no RST
    }

    @Test
    void theDirectionIsTheOneWithMorePayloadElseTheClients() throws IOException {
        // SMTP: the client sends 801 bytes, the server 583
        assertThat(StreamGraphs.of(Path.of("captures/zeek-smtp-multi-addr.pcap"), 0, GraphType.STEVENS, false).direction())
                .isEqualTo("188.184.129.157:35119 → 188.184.36.24:25");
        // a handshake only: no payload either way, so the client's, the SYN's sender
        Path handshake = Path.of("captures/tcpdump-tcp-handshake-nano.pcap");
        assertThat(StreamGraphs.of(handshake, 0, GraphType.STEVENS, false).direction())
                .isEqualTo("131.155.215.69:46656 → 137.116.81.94:80");
        assertThat(StreamGraphs.of(handshake, 0, GraphType.STEVENS, true).direction())
                .isEqualTo("137.116.81.94:80 → 131.155.215.69:46656");
        // IPv6 addresses are bracketed so that the port stands apart
        assertThat(StreamGraphs.of(Path.of("captures/arkime-http-empty-useragent.pcap"), 0, GraphType.STEVENS, false)
                .direction()).isEqualTo("[::1]:9200 → [::1]:57722");
    }

    @Test
    void anUnknownStreamNamesTheStreamsThereAre() {
        assertThatThrownBy(() -> StreamGraphs.of(LEARN, 9, GraphType.RTT, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the capture has no TCP stream 9 (streams: 0)");
        assertThatThrownBy(() -> StreamGraphs.of(Path.of("captures/zeek-tcp-fast-open.pcap"), 2, GraphType.RTT, false))
                .hasMessage("the capture has no TCP stream 2 (streams: 0..1)");
        assertThatThrownBy(() -> StreamGraphs.of(Path.of("captures/zeek-dns_extended_rcode.pcap"), 0, GraphType.RTT, false))
                .hasMessage("the capture has no TCP stream 0 (it has no TCP streams)");
        assertThatThrownBy(() -> StreamGraphs.of(LEARN, -1, GraphType.RTT, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbered from 0");
        assertThatThrownBy(() -> StreamGraphs.of(LEARN, 0, GraphType.THROUGHPUT, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheChosenStreamsFramesAreKept() throws IOException {
        Path mixed = Path.of("captures/synth-traffic-12k.pcap");
        Set<Long> frames = framesOf(mixed, 7);
        for (GraphType type : GraphType.values()) {
            for (boolean reverse : new boolean[] {false, true}) {
                StreamGraph g = StreamGraphs.of(mixed, 7, type, reverse);
                for (Series s : g.series()) {
                    for (long f : s.frames()) {
                        assertThat(frames).as("%s %s frame %d", type, s.name(), f).contains(f);
                    }
                }
            }
        }
    }

    @Test
    void everyGraphOfEveryStreamOfAMixedCaptureIsWellFormed() throws IOException {
        Path mixed = Path.of("captures/zeek-http-bro.org.pcap");
        int streams = 0;
        for (int stream = 0; ; stream++) {
            try {
                for (GraphType type : GraphType.values()) {
                    for (boolean reverse : new boolean[] {false, true}) {
                        for (Series s : StreamGraphs.of(mixed, stream, type, reverse).series()) {
                            for (int i = 1; i < s.size(); i++) {
                                assertThat(s.x()[i]).as("%s %s ascending x", type, s.name()).isGreaterThanOrEqualTo(s.x()[i - 1]);
                            }
                            assertThat(Arrays.stream(s.x()).allMatch(Double::isFinite)).as("%s %s finite x", type, s.name()).isTrue();
                            assertThat(Arrays.stream(s.y()).allMatch(Double::isFinite)).as("%s %s finite y", type, s.name()).isTrue();
                            assertThat(Arrays.stream(s.frames()).allMatch(f -> f > 0)).as("%s %s frames", type, s.name()).isTrue();
                        }
                    }
                }
                streams++;
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("the capture has no TCP stream " + stream);
                break;
            }
        }
        assertThat(streams).isEqualTo(13);
    }

    private static double max(Series s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s.y()) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The value of the first point of frame {@code frame} (where it entered a moving window, not where it left). */
    private static double valueAt(Series s, long frame) {
        for (int i = 0; i < s.size(); i++) {
            if (s.frames()[i] == frame) {
                return s.y()[i];
            }
        }
        throw new AssertionError("no point of frame " + frame + " in " + s.name());
    }

    private static int indexOf(Series s, double x) {
        for (int i = 0; i < s.size(); i++) {
            if (s.x()[i] == x) {
                return i;
            }
        }
        throw new AssertionError("no point at x = " + x + " in " + s.name());
    }

    /** {@code tcp.analysis.ack_rtt} (ns) of each frame that has one, as the core's analysis gives it. */
    private static Map<Long, Long> ackRtts(Path capture) throws IOException {
        Map<Long, Long> rtts = new LinkedHashMap<>();
        Decoder decoder = new Decoder();
        Frame frame = new Frame();
        try (CaptureReader reader = Captures.open(capture, capture.toString())) {
            while (reader.next(frame)) {
                decoder.decode(frame);
                TcpRecord tcp = decoder.tcp();
                if (tcp != null && tcp.acksFrame != 0) {
                    rtts.put(frame.number(), tcp.ackRtt);
                }
            }
        }
        return rtts;
    }

    private static Set<Long> framesOf(Path capture, int stream) throws IOException {
        Set<Long> frames = new HashSet<>();
        Decoder decoder = new Decoder();
        Frame frame = new Frame();
        try (CaptureReader reader = Captures.open(capture, capture.toString())) {
            while (reader.next(frame)) {
                decoder.decode(frame);
                TcpRecord tcp = decoder.tcp();
                if (tcp != null && tcp.stream == stream) {
                    frames.add(frame.number());
                }
            }
        }
        assertThat(frames).isNotEmpty();
        return frames;
    }
}
