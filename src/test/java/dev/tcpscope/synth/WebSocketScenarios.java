package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * Writes {@code captures/synth-websocket.pcap}: HTTP connections on port 80 upgraded to WebSocket
 * covering packet-websocket.c: masked and unmasked text, a 16-bit and a 64-bit extended length, a
 * binary message of 70,000 bytes over many segments (desegmented), a frame header cut between two
 * segments, a text message in three frames of three segments interleaved with a ping and a pong,
 * unknown data and control opcodes, a close with a reason; a connection that negotiates
 * permessage-deflate (compressed messages in context takeover, one in two frames, one whose bytes
 * are not DEFLATE, an uncompressed one); a 101 answer and the first frame in one segment, with
 * "Upgrade: WebSocket"; an upgrade to h2c (its preface goes to HTTP/2) and one to a
 * protocol nobody registers. Run it to remake the
 * file; the goldens come from tshark (scripts/make-goldens.sh, make-detail-goldens.sh); nothing
 * here says what the result should be.
 */
public final class WebSocketScenarios {
    private final TcpSessions io;

    private WebSocketScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 80, n -> 43000 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    /** One frame: FIN, RSV1, opcode, the masking key (null: none) and the payload. */
    private static byte[] frame(boolean fin, boolean rsv1, int opcode, byte[] key, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int maskBit = key != null ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            out.write(maskBit | n);
        } else if (n < 65536) {
            out.write(maskBit | 126);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write(i >= 4 ? 0 : n >>> (8 * i));
            }
        }
        if (key != null) {
            out.writeBytes(key);
            byte[] masked = payload.clone();
            for (int i = 0; i < masked.length; i++) {
                masked[i] ^= key[i & 3];
            }
            out.writeBytes(masked);
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] KEY = {0x12, 0x34, 0x56, 0x78};
    private static final byte[] KEY2 = {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4};

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private void handshake(String upgrade, String extensions) throws IOException {
        io.client(b("GET /chat HTTP/1.1\r\nHost: ws.example.test\r\nUpgrade: " + upgrade + "\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions != null ? "Sec-WebSocket-Extensions: " + extensions + "\r\n" : "") + "\r\n"));
    }

    private static String answer(String upgrade, String extensions) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: " + upgrade + "\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + (extensions != null ? "Sec-WebSocket-Extensions: " + extensions + "\r\n" : "") + "\r\n";
    }

    /** permessage-deflate's compression of a message: raw DEFLATE, sync flush, the 00 00 ff ff tail cut. */
    private static byte[] deflate(Deflater d, String s) {
        d.setInput(text(s));
        byte[] buf = new byte[4096];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(buf, n - 4);
    }

    private void write() throws IOException {
        // 1: the frame kinds, lengths and fragmentation
        io.open();
        handshake("websocket", null);
        io.server(b(answer("websocket", null)));
        io.client(frame(true, false, 0x1, KEY, text("hello, server")));
        io.server(frame(true, false, 0x1, null, text("x".repeat(200))));
        byte[] big = new byte[70000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        byte[] bigFrame = frame(true, false, 0x2, null, big);
        for (int at = 0; at < bigFrame.length; at += 1400) {
            io.server(java.util.Arrays.copyOfRange(bigFrame, at, Math.min(bigFrame.length, at + 1400)));
        }
        byte[] split = frame(true, false, 0x1, KEY2, text("a header cut in two"));
        io.client(java.util.Arrays.copyOfRange(split, 0, 1));
        io.client(java.util.Arrays.copyOfRange(split, 1, split.length));
        io.client(frame(false, false, 0x1, KEY, text("Hel")));
        io.server(frame(true, false, 0x9, null, text("ping?")));
        io.client(frame(false, false, 0x0, KEY2, text("lo, ")));
        io.client(frame(true, false, 0xA, KEY, text("ping?")));
        io.client(frame(true, false, 0x0, KEY, text("world\r\nsecond line")));
        io.server(concat(frame(true, false, 0x3, null, text("opcode 3")), frame(true, false, 0xB, null, text("opcode 11"))));
        io.server(frame(true, false, 0x8, null, concat(b(0x03, 0xe9), text("bye"))));
        io.client(frame(true, false, 0x8, KEY, b(0x03, 0xe8)));
        io.close();

        // 2: permessage-deflate with context takeover
        io.open();
        String ext = "permessage-deflate; client_max_window_bits";
        handshake("websocket", ext);
        io.server(b(answer("websocket", "permessage-deflate")));
        Deflater server = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        io.server(frame(true, true, 0x1, null, deflate(server, "compressed hello, compressed hello")));
        io.server(frame(true, true, 0x1, null, deflate(server, "compressed hello again, with context")));
        io.client(frame(true, true, 0x1, KEY, deflate(client, "from the client, compressed")));
        byte[] two = deflate(server, "a compressed message in two frames");
        io.server(frame(false, true, 0x1, null, java.util.Arrays.copyOfRange(two, 0, 5)));
        io.server(frame(true, false, 0x0, null, java.util.Arrays.copyOfRange(two, 5, two.length)));
        io.client(frame(true, false, 0x1, KEY, text("not compressed")));
        io.server(frame(true, true, 0x2, null, b(0xff, 0xff, 0xff, 0xff, 0x00)));
        io.close();

        // 3: the answer and the first frame in one segment, the Upgrade value in another case
        io.open();
        handshake("WebSocket", null);
        io.server(concat(b(answer("WebSocket", null)), frame(true, false, 0x1, null, text("welcome"))));
        io.client(frame(true, false, 0x2, KEY, b(1, 2, 3)));
        io.close();

        // 4: an upgrade to h2c: the bytes after the answer go to HTTP/2
        io.open();
        handshake("h2c", null);
        io.server(b(answer("h2c", null)));
        io.server(b("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        io.close();

        // 5: an upgrade to a protocol no dissector registers for
        io.open();
        handshake("foo/1", null);
        io.server(b(answer("foo/1", null)));
        io.server(b("foo bytes\r\n"));
        io.client(b("GET / HTTP/1.1\r\n\r\n"));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WebSocketScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            WebSocketScenarios s = new WebSocketScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
