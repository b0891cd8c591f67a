package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-rlogin.pcap}: Rlogin sessions (RFC 1282) on port 513, each on its
 * own connection, covering what packet-rlogin.c shows: the client's NUL then its user information
 * in a segment of its own (the user name then heads every Info), user information in the NUL's
 * segment, an invalid terminal speed, no terminal part, the server's NUL with and without data
 * after it, urgent control messages (alone, after data, unknown), window-size messages (alone,
 * after data, cut short) and plain data both ways. Run it to remake the file; the goldens come
 * from tshark (scripts/make-textproto-goldens.sh); nothing here says what the result should be.
 */
public final class RloginScenarios {
    private static final int CLIENT = 0x0a000101, SERVER = 0x0a000102, SPORT = 513;
    private static final int ACK = FrameBuilder.ACK, PSH = FrameBuilder.PSH, URG = FrameBuilder.URG;
    private static final long START = 1_700_100_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;
    private double t;

    private RloginScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    private void send(boolean fromClient, int flags, int urgent, byte[] data) throws IOException {
        FrameBuilder fb = fromClient ? client : server;
        fb.payload(data, 0).urgent(urgent);
        int n = fromClient
                ? fb.tcp(cport, SPORT, (int) cseq, (int) sseq, flags, 65000, data.length)
                : fb.tcp(SPORT, cport, (int) sseq, (int) cseq, flags, 65000, data.length);
        out.write(base + Math.round((t += 10) * 1_000_000), fb.buffer(), 0, n);
        if (fromClient) {
            cseq += data.length;
        } else {
            sseq += data.length;
        }
    }

    private void client(byte[] data) throws IOException {
        send(true, PSH | ACK, 0, data);
    }

    private void server(byte[] data) throws IOException {
        send(false, PSH | ACK, 0, data);
    }

    private void open() throws IOException {
        scenario++;
        cport = 1000 - scenario; // rlogin clients use reserved ports
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

    private void close() throws IOException {
        send(true, FrameBuilder.FIN | ACK, 0, new byte[0]);
        cseq++;
        send(false, FrameBuilder.FIN | ACK, 0, new byte[0]);
        sseq++;
        send(true, ACK, 0, new byte[0]);
    }

    private static byte[] b(Object... parts) {
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

    /** The window-size message (RFC 1282 §4): 0xff 0xff 's' 's', rows, columns, x and y pixels. */
    private static byte[] window(int rows, int cols, int x, int y) {
        return b(0xff, 0xff, "ss", rows >> 8, rows & 0xff, cols >> 8, cols & 0xff, x >> 8, x & 0xff, y >> 8, y & 0xff);
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, r, a.length, c.length);
        return r;
    }

    private void write() throws IOException {
        // 1: the classic start: NUL alone, then the user information, the server's NUL, its
        // window-size request as urgent data, the client's window size, data both ways
        open();
        client(b(0));
        client(b("alice", 0, "alice", 0, "xterm/38400", 0));
        server(b(0));
        send(false, URG | PSH | ACK, 1, b(0x80));
        client(window(24, 80, 640, 480));
        client(b("ls -l\r"));
        server(b("total 0\r\n-rw-r--r-- 1 alice alice 0 Jan  1 file\r\n$ "));
        send(false, URG | PSH | ACK, 4, b("abc", 0x02));   // data, then "Clear buffer"
        send(false, URG | PSH | ACK, 2, b("z", 0x42));     // an unknown control byte
        client(concat(b("x"), window(50, 132, 0, 0)));      // data before the window size
        client(b("exit\r"));
        close();
        // 2: user information in the NUL's own segment, the server's NUL with a banner after it
        open();
        client(b(0, "bob", 0, "root", 0, "vt100/9600", 0));
        server(b(0, "Last login: yesterday\r\n"));
        client(b("id\r"));
        close();
        // 3: a terminal speed that is not a number, and user information without a terminal
        open();
        client(b(0));
        client(b("carol", 0, "carol", 0, "vt220/fast", 0));
        server(b(0));
        close();
        open();
        client(b(0));
        client(b("dave", 0, "dave", 0));
        server(b(0));
        client(b("hello\tworld\r"));
        close();
        // 4: a window-size message cut short, and a lone 0xff in data
        open();
        client(b(0, "erin", 0, "erin", 0, "xterm/19200", 0));
        server(b(0));
        client(b(0xff, 0xff, "ss", 0, 24));
        client(b("caf", 0xc3, 0xa9, " ", 0xff, "x\r"));
        close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RloginScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            RloginScenarios s = new RloginScenarios(os);
            s.write();
            s.out.close();
        }
    }
}
