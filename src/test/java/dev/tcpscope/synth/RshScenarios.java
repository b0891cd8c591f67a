package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-rsh.pcap}: remote shell sessions on port 514, each on its own
 * connection, covering packet-rsh.c's session start: each string in a segment of its own, all of
 * them in one segment, an empty stderr port, a stderr port that is not a number or too long, user
 * names too long or not printable, a command too long, a segment that does not end with a NUL
 * before the start is over, the server's NUL and data both ways. Run it to remake the file; the
 * goldens come from tshark (scripts/make-textproto-goldens.sh); nothing here says what the result
 * should be.
 */
public final class RshScenarios {
    private final TcpSessions io;

    private RshScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 514, n -> 1023 - n /* rsh clients use reserved ports */);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private void session(byte[]... clientStart) throws IOException {
        io.open();
        for (byte[] c : clientStart) {
            io.client(c);
        }
        io.server(b(0));
        io.server(b("total 0\n"));
        io.client(b("more input\n"));
        io.close();
    }

    private void write() throws IOException {
        session(b("1022", 0), b("alice", 0), b("bob", 0), b("ls -l", 0));
        session(b("1021", 0, "alice", 0, "bob", 0, "uname -a", 0));
        session(b(0, "carol", 0, "root", 0, "id", 0));
        session(b("12a", 0), b("alice", 0), b("bob", 0), b("ls", 0));
        session(b("123456", 0, "alice", 0, "bob", 0, "ls", 0));
        session(b("1020", 0), b("a-user-name-too-long", 0), b("bob", 0), b("ls", 0));
        session(b("1019", 0, "alice", 0), b("tab\there", 0), b("ls", 0));
        session(b("1018", 0, "alice", 0, "bob", 0), b("x".repeat(300), 0));
        session(b("1017", 0, "alice", 0), b("bob"), b("ls", 0));
        session(b("1016", 0, "alice", 0, "bob", 0, "caf", 0xe9, 0));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RshScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            RshScenarios s = new RshScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
