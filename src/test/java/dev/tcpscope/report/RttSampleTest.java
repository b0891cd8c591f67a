package dev.tcpscope.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded RTT sample: exact up to its cap, a fair estimate beyond, the same for the same seed. */
class RttSampleTest {
    @Test
    void exactUpToTheCap() {
        RttSample s = new RttSample(1);
        for (int i = RttSample.CAP; i >= 1; i--) {
            s.add(i * 1000L);
        }
        assertThat(s.exact()).isTrue();
        assertThat(s.count()).isEqualTo(RttSample.CAP);
        assertThat(s.min()).isEqualTo(1000);
        assertThat(s.max()).isEqualTo(RttSample.CAP * 1000L);
        assertThat(s.quantile(0.5)).isEqualTo(RttSample.CAP / 2 * 1000L);
        assertThat(s.quantile(0.95)).isEqualTo((long) Math.ceil(0.95 * RttSample.CAP) * 1000);
        assertThat(s.mean()).isEqualTo((RttSample.CAP + 1) * 1000L / 2);
    }

    @Test
    void beyondTheCapTheQuantilesAreEstimatesAndMinMaxMeanExact() {
        RttSample s = new RttSample(7);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            s.add(((i * 7919L) % n + 1) * 1000); // 1..n µs, each once, in a scrambled order
        }
        assertThat(s.exact()).isFalse();
        assertThat(s.count()).isEqualTo(n);
        assertThat(s.min()).isEqualTo(1000);
        assertThat(s.max()).isEqualTo(n * 1000L);
        assertThat(s.mean()).isEqualTo((n + 1) * 1000L / 2);
        // the rank error's standard deviation is ~3 points at the median, ~1.4 at p95: allow 3 sigma
        assertThat(s.quantile(0.5)).isBetween(n * 410L, n * 590L);
        assertThat(s.quantile(0.95)).isBetween(n * 905L, n * 995L);
        RttSample again = new RttSample(7);
        for (int i = 0; i < n; i++) {
            again.add(((i * 7919L) % n + 1) * 1000);
        }
        assertThat(again.quantile(0.5)).isEqualTo(s.quantile(0.5));
    }

    @Test
    void emptyIsUnknown() {
        RttSample s = new RttSample(3);
        assertThat(s.min()).isEqualTo(-1);
        assertThat(s.quantile(0.5)).isEqualTo(-1);
        assertThat(s.mean()).isEqualTo(-1);
    }
}
