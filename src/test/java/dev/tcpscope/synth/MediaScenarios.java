package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes {@code captures/synth-http-media.pcap}: HTTP responses on port 80 whose bodies are PNG and
 * GIF images, one connection each, covering what file-png.c and file-gif.c show beyond the
 * corpus's images: every PNG chunk type file-png.c names or dissects (IHDR, PLTE, tRNS, bKGD of
 * each length, sRGB, tIME, gAMA, cHRM with odd values, tEXt with Latin-1 text and with an empty
 * keyword, iTXt, an unknown type), a PNG taken by the heuristic (no Content-Type), one in two
 * segments, and images cut short: a chunk longer than the body, a length over 2^31, an IHDR
 * shorter than its fields, a body that ends inside a chunk's length, a GIF whose color map runs
 * past its body; then JSON bodies (see {@link #json}). Run it to remake the file; the goldens come from tshark
 * (scripts/make-http-goldens.sh); nothing here says what the result should be.
 */
public final class MediaScenarios {
    private static final int CLIENT = 0x0a000201, SERVER = 0x0a000202, SPORT = 80;
    private static final int ACK = FrameBuilder.ACK, PSH = FrameBuilder.PSH;
    private static final long START = 1_700_200_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;
    private double t;

    private MediaScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    private void send(boolean fromClient, int flags, byte[] data) throws IOException {
        FrameBuilder fb = fromClient ? client : server;
        fb.payload(data, 0);
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

    /** One connection: the handshake, a GET, the response in the segments given, the close. */
    private void exchange(String path, byte[]... responseSegments) throws IOException {
        scenario++;
        cport = 41000 + scenario;
        base = START + (long) (scenario - 1) * 10_000_000_000L;
        cseq = 1000;
        sseq = 5000;
        t = 0;
        send(true, FrameBuilder.SYN, new byte[0]);
        cseq++;
        send(false, FrameBuilder.SYN | ACK, new byte[0]);
        sseq++;
        send(true, ACK, new byte[0]);
        send(true, PSH | ACK, ascii("GET " + path + " HTTP/1.1\r\nHost: media.test\r\n\r\n"));
        for (byte[] segment : responseSegments) {
            send(false, PSH | ACK, segment);
        }
        send(true, FrameBuilder.FIN | ACK, new byte[0]);
        cseq++;
        send(false, FrameBuilder.FIN | ACK, new byte[0]);
        sseq++;
        send(true, ACK, new byte[0]);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] response(String contentType, byte[] body) {
        String head = "HTTP/1.1 200 OK\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        return cat(ascii(head), body);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** A chunk: length, type, data, CRC-32 of type and data; {@code length} as written (-1: the data's). */
    private static byte[] chunk(String type, byte[] data, long length) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return cat(u32(length < 0 ? data.length : length), ascii(type), data, u32(crc.getValue()));
    }

    private static byte[] chunk(String type, byte[] data) {
        return chunk(type, data, -1);
    }

    private static final byte[] SIGNATURE = bytes(137, 80, 78, 71, 13, 10, 26, 10);

    private static byte[] ihdr(int width, int height, int depth, int colour, int compression, int filter, int interlace) {
        return chunk("IHDR", cat(u32(width), u32(height), bytes(depth, colour, compression, filter, interlace)));
    }

    private void write() throws IOException {
        byte[] indexed = ihdr(3, 2, 8, 3, 0, 0, 1);
        byte[] idat = chunk("IDAT", bytes(0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01));
        byte[] iend = chunk("IEND", new byte[0]);
        byte[] palette = cat(SIGNATURE, indexed, chunk("PLTE", new byte[9]), chunk("tRNS", bytes(0x00, 0x80)),
                chunk("bKGD", bytes(1)), chunk("sRGB", bytes(0)), chunk("tIME", bytes(0x07, 0xea, 12, 5, 16, 30, 59)), idat, iend);
        exchange("/palette.png", response("image/png", palette));
        exchange("/grey.png", response("image/png", cat(SIGNATURE, ihdr(1, 1, 16, 0, 0, 0, 0), chunk("bKGD", bytes(0x12, 0x34)),
                chunk("sRGB", bytes(7)), chunk("tEXt", cat(bytes(0), ascii("empty keyword"))),
                chunk("tEXt", cat(ascii("Comment"), bytes(0), ascii("caf"), bytes(0xe9, ' ', 1), ascii(" done"))),
                chunk("zzZZ", ascii("abc")), iend)));
        exchange("/colour.png", response("image/png", cat(SIGNATURE, ihdr(1, 1, 8, 2, 1, 2, 3),
                chunk("bKGD", bytes(0, 1, 0, 2, 0, 3)), chunk("gAMA", u32(1)),
                chunk("cHRM", cat(u32(0), u32(99_999_999), u32(100_000), u32(1_234_567), u32(12_345_678), u32(5),
                        u32(0xffffffffL), u32(50))),
                chunk("iTXt", cat(ascii("k"), bytes(0, 0, 0), ascii("en"), bytes(0, 0), ascii("hi"))), iend)));
        exchange("/guessed", response(null, palette));
        exchange("/octets", response("application/octet-stream", palette));
        byte[] split = response("image/png", palette);
        exchange("/split.png", java.util.Arrays.copyOfRange(split, 0, 90), java.util.Arrays.copyOfRange(split, 90, split.length));
        exchange("/long-chunk.png", response("image/png", cat(SIGNATURE, indexed, chunk("IDAT", new byte[40], 1000))));
        exchange("/huge-chunk.png", response("image/png", cat(SIGNATURE, indexed, u32(0x80000001L), ascii("IDAT"), new byte[8])));
        exchange("/short-ihdr.png", response("image/png", cat(SIGNATURE, chunk("IHDR", bytes(0, 0, 0, 5, 0, 0)))));
        exchange("/cut.png", response("image/png", cat(SIGNATURE, indexed, bytes(0, 0))));
        // a GIF89a whose global color map (256 colors, 768 bytes) runs past its 40 bytes
        exchange("/cut.gif", response("image/gif", cat(ascii("GIF89a"), bytes(1, 0, 1, 0, 0xf7, 0, 0), new byte[27])));
        json();
    }

    /**
     * JSON bodies (packet-json.c): every kind of value and escape, blanks where tvbparse skips
     * them, several values one after the other, what does not parse (a leading zero, a bad escape,
     * text after the value, not JSON at all), nesting around tvbparse's recursion limit, and
     * packet-json.c's other media types.
     */
    private void json() throws IOException {
        String[] bodies = {
            "{\"a\":1,\"b\":[1,2.5e3,-0.5,1E+5,0.0e-1,-0],\"c\":{\"d\":true,\"e\":false,\"f\":null,\"n\":NaN},\"g\":\"\"}",
            "[1,\"two\",{\"k\":\"v\"},[],{},[{\"x\":[{\"y\":\"z\"}]}]]",
            " { \"sp\" : [ 1 , 2 ] , \"odd\" : 1 .5 , \"neg\" : - 1 }\r\n",
            "{\"esc\":\"x\\ny\\\"z\\u00e9\\ud83d\\ude00\\u0041\\u0000\\uD800\\/\\b\\f\\t\",\"k\\u00e9y\":\"tab\there\"}",
            "{\"u\":\"\\u0009\\u4e2d\\u200b\\u00ad\\uffff\\ue000\"}",
            "{\"a\":1}{\"b\":2}\n[3]\n",
            "{\"a\":1} trailing text",
            "{\"a\":01}",
            "not json at all",
            "{\"bad\":\"\\x41\"}",
            "[1,]",
            "[".repeat(25) + "]".repeat(25),
            "[".repeat(26) + "]".repeat(26),
            "{\"a\":".repeat(18) + "1" + "}".repeat(18),
            "{\"a\":".repeat(20) + "1" + "}".repeat(20),
        };
        int n = 0;
        for (String body : bodies) {
            exchange("/json/" + ++n, response("application/json", ascii(body)));
        }
        exchange("/utf8", response("application/json; charset=utf-8",
                cat(ascii("{\"hi\":\""), bytes(0xc3, 0xa9, 0xff), ascii("\",\"z\":\"caf"), bytes(0xc3, 0xa9), ascii("\"}"))));
        for (String type : new String[] {"application/problem+json", "application/x-ndjson", "application/vnd.oma.lwm2m+json",
            "application/json-rpc", "application/senml+json", "text/json"}) {
            exchange("/type", response(type, ascii("{\"type\":\"" + type + "\"}")));
        }
        byte[] split = response("application/json", ascii("{\"split\":[\"over\",\"two\",\"segments\"]}"));
        exchange("/split.json", java.util.Arrays.copyOfRange(split, 0, 70), java.util.Arrays.copyOfRange(split, 70, split.length));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MediaScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            MediaScenarios s = new MediaScenarios(os);
            s.write();
            s.out.close();
        }
    }
}
