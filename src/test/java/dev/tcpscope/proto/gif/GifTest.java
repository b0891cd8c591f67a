package dev.tcpscope.proto.gif;

import dev.tcpscope.proto.Tree;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GIFs that the repository's captures do not carry (their goldens check GIF89a from real
 * servers): GIF87a, local color tables, an unknown extension, a long data block, a pixel aspect
 * ratio, and GIFs cut short or too short to be taken.
 */
class GifTest {
    @Test
    void gif87aWithLocalColorTableAndAnUnknownExtension() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("GIF87a".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {2, 0, 1, 0, (byte) 0x80, 0, 0}); // 2 x 1, global table of 2 colors
        b.writeBytes(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        b.writeBytes(new byte[] {0x21, 0x05, 2, 7, 8, 0}); // unknown extension, one sub-block
        b.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, 2, 0, 1, 0, (byte) 0x81}); // local table of 4 colors
        b.writeBytes(new byte[12]);
        b.writeBytes(new byte[] {2, 1, 0x44, 0, 0x3b});
        List<String> t = tree(b.toByteArray());
        assertThat(t).startsWith("Compuserve GIF, Version: GIF87a", "  Version: GIF87a", "  Screen width: 2", "  Screen height: 1",
                "  Global settings: (Global color table present) (1 bit per color) (1 bit per pixel)",
                "    1... .... = Global color map is present: True (1)", "    .000 .... = Bits per color minus 1: 0",
                "    .... .000 = Image bits per pixel minus 1: 0", "  Background color index: 0",
                "  Global color map: 000000ffffff", "  Extension: <Warning: Unknown extension 0x05>",
                "    Extension label: Unknown (0x05)", "    Data block: 0708 (length = 2)", "    Data block: <none> (length = 0)",
                "  Image");
        assertThat(t).contains("    Local settings: (Local color table present) (1 bit per color) (2 bits per pixel)",
                "      .... .001 = Image bits per pixel minus 1: 1", "    Local color map: 000000000000000000000000",
                "    LZW minimum code size: 2", "    Data block: 44 (length = 1)");
        assertThat(t).doesNotContain("    .... 0... = Global color map is ordered: False (0)"); // a GIF89a field
        assertThat(t.getLast()).isEqualTo("  Trailer (End of the GIF stream)");
        assertThat(Gif.DISSECTOR.info("image/gif", MemorySegment.ofArray(b.toByteArray()), 0, b.size())).isEqualTo(" (GIF87a)");
    }

    @Test
    void aspectRatioAndALongDataBlock() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {1, 0, 1, 0, 0x08, 0, 49}); // no global table, ordered, aspect 49
        b.writeBytes(new byte[] {0x21, (byte) 0xfe, 40});
        b.writeBytes(new byte[40]);
        b.writeBytes(new byte[] {0});
        List<String> t = tree(b.toByteArray());
        assertThat(t).contains("    .... 1... = Global color map is ordered: True (1)",
                "  Global pixel aspect ratio: 49, yields an aspect ratio of (15 + 49) / 64 = 1.00",
                "  Extension: Comment", "    Extension label: Comment (0xfe)",
                "    Data block: " + "00".repeat(36) + "\u2026 (length = 40)");
        assertThat(t.getLast()).isEqualTo("    Data block: <none> (length = 0)"); // the bytes end: no trailer
    }

    @Test
    void aGifCutShortEndsItsTreeThere() {
        byte[] gif = new byte[24];
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, gif, 0, 6);
        gif[10] = (byte) 0x87; // a global table of 256 colors: 768 bytes that are not there
        List<String> t = tree(gif);
        assertThat(t.getLast()).isEqualTo("  Background color index: 0");
    }

    @Test
    void onlyTwentyBytesWithTheSignatureAreAGif() {
        byte[] short19 = new byte[19];
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, short19, 0, 6);
        assertThat(Gif.DISSECTOR.accepts(MemorySegment.ofArray(short19), 0, 19)).isFalse();
        byte[] other = new byte[30];
        System.arraycopy("GIF88a".getBytes(StandardCharsets.US_ASCII), 0, other, 0, 6);
        assertThat(Gif.DISSECTOR.accepts(MemorySegment.ofArray(other), 0, 30)).isFalse();
        byte[] gif = java.util.Arrays.copyOf(short19, 20);
        assertThat(Gif.DISSECTOR.accepts(MemorySegment.ofArray(gif), 0, 20)).isTrue();
    }

    private static List<String> tree(byte[] gif) {
        Labels root = new Labels(new ArrayList<>(), -1);
        Gif.DISSECTOR.tree(root, "image/gif", MemorySegment.ofArray(gif), 0, gif.length, p -> { });
        return root.lines;
    }

    /** A tree that keeps each item's label, indented two spaces a level, in order. */
    private static final class Labels implements Tree {
        final List<String> lines;
        final int depth;
        int index = -1;

        Labels(List<String> lines, int depth) {
            this.lines = lines;
            this.depth = depth;
        }

        private Labels add(String label) {
            Labels child = new Labels(lines, depth + 1);
            child.index = lines.size();
            lines.add("  ".repeat(depth + 1) + label);
            return child;
        }

        @Override public Tree protocol(String key, String label) { return add(label); }
        @Override public Tree field(String key, String label, String value) { return add(label); }
        @Override public Tree none(String key, String label) { return add(label); }
        @Override public Tree text(String label) { return add(label); }
        @Override public Tree hidden(String key, String value) { return new Labels(new ArrayList<>(), depth + 1); }
        @Override public Tree relabel(String label) {
            lines.set(index, "  ".repeat(depth) + label);
            return this;
        }
        @Override public Tree generated() { return this; }
        @Override public Tree hide() { return this; }
        @Override public Tree line(String key, String rawText, String value) { return add(rawText); }
        @Override public Tree string(String key, String name, String value) { return add(name + ": " + value); }
        @Override public Tree bytes(String key, String name, MemorySegment s, long off, int len) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < len; i++) {
                hex.append(String.format("%02x", s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + i)));
            }
            return add(name + ": " + hex);
        }
        @Override public Tree dump(MemorySegment s, long off, int len) { return this; }
        @Override public Tree expert(String key, Severity severity, Group group, String message) { return this; }
    }
}
