package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-bgp.pcap}: BGP-4 on port 179 covering packet-bgp.c's framing
 * and its bounds: OPEN with capabilities (multiprotocol, route refresh, graceful restart with
 * families, 4-octet AS, add-path, an unknown one, lengths that are wrong), UPDATEs with withdrawn
 * routes, every attribute tcpscope decodes (AS_PATH with sets, confederations, 2- and 4-byte
 * numbers and a path the heuristic cannot size, MED, LOCAL_PREF, MP_REACH/MP_UNREACH for IPv4
 * and IPv6, extended lengths, an unknown attribute), an attribute longer than the attributes,
 * an ORIGIN and a NEXT_HOP of the wrong length, a prefix length above 32, NOTIFICATIONs of every
 * major code, ROUTE-REFRESH, a message split over three segments, three in one segment, bytes
 * before a marker, a header length below 19 and above 4096, an unknown message type, a message
 * cut by the snap length. Run it to remake the file; nothing here says what the result should be
 * (tshark does).
 */
public final class BgpScenarios {
    private final TcpSessions io;

    private BgpScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 179, n -> 40000 + n);
    }

    /** A message: marker, length (header included), type and body. */
    private static byte[] msg(int type, int... body) {
        return msgLen(19 + body.length, type, body);
    }

    private static byte[] msgLen(int len, int type, int... body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            o.write(0xff);
        }
        o.write(len >> 8);
        o.write(len);
        o.write(type);
        for (int b : body) {
            o.write(b);
        }
        return o.toByteArray();
    }

    private static int[] cat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static int[] i(int... v) {
        return v;
    }

    /** An UPDATE: withdrawn routes, attributes, NLRI. */
    private static byte[] update(int[] withdrawn, int[] attrs, int[] nlri) {
        return msg(2, cat(i(withdrawn.length >> 8, withdrawn.length), withdrawn, i(attrs.length >> 8, attrs.length), attrs, nlri));
    }

    private static byte[] open(int as, int... opt) {
        return msg(1, cat(i(4, as >> 8, as, 0, 180, 10, 0, 0, 1, opt.length), opt));
    }

    private static final int[] ORIGIN = {0x40, 1, 1, 0};
    private static final int[] NEXT_HOP = {0x40, 3, 4, 10, 0, 0, 1};

    private void write() throws IOException {
        io.open();
        // OPEN with capabilities in one parameter and in several
        io.client(open(65001, 2, 30, 1, 4, 0, 1, 0, 1, 2, 0, 64, 6, 0x80, 0x78, 0, 1, 1, 0x80, 65, 4, 0, 1, 0, 1,
                69, 4, 0, 2, 1, 2, 70, 0, 128, 0, 99, 2, 0xab, 0xcd));
        io.server(open(23456, 2, 6, 65, 4, 0, 0, 0xfd, 0xe9, 2, 4, 64, 2, 0x40, 0x5a, 1, 2, 0xaa, 0xbb, 9, 1, 0));
        io.client(msg(4));
        io.server(msg(4));
        // capabilities of the wrong length
        io.client(open(65001, 2, 14, 1, 3, 0, 1, 0, 2, 1, 0, 65, 2, 0, 1, 69, 3, 0, 1, 1));
        // UPDATE: withdrawn, every decoded attribute, NLRI
        io.client(update(i(24, 192, 168, 1, 16, 10, 1),
                cat(ORIGIN, i(0x40, 2, 10, 2, 2, 0, 1, 0, 2, 1, 2, 0, 3, 0, 4), NEXT_HOP,
                        i(0x80, 4, 4, 0, 0, 0, 50), i(0x40, 5, 4, 0, 0, 0, 100), i(0xc0, 99, 3, 1, 2, 3)),
                i(24, 10, 2, 3, 32, 10, 9, 9, 9, 0, 20, 172, 16, 0x10)));
        // AS_PATH: 4-byte numbers, confederations, AS_TRANS, an empty path, an extended length
        io.server(update(i(), cat(i(0x50, 1, 0, 1, 2), i(0x40, 2, 24, 3, 1, 0, 0, 0xfd, 0xe9, 4, 2, 0, 0, 0x5b, 0xa0, 0, 1, 0, 0,
                2, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 7), NEXT_HOP), i(8, 44)));
        io.server(update(i(), cat(ORIGIN, i(0x40, 2, 0), NEXT_HOP), i(16, 100, 64)));
        // an AS_PATH no ASN length fits, an AS4_PATH
        io.server(update(i(), cat(ORIGIN, i(0x40, 2, 5, 2, 1, 0, 1, 9), i(0xc0, 17, 6, 2, 1, 0, 1, 0, 0), NEXT_HOP), i(8, 45)));
        // MP_REACH / MP_UNREACH for IPv6 and IPv4
        io.client(update(i(), cat(ORIGIN, i(0x40, 2, 0), i(0x80, 14, 27, 0, 2, 1, 16, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
                48, 0x20, 1, 0x0d, 0xb8, 0, 1)), i()));
        io.client(update(i(), cat(i(0x80, 15, 9, 0, 2, 1, 64, 0x20, 1, 0x0d, 0xb8, 0, 2)), i()));
        io.client(update(i(), cat(ORIGIN, i(0x40, 2, 0), i(0x90, 14, 0, 15, 0, 1, 1, 4, 10, 0, 0, 9, 1, 2, 0xaa, 0xbb, 16, 10, 7)), i()));
        io.client(update(i(), cat(i(0x80, 15, 7, 0, 1, 1, 24, 10, 8, 8)), i()));
        // an attribute longer than the attributes; ORIGIN and NEXT_HOP of the wrong length
        io.server(update(i(), i(0x40, 1, 9, 0), i(24, 1, 2, 3)));
        io.server(update(i(), cat(i(0x40, 1, 2, 0, 0), i(0x40, 3, 3, 1, 2, 3)), i(24, 1, 2, 3)));
        // a prefix length above 32 in the withdrawn routes and in the NLRI
        io.server(update(i(33, 1, 2, 3, 4, 5), i(), i()));
        io.server(update(i(), cat(ORIGIN), i(40, 1, 2, 3, 4, 5)));
        // ATOMIC_AGGREGATE, AGGREGATOR (2- and 4-byte), COMMUNITIES (well-known and not), ORIGINATOR_ID,
        // CLUSTER_LIST, LARGE_COMMUNITY, and each of them of a wrong length
        io.server(update(i(), cat(ORIGIN, NEXT_HOP, i(0x40, 6, 0), i(0xc0, 7, 6, 0xfd, 0xe9, 10, 0, 0, 5),
                i(0xc0, 8, 12, 0xfd, 0xe9, 0, 100, 0xff, 0xff, 0xff, 0x01, 0, 0, 0, 5), i(0x80, 9, 4, 10, 0, 0, 6),
                i(0x80, 10, 8, 1, 1, 1, 1, 2, 2, 2, 2), i(0xc0, 32, 12, 0, 0, 0xfd, 0xe9, 0, 0, 0, 1, 0, 0, 0, 2)), i(24, 10, 5, 5)));
        io.server(update(i(), cat(ORIGIN, NEXT_HOP, i(0xc0, 7, 8, 0, 1, 0, 0, 10, 0, 0, 5), i(0xc0, 8, 4, 0xff, 0xff, 0x02, 0x9a)), i(24, 10, 5, 6)));
        io.server(update(i(), cat(i(0x40, 6, 1, 0), i(0xc0, 7, 5, 1, 2, 3, 4, 5), i(0xc0, 8, 3, 1, 2, 3), i(0x80, 9, 2, 1, 2),
                i(0x80, 10, 3, 1, 2, 3), i(0xc0, 32, 13, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 9)), i(24, 10, 5, 7)));
        // Additional Paths (RFC 7911): prefixes that only read with a path identifier before each
        io.server(update(i(0, 0, 0, 1, 24, 10, 1, 1, 0, 0, 0, 2, 0), cat(ORIGIN, NEXT_HOP), i(0, 0, 0, 7, 16, 10, 20, 0, 0, 0, 8, 0)));
        // a withdrawn routes length past the message, an attribute cut
        io.server(msg(2, 0, 50, 24, 1, 2, 3));
        io.server(msg(2, 0, 0, 0, 10, 0x40, 2, 8, 2, 1));
        // NOTIFICATION of every major code, shutdown communications, data
        for (int major = 1; major <= 8; major++) {
            io.server(msg(3, major, 2));
        }
        io.server(msg(3, 6, 2, 5, 'b', 'y', 'e', ' ', '!'));
        io.server(msg(3, 6, 4, 3, 'a', 'b', 'c', 1, 2));
        io.server(msg(3, 2, 2, 0, 0, 0xfd, 0xe9));
        // ROUTE-REFRESH and Cisco's
        io.client(msg(5, 0, 2, 0, 1));
        io.client(msg(128, 0, 1, 0, 128));
        io.close();

        io.open();
        // three messages in one segment, one over three segments
        io.client(cat(msg(4), msg(4), update(i(), cat(ORIGIN, NEXT_HOP), i(24, 10, 0, 1))));
        byte[] big = update(i(), cat(ORIGIN, i(0x40, 2, 6, 2, 2, 0, 1, 0, 2), NEXT_HOP),
                i(24, 10, 0, 1, 24, 10, 0, 2, 24, 10, 0, 3, 24, 10, 0, 4, 24, 10, 0, 5, 24, 10, 0, 6));
        io.client(java.util.Arrays.copyOfRange(big, 0, 10));
        io.client(java.util.Arrays.copyOfRange(big, 10, 30));
        io.client(java.util.Arrays.copyOfRange(big, 30, big.length));
        // a message, then the start of the next one in the same segment
        byte[] two = cat(msg(4), open(65001));
        io.client(java.util.Arrays.copyOfRange(two, 0, 25));
        io.client(java.util.Arrays.copyOfRange(two, 25, two.length));
        // bytes before a marker, an unknown type
        io.server(cat(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, msg(4)));
        io.server(msg(9, 1, 2, 3));
        // a length above 4096, then one below 19
        io.server(msgLen(5000, 2, 0, 0, 0, 0));
        io.close();

        io.open();
        io.client(msgLen(18, 4));
        io.close();

        io.open();
        io.client(msg(4));
        // a message cut by the snap length
        io.send(true, FrameBuilder.PSH | FrameBuilder.ACK, 0, update(i(), cat(ORIGIN, NEXT_HOP), i(24, 10, 0, 1)), 30);
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BgpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            BgpScenarios s = new BgpScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
