package dev.tcpscope.proto.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body decoding rules taken from epan/tvbuff_zlib.c and packet-http.c, on bytes made here:
 * every format tvb_uncompress accepts, what it keeps of a broken stream, and strtol's reading of
 * chunk sizes. Malformed input is data: nothing here may throw.
 */
class HttpBodyTest {
    private static final byte[] TEXT = "tcpscope reads HTTP bodies as tshark does. ".repeat(40).getBytes(StandardCharsets.US_ASCII);

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] b, boolean raw) {
        Deflater d = new Deflater(9, raw);
        d.setInput(b);
        d.finish();
        byte[] out = new byte[b.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void gzipZlibAndRawDeflateAllDecode() throws IOException {
        assertThat(dev.tcpscope.wire.Zlib.uncompress(gzip(TEXT))).isEqualTo(TEXT);
        assertThat(dev.tcpscope.wire.Zlib.uncompress(deflate(TEXT, false))).isEqualTo(TEXT);
        assertThat(dev.tcpscope.wire.Zlib.uncompress(deflate(TEXT, true))).isEqualTo(TEXT);
    }

    @Test
    void aTruncatedStreamKeepsWhatCameOutAndGarbageGivesNothing() throws IOException {
        byte[] z = gzip(TEXT);
        byte[] half = dev.tcpscope.wire.Zlib.uncompress(Arrays.copyOf(z, z.length / 2));
        assertThat(half).isNotNull();
        assertThat(TEXT).startsWith(half);
        assertThat(dev.tcpscope.wire.Zlib.uncompress(new byte[] {0x1f, (byte) 0x8b, 8})).isNull(); // a gzip header cut short
        assertThat(dev.tcpscope.wire.Zlib.uncompress(new byte[0])).isNull();
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (i % 3 == 0 && b.length > 2) {
                b[0] = 0x1f;
                b[1] = (byte) 0x8b;
            }
            dev.tcpscope.wire.Zlib.uncompress(b); // any result, no exception
        }
    }

    @Test
    void chunkSizesReadAsStrtolReadsThem() {
        assertThat(HttpBody.strtolHex("1a")).isEqualTo(26);
        assertThat(HttpBody.strtolHex("  0x10;ext=1")).isEqualTo(16);
        assertThat(HttpBody.strtolHex("zz")).isZero(); // not hex: 0, the last chunk
        assertThat(HttpBody.strtolHex("-5")).isEqualTo(-5);
        assertThat(HttpBody.strtolHex("ffffffffffffffffff")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void fileDataIsACStringWithReplacementCharacters() {
        assertThat(HttpTree.fileDataText(new byte[] {'a', (byte) 0xe9, 'b', 0, 'c'})).isEqualTo("a\ufffdb");
    }

    /** A 52-byte Brotli stream nginx sent (scapy's http_compressed-brotli.pcap) for 66 bytes of text. */
    private static final byte[] BROTLI = java.util.HexFormat.of().parseHex(
            "1f4100e0c56dec7756f7b58b1c521048e09003f66f9730d04024b8019bdba0f45c924cc46f8958f74bf74b6f8c2e2c2864061d03");

    @Test
    void brotliIsWholeOrNothingUnlessTheInputRanOut() {
        byte[] whole = HttpBody.brotli(BROTLI);
        assertThat(whole).hasSize(66);
        assertThat(HttpBody.brotli(new byte[0])).isNull();
        byte[] trailing = Arrays.copyOf(BROTLI, BROTLI.length + 3);
        assertThat(HttpBody.brotli(trailing)).isNull(); // bytes after the stream's end: a failure, as in tshark
        byte[] corrupt = BROTLI.clone();
        Arrays.fill(corrupt, 20, 24, (byte) 0xff);
        assertThat(HttpBody.brotli(corrupt)).isNull();
        byte[] cut = HttpBody.brotli(Arrays.copyOf(BROTLI, 2));
        assertThat(cut).isNull(); // the input ran out before any output
    }
}
