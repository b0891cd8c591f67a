package dev.tcpscope.bench;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.TrafficGenerator;
import dev.tcpscope.tcp.Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * A compiled display filter per frame. {@code decode} is the baseline (dissection and TCP
 * analysis of one of 1024 generated frames, rotating); {@code decodeAndFilter} adds the filter,
 * so the difference is the predicate's cost. Expect ~0 B/op for both with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {
    private static final int FRAMES = 1024;

    @Param({"tcp.analysis.retransmission || tcp.flags.reset == 1",
            "ip.addr == 10.0.0.0/8 && tcp.port in {80 443 8080} && tcp.len > 0",
            "tcp.payload contains \"HTTP\" or frame[12:2] == 86:dd"})
    public String filter;

    private Frame[] frames;
    private int next;
    private Decoder decoder;
    private DisplayFilter compiled;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapWriter(bytes, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(1, 200, 0.2).write(w, FRAMES);
        }
        byte[] pcap = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        MemorySegment seg = MemorySegment.ofArray(pcap);
        frames = new Frame[FRAMES];
        int pos = PcapWriter.FILE_HEADER_LENGTH;
        for (int i = 0; i < FRAMES; i++) {
            int incl = b.getInt(pos + 8);
            frames[i] = new Frame();
            frames[i].set(i + 1, b.getInt(pos), b.getInt(pos + 4) * 1000, 6, LinkType.ETHERNET, 0, seg,
                    pos + PcapWriter.RECORD_HEADER_LENGTH, incl, b.getInt(pos + 12));
            pos += PcapWriter.RECORD_HEADER_LENGTH + incl;
        }
        decoder = new Decoder();
        compiled = DisplayFilter.compile(filter, FieldTable.standard());
    }

    @Benchmark
    public int decode() {
        decoder.decode(frames[next++ & (FRAMES - 1)]);
        return decoder.tcpLayer();
    }

    @Benchmark
    public boolean decodeAndFilter() {
        decoder.decode(frames[next++ & (FRAMES - 1)]);
        return compiled.test(decoder);
    }
}
