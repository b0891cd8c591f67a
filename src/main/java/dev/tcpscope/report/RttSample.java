package dev.tcpscope.report;

import java.util.Arrays;

/**
 * The RTT samples of one direction in bounded memory: count, sum, minimum and maximum exactly,
 * and the median and 95th percentile from a capped sample of at most {@value #CAP} values.
 *
 * <p>Up to {@value #CAP} samples every value is kept, so the quantiles are exact. Beyond that the
 * kept values are a uniform random sample of all of them (reservoir sampling, Vitter's
 * "Algorithm R", Knuth TAOCP vol. 2 §3.4.2), drawn with a generator seeded from the connection so
 * that the same capture always gives the same report. With 256 kept values the rank error of a
 * quantile estimate has a standard deviation of about sqrt(q(1−q)/256): ±3 percentile points for
 * the median, ±1.4 for the 95th percentile. Kept values are microseconds in ints (1 KiB at most);
 * the array grows from 8 as samples arrive, so a short connection holds a few dozen bytes.
 *
 * <p>Quantiles are the nearest-rank ones (the smallest kept value with at least q of the kept
 * values at or below it), as tcptrace and most monitoring tools report them, not interpolated.
 */
final class RttSample {
    /** At most this many samples are kept. */
    static final int CAP = 256;
    /** Kept samples in microseconds, the report's resolution: half the memory of nanoseconds. */
    private int[] kept = new int[8];
    private int size;
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long random;

    RttSample(long seed) {
        random = seed * 0x9E3779B97F4A7C15L + 1;
    }

    /** Adds one sample (nanoseconds). */
    void add(long ns) {
        count++;
        sum += ns;
        min = Math.min(min, ns);
        max = Math.max(max, ns);
        if (size < CAP) {
            if (size == kept.length) {
                kept = Arrays.copyOf(kept, Math.min(CAP, size * 2));
            }
            kept[size++] = micros(ns);
            return;
        }
        // keep the count-th sample with probability CAP/count, in place of a random kept one
        long j = Long.remainderUnsigned(next(), count);
        if (j < CAP) {
            kept[(int) j] = micros(ns);
        }
    }

    /** Nanoseconds rounded to microseconds, at most about 35 minutes. */
    private static int micros(long ns) {
        return (int) Math.min(Integer.MAX_VALUE, (ns + 500) / 1000);
    }

    private long next() {
        // SplitMix64: a small, well-mixed generator whose state is one long
        long z = (random += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long count() { return count; }

    /** Smallest sample, or −1 without samples. */
    long min() { return count == 0 ? -1 : min; }

    /** Largest sample, or −1 without samples. */
    long max() { return count == 0 ? -1 : max; }

    /** Mean of all samples, or −1 without samples. */
    long mean() { return count == 0 ? -1 : sum / count; }

    /** Whether the quantiles come from all samples (not from a capped sample). */
    boolean exact() { return count <= CAP; }

    /** The nearest-rank {@code q} quantile (0 < q ≤ 1) of the kept samples (ns, to the microsecond), or −1 without samples. */
    long quantile(double q) {
        if (size == 0) {
            return -1;
        }
        int[] sorted = Arrays.copyOf(kept, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] * 1000L;
    }
}
