package dev.tcpscope.report;

import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.FrameBuilder;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.TcpOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes synthetic TCP connections whose report values are known by construction, for
 * {@link ConnectionReportTest}: client 10.0.0.1 (a new port per connection), server
 * 10.0.0.2:5201, client ISN 1000, server ISN 5000 (as {@code synth.FlagScenarios}), each
 * connection ten seconds after the previous one. Times are milliseconds from the connection's
 * start. The frame bytes each side sent are counted as they are written.
 */
final class StatsScenarios implements AutoCloseable {
    static final int SYN = FrameBuilder.SYN, ACK = FrameBuilder.ACK, FIN = FrameBuilder.FIN,
            RST = FrameBuilder.RST, PSH = FrameBuilder.PSH;
    private static final long START = 1_700_000_000_000_000_000L;
    private final OutputStream os;
    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
    private final FrameBuilder server = new FrameBuilder().ipv4(0x0a000002, 0x0a000001);
    private int connection;
    private int port;
    private long base;
    /** Frame bytes sent by "port/c" and "port/s". */
    final Map<String, Long> bytes = new HashMap<>();

    StatsScenarios(Path file) throws IOException {
        os = Files.newOutputStream(file);
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    /** Starts the next connection; returns its client port (40001, 40002...). */
    int next() {
        connection++;
        port = 40000 + connection;
        base = START + (connection - 1) * 10_000_000_000L;
        return port;
    }

    /** The options of the client's next segment. */
    TcpOptions clientOptions() { return client.options(); }

    /** The options of the server's next segment. */
    TcpOptions serverOptions() { return server.options(); }

    StatsScenarios c(double ms, long seq, long ack, int flags, int window, int len) throws IOException {
        return write(client, "c", port, 5201, ms, seq, ack, flags, window, len);
    }

    StatsScenarios s(double ms, long seq, long ack, int flags, int window, int len) throws IOException {
        return write(server, "s", 5201, port, ms, seq, ack, flags, window, len);
    }

    /** SYN at 0, SYN/ACK at 30 ms, ACK at 40 ms, windows 8000, no options. */
    StatsScenarios handshake() throws IOException {
        return c(0, 1000, 0, SYN, 8000, 0).s(30, 5000, 1001, SYN | ACK, 8000, 0).c(40, 1001, 5001, ACK, 8000, 0);
    }

    private StatsScenarios write(FrameBuilder fb, String side, int sp, int dp, double ms, long seq, long ack, int flags,
                                 int window, int len) throws IOException {
        int n = fb.tcp(sp, dp, (int) seq, (int) ack, flags, window, len);
        out.write(base + Math.round(ms * 1_000_000), fb.buffer(), 0, n);
        fb.options().clear();
        bytes.merge(port + "/" + side, (long) n, Long::sum);
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
        os.close();
    }
}
