package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-gryphon.pcap}: connections to TCP port 7000, where tshark's
 * Gryphon plugin desegments every byte into messages of an 8-byte header and a body: an echo
 * service answering one byte at a time (as Zeek's echo-connections trace has it), text whose
 * header claims a long body, and a few bytes that never complete a header. None makes a whole
 * message (tcpscope shows a whole message's body as data where the plugin decodes it). Run it to
 * remake the file; the goldens come from tshark; nothing here says what the result should be.
 */
public final class GryphonScenarios {
    private final TcpSessions io;

    private GryphonScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 7000, n -> 41000 + n);
    }

    private void write() throws IOException {
        io.open();
        for (char c : "abcdefghijklmnopqrstuvwxyz".toCharArray()) {
            io.client(TcpSessions.b(String.valueOf(c)));
            io.server(TcpSessions.b(String.valueOf(c)));
        }
        io.close();
        io.open();
        io.client(TcpSessions.b("GET / HTTP/1.0\r\n"));
        io.client(TcpSessions.b("Host: example\r\n\r\n"));
        io.server(TcpSessions.b("HTTP/1.0 200 OK\r\n"));
        io.close();
        io.open();
        io.client(TcpSessions.b("hi"));
        io.server(TcpSessions.b(1, 2));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GryphonScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            GryphonScenarios s = new GryphonScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
