package dev.tcpscope.web.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The graph types, the series' invariants, sequence numbers past 2^32 and the JSON the browser gets. */
class GraphModelTest {
    @Test
    void graphTypesParseInAnyCase() {
        assertThat(GraphType.parse("stevens")).isEqualTo(GraphType.STEVENS);
        assertThat(GraphType.parse("TCPTrace")).isEqualTo(GraphType.TCPTRACE);
        assertThat(GraphType.parse("Throughput")).isEqualTo(GraphType.THROUGHPUT);
        assertThat(GraphType.parse("RTT")).isEqualTo(GraphType.RTT);
        assertThat(GraphType.parse("window")).isEqualTo(GraphType.WINDOW);
        assertThatThrownBy(() -> GraphType.parse("wscale"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown graph type \"wscale\"; use stevens, tcptrace, throughput, rtt or window");
        assertThatThrownBy(() -> GraphType.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSeriesKeepsItsArraysInStep() {
        double[] two = {1, 2};
        assertThatThrownBy(() -> new Series("s", Series.POINTS, two, new double[] {1}, null, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Series("s", Series.POINTS, two, two, two, new long[] {1, 2}))
                .hasMessageContaining("y2");
        assertThatThrownBy(() -> new Series("s", Series.SEGMENTS, two, two, null, new long[] {1, 2}))
                .hasMessageContaining("y2");
        assertThatThrownBy(() -> new Series("s", "bars", two, two, null, new long[] {1, 2}))
                .hasMessageContaining("bars");
    }

    @Test
    void seriesComeOutInAscendingXKeepingTheOrderOfEqualOnes() {
        Series s = new SeriesBuilder("RTT", Series.LINE).add(7, 0.5, 9).add(1, 0.3, 5).add(7, 0.4, 12).add(3, 0.1, 6).build();
        assertThat(s.x()).containsExactly(1, 3, 7, 7);
        assertThat(s.frames()).containsExactly(5, 6, 9, 12);
        assertThat(s.y()).containsExactly(0.3, 0.1, 0.5, 0.4);
    }

    @Test
    void sequenceNumbersClimbPast4GiB() {
        Segments s = new Segments();
        long[] sack = {0xffffff00L, 0x00000010L};
        long[] climb = {1, 0x60000000L, 0xc0000000L, 0xffffff00L, 0x00000100L};
        for (int i = 0; i < climb.length; i++) {
            s.add(i + 1, i, true, 0x10, climb[i], 5, 0x100, 1000, new long[0], 0, true);
        }
        s.add(6, 5, false, 0x10, 5, 0x00000010L, 0, 1000, sack, 1, true);

        assertThat(s.seq(3)).isEqualTo(0xffffff00L);
        assertThat(s.seq(4)).isEqualTo(0x1_0000_0100L);
        assertThat(s.ack(5)).isEqualTo(0x1_0000_0010L);
        assertThat(s.sackLeft(5, 0)).isEqualTo(0xffffff00L);
        assertThat(s.sackRight(5, 0)).isEqualTo(0x1_0000_0010L);
        assertThat(s.seq(5)).isEqualTo(5); // the other side's numbers are extended on their own
        assertThat(s.sackBlocks(0)).isZero();
        assertThat(s.sackBlocks(5)).isEqualTo(1);
    }

    @Test
    void theGraphIsPlainJson() throws Exception {
        StreamGraph g = new StreamGraph(3, GraphType.TCPTRACE, "t", "Time (s)", "Sequence Number (B)", "a → b", List.of(
                new Series("Segments", Series.SEGMENTS, new double[] {0.5}, new double[] {1}, new double[] {7}, new long[] {4}),
                new Series("ACK", Series.STEP, new double[] {0.6}, new double[] {7}, null, new long[] {5})));

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(g));

        assertThat(json.get("stream").asInt()).isEqualTo(3);
        assertThat(json.get("type").asText()).isEqualTo("TCPTRACE");
        assertThat(json.get("direction").asText()).isEqualTo("a → b");
        assertThat(json.get("xLabel").asText()).isEqualTo("Time (s)");
        JsonNode segments = json.get("series").get(0);
        assertThat(segments.get("style").asText()).isEqualTo("segments");
        assertThat(segments.get("y2").get(0).asDouble()).isEqualTo(7);
        assertThat(segments.get("frames").get(0).asLong()).isEqualTo(4);
        assertThat(json.get("series").get(1).get("y2").isNull()).isTrue();
        assertThat(segments.has("size")).isFalse(); // the record's components only
    }
}
