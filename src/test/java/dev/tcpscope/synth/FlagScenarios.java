package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-tcp-flags.pcap}: one short TCP conversation per analysis
 * condition, each on its own client port and ten seconds after the previous one, so that every
 * {@code tcp.analysis.*} flag and computed field is raised at least once where tshark raises it.
 * The TCP field goldens (scripts/make-goldens.sh) are made from it like from any other capture.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.FlagScenarios captures/synth-tcp-flags.pcap
 * </pre>
 *
 * Client 10.0.0.1 (ports 40001...), server 10.0.0.2:5201; client ISN 1000, server ISN 5000.
 * The handshake takes 100 ms, which is then the out-of-order threshold.
 */
public final class FlagScenarios {
    private static final int CLIENT = 0x0a000001, SERVER = 0x0a000002, SPORT = 5201;
    private static final int SYN = FrameBuilder.SYN, ACK = FrameBuilder.ACK, FIN = FrameBuilder.FIN,
            RST = FrameBuilder.RST, PSH = FrameBuilder.PSH;
    private static final long START = 1_700_000_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private FrameBuilder c = client;
    private FrameBuilder s = server;
    private int scenario;
    private int cport;
    private long base;
    private double ms;

    private FlagScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    /** Starts the next conversation on a new client port, ten seconds after the last. */
    private FlagScenarios next() {
        scenario++;
        cport = 40000 + scenario;
        base = START + (long) (scenario - 1) * 10_000_000_000L;
        c = client;
        s = server;
        return this;
    }

    private FlagScenarios at(double millis) {
        ms = millis;
        return this;
    }

    private FlagScenarios c(long seq, long ack, int flags, int window, int len) throws IOException {
        return write(c, cport, SPORT, seq, ack, flags, window, len);
    }

    private FlagScenarios s(long seq, long ack, int flags, int window, int len) throws IOException {
        return write(s, SPORT, cport, seq, ack, flags, window, len);
    }

    private FlagScenarios write(FrameBuilder fb, int sp, int dp, long seq, long ack, int flags, int window, int len)
            throws IOException {
        int n = fb.tcp(sp, dp, (int) seq, (int) ack, flags, window, len);
        out.write(base + Math.round(ms * 1_000_000), fb.buffer(), 0, n);
        fb.options().clear();
        return this;
    }

    /** SYN at 0, SYN/ACK at 50 ms, ACK at 100 ms; windows 8000, no options. */
    private FlagScenarios handshake() throws IOException {
        return at(0).c(1000, 0, SYN, 8000, 0).at(50).s(5000, 1001, SYN | ACK, 8000, 0)
                .at(100).c(1001, 5001, ACK, 8000, 0);
    }

    private void write() throws IOException {
        // A clean exchange closed by FIN from both sides.
        next().handshake().at(200).c(1001, 5001, PSH | ACK, 8000, 100).at(250).s(5001, 1101, ACK, 8000, 0)
                .at(300).s(5001, 1101, PSH | ACK, 8000, 50).at(350).c(1101, 5051, ACK, 8000, 0)
                .at(400).c(1101, 5051, FIN | ACK, 8000, 0).at(450).s(5051, 1102, FIN | ACK, 8000, 0)
                .at(500).c(1102, 5052, ACK, 8000, 0);
        // Retransmission after the out-of-order threshold (tcp.analysis.rto).
        next().handshake().at(200).c(1001, 5001, PSH | ACK, 8000, 100).at(500).c(1001, 5001, PSH | ACK, 8000, 100)
                .at(550).s(5001, 1101, ACK, 8000, 0);
        // A hole, then the missing segment within the RTT: previous segment not captured, out-of-order.
        next().handshake().at(200).c(1101, 5001, ACK, 8000, 100).at(210).c(1001, 5001, ACK, 8000, 100);
        // Duplicate ACKs, then a fast retransmission.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(201).c(1201, 5001, ACK, 8000, 100)
                .at(250).s(5001, 1101, ACK, 8000, 0).at(251).s(5001, 1101, ACK, 8000, 0)
                .at(252).s(5001, 1101, ACK, 8000, 0).at(255).c(1101, 5001, ACK, 8000, 100)
                .at(300).s(5001, 1301, ACK, 8000, 0);
        // A spurious retransmission of acknowledged data.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(250).s(5001, 1101, ACK, 8000, 0)
                .at(600).c(1001, 5001, ACK, 8000, 100);
        // An ACK of data never seen.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(250).s(5001, 1201, ACK, 8000, 0)
                .at(251).s(5001, 1201, ACK, 8000, 10);
        // Window update and window full.
        next().handshake().at(200).s(5001, 1001, ACK, 300, 0).at(250).c(1001, 5001, ACK, 8000, 300)
                .at(300).s(5001, 1301, ACK, 8000, 0).at(350).s(5001, 1301, ACK, 9000, 0);
        // Zero window, a probe, its ACK, then the window opens.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(250).s(5001, 1101, ACK, 0, 0)
                .at(500).c(1101, 5001, ACK, 8000, 1).at(550).s(5001, 1101, ACK, 0, 0)
                .at(800).s(5001, 1101, ACK, 8000, 0);
        // Keep-alive and its ACK.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(250).s(5001, 1101, ACK, 8000, 0)
                .at(5_000).c(1100, 5001, ACK, 8000, 0).at(5_050).s(5001, 1101, ACK, 8000, 0);
        // The same ports again with a new ISN: reused ports, a second stream.
        int reused = cport;
        next();
        cport = reused;
        at(0).c(90_000, 0, SYN, 8000, 0).at(50).s(70_000, 90_001, SYN | ACK, 8000, 0)
                .at(100).c(90_001, 70_001, ACK, 8000, 0);
        // A repeated SYN, a reset that advanced the sequence, the SYN again, data without flags
        // (tshark counts it as a duplicate ACK).
        next().at(0).c(1000, 0, SYN, 8000, 0).at(10).c(1500, 0, RST, 0, 0).at(1000).c(1000, 0, SYN, 8000, 0)
                .at(1100).c(1001, 0, PSH, 8000, 10).at(1200).c(1011, 0, 0, 8000, 0).at(1300).c(1011, 0, 0, 8000, 0);
        // Window scaling and SACK: bytes in flight, push bytes, SACK blocks, a retransmission that fills the hole.
        next();
        client.options().mss(1460).sackPermitted().windowScale(7);
        at(0).c(1000, 0, SYN, 64000, 0);
        server.options().mss(1460).sackPermitted().windowScale(2);
        at(40).s(5000, 1001, SYN | ACK, 64000, 0).at(80).c(1001, 5001, ACK, 500, 0)
                .at(100).c(1001, 5001, ACK, 500, 1000).at(101).c(2001, 5001, ACK, 500, 1000)
                .at(102).c(3001, 5001, PSH | ACK, 500, 1000).at(103).c(4001, 5001, ACK, 500, 1000);
        server.options().sack(3001, 4001);
        at(140).s(5001, 2001, ACK, 4000, 0);
        server.options().sack(3001, 5001);
        at(141).s(5001, 2001, ACK, 4000, 0);
        at(150).c(2001, 5001, ACK, 500, 1000).at(190).s(5001, 5001, ACK, 4000, 0)
                .at(200).c(5001, 5001, FIN | ACK, 500, 0).at(240).s(5001, 5002, RST | ACK, 0, 0);
        // IPv6, with a half-close: the client closes first, the server keeps sending.
        next();
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[0] = b[0] = 0x20;
        a[1] = b[1] = 0x01;
        a[15] = 1;
        b[15] = 2;
        c = new FrameBuilder().ipv6(a, b);
        s = new FrameBuilder().ipv6(b, a);
        handshake().at(200).c(1001, 5001, FIN | ACK, 8000, 0).at(250).s(5001, 1002, ACK, 8000, 0)
                .at(300).s(5001, 1002, PSH | ACK, 8000, 200).at(350).c(1002, 5201, ACK, 8000, 0)
                .at(400).s(5201, 1002, FIN | ACK, 8000, 0).at(450).c(1002, 5202, ACK, 8000, 0);
        // Data sent again 49 ms later, within the 100 ms RTT, no hole: tshark says out-of-order.
        next().handshake().at(200).c(1001, 5001, ACK, 8000, 100).at(201).c(1101, 5001, ACK, 8000, 100)
                .at(250).c(1001, 5001, ACK, 8000, 100).at(300).s(5001, 1201, ACK, 8000, 0);
        // A retransmission after the RTO, then the ACK: tshark takes the RTT from the first copy.
        next().handshake().at(200).c(1001, 5001, PSH | ACK, 8000, 100).at(600).c(1001, 5001, PSH | ACK, 8000, 100)
                .at(650).s(5001, 1101, ACK, 8000, 0);
        // Four SACK blocks in one option: tshark keeps three of them for bytes in flight.
        next().handshake();
        for (int k = 0; k < 8; k++) {
            at(200 + k).c(1001 + 100 * k, 5001, ACK, 8000, 100);
        }
        server.options().sack(new int[] {1101, 1201, 1301, 1401, 1501, 1601, 1701, 1801}, 4);
        at(250).s(5001, 1001, ACK, 8000, 0).at(260).c(1801, 5001, ACK, 8000, 100);
        out.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FlagScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            new FlagScenarios(os).write();
        }
    }
}
