package dev.tcpscope.bench;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.TrafficGenerator;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-frame path from bytes to a listing line. {@code dissect} and {@code packetListLine}
 * rotate over 1024 generated frames (TCP over IPv4 and IPv6, handshakes, data, SACK duplicate
 * ACKs...) held in one heap segment, one frame per operation. {@code readMapped} reads a
 * 100k-packet pcap file through the mapped reader; one operation is one packet (opening and
 * closing the file is spread over them). All three should show ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DissectBenchmark {
    private static final int FRAMES = 1024;   // a power of two: the rotation is a mask
    private static final int FILE_PACKETS = 100_000;

    private Frame[] frames;
    private int next;
    private final Dissector dissector = new Dissector();
    private final Dissection dissection = new Dissection();
    private PacketList packetList;
    private final StringBuilder line = new StringBuilder(256);
    private Path file;
    private final Frame readFrame = new Frame();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapWriter(bytes, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(1, 200, 0.2).write(w, FRAMES);
        }
        frames = framesOf(bytes.toByteArray());
        packetList = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.of("UTC")), MacNames.none());

        file = Files.createTempFile("dissect-bench", ".pcap");
        try (OutputStream out = Files.newOutputStream(file);
             var w = new PcapWriter(out, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(2, 2000, 0.2).write(w, FILE_PACKETS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Splits a classic little-endian microsecond pcap held in memory into frames over one segment. */
    private static Frame[] framesOf(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        MemorySegment seg = MemorySegment.ofArray(pcap);
        Frame[] out = new Frame[FRAMES];
        int pos = PcapWriter.FILE_HEADER_LENGTH;
        for (int i = 0; i < FRAMES; i++) {
            int sec = b.getInt(pos);
            int usec = b.getInt(pos + 4);
            int incl = b.getInt(pos + 8);
            int orig = b.getInt(pos + 12);
            out[i] = new Frame();
            out[i].set(i + 1, sec, usec * 1000, 6, LinkType.ETHERNET, 0, seg,
                    pos + PcapWriter.RECORD_HEADER_LENGTH, incl, orig);
            pos += PcapWriter.RECORD_HEADER_LENGTH + incl;
        }
        if (pos != pcap.length) {
            throw new IllegalStateException("expected " + FRAMES + " records, " + (pcap.length - pos) + " bytes left");
        }
        return out;
    }

    @Benchmark
    public int dissect() {
        Frame f = frames[next++ & (FRAMES - 1)];
        dissector.dissect(f, dissection);
        return dissection.count() + dissection.end.ordinal();
    }

    /**
     * Note: the frames repeat every 1024 operations, so the TCP analyzer inside sees the same
     * segments again and again (retransmissions, old data); that is a worst case for its state.
     */
    @Benchmark
    public int packetListLine() {
        Frame f = frames[next++ & (FRAMES - 1)];
        line.setLength(0);
        packetList.appendLine(f, line);
        return line.length();
    }

    @Benchmark
    @OperationsPerInvocation(FILE_PACKETS)
    public long readMapped() throws IOException {
        long n = 0;
        long bytes = 0;
        try (CaptureReader r = Captures.open(file.toString())) {
            while (r.next(readFrame)) {
                n++;
                bytes += readFrame.capturedLength();
            }
        }
        if (n != FILE_PACKETS) {
            throw new IllegalStateException("read " + n + " packets");
        }
        return bytes;
    }
}
