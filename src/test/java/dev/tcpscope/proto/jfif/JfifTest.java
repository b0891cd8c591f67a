package dev.tcpscope.proto.jfif;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What file-jpeg.c takes as a JPEG, and where its walk stops with and without a tree; the
 * trees themselves are checked against tshark by the HTTP goldens (captures/synth-http-media.pcap).
 */
class JfifTest {
    private static final byte[] JFIF_APP0 = {(byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0, 100, 0, 100, 0, 0};

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static boolean accepts(byte[] body) {
        return Jfif.DISSECTOR.accepts(MemorySegment.ofArray(body), 0, body.length);
    }

    private static boolean tree(Tree root, byte[] body) {
        return Jfif.DISSECTOR.tree(root, "image/jpeg", MemorySegment.ofArray(body), 0, body.length, p -> { });
    }

    private static boolean listStopsShort(byte[] body) {
        return Jfif.DISSECTOR.stopsShort("image/jpeg", MemorySegment.ofArray(body), 0, body.length, false);
    }

    @Test
    void aJpegIsTwentyBytesOrMoreStartingWithSoiAndAJfifOrExifIdentifier() {
        byte[] twenty = cat(b(0xff, 0xd8), JFIF_APP0);
        assertThat(twenty).hasSize(20);
        assertThat(accepts(twenty)).isTrue();
        assertThat(accepts(java.util.Arrays.copyOf(twenty, 19))).isFalse();
        byte[] exif = twenty.clone();
        System.arraycopy(b('E', 'x', 'i', 'f'), 0, exif, 6, 4);
        assertThat(accepts(exif)).isTrue();
        byte[] noNul = twenty.clone();
        noNul[10] = 'X';
        assertThat(accepts(noNul)).isFalse();
        byte[] noSoi = twenty.clone();
        noSoi[1] = (byte) 0xd9;
        assertThat(accepts(noSoi)).isFalse();
    }

    @Test
    void aSegmentShorterThanItsLengthFieldStopsOnlyTheTreesWalk() {
        // DQT with length 1: the Length item does not fit in its 3 bytes; without a tree
        // file-jpeg.c never adds it, so the packet list shows no malformed packet
        byte[] body = cat(b(0xff, 0xd8), JFIF_APP0, b(0xff, 0xdb, 0, 1, 0, 0, 0, 0), b(0xff, 0xd9));
        assertThat(tree(new Collected(), body)).isFalse();
        assertThat(listStopsShort(body)).isFalse();
    }

    @Test
    void anApp1SegmentIsReadEvenWithoutATree() {
        byte[] body = cat(b(0xff, 0xd8), JFIF_APP0, b(0xff, 0xe1, 0, 10), "ExifExif".getBytes(), b(0xff, 0xd9));
        assertThat(tree(new Collected(), body)).isFalse();
        assertThat(listStopsShort(body)).isTrue(); // the identifier has no NUL before the segment ends
    }

    /** A little-endian TIFF entry. */
    private static byte[] entry(int tag, int type, int count, int value) {
        return b(tag, tag >> 8, type, 0, count, count >> 8, 0, 0, value, value >> 8, value >> 16, value >>> 24);
    }

    private static byte[] app1(byte[] tiff) {
        int n = tiff.length + 8;
        return cat(b(0xff, 0xe1, n >> 8, n & 0xff), "Exif".getBytes(), b(0, 0), tiff);
    }

    @Test
    void theFirstDirectoryLeadsToTheExifAndGpsDirectories() {
        int exif = 8 + 2 + 3 * 12 + 4, gps = exif + 2 + 12 + 4, rational = gps + 2 + 12 + 4;
        byte[] tiff = cat(b('I', 'I', 42, 0, 8, 0, 0, 0), b(3, 0), entry(0x8769, 4, 1, exif), entry(0x8825, 4, 1, gps),
                entry(0x011a, 5, 1, rational), b(0, 0, 0, 0),
                b(1, 0), entry(0x9000, 7, 4, 0x30333230), b(0, 0, 0, 0),
                b(1, 0), entry(0x0005, 1, 1, 0), b(0, 0, 0, 0),
                b(72, 0, 0, 0, 1, 0, 0, 0));
        byte[] body = cat(b(0xff, 0xd8), app1(tiff), b(0xff, 0xd9));
        Collected c = new Collected();
        assertThat(tree(c, body)).isTrue();
        assertThat(c.has("image-jfif.ifd.tag_exif")).isTrue();
        assertThat(c.has("image-jfif.ifd.tag_gps")).isTrue();
        assertThat(c.has("image-jfif.ifd.value_rational.denominator")).isTrue();
        assertThat(c.has("image-jfif.app0-identifier-not-jfif")).isTrue(); // Exif came before any JFIF segment
        assertThat(listStopsShort(body)).isFalse();
    }

    @Test
    void directoriesPointingAtOneDirectoryThousandsOfTimesStopAtTheTreeLimit() {
        int n = 2000;
        int exif = 8 + 2 + n * 12 + 4;
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(b('I', 'I', 42, 0, 8, 0, 0, 0, n & 0xff, n >> 8));
        for (int i = 0; i < n; i++) {
            t.writeBytes(entry(0x8769, 4, 1, exif));
        }
        t.writeBytes(b(0, 0, 0, 0, n & 0xff, n >> 8));
        for (int i = 0; i < n; i++) {
            t.writeBytes(entry(0x9000, 3, 2, 0x00010002));
        }
        t.writeBytes(b(0, 0, 0, 0));
        byte[] body = cat(b(0xff, 0xd8), app1(t.toByteArray()), b(0xff, 0xd9));
        assertThat(tree(Tree.NOTHING, body)).isFalse(); // 2000 x 2000 entries: past a million items
        assertThat(listStopsShort(body)).isFalse(); // without a tree there is no limit, and nothing is cut
    }

    @Test
    void theListMarksATreeOnlyOverrunOnlyWhenATreeIsBuilt() {
        // frame 352 of synth-http-media.pcap: a DQT segment of length 1 (MediaScenarios "/length-one.jpg")
        String capture = "captures/synth-http-media.pcap";
        dev.tcpscope.cli.CliRun plain = dev.tcpscope.cli.CliRun.of("read", capture);
        assertThat(plain.out().lines().skip(351).findFirst().orElseThrow()).endsWith("HTTP/1.1 200 OK  (JPEG JFIF image)");
        dev.tcpscope.cli.CliRun filtered = dev.tcpscope.cli.CliRun.of("read", capture, "-Y", "frame.number == 352");
        assertThat(filtered.out().strip()).endsWith("HTTP/1.1 200 OK  (JPEG JFIF image)[Malformed Packet]");
    }
}
