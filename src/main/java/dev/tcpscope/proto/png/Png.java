package dev.tcpscope.proto.png;

import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;

/**
 * Portable Network Graphics images as Wireshark 4.0's {@code file-png.c} shows them: the media
 * type {@code image/png} and the "http" heuristic {@code png_http}. Info gets " (PNG)"; the tree
 * shows the signature, then each chunk: its length, type and the three flag bits of the type,
 * the fields of IHDR, bKGD, cHRM, gAMA, pHYs, sRGB, tEXt and tIME (the data of any other chunk
 * as one item), and its CRC, which is shown, not checked. A body under 20 bytes or without the
 * signature is not a PNG.
 *
 * <p>What the tree reads past the end of the bytes (a chunk longer than what is there) ends it
 * there: file-png.c's bounds exception, whose "[Malformed Packet]" item tcpscope does not add.
 */
public final class Png implements Media.Dissector {
    /** The one instance, stateless. */
    public static final Png DISSECTOR = new Png();

    private static final int MIN_LENGTH = 20;
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private Png() { }

    @Override
    public String name() { return "png"; }

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        if (len < MIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        return " (PNG)";
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len,
                        java.util.function.Consumer<String> protocols) {
        Tree png = root.protocol("png", "Portable Network Graphics").at(s, off, len);
        return Media.walk(() -> new Walk(s, off, len).walk(png));
    }

    /** One PNG's bytes, read in order; offsets are from the start of the PNG. */
    private static final class Walk {
        private final MemorySegment s;
        private final long base;
        private final int len;
        /** Where reads must end: the body's end, or while a chunk's data is read, the chunk's. */
        private long limit;

        Walk(MemorySegment s, long base, int len) {
            this.s = s;
            this.base = base;
            this.len = len;
            this.limit = len;
        }

        private void need(long at, long length) {
            if (at + length > limit) {
                throw new Media.CutShort();
            }
        }

        private int u8(int at) {
            need(at, 1);
            return Text.u8(s, base + at);
        }

        private int u16(int at) {
            return u8(at) << 8 | u8(at + 1);
        }

        private long u32(int at) {
            need(at, 4);
            return Text.u32(s, base + at);
        }

        private Tree at(Tree t, int at, int length) {
            need(at, length);
            return t.at(s, base + at, length);
        }

        void walk(Tree png) {
            need(0, 8);
            png.bytes("png.signature", "PNG Signature", s, base, 8).at(s, base, 8);
            int o = 8;
            while (o < len) {
                long length = u32(o);
                long typeValue = u32(o + 4);
                String type = Text.ascii(s, base + o + 4, 4);
                // the chunk's item covers its length, type, data and CRC: one longer than what is
                // there is the bounds exception, before the item is added
                need(o, 12 + length);
                Tree chunk = at(png.text(chunkName((int) typeValue) + " (" + type + ")"), o, (int) (12 + length));
                Tree lengthItem = uint(chunk, "png.chunk.len", "Len", length, o, 4);
                o += 4;
                if (length > Integer.MAX_VALUE) {
                    lengthItem.expert("png.chunk_too_large", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                            "chunk size too large, dissection of this chunk is not supported");
                    return;
                }
                at(chunk.string("png.chunk.type", "Chunk", type), o, 4);
                int flags = (int) typeValue;
                flag(chunk, "png.chunk.flag.ancillary", "Ancillary", flags, 0x20000000,
                        "This is an ANCILLARY chunk", "This is a CRITICAL chunk", o);
                flag(chunk, "png.chunk.flag.private", "Private", flags, 0x00200000,
                        "This is a PRIVATE chunk", "This is a PUBLIC chunk", o);
                flag(chunk, "png.chunk.flag.stc", "Safe To Copy", flags, 0x00000020,
                        "This chunk is SAFE TO COPY", "This chunk is NOT safe to copy", o);
                o += 4;
                int n = (int) length;
                limit = o + n; // the chunk's own bytes (tvb_new_subset_length)
                switch (type) {
                    case "IHDR" -> ihdr(chunk, o);
                    case "bKGD" -> bkgd(chunk, o, n);
                    case "cHRM" -> chrm(chunk, o);
                    case "gAMA" -> floatItem(chunk, "png.gama.gamma", "Gamma", o);
                    case "pHYs" -> phys(chunk, o);
                    case "sRGB" -> named(chunk, "png.srgb.intent", "Intent", u8(o), o, 1, INTENTS);
                    case "tEXt" -> text(chunk, o, n);
                    case "tIME" -> time(chunk, o);
                    default -> {
                        if (n > 0) {
                            at(chunk.none("png.chunk.data", "Data"), o, n);
                        }
                    }
                }
                limit = len;
                o += n;
                at(chunk.field("png.chunk.crc", "CRC: 0x" + hex8(u32(o)), "0x" + hex8(u32(o))), o, 4);
                o += 4;
            }
        }

        private void ihdr(Tree t, int o) {
            uint(t, "png.ihdr.width", "Width", u32(o), o, 4);
            uint(t, "png.ihdr.height", "Height", u32(o + 4), o + 4, 4);
            uint(t, "png.ihdr.bitdepth", "Bit Depth", u8(o + 8), o + 8, 1);
            named(t, "png.ihdr.colour_type", "Colour Type", u8(o + 9), o + 9, 1, COLOUR_TYPES);
            named(t, "png.ihdr.compression_method", "Compression Method", u8(o + 10), o + 10, 1, new String[] {"Deflate"});
            named(t, "png.ihdr.filter_method", "Filter Method", u8(o + 11), o + 11, 1, new String[] {"Adaptive"});
            named(t, "png.ihdr.interlace_method", "Interlace Method", u8(o + 12), o + 12, 1,
                    new String[] {"No interlace", "Adam7"});
        }

        /** bKGD by its length: a palette index (1), a grey level (2), or red, green and blue (6). */
        private void bkgd(Tree t, int o, int n) {
            switch (n) {
                case 1 -> uint(t, "png.bkgd.palette_index", "Palette Index", u8(o), o, 1);
                case 2 -> hex16(t, "png.bkgd.greyscale", "Greyscale", o);
                case 6 -> {
                    hex16(t, "png.bkgd.red", "Red", o);
                    hex16(t, "png.bkgd.green", "Green", o + 2);
                    hex16(t, "png.bkgd.blue", "Blue", o + 4);
                }
                default -> { }
            }
        }

        private void chrm(Tree t, int o) {
            String[] names = {"white.x", "White X", "white.y", "White Y", "red.x", "Red X", "red.y", "Red Y",
                "green.x", "Green X", "green.y", "Green Y", "blue.x", "Blue X", "blue.y", "Blue Y"};
            for (int k = 0; k < 8; k++) {
                floatItem(t, "png.chrm." + names[2 * k], names[2 * k + 1], o + 4 * k);
            }
        }

        private void phys(Tree t, int o) {
            uint(t, "png.phys.horiz", "Horizontal pixels per unit", u32(o), o, 4);
            uint(t, "png.phys.vert", "Vertical pixels per unit", u32(o + 4), o + 4, 4);
            named(t, "png.phys.unit", "Unit", u8(o + 8), o + 8, 1, new String[] {"Unit is unknown", "Unit is METRE"});
        }

        /** tEXt: a keyword up to a NUL, then the text; an empty keyword (or no NUL) shows nothing. */
        private void text(Tree t, int o, int n) {
            int nul = -1;
            for (int k = 0; k < n && o + k < limit; k++) {
                if (Text.u8(s, base + o + k) == 0) {
                    nul = k;
                    break;
                }
            }
            if (nul <= 0) {
                return;
            }
            at(t.string("png.text.keyword", "Keyword", Text.latin1(s, base + o, nul)), o, nul);
            int from = o + nul + 1;
            int rest = Math.max(0, o + n - from);
            at(t.string("png.text.string", "String", Text.latin1(s, base + from, rest)), from, rest);
        }

        private void time(Tree t, int o) {
            uint(t, "png.time.year", "Year", u16(o), o, 2);
            uint(t, "png.time.month", "Month", u8(o + 2), o + 2, 1);
            uint(t, "png.time.day", "Day", u8(o + 3), o + 3, 1);
            uint(t, "png.time.hour", "Hour", u8(o + 4), o + 4, 1);
            uint(t, "png.time.minute", "Minute", u8(o + 5), o + 5, 1);
            uint(t, "png.time.second", "Second", u8(o + 6), o + 6, 1);
        }

        /** A 32-bit count of hundred-thousandths as file-png.c's float (value / 100000.0f). */
        private void floatItem(Tree t, String key, String name, int o) {
            String v = floatText((float) (u32(o) / 100000.0f));
            at(t.field(key, name + ": " + v, v), o, 4);
        }

        private Tree uint(Tree t, String key, String name, long value, int o, int length) {
            return at(t.field(key, name + ": " + value, Long.toString(value)), o, length);
        }

        private void hex16(Tree t, String key, String name, int o) {
            String v = "0x" + String.format(java.util.Locale.ROOT, "%04x", u16(o));
            at(t.field(key, name + ": " + v, v), o, 2);
        }

        private void named(Tree t, String key, String name, int value, int o, int length, String[] names) {
            String text = value < names.length && names[value] != null ? names[value] : "Unknown";
            at(t.field(key, name + ": " + text + " (" + value + ")", Integer.toString(value)), o, length);
        }

        private void flag(Tree t, String key, String name, int flags, int mask, String set, String clear, int o) {
            boolean on = (flags & mask) != 0;
            at(t.field(key, Text.bits(flags, mask, 32) + " = " + name + ": " + (on ? set : clear), on ? "1" : "0"), o, 4);
        }
    }

    private static final String[] COLOUR_TYPES = {"Greyscale", null, "Truecolour", "Indexed-colour",
        "Greyscale with alpha", null, "Truecolour with alpha"};
    private static final String[] INTENTS = {"Perceptual", "Relative colorimetric", "Saturation", "Absolute colorimetric"};

    /** file-png.c's chunk_types, "unknown" for the others. */
    private static String chunkName(int type) {
        return switch (type) {
            case 0x49484452 -> "Image Header";
            case 0x624b4744 -> "Background colour";
            case 0x67414d41 -> "Image gamma";
            case 0x69434350 -> "Embedded ICC profile";
            case 0x6348524d -> "Primary chromaticities and white point";
            case 0x70485973 -> "Physical pixel dimensions";
            case 0x69545874 -> "International textual data";
            case 0x74455874 -> "Textual data";
            case 0x73424954 -> "Significant bits";
            case 0x73524742 -> "Standard RGB colour space";
            case 0x74494d45 -> "Image last-modification time";
            case 0x49444154 -> "Image data chunk";
            case 0x49454e44 -> "Image Trailer";
            case 0x74524e53 -> "Transparency";
            case 0x504c5445 -> "Palette";
            default -> "unknown";
        };
    }

    private static String hex8(long v) {
        return String.format(java.util.Locale.ROOT, "%08x", v);
    }

    /** A float as Wireshark shows an FT_FLOAT: C's {@code %.6g} (FLT_DIG significant digits). */
    static String floatText(float f) {
        return dev.tcpscope.field.FieldText.g(f, 6);
    }
}
