package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code captures/synth-http-malformed.pcap}: HTTP/1.1 exchanges on port 80, each on its
 * own connection (handshake, request, response, close), whose bodies and headers exercise what
 * packet-http.c marks or decodes specially: a gzip body and a damaged one, a zlib "deflate" body
 * and a raw-deflate one, a chunk size that is not hex, a chunked body with a trailer, Content-Length
 * together with Transfer-Encoding, an unknown transfer coding, a header name with a space, a
 * leading CRLF, a cookie, pipelined requests in one segment, a JSON and an XML body, and a body
 * shorter than its Content-Length at the end of the capture. tshark is the oracle for all of it
 * (scripts/make-http-goldens.sh); nothing here says what the result should be.
 */
public final class HttpScenarios {
    private static final int CLIENT = 0x0a000001, SERVER = 0x0a000002, SPORT = 80;
    private static final int SYN = FrameBuilder.SYN, ACK = FrameBuilder.ACK, FIN = FrameBuilder.FIN,
            PSH = FrameBuilder.PSH;
    private static final long START = 1_700_000_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;

    private HttpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    private void send(FrameBuilder fb, int sp, int dp, long seq, long ack, int flags, byte[] data, double ms)
            throws IOException {
        fb.payload(data, 0);
        int n = fb.tcp(sp, dp, (int) seq, (int) ack, flags, 65000, data.length);
        out.write(base + Math.round(ms * 1_000_000), fb.buffer(), 0, n);
    }

    /** One connection: handshake, the client's segments, the server's segments, FINs. */
    private void exchange(byte[][] requests, byte[][] responses, boolean close) throws IOException {
        scenario++;
        cport = 40000 + scenario;
        base = START + (long) (scenario - 1) * 10_000_000_000L;
        cseq = 1000;
        sseq = 5000;
        double t = 0;
        send(client, cport, SPORT, cseq, 0, SYN, new byte[0], t);
        send(server, SPORT, cport, sseq, cseq + 1, SYN | ACK, new byte[0], t += 10);
        cseq++;
        sseq++;
        send(client, cport, SPORT, cseq, sseq, ACK, new byte[0], t += 10);
        for (byte[] r : requests) {
            send(client, cport, SPORT, cseq, sseq, PSH | ACK, r, t += 10);
            cseq += r.length;
        }
        for (byte[] r : responses) {
            send(server, SPORT, cport, sseq, cseq, PSH | ACK, r, t += 10);
            sseq += r.length;
        }
        send(client, cport, SPORT, cseq, sseq, ACK, new byte[0], t += 10);
        if (close) {
            send(client, cport, SPORT, cseq, sseq, FIN | ACK, new byte[0], t += 10);
            send(server, SPORT, cport, sseq, cseq + 1, FIN | ACK, new byte[0], t += 10);
            send(client, cport, SPORT, cseq + 1, sseq + 1, ACK, new byte[0], t + 10);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        }
        return b.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }

    private static byte[] get(String uri) {
        return ascii("GET " + uri + " HTTP/1.1\r\nHost: example.test\r\nUser-Agent: synth/1\r\n\r\n");
    }

    private static byte[] response(String headers, byte[] body) {
        return concat(ascii("HTTP/1.1 200 OK\r\n" + headers + "\r\n"), body);
    }

    private static byte[] withLength(String headers, byte[] body) {
        return response(headers + "Content-Length: " + body.length + "\r\n", body);
    }

    private void write() throws IOException {
        byte[] page = ascii("<html><body>" + "hello, compressed world. ".repeat(20) + "</body></html>\n");
        byte[][] one = {get("/short-body")};
        exchange(new byte[][] {get("/gzip")},
                new byte[][] {withLength("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip(page))}, true);
        byte[] bad = gzip(page);
        for (int i = 12; i < bad.length - 8; i += 3) {
            bad[i] ^= 0x5a; // damage the deflate stream after the header
        }
        exchange(new byte[][] {get("/gzip-damaged")},
                new byte[][] {withLength("Content-Type: text/plain\r\nContent-Encoding: gzip\r\n", bad)}, true);
        exchange(new byte[][] {get("/deflate")},
                new byte[][] {withLength("Content-Type: text/plain\r\nContent-Encoding: deflate\r\n", deflate(page, false))}, true);
        exchange(new byte[][] {get("/raw-deflate")},
                new byte[][] {withLength("Content-Type: application/octet-stream\r\nContent-Encoding: deflate\r\n",
                        deflate(page, true))}, true);
        exchange(new byte[][] {get("/chunk-not-hex")},
                new byte[][] {response("Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n",
                        ascii("zz\r\nabc\r\n0\r\n\r\n"))}, true);
        exchange(new byte[][] {get("/chunked-trailer")},
                new byte[][] {response("Transfer-Encoding: chunked\r\n",
                        ascii("5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n"))}, true);
        exchange(new byte[][] {get("/te-and-length")},
                new byte[][] {response("Content-Length: 8\r\nTransfer-Encoding: chunked\r\n", ascii("3\r\nabc\r\n0\r\n\r\n"))}, true);
        exchange(new byte[][] {get("/te-unknown")},
                new byte[][] {response("Transfer-Encoding: chunked, br\r\n", ascii("3\r\nabc\r\n0\r\n\r\n"))}, true);
        exchange(new byte[][] {ascii("GET /bad-header HTTP/1.1\r\nHost: example.test\r\nBad Header: x\r\nCookie: a=1; b=2;c\r\n\r\n")},
                new byte[][] {withLength("Content-Type: application/json\r\n", ascii("{\"a\": [1, 2, {\"b\": null}]}"))}, true);
        exchange(new byte[][] {concat(ascii("\r\n"), get("/leading-crlf"))},
                new byte[][] {withLength("Content-Type: application/xml; charset=utf-8\r\n", ascii("<a><b>1</b></a>"))}, true);
        exchange(new byte[][] {concat(get("/pipelined-1"), get("/pipelined-2?x=1&&y=2"))},
                new byte[][] {withLength("", ascii("one")), withLength("Content-Type: text/plain\r\n", ascii("two"))}, true);
        exchange(one, new byte[][] {response("Content-Type: text/plain\r\nContent-Length: 100\r\n", ascii("only part"))},
                false);
        out.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HttpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            new HttpScenarios(os).write();
        }
    }
}
