package fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.cli.Main;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.DetailPrinter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.ColorFilters;
import dev.tcpscope.tcp.Decoder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets, one per surface that reads hostile input (docs/HOSTILE.md).
 * The property of each: no exception escapes but the one that names bad input
 * ({@link CaptureFormatException}, {@link FilterSyntaxException}, {@link ColorFilters.BadFile}),
 * and the CLI never reaches its "internal error" net. Bounds per input (scripts/fuzz.sh):
 * at most 4 KiB (libFuzzer's default -max_len), 10 s, 2 GB RSS with a 768 MB heap.
 *
 * <p>In the normal test run each target replays its seeds and every crash found so far from
 * {@code src/test/resources/fuzz/HostileFuzzTestInputs/<target>/} (Jazzer's regression mode);
 * with {@code JAZZER_FUZZ=1} it fuzzes ({@code scripts/fuzz.sh MINUTES}).
 */
class HostileFuzzTest {
    private static final FieldTable TABLE = FieldTable.standard();
    private static final int[] LINK_TYPES = {1, 0, 12, 14, 101, 108, 113, 228, 229, 276, 105, 127};

    /** pcap, pcapng and the decompressors (gzip, zstd, lz4), every frame dissected and analysed. */
    @FuzzTest
    void captureFile(byte[] data) throws IOException {
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(data), "fuzz")) {
            Frame frame = new Frame();
            Decoder decoder = new Decoder();
            PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), MacNames::none, decoder);
            StringBuilder line = new StringBuilder();
            int n = 0;
            while (n++ < 2000 && reader.next(frame)) {
                decoder.decode(frame);
                line.setLength(0);
                list.appendLine(decoder, line);
            }
        } catch (CaptureFormatException e) {
            // bad input, named: the property holds
        }
    }

    /** The whole read command over a file (mapped path), details, JSON, ek and PDML included, each item's bytes too. */
    @FuzzTest
    void readCommand(byte[] data) throws IOException {
        Path file = Files.createTempFile("tcpscope-fuzz-", ".cap");
        try {
            Files.write(file, data);
            for (String[] args : new String[][] {{"-V", "-x"}, {"-2", "-T", "json", "-x"}, {"-T", "pdml"}, {"-T", "ek", "-x"}}) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String[] full = new String[args.length + 2];
                full[0] = "read";
                full[1] = file.toString();
                System.arraycopy(args, 0, full, 2, args.length);
                int rc;
                try (PrintStream out = new PrintStream(OutputSink.INSTANCE, false, StandardCharsets.UTF_8);
                     PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    rc = Main.run(out, e, full);
                }
                String message = err.toString(StandardCharsets.UTF_8);
                assertThat(message).doesNotContain("internal error");
                assertThat(rc).isLessThan(3);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One frame of a chosen link type, dissected from the link layer up, listed and detailed. */
    @FuzzTest
    void dissector(FuzzedDataProvider in) throws IOException {
        int link = LINK_TYPES[in.consumeInt(0, LINK_TYPES.length - 1)];
        Decoder decoder = new Decoder();
        DetailPrinter details = new DetailPrinter(DetailPrinter.Format.TEXT, true, true, null, false, ZoneOffset.UTC, MacNames::none);
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), MacNames::none, decoder);
        Frame frame = new Frame();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 4 && in.remainingBytes() > 0; i++) {
            byte[] bytes = in.consumeBytes(in.consumeInt(0, 4096));
            int original = bytes.length + in.consumeInt(0, 64);
            frame.set(i, 1_700_000_000L + i, in.consumeInt(0, 999_999_999), 9, link, 0,
                    MemorySegment.ofArray(bytes), 0, bytes.length, original);
            decoder.decode(frame);
            sb.setLength(0);
            list.appendLine(decoder, sb);
            sb.setLength(0);
            details.appendFrame(sb, decoder, null, -1);
        }
    }

    /**
     * The TCP analyzer and the IP reassembler fed sequences of IPv4 segments between a few
     * endpoints, with chosen flags, numbers, windows, options, fragment offsets and payloads.
     */
    @FuzzTest
    void tcpSequence(FuzzedDataProvider in) {
        Decoder decoder = new Decoder();
        Frame frame = new Frame();
        long time = 1_700_000_000_000_000_000L;
        for (int i = 1; i <= 64 && in.remainingBytes() > 8; i++) {
            int payload = in.consumeInt(0, 64);
            int options = 4 * in.consumeInt(0, 10);
            byte[] p = new byte[14 + 20 + 20 + options + payload];
            p[12] = 0x08;
            int ip = 14;
            p[ip] = 0x45;
            int total = p.length - 14;
            p[ip + 2] = (byte) (total >> 8);
            p[ip + 3] = (byte) total;
            boolean fragment = in.consumeInt(0, 15) == 0;
            if (fragment) {
                int off = in.consumeInt(0, 0x3fff);
                p[ip + 6] = (byte) (off >> 8);
                p[ip + 7] = (byte) off;
            }
            p[ip + 8] = 64;
            p[ip + 9] = 6;
            boolean reverse = in.consumeBoolean();
            int host = in.consumeInt(0, 3);
            p[ip + (reverse ? 16 : 12)] = 10;
            p[ip + (reverse ? 19 : 15)] = (byte) (1 + host);
            p[ip + (reverse ? 12 : 16)] = 10;
            p[ip + (reverse ? 15 : 19)] = 100;
            int tcp = ip + 20;
            int port = 40000 + in.consumeInt(0, 3);
            int a = reverse ? 80 : port;
            int b = reverse ? port : 80;
            p[tcp] = (byte) (a >> 8);
            p[tcp + 1] = (byte) a;
            p[tcp + 2] = (byte) (b >> 8);
            p[tcp + 3] = (byte) b;
            int seq = in.consumeInt();
            int ack = in.consumeInt();
            for (int k = 0; k < 4; k++) {
                p[tcp + 4 + k] = (byte) (seq >>> (24 - 8 * k));
                p[tcp + 8 + k] = (byte) (ack >>> (24 - 8 * k));
            }
            p[tcp + 12] = (byte) (((20 + options) / 4) << 4);
            p[tcp + 13] = in.consumeByte();
            short win = in.consumeShort();
            p[tcp + 14] = (byte) (win >> 8);
            p[tcp + 15] = (byte) win;
            byte[] opt = in.consumeBytes(options);
            System.arraycopy(opt, 0, p, tcp + 20, opt.length);
            time += in.consumeLong(0, 2_000_000_000L);
            frame.set(i, Math.floorDiv(time, 1_000_000_000L), (int) Math.floorMod(time, 1_000_000_000L), 9, 1, 0,
                    MemorySegment.ofArray(p), 0, p.length, p.length);
            decoder.decode(frame);
        }
    }

    /** Server ports of the protocols above TCP and UDP, so their dissectors get the payloads. */
    private static final int[] APP_PORTS = {80, 443, 53, 22, 25, 21, 8080, 5353, 5355, 587, 3128, 20, 1900, 513, 23, 514, 6667, 7000, 110, 502, 389, 143, 44818, 102, 3389, 67, 445, 139,
        6379, 5432, 3306, 179, 111, 2049, 135, 5060};

    /**
     * The dissectors above TCP and UDP (proto/): one conversation of up to 32 segments or
     * datagrams whose payloads the fuzzer chooses, on a port it picks from {@link #APP_PORTS},
     * mostly in sequence with some gaps, overlaps and retransmissions; every frame desegmented,
     * dissected, listed and printed as a details tree with hex dumps (two passes' worth of state).
     */
    /**
     * A JSON body as HTTP hands it on: the Info text and the tree (the parser is tvbparse's, whose
     * recursion limit bounds the nesting), and the same answer twice.
     */
    @FuzzTest
    void jsonBody(byte[] data) {
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(data);
        dev.tcpscope.proto.json.Json json = dev.tcpscope.proto.json.Json.DISSECTOR;
        String info = json.info("application/json", s, 0, data.length);
        dev.tcpscope.proto.Collected tree = new dev.tcpscope.proto.Collected();
        assertThat(json.tree(tree, "application/json", s, 0, data.length, p -> { })).isTrue();
        assertThat(json.info("application/json", s, 0, data.length)).isEqualTo(info);
    }

    /**
     * An XML body as HTTP hands it on: its token scanner and the walk that builds the tree (a
     * stack, bounded by proto.c's 500-level limit), with a tree and with none, and the same
     * answer twice.
     */
    @FuzzTest
    void xmlBody(byte[] data) {
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(data);
        dev.tcpscope.proto.xml.Xml xml = dev.tcpscope.proto.xml.Xml.DISSECTOR;
        String info = xml.info("text/xml", s, 0, data.length);
        xml.tree(new dev.tcpscope.proto.Collected(), "text/xml", s, 0, data.length, p -> { });
        xml.tree(dev.tcpscope.proto.Tree.NOTHING, "text/xml", s, 0, data.length, p -> { });
        assertThat(xml.info("text/xml", s, 0, data.length)).isEqualTo(info);
    }

    /**
     * The image dissectors HTTP hands bodies to (GIF, PNG, JPEG): whatever the bytes, a walk ends
     * normally or where it read past them, with a tree and without one, and never throws. The
     * first byte picks the dissector; a JPEG or PNG signature is put in front half the time so
     * that the walks get past the check.
     */
    @FuzzTest
    void imageBody(byte[] data) {
        if (data.length < 2) {
            return;
        }
        dev.tcpscope.proto.Media.Dissector[] all = {dev.tcpscope.proto.gif.Gif.DISSECTOR,
            dev.tcpscope.proto.png.Png.DISSECTOR, dev.tcpscope.proto.jfif.Jfif.DISSECTOR};
        dev.tcpscope.proto.Media.Dissector d = all[(data[0] & 0xff) % all.length];
        byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
        if ((data[0] & 0x80) != 0 && d == dev.tcpscope.proto.jfif.Jfif.DISSECTOR && body.length >= 11) {
            byte[] head = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0, 0, 'E', 'x', 'i', 'f', 0};
            System.arraycopy(head, 0, body, 0, 4);
            System.arraycopy(head, 6, body, 6, 5);
        }
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(body);
        if (!d.accepts(s, 0, body.length)) {
            return;
        }
        d.info("image/x", s, 0, body.length);
        d.tree(new dev.tcpscope.proto.Collected(), "image/x", s, 0, body.length, p -> { });
        d.stopsShort("image/x", s, 0, body.length, false);
        d.stopsShort("image/x", s, 0, body.length, true);
    }

    /**
     * A DER certificate as TLS hands it to proto/x509 (and the same bytes as a CertificateRequest's
     * Distinguished Name): a tree or a malformed result, never an exception, and the same result
     * with a tree and without one.
     */
    @FuzzTest
    void x509Certificate(byte[] data) {
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(data);
        dev.tcpscope.proto.x509.X509.SctList sct = (m, a, e, t) -> { };
        dev.tcpscope.proto.x509.X509.Result r = dev.tcpscope.proto.x509.X509.certificate(s, 0, data.length,
                new dev.tcpscope.proto.Collected(), p -> { }, sct);
        assertThat(dev.tcpscope.proto.x509.X509.certificate(s, 0, data.length, dev.tcpscope.proto.Tree.NOTHING, p -> { }, sct)).isEqualTo(r);
        dev.tcpscope.proto.x509.X509.distinguishedName(s, 0, data.length, new dev.tcpscope.proto.Collected(), p -> { });
    }

    /** An Upgrade: websocket request, or its 101 answer (accepting permessage-deflate when {@code deflate}). */
    /**
     * A request's Authorization or an answer's WWW-Authenticate header carrying "NTLMSSP\0", a
     * message type from the second byte and the rest of {@code bytes} in base64.
     */
    private static byte[] ntlmHeader(boolean request, byte[] bytes) {
        byte[] blob = new byte[12 + bytes.length - 2];
        System.arraycopy("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, blob, 0, 8);
        blob[8] = (byte) (1 + Math.floorMod(bytes[1], 3));
        System.arraycopy(bytes, 2, blob, 12, bytes.length - 2);
        String b64 = java.util.Base64.getEncoder().encodeToString(blob);
        String head = request ? "GET / HTTP/1.1\r\nAuthorization: NTLM " : "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nWWW-Authenticate: NTLM ";
        return (head + b64 + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] websocketHandshake(boolean answer, boolean deflate) {
        String ext = deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "";
        String m = answer
                ? "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + ext + "\r\n"
                : "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + ext + "\r\n";
        return m.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @FuzzTest
    void appPayload(FuzzedDataProvider in) throws IOException {
        Decoder decoder = new Decoder().payloads(dev.tcpscope.proto.Protocols.table());
        DetailPrinter details = new DetailPrinter(DetailPrinter.Format.TEXT, true, true, null, false, ZoneOffset.UTC, MacNames::none);
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), MacNames::none, decoder);
        boolean udp = in.consumeInt(0, 3) == 0;
        int server = APP_PORTS[in.consumeInt(0, APP_PORTS.length - 1)];
        long[] next = {1000, 5000};
        // a third of the HTTP conversations start with an upgrade to WebSocket (some with
        // permessage-deflate), so that the fuzzer's bytes after it are WebSocket frames, and a
        // third with HTTP/2's connection preface, so that they are HTTP/2 frames
        int mode = !udp && server == 80 ? in.consumeInt(0, 2) : 0;
        boolean upgraded = mode == 1;
        boolean http2 = mode == 2;
        boolean deflate = upgraded && in.consumeBoolean();
        Frame frame = new Frame();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 32 && in.remainingBytes() > 4; i++) {
            boolean handshake = upgraded && i <= 2;
            int side = handshake ? i - 1 : http2 && i == 1 ? 0 : in.consumeBoolean() ? 1 : 0;
            int jump = !handshake && in.consumeInt(0, 7) == 0 ? in.consumeInt(-3000, 3000) : 0;
            byte[] payload = handshake ? websocketHandshake(i == 2, deflate) : in.consumeBytes(in.consumeInt(0, 1460));
            if (http2 && i == 1) {
                byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] joined = java.util.Arrays.copyOf(preface, preface.length + payload.length);
                System.arraycopy(payload, 0, joined, preface.length, payload.length);
                payload = joined;
            }
            if (!udp && server == 80 && mode == 0 && payload.length > 1 && payload[0] == 'N') {
                // an NTLMSSP message in an auth header: the fuzzer's bytes after the signature
                payload = ntlmHeader(side == 0, payload);
            }
            int l4 = udp ? 8 : 20;
            byte[] p = new byte[14 + 20 + l4 + payload.length];
            p[12] = 0x08;
            int ip = 14;
            p[ip] = 0x45;
            int total = p.length - 14;
            p[ip + 2] = (byte) (total >> 8);
            p[ip + 3] = (byte) total;
            p[ip + 8] = 64;
            p[ip + 9] = (byte) (udp ? 17 : 6);
            p[ip + 12] = 10;
            p[ip + 15] = (byte) (side == 0 ? 1 : 2);
            p[ip + 16] = 10;
            p[ip + 19] = (byte) (side == 0 ? 2 : 1);
            int t = ip + 20;
            int a = side == 0 ? 40000 : server;
            int b = side == 0 ? server : 40000;
            p[t] = (byte) (a >> 8);
            p[t + 1] = (byte) a;
            p[t + 2] = (byte) (b >> 8);
            p[t + 3] = (byte) b;
            if (udp) {
                p[t + 4] = (byte) ((8 + payload.length) >> 8);
                p[t + 5] = (byte) (8 + payload.length);
            } else {
                long seq = next[side] + jump;
                long ack = next[1 - side];
                for (int k = 0; k < 4; k++) {
                    p[t + 4 + k] = (byte) (seq >>> (24 - 8 * k));
                    p[t + 8 + k] = (byte) (ack >>> (24 - 8 * k));
                }
                p[t + 12] = 0x50;
                p[t + 13] = (byte) (0x18 | (in.consumeInt(0, 15) == 0 ? 0x01 : 0));
                p[t + 14] = (byte) 0xff;
                next[side] = seq + payload.length;
            }
            System.arraycopy(payload, 0, p, t + l4, payload.length);
            frame.set(i, 1_700_000_000L + i, 0, 9, 1, 0, MemorySegment.ofArray(p), 0, p.length, p.length);
            decoder.decode(frame);
            sb.setLength(0);
            list.appendLine(decoder, sb);
            sb.setLength(0);
            details.appendFrame(sb, decoder, null, -1);
        }
    }

    /** The display-filter lexer, parser, checker, compiler and regex engine, tested on frames. */
    @FuzzTest
    void displayFilter(String text) throws IOException {
        if (text == null) {
            return;
        }
        DisplayFilter f;
        try {
            f = DisplayFilter.compile(text, TABLE);
        } catch (FilterSyntaxException e) {
            e.render(text);
            return;
        }
        try (CaptureReader reader = Captures.open("captures/learn_tcp.pcapng")) {
            Frame frame = new Frame();
            Decoder d = new Decoder();
            while (reader.next(frame)) {
                d.decode(frame);
                f.test(d);
            }
        }
    }

    /** The colorfilters parser, every rule's filter compiled. */
    @FuzzTest
    void colorFilters(String text) throws IOException {
        if (text == null) {
            return;
        }
        try {
            ColorFilters.parse(new StringReader(text), "fuzz");
        } catch (ColorFilters.BadFile e) {
            // named: file, line and reason
        }
    }

    /** Output that keeps nothing: the targets check behaviour, not text. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) { }

        @Override
        public void write(byte[] b, int off, int len) { }
    }
}
