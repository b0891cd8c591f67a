package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * A cursor over XDR data (RFC 4506) as packet-rpc.c's helpers read it into the tree: 32- and
 * 64-bit integers, counted strings and opaques with their "length", "contents" and "fill bytes"
 * items, and NFS file handles with their CRC-32 hash. Every read is bounds-checked by {@link Tvb}.
 */
final class Xdr {
    final Tvb b;
    int off;

    Xdr(Tvb b, int off) {
        this.b = b;
        this.off = off;
    }

    long u32() {
        long v = b.u32(off);
        off += 4;
        return v;
    }

    long peek() {
        return b.u32(off);
    }

    /** A 32-bit field "Title: N" (or {@code label} when given) under {@code parent}. */
    long uint(Tree parent, String key, String title) {
        long v = b.u32(off);
        b.at(parent.field(key, title + ": " + v, Long.toString(v)), off, 4);
        off += 4;
        return v;
    }

    /** A 32-bit field whose whole label is {@code label.apply(value)}. */
    long uint(Tree parent, String key, java.util.function.LongFunction<String> label) {
        long v = b.u32(off);
        b.at(parent.field(key, label.apply(v), Long.toString(v)), off, 4);
        off += 4;
        return v;
    }

    /** A 32-bit field shown and valued in hex ("Stamp: 0x01231cc5"). */
    long hex(Tree parent, String key, String title) {
        long v = b.u32(off);
        b.at(parent.field(key, title + ": " + hex8(v), hex8(v)), off, 4);
        off += 4;
        return v;
    }

    /** A 64-bit unsigned field "Title: N". */
    long uint64(Tree parent, String key, String title) {
        b.need(off, 8);
        long v = b.u32(off) << 32 | b.u32(off + 4);
        String s = Long.toUnsignedString(v);
        b.at(parent.field(key, title + ": " + s, s), off, 8);
        off += 8;
        return v;
    }

    /** A boolean XDR field shown "Title: Yes/No". */
    boolean bool(Tree parent, String key, String title) {
        long v = b.u32(off);
        b.at(parent.field(key, title + ": " + (v != 0 ? "Yes" : "No"), v != 0 ? "1" : "0"), off, 4);
        off += 4;
        return v != 0;
    }

    /**
     * packet-rpc.c dissect_rpc_opaque_data for a counted string ({@code string}) or opaque: a
     * subtree "Title: text" with "length: N", "contents: text" and, when the data is padded,
     * "fill bytes: opaque data". Returns the string (opaque data: null).
     */
    String counted(Tree parent, String key, String title, boolean string) {
        int start = off;
        long n = b.u32(off);
        int len = (int) Math.min(n, Integer.MAX_VALUE);
        int fill = (int) ((4 - (n & 3)) & 3);
        b.need(off + 4, len); // the item throws when the data is not there
        String text = string ? Text.format(b.s, b.base + off + 4, len) : "<DATA>";
        if (len == 0) {
            text = "<EMPTY>";
        }
        Tree t = b.at(parent.text(title + ": " + text), start, 4 + len + fill);
        b.at(t.field("rpc.opaque_length", "length: " + n, Long.toString(n)), off, 4);
        if (string) {
            b.at(t.field(key, "contents: " + text, Text.ascii(b.s, b.base + off + 4, len)), off + 4, len);
        } else {
            b.at(t.bytes(key, "contents", b.s, b.base + off + 4, len).relabel("contents: " + text), off + 4, len);
        }
        if (fill > 0) {
            b.need(off + 4 + len, fill);
            b.at(t.bytes("rpc.fill_bytes", "fill bytes", b.s, b.base + off + 4 + len, fill).relabel("fill bytes: opaque data"),
                    off + 4 + len, fill);
        }
        String value = string ? Text.latin1(b.s, b.base + off + 4, len) : null;
        off += 4 + len + fill;
        return value;
    }

    /** packet-rpc.c's list step: "Value Follows: Yes/No" ({@code rpc.value_follows}); whether an element follows. */
    boolean follows(Tree parent) {
        boolean more = b.u32(off) != 0;
        b.at(parent.field("rpc.value_follows", "Value Follows: " + (more ? "Yes" : "No"), more ? "1" : "0"), off, 4);
        off += 4;
        return more;
    }

    /** A fixed-length opaque ("Verifier: Opaque Data"). */
    void fixedOpaque(Tree parent, String key, String title, int len) {
        b.need(off, len);
        b.at(parent.bytes(key, title, b.s, b.base + off, len).relabel(title + ": Opaque Data"), off, len);
        off += len;
    }

    /** CRC-32 of bytes (the file handle hash packet-nfs.c shows). */
    int crc32(int at, int len) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        b.need(at, len);
        byte[] bytes = b.copy(at, len);
        c.update(bytes);
        return (int) c.getValue();
    }

    static String hex8(long v) {
        String h = Long.toHexString(v & 0xffffffffL);
        return "0x" + "00000000".substring(h.length()) + h;
    }
}
