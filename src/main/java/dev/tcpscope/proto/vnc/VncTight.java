package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * vnc_tight_encoding (packet-vnc.c, Wireshark 4.0.17; TightVNC's rfbproto.h): the compression
 * control byte (four stream resets and the rectangle type), then a fill colour, JPEG data, or the
 * basic encoding with its optional filter (copy, palette, gradient) and the image data, short
 * data as is and longer data after its compact length.
 */
final class VncTight {
    private final VncWalk w;
    private final Tvb t;
    private final int[] off;
    /** The label of the last bits item (proto_item_append_text adds to it). */
    private String last = "";

    VncTight(VncWalk w, int[] off) {
        this.w = w;
        this.t = w.t;
        this.off = off;
    }

    private long needed(long a) {
        return Long.compareUnsigned(a & 0xffffffffL, w.remaining(off[0])) > 0 ? a & 0xffffffffL : 0;
    }

    /** proto_tree_add_bits_item over the control byte: {@code width} bits from bit {@code first} (0 = most significant). */
    private Tree bits(Tree e, String name, int first, int width) {
        int b = t.u8(off[0]);
        int v = (b >> (8 - first - width)) & ((1 << width) - 1);
        StringBuilder pic = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                pic.append(' ');
            }
            pic.append(i >= first && i < first + width ? (char) ('0' + ((b >> (7 - i)) & 1)) : '.');
        }
        var row = VncWalk.REG.row(name);
        String shown = row.type().equals("FT_BOOLEAN") ? VncWalk.REG.tfs(name, v != 0) : row.hex() ? "0x" + String.format("%02x", v) : Integer.toString(v);
        String value = row.type().equals("FT_BOOLEAN") ? (v != 0 ? "1" : "0") : row.hex() ? "0x" + String.format("%02x", v) : Integer.toString(v);
        last = pic + " = " + row.title() + ": " + shown;
        return t.at(e.field(name, last, value), off[0], 1);
    }

    long tight(Tree e, int width, int height) {
        long need = needed(1);
        if (need > 0) {
            return need;
        }
        bits(e, "vnc.tight_reset_stream0", 7, 1);
        bits(e, "vnc.tight_reset_stream1", 6, 1);
        bits(e, "vnc.tight_reset_stream2", 5, 1);
        bits(e, "vnc.tight_reset_stream3", 4, 1);
        Tree type = bits(e, "vnc.tight_rect_type", 0, 4);
        int ctl = t.u8(off[0]) >> 4;
        off[0] += 1;
        int depth = w.c.depth;
        int bpp = w.c.bpp;
        if (ctl == 8) {
            type.relabel(last + " (fill encoding - solid rectangle)");
            int n = depth == 24 ? 3 : bpp;
            need = needed(n);
            if (need > 0) {
                return need;
            }
            w.bytes(e, "vnc.tight_fill_color", off[0], n);
            off[0] += n;
            return 0;
        }
        if (ctl == 9) {
            type.relabel(last + " (JPEG encoding)");
            return compactData(e);
        }
        if (ctl > 9) {
            type.expert("vnc.invalid_encoding", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Invalid encoding");
            return 0;
        }
        type.relabel(last + " (basic encoding)");
        off[0] -= 1;
        bits(e, "vnc.tight_filter_flag", 1, 1);
        off[0] += 1;
        int bitsPerPixel = depth;
        if ((ctl & 4) != 0) {
            need = needed(1);
            if (need > 0) {
                return need;
            }
            w.uint(e, "vnc.tight_filter_id", off[0], 1);
            int filter = t.u8(off[0]);
            off[0] += 1;
            if (filter == 1) {
                need = needed(1);
                if (need > 0) {
                    return need;
                }
                w.uint(e, "vnc.tight_palette_num_colors", off[0], 1);
                int colors = t.u8(off[0]) + 1;
                off[0] += 1;
                int bytes = depth == 24 ? colors * 3 : colors * depth / 8;
                need = needed(bytes);
                if (need > 0) {
                    return need;
                }
                w.bytes(e, "vnc.tight_palette_data", off[0], bytes);
                off[0] += bytes;
                bitsPerPixel = colors == 2 ? 1 : 8;
            }
        }
        long row = ((long) width * bitsPerPixel + 7) / 8 & 0xffffffffL;
        if (row * height < 12) {
            long n = row * height;
            need = needed(n);
            if (need > 0) {
                return need;
            }
            w.bytes(e, "vnc.tight_image_data", off[0], n);
            off[0] += (int) n;
            return 0;
        }
        return compactData(e);
    }

    /** read_compact_len and the image data after it. */
    private long compactData(Tree e) {
        int start = off[0];
        int len = 0;
        int n = 0;
        for (int i = 0; i < 3; i++) {
            long need = needed(1);
            if (need > 0) {
                return need;
            }
            int b = t.u8(off[0]);
            off[0] += 1;
            n++;
            len |= (i == 2 ? b & 0xff : b & 0x7f) << (7 * i);
            if (i == 2 || (b & 0x80) == 0) {
                break;
            }
        }
        t.at(e.field("vnc.tight_image_len", "Image data length: " + len, Integer.toString(len)), start, n);
        long need = needed(len);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.tight_image_data", off[0], len);
        off[0] += len;
        return 0;
    }
}
