package dev.tcpscope.proto.jfif;

import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * JPEG images as Wireshark 4.0's {@code file-jpeg.c} shows them ("JPEG File Interchange Format"):
 * the media types {@code image/jpeg}, {@code image/jpg} and {@code image/jfif} and the "http"
 * heuristic {@code jfif_http}. A body of 20 bytes or more that starts with the Start of Image
 * marker and whose first segment's identifier (at byte 6) is "JFIF" or "Exif" is a JPEG; Info
 * gets " (JPEG JFIF image)".
 *
 * <p>The tree walks the markers in order (ITU-T T.81 B.1): the bytes between two markers are an
 * entropy-coded segment (FF 00 is an escaped FF, FF FF... fill bytes before a marker); a marker
 * with a length is a segment, whose items depend on its kind: APP0 (JFIF or JFXX), APP1 (Exif: a
 * TIFF header and its chains of image file directories, the Exif, GPS and interoperability ones
 * they point to, and the values that do not fit in an entry), APP2 (FlashPix), the start of a
 * frame and of a scan, a comment, and any other as its length and byte count. A marker T.81 does
 * not name ends the walk. What it reads past the bytes or past a segment's length ends it there
 * (Wireshark's bounds exception).
 */
public final class Jfif implements Media.Dissector {
    /** The one instance, stateless. */
    public static final Jfif DISSECTOR = new Jfif();

    /** The media types file-jpeg.c registers. */
    public static final java.util.List<String> MEDIA_TYPES = java.util.List.of("image/jfif", "image/jpg", "image/jpeg");

    private static final int MIN_LENGTH = 20;
    private static final int SOI = 0xffd8, EOI = 0xffd9, TEM = 0xff01;
    private static final int APP0 = 0xffe0, APP1 = 0xffe1, APP2 = 0xffe2, SOS = 0xffda, COM = 0xfffe, DHT = 0xffc4,
            DAC = 0xffcc;
    /**
     * Items one JPEG may add to a tree before the walk gives up (proto.c's limit on a frame's
     * tree, a million by default, throws; tshark then names a dissector bug, tcpscope shows the
     * malformed item). An APP1 segment's directories can point at the same directory thousands of
     * times over.
     */
    private static final int MAX_ITEMS = 1_000_000;

    private Jfif() { }

    @Override
    public String name() { return "image-jfif"; }

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        if (len < MIN_LENGTH || Text.u8(s, off) != 0xff || Text.u8(s, off + 1) != 0xd8) {
            return false;
        }
        return identifierAt6(s, off, "Exif") || identifierAt6(s, off, "JFIF");
    }

    /** Whether the five bytes at 6 are {@code id} and its NUL (tvb_memeql over 5 bytes). */
    private static boolean identifierAt6(MemorySegment s, long off, String id) {
        return Text.startsWith(s, off + 6, 4, id) && Text.u8(s, off + 10) == 0;
    }

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        return " (JPEG JFIF image)";
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len,
                        java.util.function.Consumer<String> protocols) {
        Tree jfif = root.protocol("image-jfif", "JPEG File Interchange Format").at(s, off, len);
        boolean exifFirst = identifierAt6(s, off, "Exif");
        return Media.walk(() -> new Walk(s, off, len, true).walk(jfif, exifFirst));
    }

    /**
     * Without a tree file-jpeg.c reads only the markers, their lengths and the APP1 segments (its
     * other segment functions return first thing when there is no tree), so a segment cut short
     * other than APP1 leaves the packet list's Info as it is.
     */
    @Override
    public boolean stopsShort(String mediaType, MemorySegment s, long off, int len, boolean tree) {
        boolean exifFirst = identifierAt6(s, off, "Exif");
        return !Media.walk(() -> new Walk(s, off, len, tree).walk(Tree.NOTHING, exifFirst));
    }

    /**
     * One JPEG's bytes, read in order; offsets are from the start of the JPEG. A read is checked
     * against the bytes there are and against the window it is made in (a segment's declared
     * length, Wireshark's subset tvbuff).
     */
    private static final class Walk {
        private final MemorySegment s;
        private final long base;
        private final int len;
        /** The window's end: reads must stay before it (the JPEG's end, or a segment's). */
        private long end;
        private int items;
        /** Whether there is a tree: without one, only APP1 segments are read past their length. */
        private final boolean tree;
        /** Whether the walk only gives a verdict ({@link Tree#NOTHING}): the items, labels included, are not made. */
        private boolean verdictOnly;

        Walk(MemorySegment s, long base, int len, boolean tree) {
            this.s = s;
            this.base = base;
            this.len = len;
            this.end = len;
            this.tree = tree;
        }

        private void need(long at, long length) {
            if (at < 0 || length < 0 || at + length > end || at + length > len) {
                throw new Media.CutShort();
            }
        }

        private int u8(long at) {
            need(at, 1);
            return Text.u8(s, base + at);
        }

        private int u16(long at, boolean little) {
            int a = u8(at), b = u8(at + 1);
            return little ? b << 8 | a : a << 8 | b;
        }

        private long u32(long at, boolean little) {
            long hi = u16(at, little), lo = u16(at + 2, little);
            return little ? lo << 16 | hi : hi << 16 | lo;
        }

        /**
         * Adds the item {@code add} makes, at {@code length} bytes from {@code at}, once they are
         * there (proto_tree_add_item checks before it adds).
         */
        private Tree at(java.util.function.Supplier<Tree> add, long at, long length) {
            need(at, length);
            if (tree && ++items > MAX_ITEMS) {
                throw new Media.CutShort();
            }
            return verdictOnly ? Tree.NOTHING : add.get().at(s, base + at, (int) length);
        }

        /** An item whose length is "the rest" (-1): what is there of the window from {@code at}. */
        private Tree rest(java.util.function.Supplier<Tree> add, long at) {
            return at(add, at, restFrom(at));
        }

        private long restFrom(long at) {
            long r = Math.min(end, len) - at;
            if (r < 0) {
                throw new Media.CutShort();
            }
            return r;
        }

        void walk(Tree jfif, boolean exifFirst) {
            verdictOnly = jfif == Tree.NOTHING;
            boolean firstNotJfif = exifFirst;
            int entropy = 0;
            while (true) {
                int fill = entropy;
                if (fill > len) {
                    throw new Media.CutShort(); // tvb_find_guint8 from past the end
                }
                while (true) {
                    fill = find(fill);
                    if (fill == -1 || len - fill == 1 || Text.u8(s, base + fill + 1) != 0) {
                        break;
                    }
                    fill += 2; // FF 00: an FF in the entropy-coded data
                }
                if (fill == -1) {
                    fill = len;
                }
                if (fill != entropy) {
                    bytes(jfif, "image-jfif.entropy_coded_segment", "Entropy-coded segment (dissection is not yet implemented)",
                            entropy, fill - entropy);
                }
                if (fill == len) {
                    return;
                }
                int marker = fill;
                while (u8(marker + 1) == 0xff) {
                    marker++;
                }
                if (marker != fill) {
                    bytes(jfif, "image-jfif.fill_bytes", "Fill bytes", fill, marker - fill);
                }
                final int code = u16(marker, false);
                String name = markerName(code);
                if (name == null) {
                    at(() -> markerItem(jfif, code).relabel("Marker: Unknown (0x" + hex4(code) + ") (Reserved)"), marker, 2);
                    return;
                }
                if (!hasLength(code)) {
                    at(() -> markerItem(jfif, code), marker, 2);
                    entropy = marker + 2;
                    continue;
                }
                int length = u16(marker + 2, false);
                end = (long) marker + 2 + length; // the segment's subset: reads stop at its declared end
                try {
                    segment(jfif, code, name, marker, length, firstNotJfif);
                } finally {
                    end = len;
                }
                if (code == APP1) {
                    firstNotJfif = false;
                }
                entropy = marker + 2 + length;
            }
        }

        private void bytes(Tree t, String key, String name, int at, int n) {
            at(() -> t.bytes(key, name, s, base + at, n), at, n);
        }

        /** tvb_find_guint8(0xFF) from {@code from} to the end, or -1. */
        private int find(int from) {
            for (int i = from; i < len; i++) {
                if (Text.u8(s, base + i) == 0xff) {
                    return i;
                }
            }
            return -1;
        }

        private Tree markerItem(Tree t, int code) {
            String name = markerName(code);
            return t.field("image-jfif.marker", "Marker: " + (name != null ? name : "Unknown") + " (0x" + hex4(code) + ")",
                    "0x" + hex4(code));
        }

        /** A segment of {@code 2 + length} bytes at {@code o}; {@link #end} is its end. */
        private void segment(Tree jfif, int code, String name, int o, int length, boolean firstNotJfif) {
            if (!tree && code != APP1) {
                return;
            }
            String suffix = ": " + name + " (0x" + hex4(code).toUpperCase(Locale.ROOT) + ")";
            boolean sof = code >= 0xffc0 && code <= 0xffcf && code != DHT && code != DAC;
            String key = sof ? "image-jfif.sof" : code == SOS ? "image-jfif.header.sos"
                    : code == COM ? "image-jfif.header.comment" : "image-jfif.marker_segment";
            String title = sof ? "Start of Frame header" : code == SOS ? "Start of Segment header"
                    : code == COM ? "Comment header" : "Marker segment";
            Tree seg = rest(() -> jfif.none(key, title + suffix), o);
            at(() -> markerItem(seg, code), o, 2);
            uint(seg, "image-jfif.length", "Length", length, o + 2, 2);
            if (sof) {
                sof(seg, o);
            } else if (code == SOS) {
                sos(seg, o);
            } else if (code == COM) {
                at(() -> seg.string("image-jfif.comment", "Comment", Text.ascii(s, base + o + 4, (int) Math.min(length - 2, restFrom(o + 4)))),
                        o + 4, length - 2);
            } else if (code == APP0) {
                app0(seg, o, length);
            } else if (code == APP1) {
                app1(seg, o, length, firstNotJfif);
            } else if (code == APP2) {
                app2(jfif, seg, o, length);
            } else {
                remaining(seg, o + 4, length - 2);
            }
        }

        private void remaining(Tree seg, int at, int count) {
            long n = restFrom(at);
            at(() -> seg.bytes("image-jfif.remain_seg_data", "Remaining segment data", s, base + at, (int) n)
                    .relabel("Remaining segment data: " + Integer.toUnsignedString(count) + " bytes"), at, n);
        }

        private void sof(Tree seg, int o) {
            uint(seg, "image-jfif.sof.precision", "Sample Precision (bits)", u8(o + 4), o + 4, 1);
            uint(seg, "image-jfif.sof.lines", "Lines", u16(o + 5, false), o + 5, 2);
            uint(seg, "image-jfif.sof.samples_per_line", "Samples per line", u16(o + 7, false), o + 7, 2);
            int count = u8(o + 9);
            uint(seg, "image-jfif.sof.nf", "Number of image components in frame", count, o + 9, 1);
            int at = o + 10;
            for (int k = 0; k < count; k++) {
                uint(seg, "image-jfif.sof.c_i", "Component identifier", u8(at), at, 1);
                at++;
                nibble(seg, "image-jfif.sof.h_i", "Horizontal sampling factor", at, 0xf0);
                nibble(seg, "image-jfif.sof.v_i", "Vertical sampling factor", at, 0x0f);
                at++;
                uint(seg, "image-jfif.sof.tq_i", "Quantization table destination selector", u8(at), at, 1);
                at++;
            }
        }

        private void sos(Tree seg, int o) {
            int count = u8(o + 4);
            uint(seg, "image-jfif.sos.ns", "Number of image components in scan", count, o + 4, 1);
            int at = o + 5;
            for (int k = 0; k < count; k++) {
                uint(seg, "image-jfif.sos.component_selector", "Scan component selector", u8(at), at, 1);
                at++;
                nibble(seg, "image-jfif.sos.dc_entropy_selector", "DC entropy coding table destination selector", at, 0xf0);
                nibble(seg, "image-jfif.sos.ac_entropy_selector", "AC entropy coding table destination selector", at, 0x0f);
                at++;
            }
            uint(seg, "image-jfif.sos.ss", "Start of spectral or predictor selection", u8(at), at, 1);
            at++;
            uint(seg, "image-jfif.sos.se", "End of spectral selection", u8(at), at, 1);
            at++;
            nibble(seg, "image-jfif.sos.ah", "Successive approximation bit position high", at, 0xf0);
            nibble(seg, "image-jfif.sos.al", "Successive approximation bit position low or point transform", at, 0x0f);
        }

        /** tvb_get_stringz_enc at {@code at}: the string up to its NUL and its size with the NUL. */
        private int stringzSize(int at) {
            long limit = Math.min(end, len);
            for (long i = at; i < limit; i++) {
                if (Text.u8(s, base + i) == 0) {
                    return (int) (i - at + 1);
                }
            }
            throw new Media.CutShort(); // no NUL before the end
        }

        /** A segment's NUL-terminated identifier (at 4): its item, its text (a C string) and its size with the NUL. */
        private record Identifier(Tree item, String text, int size) { }

        private Identifier identifier(Tree seg, int o) {
            int at = o + 4;
            int size = stringzSize(at);
            String text = Text.ascii(s, base + at, size);
            return new Identifier(at(() -> seg.string("image-jfif.identifier", "Identifier", text), at, size), text, size);
        }

        /** An identifier the segment's function does not know: the rest as a byte count, the item's label saying so. */
        private void unknown(Tree seg, Identifier id, int o, int length, String append) {
            remaining(seg, o + 4 + id.size, length - 2 - id.size);
            byte[] b = id.text.getBytes(java.nio.charset.StandardCharsets.UTF_8); // appended after the value's format_text
            id.item.relabel("Identifier: " + Text.format(b, 0, b.length) + append);
        }

        private void app0(Tree seg, int o, int length) {
            Identifier id = identifier(seg, o);
            if (id.text.equals("JFIF")) {
                Tree version = at(() -> seg.none("image-jfif.version", "Version: " + u8(o + 9) + "." + u8(o + 10)), o + 9, 2);
                uint(version, "image-jfif.version.major", "Major Version", u8(o + 9), o + 9, 1);
                uint(version, "image-jfif.version.minor", "Minor Version", u8(o + 10), o + 10, 1);
                int units = u8(o + 11);
                at(() -> seg.field("image-jfif.units", "Units: " + named(UNITS, units) + " (" + units + ")", Integer.toString(units)), o + 11, 1);
                uint(seg, "image-jfif.Xdensity", "Xdensity", u16(o + 12, false), o + 12, 2);
                uint(seg, "image-jfif.Ydensity", "Ydensity", u16(o + 14, false), o + 14, 2);
                int x = u8(o + 16), y = u8(o + 17);
                uint(seg, "image-jfif.Xthumbnail", "Xthumbnail", x, o + 16, 1);
                uint(seg, "image-jfif.Ythumbnail", "Ythumbnail", y, o + 17, 1);
                if (x != 0 || y != 0) {
                    int n = 3 * x * y;
                    at(() -> seg.bytes("image-jfif.RGB", "RGB values of thumbnail pixels", s, base + o + 18, n), o + 18, n);
                }
            } else if (id.text.equals("JFXX")) {
                int code = u8(o + 9);
                String name = switch (code) {
                    case 0x10 -> "Thumbnail encoded using JPEG";
                    case 0x11 -> "Thumbnail encoded using 1 byte (8 bits) per pixel";
                    case 0x13 -> "Thumbnail encoded using 3 bytes (24 bits) per pixel";
                    default -> "Unknown";
                };
                at(() -> seg.field("image-jfif.extension.code", "Extension code: " + name + " (0x" + hex2(code) + ")",
                        "0x" + hex2(code)), o + 9, 1);
            } else {
                unknown(seg, id, o, length, " (unknown identifier)");
            }
        }

        private void app1(Tree seg, int o, int length, boolean firstNotJfif) {
            Identifier id = identifier(seg, o);
            if (firstNotJfif && !id.text.equals("JFIF")) {
                id.item.expert("image-jfif.app0-identifier-not-jfif", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Initial App0 segment with \"JFIF\" Identifier not found");
            }
            if (id.text.equals("Exif")) {
                tiff(seg, o + 4 + id.size + 1, o + 2 + length);
            } else {
                unknown(seg, id, o, length, " (Unknown identifier)");
            }
        }

        private void app2(Tree jfif, Tree seg, int o, int length) {
            Identifier id = identifier(seg, o);
            if (id.text.equals("FPXR")) {
                rest(() -> jfif.none("image-jfif.exif_flashpix_marker", "Exif FlashPix APP2 application marker"), o);
            } else {
                unknown(seg, id, o, length, " (Unknown identifier)");
            }
        }

        /** process_tiff over the bytes from {@code t} to {@code segEnd} (offsets in it are from {@code t}). */
        private void tiff(Tree seg, int t, int segEnd) {
            int order = u16(t, false);
            boolean little;
            if (order == 0x4949) {
                little = true;
            } else if (order == 0x4d4d) {
                little = false;
            } else {
                at(() -> seg.field("image-jfif.endianness", "Endianness: Incorrect encoding 0x" + hex4(order)
                        + "- skipping the remainder of this application marker", "0x" + hex4(order)), t, 2);
                return;
            }
            at(() -> seg.field("image-jfif.endianness", "Endianness: " + (little ? "little endian" : "big endian"), "0x" + hex4(order)), t, 2);
            long start = u32(t + 4, little);
            Tree item = at(() -> seg.field("image-jfif.start_ifd_offset", "Start offset of IFD starting from the TIFF header start: "
                    + bytesUnit(start), Long.toString(start)), t + 4, 4);
            if (start < 8) {
                item.expert("image-jfif.start_ifd_offset.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        " (bogus, should be >= 8)");
                return;
            }
            chain(seg, new Tiff(t, segEnd - t, little), start, "image-jfif.ifd.tag", TAGS, "Image File Directory");
        }

        /** A TIFF header's window: where it starts in the JPEG, its reported length, its byte order. */
        private record Tiff(int start, int length, boolean little) { }

        /** process_tiff_ifd_chain: each directory of a chain, its entries and their values. */
        private void chain(Tree seg, Tiff tiff, long first, String tagKey, Object[] tagNames, String kind) {
            long next = first;
            for (int index = 0; ; index++) {
                long offset = next; // from the TIFF header's start
                if (offset > Integer.MAX_VALUE) {
                    throw new Media.CutShort();
                }
                int fields = u16(tiff.start + offset, tiff.little);
                long span = (long) fields * 12 + 6;
                long from = tiff.start + offset;
                String title = kind + " #" + index;
                // a text item: cut where the bytes end, not checked against its length
                Tree ifd = at(() -> seg.text(title), from, Math.min(span, restFrom(from)));
                uint(ifd, "image-jfif.ifd.num_fields", "Number of fields in this IFD", fields, from, 2);
                offset += 2;
                for (int k = 0; k < fields; k++) {
                    long e = tiff.start + offset;
                    int tag = u16(e, tiff.little);
                    at(() -> ifd.field(tagKey, "Tag: " + named(tagNames, tag) + " (" + tag + ")", Integer.toString(tag)), e, 2);
                    int type = u16(e + 2, tiff.little);
                    at(() -> ifd.field("image-jfif.ifd.type", "Type: " + named(TYPES, type) + " (" + type + ")",
                            Integer.toString(type)), e + 2, 2);
                    long count = u32(e + 4, tiff.little);
                    uint(ifd, "image-jfif.ifd.count", "Count", count, e + 4, 4);
                    int size = switch (type) {
                        case 1, 2, 7 -> 1;
                        case 3 -> 2;
                        case 4, 9 -> 4;
                        case 5, 10 -> 8;
                        default -> 0;
                    };
                    long valueAt = -1; // from the TIFF start
                    Tree parent;
                    if (size == 0 || 4 / size < count) {
                        long v = u32(e + 8, tiff.little);
                        Tree item = uint(ifd, "image-jfif.ifd.offset", "Value offset from start of TIFF header", v, e + 8, 4);
                        if (v < tiff.length) {
                            valueAt = v;
                        } else {
                            item.expert("image-jfif.ifd_value_offset.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                    "bogus, should be < " + tiff.length);
                        }
                        parent = seg;
                    } else {
                        valueAt = offset + 8;
                        parent = ifd;
                    }
                    if (valueAt >= 0) {
                        values(seg, parent, tiff, tag, type, size, count, valueAt, tagKey.equals("image-jfif.ifd.tag"));
                    }
                    offset += 12;
                }
                long at = tiff.start + offset;
                next = u32(at, tiff.little);
                Tree nextItem = uint(ifd, "image-jfif.next_ifd_offset", "Offset to next IFD from start of TIFF header",
                        next, at, 4).relabel("Offset to next IFD from start of TIFF header: " + bytesUnit(next));
                offset += 4;
                if (next == 0) {
                    return;
                }
                if (next < offset) {
                    nextItem.expert("image-jfif.next_ifd_offset.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                            " (bogus, should be >= " + offset + ")");
                    return;
                }
            }
        }

        /** An entry's values at {@code valueAt} (from the TIFF start), under {@code parent}. */
        private void values(Tree seg, Tree parent, Tiff tiff, int tag, int type, int size, long count, long valueAt,
                            boolean primary) {
            long v = tiff.start + valueAt;
            if (type == 2 || type == 7) {
                if (count > Integer.MAX_VALUE) {
                    throw new Media.CutShort();
                }
                long at = v;
                int n = (int) count;
                if (type == 2) {
                    at(() -> parent.string("image-jfif.ifd.value_ascii", "Value", Text.ascii(s, base + at, n)), at, n);
                } else {
                    at(() -> parent.bytes("image-jfif.ifd.value_undefined", "Value (raw)", s, base + at, n), at, n);
                }
                return;
            }
            if (size == 0) {
                return;
            }
            for (long i = 0; i < count; i++) {
                switch (type) {
                    case 1 -> uint(parent, "image-jfif.ifd.value_byte", "Value", u8(v), v, 1);
                    case 3 -> uint(parent, "image-jfif.ifd.value_short", "Value", u16(v, tiff.little), v, 2);
                    case 9 -> {
                        int x = (int) u32(v, tiff.little);
                        at(() -> parent.field("image-jfif.ifd.value_slong", "Value: " + x, Integer.toString(x)), v, 4);
                    }
                    case 5, 10 -> {
                        boolean signed = type == 10;
                        String key = signed ? "image-jfif.ifd.value_srational" : "image-jfif.ifd.value_rational";
                        need(v, 8);
                        Tree r = at(() -> parent.none(key, "Value"), v, 8);
                        long num = u32(v, tiff.little), den = u32(v + 4, tiff.little);
                        String n = signed ? Integer.toString((int) num) : Long.toString(num);
                        String d = signed ? Integer.toString((int) den) : Long.toString(den);
                        at(() -> r.field(key + ".numerator", "Numerator: " + n, n), v, 4);
                        at(() -> r.field(key + ".denominator", "Denominator: " + d, d), v + 4, 4);
                        r.relabel("Value: " + n + "/" + d);
                    }
                    default -> { // 4: LONG
                        long x = u32(v, tiff.little);
                        Tree item = uint(parent, "image-jfif.ifd.value_long", "Value", x, v, 4);
                        if (count == 1 && primary) {
                            pointer(seg, item, tiff, tag, x);
                        }
                    }
                }
                v += size;
            }
        }

        /** A primary directory's Exif, GPS or interoperability pointer: that directory's chain. */
        private void pointer(Tree seg, Tree item, Tiff tiff, int tag, long offset) {
            String kind;
            String key;
            Object[] names;
            switch (tag) {
                case 0x8769 -> { kind = "Exif IFD"; key = "image-jfif.ifd.tag_exif"; names = EXIF_TAGS; }
                case 0x8825 -> { kind = "GPS IFD"; key = "image-jfif.ifd.tag_gps"; names = GPS_TAGS; }
                case 0xa005 -> { kind = "Interoperability IFD"; key = "image-jfif.ifd.tag_interop"; names = INTEROP_TAGS; }
                default -> { return; }
            }
            if (offset < tiff.length) {
                chain(seg, tiff, offset, key, names, kind);
            } else {
                item.expert("image-jfif.start_ifd_offset.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "bogus, should be < " + tiff.length);
            }
        }

        private void nibble(Tree t, String key, String name, int at, int mask) {
            int b = u8(at);
            int v = (b & mask) >>> Integer.numberOfTrailingZeros(mask);
            at(() -> t.field(key, Text.bits(b, mask, 8) + " = " + name + ": " + v, Integer.toString(v)).bitmask(mask), at, 1);
        }

        private Tree uint(Tree t, String key, String name, long value, long at, int length) {
            return at(() -> t.field(key, name + ": " + value, Long.toString(value)), at, length);
        }
    }

    /** BASE_UNIT_STRING with units_byte_bytes. */
    private static String bytesUnit(long v) {
        return v + (v == 1 ? " byte" : " bytes");
    }

    private static boolean hasLength(int code) {
        return !(code == TEM || code == SOI || code == EOI || code >= 0xffd0 && code <= 0xffd7);
    }

    /** T.81's name of a marker, or null for the reserved codes (0xFF02 to 0xFFBF). */
    static String markerName(int code) {
        if (code == TEM) {
            return "Reserved - For temporary private use in arithmetic coding";
        }
        if (code >= 0xffc0 && code <= 0xffcf) {
            return switch (code) {
                case DHT -> "Define Huffman table(s)";
                case DAC -> "Define arithmetic coding conditioning(s)";
                default -> "Start of Frame " + SOF[code - 0xffc0];
            };
        }
        if (code >= 0xffd0 && code <= 0xffd7) {
            return "Restart interval termination - Restart with modulo 8 count " + (code - 0xffd0);
        }
        if (code >= 0xffe0 && code <= 0xffef) {
            return "Reserved for application segments - " + (code - 0xffe0);
        }
        if (code >= 0xfff0 && code <= 0xfffd) {
            return "Reserved for JPEG extensions - " + (code - 0xfff0);
        }
        return switch (code) {
            case SOI -> "Start of Image";
            case EOI -> "End of Image";
            case SOS -> "Start of Scan";
            case 0xffdb -> "Define quantization table(s)";
            case 0xffdc -> "Define number of lines";
            case 0xffdd -> "Define restart interval";
            case 0xffde -> "Define hierarchical progression";
            case 0xffdf -> "Expand reference component(s)";
            case COM -> "Comment";
            default -> null;
        };
    }

    private static final String[] SOF = {
        "(non-differential, Huffman coding) - Baseline DCT",
        "(non-differential, Huffman coding) - Extended sequential DCT",
        "(non-differential, Huffman coding) - Progressive DCT",
        "(non-differential, Huffman coding) - Lossless (sequential)",
        null,
        "(differential, Huffman coding) - Differential sequential DCT",
        "(differential, Huffman coding) - Differential progressive DCT",
        "(differential, Huffman coding) - Differential lossless (sequential)",
        "(non-differential, arithmetic coding) - Reserved for JPEG extensions",
        "(non-differential, arithmetic coding) - Extended sequential DCT",
        "(non-differential, arithmetic coding) - Progressive DCT",
        "(non-differential, arithmetic coding) - Lossless (sequential)",
        null,
        "(differential, arithmetic coding) - Differential sequential DCT",
        "(differential, arithmetic coding) - Differential progressive DCT",
        "(differential, arithmetic coding) - Differential lossless (sequential)",
    };

    private static final Object[] UNITS = {0, "No units; Xdensity and Ydensity specify the pixel aspect ratio",
        1, "Dots per inch", 2, "Dots per centimeter"};

    private static final Object[] TYPES = {1, "BYTE", 2, "ASCII", 3, "SHORT", 4, "LONG", 5, "RATIONAL",
        7, "UNDEFINED", 9, "SLONG", 10, "SRATIONAL"};

    /** The tags of a primary directory (TIFF and Exif 2.3's table 4 and 5). */
    private static final Object[] TAGS = {
        0x0100, "ImageWidth", 0x0101, "ImageLength", 0x0102, "BitsPerSample", 0x0103, "Compression",
        0x0106, "PhotometricInterpretation", 0x0112, "Orientation", 0x0115, "SamplesPerPixel",
        0x011C, "PlanarConfiguration", 0x0212, "YCbCrSubSampling", 0x0213, "YCbCrPositioning",
        0x011A, "XResolution", 0x011B, "YResolution", 0x0128, "ResolutionUnit",
        0x0111, "StripOffsets", 0x0116, "RowsPerStrip", 0x0117, "StripByteCounts",
        0x0201, "JPEGInterchangeFormat", 0x0202, "JPEGInterchangeFormatLength",
        0x012D, "TransferFunction", 0x013E, "WhitePoint", 0x013F, "PrimaryChromaticities",
        0x0211, "YCbCrCoefficients", 0x0214, "ReferenceBlackWhite",
        0x0132, "DateTime", 0x010E, "ImageDescription", 0x010F, "Make", 0x0110, "Model", 0x0131, "Software",
        0x013B, "Artist", 0x8298, "Copyright",
        0x8769, "Exif IFD Pointer", 0x8825, "GPS IFD Pointer", 0xA005, "Interoperability IFD Pointer",
    };

    /** The tags of an Exif directory (Exif 2.32's tables 7 to 13). */
    private static final Object[] EXIF_TAGS = {
        0x9000, "ExifVersion", 0xA000, "FlashpixVersion", 0xA001, "ColorSpace", 0xA500, "Gamma",
        0x9101, "ComponentsConfiguration", 0x9102, "CompressedBitsPerPixel", 0xA002, "PixelXDimension",
        0xA003, "PixelYDimension", 0x927C, "MakerNote", 0x9286, "UserComment", 0xA004, "RelatedSoundFile",
        0x9003, "DateTimeOriginal", 0x9004, "DateTimeDigitized", 0x9010, "OffsetTime", 0x9011, "OffsetTimeOriginal",
        0x9012, "OffsetTimeDigitized", 0x9290, "SubSecTime", 0x9291, "SubSecTimeOriginal", 0x9292, "SubSecTimeDigitized",
        0x829A, "ExposureTime", 0x829D, "FNumber", 0x8822, "ExposureProgram", 0x8824, "SpectralSensitivity",
        0x8827, "PhotographicSensitivity", 0x8828, "OECF", 0x8830, "SensitivityType", 0x8831, "StandardOutputSensitivity",
        0x8832, "RecommendedExposureIndex", 0x8833, "ISOSpeed", 0x8834, "ISOSpeedLatitudeyyy", 0x8835, "ISOSpeedLatitudezzz",
        0x9201, "ShutterSpeedValue", 0x9202, "ApertureValue", 0x9203, "BrightnessValue", 0x9204, "ExposureBiasValue",
        0x9205, "MaxApertureValue", 0x9206, "SubjectDistance", 0x9207, "MeteringMode", 0x9208, "LightSource",
        0x9209, "Flash", 0x920A, "FocalLength", 0x9214, "SubjectArea", 0xA20B, "FlashEnergy",
        0xA20C, "SpatialFrequencyResponse", 0xA20E, "FocalPlaneXResolution", 0xA20F, "FocalPlaneYResolution",
        0xA210, "FocalPlaneResolutionUnit", 0xA214, "SubjectLocation", 0xA215, "ExposureIndex", 0xA217, "SensingMethod",
        0xA300, "FileSource", 0xA301, "SceneType", 0xA302, "CFAPattern", 0xA401, "CustomRendered",
        0xA402, "ExposureMode", 0xA403, "WhiteBalance", 0xA404, "DigitalZoomRatio", 0xA405, "FocalLengthIn35mmFilm",
        0xA406, "SceneCaptureType", 0xA407, "GainControl", 0xA408, "Contrast", 0xA409, "Saturation",
        0xA40A, "Sharpness", 0xA40B, "DeviceSettingDescription", 0xA40C, "SubjectDistanceRange",
        0xA460, "CompositeImage", 0xA461, "SourceImageNumberOfCompositeImage", 0xA462, "SourceExposureTimesOfCompositeImage",
        0x9400, "Temperature", 0x9401, "Humidity", 0x9402, "Pressure", 0x9403, "WaterDepth", 0x9404, "Acceleration",
        0x9405, "CameraElevationAngle", 0xA420, "ImageUniqueID", 0xA430, "CameraOwnerName", 0xA431, "BodySerialNumber",
        0xA432, "LensSpecification", 0xA433, "LensMake", 0xA434, "LensModel", 0xA435, "LensSerialNumber",
    };

    /** The tags of a GPS directory (Exif 2.32's table 15): 0 to 31 in order. */
    private static final Object[] GPS_TAGS = gps();

    private static Object[] gps() {
        String[] names = {"VersionID", "LatitudeRef", "Latitude", "LongitudeRef", "Longitude", "AltitudeRef", "Altitude",
            "TimeStamp", "Satellites", "Status", "MeasureMode", "DOP", "SpeedRef", "Speed", "TrackRef", "Track",
            "ImgDirectionRef", "ImgDirection", "MapDatum", "DestLatitudeRef", "DestLatitude", "DestLongitudeRef",
            "DestLongitude", "DestBearingRef", "DestBearing", "DestDistanceRef", "DestDistance", "ProcessingMethod",
            "AreaInformation", "DateStamp", "Differential", "HPositioningError"};
        Object[] out = new Object[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            out[2 * i] = i;
            out[2 * i + 1] = "GPS" + names[i];
        }
        return out;
    }

    private static final Object[] INTEROP_TAGS = {1, "InteroperabilityIndex"};

    /** The name a value_string pairs with {@code value}, or "Unknown". */
    private static String named(Object[] pairs, int value) {
        for (int i = 0; i < pairs.length; i += 2) {
            if ((Integer) pairs[i] == value) {
                return (String) pairs[i + 1];
            }
        }
        return "Unknown";
    }

    private static String hex2(int v) {
        return String.format(Locale.ROOT, "%02x", v);
    }

    private static String hex4(int v) {
        return String.format(Locale.ROOT, "%04x", v);
    }
}
