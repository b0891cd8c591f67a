package dev.tcpscope.proto.http;

import dev.tcpscope.tcp.PduContext;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x message as packet-http.c reads it: the first line, the header lines up to the
 * empty line, and where the body starts. Only what the fields need is kept, and only for the
 * frame being printed.
 */
public final class HttpMessage {
    /** Request, response, or neither (a continuation of a known HTTP conversation). */
    public enum Kind { REQUEST, RESPONSE, OTHER }

    public final Kind kind;
    public final String firstLine;
    public String method, uri, version, phrase;
    public int statusCode;
    public String host, userAgent, contentType, transferEncoding, contentEncoding;
    public long contentLength = -1;
    public String contentLengthText;
    public boolean chunked;
    /** Offset (from the dissected bytes' start) just past the empty line ending the headers. */
    int headerEnd;
    int bodyLength;
    /** Whether the empty line ending the headers was found. */
    boolean headersComplete;
    /** The header lines as written (without their terminators). */
    public final List<String> headers = new ArrayList<>();
    private byte[] body;
    /** The frame and direction the message was seen in. */
    public final int frame;

    private HttpMessage(Kind kind, String firstLine, int frame) {
        this.kind = kind;
        this.firstLine = firstLine;
        this.frame = frame;
    }

    static HttpMessage parse(MemorySegment s, long base, int len, int p, int firstLen, int firstNext,
                             Kind kind, PduContext ctx) {
        String first = Http.ascii(s, base + p, firstLen);
        HttpMessage m = new HttpMessage(kind, first, ctx.frame);
        if (kind == Kind.REQUEST) {
            int a = first.indexOf(' ');
            int b = first.lastIndexOf(' ');
            m.method = first.substring(0, a);
            if (b > a) {
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
        int at = p + firstNext;
        int[] next = new int[1];
        m.headerEnd = len;
        while (at < len) {
            int l = Http.lineEnd(s, base + at, len - at, next);
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
            m.header(line);
            at += next[0];
            m.headerEnd = at;
        }
        m.source = s;
        m.base = base;
        return m;
    }

    /** A chunk ran past the bytes (tshark copies it anyway, which throws when not reassembled). */
    boolean chunkOverrun;

    private MemorySegment source;
    private long base;
    private byte[] dechunked;

    private void header(String line) {
        headers.add(line);
        int colon = line.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        switch (name) {
            case "host" -> host = value;
            case "user-agent" -> userAgent = value;
            case "content-type" -> contentType = value;
            case "content-encoding" -> contentEncoding = value;
            case "transfer-encoding" -> {
                transferEncoding = value;
                if (value.toLowerCase(Locale.ROOT).startsWith("chunked")) {
                    chunked = true;
                }
            }
            case "content-length" -> {
                contentLengthText = value;
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
            }
            default -> { }
        }
    }

    /** The media type as packet-media.c shows it: the Content-Type up to ';', lower case, no spaces. */
    public String mediaType() {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String t = semi < 0 ? contentType : contentType.substring(0, semi);
        return t.strip().toLowerCase(Locale.ROOT);
    }

    /** Bytes of the body (de-chunked when chunked). */
    int bodyBytes() {
        return dechunked != null ? dechunked.length : bodyLength;
    }

    /** The entity body ({@code http.file_data}), de-chunked; null when there is none. */
    public byte[] body() {
        if (body == null && bodyLength > 0) {
            body = dechunked != null ? dechunked : Http.bytes(source, base + headerEnd, bodyLength);
        }
        return body;
    }

    /**
     * Parses the chunks from {@code start}; returns the bytes the chunked body occupies on the
     * wire and keeps the de-chunked data (packet-http.c chunked_encoding_dissector).
     */
    int dechunk(MemorySegment s, long base, int start, int avail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = start;
        int end = start + avail;
        int[] next = new int[1];
        while (at < end) {
            int l = Http.lineEnd(s, base + at, end - at, next);
            if (l == -1) {
                break;
            }
            long size = chunkSize(Http.ascii(s, base + at, l));
            if (size < 0) {
                break;
            }
            at += next[0];
            if (size == 0) {
                // trailer lines up to the empty line
                while (at < end) {
                    int t = Http.lineEnd(s, base + at, end - at, next);
                    if (t == -1) {
                        at = end;
                        break;
                    }
                    at += next[0];
                    if (t == 0) {
                        break;
                    }
                }
                break;
            }
            int take = (int) Math.min(size, end - at);
            out.write(Http.bytes(s, base + at, take), 0, take);
            at += take;
            if (take < size) {
                chunkOverrun = true;
                break;
            }
            int crlf = Http.lineEnd(s, base + at, end - at, next);
            at += crlf == -1 ? end - at : next[0];
        }
        dechunked = out.toByteArray();
        return at - start;
    }

    /** A chunk-size line's value (hex, before any ';' extension), or −1 when it is not hex. */
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
}
