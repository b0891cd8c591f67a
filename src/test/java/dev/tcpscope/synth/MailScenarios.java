package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes SMTP sessions (port 25) whose messages have bodies for IMF's media dissectors: a
 * text/plain body in base64 (Content-Transfer-Encoding), a message/rfc822 body, and a TEXT/HTML
 * body that starts like XML. {@code ImfMediaTest} reads it; the lines it expects are tshark
 * 4.0.17's for this capture.
 */
public final class MailScenarios {
    private final TcpSessions io;

    private MailScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 25, n -> 42000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private void message(String headersAndBody) throws IOException {
        io.open();
        io.server(b("220 mail.example ESMTP\r\n"));
        io.client(b("DATA\r\n"));
        io.server(b("354 go ahead\r\n"));
        io.client(b(headersAndBody + ".\r\n"));
        io.server(b("250 ok\r\n"));
        io.close();
    }

    private void write() throws IOException {
        message("From: a@example.org\r\nSubject: b64\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8gbGluZSBvbmUNCmxpbmUgdHdvDQo=\r\n");
        message("From: a@example.org\r\nSubject: fwd\r\nContent-Type: message/rfc822; x=y\r\n\r\n"
                + "From: b@example.org\r\nSubject: inner\r\n\r\nhi\r\n");
        message("From: a@example.org\r\nSubject: html\r\nContent-Type: TEXT/HTML; charset=utf-8\r\n\r\n"
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>b</a>\r\n");
    }

    /** Writes the capture to {@code out}. */
    public static void write(Path out) throws IOException {
        try (OutputStream os = Files.newOutputStream(out)) {
            MailScenarios s = new MailScenarios(os);
            s.write();
            s.io.done();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MailScenarios OUT.pcap");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }
}
