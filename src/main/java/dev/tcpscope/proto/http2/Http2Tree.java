package dev.tcpscope.proto.http2;

import dev.tcpscope.proto.LayerTree.End;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The items of one HTTP/2 PDU, in packet-http2.c's order (dissect_http2_pdu and what it calls). */
final class Http2Tree {
    private Http2Tree() { }

    static End pdu(Http2.Pdu p, Tree root, Consumer<String> protocols) {
        MemorySegment s = p.s;
        long b = p.base;
        Tree proto = root.protocol("http2", "HyperText Transfer Protocol 2").at(s, b, p.cap);
        if (p.magic) {
            Tree st = proto.none("http2.stream", "Stream: Magic").at(s, b, Http2.MAGIC.length);
            st.string("http2.magic", "Magic", new String(Http2.MAGIC, StandardCharsets.US_ASCII)).at(s, b, Http2.MAGIC.length);
            return End.OK;
        }
        if (p.cap < 9) {
            return p.end;
        }
        String type = Http2.typeName(p.type);
        // dissect_http2_pdu keeps the length in a guint16: the item's text shows its low 16 bits
        Tree st = proto.none("http2.stream", "Stream: " + type + ", Stream ID: " + Integer.toUnsignedString(p.streamId)
                + ", Length " + (p.length & 0xffff) + p.streamText).at(s, b, p.cap);
        st.field("http2.length", "Length: " + p.length, Integer.toString(p.length)).at(s, b, 3);
        String typeLabel = p.type <= Http2.BLOCKED || p.type == Http2.ORIGIN || p.type == Http2.PRIORITY_UPDATE
                ? Http2.typeName(p.type) : "Unknown";
        st.field("http2.type", "Type: " + typeLabel + " (" + p.type + ")", Integer.toString(p.type)).at(s, b + 3, 1);
        flags(st, p);
        long r = p.u32(5);
        bit31(st, "http2.r", "Reserved", r, s, b + 5);
        masked(st, "http2.streamid", "Stream Identifier", r, s, b + 5);
        switch (p.type) {
            case Http2.DATA -> data(p, proto, st, protocols);
            case Http2.HEADERS -> {
                if (p.body != null) {
                    fullBody(p, proto, st, protocols); // trailers with END_STREAM end the body first
                }
                headers(p, st);
            }
            case Http2.PRIORITY -> priority(p, st, 9);
            case Http2.RST_STREAM -> {
                if (p.cap >= 13) {
                    long e = p.u32(9);
                    st.field("http2.rst_stream.error", "Error: " + error(e) + " (" + e + ")", Long.toString(e)).at(s, b + 9, 4);
                }
            }
            case Http2.SETTINGS -> settings(p, st);
            case Http2.PUSH_PROMISE -> pushPromise(p, st);
            case Http2.PING -> {
                if (p.cap >= 17) {
                    boolean ack = (p.flags & Http2.ACK) != 0;
                    st.bytes(ack ? "http2.pong" : "http2.ping", ack ? "Pong" : "Ping", s, b + 9, 8).at(s, b + 9, 8);
                }
            }
            case Http2.GOAWAY -> goaway(p, st);
            case Http2.WINDOW_UPDATE -> {
                if (p.cap >= 13) {
                    long w = p.u32(9);
                    bit31(st, "http2.window_update.r", "Reserved", w, s, b + 9);
                    masked(st, "http2.window_update.window_size_increment", "Window Size Increment", w, s, b + 9);
                }
            }
            case Http2.CONTINUATION -> continuation(p, st);
            case Http2.ALTSVC -> altsvc(p, st);
            case Http2.BLOCKED -> { }
            default -> {
                if (p.cap > 9) {
                    st.bytes("http2.unknown", "Unknown", s, b + 9, p.cap - 9).at(s, b + 9, p.cap - 9);
                }
            }
        }
        return p.end;
    }

    /** The flag names each type defines, high bit first: {mask, key, name}; the unused mask comes first. */
    private static Object[][] flagsOf(int type) {
        return switch (type) {
            case Http2.DATA -> new Object[][] {{0xf6, "http2.flags.unused_data", null},
                    {0x08, "http2.flags.padded", "Padded"}, {0x01, "http2.flags.end_stream", "End Stream"}};
            case Http2.HEADERS -> new Object[][] {{0xd2, "http2.flags.unused_headers", null},
                    {0x20, "http2.flags.priority", "Priority"}, {0x08, "http2.flags.padded", "Padded"},
                    {0x04, "http2.flags.eh", "End Headers"}, {0x01, "http2.flags.end_stream", "End Stream"}};
            case Http2.SETTINGS -> new Object[][] {{0xfe, "http2.flags.unused_settings", null},
                    {0x01, "http2.flags.ack.settings", "ACK"}};
            case Http2.PUSH_PROMISE -> new Object[][] {{0xf3, "http2.flags.unused_push_promise", null},
                    {0x08, "http2.flags.padded", "Padded"}, {0x04, "http2.flags.eh", "End Headers"}};
            case Http2.CONTINUATION -> new Object[][] {{0xfb, "http2.flags.unused_continuation", null},
                    {0x08, "http2.flags.padded", "Padded"}, {0x04, "http2.flags.eh", "End Headers"}};
            case Http2.PING -> new Object[][] {{0xfe, "http2.flags.unused_ping", null},
                    {0x01, "http2.flags.ack.ping", "ACK"}};
            default -> new Object[][] {{0xff, "http2.flags.unused", null}};
        };
    }

    private static void flags(Tree st, Http2.Pdu p) {
        int f = p.flags;
        Object[][] defs = flagsOf(p.type);
        StringBuilder label = new StringBuilder("Flags: 0x").append(hex(f, 2));
        for (Object[] d : defs) {
            if (d[2] != null && (f & (int) d[0]) != 0) {
                label.append(", ").append(d[2]);
            }
        }
        Tree t = st.field("http2.flags", label.toString(), "0x" + hex(f, 2)).at(p.s, p.base + 4, 1);
        for (Object[] d : defs) {
            int mask = (int) d[0];
            if (d[2] == null) {
                int shift = Integer.numberOfTrailingZeros(mask);
                int v = (f & mask) >>> shift;
                int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(mask >>> shift) + 3) / 4);
                t.field((String) d[1], Text.bits(f, mask, 8) + " = Unused: 0x" + hex(v, digits), "0x" + hex(v, 2))
                        .at(p.s, p.base + 4, 1).bitmask(mask);
            } else {
                boolean on = (f & mask) != 0;
                t.field((String) d[1], Text.bits(f, mask, 8) + " = " + d[2] + ": " + (on ? "True" : "False"), on ? "1" : "0")
                        .at(p.s, p.base + 4, 1).bitmask(mask);
            }
        }
    }

    private static void bit31(Tree t, String key, String name, long v, MemorySegment s, long at) {
        long x = v >>> 31;
        t.field(key, Text.bits((int) v, 0x80000000, 32) + " = " + name + ": 0x" + x, "0x" + hex(x, 8)).at(s, at, 4).bitmask(0x80000000L);
    }

    private static void masked(Tree t, String key, String name, long v, MemorySegment s, long at) {
        long x = v & 0x7fffffffL;
        t.field(key, Text.bits((int) v, 0x7fffffff, 32) + " = " + name + ": " + x, Long.toString(x)).at(s, at, 4).bitmask(0x7fffffffL);
    }

    static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    /** dissect_frame_padding: the raw pad length when PADDED, then the generated one; the offset after. */
    private static long padding(Http2.Pdu p, Tree st) {
        long at = 9;
        int pad = 0;
        if ((p.flags & Http2.PADDED) != 0) {
            if (p.cap < 10) {
                return -1;
            }
            pad = p.u8(9);
            st.field("http2.padding", "Pad Length: 0x" + hex(pad, 2), "0x" + hex(pad, 2)).at(p.s, p.base + 9, 1);
            at = 10;
            st.field("http2.pad_length", "Pad Length: " + pad, Integer.toString(pad)).generated().at(p.s, p.base + 9, 1);
        } else {
            st.field("http2.pad_length", "Pad Length: 0", "0").generated().at(p.s, p.base + 9, 0);
        }
        return at;
    }

    private static int padLength(Http2.Pdu p) {
        return (p.flags & Http2.PADDED) != 0 && p.cap >= 10 ? p.u8(9) : 0;
    }

    /** dissect_frame_prio's items at {@code at}; the offset after, or -1 when the PDU ends first. */
    private static long priority(Http2.Pdu p, Tree st, long at) {
        if (p.cap < at + 4) {
            return -1;
        }
        long v = p.u32(at);
        boolean excl = (v & 0x80000000L) != 0;
        st.field("http2.exclusive", Text.bits((int) v, 0x80000000, 32) + " = Exclusive: " + (excl ? "True" : "False"),
                excl ? "1" : "0").at(p.s, p.base + at, 4).bitmask(0x80000000L);
        masked(st, "http2.stream_dependency", "Stream Dependency", v, p.s, p.base + at);
        if (p.cap < at + 5) {
            return -1;
        }
        int w = p.u8(at + 4);
        st.field("http2.headers.weight", "Weight: " + w, Integer.toString(w)).at(p.s, p.base + at + 4, 1);
        st.field("http2.headers.weight_real", "Weight real: " + (w + 1), Integer.toString(w + 1)).generated().at(p.s, p.base + at + 4, 1);
        return at + 5;
    }

    private static void data(Http2.Pdu p, Tree proto, Tree st, Consumer<String> protocols) {
        long at = padding(p, st);
        if (at < 0 || p.dataOffset == 0) {
            return; // the pad length or the data ran past the bytes
        }
        if (p.reassembledIn != 0) {
            st.field("http2.body.reassembled.in", "Reassembled body in frame: " + p.reassembledIn,
                    Integer.toString(p.reassembledIn)).at(p.s, p.base, 0);
        }
        if (p.body != null) {
            fullBody(p, proto, st, protocols);
        } else {
            st.bytes("http2.data.data", "Data", p.s, p.base + p.dataOffset, p.dataLength).at(p.s, p.base + p.dataOffset, p.dataLength);
        }
        int pad = padLength(p);
        if (pad > 0 && p.end == End.OK) {
            long po = p.dataOffset + p.dataLength;
            st.bytes("http2.data.padding", "Padding", p.s, p.base + po, pad).at(p.s, p.base + po, pad);
        }
    }

    /** process_reassembled_data's fragment tree (several DATA frames) and dissect_http2_data_full_body. */
    private static void fullBody(Http2.Pdu p, Tree proto, Tree st, Consumer<String> protocols) {
        MemorySegment body;
        long off;
        if (!p.ownFragment) {
            body = MemorySegment.ofArray(p.body);
            off = 0;
            dev.tcpscope.proto.Fragments.tree(st, FRAGMENTS, p.bodyParts, body, p.body.length);
        } else {
            body = p.s; // one fragment: the PDU's bytes from the data on, padding included
            off = p.base + p.dataOffset;
        }
        int n = p.body.length;
        if (p.contentEncoding != null) {
            Tree e = st.text("Content-encoded entity body (" + p.contentEncoding + "): " + n + " bytes"
                    + (p.inflated != null ? " -> " + p.inflated.length + " bytes" : "")).at(body, off, n);
            if (p.inflated != null) {
                MemorySegment u = MemorySegment.ofArray(p.inflated);
                bodyData(p, e, st, u, 0, p.inflated.length, protocols);
            } else {
                e.text("Body decompression failed").at(body, off, n)
                        .expert("http2.body_decompression_failed", Tree.Severity.WARNING, Tree.Group.UNDECODED, "Body decompression failed");
                bodyData(p, e, st, body, off, n, protocols);
            }
        } else {
            bodyData(p, st, proto, body, off, n, protocols);
        }
    }

    /** dissect_body_data: the Data item, then the content type's media dissector in the tree above. */
    private static void bodyData(Http2.Pdu p, Tree tree, Tree parent, MemorySegment s, long off, int n, Consumer<String> protocols) {
        tree.bytes("http2.data.data", "Data", s, off, n).at(s, off, n);
        dev.tcpscope.proto.Media.Dissector d = dev.tcpscope.proto.Media.byType(p.contentType);
        if (d != null && d.accepts(s, off, n)) {
            protocols.accept(d.name());
            d.tree(parent, p.contentType, s, off, n, protocols);
        }
    }

    /** packet-http2.c's http2_body_fragment_items. */
    private static final dev.tcpscope.proto.Fragments.Names FRAGMENTS = new dev.tcpscope.proto.Fragments.Names(
            "http2.body.fragments", "http2.body.fragment", "http2.body.fragment.count", "http2.body.reassembled.length",
            "http2.body.reassembled.data", "Body fragment", "Body fragments", "Body fragment count", "Reassembled body length",
            "Reassembled body data");

    private static void headers(Http2.Pdu p, Tree st) {
        long at = padding(p, st);
        if (at < 0) {
            return;
        }
        if ((p.flags & Http2.PRIORITY_FLAG) != 0) {
            at = priority(p, st, at);
            if (at < 0) {
                return;
            }
        }
        block(p, st, "http2.headers", "Header Block Fragment", true);
        int pad = padLength(p);
        if (pad > 0 && p.end == End.OK) {
            long po = p.blockOffset + p.blockLength;
            st.bytes("http2.headers.padding", "Padding", p.s, p.base + po, pad).at(p.s, p.base + po, pad);
        }
    }

    private static void pushPromise(Http2.Pdu p, Tree st) {
        long at = padding(p, st);
        if (at < 0 || p.cap < at + 4) {
            return;
        }
        long v = p.u32(at);
        bit31(st, "http2.push_promise.r", "Reserved", v, p.s, p.base + at);
        masked(st, "http2.push_promise.promised_stream_id", "Promised-Stream-ID", v, p.s, p.base + at);
        block(p, st, "http2.push_promise.header", "Header Block Fragment", true);
        int pad = padLength(p);
        if (pad > 0 && p.end == End.OK) {
            long po = p.blockOffset + p.blockLength;
            st.bytes("http2.push_promise.padding", "Padding", p.s, p.base + po, pad).at(p.s, p.base + po, pad);
        }
    }

    private static void continuation(Http2.Pdu p, Tree st) {
        long at = padding(p, st);
        if (at < 0) {
            return;
        }
        block(p, st, "http2.continuation.header", "Continuation Header", false);
        int pad = padLength(p);
        if (pad > 0 && p.end == End.OK) {
            long po = p.blockOffset + p.blockLength;
            st.bytes("http2.continuation.padding", "Padding", p.s, p.base + po, pad).at(p.s, p.base + po, pad);
        }
    }

    /** The block's own item, then inflate_http2_header_block's items. */
    private static void block(Http2.Pdu p, Tree st, String key, String name, boolean bytes) {
        if (p.block == null) {
            return;
        }
        MemorySegment s = p.s;
        long at = p.base + p.blockOffset;
        int n = p.blockLength;
        if (bytes) {
            st.bytes(key, name, s, at, n).at(s, at, n);
        } else {
            byte[] raw = new byte[n];
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, at, raw, 0, n);
            st.string(key, name, Http2.ascii(raw)).at(s, at, n);
        }
        java.util.List<Hpack.Header> hs = p.block.headers;
        if (hs.isEmpty()) {
            return;
        }
        byte[] dec = decompressed(p);
        MemorySegment d = MemorySegment.ofArray(dec);
        int total = dec.length;
        Tree len = st.field("http2.header.length", "Header Length: " + total, Integer.toString(total)).generated().at(d, 0, Math.min(1, total));
        if (p.block.sizeAttempted > 0) {
            len.expert("http2.header_size_exceeded", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Decompression stopped after " + p.block.sizeReached + " bytes (" + p.block.sizeAttempted + " attempted).");
        }
        Tree cnt = st.field("http2.header.count", "Header Count: " + hs.size(), Integer.toString(hs.size())).generated()
                .at(d, 0, Math.min(1, total));
        if (p.block.linesExceeded) {
            cnt.expert("http2.header_lines_exceeded", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Decompression stopped after 200 header lines.");
        }
        long off = at;
        int h = 0;
        for (Hpack.Header x : hs) {
            if (x.type() == Hpack.SIZE_UPDATE) {
                Tree u = st.none("http2.header_table_size_update", "Header table size update").at(s, off, x.length());
                u.field("http2.header_table_size_update.header_table_size", "Header table size: " + x.tableSize(),
                        Long.toString(x.tableSize())).at(s, off, x.length());
                off += x.length();
                continue;
            }
            String hn = Http2.ascii(x.name());
            String hv = Http2.ascii(x.value());
            String label = "Header: " + hn + ": " + hv;
            if (hn.equals(":status")) {
                label += " " + Http2.reason(hv);
            }
            Tree t = st.line("http2.header", label, null).at(s, off, x.length());
            int nl = x.name().length, vl = x.value().length;
            t.field("http2.header.name.length", "Name Length: " + nl, Integer.toString(nl)).at(d, h, 4);
            t.string("http2.header.name", "Name", hn).at(d, h + 4, nl);
            t.field("http2.header.value.length", "Value Length: " + vl, Integer.toString(vl)).at(d, h + 4 + nl, 4);
            int vo = h + 8 + nl;
            t.string("http2.header.value", "Value", hv).at(d, vo, vl);
            named(t, hn, hv, d, vo, vl);
            String unescaped = unescape(x.value());
            if (unescaped != null) {
                t.string("http2.header.unescaped", "Unescaped", unescaped).generated().at(d, vo, vl);
            }
            t.string("http2.header.repr", "Representation", Hpack.representation(x.type())).at(s, off, 1);
            if (x.indexedType()) {
                int il = x.type() == Hpack.INDEXED ? x.length() : 1;
                t.field("http2.header.index", "Index: " + x.index(), Integer.toString(x.index())).at(s, off, il);
            }
            off += x.length();
            h = vo + vl;
        }
        if (p.fullUri != null) {
            st.string("http2.request.full_uri", "Full request URI", p.fullUri).generated();
        }
    }

    /** try_add_named_header_field: the header's own field when packet-http2.c registers one. */
    private static void named(Tree t, String name, String value, MemorySegment d, int off, int len) {
        String key = switch (name) {
            case ":authority", ":status", ":path", ":method", ":scheme", "accept", "accept-charset", "accept-encoding",
                    "accept-language", "accept-ranges", "access-control-allow-origin", "age", "allow", "authorization",
                    "cache-control", "content-disposition", "content-encoding", "content-language", "content-length",
                    "content-location", "content-range", "content-type", "cookie", "date", "etag", "expect", "expires",
                    "from", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since",
                    "last-modified", "link", "location", "max-forwards", "proxy-authenticate", "proxy-authorization",
                    "range", "referer", "refresh", "retry-after", "server", "set-cookie", "strict-transport-security",
                    "user-agent", "vary", "via", "www-authenticate" ->
                    "http2.headers." + name.replace(":", "").replace('-', '_');
            default -> null;
        };
        if (key == null) {
            return;
        }
        boolean number = name.equals(":status") || name.equals("age") || name.equals("content-length") || name.equals("max-forwards");
        if (number) {
            long v = unsigned(value, name.equals(":status") ? 0xffffffffL : Long.MAX_VALUE);
            if (v >= 0) {
                String shown = name.equals(":status") ? Long.toString(v & 0xffff) : Long.toString(v);
                t.field(key, name + ": " + shown, shown).at(d, off, len);
            }
            return;
        }
        t.string(key, name, value).at(d, off, len);
    }

    /** ws_strtou32/ws_strtou64 over the whole string: -1 when it is not a number in range. */
    private static long unsigned(String v, long max) {
        if (v.isEmpty() || v.length() > 19) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n > max ? -1 : n;
    }

    /** g_uri_unescape_string: null for a '%' without two hex digits after it, or one that makes a NUL. */
    static String unescape(byte[] v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length);
        for (int i = 0; i < v.length; i++) {
            int c = v[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= v.length) {
                    return null;
                }
                int hi = Character.digit(v[i + 1], 16), lo = Character.digit(v[i + 2], 16);
                if (hi < 0 || lo < 0 || hi * 16 + lo == 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The "Decompressed Header" data source: each header's name and value, each after its 32-bit length. */
    static byte[] decompressed(Http2.Pdu p) {
        if (p.decompressed == null) {
            p.decompressed = decompressed(p.block);
        }
        return p.decompressed;
    }

    private static byte[] decompressed(Hpack.Block block) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Hpack.Header x : block.headers) {
            if (x.type() == Hpack.SIZE_UPDATE) {
                continue;
            }
            int4(out, x.name().length);
            out.writeBytes(x.name());
            int4(out, x.value().length);
            out.writeBytes(x.value());
        }
        return out.toByteArray();
    }

    private static void int4(java.io.ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    static void settings(Http2.Pdu p, Tree st) {
        for (long at = 9; at + 6 <= p.cap; at += 6) {
            int id = p.u16(at);
            long v = p.u32(at + 2);
            String[] n = setting(id);
            Tree t = st.none("http2.settings", "Settings - " + n[0] + " : " + v).at(p.s, p.base + at, 6);
            t.field("http2.settings.id", "Settings Identifier: " + n[0] + " (" + id + ")", Integer.toString(id)).at(p.s, p.base + at, 2);
            t.field(n[1], n[2] + ": " + v, Long.toString(v)).at(p.s, p.base + at + 2, 4);
        }
    }

    /** {name as the id shows it, value field, value title}. */
    private static String[] setting(int id) {
        return switch (id) {
            case 1 -> new String[] {"Header table size", "http2.settings.header_table_size", "Header table size"};
            case 2 -> new String[] {"Enable PUSH", "http2.settings.enable_push", "Enable PUSH"};
            case 3 -> new String[] {"Max concurrent streams", "http2.settings.max_concurrent_streams", "Max concurrent streams"};
            case 4 -> new String[] {"Initial Windows size", "http2.settings.initial_window_size", "Initial Windows Size"};
            case 5 -> new String[] {"Max frame size", "http2.settings.max_frame_size", "Max frame size"};
            case 6 -> new String[] {"Max header list size", "http2.settings.max_header_list_size", "Max header list size"};
            case 8 -> new String[] {"Extended CONNECT", "http2.settings.extended_connect", "Extended CONNECT"};
            default -> new String[] {"Unknown (" + id + ")", "http2.settings.unknown", "Unknown Settings"};
        };
    }

    private static void goaway(Http2.Pdu p, Tree st) {
        if (p.cap < 13) {
            return;
        }
        long v = p.u32(9);
        bit31(st, "http2.goway.r", "Reserved", v, p.s, p.base + 9);
        masked(st, "http2.goaway.last_stream_id", "Last-Stream-ID", v, p.s, p.base + 9);
        if (p.cap < 17) {
            return;
        }
        long e = p.u32(13);
        st.field("http2.goaway.error", "Error: " + error(e) + " (" + e + ")", Long.toString(e)).at(p.s, p.base + 13, 4);
        if (p.cap > 17) {
            st.bytes("http2.goaway.addata", "Additional Debug Data", p.s, p.base + 17, p.cap - 17).at(p.s, p.base + 17, p.cap - 17);
        }
    }

    private static void altsvc(Http2.Pdu p, Tree st) {
        if (p.cap < 11) {
            return;
        }
        int ol = p.u16(9);
        st.field("http2.altsvc.origin.len", "Origin Length: " + ol, Integer.toString(ol)).at(p.s, p.base + 9, 2);
        if (p.cap < 11 + ol) {
            return;
        }
        byte[] o = new byte[ol];
        MemorySegment.copy(p.s, java.lang.foreign.ValueLayout.JAVA_BYTE, p.base + 11, o, 0, ol);
        st.string("http2.altsvc.origin", "Origin", Http2.ascii(o)).at(p.s, p.base + 11, ol);
        int rest = (p.length & 0xffff) - 2 - ol;
        if (rest > 0 && 11 + ol + rest <= p.cap) {
            byte[] f = new byte[rest];
            MemorySegment.copy(p.s, java.lang.foreign.ValueLayout.JAVA_BYTE, p.base + 11 + ol, f, 0, rest);
            st.string("http2.altsvc.field_value", "Field/Value", Http2.ascii(f)).at(p.s, p.base + 11 + ol, rest);
        }
    }

    static String error(long code) {
        if (code > 13) {
            return "Unknown";
        }
        return switch ((int) code) {
            case 0 -> "NO_ERROR";
            case 1 -> "PROTOCOL_ERROR";
            case 2 -> "INTERNAL_ERROR";
            case 3 -> "FLOW_CONTROL_ERROR";
            case 4 -> "SETTINGS_TIMEOUT";
            case 5 -> "STREAM_CLOSED";
            case 6 -> "FRAME_SIZE_ERROR";
            case 7 -> "REFUSED_STREAM";
            case 8 -> "CANCEL";
            case 9 -> "COMPRESSION_ERROR";
            case 10 -> "CONNECT_ERROR";
            case 11 -> "ENHANCE_YOUR_CALM";
            case 12 -> "INADEQUATE_SECURITY";
            case 13 -> "HTTP_1_1_REQUIRED";
            default -> "Unknown";
        };
    }
}
