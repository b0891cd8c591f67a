package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code captures/synth-http2.pcap}: HTTP/2 connections on port 80 covering packet-http2.c
 * and its HPACK decompression: a prior-knowledge connection (preface, SETTINGS both ways and their
 * ACKs, requests with indexed, literal, never-indexed and Huffman-coded fields and the dynamic
 * table reused, a header block split by CONTINUATION inside a field, a SETTINGS_HEADER_TABLE_SIZE
 * of 256 (after its ACK tshark's inflater decodes none of the client's later blocks), responses
 * with a gzip body in two DATA frames over several segments,
 * a padded HEADERS and DATA, a JSON body, a body ended by trailers, PING and its ACK,
 * WINDOW_UPDATE, PRIORITY, RST_STREAM, PUSH_PROMISE, ALTSVC, an unknown type, GOAWAY with debug
 * data, several frames in a segment and one frame over several); an h2c upgrade with an
 * HTTP2-Settings header and the first SETTINGS in the 101 answer's segment; a preface whose first
 * segment ends inside a frame; a header block with an index past the tables; request bodies ended
 * by trailers and by an empty END_STREAM DATA frame; a segment that ends a DATA frame and carries
 * two more (a second call of the dissector in the frame). Run it to remake the file; the goldens come from tshark
 * (scripts/make-http2-goldens.sh); nothing here says what the result should be.
 */
public final class Http2Scenarios {
    private final TcpSessions io;

    private Http2Scenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 80, n -> 44000 + n);
    }

    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A frame: its 9-byte header and payload. */
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        int n = payload.length;
        return concat(b(n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff, type, flags, stream >>> 24 & 0x7f, stream >> 16 & 0xff,
                stream >> 8 & 0xff, stream & 0xff), payload);
    }

    private static byte[] settings(int... idValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < idValue.length; i += 2) {
            out.writeBytes(b(idValue[i] >> 8, idValue[i] & 0xff, idValue[i + 1] >>> 24, idValue[i + 1] >> 16 & 0xff,
                    idValue[i + 1] >> 8 & 0xff, idValue[i + 1] & 0xff));
        }
        return frame(4, 0, 0, out.toByteArray());
    }

    /** An HPACK integer with an N-bit prefix and the opcode bits {@code first}. */
    private static byte[] integer(int first, int prefix, int v) {
        int k = (1 << prefix) - 1;
        if (v < k) {
            return b(first | v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first | k);
        v -= k;
        while (v >= 128) {
            out.write(v % 128 + 128);
            v /= 128;
        }
        out.write(v);
        return out.toByteArray();
    }

    /** A raw string literal. */
    private static byte[] str(String s) {
        byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
        return concat(integer(0, 7, v.length), v);
    }

    /** A Huffman string literal, given coded. */
    private static byte[] huff(String codedHex) {
        byte[] v = hex(codedHex);
        return concat(integer(0x80, 7, v.length), v);
    }

    private static byte[] indexed(int i) {
        return integer(0x80, 7, i);
    }

    private static byte[] incremental(int nameIndex, byte[] value) {
        return concat(integer(0x40, 6, nameIndex), value);
    }

    private static byte[] incrementalNew(byte[] name, byte[] value) {
        return concat(b(0x40), name, value);
    }

    private static byte[] without(int nameIndex, byte[] value) {
        return concat(integer(0, 4, nameIndex), value);
    }

    private static byte[] never(int nameIndex, byte[] value) {
        return concat(integer(0x10, 4, nameIndex), value);
    }

    private static byte[] neverNew(byte[] name, byte[] value) {
        return concat(b(0x10), name, value);
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private void write() throws IOException {
        // 1: prior knowledge, the frame kinds and HPACK's representations
        io.open();
        io.client(concat(b(PREFACE), settings(3, 100, 4, 65535, 2, 0)));
        io.server(concat(settings(3, 128, 1, 256, 5, 16384), frame(4, 1, 0, new byte[0])));
        io.client(frame(4, 1, 0, new byte[0])); // the client applies the server's table size of 256
        byte[] req1 = concat(b(0x20 | 0x1f, 0xe1, 0x01), indexed(2), indexed(6), indexed(4), incremental(1, huff("f1e3 c2e5 f23a 6ba0 ab90 f4ff")),
                incrementalNew(str("custom-key"), str("custom-value")), never(23, str("Basic dXNlcjpwYXNz")),
                without(58, str("curl/8.0")));
        io.client(frame(1, 0x05, 1, req1));
        // the same fields again from the dynamic table (62: custom-key, 63: :authority), a path with %20
        byte[] req3 = concat(b(0x20 | 0x1f, 0xc1, 0x01), indexed(2), indexed(7), without(4, str("/a%20b/c%zz")), indexed(63),
                indexed(62), neverNew(str("x-secret"), str("s3cr3t")));
        io.client(frame(1, 0x05, 3, req3));
        // a response: gzip HTML in two DATA frames, the second over three segments
        byte[] resp1 = concat(indexed(8), incremental(31, str("text/html; charset=utf-8")), incremental(26, str("gzip")),
                without(28, str("400")), incremental(54, huff("a8eb 1064 9cbf")));
        byte[] body = gzip("<html><body>" + "hello, http/2 ".repeat(200) + "</body></html>\n");
        int half = body.length / 2;
        io.server(concat(frame(1, 0x04, 1, resp1), frame(0, 0, 1, java.util.Arrays.copyOfRange(body, 0, half))));
        byte[] last = frame(0, 1, 1, java.util.Arrays.copyOfRange(body, half, body.length));
        int third = last.length / 3;
        io.server(java.util.Arrays.copyOfRange(last, 0, third));
        io.server(java.util.Arrays.copyOfRange(last, third, 2 * third));
        io.server(java.util.Arrays.copyOfRange(last, 2 * third, last.length));
        // a padded HEADERS with priority, a padded DATA with JSON
        byte[] resp3 = concat(indexed(8), incremental(31, str("application/json")));
        byte[] padded = concat(b(4, 0x80, 0, 0, 1, 41), resp3, new byte[4]);
        byte[] json = b("{\"ok\":true,\"items\":[1,2,3]}");
        io.server(concat(frame(1, 0x2c, 3, padded), frame(0, 0x09, 3, concat(b(3), json, new byte[3]))));
        // a block split by CONTINUATION inside a field; a body ended by trailers; PING, WINDOW_UPDATE, PRIORITY
        byte[] req5 = concat(indexed(3), indexed(6), without(4, str("/upload")), indexed(63),
                incremental(31, str("text/plain")));
        io.client(concat(frame(1, 0x00, 5, java.util.Arrays.copyOfRange(req5, 0, 6)),
                frame(9, 0x04, 5, java.util.Arrays.copyOfRange(req5, 6, req5.length))));
        io.client(concat(frame(0, 0, 5, b("line one\nline two\n")), frame(1, 0x05, 5, incrementalNew(str("x-checksum"), str("abc")))));
        io.client(concat(frame(6, 0, 0, b("pingpong")), frame(8, 0, 0, b(0, 1, 0, 0)), frame(2, 0, 7, b(0x80, 0, 0, 5, 15))));
        io.server(concat(frame(6, 1, 0, b("pingpong")), frame(8, 0, 5, b(0, 0, 0x40, 0))));
        // a push promise, ALTSVC, a 404 with a text body, RST_STREAM, an unknown frame type
        byte[] promise = concat(b(0, 0, 0, 2), indexed(2), indexed(6), without(4, str("/style.css")), indexed(63));
        io.server(concat(frame(5, 0x04, 1, promise), frame(10, 0, 0, concat(b(0, 11), b("example.org"), b("h2=\":443\"")))));
        io.server(concat(frame(1, 0x04, 5, concat(indexed(13), incremental(31, str("text/plain")))),
                frame(0, 0x01, 5, b("not found\n")), frame(3, 0, 2, b(0, 0, 0, 8)), frame(0xff, 0x5a, 9, b("??"))));
        // the server lowers its table size: the client's next block starts with a size update
        io.server(settings(1, 64));
        io.client(concat(frame(4, 1, 0, new byte[0]), frame(1, 0x05, 9, concat(b(0x20 | 0x1f, 0x21), indexed(2), indexed(6),
                indexed(4), incremental(1, str("example.org"))))));
        io.server(frame(7, 0, 0, concat(b(0, 0, 0, 9, 0, 0, 0, 0), b("bye"))));
        io.close();

        // 2: an h2c upgrade, the first SETTINGS in the 101 answer's segment
        io.open();
        io.client(b("GET /index.txt HTTP/1.1\r\nHost: h2c.example.test\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n"));
        io.server(concat(b("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"), settings(3, 100)));
        io.client(concat(b(PREFACE), settings(2, 0)));
        io.client(frame(4, 1, 0, new byte[0]));
        io.server(concat(frame(4, 1, 0, new byte[0]), frame(1, 0x04, 1, concat(indexed(8), incremental(31, str("text/plain")))),
                frame(0, 0x01, 1, b("upgraded\n"))));
        io.close();

        // 3: the preface's segment ends inside a frame
        io.open();
        byte[] big = concat(indexed(2), indexed(6), without(4, str("/" + "x".repeat(120))), incremental(1, str("example.org")));
        byte[] first = concat(b(PREFACE), settings(3, 100), frame(1, 0x05, 1, big));
        io.client(java.util.Arrays.copyOfRange(first, 0, 80));
        io.client(java.util.Arrays.copyOfRange(first, 80, first.length));
        io.server(concat(settings(), frame(4, 1, 0, new byte[0])));
        io.close();

        // 4: a header block with an index past the tables (tshark shows "<unknown>" and goes on)
        io.open();
        io.client(concat(b(PREFACE), settings(3, 100)));
        io.server(concat(settings(), frame(4, 1, 0, new byte[0])));
        io.client(frame(1, 0x05, 1, concat(indexed(2), indexed(70), indexed(6))));
        io.client(frame(1, 0x05, 3, concat(indexed(2), indexed(6), indexed(4))));
        io.server(frame(1, 0x05, 1, concat(indexed(8), without(28, str("0")))));
        io.close();

        // 5: request bodies ended by trailers (one DATA frame, two) and by an empty END_STREAM DATA frame
        io.open();
        io.client(concat(b(PREFACE), settings(3, 100)));
        io.server(concat(settings(3, 100), frame(4, 1, 0, new byte[0])));
        io.client(frame(4, 1, 0, new byte[0]));
        byte[] post = concat(indexed(3), indexed(6), without(4, str("/up")), incremental(1, str("a.b")), incremental(31, str("text/plain")));
        io.client(concat(frame(1, 0x04, 1, post), frame(0, 0, 1, b("one line\n"))));
        io.client(frame(1, 0x05, 1, incrementalNew(str("x-sum"), str("1"))));
        byte[] post2 = concat(indexed(3), indexed(6), without(4, str("/up2")), indexed(63), indexed(62));
        io.client(concat(frame(1, 0x04, 3, post2), frame(0, 0, 3, b("first\n")), frame(0, 0, 3, b("second\n"))));
        io.client(frame(1, 0x05, 3, incrementalNew(str("x-sum"), str("2"))));
        byte[] post3 = concat(indexed(3), indexed(6), without(4, str("/up3")), indexed(64), indexed(63));
        io.client(concat(frame(1, 0x04, 5, post3), frame(0, 0, 5, b("alone\n"))));
        io.client(frame(0, 1, 5, new byte[0]));
        io.close();

        // 6: a segment that ends a DATA frame and carries two more: HTTP/2's second call of the frame
        io.open();
        io.client(concat(b(PREFACE), settings(3, 100)));
        io.server(concat(settings(3, 100), frame(4, 1, 0, new byte[0])));
        io.client(frame(4, 1, 0, new byte[0]));
        io.client(frame(1, 0x05, 1, concat(indexed(2), indexed(6), indexed(4), incremental(1, str("a.b")))));
        byte[] answer = concat(frame(1, 0x04, 1, concat(indexed(8), incremental(31, str("text/plain")))),
                frame(0, 1, 1, b("0123456789abcdefghij\n")));
        int cut = answer.length - 10;
        io.server(java.util.Arrays.copyOfRange(answer, 0, cut));
        io.server(concat(java.util.Arrays.copyOfRange(answer, cut, answer.length), frame(6, 0, 0, b("pingpong")),
                frame(8, 0, 0, b(0, 0, 1, 0))));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Http2Scenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            Http2Scenarios s = new Http2Scenarios(os);
            s.write();
            s.io.done();
        }
    }
}
