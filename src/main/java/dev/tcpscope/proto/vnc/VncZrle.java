package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * vnc_zrle_encoding (packet-vnc.c, Wireshark 4.0.17; RFC 6143 §7.7.6): the length, the zlib
 * data, and, when the data inflates on its own (tvb_child_uncompress), the first tile's
 * subencoding byte and its raw pixels or palette read from the inflated bytes, which become the
 * data source "Uncompressed ZRLE data". Inflating stops at {@link VncRects#MAX_INFLATED} bytes a
 * rectangle, and a call inflates no more once {@link VncRects#MAX_INFLATED_CALL} bytes came out
 * (thousands of small zlib bombs in one update would otherwise hold gigabytes until the next frame).
 */
final class VncZrle {
    private final VncWalk w;
    private final Tvb t;
    private final int[] off;
    private final int bpp;

    VncZrle(VncWalk w, int[] off, int bpp) {
        this.w = w;
        this.t = w.t;
        this.off = off;
        this.bpp = bpp;
    }

    private long needed(long a) {
        return Long.compareUnsigned(a & 0xffffffffL, w.remaining(off[0])) > 0 ? a & 0xffffffffL : 0;
    }

    long zrle(Tree e, int width, int height) {
        long need = needed(4);
        if (need > 0) {
            return need;
        }
        w.uint(e, "vnc.zrle_len", off[0], 4);
        long len = t.u32(off[0]);
        off[0] += 4;
        need = needed(len);
        if (need > 0) {
            return need;
        }
        w.bytes(e, "vnc.zrle_data", off[0], len);
        byte[] out;
        if (w.again != null) {
            out = w.again.hasNext() ? w.again.next() : null;
        } else {
            out = w.inflatedBytes >= VncRects.MAX_INFLATED_CALL ? null : inflate(t.copy(off[0], (int) len));
            w.inflatedBytes += out == null ? 0 : out.length;
        }
        w.inflated.add(out); // null too: the tree's walk takes them again in this order
        if (out != null) {
            Tvb u = new Tvb(MemorySegment.ofArray(out), 0, out.length, out.length);
            int sub = u.u8(0);
            Tree si = VncWalk.REG.integerItem(u, e, VncWalk.REG.row("vnc.zrle_subencoding"), 0, 1, (v, num) -> num);
            VncWalk.REG.integerItem(u, si, VncWalk.REG.row("vnc.zrle_rle"), 0, 1, (v, num) -> VncWalk.shown("vnc.zrle_rle", v, num));
            VncWalk.REG.integerItem(u, si, VncWalk.REG.row("vnc.zrle_palette_size"), 0, 1, (v, num) -> num);
            if (sub == 0) {
                long raw = (long) width * height * bpp & 0xffffffffL;
                need = needed(raw);
                if (need > 0) {
                    return need;
                }
                u.need(1, (int) raw);
                u.at(si.bytes("vnc.zrle_raw", VncWalk.REG.row("vnc.zrle_raw").title(), u.s, 1, (int) raw), 1, (int) raw);
            } else if (sub >= 130) {
                long pal = (long) (sub & 0x7f) * bpp;
                need = needed(pal);
                if (need > 0) {
                    return need;
                }
                u.need(1, (int) pal);
                u.at(si.bytes("vnc.zrle_palette", VncWalk.REG.row("vnc.zrle_palette").title(), u.s, 1, (int) pal), 1, (int) pal);
            }
        } else {
            w.expertItem(e, "vnc.zrle_failed", Tree.Severity.ERROR, Tree.Group.UNDECODED,
                    "Decompression of ZRLE data failed", off[0], (int) len);
        }
        off[0] += (int) len;
        return 0;
    }

    /** tvb_uncompress: the zlib stream inflated, or null when it is not one (or inflates to nothing). */
    static byte[] inflate(byte[] in) {
        if (in.length == 0) {
            return null;
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.min(in.length * 4, 1 << 16));
            byte[] buf = new byte[8192];
            while (!inf.finished() && out.size() < VncRects.MAX_INFLATED) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
            return out.size() == 0 ? null : out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }
}
