package dev.tcpscope.proto.http;

import dev.tcpscope.tcp.PduContext;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x message as packet-http.c's {@code dissect_http_message} reads it: the first line,
 * the header lines up to the empty line (or up to a line that is no header), and the body that
 * follows (sized by Content-Length, de-chunked, decompressed). It points into the bytes dissected
 * in the current frame (the segment or the reassembled PDU) and lives only until the next frame.
 */
public final class HttpMessage {
    /** Request, response, or neither (a continuation of a known HTTP conversation). */
    public enum Kind { REQUEST, RESPONSE, OTHER }

    public final Kind kind;
    public final String firstLine;
    public String method, uri, version, phrase;
    public int statusCode;
    public String host, userAgent, contentType, transferEncoding, contentEncoding;
    /** The Upgrade header's value, or null. */
    public String upgrade;
    /** The Sec-WebSocket-Extensions header's value, or null. */
    public String websocketExtensions;
    public long contentLength = -1;
    public String contentLengthText;
    public boolean chunked;
    /** The header lines as written (without their terminators). */
    public final List<String> headers = new ArrayList<>();
    /** The frame the message was dissected in. */
    public final int frame;

    // Where the message lies in the dissected bytes (offsets from base).
    final MemorySegment source;
    final long base;
    /** {@code orig_offset}: where the message starts (before a leading CRLF). */
    final int start;
    /** Where the first line starts (after a leading CRLF). */
    int lineStart;
    boolean leadingCrlf;
    /** Just past the header block (the empty line, or where the headers stopped). */
    int headerEnd;
    /** Whether the empty line ending the headers was found. */
    boolean headersComplete;
    /** Bytes after the headers in the dissected data (all of them, whatever the body's size). */
    int rest;

    /** Where the dissected data ends (offset from base): the HTTP item runs to it. */
    int end() { return headerEnd + rest; }
    /** The body's bytes on the wire (after Content-Length, chunking); 0 when none. */
    int bodyLength;
    /** The exchange this message opened or completed (0: none), the conversation's -2 log, the frame's time. */
    int exchange;
    Http.Log log;
    long time;
    /** The first message of one call of the dissector (tshark adds "http" to frame.protocols per call). */
    boolean callStart;
    /** An SSDP message (a UDP datagram, {@link Ssdp}): the tree's protocol is ssdp, its items http.*. */
    boolean ssdp;
    /** The message ran past the captured bytes (snap length): the tree stops before the body. */
    boolean cutShort;
    /** The short name of the media dissector that read past the body ("PNG"), or null. */
    String malformedIn;
    /**
     * The short name of the media dissector that read past the body only when it had a tree to
     * build (file-jpeg.c reads most segments only then), set by the last tree built; or null.
     */
    String treeMalformedIn;
    /** Whether that body was a segment TCP did not reassemble (desegmentation off). */
    boolean unreassembledMedia;
    /**
     * The header lines ended with a line that has no colon and no line end, after a first line or
     * a header: packet-http.c's check that the byte after it exists throws (the message ends there).
     */
    boolean headerOverrun;
    /** A non-printable first byte in a known HTTP conversation: shown as data. */
    boolean binary;
    /**
     * A request whose method is NOTIFY, SUBSCRIBE or UNSUBSCRIBE: packet-http.c's
     * HTTP_NOTIFICATION, a request line that opens no exchange (no pairing items, the response
     * after it answers no request), whose unknown headers are {@code http.unknown_header} items and
     * whose known ones have no hidden {@code http.request.line}; a body without Content-Length
     * runs to the end of the data.
     */
    boolean notification;
    /** Transfer-Encoding: one of packet-http.c's HTTP_TE_* (0 none). */
    int te;
    /** The body as dissected, see {@link HttpBody}; null when there is none. */
    HttpBody body;
    /** Request/response pairing as packet-http.c shows it for this message (see {@link Http}). */
    final Pairing pairing = new Pairing();

    /** Transfer codings (packet-http.c http_transfer_encoding). */
    static final int TE_NONE = 0, TE_COMPRESS = 2, TE_DEFLATE = 3, TE_GZIP = 4, TE_IDENTITY = 5,
            TE_UNKNOWN = 6;

    private HttpMessage(Kind kind, String firstLine, int frame, MemorySegment source, long base, int start) {
        this.kind = kind;
        this.firstLine = firstLine;
        this.frame = frame;
        this.source = source;
        this.base = base;
        this.start = start;
    }

    /** What the pairing items of the tree show; 0 or null when absent. */
    static final class Pairing {
        int number, total;
        int prevRequest, prevResponse, requestIn, responseIn, nextRequest, nextResponse;
        long time = -1;
        String fullUri, responseForUri;
    }

    /**
     * A continuation whose first byte is not printable (packet-http.c shows it as data); its
     * item starts at {@code p}, after a leading CRLF, its data at {@code start}.
     */
    static HttpMessage binary(MemorySegment s, long base, int start, int p, int len, int frame) {
        HttpMessage m = new HttpMessage(Kind.OTHER, "", frame, s, base, start);
        m.binary = true;
        m.lineStart = p;
        m.headerEnd = start;
        m.rest = len - start;
        return m;
    }

    /** is_http_request_or_reply's HTTP_NOTIFICATION methods (the method as the line has it, "M-" dropped). */
    static boolean isNotification(String method) {
        String m = method.startsWith("M-") ? method.substring(2) : method;
        return m.equals("NOTIFY") || m.equals("SUBSCRIBE") || m.equals("UNSUBSCRIBE");
    }

    static HttpMessage parse(MemorySegment s, long base, int len, int start, int p, int firstLen, int firstNext,
                             Kind kind, PduContext ctx) {
        String asRead = Http.ascii(s, base + p, firstLen);
        HttpMessage m = new HttpMessage(kind, asRead, ctx.frame, s, base, start);
        String first = Http.asciiValue(asRead); // method, URI, version and phrase are ENC_ASCII strings
        m.lineStart = p;
        m.leadingCrlf = p > start;
        if (kind == Kind.REQUEST) {
            int a = first.indexOf(' ');
            int b = first.lastIndexOf(' ');
            m.method = a < 0 ? first : first.substring(0, a);
            m.notification = isNotification(m.method);
            if (a < 0) {
                m.uri = ""; // a method alone: an empty URI and version, as basic_request_dissector reads them
                m.version = "";
            } else if (b > a) {
                m.uri = first.substring(a + 1, b);
                m.version = first.substring(b + 1);
            } else {
                m.uri = first.substring(a + 1);
            }
        } else if (kind == Kind.RESPONSE) {
            int a = first.indexOf(' ');
            m.version = a < 0 ? first : first.substring(0, a);
            m.statusCode = Http.statusCode(first);
            if (a >= 0 && first.length() > a + 4) {
                m.phrase = first.substring(Math.min(first.length(), a + 5));
            } else {
                m.phrase = "";
            }
        }
        int at = kind == Kind.OTHER ? p : p + firstNext;
        int[] next = new int[1];
        m.headerEnd = len;
        while (at < len) {
            int l = Http.lineEnd(s, base + at, len - at, next);
            boolean unterminated = l == -1;
            if (l == -1) {
                l = len - at;
                next[0] = len - at;
            }
            if (l == 0) {
                m.headerEnd = at + next[0];
                m.headersComplete = true;
                break;
            }
            String line = new String(Http.bytes(s, base + at, l), StandardCharsets.ISO_8859_1);
            if (line.indexOf(':') < 0 && !(kind == Kind.OTHER && at == p && Http.kind(line) != Kind.OTHER)) {
                // after a first line or a header, packet-http.c makes sure the byte after such a
                // line exists: one running to the end of the data throws there
                m.headerOverrun = unterminated && (kind != Kind.OTHER || at > p);
                m.headerEnd = at; // no header: packet-http.c stops here, and the rest is the body
                break;
            }
            m.header(line);
            m.authCandidate(line, at);
            at += next[0];
            m.headerEnd = at;
        }
        m.rest = len - m.headerEnd;
        return m;
    }

    /**
     * An Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate line whose
     * value starts "NTLM " or "Negotiate " (packet-http.c's check_auth_ntlmssp): the offset of the
     * line and the base64 after the scheme; {@link Http} decodes it in capture order into its
     * bytes and an NTLMSSP message or GSS-API blob.
     */
    static final class Auth {
        final int at;
        final String base64;
        byte[] bytes;
        Object blob;

        Auth(int at, String base64) {
            this.at = at;
            this.base64 = base64;
        }
    }

    /** The message's auth lines, in order (most messages have none: no list is made for them). */
    List<Auth> auths = List.of();
    /** The decoded HTTP2-Settings header (the "Base64uri decoded" source), made once; null before. */
    byte[] http2Settings;

    /** base64uri_tvb_to_new_tvb: '-' and '_' read as '+' and '/', other characters skipped (g_base64_decode). */
    byte[] http2Settings(String value) {
        if (http2Settings == null) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int acc = 0, n = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                        : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
                if (v < 0) {
                    continue;
                }
                acc = acc << 6 | v;
                n += 6;
                if (n >= 8) {
                    n -= 8;
                    out.write(acc >>> n & 0xff);
                }
            }
            http2Settings = out.toByteArray();
        }
        return http2Settings;
    }

    private void authCandidate(String line, int at) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return;
        }
        // every header line passes here: compare in place, no lower-cased copy
        if (!isName(line, colon, "authorization") && !isName(line, colon, "proxy-authorization")
                && !isName(line, colon, "www-authenticate") && !isName(line, colon, "proxy-authenticate")) {
            return;
        }
        String value = HttpTree.headerValue(line, colon);
        String rest = value.startsWith("NTLM ") ? value.substring(5) : value.startsWith("Negotiate ") ? value.substring(10) : null;
        if (rest != null) {
            if (auths.isEmpty()) {
                auths = new ArrayList<>(1);
            }
            auths.add(new Auth(at, rest));
        }
    }

    private static boolean isName(String line, int colon, String name) {
        return colon == name.length() && line.regionMatches(true, 0, name, 0, colon);
    }

    /** The decoded blob of the auth line at {@code at}, or null. */
    Object authAt(int at) {
        for (Auth a : auths) {
            if (a.at == at) {
                return a.blob;
            }
        }
        return null;
    }

    private void header(String line) {
        headers.add(line);
        int colon = line.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = HttpTree.headerValue(line, colon);
        switch (name) {
            case "host" -> host = value;
            case "user-agent" -> userAgent = value;
            case "content-type" -> contentType = value;
            case "content-encoding" -> contentEncoding = value;
            case "upgrade" -> upgrade = value;
            case "http2-settings" -> http2Settings(value);
            case "sec-websocket-extensions" -> websocketExtensions = value;
            case "transfer-encoding" -> {
                transferEncoding = value;
                te = transferCoding(value);
            }
            case "content-length" -> {
                contentLengthText = value;
                contentLength = HttpTree.contentLength(value);
            }
            default -> { }
        }
    }

    /**
     * packet-http.c http_parse_transfer_coding: sets {@link #chunked} and returns the other coding
     * (TE_UNKNOWN when only chunked, or an unknown name, was given).
     */
    private int transferCoding(String v) {
        int coding = TE_UNKNOWN;
        int i = 0;
        int n = v.length();
        while (i < n) {
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t' || v.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (v.startsWith("chunked", i)) {
                chunked = true;
                i += 7;
                continue;
            }
            if (coding != TE_UNKNOWN) {
                teFullyParsed = false;
                break;
            }
            String[] names = {"compress", "deflate", "gzip", "identity", "x-compress", "x-gzip"};
            int[] codes = {TE_COMPRESS, TE_DEFLATE, TE_GZIP, TE_IDENTITY, TE_COMPRESS, TE_GZIP};
            boolean known = false;
            for (int k = 0; k < names.length; k++) {
                if (v.startsWith(names[k], i)) {
                    coding = codes[k];
                    i += names[k].length();
                    known = true;
                    break;
                }
            }
            if (!known) {
                teFullyParsed = false;
                int comma = v.indexOf(',', i);
                if (comma < 0) {
                    break;
                }
                i = comma;
            }
        }
        return coding;
    }

    /** The Transfer-Encoding value {@code v} parsed alone (for the tree's te_unknown check). */
    static HttpMessage probeTransferCoding(String v) {
        HttpMessage m = new HttpMessage(Kind.OTHER, "", 0, null, 0, 0);
        m.transferCoding(v);
        return m;
    }

    /** Whether the Transfer-Encoding value had only known codings (else packet-http.c's te_unknown). */
    boolean teFullyParsed = true;

    /**
     * The media type as packet-http.c keeps it: the Content-Type up to ';' or white space, lower
     * case (pinfo->match_string).
     */
    public String mediaType() {
        if (contentType == null) {
            return null;
        }
        int i = 0;
        while (i < contentType.length() && contentType.charAt(i) != ';' && !Character.isWhitespace(contentType.charAt(i))) {
            i++;
        }
        return contentType.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** The Content-Type's parameters (after the type, ';' and white space), or null. */
    String mediaParameters() {
        if (contentType == null) {
            return null;
        }
        int i = mediaType().length() + 1;
        while (i < contentType.length() && (contentType.charAt(i) == ';' || Character.isWhitespace(contentType.charAt(i)))) {
            i++;
        }
        return i < contentType.length() ? contentType.substring(i) : null;
    }

    /** The entity body ({@code http.file_data}): de-chunked and decompressed; null when there is none. */
    public byte[] body() {
        return body == null ? null : body.fileData();
    }
}
