package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-pop.pcap}: POP3 sessions on port 110 covering packet-pop.c: a
 * greeting, USER/PASS, a multi-line CAPA answer in one segment, LIST, a RETR whose answer gives
 * the message's length and whose message comes in three segments (reassembled, then IMF), a TOP
 * answered without a length (each segment its own message), an answer whose length is not a
 * number, -ERR answers, a request of two lines, STLS refused and then accepted (the rest is
 * TLS's). Run it to remake the file; the goldens come from tshark (scripts/make-goldens.sh,
 * make-detail-goldens.sh); nothing here says what the result should be.
 */
public final class PopScenarios {
    private final TcpSessions io;

    private PopScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 110, n -> 41000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private static final String MESSAGE = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: lunch\r\n"
            + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n\r\nShall we meet at noon?\r\n-- \r\nalice\r\n.\r\n";

    private void write() throws IOException {
        io.open();
        io.server(b("+OK POP3 server ready <1896.697170952@example.test>\r\n"));
        io.client(b("CAPA\r\n"));
        io.server(b("+OK Capability list follows\r\nTOP\r\nUSER\r\nUIDL\r\nSTLS\r\n.\r\n"));
        io.client(b("USER bob\r\n"));
        io.server(b("+OK\r\n"));
        io.client(b("PASS secret\r\n"));
        io.server(b("+OK maildrop has 2 messages (320 octets)\r\n"));
        io.client(b("LIST\r\n"));
        io.server(b("+OK 2 messages\r\n1 180\r\n2 140\r\n.\r\n"));
        io.client(b("RETR 1\r\n"));
        io.server(b("+OK " + MESSAGE.length() + " octets\r\n"));
        io.server(b(MESSAGE.substring(0, 40)));
        io.server(b(MESSAGE.substring(40, 90)));
        io.server(b(MESSAGE.substring(90)));
        io.client(b("TOP 2 0\r\n"));
        io.server(b("+OK top of message follows\r\n"));
        io.server(b("From: carol@example.test\r\nSubject: hello\r\n\r\n.\r\n"));
        io.client(b("RETR 9\r\n"));
        io.server(b("-ERR no such message\r\n"));
        io.client(b("retr 2\r\n"));
        io.server(b("+OK 5 octets\r\n"));
        io.server(b("Subject: short one\r\n\r\nbody\r\n.\r\n"));
        io.client(b("NOOP\r\nUIDL\r\n"));
        io.server(b("+OK\r\n"));
        io.client(b("STLS\r\n"));
        io.server(b("-ERR not now\r\n"));
        io.client(b("QUIT\r\n"));
        io.server(b("+OK bye\r\n"));
        io.close();

        io.open();
        io.server(b("+OK ready\r\n"));
        io.client(b("STLS\r\n"));
        io.server(b("+OK Begin TLS negotiation\r\n"));
        io.client(b(0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PopScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            PopScenarios s = new PopScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
