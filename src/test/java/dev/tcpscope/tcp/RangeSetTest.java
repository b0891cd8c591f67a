package dev.tcpscope.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangeSetTest {
    @Test
    void addMergesTouchingAndOverlappingRanges() {
        RangeSet r = new RangeSet();
        r.add(100, 200);
        r.add(300, 400);
        r.add(200, 300);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.covered(0, 1000)).isEqualTo(300);
        r.add(50, 120);
        assertThat(r.covered(0, 1000)).isEqualTo(350);
    }

    @Test
    void removeSplitsAndReportsWhetherItHit() {
        RangeSet r = new RangeSet();
        r.add(100, 400);
        assertThat(r.remove(200, 300)).isTrue();
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.covered(100, 400)).isEqualTo(200);
        assertThat(r.remove(200, 300)).isFalse();
        r.removeBelow(350);
        assertThat(r.covered(0, 1000)).isEqualTo(50);
    }

    @Test
    void rangesAcrossTheSequenceWrapCompareModulo32Bits() {
        RangeSet r = new RangeSet();
        r.add(-100, 100); // 0xffffff9c .. 0x64
        assertThat(r.covered(-50, 50)).isEqualTo(100);
        assertThat(r.remove(0, 10)).isTrue();
        assertThat(r.covered(-100, 100)).isEqualTo(190);
    }

    @Test
    void staysBoundedForgettingTheLowestRange() {
        RangeSet r = new RangeSet();
        for (int i = 0; i < 100; i++) {
            r.add(i * 10, i * 10 + 5);
        }
        assertThat(r.size()).isEqualTo(RangeSet.MAX);
        assertThat(r.covered(0, 10 * (100 - RangeSet.MAX))).isZero();
        assertThat(r.covered(990, 995)).isEqualTo(5);
    }
}
