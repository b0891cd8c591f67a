package dev.tcpscope.proto.http2;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * HPACK (RFC 7541) header decompression as libnghttp2's inflater does it for Wireshark 4.0.17's
 * packet-http2.c: one inflater per direction of a connection, fed each HEADERS, PUSH_PROMISE and
 * CONTINUATION frame's block fragment in capture order. It emits one {@link Header} per
 * representation (a dynamic table size update is one too, as packet-http2.c lists it), keeps the
 * dynamic table, decodes Huffman strings, and fails for good on what nghttp2 refuses (index 0, a
 * bad Huffman string, a size update out of place or over the SETTINGS limit, a name or value over
 * 64 KiB, a block cut at END_HEADERS): the headers emitted before stay, none after. An index past
 * both tables reads as "&lt;unknown&gt;" with an empty value, as tshark 4.0.17 shows it.
 */
final class Hpack {
    private Hpack() { }

    /** packet-http2.c's representation types (http2_header_repr_type). */
    static final int INDEXED = 1, INCREMENTAL_INDEXED_NAME = 2, INCREMENTAL_NEW_NAME = 3, WITHOUT_INDEXED_NAME = 4,
            WITHOUT_NEW_NAME = 5, NEVER_INDEXED_NAME = 6, NEVER_NEW_NAME = 7, SIZE_UPDATE = 8;

    static String representation(int type) {
        return switch (type) {
            case INDEXED -> "Indexed Header Field";
            case INCREMENTAL_INDEXED_NAME -> "Literal Header Field with Incremental Indexing - Indexed Name";
            case INCREMENTAL_NEW_NAME -> "Literal Header Field with Incremental Indexing - New Name";
            case WITHOUT_INDEXED_NAME -> "Literal Header Field without Indexing - Indexed Name";
            case WITHOUT_NEW_NAME -> "Literal Header Field without Indexing - New Name";
            case NEVER_INDEXED_NAME -> "Literal Header Field never Indexed - Indexed Name";
            case NEVER_NEW_NAME -> "Literal Header Field never Indexed - New Name";
            case SIZE_UPDATE -> "Maximum Header Table Size Change";
            default -> "";
        };
    }

    /**
     * One decoded representation: its type, how many bytes of this fragment it took, the index
     * on the wire (the name's for a literal with an indexed name), and the field; for a size
     * update, the new size.
     */
    record Header(int type, int length, int index, byte[] name, byte[] value, long tableSize) {
        boolean indexedType() {
            return type == INDEXED || type == INCREMENTAL_INDEXED_NAME || type == WITHOUT_INDEXED_NAME || type == NEVER_INDEXED_NAME;
        }
    }

    private static final byte[][] UNKNOWN = {"<unknown>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[0]};
    /** The largest index read (a 32-bit integer). */
    static final long MAX_INDEX = 0xffffffffL;
    /** nghttp2's NGHTTP2_HD_MAX_NV: the longest name or value it accepts. */
    static final int MAX_STRING = 65536;
    /** packet-http2.c's MAX_HTTP2_HEADER_LINES and MAX_HTTP2_HEADER_SIZE. */
    static final int MAX_LINES = 200, MAX_SIZE = 256 * 1024;

    /** What one call of {@link Inflater#inflate} gives: the headers and whether a limit stopped it. */
    static final class Block {
        final List<Header> headers = new ArrayList<>();
        boolean linesExceeded;
        long sizeReached, sizeAttempted;
    }

    /** The decompression state of one direction. */
    static final class Inflater {
        /** The dynamic table, newest first: {name, value}. */
        private final ArrayDeque<byte[][]> table = new ArrayDeque<>();
        private long size;
        private long max = 4096;
        private long settingsMax = 4096;
        private boolean bad;
        /** No field yet in the current block (size updates are allowed only then). */
        private boolean blockStart = true;
        /** The bytes of a representation the last fragment cut (nghttp2 keeps its state across calls). */
        private byte[] pending = new byte[0];

        /**
         * nghttp2_hd_inflate_change_table_size: a SETTINGS_HEADER_TABLE_SIZE the peer acknowledged.
         * With tshark 4.0.17's libnghttp2 a size below the table's current maximum leaves the
         * inflater refusing every later block, size update first or not (checked on crafted
         * captures); a larger one only raises the limit of a size update.
         */
        void changeTableSize(long settings) {
            if (bad || !blockStart || pending.length > 0) {
                return; // NGHTTP2_ERR_INVALID_STATE mid-block: ignored
            }
            settingsMax = settings;
            if (max > settings) {
                bad = true;
            }
        }

        private void shrink() {
            while (size > max && !table.isEmpty()) {
                byte[][] e = table.removeLast();
                size -= e[0].length + e[1].length + 32;
            }
        }

        private void add(byte[] name, byte[] value) {
            long n = name.length + value.length + 32L;
            if (n > max) {
                table.clear();
                size = 0;
                return;
            }
            table.addFirst(new byte[][] {name, value});
            size += n;
            shrink();
        }

        /** The entry at {@code index}; past both tables tshark's inflater gives "<unknown>" and an empty value. */
        private byte[][] entry(long index) {
            if (index >= 1 && index <= STATIC.length) {
                return STATIC[(int) index - 1];
            }
            long d = index - STATIC.length - 1;
            if (index < 1 || d >= table.size()) {
                return UNKNOWN;
            }
            Iterator<byte[][]> it = table.iterator();
            for (long i = 0; i < d; i++) {
                it.next();
            }
            return it.next();
        }

        /**
         * Inflates one block fragment ({@code end}: the frame has END_HEADERS). The headers it
         * completes, in order, with the bytes each took of this fragment.
         */
        Block inflate(byte[] in, boolean end) {
            Block out = new Block();
            if (bad) {
                return out;
            }
            byte[] buf = in;
            int carried = pending.length;
            if (carried > 0) {
                buf = new byte[carried + in.length];
                System.arraycopy(pending, 0, buf, 0, carried);
                System.arraycopy(in, 0, buf, carried, in.length);
                pending = new byte[0];
            }
            int p = 0;
            long decompressed = 0;
            while (p < buf.length) {
                if (out.headers.size() >= MAX_LINES) {
                    out.linesExceeded = true;
                    return out;
                }
                Reader r = new Reader(buf, p);
                Header h;
                try {
                    h = representation(r);
                } catch (Incomplete e) {
                    if (end) {
                        bad = true;
                        return out;
                    }
                    pending = java.util.Arrays.copyOfRange(buf, p, buf.length);
                    return out;
                } catch (Failure e) {
                    bad = true;
                    return out;
                }
                int took = Math.max(0, r.pos - Math.max(p, carried));
                h = new Header(h.type, took, h.index, h.name, h.value, h.tableSize);
                p = r.pos;
                if (h.type != SIZE_UPDATE) {
                    long n = 8L + h.name.length + h.value.length;
                    if (decompressed + n >= MAX_SIZE) {
                        out.sizeReached = decompressed;
                        out.sizeAttempted = decompressed + n;
                        return out;
                    }
                    decompressed += n;
                }
                out.headers.add(h);
            }
            if (end) {
                blockStart = true; // nghttp2_hd_inflate_end_headers
            }
            return out;
        }

        private Header representation(Reader r) {
            int c = r.peek();
            if ((c & 0xe0) == 0x20) {
                if (!blockStart) {
                    throw new Failure(); // a size update after a field of the block
                }
                long v = r.integer(5, settingsMax);
                max = v;
                shrink();
                return new Header(SIZE_UPDATE, 0, 0, null, null, v);
            }
            blockStart = false;
            if ((c & 0x80) != 0) {
                long idx = r.integer(7, MAX_INDEX);
                if (idx == 0) {
                    throw new Failure();
                }
                byte[][] e = entry(idx);
                return new Header(INDEXED, 0, (int) idx, e[0], e[1], 0);
            }
            int type;
            int prefix;
            if ((c & 0x40) != 0) {
                type = c == 0x40 ? INCREMENTAL_NEW_NAME : INCREMENTAL_INDEXED_NAME;
                prefix = 6;
            } else if ((c & 0xf0) == 0x10) {
                type = c == 0x10 ? NEVER_NEW_NAME : NEVER_INDEXED_NAME;
                prefix = 4;
            } else {
                type = c == 0 ? WITHOUT_NEW_NAME : WITHOUT_INDEXED_NAME;
                prefix = 4;
            }
            byte[] name;
            int index = 0;
            if (type == INCREMENTAL_NEW_NAME || type == NEVER_NEW_NAME || type == WITHOUT_NEW_NAME) {
                r.pos++;
                name = r.string();
            } else {
                long idx = r.integer(prefix, MAX_INDEX);
                name = entry(idx)[0];
                index = (int) idx;
            }
            byte[] value = r.string();
            if (type == INCREMENTAL_NEW_NAME || type == INCREMENTAL_INDEXED_NAME) {
                add(name, value);
            }
            return new Header(type, 0, index, name, value, 0);
        }
    }

    /** The bytes run out inside a representation. */
    private static final class Incomplete extends RuntimeException {
        Incomplete() {
            super(null, null, false, false);
        }
    }

    /** nghttp2 refuses the representation (NGHTTP2_ERR_HEADER_COMP). */
    private static final class Failure extends RuntimeException {
        Failure() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int peek() {
            return b[pos] & 0xff;
        }

        int next() {
            if (pos >= b.length) {
                throw new Incomplete();
            }
            return b[pos++] & 0xff;
        }

        /** An integer with an N-bit prefix (RFC 7541 5.1), refused past {@code max}. */
        long integer(int prefix, long max) {
            int k = (1 << prefix) - 1;
            long n = next() & k;
            if (n < k) {
                if (n > max) {
                    throw new Failure();
                }
                return n;
            }
            int shift = 0;
            while (true) {
                int c = next();
                n += (long) (c & 0x7f) << shift;
                if (n > max || shift > 28) {
                    throw new Failure();
                }
                if ((c & 0x80) == 0) {
                    return n;
                }
                shift += 7;
            }
        }

        byte[] string() {
            if (pos >= b.length) {
                throw new Incomplete();
            }
            boolean huffman = (b[pos] & 0x80) != 0;
            long n = integer(7, MAX_STRING);
            if (b.length - pos < n) {
                throw new Incomplete();
            }
            int start = pos;
            pos += (int) n;
            return huffman ? huffman(b, start, (int) n) : java.util.Arrays.copyOfRange(b, start, start + (int) n);
        }
    }

    /** Decodes a Huffman string; padding must be at most 7 one bits, and EOS may not appear. */
    static byte[] huffman(byte[] b, int off, int n) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n * 8 / 5 + 1);
        int node = 0;
        int depth = 0;
        boolean allOnes = true;
        for (int i = off; i < off + n; i++) {
            int v = b[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                int x = (v >> bit) & 1;
                node = x == 0 ? ZERO[node] : ONE[node];
                if (node < 0) {
                    throw new Failure();
                }
                depth++;
                allOnes &= x == 1;
                int sym = SYMBOL[node];
                if (sym >= 0) {
                    if (sym == 256) {
                        throw new Failure();
                    }
                    out.write(sym);
                    node = 0;
                    depth = 0;
                    allOnes = true;
                }
            }
        }
        if (depth > 7 || !allOnes) {
            throw new Failure();
        }
        return out.toByteArray();
    }

    /** RFC 7541 Appendix B: each symbol's code and its length in bits (symbol 256 is EOS). */
    private static final long[] CODES = {
            0x1ff8, 13, 0x7fffd8, 23, 0xfffffe2, 28, 0xfffffe3, 28, 0xfffffe4, 28, 0xfffffe5, 28,
            0xfffffe6, 28, 0xfffffe7, 28, 0xfffffe8, 28, 0xffffea, 24, 0x3ffffffc, 30, 0xfffffe9, 28,
            0xfffffea, 28, 0x3ffffffd, 30, 0xfffffeb, 28, 0xfffffec, 28, 0xfffffed, 28, 0xfffffee, 28,
            0xfffffef, 28, 0xffffff0, 28, 0xffffff1, 28, 0xffffff2, 28, 0x3ffffffe, 30, 0xffffff3, 28,
            0xffffff4, 28, 0xffffff5, 28, 0xffffff6, 28, 0xffffff7, 28, 0xffffff8, 28, 0xffffff9, 28,
            0xffffffa, 28, 0xffffffb, 28, 0x14, 6, 0x3f8, 10, 0x3f9, 10, 0xffa, 12,
            0x1ff9, 13, 0x15, 6, 0xf8, 8, 0x7fa, 11, 0x3fa, 10, 0x3fb, 10,
            0xf9, 8, 0x7fb, 11, 0xfa, 8, 0x16, 6, 0x17, 6, 0x18, 6,
            0x0, 5, 0x1, 5, 0x2, 5, 0x19, 6, 0x1a, 6, 0x1b, 6,
            0x1c, 6, 0x1d, 6, 0x1e, 6, 0x1f, 6, 0x5c, 7, 0xfb, 8,
            0x7ffc, 15, 0x20, 6, 0xffb, 12, 0x3fc, 10, 0x1ffa, 13, 0x21, 6,
            0x5d, 7, 0x5e, 7, 0x5f, 7, 0x60, 7, 0x61, 7, 0x62, 7,
            0x63, 7, 0x64, 7, 0x65, 7, 0x66, 7, 0x67, 7, 0x68, 7,
            0x69, 7, 0x6a, 7, 0x6b, 7, 0x6c, 7, 0x6d, 7, 0x6e, 7,
            0x6f, 7, 0x70, 7, 0x71, 7, 0x72, 7, 0xfc, 8, 0x73, 7,
            0xfd, 8, 0x1ffb, 13, 0x7fff0, 19, 0x1ffc, 13, 0x3ffc, 14, 0x22, 6,
            0x7ffd, 15, 0x3, 5, 0x23, 6, 0x4, 5, 0x24, 6, 0x5, 5,
            0x25, 6, 0x26, 6, 0x27, 6, 0x6, 5, 0x74, 7, 0x75, 7,
            0x28, 6, 0x29, 6, 0x2a, 6, 0x7, 5, 0x2b, 6, 0x76, 7,
            0x2c, 6, 0x8, 5, 0x9, 5, 0x2d, 6, 0x77, 7, 0x78, 7,
            0x79, 7, 0x7a, 7, 0x7b, 7, 0x7ffe, 15, 0x7fc, 11, 0x3ffd, 14,
            0x1ffd, 13, 0xffffffc, 28, 0xfffe6, 20, 0x3fffd2, 22, 0xfffe7, 20, 0xfffe8, 20,
            0x3fffd3, 22, 0x3fffd4, 22, 0x3fffd5, 22, 0x7fffd9, 23, 0x3fffd6, 22, 0x7fffda, 23,
            0x7fffdb, 23, 0x7fffdc, 23, 0x7fffdd, 23, 0x7fffde, 23, 0xffffeb, 24, 0x7fffdf, 23,
            0xffffec, 24, 0xffffed, 24, 0x3fffd7, 22, 0x7fffe0, 23, 0xffffee, 24, 0x7fffe1, 23,
            0x7fffe2, 23, 0x7fffe3, 23, 0x7fffe4, 23, 0x1fffdc, 21, 0x3fffd8, 22, 0x7fffe5, 23,
            0x3fffd9, 22, 0x7fffe6, 23, 0x7fffe7, 23, 0xffffef, 24, 0x3fffda, 22, 0x1fffdd, 21,
            0xfffe9, 20, 0x3fffdb, 22, 0x3fffdc, 22, 0x7fffe8, 23, 0x7fffe9, 23, 0x1fffde, 21,
            0x7fffea, 23, 0x3fffdd, 22, 0x3fffde, 22, 0xfffff0, 24, 0x1fffdf, 21, 0x3fffdf, 22,
            0x7fffeb, 23, 0x7fffec, 23, 0x1fffe0, 21, 0x1fffe1, 21, 0x3fffe0, 22, 0x1fffe2, 21,
            0x7fffed, 23, 0x3fffe1, 22, 0x7fffee, 23, 0x7fffef, 23, 0xfffea, 20, 0x3fffe2, 22,
            0x3fffe3, 22, 0x3fffe4, 22, 0x7ffff0, 23, 0x3fffe5, 22, 0x3fffe6, 22, 0x7ffff1, 23,
            0x3ffffe0, 26, 0x3ffffe1, 26, 0xfffeb, 20, 0x7fff1, 19, 0x3fffe7, 22, 0x7ffff2, 23,
            0x3fffe8, 22, 0x1ffffec, 25, 0x3ffffe2, 26, 0x3ffffe3, 26, 0x3ffffe4, 26, 0x7ffffde, 27,
            0x7ffffdf, 27, 0x3ffffe5, 26, 0xfffff1, 24, 0x1ffffed, 25, 0x7fff2, 19, 0x1fffe3, 21,
            0x3ffffe6, 26, 0x7ffffe0, 27, 0x7ffffe1, 27, 0x3ffffe7, 26, 0x7ffffe2, 27, 0xfffff2, 24,
            0x1fffe4, 21, 0x1fffe5, 21, 0x3ffffe8, 26, 0x3ffffe9, 26, 0xffffffd, 28, 0x7ffffe3, 27,
            0x7ffffe4, 27, 0x7ffffe5, 27, 0xfffec, 20, 0xfffff3, 24, 0xfffed, 20, 0x1fffe6, 21,
            0x3fffe9, 22, 0x1fffe7, 21, 0x1fffe8, 21, 0x7ffff3, 23, 0x3fffea, 22, 0x3fffeb, 22,
            0x1ffffee, 25, 0x1ffffef, 25, 0xfffff4, 24, 0xfffff5, 24, 0x3ffffea, 26, 0x7ffff4, 23,
            0x3ffffeb, 26, 0x7ffffe6, 27, 0x3ffffec, 26, 0x3ffffed, 26, 0x7ffffe7, 27, 0x7ffffe8, 27,
            0x7ffffe9, 27, 0x7ffffea, 27, 0x7ffffeb, 27, 0xffffffe, 28, 0x7ffffec, 27, 0x7ffffed, 27,
            0x7ffffee, 27, 0x7ffffef, 27, 0x7fffff0, 27, 0x3ffffee, 26,
            0x3fffffff, 30};

    private static final int[] ZERO, ONE, SYMBOL;

    static {
        int cap = 600;
        int[] zero = new int[cap], one = new int[cap], sym = new int[cap];
        java.util.Arrays.fill(zero, -1);
        java.util.Arrays.fill(one, -1);
        java.util.Arrays.fill(sym, -1);
        int nodes = 1;
        for (int s = 0; s <= 256; s++) {
            long code = CODES[2 * s];
            int len = (int) CODES[2 * s + 1];
            int node = 0;
            for (int i = len - 1; i >= 0; i--) {
                int bit = (int) (code >> i) & 1;
                int[] next = bit == 0 ? zero : one;
                if (next[node] < 0) {
                    next[node] = nodes++;
                }
                node = next[node];
            }
            sym[node] = s;
        }
        ZERO = zero;
        ONE = one;
        SYMBOL = sym;
    }

    private static byte[][] e(String name, String value) {
        return new byte[][] {name.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                value.getBytes(java.nio.charset.StandardCharsets.US_ASCII)};
    }

    /** RFC 7541 Appendix A. */
    static final byte[][][] STATIC = {
            e(":authority", ""), e(":method", "GET"), e(":method", "POST"), e(":path", "/"), e(":path", "/index.html"),
            e(":scheme", "http"), e(":scheme", "https"), e(":status", "200"), e(":status", "204"), e(":status", "206"),
            e(":status", "304"), e(":status", "400"), e(":status", "404"), e(":status", "500"), e("accept-charset", ""),
            e("accept-encoding", "gzip, deflate"), e("accept-language", ""), e("accept-ranges", ""), e("accept", ""),
            e("access-control-allow-origin", ""), e("age", ""), e("allow", ""), e("authorization", ""),
            e("cache-control", ""), e("content-disposition", ""), e("content-encoding", ""), e("content-language", ""),
            e("content-length", ""), e("content-location", ""), e("content-range", ""), e("content-type", ""),
            e("cookie", ""), e("date", ""), e("etag", ""), e("expect", ""), e("expires", ""), e("from", ""), e("host", ""),
            e("if-match", ""), e("if-modified-since", ""), e("if-none-match", ""), e("if-range", ""),
            e("if-unmodified-since", ""), e("last-modified", ""), e("link", ""), e("location", ""), e("max-forwards", ""),
            e("proxy-authenticate", ""), e("proxy-authorization", ""), e("range", ""), e("referer", ""), e("refresh", ""),
            e("retry-after", ""), e("server", ""), e("set-cookie", ""), e("strict-transport-security", ""),
            e("transfer-encoding", ""), e("user-agent", ""), e("vary", ""), e("via", ""), e("www-authenticate", "")};
}
