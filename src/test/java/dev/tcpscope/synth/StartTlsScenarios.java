package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-starttls.pcap}: conversations that start in a clear-text protocol
 * and turn into TLS when the server accepts the upgrade (SMTP STARTTLS answered 220, FTP AUTH TLS
 * answered 234, Telnet's START_TLS FOLLOWS both ways), the same requests refused (454, 534, no
 * FOLLOWS from the client) so the clear text goes on, a TLS record split over two segments after
 * the upgrade, and a second STARTTLS inside the TLS conversation. Run it to remake the file; the
 * goldens come from tshark; nothing here says what the result should be.
 */
public final class StartTlsScenarios {
    private static final int IAC = 255, SB = 250, SE = 240, WILL = 251, DO = 253, START_TLS = 46, FOLLOWS = 1;

    private final TcpSessions io;

    private StartTlsScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 25, n -> 41000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private void handshake(long id) throws IOException {
        io.client(Tls.clientHello(id));
        io.server(Tls.serverHello(id));
        io.client(Tls.appData(id, 1, 53));
        io.server(Tls.appData(id, 2, 120));
    }

    private void write() throws IOException {
        // SMTP: STARTTLS accepted, then TLS (a record split over two segments at the end)
        io.serverPort(25);
        io.open();
        io.server(b("220 mail.example ESMTP ready\r\n"));
        io.client(b("EHLO client.example\r\n"));
        io.server(b("250-mail.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n"));
        io.client(b("STARTTLS\r\n"));
        io.server(b("220 2.0.0 Ready to start TLS\r\n"));
        handshake(1);
        byte[] rec = Tls.appData(1, 3, 300);
        io.client(java.util.Arrays.copyOfRange(rec, 0, 100));
        io.client(java.util.Arrays.copyOfRange(rec, 100, rec.length));
        io.close();

        // SMTP: STARTTLS refused, the dialogue goes on in clear text
        io.open();
        io.server(b("220 mail.example ESMTP ready\r\n"));
        io.client(b("STARTTLS\r\n"));
        io.server(b("454 4.7.0 TLS not available due to temporary reason\r\n"));
        io.client(b("MAIL FROM:<a@example.org>\r\n"));
        io.server(b("250 2.1.0 Ok\r\n"));
        io.client(b("QUIT\r\n"));
        io.server(b("221 2.0.0 Bye\r\n"));
        io.close();

        // SMTP on the submission port: accepted, then clear text that is not TLS, then STARTTLS again
        io.serverPort(587);
        io.open();
        io.server(b("220 submit.example ESMTP\r\n"));
        io.client(b("STARTTLS\r\n"));
        io.server(b("220 Go ahead\r\n"));
        io.client(b("EHLO not-tls.example\r\n"));
        io.server(b("250 ok\r\n"));
        io.client(b("STARTTLS\r\n"));
        io.server(b("220 Go ahead\r\n"));
        io.close();

        // FTP: AUTH TLS accepted
        io.serverPort(21);
        io.open();
        io.server(b("220 FTP server ready\r\n"));
        io.client(b("AUTH TLS\r\n"));
        io.server(b("234 AUTH TLS successful\r\n"));
        handshake(2);
        io.close();

        // FTP: AUTH TLS refused, login in clear text
        io.open();
        io.server(b("220 FTP server ready\r\n"));
        io.client(b("AUTH TLS\r\n"));
        io.server(b("534 Local policy on server does not allow TLS secure connections.\r\n"));
        io.client(b("USER anonymous\r\n"));
        io.server(b("331 Please specify the password.\r\n"));
        io.close();

        // FTP: AUTH SSL accepted with 234
        io.open();
        io.server(b("220 FTP server ready\r\n"));
        io.client(b("AUTH SSL\r\n"));
        io.server(b("234 AUTH SSL successful\r\n"));
        handshake(3);
        io.close();

        // Telnet: START_TLS negotiated, both sides FOLLOWS
        io.serverPort(23);
        io.open();
        io.server(b(IAC, DO, START_TLS));
        io.client(b(IAC, WILL, START_TLS));
        io.server(b(IAC, SB, START_TLS, FOLLOWS, IAC, SE));
        io.client(b(IAC, SB, START_TLS, FOLLOWS, IAC, SE));
        handshake(4);
        io.close();

        // Telnet: the server says FOLLOWS, the client never does
        io.open();
        io.server(b(IAC, DO, START_TLS));
        io.client(b(IAC, WILL, START_TLS));
        io.server(b(IAC, SB, START_TLS, FOLLOWS, IAC, SE));
        io.client(b("login: guest\r\n"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartTlsScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            StartTlsScenarios s = new StartTlsScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
