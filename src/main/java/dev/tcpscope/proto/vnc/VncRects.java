package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * vnc_server_framebuffer_update (packet-vnc.c, Wireshark 4.0.17): the rectangles of one
 * FramebufferUpdate (RFC 6143 §7.6.1), each with its position, size and encoding, and the
 * encodings 4.0 reads: Raw, CopyRect, RRE, Hextile, ZRLE (inflated), Tight, the cursor, pointer
 * and desktop-size pseudo-encodings and LibVNCServer's and MirrorLink's additions. An unknown
 * encoding reads nothing, so the next rectangle starts right after the header. Sizes come from
 * the frame's pixel size (4.0's global, {@link VncWalk.Pixel}); a size beyond the bytes there asks
 * for more (VNC_BYTES_NEEDED) rather than reading, so every loop is bounded by the bytes (or by
 * 4.0's own caps: 5000 rectangles, 10000 sub-rectangles).
 */
final class VncRects {
    static final int LAST_RECT = -224, DESKTOP_SIZE = -223, POINTER_POS = -232, RICH_CURSOR = -239, X_CURSOR = -240;
    /** The most a ZRLE rectangle is inflated to here (tshark has no cap; far beyond any real one). */
    static final int MAX_INFLATED = 16 << 20;
    /** The most one call inflates in all (later rectangles then show "Decompression of ZRLE data failed"). */
    static final long MAX_INFLATED_CALL = 64L << 20;

    private final VncWalk w;
    private final Tvb t;
    private final int[] off;
    private final int bpp;

    VncRects(VncWalk w, int[] off) {
        this.w = w;
        this.t = w.t;
        this.off = off;
        this.bpp = w.c.bpp;
    }

    /** VNC_BYTES_NEEDED: {@code a} (unsigned) when fewer bytes remain, else 0. */
    private long needed(long a) {
        return Long.compareUnsigned(a & 0xffffffffL, w.remaining(off[0])) > 0 ? a & 0xffffffffL : 0;
    }

    /** The update after its type byte; what more it needs (0: none). */
    long update(Tree m) {
        w.cols.appendSep("; ", "Server framebuffer update");
        w.none(m, "vnc.padding", off[0], 1);
        off[0] += 1;
        int rects = t.u16(off[0]);
        String suffix = rects == 0xffff ? " [TIGHT encoding assumed (field is not used)]" : "";
        Tree n = w.uint(m, "vnc.fb_update_num_rects", off[0], 2, suffix);
        if (rects != 0xffff && rects > 5000) {
            n.expert("vnc.too_many_rectangles", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Too many rectangles (" + rects + "), aborting dissection");
            return 0;
        }
        off[0] += 2;
        for (int i = 0; i < rects; i++) {
            if (i > 5000) {
                n.expert("vnc.too_many_rectangles", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Too many rectangles (" + i + "), aborting dissection");
                return 0;
            }
            long need = needed(12);
            if (need > 0) {
                return need;
            }
            Tree r = w.text(m, "Rectangle #" + (i + 1), off[0], 12);
            int at = off[0];
            int width = t.u16(at + 4);
            int height = t.u16(at + 6);
            int enc = (int) t.u32(at + 8);
            String sx = "", sy = "", sw = "", sh = "";
            if (enc == RICH_CURSOR || enc == X_CURSOR) {
                sx = " (hotspot X)";
                sy = " (hotspot Y)";
                sw = " (cursor width)";
                sh = " (cursor height)";
            } else if (enc == POINTER_POS) {
                sx = " (pointer X)";
                sy = " (pointer Y)";
                sw = " (unused)";
                sh = " (unused)";
            }
            w.uint(r, "vnc.fb_update_x_pos", at, 2, sx);
            w.uint(r, "vnc.fb_update_y_pos", at + 2, 2, sy);
            w.uint(r, "vnc.fb_update_width", at + 4, 2, sw);
            w.uint(r, "vnc.fb_update_height", at + 6, 2, sh);
            Tree e = w.uint(r, "vnc.fb_update_encoding_type", at + 8, 4);
            off[0] = at + 12;
            if (enc == LAST_RECT) {
                break;
            }
            long more = encoding(e, enc, width, height);
            if (more > 0) {
                return more;
            }
        }
        return 0;
    }

    private long encoding(Tree e, int enc, int width, int height) {
        return switch (enc) {
            case 0 -> raw(e, width, height);
            case 1 -> {
                w.uint(e, "vnc.copyrect_src_x_pos", off[0], 2);
                w.uint(e, "vnc.copyrect_src_y_pos", off[0] + 2, 2);
                off[0] += 4;
                yield 0;
            }
            case 2 -> rre(e);
            case 5 -> hextile(e, width, height);
            case 16 -> new VncZrle(w, off, bpp).zrle(e, width, height);
            case 7 -> new VncTight(w, off).tight(e, width, height);
            case RICH_CURSOR -> cursor(e, (long) width * height * bpp, (long) ((width + 7) / 8) * height);
            case X_CURSOR -> {
                long need = needed(6);
                if (need > 0) {
                    yield need;
                }
                w.bytes(e, "vnc.cursor_x_fore_back", off[0], 6);
                off[0] += 6;
                long mask = (long) ((width + 7) / 8) * height;
                yield cursor(e, mask, mask);
            }
            case -308 -> desktopSize(e); // Extended Desktop Size
            case 0xFFFE0001 -> {
                long need = needed(width);
                if (need > 0) {
                    yield need;
                }
                if (width >= 64) {
                    w.bytes(e, "vnc.supported_messages_client2server", off[0], 32);
                    w.bytes(e, "vnc.supported_messages_server2client", off[0] + 32, 32);
                }
                off[0] += width;
                yield 0;
            }
            case 0xFFFE0002 -> {
                w.t.at(e.field("vnc.num_supported_encodings", "Number of supported encodings: " + height,
                        Integer.toString(height)), off[0], 0);
                long need = needed(width);
                if (need > 0) {
                    yield need;
                }
                int left = width;
                for (; left >= 4; left -= 4) {
                    w.uint(e, "vnc.supported_encodings", off[0], 4);
                    off[0] += 4;
                }
                off[0] += left;
                yield 0;
            }
            case 0xFFFE0003 -> {
                long need = needed(width);
                if (need > 0) {
                    yield need;
                }
                w.string(e, "vnc.server_identity", off[0], width);
                off[0] += width;
                yield 0;
            }
            case 0xFFFFFDF4 -> contextInformation(e);
            case 0xFFFFFDF3 -> slrle(e, height);
            case 0x48323634 -> h264(e);
            default -> 0; // no payload (pseudo-encodings) or one 4.0 does not read
        };
    }

    private long raw(Tree e, int width, int height) {
        long len = (long) width * height * bpp & 0xffffffffL;
        long need = needed(len);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.raw_pixel_data", off[0], len);
        off[0] += (int) len;
        return 0;
    }

    private long cursor(Tree e, long pixels, long mask) {
        long need = needed(pixels + mask);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.cursor_encoding_pixels", off[0], pixels);
        off[0] += (int) pixels;
        w.bytes(e, "vnc.cursor_encoding_bitmask", off[0], mask);
        off[0] += (int) mask;
        return 0;
    }

    /** vnc_rre_encoding: the count, the background pixel, the sub-rectangles (at most 10000). */
    private long rre(Tree e) {
        long need = needed(4);
        if (need > 0) {
            return need;
        }
        Tree n = w.uint(e, "vnc.rre_num_subrects", off[0], 4);
        long subrects = t.u32(off[0]);
        off[0] += 4;
        if (subrects > 10000) {
            n.expert("vnc.too_many_sub_rectangles", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Too many sub-rectangles (" + (int) subrects + "), aborting dissection");
            return 0;
        }
        need = needed(bpp);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.rre_bg_pixel", off[0], bpp);
        off[0] += bpp;
        int each = bpp + 8;
        need = needed(each * subrects);
        if (need > 0) {
            return need;
        }
        for (int i = 0; i < subrects; i++) {
            Tree s = w.text(e, "Subrectangle #" + (i + 1), off[0], each);
            w.bytes(s, "vnc.rre_subrect_pixel", off[0], bpp);
            off[0] += bpp;
            w.uint(s, "vnc.rre_subrect_x_pos", off[0], 2);
            w.uint(s, "vnc.rre_subrect_y_pos", off[0] + 2, 2);
            w.uint(s, "vnc.rre_subrect_width", off[0] + 4, 2);
            w.uint(s, "vnc.rre_subrect_height", off[0] + 6, 2);
            off[0] += 8;
        }
        return 0;
    }

    /** vnc_hextile_encoding: 16x16 tiles, each reading at least its mask byte, so the bytes end the loops. */
    private long hextile(Tree e, int width, int height) {
        int curH = 0;
        while (curH != height) {
            int th = curH + 16 > height ? height - curH : 16;
            curH += th;
            int curW = 0;
            while (curW != width) {
                int tw = curW + 16 > width ? width - curW : 16;
                curW += tw;
                long need = needed(1);
                if (need > 0) {
                    return need;
                }
                int mask = t.u8(off[0]);
                Tree tile = w.text(e, "Tile {" + curW + ":" + curH + "}, sub encoding mask " + mask, off[0], 1);
                Tree mi = w.uint(tile, "vnc.hextile_subencoding", off[0], 1);
                for (String f : new String[] {"vnc.hextile_raw", "vnc.hextile_bg", "vnc.hextile_fg", "vnc.hextile_anysubrects",
                        "vnc.hextile_subrectscolored"}) {
                    w.uint(mi, f, off[0], 1);
                }
                off[0] += 1;
                if ((mask & 1) != 0) {
                    long len = (long) tw * th * bpp;
                    need = needed(len);
                    if (need > 0) {
                        return need;
                    }
                    w.bytes(tile, "vnc.hextile_raw_value", off[0], len);
                    off[0] += (int) len;
                    continue;
                }
                for (int bit = 2; bit <= 4; bit <<= 1) {
                    if ((mask & bit) != 0) {
                        need = needed(bpp);
                        if (need > 0) {
                            return need;
                        }
                        w.bytes(tile, bit == 2 ? "vnc.hextile_bg_value" : "vnc.hextile_fg_value", off[0], bpp);
                        off[0] += bpp;
                    }
                }
                if ((mask & 8) != 0) {
                    need = needed(3);
                    if (need > 0) {
                        return need;
                    }
                    Tree ni = w.uint(tile, "vnc.hextile_num_subrects", off[0], 1);
                    int count = t.u8(off[0]);
                    off[0] += 1;
                    int len = (mask & 0x10) != 0 ? (bpp + 2) & 0xff : 2;
                    need = needed((long) len * count);
                    if (need > 0) {
                        return need;
                    }
                    for (int i = 0; i < count; i++) {
                        Tree s = w.text(ni, "Subrectangle #" + (i + 1), off[0], len);
                        if ((mask & 0x10) != 0) {
                            w.bytes(s, "vnc.hextile_subrect_pixel_value", off[0], bpp);
                            off[0] += bpp;
                        }
                        w.uint(s, "vnc.hextile_subrect_x_pos", off[0], 1);
                        w.uint(s, "vnc.hextile_subrect_y_pos", off[0], 1);
                        off[0] += 1;
                        w.uint(s, "vnc.hextile_subrect_width", off[0], 1);
                        w.uint(s, "vnc.hextile_subrect_height", off[0], 1);
                        off[0] += 1;
                    }
                }
            }
        }
        return 0;
    }

    /** vnc_context_information (MirrorLink): 20 bytes of ids, trust levels and categories. */
    private long contextInformation(Tree e) {
        long need = needed(20);
        if (need > 0) {
            return need;
        }
        String[][] items = {{"vnc.context_information_app_id", "4"}, {"vnc.context_information_app_trust_level", "2"},
            {"vnc.context_information_content_trust_level", "2"}, {"vnc.context_information_app_category", "4"},
            {"vnc.context_information_content_category", "4"}, {"vnc.context_information_content_rules", "4"}};
        for (String[] i : items) {
            int len = Integer.parseInt(i[1]);
            w.uint(e, i[0], off[0], len);
            off[0] += len;
        }
        return 0;
    }

    /** vnc_slrle_encoding (MirrorLink): a run count and its runs per scan line, runs as wide as the depth needs. */
    private long slrle(Tree e, int height) {
        int depth = w.c.depth;
        int mod = depth % 8;
        int perRun = ((mod <= 4 ? 8 : 16) - mod + depth) / 8;
        for (int i = 0; i < height; i++) { // each line reads 2 bytes at least: the bytes end the loop first
            long need = needed(2);
            if (need > 0) {
                return need;
            }
            int runs = t.u16(off[0]);
            int len = runs * perRun;
            Tree line = w.text(e, "Scanline #" + (i + 1), off[0], 2 + len);
            w.uint(line, "vnc.slrle_run_num", off[0], 2);
            off[0] += 2;
            // 4.0 adds the runs without asking for more first: runs past the bytes throw
            w.bytes(line, "vnc.slrle_run_data", off[0], len);
            off[0] += len;
        }
        return 0;
    }

    /** vnc_h264_encoding: the byte count, slice type, frame size and the data. */
    private long h264(Tree e) {
        long need = needed(16);
        if (need > 0) {
            return need;
        }
        long n = t.u32(off[0]);
        for (String f : new String[] {"vnc.h264_nbytes", "vnc.h264_slice_type", "vnc.h264_width", "vnc.h264_height"}) {
            w.uint(e, f, off[0], 4);
            off[0] += 4;
        }
        need = needed(n);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.h264_data", off[0], n);
        off[0] += (int) n;
        return 0;
    }

    /** vnc_extended_desktop_size: the screens (at most 255). */
    private long desktopSize(Tree e) {
        int screens = t.u8(off[0]);
        w.uint(e, "vnc.screen_num", off[0], 1);
        off[0] += 1;
        w.none(e, "vnc.padding", off[0], 3);
        long need = needed(3 + screens * 16L);
        if (need > 0) {
            return need;
        }
        off[0] += 3;
        for (int i = 0; i < screens; i++) {
            Tree s = w.text(e, "Screen #" + (i + 1), off[0], 16);
            w.uint(s, "vnc.screen_id", off[0], 4);
            w.uint(s, "vnc.screen_x", off[0] + 4, 2);
            w.uint(s, "vnc.screen_y", off[0] + 6, 2);
            w.uint(s, "vnc.screen_width", off[0] + 8, 2);
            w.uint(s, "vnc.screen_height", off[0] + 10, 2);
            w.uint(s, "vnc.screen_flags", off[0] + 12, 4);
            off[0] += 16;
        }
        return 0;
    }
}
