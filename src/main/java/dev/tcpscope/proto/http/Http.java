package dev.tcpscope.proto.http;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.PassRecord;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * HTTP/1.x over TCP as Wireshark 4.0.17 dissects it (packet-http.c {@code dissect_http_on_stream},
 * {@code dissect_http_message}; epan/req_resp_hdrs.c {@code req_resp_hdrs_do_reassembly}): the
 * messages of a stream one after another, asking TCP for the rest of the headers and of a body
 * sized by Content-Length or chunked, or for everything until FIN (a response with neither).
 * Info is the first line and a space, then {@code " (media/type)"} when a body with a Content-Type
 * is handed to the media dissector; the Protocol column is {@code HTTP}. Registered on tshark's
 * default HTTP ports and as the "http_tcp" heuristic (a first line starting or ending with
 * {@code HTTP/1.}).
 */
public final class Http implements PduDissector, LayerTree, TwoPass {
    /** packet-http.c TCP_DEFAULT_RANGE. */
    public static final int[] TCP_PORTS = {80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710};

    /** The HTTP messages dissected in the current frame, in order (for the fields). */
    private final List<HttpMessage> messages = new ArrayList<>();
    private int messagesFrame = -1;
    /** The frame whose bytes from {@link #switchedOff} on belong to an upgraded protocol (-1: none), and those bytes. */
    private int switchedFrame = -1;
    private MemorySegment switchedSegment;
    private long switchedOff;
    private int switchedLen;
    /** The upgraded protocol's dissector took the switched bytes (else they are data). */
    private boolean switchedTaken;
    /** Whether what took them showed anything (a WebSocket frame; not a frame's first byte alone, nor a disabled protocol). */
    private boolean switchedShows;
    /** The dissector of Upgrade: websocket, or null (set once by the table that registers both). */
    private dev.tcpscope.proto.websocket.WebSocket webSocket;

    /** HTTP/2's dissector: the "http" heuristic that finds the connection preface, and Upgrade: h2c. */
    private dev.tcpscope.proto.http2.Http2 http2;

    /** Tells HTTP which dissector takes a connection that turns out to carry HTTP/2. */
    public void http2(dev.tcpscope.proto.http2.Http2 h) {
        this.http2 = h;
    }

    /**
     * The bytes at {@code pos} go to HTTP/2, as the preface found them or as dissect_http_tcp
     * hands a conversation it found before (which lets HTTP/2 ask TCP for more bytes; the first
     * call, from dissect_http_message's heuristics, cannot).
     */
    private void toHttp2(MemorySegment s, long off, int len, int pos, PduContext ctx, Session session, boolean canDesegment) {
        switchedFrame = ctx.frame;
        switchedSegment = s;
        switchedOff = off + pos;
        switchedLen = len - pos;
        switchedTaken = true;
        Object saved = ctx.session;
        boolean savedCan = ctx.canDesegment;
        ctx.session = session.http2Session;
        ctx.canDesegment = canDesegment;
        ctx.desegmentOffset = 0;
        ctx.desegmentLength = 0;
        try {
            http2.dissect(s, off + pos, len - pos, ctx);
        } finally {
            ctx.session = saved;
            ctx.canDesegment = savedCan;
        }
        if (ctx.desegmentLength != 0) {
            ctx.desegmentOffset += pos;
        }
        switchedShows = http2.shows(ctx.frame);
    }

    /** Tells HTTP which dissector takes a connection upgraded to WebSocket. */
    public void upgradesTo(dev.tcpscope.proto.websocket.WebSocket ws) {
        this.webSocket = ws;
    }

    /**
     * dissect_http_on_stream's call of the upgraded protocol's dissector on the bytes after the
     * switch: its desegmentation request is for those bytes, moved to where they start.
     */
    private static void upgraded(MemorySegment s, long off, int len, int pos, PduContext ctx, Session session) {
        Object saved = ctx.session;
        ctx.session = session.upgradedSession;
        ctx.desegmentOffset = 0;
        ctx.desegmentLength = 0;
        try {
            session.upgraded.dissect(s, off, len, ctx);
        } finally {
            ctx.session = saved;
        }
        if (ctx.desegmentLength != 0) {
            ctx.desegmentOffset += pos;
        }
    }

    /**
     * dissect_http_ntlmssp for each NTLM/Negotiate line of {@code m}, in capture order: the
     * base64 decoded into a data source ("NTLMSSP / GSSAPI Data"), raw NTLMSSP to ntlmssp, anything
     * else to gss-api; their Info text follows the first line's.
     */
    private static void authBlobs(HttpMessage m, Session session, AppColumns cols) {
        for (HttpMessage.Auth a : m.auths) {
            byte[] d = dev.tcpscope.proto.ntlmssp.Ntlmssp.base64(a.base64);
            java.lang.foreign.MemorySegment seg = java.lang.foreign.MemorySegment.ofArray(d);
            StringBuilder info = new StringBuilder();
            Object blob = dev.tcpscope.proto.ntlmssp.Ntlmssp.isNtlmssp(seg, 0, d.length)
                    ? dev.tcpscope.proto.ntlmssp.Ntlmssp.observe(seg, 0, d.length, session.ntlmssp, info)
                    : dev.tcpscope.proto.ntlmssp.GssApi.observe(seg, 0, d.length, session.ntlmssp, info);
            a.bytes = d;
            a.blob = blob;
            if (!info.isEmpty()) {
                cols.appendInfo(info.toString());
            }
        }
    }

    /** Per-conversation state (packet-http.c's http_conv_t, what this dissector uses of it). */
    static final class Session {
        /** packet-ntlmssp.c's conversation data: the last CHALLENGE's flags. */
        final dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv ntlmssp = new dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv();
        String requestMethod;
        String requestUri;
        /** The last full URI (http://host/uri) of a request with a Host header. */
        String fullUri;
        boolean started;
        /**
         * Where the connection stopped carrying HTTP (packet-http.c's startframe/startoffset): a
         * 101 Switching Protocols answer to an Upgrade request; 0 while it carries HTTP.
         */
        int switchFrame;
        int switchOffset;
        /** After the switch: the upgraded protocol's dissector when tcpscope has one (WebSocket, HTTP/2), and its state. */
        PduDissector upgraded;
        Object upgradedSession;
        /** HTTP/2 found by its preface (the conversation's HTTP/2 session), not by an upgrade. */
        Object http2Session;
        /** The status code of the last response (conv_data->response_code). */
        int responseCode;
        /** The first frame carried in a CONNECT tunnel (startframe), 0 before. */
        int tunnelFrame;
        /** The dissector last given the tunnel's bytes and its state for this conversation. */
        PduDissector tunnelDissector;
        Object tunnelSession;
        /** The first pass's record of this conversation (-2), or null. */
        Log log;
        /** What a first pass's record of this conversation is filed under: its tcp.stream, or {@link Ssdp}'s number. */
        int passKey;
        /** Exchanges so far ({@code req_res_num}) and the last one. */
        int exchanges;
        Exchange tail;

        void push(Exchange e) {
            if (tail != null) {
                tail.prev = null; // only the last two are ever looked at
            }
            e.prev = tail;
            tail = e;
        }
    }

    /** TCP's dissector lookup, for the bytes of a CONNECT tunnel (null: none). */
    private final dev.tcpscope.tcp.PduTable table;

    public Http(dev.tcpscope.tcp.PduTable table) {
        this.table = table;
    }

    @Override
    public String name() { return "http"; }

    @Override
    public Object newSession() { return new Session(); }

    /** The frame whose datagram reached the tap without being HTTP (-1: none yet). */
    private int otherTapFrame = -1;

    /** Whether frame {@code frame} handed the tap a message of no known kind and showed nothing. */
    boolean tappedOther(long frame) {
        return frame == otherTapFrame;
    }

    /** The messages dissected in frame {@code frame} (empty when none). */
    public List<HttpMessage> messages(long frame) {
        if (frame != messagesFrame) {
            return List.of();
        }
        resolve();
        return messages;
    }

    // ---- two passes (tshark -2) ------------------------------------------------------------

    /** Per tcp.stream, what the first pass learnt of the exchanges, taken by each conversation of the second as it starts. */
    private final PassRecord<Log> logs = new PassRecord<>();
    private boolean resolved;

    /**
     * The exchanges of one conversation as a first pass saw them (packet-http.c's list of
     * http_req_res_t, which tshark's second pass reads): for exchange {@code n} (1-based) the
     * request's frame and time and the response's frame; and the conversation's last URIs.
     * Four numbers per exchange; dropped with the conversation in the second pass.
     */
    static final class Log {
        int count;
        int[] request = new int[8], response = new int[8];
        long[] requestTime = new long[8];
        String fullUri, requestUri;
        /** HTTP/2's heuristic took the conversation (the second pass hands it every frame from the first). */
        boolean http2;

        void set(Exchange e) {
            int i = e.number;
            if (i >= request.length) {
                int n = Math.max(i + 1, request.length * 2);
                request = java.util.Arrays.copyOf(request, n);
                response = java.util.Arrays.copyOf(response, n);
                requestTime = java.util.Arrays.copyOf(requestTime, n);
            }
            request[i] = e.requestFrame;
            response[i] = e.responseFrame;
            requestTime[i] = e.requestTime;
            count = Math.max(count, i);
        }
    }

    /** Makes this dissector remember, per conversation, what a second pass needs ({@code -2}, first pass). */
    @Override
    public void recordForSecondPass() {
        logs.start();
    }

    /** Makes this dissector show frames as tshark's second pass does, from {@code first}'s records. */
    @Override
    public void secondPassOf(TwoPass other) {
        logs.takeOver(((Http) other).logs);
    }

    /**
     * tshark's second pass does not pair again: each HTTP message of a frame shows the exchange
     * the frame touched last in the first pass (p_get_proto_data finds the newest), with the
     * numbers, neighbours and total of the whole conversation.
     */
    private void resolve() {
        if (!logs.secondPass() || resolved) {
            return;
        }
        resolved = true;
        int last = 0;
        Log log = null;
        for (HttpMessage m : messages) {
            if (m.exchange > 0) {
                last = m.exchange;
                log = m.log;
            }
        }
        for (HttpMessage m : messages) {
            HttpMessage.Pairing p = m.pairing;
            if (m.kind == HttpMessage.Kind.OTHER || m.notification || log == null || last == 0 || last > log.count) {
                continue;
            }
            p.number = last;
            p.total = log.count;
            p.time = log.request[last] > 0 && m.kind == HttpMessage.Kind.RESPONSE
                    ? m.time - log.requestTime[last] : -1;
            p.prevRequest = last > 1 ? log.request[last - 1] : 0;
            p.prevResponse = last > 1 && m.kind == HttpMessage.Kind.RESPONSE ? log.response[last - 1] : 0;
            p.requestIn = m.kind == HttpMessage.Kind.RESPONSE ? log.request[last] : 0;
            p.responseIn = m.kind == HttpMessage.Kind.REQUEST ? log.response[last] : 0;
            p.nextRequest = last < log.count ? log.request[last + 1] : 0;
            p.nextResponse = last < log.count && m.kind == HttpMessage.Kind.RESPONSE ? log.response[last + 1] : 0;
        }
    }

    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        int lineLen = lineEnd(s, off, len, null);
        if (lineLen == -1 || lineLen == 8) {
            return false;
        }
        return lineLen > 8 && startsWithIgnoreCase(s, off + lineLen - 8, len - (lineLen - 8), "HTTP/1.")
                || startsWithIgnoreCase(s, off, len, "HTTP/1.");
    }

    /** The Protocol column of the current call: {@code HTTP}, or {@code SSDP} for a datagram ({@link Ssdp}). */
    private String column = "HTTP";

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        column = ctx.datagram ? Ssdp.COLUMN : "HTTP";
        if (messagesFrame != ctx.frame) {
            messages.clear();
            messagesFrame = ctx.frame;
            resolved = false;
        }
        int firstOfCall = messages.size();
        Session session = (Session) ctx.session;
        if (!session.started) {
            session.started = true;
            if (!ctx.datagram) {
                session.passKey = ctx.stream;
            }
            if (logs.recording()) {
                session.log = new Log();
                logs.put(session.passKey, session.log);
            } else if (logs.secondPass()) {
                session.log = logs.take(session.passKey);
                if (session.log != null) {
                    // tshark keeps the conversation's data from the first pass
                    session.fullUri = session.log.fullUri;
                    session.requestUri = session.log.requestUri;
                    if (session.log.http2 && http2 != null) {
                        session.http2Session = http2.newSession();
                    }
                }
            }
        }
        if (ctx.datagram) {
            // dissect_ssdp: one message at the start of the datagram, no tunnel, no upgrade
            message(s, off, len, 0, ctx, session);
            for (int i = firstOfCall; i < messages.size(); i++) {
                messages.get(i).ssdp = true;
            }
            if (messages.size() > firstOfCall) {
                messages.get(firstOfCall).callStart = true;
            }
            return;
        }
        if (http2 != null && session.http2Session != null) {
            toHttp2(s, off, len, 0, ctx, session, ctx.canDesegment);
            return;
        }
        if (tunnel(session, ctx.frame)) {
            tunnel(s, off, len, ctx, session);
            return;
        }
        int pos = 0;
        while (pos < len) {
            if (http2 != null && session.switchFrame == 0 && dev.tcpscope.proto.http2.Http2.preface(s, off + pos, len - pos)) {
                // the "http" heuristics: HTTP/2's takes a connection preface and the conversation
                session.http2Session = http2.newSession();
                if (session.log != null) {
                    session.log.http2 = true;
                }
                toHttp2(s, off, len, pos, ctx, session, false);
                break;
            }
            if (session.switchFrame != 0
                    && (ctx.frame > session.switchFrame || ctx.frame == session.switchFrame && pos >= session.switchOffset)) {
                // the upgraded protocol's bytes: packet-http.c hands them to that protocol's
                // dissector (none of tcpscope's) or to the data dissector, and writes no column
                switchedFrame = ctx.frame;
                switchedSegment = s;
                switchedOff = off + pos;
                switchedLen = len - pos;
                switchedTaken = session.upgraded != null;
                switchedShows = false;
                if (session.upgraded != null) {
                    upgraded(s, off + pos, len - pos, pos, ctx, session);
                    switchedShows = ((LayerTree) session.upgraded).shows(ctx.frame);
                }
                break;
            }
            int n = message(s, off, len, pos, ctx, session);
            if (n < 0) {
                break;
            }
            pos += n;
            ctx.columns.fence();
        }
        if (messages.size() > firstOfCall) {
            messages.get(firstOfCall).callStart = true; // frame.protocols names http once per call
        }
    }

    // ---- CONNECT tunnels (packet-http.c http_payload_subdissector) ----------------------------

    /** One call of the tunnel in the current frame: its bytes and the target from the CONNECT URI. */
    record TunnelCall(MemorySegment s, long off, int len, String host, long port, boolean data) { }

    private final List<TunnelCall> tunnelCalls = new ArrayList<>(1);
    private int tunnelCallsFrame = -1;

    /**
     * dissect_http_tcp's test: the last request was CONNECT (its method starts so) with a URI and
     * the last response said 200, and this frame is not before the tunnel's first.
     */
    private static boolean tunnel(Session session, int frame) {
        if (session.responseCode != 200 || session.requestMethod == null || !session.requestMethod.startsWith("CONNECT")
                || session.requestUri == null || frame < session.tunnelFrame) {
            return false;
        }
        if (session.tunnelFrame == 0) {
            session.tunnelFrame = frame;
        }
        return true;
    }

    /**
     * The tunnel's bytes: with a port after the URI's first ':', an HTTP item naming the target,
     * then TCP's dissector lookup as if the HTTP side's port were the target's (decode_tcp_ports:
     * the low port's dissector, the high port's, the heuristics, else data); data at once when the
     * target port is one of HTTP's. Without a ':' nothing is shown.
     */
    private void tunnel(MemorySegment s, long off, int len, PduContext ctx, Session session) {
        if (tunnelCallsFrame != ctx.frame) {
            tunnelCalls.clear();
            tunnelCallsFrame = ctx.frame;
        }
        String uri = session.requestUri;
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return;
        }
        long port = strtol(uri.substring(colon + 1));
        int uriPort = (int) port;
        boolean httpDst = isHttpPort(ctx.dstPort);
        PduDissector inner = null;
        if (!isHttpPort(uriPort)) {
            int src = httpDst ? ctx.srcPort : uriPort;
            int dst = httpDst ? uriPort : ctx.dstPort;
            inner = tunnelDissector(s, off, len, ctx, session, src, dst);
        }
        tunnelCalls.add(new TunnelCall(s, off, len, uri.substring(0, colon), port, inner == null));
    }

    /** Hands the bytes to the first dissector that takes them with the ports {@code src}, {@code dst}; null when none does. */
    private PduDissector tunnelDissector(MemorySegment s, long off, int len, PduContext ctx, Session session, int src, int dst) {
        if (table == null) {
            return null;
        }
        int savedSrc = ctx.srcPort;
        int savedDst = ctx.dstPort;
        Object savedSession = ctx.session;
        ctx.srcPort = src;
        ctx.dstPort = dst;
        try {
            int low = Math.min(src, dst);
            int high = Math.max(src, dst);
            PduDissector lowD = port(low);
            PduDissector highD = port(high);
            // decode_tcp_ports' order: the low port's dissector, the high port's, a heuristic
            for (int k = 0; k < 3; k++) {
                PduDissector c = k == 0 ? lowD : k == 1 ? (highD != lowD ? highD : null) : tunnelHeuristic(s, off, len, lowD, highD);
                if (c == null || c == this) {
                    continue;
                }
                if (session.tunnelDissector != c) {
                    session.tunnelDissector = c;
                    session.tunnelSession = c.newSession();
                }
                ctx.session = session.tunnelSession;
                ctx.declined = false;
                ctx.desegmentOffset = 0;
                ctx.desegmentLength = 0;
                c.dissect(s, off, len, ctx);
                if (!ctx.declined) {
                    return c;
                }
            }
            return null;
        } finally {
            ctx.srcPort = savedSrc;
            ctx.dstPort = savedDst;
            ctx.session = savedSession;
            ctx.declined = false;
        }
    }

    /** The tcp.port dissector of {@code port}, or null (none, or not a port). */
    private PduDissector port(int port) {
        return port > 0 && port <= 65535 ? table.byPort(port) : null;
    }

    /** The first heuristic other than HTTP and the port dissectors already tried that takes the bytes. */
    private PduDissector tunnelHeuristic(MemorySegment s, long off, int len, PduDissector lowD, PduDissector highD) {
        for (PduDissector h : table.heuristics()) {
            if (h != this && h != lowD && h != highD && h.heuristic(s, off, len)) {
                return h;
            }
        }
        return null;
    }

    private static boolean isHttpPort(int port) {
        for (int p : TCP_PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** C's strtol in base 10: blanks, a sign, digits; 0 when none; clamped to long. */
    static long strtol(String t) {
        int i = 0;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (t.charAt(i) - '0');
        }
        return negative ? -v : v;
    }

    /** dissect_http_message: the message at {@code pos}; its length, or −1 to stop. */
    private int message(MemorySegment s, long base, int len, int pos, PduContext ctx, Session session) {
        AppColumns cols = ctx.columns;
        int p = pos;
        if (len - pos > 3 && u8(s, base + p) == '\r' && u8(s, base + p + 1) == '\n') {
            p += 2;
        }
        boolean haveSeenHttp = session.requestUri != null;
        if (p >= len) {
            return -1;
        }
        int c = u8(s, base + p);
        if (c < 0x20 || c > 0x7e) {
            if (haveSeenHttp) {
                cols.setProtocol(column);
                cols.setInfo("Continuation");
                messages.add(HttpMessage.binary(s, base, pos, p, len, ctx.frame));
            }
            return -1;
        }
        int[] next = new int[1];
        int firstLen = lineEnd(s, base + p, len - p, next);
        boolean noFirstLine = firstLen == -1;
        if (noFirstLine) {
            if (ctx.canDesegment && !reassemble(s, base, len, p, pos, true, false, ctx)) {
                return -1;
            }
            firstLen = len - p;
            next[0] = len - p;
        }
        String first = ascii(s, base + p, firstLen);
        // without a line end packet-http.c tests a line of length -1, which is no request or response
        HttpMessage.Kind kind = noFirstLine ? HttpMessage.Kind.OTHER : kind(first);
        // TCP without desegmentation marks the bytes fragmented: reading past them is Wireshark's
        // FragmentBoundsError, "[BoundErrorUnreassembled Packet]" (epan/show_exception.c)
        boolean unreassembled = !ctx.canDesegment && !ctx.truncated && !ctx.datagram;
        if (unreassembled && incompleteHeaderLine(s, base, len, p, kind != HttpMessage.Kind.OTHER)) {
            if (kind != HttpMessage.Kind.OTHER) {
                cols.setInfo(printable(first) + " ");
            } else if (haveSeenHttp) {
                cols.setInfo("Continuation");
            }
            if (kind != HttpMessage.Kind.OTHER || haveSeenHttp) {
                cols.setProtocol(column);
            }
            cols.appendInfo(UNREASSEMBLED);
            messages.add(HttpMessage.parse(s, base, len, pos, p, firstLen, next[0], kind, ctx));
            return -1;
        }
        String method = null;
        if (kind == HttpMessage.Kind.REQUEST) {
            int sp = first.indexOf(' ');
            method = first.substring(first.startsWith("M-") ? 2 : 0, sp < 0 ? first.length() : sp);
        }
        if (kind != HttpMessage.Kind.OTHER) {
            cols.setInfo(printable(first) + " ");
            boolean tryBody = !ctx.fin;
            if (tryBody && kind == HttpMessage.Kind.RESPONSE) {
                int code = statusCode(first);
                if ("HEAD".equals(session.requestMethod)
                        || code / 100 == 2 && ("CONNECT".equals(session.requestMethod)
                        || "SSTP_DUPLEX_POST".equals(session.requestMethod))
                        || code / 100 == 1 || code == 204 || code == 304) {
                    tryBody = false;
                }
            }
            if (ctx.canDesegment && !reassemble(s, base, len, p, pos, tryBody, kind == HttpMessage.Kind.RESPONSE, ctx)) {
                return -1;
            }
            if (method != null) {
                session.requestMethod = method;
            }
            if (kind == HttpMessage.Kind.RESPONSE) {
                session.responseCode = statusCode(first);
            }
        } else if (haveSeenHttp) {
            cols.setInfo("Continuation");
            if (noFirstLine && kind(first) == HttpMessage.Kind.REQUEST) {
                cols.setProtocol(column);
                return requestWithoutLineEnd(s, base, len, pos, p, firstLen, next[0], ctx, cols, session);
            }
        } else {
            if (noFirstLine && kind(first) == HttpMessage.Kind.REQUEST) {
                return requestWithoutLineEnd(s, base, len, pos, p, firstLen, next[0], ctx, cols, session);
            }
            if (noFirstLine || first.indexOf(':') < 0) {
                if (ctx.datagram) {
                    // dissect_ssdp's message goes on past the header loop and reaches the tap with
                    // nothing known ("Other HTTP Packets"), showing nothing
                    otherTapFrame = ctx.frame;
                }
                return -1; // not HTTP: the rest goes undissected
            }
            // packet-http.c's header loop takes a first line with a colon for a header: the
            // message is HTTP's tree (a response's tail after a PDU, say), the columns untouched
        }
        if (kind != HttpMessage.Kind.OTHER || haveSeenHttp) {
            cols.setProtocol(column);
        }
        return parsed(HttpMessage.parse(s, base, len, pos, p, firstLen, next[0], kind, ctx), len, pos, kind, ctx, session,
                unreassembled);
    }

    /*
     * message is cut in three (parsed, upgrade): the method in one piece, with what C1 inlines
     * into it, took 9.4 MB to compile with C1, near the launcher's 10 MB cap (MemLimit).
     */

    /** The message {@code m} parsed from {@code pos}: its headers' effects, its body; its length, or −1 to stop. */
    private int parsed(HttpMessage m, int len, int pos, HttpMessage.Kind kind, PduContext ctx, Session session,
                       boolean unreassembled) {
        AppColumns cols = ctx.columns;
        if (m.headerOverrun) {
            if (kind == HttpMessage.Kind.REQUEST && m.uri != null) {
                session.requestUri = m.uri; // basic_request_dissector ran before the exception
            }
            messages.add(m);
            if (ctx.truncated) {
                cols.appendInfo("[Packet size limited during capture]");
                m.cutShort = true;
                return -1;
            }
            return thrown(m, cols, column, unreassembled);
        }
        authBlobs(m, session, cols);
        if (kind == HttpMessage.Kind.REQUEST && m.uri != null) {
            session.requestUri = m.uri;
            if (m.host != null) {
                String uri = m.uri;
                String lower = uri.toLowerCase(Locale.ROOT);
                session.fullUri = lower.startsWith("http://") || lower.startsWith("https://")
                        || session.requestMethod != null && session.requestMethod.regionMatches(true, 0, "CONNECT", 0, 7)
                        ? uri : "http://" + m.host.strip() + uri;
                m.pairing.fullUri = session.fullUri;
            }
        }
        pair(m, session, ctx);
        int bodyStart = m.headerEnd;
        int datalen = len - bodyStart;
        if (m.contentLength >= 0 && m.te == HttpMessage.TE_NONE) {
            datalen = (int) Math.min(datalen, m.contentLength);
        } else if (kind == HttpMessage.Kind.REQUEST && !m.notification) {
            if (m.te == HttpMessage.TE_NONE) {
                datalen = 0;
            }
        } else if (kind == HttpMessage.Kind.RESPONSE) {
            int code = m.statusCode;
            if (code / 100 == 1 || code == 204 || code == 304) {
                datalen = 0;
            }
        }
        if (datalen > 0) {
            datalen = HttpBody.dissect(m, datalen);
        }
        m.bodyLength = Math.max(datalen, 0);
        messages.add(m);
        if (m.chunked && m.body != null && m.body.truncatedChunk) {
            // de-chunking copied a chunk past the bytes: past a segment's end (unreassembled), or
            // past the reassembled body (a body cut short at the end of the capture, a size past 2^32)
            if (unreassembled) {
                cols.appendInfo(UNREASSEMBLED);
                return -1;
            }
            if (!ctx.truncated) {
                return thrown(m, cols, column, false);
            }
        }
        if (ctx.truncated && !ctx.datagram && (!m.headersComplete || m.contentLength > len - bodyStart)) {
            // the body runs past the captured bytes: tshark's bounds exception ends the frame
            // (a datagram's message is what was captured of it: dissect_ssdp reads no further)
            cols.appendInfo("[Packet size limited during capture]");
            m.cutShort = true;
            return -1;
        }
        boolean multipart = multipart(m);
        dev.tcpscope.proto.Media.Dissector media = m.body == null || multipart ? null : m.body.claimant(m.mediaType());
        if (multipart) {
            StringBuilder parts = new StringBuilder();
            String failed = dev.tcpscope.proto.multipart.Multipart.dissect(m.mediaType(), m.mediaParameters(),
                    m.body.fileSegment(), m.body.fileOffset(), m.body.fileLength(), new dev.tcpscope.proto.Collected(), parts,
                    protocol -> protocolColumn(cols, dev.tcpscope.proto.Media.byName(protocol)));
            if (!parts.isEmpty()) {
                cols.appendInfo(parts.toString());
            }
            if (failed != null) {
                return thrown(m, cols, failed, unreassembled);
            }
        } else if (media != null) {
            String column = media.protocolColumn(m.mediaType(), m.body.fileSegment(), m.body.fileOffset(), m.body.fileLength());
            if (column != null) {
                cols.setProtocol(cols.protocol() + "/" + column);
            }
            cols.appendInfo(media.info(m.mediaType(), m.body.fileSegment(), m.body.fileOffset(), m.body.fileLength()));
            if (media.stopsShort(m.mediaType(), m.body.fileSegment(), m.body.fileOffset(), m.body.fileLength(),
                    table != null && table.tree())) {
                // its bounds exception ends the frame: nothing after it is dissected, not even
                // packet-http.c's tap; past a segment TCP did not reassemble, the exception is
                // the "unreassembled" one
                return thrown(m, cols, dev.tcpscope.field.ProtocolNames.shortName(media.name()), unreassembled);
            }
        } else if (m.body != null && m.body.outcome == HttpBody.Outcome.MEDIA && !HttpMedia.DATA.equals(m.mediaType())) {
            cols.appendInfo(" (" + m.mediaType() + ")"); // packet-media.c
        }
        int consumed = bodyStart - pos + Math.max(datalen, 0);
        if (kind == HttpMessage.Kind.RESPONSE && session.requestMethod != null && m.upgrade != null && m.statusCode == 101) {
            upgrade(m, session, ctx, pos + consumed);
        }
        return consumed;
    }

    /** A 101 answer's Upgrade: what follows {@code switchOffset} belongs to the new protocol. */
    private void upgrade(HttpMessage m, Session session, PduContext ctx, int switchOffset) {
        // RFC 7230 6.7: the upgrade proceeds once the server answers 101; what follows the
        // answer belongs to the new protocol
        session.switchFrame = ctx.frame;
        session.switchOffset = switchOffset;
        // the "http.upgrade" table, by the Upgrade value (case-insensitive), else without a "/version"
        String proto = m.upgrade.strip();
        int slash = proto.indexOf('/');
        String bare = slash >= 0 ? proto.substring(0, slash) : proto;
        if ((proto.equalsIgnoreCase("h2c") || bare.equalsIgnoreCase("h2c")) && http2 != null) {
            session.upgraded = http2;
            session.upgradedSession = http2.newSession();
        } else if (webSocket != null && (proto.equalsIgnoreCase("websocket") || bare.equalsIgnoreCase("websocket"))) {
            session.upgraded = webSocket;
            session.upgradedSession = webSocket.newSession();
            dev.tcpscope.proto.websocket.WebSocket.negotiated(session.upgradedSession, m.websocketExtensions, ctx.srcPort); // what the answer accepted
        }
    }

    private static final String UNREASSEMBLED = "[BoundErrorUnreassembled Packet]";

    /** A media dissector's col_append_sep_str(COL_PROTOCOL, "/", ...): "HTTP/JSON". */
    private static void protocolColumn(AppColumns cols, dev.tcpscope.proto.Media.Dissector d) {
        if (d != null && d.protocolColumn() != null) {
            cols.setProtocol(cols.protocol() + "/" + d.protocolColumn());
        }
    }

    /**
     * Whether the message's body goes to the multipart dissector: every multipart/* type
     * (packet-http.c falls back to the "multipart/" entry for subtypes not registered by name).
     */
    static boolean multipart(HttpMessage m) {
        return m.body != null && m.body.outcome == HttpBody.Outcome.MEDIA && dev.tcpscope.proto.multipart.Multipart.takes(m.mediaType());
    }

    /**
     * Whether packet-http.c's header loop, without desegmentation, ends on a last line that runs
     * to the end of the bytes without a colon after a request/response line or a header was
     * seen: its {@code tvb_ensure_bytes_exist} then reads past the segment and throws.
     */
    private static boolean incompleteHeaderLine(MemorySegment s, long base, int len, int p, boolean firstIsReqResp) {
        int at = p;
        boolean saw = false;
        boolean firstLine = true;
        int[] next = new int[1];
        while (at < len) {
            int l = lineEnd(s, base + at, len - at, next);
            boolean complete = l != -1;
            if (!complete) {
                l = len - at;
            }
            if (l == 0 && complete) {
                return false; // a blank line ends the headers
            }
            boolean colon = false;
            for (int k = 0; k < l && !colon; k++) {
                colon = u8(s, base + at + k) == ':';
            }
            if (firstLine && firstIsReqResp || colon) {
                saw = true;
            } else {
                return !complete && saw;
            }
            if (!complete) {
                return false;
            }
            firstLine = false;
            at += next[0];
        }
        return false;
    }

    /**
     * A request line without a line end (packet-http.c's first look finds no line, so its columns
     * say nothing or "Continuation"): the header loop still reads the whole rest as a request line
     * and notes its URI (the conversation is HTTP from then on). When the line ran to the snap
     * length, the request is counted ("HTTP request 1/1") and paired, then a read past the
     * captured bytes ends the frame.
     */
    private int requestWithoutLineEnd(MemorySegment s, long base, int len, int pos, int p, int firstLen, int next,
                                      PduContext ctx, AppColumns cols, Session session) {
        HttpMessage m = HttpMessage.parse(s, base, len, pos, p, firstLen, next, HttpMessage.Kind.REQUEST, ctx);
        session.requestUri = m.uri;
        session.requestMethod = m.method;
        if (ctx.truncated) {
            pair(m, session, ctx);
            messages.add(m);
            cols.appendInfo("[Packet size limited during capture]");
            m.cutShort = true;
            return -1;
        }
        messages.add(m);
        return -1;
    }

    /**
     * packet-http.c push_req / push_res and the pairing items: a request opens a new exchange; a
     * response completes the last one unless that already has a response. Only the last two
     * exchanges of a conversation are kept (one pass never looks further back).
     */
    private void pair(HttpMessage m, Session session, PduContext ctx) {
        HttpMessage.Pairing p = m.pairing;
        Exchange curr;
        if (m.kind == HttpMessage.Kind.REQUEST && m.notification) {
            return; // a notification opens no exchange
        } else if (m.kind == HttpMessage.Kind.REQUEST) {
            curr = new Exchange(++session.exchanges, ctx.frame, ctx.time, session.tail);
            session.push(curr);
        } else if (m.kind == HttpMessage.Kind.RESPONSE) {
            curr = session.tail;
            if (curr == null || curr.responseFrame > 0) {
                curr = new Exchange(++session.exchanges, 0, Long.MIN_VALUE, session.tail);
                session.push(curr);
            }
            curr.responseFrame = ctx.frame;
            if (curr.requestTime != Long.MIN_VALUE) {
                p.time = ctx.time - curr.requestTime;
            }
            p.responseForUri = session.fullUri != null ? session.fullUri : session.requestUri;
        } else {
            return;
        }
        p.number = curr.number;
        p.total = session.exchanges;
        m.exchange = curr.number;
        m.log = session.log;
        m.time = ctx.time;
        if (logs.recording() && session.log != null) {
            session.log.set(curr);
            session.log.fullUri = session.fullUri;
            session.log.requestUri = session.requestUri;
        }
        Exchange prev = curr.prev;
        if (prev != null) {
            p.prevRequest = prev.requestFrame;
            p.prevResponse = m.kind == HttpMessage.Kind.RESPONSE ? prev.responseFrame : 0;
        }
        if (m.kind == HttpMessage.Kind.RESPONSE) {
            p.requestIn = curr.requestFrame;
        } else {
            p.responseIn = curr.responseFrame;
        }
    }

    /** One request/response exchange (packet-http.c http_req_res_t). */
    static final class Exchange {
        final int number;
        final int requestFrame;
        final long requestTime;
        int responseFrame;
        Exchange prev;

        Exchange(int number, int requestFrame, long requestTime, Exchange prev) {
            this.number = number;
            this.requestFrame = requestFrame;
            this.requestTime = requestTime;
            this.prev = prev;
        }
    }

    @Override
    public boolean shows(long frame) {
        return frame == messagesFrame && !messages.isEmpty()
                || frame == switchedFrame && (!switchedTaken || switchedShows) // nothing when all it got waits for more
                || frame == tunnelCallsFrame && !tunnelCalls.isEmpty();
    }

    /** The CONNECT tunnel calls of frame {@code frame} (empty when none). */
    public List<TunnelCall> tunnelCalls(long frame) {
        return frame == tunnelCallsFrame ? tunnelCalls : List.of();
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        resolve();
        stoppedIn = null;
        List<HttpMessage> shown = frame == messagesFrame ? messages : List.of();
        for (HttpMessage m : shown) {
            HttpTree.build(m, root, protocols, m.callStart);
            if (m.cutShort) {
                stoppedIn = m.ssdp ? Ssdp.COLUMN : null;
                return End.SHORT;
            }
            if (m.malformedIn != null) {
                stoppedIn = m.malformedIn;
                return m.unreassembledMedia ? End.UNREASSEMBLED : End.MALFORMED;
            }
            if (m.treeMalformedIn != null) {
                stoppedIn = m.treeMalformedIn;
                return End.MALFORMED;
            }
        }
        for (TunnelCall c : tunnelCalls(frame)) {
            protocols.accept("http");
            Tree http = root.protocol("http", "Hypertext Transfer Protocol").at(c.s(), c.off(), c.len());
            http.string("http.proxy_connect_host", "Proxy-Connect-Hostname", c.host()).generated().at(c.s(), c.off(), 0);
            int port = (int) c.port();
            http.field("http.proxy_connect_port", "Proxy-Connect-Port: " + Integer.toUnsignedString(port),
                    Integer.toUnsignedString(port)).generated().at(c.s(), c.off(), 0);
            if (c.data()) {
                dev.tcpscope.proto.Items.data(root, c.s(), c.off(), c.len(), protocols);
            }
        }
        if (frame == switchedFrame) {
            if (shown.isEmpty()) {
                protocols.accept("http"); // the dissector ran, though it added no item of its own
            }
            if (!switchedTaken) {
                // packet-data.c at the top level, as dissect_http_on_stream calls it
                dev.tcpscope.proto.Items.data(root, switchedSegment, switchedOff, switchedLen, protocols);
            }
        }
        return End.OK;
    }

    /** The media dissector whose bounds exception ended the last tree built, or null. */
    private String stoppedIn;

    @Override
    public String protocolName() { return stoppedIn != null ? stoppedIn : "HTTP"; }

    private final dev.tcpscope.proto.Items.Fields treeFields = new dev.tcpscope.proto.Items.Fields();

    /**
     * The items of this frame's tree as fields (built once per frame when asked for): what the
     * media dissectors HTTP hands its bodies to add ({@code image-gif.*}), null when HTTP shows
     * nothing in {@code frame}.
     */
    public dev.tcpscope.proto.Collected treeFields(long frame) {
        return treeFields.of(this, frame);
    }

    /**
     * The items of the HTTP tree of the frame {@code d} has just decoded, as fields: where the
     * media dissectors' fields ({@code image-gif.*}, {@code png.*}) take their values; null when
     * HTTP shows nothing there.
     */
    public static dev.tcpscope.proto.Collected treeFields(dev.tcpscope.tcp.Decoder d) {
        Http http = dev.tcpscope.proto.Collected.dissector(d, "http", Http.class);
        return http == null ? null : http.treeFields(d.frame().number());
    }

    @Override
    public void sources(long frame, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(frame)) {
            return;
        }
        for (HttpMessage m : messages) {
            HttpBody b = m.body;
            for (HttpMessage.Auth a : m.auths) {
                if (a.bytes != null) {
                    source.accept("NTLMSSP / GSSAPI Data", a.bytes);
                }
            }
            if (m.http2Settings != null && m.http2Settings.length > 0) {
                source.accept("Base64uri decoded", m.http2Settings);
            }
            if (b == null || m.cutShort) {
                continue;
            }
            if (b.dechunked != null) {
                source.accept("De-chunked entity body", b.dechunked);
            }
            if (b.decoded != null) {
                source.accept("Uncompressed entity body", b.decoded);
            }
        }
    }

    /**
     * req_resp_hdrs_do_reassembly: true when the headers (and the body, if asked) are all
     * there; else sets the desegmentation request and returns false.
     */
    private static boolean reassemble(MemorySegment s, long base, int len, int p, int msgStart,
                                      boolean body, boolean untilFin, PduContext ctx) {
        int at = p;
        long contentLength = -1;
        boolean chunked = false;
        String contentType = null;
        int[] next = new int[1];
        while (true) {
            if (at >= len) {
                return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
            }
            int l = lineEnd(s, base + at, len - at, next);
            if (l == -1) {
                return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
            }
            int lineStart = at;
            at += next[0];
            if (l == 0) {
                break;
            }
            if (body) {
                int b = u8(s, base + lineStart);
                if (b != 'c' && b != 'C' && b != 't' && b != 'T') {
                    continue;
                }
                String line = new String(bytes(s, base + lineStart, l), StandardCharsets.UTF_8);
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    String v = line.substring(15).strip();
                    try {
                        int cl = Integer.parseInt(v);
                        if (cl >= 0) {
                            contentLength = cl;
                        }
                    } catch (NumberFormatException e) {
                        // not a number: as if absent
                    }
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).stripLeading();
                } else if (lower.startsWith("transfer-encoding:")) {
                    String v = lower.substring(18).stripLeading();
                    if (v.startsWith("chunked")) {
                        chunked = true;
                    }
                }
            }
        }
        if (!body) {
            return true;
        }
        if (chunked) {
            while (true) {
                if (at >= len) {
                    return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
                }
                int l = lineEnd(s, base + at, len - at, next);
                if (l == -1) {
                    return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
                }
                long size = chunkSize(ascii(s, base + at, l));
                if (size < 0 || size > (1L << 31)) {
                    return true;
                }
                int chunkData = at + next[0];
                if (size == 0) {
                    int l2 = chunkData >= len ? -1 : lineEnd(s, base + chunkData, len - chunkData, next);
                    if (l2 == -1) {
                        return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
                    }
                    return true;
                }
                if (len - chunkData > size) {
                    at = (int) (chunkData + size + 2);
                } else {
                    return more(ctx, msgStart, PduDissector.ONE_MORE_SEGMENT);
                }
            }
        } else if (contentLength >= 0) {
            if (contentLength >= 128 * 1024) {
                if (contentType != null && contentType.startsWith("application/rpc")) {
                    return true;
                }
                String head = ascii(s, base, Math.min(len, 12));
                if (head.startsWith("RPC_IN_DATA") || head.startsWith("RPC_OUT_DATA")) {
                    return true;
                }
            }
            int have = len - at;
            if (have < contentLength) {
                return more(ctx, msgStart, (int) (contentLength - have));
            }
        } else if (untilFin) {
            return more(ctx, msgStart, PduDissector.UNTIL_FIN);
        }
        return true;
    }

    private static boolean more(PduContext ctx, int offset, int need) {
        ctx.desegmentOffset = offset;
        ctx.desegmentLength = need;
        return false;
    }

    /**
     * A bounds exception in {@code protocol} ended the message (Wireshark's "[Malformed Packet]",
     * or past a segment TCP did not reassemble, the "unreassembled" one): the tree stops there
     * and nothing after it runs, the tap included. Returns -1, the message's end.
     */
    private static int thrown(HttpMessage m, AppColumns cols, String protocol, boolean unreassembled) {
        m.malformedIn = protocol;
        m.unreassembledMedia = unreassembled;
        cols.appendInfo(unreassembled ? UNREASSEMBLED : "[Malformed Packet]");
        return -1;
    }

    /** is_http_request_or_reply. */
    static HttpMessage.Kind kind(String line) {
        String d = line.startsWith("M-") ? line.substring(2) : line;
        if (d.startsWith("HTTP/") || d.startsWith("ICY")) {
            return HttpMessage.Kind.RESPONSE;
        }
        int sp = d.indexOf(' ');
        String m = sp < 0 ? d : d.substring(0, sp);
        return switch (m) {
            case "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
                 "TRACE", "PATCH", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
                 "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
                 "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
                 "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA", "UNSUBSCRIBE", "RPC_OUT_DATA",
                 "VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST" -> HttpMessage.Kind.REQUEST; // a method alone is one too
            default -> HttpMessage.Kind.OTHER;
        };
    }

    /** A chunk-size line's value (hex, before any ';' extension) as the reassembly reads it, or −1 when not hex. */
    static long chunkSize(String line) {
        int semi = line.indexOf(';');
        String h = (semi < 0 ? line : line.substring(0, semi)).strip();
        int i = 0;
        long v = 0;
        while (i < h.length() && Character.digit(h.charAt(i), 16) >= 0 && i < 12) {
            v = v * 16 + Character.digit(h.charAt(i), 16);
            i++;
        }
        return i == 0 ? -1 : v;
    }

    static int statusCode(String first) {
        int sp = first.indexOf(' ');
        if (sp < 0 || first.length() < sp + 4) {
            return 0;
        }
        int code = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            char ch = first.charAt(i);
            if (ch < '0' || ch > '9') {
                return 0;
            }
            code = code * 10 + ch - '0';
        }
        return code;
    }

    /**
     * tvb_find_line_end with desegmentation on: the line's length without its terminator, or −1
     * when no terminator is in the bytes (a CR at the very end may still be followed by LF).
     * {@code next[0]} gets the offset just past the terminator.
     */
    static int lineEnd(MemorySegment s, long off, int len, int[] next) {
        for (int i = Text.firstCrOrLf(s, off, len); i < len; i++) {
            int b = u8(s, off + i);
            if (b == '\n') {
                if (next != null) {
                    next[0] = i + 1;
                }
                return i;
            }
            if (b == '\r') {
                if (i + 1 >= len) {
                    return -1;
                }
                if (next != null) {
                    next[0] = u8(s, off + i + 1) == '\n' ? i + 2 : i + 1;
                }
                return i;
            }
        }
        return -1;
    }


    /**
     * format_text over the bytes of {@code s} (one char a byte, as {@link #ascii} makes them):
     * printable ASCII as it is, control characters as escapes, UTF-8 sequences as their
     * characters and other bytes as U+FFFD, as tshark shows a line in the Info column and labels.
     */
    static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                return dev.tcpscope.proto.Text.format(b, 0, b.length);
            }
        }
        return s;
    }

    /** tvb_get_string_enc(ENC_ASCII) over a line {@link #ascii} made: each byte above 0x7f as U+FFFD. */
    static String asciiValue(String v) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(v.substring(0, i));
                }
                sb.append('\ufffd');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? v : sb.toString();
    }

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    static byte[] bytes(MemorySegment s, long off, int len) {
        byte[] b = new byte[Math.max(len, 0)];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, b.length);
        return b;
    }

    static String ascii(MemorySegment s, long off, int len) {
        return new String(bytes(s, off, len), StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWithIgnoreCase(MemorySegment s, long off, int len, String prefix) {
        if (len < prefix.length() || off < 0) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toUpperCase(u8(s, off + i)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
