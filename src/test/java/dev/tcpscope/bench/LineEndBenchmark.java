package dev.tcpscope.bench;

import dev.tcpscope.proto.Text;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The HTTP and SIP heuristics' search for a segment's first line end ({@link Text#firstCrOrLf})
 * over a native segment (as the mapped capture is) of printable bytes: {@code none} has no CR or
 * LF (a text transfer, the benchmark generator's filler), {@code late} one at byte 1,000. One
 * operation is one search; it should allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineEndBenchmark {
    @Param({"none", "late"})
    public String shape;

    private MemorySegment segment;
    private static final int LENGTH = 1448;

    @Setup
    public void setUp() {
        segment = Arena.ofAuto().allocate(LENGTH + 64);
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < LENGTH + 64; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) (32 + (int) ((x >>> 33) % 95)));
        }
        if (shape.equals("late")) {
            segment.set(ValueLayout.JAVA_BYTE, 1000, (byte) '\n');
        }
    }

    @Benchmark
    public int firstCrOrLf() {
        return Text.firstCrOrLf(segment, 7, LENGTH);
    }
}
