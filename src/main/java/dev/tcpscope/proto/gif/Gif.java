package dev.tcpscope.proto.gif;

import dev.tcpscope.field.FieldText;
import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Compuserve GIF images (GIF87a and GIF89a, as the W3C's two specifications define them) as
 * Wireshark 4.0's {@code file-gif.c} shows them: the media type {@code image/gif} and the "http"
 * heuristic {@code gif_http}. Info gets the version, " (GIF89a)"; the tree shows the logical
 * screen, the global color map, then each extension and image block with its data sub-blocks,
 * and the trailer. A body under 20 bytes or without the signature is not a GIF.
 *
 * <p>What the tree reads past the end of the bytes (a GIF cut short) ends it there.
 */
public final class Gif implements Media.Dissector {
    /** The one instance, stateless. */
    public static final Gif DISSECTOR = new Gif();

    private static final int MIN_LENGTH = 20;
    private static final int EXTENSION = 0x21, IMAGE = 0x2c;

    private Gif() { }

    @Override
    public String name() { return "image-gif"; }

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        return version(s, off, len) != null;
    }

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        return " (" + version(s, off, len) + ")";
    }

    /** "GIF87a" or "GIF89a", or null when the bytes are not a GIF the dissector takes. */
    static String version(MemorySegment s, long off, int len) {
        if (len < MIN_LENGTH) {
            return null;
        }
        if (Text.startsWith(s, off, len, "GIF87a")) {
            return "GIF87a";
        }
        return Text.startsWith(s, off, len, "GIF89a") ? "GIF89a" : null;
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len,
                        java.util.function.Consumer<String> protocols) {
        String version = version(s, off, len);
        Tree gif = root.protocol("image-gif", "Compuserve GIF, Version: " + version).at(s, off, len);
        return Media.walk(() -> new Walk(s, off, len, version.equals("GIF89a")).walk(gif, version));
    }

    /** One GIF's bytes, read in order; offsets are from the start of the GIF. */
    private static final class Walk {
        private final MemorySegment s;
        private final long base;
        private final int len;
        private final boolean gif89a;

        Walk(MemorySegment s, long base, int len, boolean gif89a) {
            this.s = s;
            this.base = base;
            this.len = len;
            this.gif89a = gif89a;
        }

        private int u8(int at) {
            if (at >= len) {
                throw new Media.CutShort();
            }
            return Text.u8(s, base + at);
        }

        private int u16le(int at) {
            return u8(at) | u8(at + 1) << 8;
        }

        private void need(int at, int length) {
            if (at + length > len) {
                throw new Media.CutShort();
            }
        }

        private Tree at(Tree t, int at, int length) {
            need(at, length);
            return t.at(s, base + at, length);
        }

        /*
         * walk is cut in four (screen, extension, image): each label's string concatenation is a
         * call site that C1 inlines whole, and the method in one piece took 27 MB to compile with
         * C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
         */
        void walk(Tree gif, String version) {
            int o = screen(gif, version);
            while (o < len) {
                int kind = u8(o);
                if (kind == EXTENSION) {
                    o = extension(gif, o);
                } else if (kind == IMAGE) {
                    o = image(gif, o);
                } else {
                    at(gif.none("image-gif.end", "Trailer (End of the GIF stream)"), o, 1);
                    break;
                }
            }
        }

        /** The version, the logical screen and the global color map; returns the offset after them. */
        private int screen(Tree gif, String version) {
            at(gif.string("image-gif.version", "Version", version), 0, 6);
            int o = 6;
            uint(gif, "image-gif.screen.width", "Screen width", u16le(o), o, 2);
            uint(gif, "image-gif.screen.height", "Screen height", u16le(o + 2), o + 2, 2);
            o += 4;
            int flags = u8(o);
            settings(gif, flags, o, "global");
            o++;
            uint(gif, "image-gif.image_background_index", "Background color index", u8(o), o, 1);
            o++;
            if (gif89a) {
                int ratio = u8(o);
                if (ratio != 0) {
                    at(gif.field("image-gif.global.pixel_aspect_ratio", "Global pixel aspect ratio: " + ratio
                            + ", yields an aspect ratio of (15 + " + ratio + ") / 64 = "
                            + String.format(Locale.ROOT, "%.2f", (float) (15 + ratio) / 64.0), Integer.toString(ratio)), o, 1);
                }
            }
            return colorMap(gif, flags, o + 1, "global");
        }

        /** An extension block at {@code start}; returns the offset after it. */
        private int extension(Tree gif, int start) {
            int o = start;
            Tree ext = at(gif.none("image-gif.extension", "Extension"), o, 1);
            o++;
            int label = u8(o);
            String name = extensionName(label);
            at(ext.field("image-gif.extension.label", "Extension label: "
                    + (name != null ? name : "Unknown") + " (0x" + hex2(label) + ")", "0x" + hex2(label)), o, 1);
            ext.relabel("Extension: " + (name != null ? name : "<Warning: Unknown extension 0x"
                    + hex2(label).toUpperCase(Locale.ROOT) + ">"));
            o = blocks(ext, o + 1);
            ext.length(o - start);
            return o;
        }

        /** An image block at {@code start}; returns the offset after it. */
        private int image(Tree gif, int start) {
            int o = start;
            Tree image = at(gif.none("image-gif.image", "Image"), o, 1);
            o++;
            // one uint call site for the four: C1 inlines each call's string concatenation whole,
            // and four calls took 8.6 MB to compile, near the launcher's 10 MB cap (MemLimit)
            for (int k = 0; k < 4; k++) {
                uint(image, POSITION[k][0], POSITION[k][1], u16le(o + 2 * k), o + 2 * k, 2);
            }
            o += 8;
            int local = u8(o);
            settings(image, local, o, "local");
            o = colorMap(image, local, o + 1, "local");
            uint(image, "image-gif.image.code_size", "LZW minimum code size", u8(o), o, 1);
            o = blocks(image, o + 1);
            image.length(o - start);
            return o;
        }

        /**
         * A settings byte (gccc sppp): its text item and four bit fields. The text counts the bits
         * per color as file-gif.c does, from mask 0x60 (its field uses 0x70).
         */
        private void settings(Tree parent, int flags, int o, String scope) {
            int perColor = 1 + ((flags & 0x60) >> 4);
            int perPixel = 1 + (flags & 0x07);
            String cap = scope.equals("global") ? "Global" : "Local";
            String table = (flags & 0x80) != 0 ? " (" + cap + " color table present)" : "";
            Tree t = at(parent.text(cap + " settings:" + table + " (" + perColor + " bit" + (perColor == 1 ? "" : "s") + " per color) ("
                    + perPixel + " bit" + (perPixel == 1 ? "" : "s") + " per pixel)"), o, 1);
            bit(t, "image-gif." + scope + ".color_map.present", cap + " color map is present", flags, 0x80, o, true);
            bit(t, "image-gif." + scope + ".color_bpp", "Bits per color minus 1", flags, 0x70, o, false);
            if (gif89a) {
                bit(t, "image-gif." + scope + ".color_map.ordered", cap + " color map is ordered", flags, 0x08, o, true);
            }
            // the local settings show the global field here, as file-gif.c adds it
            bit(t, "image-gif.global.bpp", "Image bits per pixel minus 1", flags, 0x07, o, false);
        }

        /** The color map a settings byte announces (3 bytes a color, 2^(bpp + 1) colors); returns the offset after it. */
        private int colorMap(Tree parent, int flags, int o, String scope) {
            if ((flags & 0x80) == 0) {
                return o;
            }
            int n = 3 * (1 << 1 + (flags & 0x07));
            need(o, n);
            parent.bytes("image-gif." + scope + ".color_map", (scope.equals("global") ? "Global" : "Local") + " color map",
                    s, base + o, n);
            return o + n;
        }

        private void bit(Tree t, String key, String name, int flags, int mask, int o, boolean trueFalse) {
            int v = (flags & mask) >>> Integer.numberOfTrailingZeros(mask);
            String value = trueFalse ? (v != 0 ? "True" : "False") + " (" + v + ")" : Integer.toString(v);
            at(t.field(key, Text.bits(flags, mask, 8) + " = " + name + ": " + value, Integer.toString(v)), o, 1);
        }

        /** A sequence of data sub-blocks ending with an empty one; returns the offset after it. */
        private int blocks(Tree parent, int o) {
            int n;
            do {
                n = u8(o);
                need(o + 1, n);
                // FT_UINT_BYTES: the item covers the length byte and the bytes, its value is the bytes
                at(parent.bytes("image-gif.data_block", "Data block", s, base + o + 1, n)
                        .relabel("Data block: " + (n == 0 ? "<none>" : shortHex(o + 1, n)) + " (length = " + n + ")"), o, 1 + n);
                o += 1 + n;
            } while (n > 0);
            return o;
        }

        /** The bytes as a label shows them: hex, at most 36 bytes, then an ellipsis. */
        private String shortHex(int o, int n) {
            StringBuilder sb = new StringBuilder();
            FieldText.hex(sb, s, base + o, Math.min(n, LABEL_BYTES));
            if (n > LABEL_BYTES) {
                sb.append('\u2026');
            }
            return sb.toString();
        }

        private void uint(Tree t, String key, String name, int value, int o, int length) {
            at(t.field(key, name + ": " + value, Integer.toString(value)), o, length);
        }
    }

    /** An image's four 16-bit fields, in order: key and name. */
    private static final String[][] POSITION = {
        {"image-gif.image.left", "Image left position"},
        {"image-gif.image.top", "Image top position"},
        {"image-gif.image.width", "Image width"},
        {"image-gif.image.height", "Image height"},
    };

    /** Bytes an FT_BYTES label shows before its ellipsis. */
    private static final int LABEL_BYTES = 36;

    private static String extensionName(int label) {
        return switch (label) {
            case 0xf9 -> "Graphics Control";
            case 0xfe -> "Comment";
            case 0xff -> "Application";
            case 0x01 -> "Plain Text";
            default -> null;
        };
    }

    private static String hex2(int v) {
        return String.format(Locale.ROOT, "%02x", v);
    }
}
