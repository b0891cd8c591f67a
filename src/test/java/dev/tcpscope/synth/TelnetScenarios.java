package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
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
    private final TcpSessions io;

    private TelnetScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 23, n -> 40000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
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
        io.open();
        io.server(b(IAC, 253, 24, IAC, 253, 32, IAC, 253, 35, IAC, 253, 39, IAC, 251, 1, IAC, 251, 3));
        io.client(b(IAC, 251, 24, IAC, 252, 32, IAC, 252, 35, IAC, 251, 39, IAC, 253, 1, IAC, 254, 3));
        io.server(sb(24, 1));
        io.client(sb(24, 0, "XTERM-256COLOR"));
        io.server(b("Ubuntu 22.04 LTS\r\nlogin: "));
        io.client(b("alice\r", 0));
        io.server(b("Password: "));
        io.client(b("secret\r\n"));
        io.server(b("Last login: Mon\r\n\r\n$ "));
        for (int c = 236; c <= 249; c++) {
            io.client(b("x", IAC, c));
        }
        io.client(b(IAC, 200, IAC, 251, 60, IAC, 253, 140));     // an unknown command, unknown options
        io.close();
        // 2: suboptions with a dissector, right and wrong lengths
        io.open();
        io.client(sb(31, 0, 80, 0, 24));                          // window size
        io.client(sb(31, 0, 80, 0));                              // one byte short
        io.client(sb(31, 0, 80, IAC, IAC, 0, 24));                // a doubled IAC in the parameters
        io.client(sb(33, 1));                                     // remote flow control ON
        io.client(sb(33, 7));                                     // an unknown flow-control command
        io.client(sb(33, 1, 2));                                  // too long
        io.client(sb(11, 0, 0, 8, 251, 255));                     // tab stops
        io.client(sb(11, 1));
        io.client(sb(11, 9, 1, 2));                               // an invalid subcommand
        io.client(sb(27, "D", "banner one", 29, "T", "top"));     // output marking
        io.client(sb(27, 0x06));
        io.client(sb(46, 1));                                     // START_TLS follows
        io.client(sb(24, 1, 7, 7));                               // SEND with extra data
        io.client(sb(24, 5, "x"));                                // an invalid string subcommand
        io.client(sb(35, 0, "host:0.0"));                         // X display location
        io.client(sb(3, 1));                                      // data for an option without suboptions
        io.client(sb(1));                                         // no parameters
        io.client(sb(24));
        io.close();
        // 3: authentication and encryption
        io.open();
        io.server(sb(37, 1, 2, 0, 15, 2, 0, 0));                  // SEND: three type pairs
        io.client(sb(37, 3, "alice"));                            // NAME
        io.client(sb(37, 0, 2, 0x1f, 0));                         // IS krb5 AUTH with no blob
        io.server(sb(37, 2, 15, 0x0b, 4));                        // REPLY
        io.server(sb(37, 9));                                     // an unknown auth command
        io.client(sb(38, 0, 1, 9, 9, 9));                         // IS with type data
        io.client(sb(38, 1, 1, 3, 8, 77));                        // SUPPORT
        io.client(sb(38, 3, 0, 1));                               // START default key
        io.client(sb(38, 3, 5));                                  // START key id
        io.client(sb(38, 4));
        io.client(sb(38, 5, 1, 2));
        io.client(sb(38, 7, 4));
        io.client(sb(38, 8));
        io.client(sb(38, 12));                                    // an unknown encryption command
        io.close();
        // 4: COM port control (RFC 2217) from both sides
        io.open();
        io.client(sb(44, 0));                                     // signature request
        io.server(sb(44, 100, "ACME port"));
        io.client(sb(44, 1, 0, 0, 0x25, 0x80));                   // baud rate
        io.client(sb(44, 1, 0, 0, 0, 0));
        io.server(sb(44, 101, 0, 0));                             // too short
        io.client(sb(44, 2, 8));
        io.client(sb(44, 2, 12));
        io.client(sb(44, 3, 2));
        io.client(sb(44, 103, 9));
        io.client(sb(44, 4, 3));
        io.client(sb(44, 5, 2));
        io.client(sb(44, 5, 40));
        io.client(sb(44, 6, 0x61));
        io.client(sb(44, 110, 0));
        io.client(sb(44, 7, 0xff));
        io.server(sb(44, 111, 0x11));
        io.client(sb(44, 8));
        io.server(sb(44, 109));
        io.client(sb(44, 12, 3));
        io.client(sb(44, 12, 8));
        io.client(sb(44, 2));                                     // values missing
        io.client(sb(44, 6));
        io.client(sb(44, 11));
        io.client(sb(44, 12));
        io.client(sb(44, 50, 1, 2));                              // an unknown command
        io.close();
        // 5: TN3270E on a connection of its own (it makes the connection a TN3270 one, which
        // tshark's second pass applies to the frames before it too)
        io.open();
        io.client(sb(40, 2, 7, "IBM-3278-2-E"));                  // TN3270E DEVICE-TYPE REQUEST
        io.server(sb(40, 2, 4, "IBM-3278-2-E", 1, "TERM01"));     // DEVICE-TYPE IS ... CONNECT
        io.server(sb(40, 2, 6, 5, 3));                            // REJECT REASON
        io.client(sb(40, 3, 7, 0, 2, 4, 9));                      // FUNCTIONS REQUEST, then an unknown function
        io.client(sb(40, 1, "LU1"));                              // CONNECT
        io.client(sb(29, 1, "IBM-3278-2"));                       // 3270 regime ARE
        io.client(sb(29, 7, 0, "x"));                             // a bogus byte, then IS
        io.close();
        // 6: text
        io.open();
        io.server(b("one\r\ntwo\rthree\r", 0, "four\nfive\r\r\r\nsix"));
        io.server(b("tab\there", 0, "stray\r\n"));
        io.server(b("caf", 0xc3, 0xa9, " ", 0x80, 0x7f, "\r\n"));
        io.server(b("a", IAC, IAC, "b\r\n"));                     // a doubled IAC in text
        io.server(b("\r"));
        io.server(b("\r\r"));
        io.close();
        // 7: ends that run out
        io.open();
        io.client(b("abc", IAC));                                 // a lone IAC ends the segment
        io.client(b(IAC, 251));                                   // the option byte is missing
        io.client(b(IAC, SB, 24, 0, "no end"));                   // a suboption left open
        io.client(b(IAC, SB, 31, 0, 80));                         // left open, and short
        io.client(b(IAC, SB));                                    // no option byte
        io.client(b("x", IAC, IAC));                              // a doubled IAC ends the segment
        // segments the capture cut short (a snap length)
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, b("line one\r\nline two is long\r\n"), 14);
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, b(IAC, SB, 24, 0, "VT100", IAC, SE), 6);
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, b("abc", IAC, 251, 1), 4);
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TelnetScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            TelnetScenarios s = new TelnetScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
