package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/**
 * TCP sessions between 10.0.1.1 (client) and 10.0.1.2 (server) for the scenario captures of the
 * line protocols (Rlogin, Telnet): each {@link #open} starts a connection on the next client
 * port with a handshake, ten seconds after the previous one's start, segments follow 10 ms
 * apart with their sequence numbers, and {@link #close} ends it with FIN both ways.
 */
final class TcpSessions {
    private static final int CLIENT = 0x0a000101, SERVER = 0x0a000102;
    static final int ACK = FrameBuilder.ACK, PSH = FrameBuilder.PSH, URG = FrameBuilder.URG;
    private static final long START = 1_700_100_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int serverPort;
    private final IntUnaryOperator clientPort;
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;
    private double t;

    /** Sessions to {@code serverPort}, the client's port of scenario N (from 1) being {@code clientPort(N)}. */
    TcpSessions(OutputStream os, int serverPort, IntUnaryOperator clientPort) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    /** The server's port of the connections opened from now on. */
    void serverPort(int port) {
        serverPort = port;
    }

    /** A segment of {@code data}; of it the capture keeps the first {@code keep} bytes (a snap length). */
    void send(boolean fromClient, int flags, int urgent, byte[] data, int keep) throws IOException {
        FrameBuilder fb = fromClient ? client : server;
        fb.payload(data, 0).urgent(urgent);
        int n = fromClient
                ? fb.tcp(cport, serverPort, (int) cseq, (int) sseq, flags, 65000, data.length)
                : fb.tcp(serverPort, cport, (int) sseq, (int) cseq, flags, 65000, data.length);
        long at = base + Math.round((t += 10) * 1_000_000);
        if (keep < data.length) {
            out.write(at, fb.buffer(), 0, n - (data.length - keep), n);
        } else {
            out.write(at, fb.buffer(), 0, n);
        }
        if (fromClient) {
            cseq += data.length;
        } else {
            sseq += data.length;
        }
    }

    void send(boolean fromClient, int flags, int urgent, byte[] data) throws IOException {
        send(fromClient, flags, urgent, data, data.length);
    }

    void client(byte[] data) throws IOException {
        send(true, PSH | ACK, 0, data);
    }

    void server(byte[] data) throws IOException {
        send(false, PSH | ACK, 0, data);
    }

    void open() throws IOException {
        scenario++;
        cport = clientPort.applyAsInt(scenario);
        base = START + (long) (scenario - 1) * 10_000_000_000L;
        cseq = 1000;
        sseq = 5000;
        t = 0;
        send(true, FrameBuilder.SYN, 0, new byte[0]);
        cseq++;
        send(false, FrameBuilder.SYN | ACK, 0, new byte[0]);
        sseq++;
        send(true, ACK, 0, new byte[0]);
    }

    void close() throws IOException {
        send(true, FrameBuilder.FIN | ACK, 0, new byte[0]);
        cseq++;
        send(false, FrameBuilder.FIN | ACK, 0, new byte[0]);
        sseq++;
        send(true, ACK, 0, new byte[0]);
    }

    /** The bytes of {@code parts}: Strings as ISO-8859-1, Integers as one byte each. */
    static byte[] b(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                o.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                o.write((Integer) p);
            }
        }
        return o.toByteArray();
    }

    /** Ends the capture file. */
    void done() throws IOException {
        out.close();
    }
}
