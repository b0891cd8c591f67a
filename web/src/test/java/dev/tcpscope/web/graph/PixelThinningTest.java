package dev.tcpscope.web.graph;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Points that would fall on pixels already drawn stay out of the SVG; what shows stays. */
class PixelThinningTest {
    @Test
    void fewPointsAreLeftAsTheyAre() {
        Series s = series(Series.POINTS, 100);
        assertThat(PixelThinning.over(List.of(s), 200, 100).thin(s)).isSameAs(s);
    }

    @Test
    void aLineKeepsTheFirstLowestHighestAndLastPointOfEachColumn() {
        // ten columns over x = 0..10; column 0 holds x = 0, 0.25, 0.5, 0.75 with y = 5, 1, 9, 4
        SeriesBuilder b = new SeriesBuilder("RTT", Series.LINE).add(0, 5, 1).add(0.25, 1, 2).add(0.5, 9, 3).add(0.75, 4, 4);
        for (int i = 0; i < 40; i++) {
            b.add(1 + i * 0.225, 3, 10 + i);
        }
        Series s = b.build();

        Series thin = PixelThinning.over(List.of(s), 10, 10).thin(s);

        assertThat(thin.frames()).startsWith(1, 2, 3, 4);
        assertThat(thin.size()).isLessThan(s.size());
        assertThat(thin.frames()).contains(10L + 39); // the last point
    }

    @Test
    void aMillionSegmentsMakeASmallSvg() throws Exception {
        int n = 1_000_000;
        SeriesBuilder bars = new SeriesBuilder("Segments", Series.SEGMENTS);
        SeriesBuilder acks = new SeriesBuilder("ACK", Series.STEP);
        for (int i = 0; i < n; i++) {
            bars.add(i * 1e-5, i * 1448.0, (i + 1) * 1448.0, i + 1);
            acks.add(i * 1e-5 + 0.02, i * 1448.0, i + 1);
        }
        StreamGraph g = new StreamGraph(0, GraphType.TCPTRACE, "Sequence Numbers (tcptrace) for a → b", "Time (s)",
                "Sequence Number (B)", "a → b", List.of(bars.build(), acks.build()));

        String svg = SvgGraph.render(g, 900, 500);

        assertThat(svg.length()).isLessThan(10_000_000); // about 1 KB a point without thinning: 2 GB
        assertThat(SvgGraphTest.texts(SvgGraphTest.parse(svg))).contains(g.title(), "Segments", "ACK");
    }

    private static Series series(String style, int n) {
        SeriesBuilder b = new SeriesBuilder("s", style);
        for (int i = 0; i < n; i++) {
            b.add(i, i % 7, i + 1);
        }
        return b.build();
    }
}
