package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-irc.pcap}: IRC sessions on port 6667 covering packet-irc.c's
 * line walk: prefixes with and without their ending space, commands alone, with parameters and
 * trailers, runs of spaces, numeric replies and a numeric command sent by a client, lines with
 * only spaces, CTCP data in PRIVMSG and NOTICE trailers and in a parameter, a CTCP block without
 * its closing delimiter, CTCP data in another command, a NUL and bytes above 0x7f inside a line,
 * several lines in one segment and a line split over two segments. Run it to remake the file;
 * the goldens come from tshark (scripts/make-goldens.sh, make-detail-goldens.sh); nothing here says what the
 * result should be.
 */
public final class IrcScenarios {
    private final TcpSessions io;

    private IrcScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 6667, n -> 40000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private void write() throws IOException {
        io.open();
        io.client(b("NICK alice\r\nUSER alice 0 * :Alice Liddell\r\n"));
        io.server(b(":irc.test 001 alice :Welcome to the test network alice\r\n:irc.test 005 alice CHANTYPES=# :are supported\r\n"));
        io.client(b("JOIN #tcp\r\n"));
        io.server(b(":alice!a@host JOIN :#tcp\r\n:irc.test 353 alice = #tcp :@bob alice\r\n:irc.test 366 alice #tcp :End of /NAMES list.\r\n"));
        io.client(b("PRIVMSG #tcp :", 1, "ACTION waves", 1, "\r\n"));
        io.server(b(":bob!b@host NOTICE alice :", 1, "VERSION tcpscope 1", 1, "\r\n"));
        io.client(b("PRIVMSG bob ", 1, "PING 12345", 1, " more\r\n"));
        io.client(b("PRIVMSG bob :", 1, "PING without end\r\n"));
        io.client(b("TOPIC #tcp :", 1, "not ctcp here", 1, "\r\n"));
        io.client(b("MODE    #tcp    +o    bob   \r\n"));
        io.client(b("     \r\n"));
        io.client(b(":noSpacePrefix\r\n"));
        io.client(b("001 alice :numeric from a client\r\n"));
        io.server(b(":irc.test\r\n"));
        io.server(b(":irc.test    \r\n"));
        io.server(b("PING :irc.test\r\n"));
        io.client(b("PRIVMSG #tcp :caf", 0xc3, 0xa9, " and ", 0, "after a NUL\r\n"));
        io.client(b("PRIVMSG #tcp :a line split"));
        io.client(b(" over two segments\r\nQUIT :bye\r\n"));
        io.server(b("ERROR :Closing link\r\n"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IrcScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            IrcScenarios s = new IrcScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
