package dev.tcpscope.proto.http;

import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
public final class Http implements PduDissector {
    /** packet-http.c TCP_DEFAULT_RANGE. */
    public static final int[] TCP_PORTS = {80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710};

    /** The HTTP messages dissected in the current frame, in order (for the fields). */
    private final List<HttpMessage> messages = new ArrayList<>();
    private int messagesFrame = -1;

    /** Per-conversation state (packet-http.c's http_conv_t, what this dissector uses of it). */
    static final class Session {
        String requestMethod;
        String requestUri;
    }

    @Override
    public String name() { return "http"; }

    @Override
    public Object newSession() { return new Session(); }

    /** The messages dissected in frame {@code frame} (empty when none). */
    public List<HttpMessage> messages(long frame) {
        return frame == messagesFrame ? messages : List.of();
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

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (messagesFrame != ctx.frame) {
            messages.clear();
            messagesFrame = ctx.frame;
        }
        Session session = (Session) ctx.session;
        int pos = 0;
        while (pos < len) {
            int n = message(s, off, len, pos, ctx, session);
            if (n < 0) {
                break;
            }
            pos += n;
            ctx.columns.fence();
        }
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
                cols.setProtocol("HTTP");
                cols.setInfo("Continuation");
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
        boolean unreassembled = !ctx.canDesegment && !ctx.truncated;
        if (unreassembled && incompleteHeaderLine(s, base, len, p, kind != HttpMessage.Kind.OTHER)) {
            if (kind != HttpMessage.Kind.OTHER) {
                cols.setInfo(printable(first) + " ");
            } else if (haveSeenHttp) {
                cols.setInfo("Continuation");
            }
            if (kind != HttpMessage.Kind.OTHER || haveSeenHttp) {
                cols.setProtocol("HTTP");
            }
            cols.appendInfo(UNREASSEMBLED);
            messages.add(HttpMessage.parse(s, base, len, p, firstLen, next[0], kind, ctx));
            return -1;
        }
        String method = null;
        if (kind == HttpMessage.Kind.REQUEST) {
            int sp = first.indexOf(' ');
            method = first.substring(first.startsWith("M-") ? 2 : 0, sp);
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
        } else if (haveSeenHttp) {
            cols.setInfo("Continuation");
        } else {
            if (noFirstLine && kind(first) == HttpMessage.Kind.REQUEST) {
                // packet-http.c's header loop still reads the whole rest as a request line and
                // notes its URI (the conversation is HTTP from then on), writing no column
                HttpMessage m = HttpMessage.parse(s, base, len, p, firstLen, next[0], HttpMessage.Kind.REQUEST, ctx);
                session.requestUri = m.uri;
                session.requestMethod = m.method;
                messages.add(m);
            }
            return -1; // not HTTP: the rest goes undissected
        }
        cols.setProtocol("HTTP");
        HttpMessage m = HttpMessage.parse(s, base, len, p, firstLen, next[0], kind, ctx);
        if (kind == HttpMessage.Kind.OTHER) {
            messages.add(m);
            return len - pos;
        }
        if (kind == HttpMessage.Kind.REQUEST && m.uri != null) {
            session.requestUri = m.uri;
        }
        int bodyStart = m.headerEnd;
        int datalen = len - bodyStart;
        if (m.contentLength >= 0 && !m.chunked) {
            datalen = (int) Math.min(datalen, m.contentLength);
        } else if (kind == HttpMessage.Kind.REQUEST) {
            if (!m.chunked && m.transferEncoding == null) {
                datalen = 0;
            }
        } else {
            int code = m.statusCode;
            if (code / 100 == 1 || code == 204 || code == 304) {
                datalen = 0;
            }
        }
        if (datalen > 0 && m.chunked) {
            datalen = m.dechunk(s, base, bodyStart, len - bodyStart);
        }
        m.bodyLength = Math.max(datalen, 0);
        messages.add(m);
        if (unreassembled && m.chunked && m.chunkOverrun) {
            cols.appendInfo(UNREASSEMBLED); // de-chunking copied a chunk past the segment's end
            return -1;
        }
        if (ctx.truncated && (!m.headersComplete || m.contentLength > len - bodyStart)) {
            // the body runs past the captured bytes: tshark's bounds exception ends the frame
            cols.appendInfo("[Packet size limited during capture]");
            return -1;
        }
        if (datalen > 0 && m.contentType != null && m.bodyBytes() > 0) {
            cols.appendInfo(" (" + m.mediaType() + ")"); // packet-media.c
        }
        return bodyStart - pos + Math.max(datalen, 0);
    }

    private static final String UNREASSEMBLED = "[BoundErrorUnreassembled Packet]";

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
                long size = HttpMessage.chunkSize(ascii(s, base + at, l));
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
                 "VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST" ->
                    sp < 0 && m.length() == d.length() ? HttpMessage.Kind.OTHER : HttpMessage.Kind.REQUEST;
            default -> HttpMessage.Kind.OTHER;
        };
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
        for (int i = 0; i < len; i++) {
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

    /** format_text: non-printable bytes as escapes, as tshark shows them in the Info column. */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                switch (ch) {
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    case '\n' -> b.append("\\n");
                    default -> b.append(String.format("\\%03o", (int) ch & 0xff));
                }
            } else if (b != null) {
                b.append(ch);
            }
        }
        return b == null ? s : b.toString();
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
