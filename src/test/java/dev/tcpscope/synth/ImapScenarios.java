package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-imap.pcap}: IMAP sessions on port 143 covering packet-imap.c:
 * greetings and untagged lines, CAPABILITY, LOGIN with quoted and bare arguments (and with too
 * few), SELECT/EXAMINE/STATUS/COPY/SEARCH and their folder argument, UID commands, pipelined
 * tagged commands and their answers in one segment (request/response pairing, tags in either
 * case, a tag used twice), FETCH answers with literals in one segment, over several segments and
 * two in one segment (each literal to IMF), a FETCH without a literal, a literal of 0 bytes,
 * APPEND and AUTHENTICATE with the server's "+" continuation, lines split over segments, empty
 * lines, a NUL, bytes over 0x7f, a bare LF, a line over 240 bytes, STARTTLS refused, refused then
 * followed by an OK, and accepted (TLS after it), the TLS heuristic of the first two payloads (a
 * session picked up after its STARTTLS, a greeting whose fifth byte is a line end), a literal
 * whose announced size runs past the bytes, a segment cut short by the snap length, and FETCH
 * lines that wait for bytes that never come, untagged lines alone (the Info column's first line
 * cut to the last one's length), a literal size past 2^31, a literal of header fields alone, a
 * line without a first word after a tagged one. Run it to remake the file; the goldens come from
 * tshark (scripts/make-goldens.sh, make-detail-goldens.sh); nothing here says what the result
 * should be.
 */
public final class ImapScenarios {
    private final TcpSessions io;

    private ImapScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 143, n -> 42000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private static final String MESSAGE = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: lunch\r\n"
            + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\nContent-Type: text/plain\r\n\r\nShall we meet at noon?\r\n";
    private static final String SHORT = "From: carol@example.test\r\nSubject: hello\r\n\r\n";
    private static final String PLAIN = "Subject: no type\r\n\r\nfirst line\r\nsecond line\r\n";

    private void write() throws IOException {
        // 1: a whole session in clear text
        io.open();
        io.server(b("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] example IMAP ready\r\n"));
        io.client(b("a1 CAPABILITY\r\n"));
        io.server(b("* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\na1 OK CAPABILITY completed\r\n"));
        io.client(b("a2 LOGIN \"bob\" \"secret\"\r\n"));
        io.server(b("a2 OK LOGIN completed\r\n"));
        io.client(b("a3 SELECT INBOX\r\n"));
        io.server(b("* 3 EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [UIDVALIDITY 3857529045] UIDs valid\r\na3 OK [READ-WRITE] SELECT completed\r\n"));
        // pipelined commands, their answers in one segment
        io.client(b("a4 EXAMINE \"Sent Items\"\r\na5 STATUS Drafts (MESSAGES UNSEEN)\r\nA6 COPY 1:2 Archive\r\n"));
        io.server(b("* STATUS Drafts (MESSAGES 2 UNSEEN 0)\r\na4 OK EXAMINE completed\r\na5 OK STATUS completed\r\n"
                + "a6 OK [COPYUID 38505 1:2 77:78] COPY completed\r\n"));
        io.client(b("a7 UID FETCH 1:* (FLAGS)\r\n"));
        io.server(b("* 1 FETCH (UID 4 FLAGS (\\Seen))\r\n* 2 FETCH (UID 5 FLAGS ())\r\na7 OK UID FETCH completed\r\n"));
        io.client(b("a8 uid copy 4 Trash\r\n"));
        io.server(b("a8 OK done\r\n"));
        io.client(b("a9 SEARCH UNSEEN\r\n"));
        io.server(b("* SEARCH 2 3\r\na9 OK SEARCH completed\r\n"));
        // a FETCH answered with a literal in one segment, handed to IMF
        io.client(b("a10 FETCH 1 (BODY[])\r\n"));
        io.server(b("* 1 FETCH (BODY[] {" + MESSAGE.length() + "}\r\n" + MESSAGE + ")\r\na10 OK FETCH completed\r\n"));
        // a literal over three segments, the tagged answer in the last
        io.client(b("a11 FETCH 2 (BODY[])\r\n"));
        String head = "* 2 FETCH (FLAGS (\\Seen) BODY[] {" + MESSAGE.length() + "}\r\n";
        io.server(b(head + MESSAGE.substring(0, 30)));
        io.server(b(MESSAGE.substring(30, 100)));
        io.server(b(MESSAGE.substring(100) + ")\r\na11 OK FETCH completed\r\n"));
        // two literals in one segment; an untagged line first, then the header line alone
        io.client(b("a12 FETCH 1:2 (BODY.PEEK[HEADER])\r\n"));
        io.server(b("* 1 FETCH (BODY[HEADER] {" + SHORT.length() + "}\r\n" + SHORT + ")\r\n* 2 FETCH (BODY[HEADER] {"
                + PLAIN.length() + "}\r\n" + PLAIN + ")\r\na12 OK FETCH completed\r\n"));
        io.client(b("a13 FETCH 3 (RFC822)\r\n"));
        io.server(b("* 3 EXISTS\r\n* 3 FETCH (RFC822 {" + PLAIN.length() + "}\r\n"));
        io.server(b(PLAIN + ")\r\na13 OK FETCH completed\r\n"));
        // a literal of no bytes
        io.client(b("a14 FETCH 3 (BODY[1.MIME])\r\n"));
        io.server(b("* 3 FETCH (BODY[1.MIME] {0}\r\n)\r\na14 OK FETCH completed\r\n"));
        // APPEND: the server's continuation, then the literal as request lines
        io.client(b("a15 APPEND Drafts (\\Seen) {" + SHORT.length() + "}\r\n"));
        io.server(b("+ Ready for literal data\r\n"));
        io.client(b(SHORT + "\r\n"));
        io.server(b("a15 OK [APPENDUID 38505 3955] APPEND completed\r\n"));
        // tags: one used twice, one answered in other case, an answer nobody asked for
        io.client(b("a16 NOOP\r\n"));
        io.server(b("a16 OK NOOP completed\r\n"));
        io.client(b("a16 NOOP\r\nB17 CHECK\r\n"));
        io.server(b("a16 OK NOOP completed\r\nb17 OK CHECK completed\r\nzz9 BAD unknown tag\r\n"));
        // odd lines: two spaces, a tag alone, an empty line, a UID alone, a NUL, high bytes, a bare LF
        io.client(b("a18  NOOP\r\n"));
        io.server(b("a18 BAD missing command\r\n"));
        io.client(b("a19\r\n"));
        io.client(b("\r\n"));
        io.client(b("a20 UID\r\n"));
        io.server(b("a20 BAD UID what\r\n"));
        io.client(b("a21 NOOP", 0, "x\r\n"));
        io.server(b("a21 OK caf", 0xc3, 0xa9, " ", 0xff, "done\r\n"));
        io.client(b("a22 LSUB \"\" \"*\"\na23 LIST \"\" %\n"));
        io.server(b("* LIST (\\HasNoChildren) \"/\" INBOX\r\na22 OK\r\na23 OK LIST completed\r\n"));
        io.client(b("a24 SELECT \"" + "x".repeat(280) + "\"\r\n"));
        io.server(b("a24 NO [NONEXISTENT] Mailbox doesn't exist: " + "x".repeat(280) + "\r\n"));
        // a line split over two segments, then a whole line and half of the next
        io.client(b("a25 NO"));
        io.client(b("OP\r\n"));
        io.server(b("a25 OK NOOP completed\r\n"));
        io.client(b("a26 CHECK\r\na27 NO"));
        io.client(b("OP\r\n"));
        io.server(b("a26 OK CHECK completed\r\na27 OK NOOP completed\r\n"));
        // prefixes of command names packet-imap.c also takes
        io.client(b("a28 CREATE Projects/2024\r\na29 DELETE Old\r\na30 RENAME Old New\r\na31 SUBSCRIBE News\r\n"
                + "a32 UNSUBSCRIBE News\r\na33 STAT\r\na34 LOG in\r\n"));
        io.server(b("a28 OK\r\na29 OK\r\na30 OK\r\na31 OK\r\na32 OK\r\na33 BAD\r\na34 BAD\r\n"));
        // AUTHENTICATE with continuations
        io.client(b("a35 AUTHENTICATE PLAIN\r\n"));
        io.server(b("+ \r\n"));
        io.client(b("AGJvYgBzZWNyZXQ=\r\n"));
        io.server(b("a35 OK AUTHENTICATE completed\r\n"));
        // STARTTLS refused: the dialogue goes on
        io.client(b("a36 STARTTLS\r\n"));
        io.server(b("a36 BAD TLS already active\r\n"));
        io.client(b("a37 LOGOUT\r\n"));
        io.server(b("* BYE logging out\r\n"));
        io.close();

        // 2: STARTTLS accepted, TLS after it
        io.open();
        io.server(b("* OK IMAP4rev1 server ready\r\n"));
        io.client(b("s1 STARTTLS\r\n"));
        io.server(b("s1 OK Begin TLS negotiation now\r\n"));
        io.client(Tls.clientHello(21));
        io.server(Tls.serverHello(21));
        io.client(Tls.appData(21, 1, 40));
        io.server(Tls.appData(21, 2, 90));
        io.close();

        // 3: STARTTLS refused, and a later OK answer
        io.open();
        io.server(b("* OK IMAP4rev1 server ready\r\n"));
        io.client(b("t1 STARTTLS\r\n"));
        io.server(b("t1 NO not now\r\n"));
        io.client(b("t2 NOOP\r\n"));
        io.server(b("t2 OK NOOP completed\r\n"));
        io.client(Tls.clientHello(23));
        io.close();

        // 4: picked up after the STARTTLS exchange: the first payloads are TLS
        io.open();
        io.client(Tls.appData(22, 1, 60));
        io.server(Tls.appData(22, 2, 80));
        io.client(b("u1 NOOP\r\n"));
        io.close();

        // 5: a greeting whose fifth byte ends the line, then a request
        io.open();
        io.server(b("* OK\r\n"));
        io.client(b("v1 CAPABILITY\r\n"));
        io.server(b("* CAPABILITY IMAP4rev1\r\nv1 OK done\r\n"));
        io.close();

        // 6: a short first payload, then binary as the second
        io.open();
        io.server(b("* "));
        io.server(b("OK hi\r\n"));
        io.client(b(0x80, 0x01, 0x02, 0x03, 0x04, 0x05, "\r\n"));
        io.server(b("w1 BAD\r\n"));
        io.close();

        // 7: LOGIN with too few arguments (the password is read one byte in from each end)
        io.open();
        io.server(b("* OK ready\r\n"));
        io.client(b("l1 LOGIN bob pw\r\n"));
        io.server(b("l1 NO bad password\r\n"));
        io.client(b("l2 LOGIN bob x\r\n"));
        io.server(b("l2 NO bad password\r\n"));
        io.client(b("l3 LOGIN bob\r\n"));
        io.server(b("l3 BAD missing password\r\n"));
        io.client(b("l4 LOGIN\r\n"));
        io.server(b("l4 BAD missing user\r\n"));
        io.client(b("l5 UID LOGIN bob \"pw\"\r\n"));
        io.server(b("l5 BAD\r\n"));
        io.close();

        // 8: a segment cut short by the snap length, then a literal announced longer than it is
        io.open();
        io.server(b("* OK ready\r\n"));
        io.client(b("m1 NOOP\r\nm2 NOOP\r\n"));
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, b("m1 OK NOOP completed\r\nm2 OK NOOP completed\r\n"), 30);
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, b("m3 OK nothing\r\n"), 5);
        io.client(b("m4 FETCH 1 (BODY[])\r\n"));
        io.server(b("* 1 FETCH (BODY[] {5}\r\nab)"));
        io.client(b("m5 NOOP\r\n"));
        io.close();

        // 9: the '{' of a later line, a literal size that is not a number, a FETCH without '('
        io.open();
        io.server(b("* OK ready\r\n"));
        io.client(b("n1 FETCH 1:2 (FLAGS)\r\n"));
        io.server(b("* 1 FETCH (FLAGS (\\Seen))\r\n* 2 FETCH (BODY[] {4}\r\nabcd)\r\nn1 OK FETCH completed\r\n"));
        io.client(b("n2 FETCH 3 (BODY[])\r\n"));
        io.server(b("* 3 FETCH (BODY[] {x}\r\nabc)\r\n"));
        io.server(b("n2 OK FETCH completed\r\n"));
        io.close();

        io.open();
        io.server(b("* OK ready\r\n"));
        io.client(b("p1 NOOP\r\n"));
        io.server(b("* 4 fetch\r\np1 OK NOOP completed\r\n"));
        io.server(b("* 5 EXISTS\r\n"));
        io.close();

        // 11: untagged lines alone (IDLE), and a literal size past 2^31
        io.open();
        io.server(b("* OK ready\r\n"));
        io.client(b("q1 IDLE\r\n"));
        io.server(b("+ idling\r\n"));
        io.server(b("* 14 EXISTS\r\n* 2 RECENT\r\n"));
        io.server(b("* 2 RECENT\r\n* 14 EXISTS\r\n"));
        io.client(b("DONE\r\n"));
        io.server(b("q1 OK IDLE terminated\r\n"));
        io.client(b("q2 FETCH 1 (BODY[])\r\n"));
        io.server(b("* 1 FETCH (BODY[] {4294967295}\r\nab)\r\nq2 OK\r\n"));
        // a literal of header fields without the empty line after them
        io.client(b("q4 FETCH 1 (BODY[HEADER.FIELDS (SUBJECT)])\r\n"));
        io.server(b("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {12}\r\nSubject: x\r\n)\r\n* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {13}\r\n"
                + "Subject: hi\r\n)\r\nq4 OK FETCH completed\r\n"));
        // a line without a first word after a tagged one: paired under that line's tag again
        io.client(b("q3 LOGOUT\r\n"));
        io.server(b("* BYE\r\nq3 OK LOGOUT completed\r\n continued\r\n"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ImapScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            ImapScenarios s = new ImapScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
