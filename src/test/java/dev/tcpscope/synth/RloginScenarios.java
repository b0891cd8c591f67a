package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
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
    private final TcpSessions io;

    private RloginScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 513, n -> 1000 - n /* rlogin clients use reserved ports */);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
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
        io.open();
        io.client(b(0));
        io.client(b("alice", 0, "alice", 0, "xterm/38400", 0));
        io.server(b(0));
        io.send(false, TcpSessions.URG | TcpSessions.PSH | TcpSessions.ACK, 1, b(0x80));
        io.client(window(24, 80, 640, 480));
        io.client(b("ls -l\r"));
        io.server(b("total 0\r\n-rw-r--r-- 1 alice alice 0 Jan  1 file\r\n$ "));
        io.send(false, TcpSessions.URG | TcpSessions.PSH | TcpSessions.ACK, 4, b("abc", 0x02));   // data, then "Clear buffer"
        io.send(false, TcpSessions.URG | TcpSessions.PSH | TcpSessions.ACK, 2, b("z", 0x42));     // an unknown control byte
        io.client(concat(b("x"), window(50, 132, 0, 0)));      // data before the window size
        io.client(b("exit\r"));
        io.close();
        // 2: user information in the NUL's own segment, the server's NUL with a banner after it
        io.open();
        io.client(b(0, "bob", 0, "root", 0, "vt100/9600", 0));
        io.server(b(0, "Last login: yesterday\r\n"));
        io.client(b("id\r"));
        io.close();
        // 3: a terminal speed that is not a number, and user information without a terminal
        io.open();
        io.client(b(0));
        io.client(b("carol", 0, "carol", 0, "vt220/fast", 0));
        io.server(b(0));
        io.close();
        io.open();
        io.client(b(0));
        io.client(b("dave", 0, "dave", 0));
        io.server(b(0));
        io.client(b("hello\tworld\r"));
        io.close();
        // 4: a window-size message cut short, and a lone 0xff in data
        io.open();
        io.client(b(0, "erin", 0, "erin", 0, "xterm/19200", 0));
        io.server(b(0));
        io.client(b(0xff, 0xff, "ss", 0, 24));
        io.client(b("caf", 0xc3, 0xa9, " ", 0xff, "x\r"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RloginScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            RloginScenarios s = new RloginScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
