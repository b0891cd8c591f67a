package dev.tcpscope.bench;

import dev.tcpscope.synth.FrameBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of building one frame with {@link FrameBuilder}: the inner loop of the synthetic capture
 * generator. Expect tens of nanoseconds and {@code gc.alloc.rate.norm} of 0 B/op with
 * {@code -prof gc}: building must not allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBuilderBenchmark {
    private final FrameBuilder frames = new FrameBuilder();
    private final byte[] client6 = new byte[16], server6 = new byte[16];
    private int seq;

    @Setup
    public void setUp() {
        client6[0] = 0x20; client6[1] = 0x01; client6[15] = 1;
        server6[0] = 0x20; server6[1] = 0x01; server6[15] = 2;
    }

    /** A 1514-byte IPv4 data segment with timestamps: most of a bulk transfer's bytes. */
    @Benchmark
    public int fullSizeIpv4Segment() {
        seq += 1448;
        frames.ipv4(0x0a000001, 0xc6120001).ipId(seq);
        frames.options().clear().nop().nop().timestamps(seq, seq - 1);
        return frames.fillerPayload(seq).tcp(40000, 5201, seq, 1, FrameBuilder.ACK, 2048, 1448);
    }

    /** A 1514-byte IPv6 data segment: the pseudo-header sums two 16-byte addresses. */
    @Benchmark
    public int fullSizeIpv6Segment() {
        seq += 1428;
        frames.ipv6(client6, server6);
        frames.options().clear().nop().nop().timestamps(seq, seq - 1);
        return frames.fillerPayload(seq).tcp(40000, 5201, seq, 1, FrameBuilder.ACK, 2048, 1428);
    }

    /** A duplicate ACK with one SACK block: the commonest small frame of a lossy transfer. */
    @Benchmark
    public int pureAckWithSack() {
        seq += 2896;
        frames.ipv4(0xc6120001, 0x0a000001).ipId(seq);
        frames.options().clear().nop().nop().timestamps(seq, seq - 1).nop().nop().sack(seq, seq + 1448);
        return frames.tcp(5201, 40000, 1, seq, FrameBuilder.ACK, 1024, 0);
    }

    /** A SYN with MSS, SACK permitted, timestamps and window scale, as Linux sends it. */
    @Benchmark
    public int synWithOptions() {
        seq += 1;
        frames.ipv4(0x0a000001, 0xc6120001).ipId(seq);
        frames.options().clear().mss(1460).sackPermitted().timestamps(seq, 0).nop().windowScale(7);
        return frames.tcp(40000, 5201, seq, 0, FrameBuilder.SYN, 64240, 0);
    }
}
