package dev.tcpscope.proto.http2;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 is what tshark 4.0.17 prints (goldens by scripts/make-http2-goldens.sh: the packet list
 * of every frame and, for the HTTP/2 frames and port 80's segments, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields, -q -z expert and -q -z http2,tree) on the crafted captures/synth-http2.pcap
 * (synth.Http2Scenarios) and Arkime's nghttp2 capture; HPACK decodes RFC 7541's examples;
 * mutated frames never end a dissection, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class Http2Test {
    private static final Path DIR = Path.of("src/test/resources/golden/http2");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"},
        {".http2tree.txt", "-q -z http2,tree"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "http2 || tcp.port == 80", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(2 * 9);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void http2IsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static String fields(Hpack.Block b) {
        StringBuilder sb = new StringBuilder();
        for (Hpack.Header h : b.headers) {
            sb.append(h.type() == Hpack.SIZE_UPDATE ? "size=" + h.tableSize()
                    : new String(h.name(), java.nio.charset.StandardCharsets.ISO_8859_1) + ": "
                    + new String(h.value(), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
        }
        return sb.toString();
    }

    /** RFC 7541 C.4: three requests with Huffman coding, the dynamic table carrying fields from one to the next. */
    @Test
    void hpackDecodesTheRfcExamples() {
        Hpack.Inflater in = new Hpack.Inflater();
        assertThat(fields(in.inflate(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"), true)))
                .isEqualTo(":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com\n");
        assertThat(fields(in.inflate(hex("8286 84be 5886 a8eb 1064 9cbf"), true)))
                .isEqualTo(":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com\ncache-control: no-cache\n");
        assertThat(fields(in.inflate(hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"), true)))
                .isEqualTo(":method: GET\n:scheme: https\n:path: /index.html\n:authority: www.example.com\ncustom-key: custom-value\n");
    }

    /** A field cut between two fragments (HEADERS, then CONTINUATION) is emitted once, from the bytes of the second. */
    @Test
    void aFieldSplitAcrossFragmentsIsDecodedOnce() {
        Hpack.Inflater in = new Hpack.Inflater();
        byte[] block = hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff");
        Hpack.Block first = in.inflate(java.util.Arrays.copyOfRange(block, 0, 6), false);
        Hpack.Block second = in.inflate(java.util.Arrays.copyOfRange(block, 6, block.length), true);
        assertThat(fields(first)).isEqualTo(":method: GET\n:scheme: http\n:path: /\n");
        assertThat(fields(second)).isEqualTo(":authority: www.example.com\n");
        assertThat(second.headers.get(0).length()).isEqualTo(block.length - 6);
    }

    /** A bad Huffman string (EOS inside it) stops the direction for good; the headers before it stay. */
    @Test
    void aBadHuffmanStringStopsTheInflater() {
        Hpack.Inflater in = new Hpack.Inflater();
        Hpack.Block b = in.inflate(hex("82 4184 ffff ffff"), true);
        assertThat(fields(b)).isEqualTo(":method: GET\n");
        assertThat(in.inflate(hex("82"), true).headers).isEmpty();
    }

    /** The preface on port 80: HTTP hands the conversation to HTTP/2, whose first call cannot ask TCP for more bytes. */
    @Test
    void thePrefaceHandsAnHttpConnectionToHttp2() {
        String out = CliRun.of("read", "captures/synth-http2.pcap", "-Y", "tcp.srcport == 44003 && tcp.len > 0", "-T", "fields",
                "-e", "frame.protocols", "-e", "_ws.col.Info").out();
        assertThat(out.lines().toList()).startsWith("eth:ethertype:ip:tcp:http:http2\tMagic, SETTINGS[0], HEADERS[1][BoundErrorUnreassembled Packet]");
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >> 16), (byte) (stream >> 8), (byte) stream});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** 20,000 mutations of frames of every type, some cut: no exception, bounded time. */
    @Test
    void mutatedFramesNeverThrow() {
        byte[][] seeds = {
            frame(1, 0x2d, 1, hex("03 80000003 0f 8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff 000000")),
            frame(0, 0x09, 1, hex("02 68656c6c6f 0000")), frame(0, 0x00, 3, hex("1f8b0800000000000003")),
            frame(4, 0, 0, hex("000100000100 000300000064")), frame(4, 1, 0, new byte[0]),
            frame(5, 0x0c, 1, hex("01 00000002 8286 84 00")), frame(9, 0x0c, 1, hex("01 be 00")),
            frame(7, 0, 0, hex("00000003 00000001 6465627567")), frame(6, 1, 0, hex("0102030405060708")),
            frame(3, 0, 1, hex("00000008")), frame(8, 0, 0, hex("00001000")), frame(2, 0, 5, hex("80000003 0f")),
            frame(10, 0, 0, hex("0003 616263 6832")), frame(0xff, 0xff, 7, hex("0102"))};
        Random r = new Random(2);
        Http2 h = (Http2) Protocols.table().byName("http2");
        Object session = h.newSession();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = seeds[r.nextInt(seeds.length)].clone();
            int edits = r.nextInt(5);
            for (int e = 0; e < edits; e++) {
                m[r.nextInt(m.length)] = (byte) (r.nextInt(3) == 0 ? 0xff : r.nextInt(256));
            }
            int len = r.nextInt(4) == 0 ? r.nextInt(m.length + 1) : m.length;
            PduContext ctx = new PduContext();
            ctx.session = session;
            ctx.frame = i + 1;
            ctx.columns = new AppColumns();
            ctx.forward = r.nextBoolean();
            ctx.canDesegment = r.nextBoolean();
            h.dissect(MemorySegment.ofArray(m), 0, len, ctx);
            h.tree(ctx.frame, new Collected(), x -> { });
            h.sources(ctx.frame, (n, b) -> { });
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 20,000 frames").isLessThan(60);
    }
}
