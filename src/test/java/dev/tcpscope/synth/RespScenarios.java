package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-resp.pcap}: Redis sessions on port 6379 covering packet-resp.c's
 * walk and its own reassembly: commands as arrays of bulk strings, each reply type (simple
 * string, error, integer with a sign, an overflow and trailing junk, bulk strings short, long,
 * empty, null, with a NUL, with bytes above 0x7f, with a negative length other than -1, arrays
 * null, empty, negative, nested past the 30 levels the dissector walks into, one claiming more
 * elements than the segment holds), inline commands and RESP3 types (fragments), a stray line
 * end, a line ending in LF alone, several replies in one segment; a bulk string over three
 * segments, an array cut mid-element, a line cut before its end, the rest of a segment after the
 * PDU it completes, and segments cut by the snap length. Run it to remake the file; the goldens
 * come from tshark (scripts/make-resp-goldens.sh); nothing here says what the result should be.
 */
public final class RespScenarios {
    private final TcpSessions io;

    private RespScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 6379, n -> 50000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    /** A command as redis-cli sends it: an array of bulk strings. */
    private static String command(String... words) {
        StringBuilder sb = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            sb.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
        }
        return sb.toString();
    }

    private void write() throws IOException {
        io.open();
        io.client(b(command("SET", "greeting", "hello")));
        io.server(b("+OK\r\n"));
        io.client(b(command("GET", "greeting")));
        io.server(b("$5\r\nhello\r\n"));
        io.client(b(command("GET", "missing")));
        io.server(b("$-1\r\n"));
        io.client(b(command("INCRBY", "n", "-7")));
        io.server(b(":-7\r\n"));
        io.server(b(":+12\r\n:99999999999999999999999\r\n: 42abc\r\n"));
        io.client(b(command("LRANGE", "empty", "0", "-1")));
        io.server(b("*0\r\n"));
        io.server(b("*-1\r\n"));
        io.server(b("*-3\r\n$-5\r\n"));
        io.client(b(command("NOSUCH")));
        io.server(b("-ERR unknown command 'NOSUCH', with args beginning with: \r\n"));
        io.client(b(command("SET", "long", "x".repeat(120))));
        io.server(b("$120\r\n" + "y".repeat(120) + "\r\n"));
        io.server(b("$0\r\n\r\n"));
        io.server(b("$7\r\nab", 0, "cdef\r\n"));
        io.server(b("$4\r\ncaf", 0xc3, "\r\n"));
        io.client(b(command("MGET", "a", "b", "c")));
        io.server(b("*3\r\n$1\r\na\r\n$-1\r\n*2\r\n:1\r\n+two\r\n"));
        io.server(b("*5\r\n:1\r\n:2\r\n"));
        io.client(b("PING\r\n"));
        io.server(b("+PONG\r\n"));
        io.client(b("\r\n"));
        io.client(b(command("ECHO", "lf") .replace("\r\n$2", "\n$2")));
        io.server(b("%1\r\n+key\r\n:1\r\n#t\r\n,1.5\r\n"));
        io.server(b("+OK\r\n+OK\r\n:3\r\n$3\r\nabc\r\n"));
        io.close();

        io.open();
        // a bulk string over three segments, then a reply in the rest of the third
        io.client(b(command("GET", "big")));
        io.server(b("$300\r\n" + "z".repeat(100)));
        io.server(b("z".repeat(150)));
        io.server(b("z".repeat(50) + "\r\n+OK\r\n"));
        // an array cut inside its second element, and one cut after its header
        io.client(b(command("HGETALL", "h")));
        io.server(b("*4\r\n$1\r\nf\r\n$5\r\nva"));
        io.server(b("lue\r\n$1\r\ng\r\n$1\r\nw\r\n"));
        io.server(b("*2\r\n"));
        io.server(b("+x\r\n+y\r\n"));
        // a line cut before its end, and one cut between CR and LF
        io.server(b("+partial li"));
        io.server(b("ne\r\n"));
        io.server(b("+cr\r"));
        io.server(b("\n"));
        // a request split between words
        io.client(b("*2\r\n$4\r\nECHO\r\n"));
        io.client(b("$3\r\nhey\r\n"));
        io.server(b("$3\r\nhey\r\n"));
        io.close();

        io.open();
        // arrays nested past the dissector's 30 levels
        io.server(b("*1\r\n".repeat(34) + ":5\r\n"));
        // segments cut by the snap length: no reassembly, partial strings
        byte[] cut = b("$40\r\n" + "q".repeat(40) + "\r\n");
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, cut, 20);
        byte[] cutArray = b(command("SET", "k", "v".repeat(30)));
        io.send(true, TcpSessions.PSH | TcpSessions.ACK, 0, cutArray, 24);
        io.server(b("+OK\r\n"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RespScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            RespScenarios s = new RespScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
