package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-telnet.pcap}: Telnet sessions (RFC 854) on port 23, each on its own
 * connection, covering what packet-telnet.c shows: option negotiation (every command, known and
 * unknown options), suboptions with and without a dissector (terminal type, window size, flow
 * control, tab stops, output marking, START_TLS, authentication, encryption, the 3270 regime,
 * COM port control, TN3270E), parameters of the wrong length, a doubled IAC in data and in parameters,
 * lines ended by CR LF, CR NUL, LF, several CRs, text with a NUL and bytes over 0x7f, a lone IAC
 * ending a segment, a command whose option byte is missing, a suboption left open, and segments
 * the capture cut short. Run it to remake the file; the goldens come from tshark
 * (scripts/make-detail-goldens.sh); nothing here says what the result should be.
 */
public final class TelnetScenarios {
    private static final int CLIENT = 0x0a000101, SERVER = 0x0a000102, SPORT = 23;
    private static final int ACK = FrameBuilder.ACK, PSH = FrameBuilder.PSH;
    private static final long START = 1_700_100_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;
    private double t;

    private TelnetScenarios(OutputStream os) throws IOException {
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

    /** A segment the capture cut to its first {@code keep} payload bytes (a snap length). */
    private void cut(boolean fromClient, byte[] data, int keep) throws IOException {
        FrameBuilder fb = fromClient ? client : server;
        fb.payload(data, 0).urgent(0);
        int n = fromClient
                ? fb.tcp(cport, SPORT, (int) cseq, (int) sseq, PSH | ACK, 65000, data.length)
                : fb.tcp(SPORT, cport, (int) sseq, (int) cseq, PSH | ACK, 65000, data.length);
        out.write(base + Math.round((t += 10) * 1_000_000), fb.buffer(), 0, n - (data.length - keep), n);
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
        cport = 40000 + scenario;
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

    private static final int IAC = 255, SB = 250, SE = 240;

    private static byte[] sb(int option, Object... params) {
        Object[] all = new Object[params.length + 5];
        all[0] = IAC;
        all[1] = SB;
        all[2] = option;
        System.arraycopy(params, 0, all, 3, params.length);
        all[all.length - 2] = IAC;
        all[all.length - 1] = SE;
        return b(all);
    }

    private void write() throws IOException {
        // 1: a negotiation with every command and a login
        open();
        server(b(IAC, 253, 24, IAC, 253, 32, IAC, 253, 35, IAC, 253, 39, IAC, 251, 1, IAC, 251, 3));
        client(b(IAC, 251, 24, IAC, 252, 32, IAC, 252, 35, IAC, 251, 39, IAC, 253, 1, IAC, 254, 3));
        server(sb(24, 1));
        client(sb(24, 0, "XTERM-256COLOR"));
        server(b("Ubuntu 22.04 LTS\r\nlogin: "));
        client(b("alice\r", 0));
        server(b("Password: "));
        client(b("secret\r\n"));
        server(b("Last login: Mon\r\n\r\n$ "));
        for (int c = 236; c <= 249; c++) {
            client(b("x", IAC, c));
        }
        client(b(IAC, 200, IAC, 251, 60, IAC, 253, 140));     // an unknown command, unknown options
        close();
        // 2: suboptions with a dissector, right and wrong lengths
        open();
        client(sb(31, 0, 80, 0, 24));                          // window size
        client(sb(31, 0, 80, 0));                              // one byte short
        client(sb(31, 0, 80, IAC, IAC, 0, 24));                // a doubled IAC in the parameters
        client(sb(33, 1));                                     // remote flow control ON
        client(sb(33, 7));                                     // an unknown flow-control command
        client(sb(33, 1, 2));                                  // too long
        client(sb(11, 0, 0, 8, 251, 255));                     // tab stops
        client(sb(11, 1));
        client(sb(11, 9, 1, 2));                               // an invalid subcommand
        client(sb(27, "D", "banner one", 29, "T", "top"));     // output marking
        client(sb(27, 0x06));
        client(sb(46, 1));                                     // START_TLS follows
        client(sb(24, 1, 7, 7));                               // SEND with extra data
        client(sb(24, 5, "x"));                                // an invalid string subcommand
        client(sb(35, 0, "host:0.0"));                         // X display location
        client(sb(3, 1));                                      // data for an option without suboptions
        client(sb(1));                                         // no parameters
        client(sb(24));
        close();
        // 3: authentication and encryption
        open();
        server(sb(37, 1, 2, 0, 15, 2, 0, 0));                  // SEND: three type pairs
        client(sb(37, 3, "alice"));                            // NAME
        client(sb(37, 0, 2, 0x1f, 0));                         // IS krb5 AUTH with no blob
        server(sb(37, 2, 15, 0x0b, 4));                        // REPLY
        server(sb(37, 9));                                     // an unknown auth command
        client(sb(38, 0, 1, 9, 9, 9));                         // IS with type data
        client(sb(38, 1, 1, 3, 8, 77));                        // SUPPORT
        client(sb(38, 3, 0, 1));                               // START default key
        client(sb(38, 3, 5));                                  // START key id
        client(sb(38, 4));
        client(sb(38, 5, 1, 2));
        client(sb(38, 7, 4));
        client(sb(38, 8));
        client(sb(38, 12));                                    // an unknown encryption command
        close();
        // 4: COM port control (RFC 2217) from both sides
        open();
        client(sb(44, 0));                                     // signature request
        server(sb(44, 100, "ACME port"));
        client(sb(44, 1, 0, 0, 0x25, 0x80));                   // baud rate
        client(sb(44, 1, 0, 0, 0, 0));
        server(sb(44, 101, 0, 0));                             // too short
        client(sb(44, 2, 8));
        client(sb(44, 2, 12));
        client(sb(44, 3, 2));
        client(sb(44, 103, 9));
        client(sb(44, 4, 3));
        client(sb(44, 5, 2));
        client(sb(44, 5, 40));
        client(sb(44, 6, 0x61));
        client(sb(44, 110, 0));
        client(sb(44, 7, 0xff));
        server(sb(44, 111, 0x11));
        client(sb(44, 8));
        server(sb(44, 109));
        client(sb(44, 12, 3));
        client(sb(44, 12, 8));
        client(sb(44, 2));                                     // values missing
        client(sb(44, 6));
        client(sb(44, 11));
        client(sb(44, 12));
        client(sb(44, 50, 1, 2));                              // an unknown command
        close();
        // 5: TN3270E on a connection of its own (it makes the connection a TN3270 one, which
        // tshark's second pass applies to the frames before it too)
        open();
        client(sb(40, 2, 7, "IBM-3278-2-E"));                  // TN3270E DEVICE-TYPE REQUEST
        server(sb(40, 2, 4, "IBM-3278-2-E", 1, "TERM01"));     // DEVICE-TYPE IS ... CONNECT
        server(sb(40, 2, 6, 5, 3));                            // REJECT REASON
        client(sb(40, 3, 7, 0, 2, 4, 9));                      // FUNCTIONS REQUEST, then an unknown function
        client(sb(40, 1, "LU1"));                              // CONNECT
        client(sb(29, 1, "IBM-3278-2"));                       // 3270 regime ARE
        client(sb(29, 7, 0, "x"));                             // a bogus byte, then IS
        close();
        // 6: text
        open();
        server(b("one\r\ntwo\rthree\r", 0, "four\nfive\r\r\r\nsix"));
        server(b("tab\there", 0, "stray\r\n"));
        server(b("caf", 0xc3, 0xa9, " ", 0x80, 0x7f, "\r\n"));
        server(b("a", IAC, IAC, "b\r\n"));                     // a doubled IAC in text
        server(b("\r"));
        server(b("\r\r"));
        close();
        // 7: ends that run out
        open();
        client(b("abc", IAC));                                 // a lone IAC ends the segment
        client(b(IAC, 251));                                   // the option byte is missing
        client(b(IAC, SB, 24, 0, "no end"));                   // a suboption left open
        client(b(IAC, SB, 31, 0, 80));                         // left open, and short
        client(b(IAC, SB));                                    // no option byte
        client(b("x", IAC, IAC));                              // a doubled IAC ends the segment
        cut(false, b("line one\r\nline two is long\r\n"), 14);
        cut(false, b(IAC, SB, 24, 0, "VT100", IAC, SE), 6);
        cut(false, b("abc", IAC, 251, 1), 4);
        close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TelnetScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            TelnetScenarios s = new TelnetScenarios(os);
            s.write();
            s.out.close();
        }
    }
}
