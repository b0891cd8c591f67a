package dev.tcpscope.bench;

import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.TrafficGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The whole generator per packet (scheduling 2000 connections, planning rounds, building and
 * writing frames) into a sink, so that the disk does not count. One operation is one packet.
 * {@code gc.alloc.rate.norm} is the set-up (2000 connections of 96 planned steps, the write
 * buffer) spread over the packets; emitting a packet allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrafficGeneratorBenchmark {
    private static final int PACKETS = 1_000_000;
    private long seed;

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long generate() throws IOException {
        try (PcapWriter w = new PcapWriter(OutputStream.nullOutputStream(), LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(++seed, 2000, 0.2).write(w, PACKETS);
            return w.records();
        }
    }
}
