package dev.tcpscope.present;

import dev.tcpscope.frame.Frame;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The epoch time column's fraction at every precision: zero-padded to its digits, truncated, as tshark writes it. */
class TimeFormatFractionTest {
    @Test
    void theFractionHasExactlyItsDigitsWhateverTheValue() {
        SplittableRandom random = new SplittableRandom(9);
        TimeFormat time = new TimeFormat(TimeFormat.Kind.EPOCH, ZoneOffset.UTC);
        Frame f = new Frame();
        int[] edges = {0, 1, 9, 10, 99, 100, 999_999, 1_000_000, 100_000_000, 999_999_999};
        for (int round = 0; round < 5000; round++) {
            int ns = round < edges.length ? edges[round] : random.nextInt(1_000_000_000);
            int digits = round < edges.length ? 9 : random.nextInt(10);
            long sec = random.nextLong(2_000_000_000L);
            f.set(round + 1, sec, ns, digits, 1, 0, java.lang.foreign.MemorySegment.ofArray(new byte[60]), 0, 60, 60);
            StringBuilder sb = new StringBuilder();
            time.append(sb, f);
            String padded = String.format("%09d", ns).substring(0, digits);
            assertThat(sb.toString()).as("ns %d, %d digits", ns, digits).isEqualTo(digits == 0 ? Long.toString(sec) : sec + "." + padded);
        }
    }
}
