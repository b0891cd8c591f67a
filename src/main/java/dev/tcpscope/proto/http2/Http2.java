package dev.tcpscope.proto.http2;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * HTTP/2 (RFC 9113) as Wireshark 4.0.17's packet-http2.c shows it: the byte stream split into
 * frames by their 9-byte header ({@code tcp_dissect_pdus}; the 24-byte connection preface is a
 * "Magic" PDU), each named in Info as {@code TYPE[stream]}, HEADERS and PUSH_PROMISE blocks
 * decompressed ({@link Hpack}, one inflater per direction, SETTINGS_HEADER_TABLE_SIZE applied when
 * acknowledged) with {@code : GET /path} or {@code : 200 OK} after them, and DATA frames gathered
 * per stream and direction into a body that, at END_STREAM, is decompressed (gzip, deflate) and
 * handed to the media dissector of the stream's content-type. HTTP finds it: the preface at the
 * start of a message (the "http" heuristic, whose first call cannot ask TCP for more bytes), or
 * an {@code Upgrade: h2c} answered 101; 4.0 has no "tcp" heuristic for it. Not built: TLS's ALPN
 * hand-over (tcpscope does not decrypt), tshark -2's "Reassembled body in frame".
 */
public final class Http2 implements PduDissector, dev.tcpscope.proto.TcpPdus, dev.tcpscope.proto.TwoPass {
    static final byte[] MAGIC = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PUSH_PROMISE = 5, PING = 6,
            GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9, ALTSVC = 10, BLOCKED = 11, ORIGIN = 12, PRIORITY_UPDATE = 16;
    static final int END_STREAM = 0x01, ACK = 0x01, END_HEADERS = 0x04, PADDED = 0x08, PRIORITY_FLAG = 0x20;
    /** Streams remembered per connection (content type, header context, body so far); later ones are not tracked. */
    static final int MAX_STREAMS = 4096;
    /** What one body may hold before its fragments are dropped. */
    static final int MAX_BODY = 16 << 20;

    /** What packet-http2.c keeps per connection (http2_session_t). */
    static final class Session {
        /** Whether index 0 is the direction of {@code ctx.forward == true} (set by the first PDU). */
        Boolean zeroIsForward;
        final Hpack.Inflater[] inflaters = {new Hpack.Inflater(), new Hpack.Inflater()};
        /** Each direction's SETTINGS not yet acknowledged: {found, minimum, last} header table sizes. */
        @SuppressWarnings("unchecked")
        final ArrayDeque<long[]>[] settings = new ArrayDeque[] {new ArrayDeque<long[]>(), new ArrayDeque<long[]>()};
        final Map<Integer, Stream> streams = new HashMap<>();

        int index(boolean forward) {
            if (zeroIsForward == null) {
                zeroIsForward = forward;
            }
            return forward == zeroIsForward ? 0 : 1;
        }
    }

    /** One stream's state, per direction (http2_stream_info_t). */
    static final class Stream {
        final OneWay[] way = {new OneWay(), new OneWay()};
        boolean connect;
    }

    static final class OneWay {
        String contentType, contentEncoding;
        boolean partialContent, dataInitiated, transferEncoded;
        long headerStart, headerEnd;
        Body body;
    }

    /** A body being gathered from DATA frames (fragment_add_seq_next's list for one stream and direction). */
    static final class Body extends dev.tcpscope.proto.Fragments {
        Body() {
            super(MAX_BODY);
        }
    }

    /** One PDU of the current frame and what its dissection found, for the tree. */
    static final class Pdu {
        final MemorySegment s;
        final long base;
        final int cap;
        final long plen;
        boolean magic;
        int length, type, flags, streamId;
        End end = End.OK;
        /** The header block's decoded headers (HEADERS, PUSH_PROMISE, CONTINUATION), or null. */
        Hpack.Block block;
        /** The block's "Decompressed Header" source, made once. */
        byte[] decompressed;
        long blockOffset;
        int blockLength;
        /** What the Stream item's text gets after the type ({@code ", GET /"}, {@code ", 200 OK"}, " (partial entity body)"). */
        final StringBuilder streamText = new StringBuilder();
        /** A request's ":scheme://:authority:path", shown after its headers. */
        String fullUri;
        /** A body completed by this PDU: its bytes, its fragments (more than one: the fragment tree), its media. */
        byte[] body;
        List<int[]> bodyParts;
        /** The body is this DATA frame's own bytes alone (no fragment tree; the bytes run to the PDU's end). */
        boolean ownFragment;
        String contentType, contentEncoding;
        /** The decompressed body; null when its content-encoding's decompression failed. */
        byte[] inflated;
        /** Which call of the dissector in this frame found it, and whether that call got a reassembled PDU. */
        int call;
        boolean reassembled;
        /** The segment was cut by the capture's snap length: reading past it is "Packet size limited". */
        boolean truncated;
        /** tshark -2: the frame whose DATA completed the body this partial DATA belongs to (0: none). */
        int reassembledIn;
        /** The DATA bytes of this frame (data.data) when no body was completed. */
        long dataOffset;
        int dataLength;

        Pdu(MemorySegment s, long base, int cap, long plen) {
            this.s = s;
            this.base = base;
            this.cap = cap;
            this.plen = plen;
        }

        int u8(long at) {
            return s.get(ValueLayout.JAVA_BYTE, base + at) & 0xff;
        }

        long u32(long at) {
            return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), base + at) & 0xffffffffL;
        }

        int u16(long at) {
            return u8(at) << 8 | u8(at + 1);
        }
    }

    private final List<Pdu> pdus = new ArrayList<>(2);
    /** The dissector's calls in the current frame (a reassembled PDU, then the rest of the segment). */
    private int calls;
    /** How the frame's last call ended when the bytes after its PDUs were too few to read a length. */
    private End tail = End.OK;
    /** What a first pass learnt for tshark -2: (frame, stream) of a DATA frame to the frame its body completed in. */
    private Map<Long, Integer> reassembledIn;
    private boolean recording;
    /** Bound on what the first pass records (16 bytes a DATA frame). */
    static final int MAX_RECORDED = 1 << 20;

    @Override
    public void recordForSecondPass() {
        reassembledIn = new HashMap<>();
        recording = true;
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        reassembledIn = ((Http2) first).reassembledIn;
        recording = false;
    }

    private static long key(int frame, int stream) {
        return (long) frame << 32 | (stream & 0xffffffffL);
    }

    private long frame = -1;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "http2"; }

    @Override
    public Object newSession() { return new Session(); }

    /** Whether the bytes start with the connection preface (all 24 of its bytes there). */
    public static boolean preface(MemorySegment s, long off, int len) {
        if (len < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (s.get(ValueLayout.JAVA_BYTE, off + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** get_http2_message_len: 24 for the preface, else the frame's length and its 9-byte header. */
    private static long pduLength(MemorySegment s, long at, int remaining) {
        if (preface(s, at, remaining)) {
            return MAGIC.length;
        }
        return ((s.get(ValueLayout.JAVA_BYTE, at) & 0xffL) << 16 | (s.get(ValueLayout.JAVA_BYTE, at + 1) & 0xffL) << 8
                | (s.get(ValueLayout.JAVA_BYTE, at + 2) & 0xffL)) + 9;
    }

    /** dissect_http2: the Protocol column, Info cleared, then tcp_dissect_pdus with a 9-byte fixed part. */
    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            pdus.clear();
            frame = ctx.frame;
            calls = 0;
            tail = End.OK;
        }
        calls++;
        Session ss = ctx.session instanceof Session x ? x : new Session();
        ctx.columns.setProtocol("HTTP2");
        ctx.columns.setInfo("");
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 9) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 3) {
                // the length cannot be read: tcp_dissect_pdus's own exception ends the segment
                tail = ctx.truncated ? End.SHORT : End.UNREASSEMBLED;
                ctx.columns.appendInfo(tail.marker());
                return;
            }
            long plen = pduLength(s, off + pos, remaining);
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) Math.min(plen - remaining, Integer.MAX_VALUE);
                return;
            }
            int cap = (int) Math.min(remaining, plen);
            Pdu p = new Pdu(s, off + pos, cap, plen);
            p.call = calls;
            p.reassembled = ctx.reassembled;
            p.truncated = ctx.truncated;
            pdus.add(p);
            one(p, ss, ctx);
            if (p.end != End.OK) {
                // tcp_dissect_pdus shows a PDU's exception and goes on with the next PDU
                ctx.columns.appendInfo(p.end.marker());
            }
            if (plen > remaining) {
                return;
            }
            pos += (int) plen;
        }
    }

    /**
     * Whether an item ending at {@code end} throws: past the frame's length a malformed packet
     * (ReportedBoundsError), past what the segment holds of it the unreassembled bounds error.
     */
    private static boolean past(Pdu p, long end) {
        if (end > p.plen) {
            p.end = End.MALFORMED;
            return true;
        }
        if (end > p.cap) {
            p.end = p.truncated ? End.SHORT : End.UNREASSEMBLED;
            return true;
        }
        return false;
    }

    /** dissect_http2_pdu's columns and the state it keeps; the tree is built from what it records. */
    private void one(Pdu p, Session ss, PduContext ctx) {
        if (p.cap >= MAGIC.length && preface(p.s, p.base, p.cap)) {
            p.magic = true;
            ctx.columns.appendSeparated(", ", "Magic");
            return;
        }
        if (past(p, 9)) {
            return;
        }
        p.length = (int) ((long) p.u8(0) << 16 | p.u8(1) << 8 | p.u8(2));
        p.type = p.u8(3);
        p.flags = p.u8(4);
        p.streamId = (int) (p.u32(5) & 0x7fffffff);
        ctx.columns.appendSeparated(", ", typeName(p.type) + "[" + Integer.toUnsignedString(p.streamId) + "]");
        int dir = ss.index(ctx.forward);
        long id = (long) ctx.frame << 32 | pdus.size();
        switch (p.type) {
            case DATA -> data(p, ss, dir, ctx);
            case HEADERS -> headers(p, ss, dir, id, ctx);
            case PRIORITY -> past(p, 9 + 5);
            case RST_STREAM, WINDOW_UPDATE -> past(p, 9 + 4);
            case SETTINGS -> settings(p, ss, dir);
            case PUSH_PROMISE -> pushPromise(p, ss, dir, id, ctx);
            case PING -> past(p, 9 + 8);
            case GOAWAY -> past(p, 9 + 8); // the debug data runs to the end of what is there
            case CONTINUATION -> continuation(p, ss, dir, id, ctx);
            case ALTSVC -> {
                if (!past(p, 9 + 2)) {
                    long origin = 11 + p.u16(9);
                    if (!past(p, origin)) {
                        // the field value: what the length (a guint16 there) leaves after the origin
                        past(p, Math.max(origin, 9 + (p.length & 0xffff)));
                    }
                }
            }
            default -> { } // BLOCKED has no payload; an unknown type's bytes are shown as far as they are there
        }
    }

    static String typeName(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case HEADERS -> "HEADERS";
            case PRIORITY -> "PRIORITY";
            case RST_STREAM -> "RST_STREAM";
            case SETTINGS -> "SETTINGS";
            case PUSH_PROMISE -> "PUSH_PROMISE";
            case PING -> "PING";
            case GOAWAY -> "GOAWAY";
            case WINDOW_UPDATE -> "WINDOW_UPDATE";
            case CONTINUATION -> "CONTINUATION";
            case ALTSVC -> "ALTSVC";
            case BLOCKED -> "BLOCKED";
            case ORIGIN -> "ORIGIN";
            case PRIORITY_UPDATE -> "PRIORITY_UPDATE";
            default -> "Unknown type (" + type + ")";
        };
    }

    private static Stream stream(Session ss, int id) {
        Stream st = ss.streams.get(id);
        if (st == null) {
            st = new Stream();
            if (ss.streams.size() < MAX_STREAMS) {
                ss.streams.put(id, st);
            }
        }
        return st;
    }

    /** The pad length (PADDED) and the bytes after it; -1 when the PDU ends first. */
    private static int padding(Pdu p) {
        if ((p.flags & PADDED) == 0) {
            return 0;
        }
        if (past(p, 10)) {
            return -1;
        }
        return p.u8(9);
    }

    private void data(Pdu p, Session ss, int dir, PduContext ctx) {
        int pad = padding(p);
        if (pad < 0) {
            return;
        }
        long start = 9 + ((p.flags & PADDED) != 0 ? 1 : 0);
        long n = p.plen - start - pad;
        if (n < 0 || past(p, start + n)) {
            if (n < 0) {
                p.end = End.MALFORMED;
            }
            return;
        }
        data(p, ss, dir, ctx, start, (int) n);
        if (pad > 0 && start + n + pad > p.cap) {
            past(p, start + n + pad); // the padding's item comes after the body, past the segment
        }
    }

    /** dissect_http2_data_body: the body's reassembly, or the partial body's marks. */
    private void data(Pdu p, Session ss, int dir, PduContext ctx, long start, int n) {
        Stream st = stream(ss, p.streamId);
        OneWay w = st.way[dir];
        boolean endStream = (p.flags & END_STREAM) != 0;
        p.dataOffset = start;
        p.dataLength = n;
        if (w.dataInitiated && !w.transferEncoded && !st.connect) {
            if (endStream && n == 0) {
                Body b = w.body;
                w.body = null;
                if (b != null) {
                    complete(p, b, w, ctx);
                    return;
                }
            } else {
                Body b = w.body == null ? new Body() : w.body;
                w.body = b;
                b.add(ctx.frame, p.s, p.base + start, n);
                if (endStream) {
                    w.body = null;
                    complete(p, b, w, ctx);
                    return;
                }
            }
        }
        if (!recording && reassembledIn != null) {
            Integer in = reassembledIn.get(key(ctx.frame, p.streamId));
            if (in != null && in != ctx.frame) {
                p.reassembledIn = in;
            }
        }
        if (!endStream) {
            p.streamText.append(" (partial entity body)");
        }
        if (w.transferEncoded) {
            p.streamText.append(" (transfer-encoded body)");
        }
        if (st.connect) {
            p.streamText.append(" (tunneled data)");
        }
    }

    /** A body complete in this PDU: its media's columns now, its tree later. */
    private void complete(Pdu p, Body b, OneWay w, PduContext ctx) {
        if (recording) {
            for (int[] part : b.parts()) {
                if (reassembledIn.size() < MAX_RECORDED) {
                    reassembledIn.put(key(part[0], p.streamId), ctx.frame);
                }
            }
        }
        if (b.overflow()) {
            return;
        }
        p.ownFragment = b.parts().size() == 1 && p.type == DATA && p.dataLength > 0;
        if (p.ownFragment) {
            // process_reassembled_data hands on a lone fragment as the rest of the PDU, padding included
            p.body = new byte[(int) (p.cap - p.dataOffset)];
            MemorySegment.copy(p.s, ValueLayout.JAVA_BYTE, p.base + p.dataOffset, p.body, 0, p.body.length);
        } else {
            p.body = b.bytes();
        }
        p.bodyParts = b.parts();
        p.contentType = w.contentType;
        if (w.contentEncoding != null && !w.partialContent) {
            String enc = w.contentEncoding;
            boolean zlib = enc.startsWith("gzip") || enc.startsWith("deflate");
            if (zlib || enc.startsWith("br")) {
                p.contentEncoding = enc;
                p.inflated = zlib ? dev.tcpscope.wire.Zlib.uncompress(p.body) : dev.tcpscope.proto.http.HttpBody.brotli(p.body);
            }
        }
        byte[] media = p.inflated != null ? p.inflated : p.body;
        dev.tcpscope.proto.Media.Dissector d = dev.tcpscope.proto.Media.byType(p.contentType);
        if (d != null) {
            MemorySegment m = MemorySegment.ofArray(media);
            String info = d.info(p.contentType, m, 0, media.length);
            if (info != null && !info.isEmpty()) {
                ctx.columns.appendInfo(info);
            }
            String pc = d.protocolColumn(p.contentType, m, 0, media.length);
            if (pc != null) {
                ctx.columns.setProtocol(ctx.columns.protocol() + "/" + pc);
            }
        }
    }

    private void headers(Pdu p, Session ss, int dir, long id, PduContext ctx) {
        Stream st = stream(ss, p.streamId);
        OneWay w = st.way[dir];
        if ((p.flags & END_STREAM) != 0) {
            Body b = w.body;
            w.body = null;
            if (b != null) {
                complete(p, b, w, ctx); // trailing headers end the body
            }
        }
        if (w.headerStart == 0) {
            w.headerStart = id;
        }
        if (w.headerEnd == 0 && (p.flags & END_HEADERS) != 0) {
            w.headerEnd = id;
        }
        int pad = padding(p);
        if (pad < 0) {
            return;
        }
        long at = 9 + ((p.flags & PADDED) != 0 ? 1 : 0);
        if ((p.flags & PRIORITY_FLAG) != 0) {
            if (past(p, at + 5)) {
                return;
            }
            at += 5;
        }
        block(p, ss, dir, id, at, pad, ctx, true);
    }

    private void pushPromise(Pdu p, Session ss, int dir, long id, PduContext ctx) {
        int pad = padding(p);
        if (pad < 0) {
            return;
        }
        long at = 9 + ((p.flags & PADDED) != 0 ? 1 : 0);
        if (past(p, at + 4)) {
            return;
        }
        block(p, ss, dir, id, at + 4, pad, ctx, false);
    }

    private void continuation(Pdu p, Session ss, int dir, long id, PduContext ctx) {
        Stream st = stream(ss, p.streamId);
        OneWay w = st.way[dir];
        if ((p.flags & END_HEADERS) != 0 && w.headerStart != 0 && w.headerEnd == 0) {
            w.headerEnd = id;
        }
        int pad = padding(p);
        if (pad < 0) {
            return;
        }
        long at = 9 + ((p.flags & PADDED) != 0 ? 1 : 0);
        block(p, ss, dir, id, at, pad, ctx, true);
    }

    /** inflate_http2_header_block over the block at {@code at}, and the columns its headers write. */
    private void block(Pdu p, Session ss, int dir, long id, long at, int pad, PduContext ctx, boolean trackable) {
        long n = p.plen - at - pad;
        if (n < 0) {
            p.end = End.MALFORMED; // THROW(ReportedBoundsError)
            return;
        }
        if (past(p, at + n)) {
            return;
        }
        p.blockOffset = at;
        p.blockLength = (int) n;
        byte[] buf = new byte[(int) n];
        MemorySegment.copy(p.s, ValueLayout.JAVA_BYTE, p.base + at, buf, 0, (int) n);
        p.block = ss.inflaters[dir].inflate(buf, (p.flags & END_HEADERS) != 0);
        Stream st = stream(ss, p.streamId);
        OneWay w = st.way[dir];
        boolean context = id >= w.headerStart && (w.headerEnd == 0 || id <= w.headerEnd);
        String method = null, path = null, scheme = null, authority = null;
        boolean request = false;
        for (Hpack.Header h : p.block.headers) {
            if (h.type() == Hpack.SIZE_UPDATE) {
                continue;
            }
            String name = ascii(h.name());
            String value = ascii(h.value());
            if (context) {
                track(st, w, name, value);
            }
            switch (name) {
                case ":method" -> {
                    method = value;
                    request = true;
                    methodPath(p, ctx, method, path);
                }
                case ":path" -> {
                    path = value;
                    methodPath(p, ctx, method, path);
                }
                case ":status" -> {
                    String reason = reason(value);
                    ctx.columns.appendSeparated(": ", value + " " + reason);
                    p.streamText.append(", ").append(value).append(' ').append(reason);
                }
                case ":scheme" -> scheme = value;
                case ":authority" -> authority = value;
                default -> { }
            }
        }
        if (request && scheme != null && authority != null && path != null) {
            p.fullUri = scheme + "://" + authority + path;
        }
        if (pad > 0 && at + n + pad > p.cap) {
            past(p, at + n + pad); // the padding's item comes after the block, past the segment
        }
    }

    private static void methodPath(Pdu p, PduContext ctx, String method, String path) {
        if (method != null && path != null) {
            ctx.columns.appendSeparated(": ", method + " " + path);
            p.streamText.append(", ").append(method).append(' ').append(path);
        }
    }

    /** populate_http_header_tracking. */
    private static void track(Stream st, OneWay w, String name, String value) {
        switch (name) {
            case "content-encoding" -> {
                if (w.contentEncoding == null) {
                    w.contentEncoding = value;
                }
            }
            case ":status" -> {
                if (value.equals("206")) {
                    w.partialContent = true;
                }
                w.dataInitiated = true;
            }
            case ":method" -> {
                w.dataInitiated = true;
                if (value.equals("CONNECT")) {
                    st.connect = true;
                }
            }
            case "transfer-encoding" -> w.transferEncoded = true;
            case "content-type" -> {
                if (w.contentType == null) {
                    int i = 0;
                    while (i < value.length() && value.charAt(i) != ';' && !Character.isWhitespace(value.charAt(i))) {
                        i++;
                    }
                    w.contentType = value.substring(0, i).toLowerCase(java.util.Locale.ROOT);
                }
            }
            default -> { }
        }
    }

    /** val_to_str over vals_http_status_code of strtoul's value. */
    static String reason(String value) {
        long code = 0;
        int i = 0;
        while (i < value.length() && Character.isWhitespace(value.charAt(i))) {
            i++;
        }
        for (; i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9' && code < 1L << 32; i++) {
            code = code * 10 + (value.charAt(i) - '0');
        }
        String d = code < 1000 ? dev.tcpscope.proto.http.HttpStatus.name((int) code) : null;
        return d == null ? "Unknown" : d;
    }

    /** Bytes as ENC_ASCII shows them: bytes past 0x7f become U+FFFD. */
    static String ascii(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            sb.append(x >= 0 ? (char) x : '\ufffd');
        }
        return sb.toString();
    }

    private void settings(Pdu p, Session ss, int dir) {
        long end = p.plen;
        boolean found = false;
        long min = 0xffffffffL, last = 0;
        for (long at = 9; at < end; at += 6) {
            if (past(p, at + 6)) {
                return;
            }
            if (p.u16(at) == 1) {
                found = true;
                last = p.u32(at + 2);
                min = Math.min(min, last);
            }
        }
        if ((p.flags & ACK) != 0) {
            // apply_and_pop_settings: the other side's oldest SETTINGS now rules this side's inflater
            long[] s = ss.settings[dir ^ 1].poll();
            if (s != null && s[0] != 0) {
                if (s[1] < s[2]) {
                    ss.inflaters[dir].changeTableSize(s[1]);
                }
                ss.inflaters[dir].changeTableSize(s[2]);
            }
        } else if (ss.settings[dir].size() < 64) {
            ss.settings[dir].add(new long[] {found ? 1 : 0, min, last});
        }
    }

    /** HTTP's HTTP2-Settings header: the SETTINGS items of its decoded value, under its item. */
    public static void settingsItems(Tree parent, byte[] payload) {
        Pdu p = new Pdu(MemorySegment.ofArray(payload), -9, payload.length + 9, payload.length + 9);
        Http2Tree.settings(p, parent);
    }

    /**
     * The type names of the frames {@code d}'s frame queued on packet-http2.c's tap: each HTTP/2
     * frame dissected to its end (not the preface, not one that ended in an exception).
     */
    public static List<String> tapped(dev.tcpscope.tcp.Decoder d) {
        Http2 h = Collected.dissector(d, "http2", Http2.class);
        long f = d.frame().number();
        if (h == null || !h.shows(f)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(h.pdus.size());
        for (Pdu p : h.pdus) {
            if (!p.magic && p.end == End.OK) {
                out.add(typeName(p.type));
            }
        }
        return out;
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!pdus.isEmpty() || tail != End.OK);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        if (pdus.isEmpty()) {
            protocols.accept("http2"); // called, and ended before its first PDU
        }
        for (int i = 0; i < pdus.size(); i++) {
            Pdu p = pdus.get(i);
            if (i == 0) {
                protocols.accept("http2");
            } else if (p.call != pdus.get(i - 1).call) {
                // a later call of the frame comes through HTTP again: both are layers once more
                protocols.accept("http");
                protocols.accept("http2");
            }
            end = Http2Tree.pdu(p, root, protocols);
            if (end != End.OK && i < pdus.size() - 1) {
                // tcp_dissect_pdus's show_exception after the PDU, then the next PDU
                root.protocol("_ws.malformed", "[Malformed Packet: HTTP2]").at(p.s, p.base, 0)
                        .expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Packet (Exception occurred)");
            }
        }
        return end == End.OK ? tail : end;
    }

    @Override
    public void sources(long f, BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Pdu p : pdus) {
            // a body that trailers end is put together before their block is inflated
            if (p.body != null && !p.ownFragment) {
                source.accept("Reassembled body", p.body);
            }
            if (p.inflated != null) {
                source.accept("Uncompressed entity body", p.inflated);
            }
            if (p.block != null && !p.block.headers.isEmpty()) {
                source.accept("Decompressed Header", Http2Tree.decompressed(p));
            }
        }
    }

    @Override
    public List<Items.PduSize> pduSizes(long f) {
        return !shows(f) ? List.of() : pdus.stream().map(p -> new Items.PduSize(p.s, p.base,
                (int) Math.min(p.plen, Integer.MAX_VALUE), p.call, p.reassembled)).toList();
    }

    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f) && !pdus.isEmpty()) {
            Pdu last = pdus.get(pdus.size() - 1);
            if (last.end != End.OK) {
                marker.at(last.s, last.base, 0);
            }
        }
    }

    @Override
    public String protocolName() { return "HTTP2"; }

    Collected fields(long f) {
        return fields.of(this, f);
    }
}
