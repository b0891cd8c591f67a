package dev.tcpscope.tcp;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.synth.FrameBuilder;
import dev.tcpscope.synth.PcapWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A small TCP exchange between a client (10.0.0.1:40000) and a server (10.0.0.2:5201), written as
 * a pcap in memory and listed by {@link PacketList}. Times are milliseconds from the start.
 */
final class Exchange {
    static final int CLIENT = 0x0a000001, SERVER = 0x0a000002;
    static final int CPORT = 40000, SPORT = 5201;
    static final int SYN = FrameBuilder.SYN, ACK = FrameBuilder.ACK, FIN = FrameBuilder.FIN,
            RST = FrameBuilder.RST, PSH = FrameBuilder.PSH;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PcapWriter writer;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private double ms;

    Exchange() {
        try {
            writer = new PcapWriter(bytes, LinkType.ETHERNET, 65535, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the time of the next segments. */
    Exchange at(double millis) {
        ms = millis;
        return this;
    }

    /** A segment from the client. */
    Exchange c(long seq, long ack, int flags, int window, int len) {
        return write(client, CPORT, SPORT, seq, ack, flags, window, len);
    }

    /** A segment from the server. */
    Exchange s(long seq, long ack, int flags, int window, int len) {
        return write(server, SPORT, CPORT, seq, ack, flags, window, len);
    }

    /** A three-way handshake at 0, 50 and 100 ms: client ISN 1000, server ISN 5000, windows 8000. */
    Exchange handshake() {
        return at(0).c(1000, 0, SYN, 8000, 0).at(50).s(5000, 1001, SYN | ACK, 8000, 0)
                .at(100).c(1001, 5001, ACK, 8000, 0);
    }

    private Exchange write(FrameBuilder fb, int sp, int dp, long seq, long ack, int flags, int window, int len) {
        int n = fb.tcp(sp, dp, (int) seq, (int) ack, flags, window, len);
        try {
            writer.write(1_700_000_000_000_000_000L + Math.round(ms * 1_000_000), fb.buffer(), 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * The packet-list lines of the exchange. With the environment variable {@code TCPSCOPE_EXCHANGE_DIR}
     * set, the capture is also saved there, to compare with {@code tshark -r} while developing.
     */
    List<String> lines() {
        try {
            writer.flush();
            String dir = System.getenv("TCPSCOPE_EXCHANGE_DIR");
            if (dir != null) {
                save(Files.createTempFile(Path.of(dir), "exchange", ".pcap"));
            }
            PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.of("UTC")), MacNames.none());
            List<String> out = new ArrayList<>();
            try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "exchange.pcap")) {
                Frame f = new Frame();
                while (r.next(f)) {
                    StringBuilder line = new StringBuilder();
                    list.appendLine(f, line);
                    out.add(line.toString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Info column's analysis labels of each line ("" when none), e.g. "[TCP Retransmission]". */
    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            int ip = line.indexOf(" TCP ");
            String info = line.substring(line.indexOf(' ', ip + 5) + 1);
            int end = info.lastIndexOf("] ", info.indexOf(" \u2192 "));
            out.add(end < 0 ? "" : info.substring(0, end + 1));
        }
        return out;
    }

    /** Writes the capture to {@code file}, to compare with tshark while developing. */
    void save(Path file) throws IOException {
        writer.flush();
        Files.write(file, bytes.toByteArray());
    }
}
