package dev.tcpscope.proto.http;

import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The detail tree of one HTTP message as packet-http.c builds it for {@code -V} and {@code -T json}
 * ({@code dissect_http_message}, {@code basic_request_dissector}, {@code basic_response_dissector},
 * {@code process_header}, {@code chunked_encoding_dissector}), and the media or data item of its
 * body (packet-media.c, packet-data.c). The lines are read again from the message's bytes, which
 * are valid while the frame is printed.
 */
final class HttpTree {
    private HttpTree() { }

    /** packet-http.c's headers[]: the header names it knows and their fields. */
    private static final String[][] KNOWN = {
            {"authorization", "http.authorization"}, {"proxy-authorization", "http.proxy_authorization"},
            {"proxy-authenticate", "http.proxy_authenticate"}, {"www-authenticate", "http.www_authenticate"},
            {"content-type", "http.content_type"}, {"content-length", "http.content_length_header"},
            {"content-encoding", "http.content_encoding"}, {"transfer-encoding", "http.transfer_encoding"},
            {"upgrade", "http.upgrade"}, {"user-agent", "http.user_agent"}, {"host", "http.host"},
            {"connection", "http.connection"}, {"cookie", "http.cookie"}, {"accept", "http.accept"},
            {"referer", "http.referer"}, {"accept-language", "http.accept_language"},
            {"accept-encoding", "http.accept_encoding"}, {"date", "http.date"}, {"cache-control", "http.cache_control"},
            {"server", "http.server"}, {"location", "http.location"},
            {"sec-websocket-accept", "http.sec_websocket_accept"},
            {"sec-websocket-extensions", "http.sec_websocket_extensions"},
            {"sec-websocket-key", "http.sec_websocket_key"}, {"sec-websocket-protocol", "http.sec_websocket_protocol"},
            {"sec-websocket-version", "http.sec_websocket_version"}, {"set-cookie", "http.set_cookie"},
            {"last-modified", "http.last_modified"}, {"x-forwarded-for", "http.x_forwarded_for"},
            {"http2-settings", "http.http2_settings"}};

    private static String knownField(String lowerName) {
        for (String[] k : KNOWN) {
            if (k[0].equals(lowerName)) {
                return k[1];
            }
        }
        return null;
    }

    /** A header's value as process_header takes it: after the colon and any spaces or tabs, to the line's end. */
    static String headerValue(String line, int colon) {
        int v = colon + 1;
        while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
            v++;
        }
        return line.substring(v);
    }

    /** g_ascii_strtoll as process_header checks a Content-Length: the value, or −1 when not valid. */
    static long contentLength(String v) {
        int i = 0;
        int n = v.length();
        while (i < n && Character.isWhitespace(v.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            neg = v.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long r = 0;
        while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            if (r > (Long.MAX_VALUE - 9) / 10) {
                return -1; // ERANGE
            }
            r = r * 10 + (v.charAt(i) - '0');
            i++;
        }
        if (i == digits || neg && r != 0 || i < n && !Character.isWhitespace(v.charAt(i))) {
            return -1;
        }
        return r;
    }

    /**
     * Adds the items of {@code m}; {@code first} when it is the first message of a call of the
     * dissector (frame.protocols names http once per call, however many messages it held).
     */
    static void build(HttpMessage m, Tree root, Consumer<String> protocols, boolean first) {
        m.treeMalformedIn = null;
        if (first) {
            protocols.accept(m.ssdp ? "ssdp" : "http");
        }
        MemorySegment s = m.source;
        long base = m.base;
        // proto_tree_add_item(..., offset, -1): to the end of the bytes the dissector was handed
        Tree http = (m.ssdp ? root.protocol("ssdp", Ssdp.TITLE) : root.protocol("http", "Hypertext Transfer Protocol"))
                .at(s, base + m.lineStart, m.end() - m.lineStart);
        if (m.binary) {
            data(http, s, base + m.start, m.rest, protocols);
            return;
        }
        if (m.leadingCrlf) {
            String crlf = "Leading CRLF previous message in the stream may have extra CRLF";
            http.text(crlf).expert("http.leading_crlf", Tree.Severity.ERROR, Tree.Group.MALFORMED, crlf);
        }
        int at = m.lineStart;
        int end = m.headerEnd;
        int[] next = new int[1];
        boolean haveContentLength = false;
        boolean teSeen = false;
        while (at < end) {
            int l = Http.lineEnd(s, base + at, end - at, next);
            if (l == -1) {
                // packet-http.c's tvb_find_line_end(..., FALSE) ends a line at a CR that is the
                // last byte (a blank "\r" line then ends the headers); no terminator: the rest
                boolean cr = Http.u8(s, base + end - 1) == '\r';
                l = cr ? end - at - 1 : end - at;
                next[0] = end - at;
            }
            String raw = Http.ascii(s, base + at, next[0]);
            if (l == 0) {
                http.line(null, Http.printable(raw), null).at(s, base + at, next[0]);
                break;
            }
            String line = raw.substring(0, l);
            if (at == m.lineStart && m.kind != HttpMessage.Kind.OTHER) {
                Tree req = http.line(null, Http.printable(raw), null).at(s, base + at, next[0]);
                req.expert("http.chat", Tree.Severity.CHAT, Tree.Group.SEQUENCE, Http.printable(raw));
                if (m.kind == HttpMessage.Kind.REQUEST) {
                    request(req, line, s, base + at);
                } else {
                    response(req, line, s, base + at);
                }
            } else {
                int colon = line.indexOf(':');
                boolean[] state = {haveContentLength, teSeen};
                header(http, m, raw, line, colon, state, at, s, base + at, protocols);
                haveContentLength = state[0];
                teSeen = state[1];
            }
            at += next[0];
        }
        if (m.headerOverrun) {
            return; // the exception after the header lines: no URI, pairing or body
        }
        HttpMessage.Pairing p = m.pairing;
        if (p.fullUri != null && m.kind == HttpMessage.Kind.REQUEST) {
            http.string("http.request.full_uri", "Full request URI", p.fullUri).generated();
        }
        if (m.kind == HttpMessage.Kind.RESPONSE) {
            http.hidden("http.response", "1");
            if (p.number > 0) {
                http.field("http.response_number", "HTTP response " + p.number + "/" + p.total,
                        Integer.toString(p.number)).generated();
                if (p.time >= 0) {
                    String t = seconds(p.time);
                    http.field("http.time", "Time since request: " + t + " seconds", t).generated();
                }
            }
            frameItem(http, "http.prev_request_in", "Prev request in frame", p.prevRequest);
            frameItem(http, "http.prev_response_in", "Prev response in frame", p.prevResponse);
            frameItem(http, "http.request_in", "Request in frame", p.requestIn);
            frameItem(http, "http.next_request_in", "Next request in frame", p.nextRequest);
            frameItem(http, "http.next_response_in", "Next response in frame", p.nextResponse);
            if (p.responseForUri != null) {
                http.string("http.response_for.uri", "Request URI", p.responseForUri).generated();
            }
        } else if (m.kind == HttpMessage.Kind.REQUEST && m.notification) {
            http.hidden("http.notification", "1");
        } else if (m.kind == HttpMessage.Kind.REQUEST) {
            http.hidden("http.request", "1");
            if (p.number > 0) {
                http.field("http.request_number", "HTTP request " + p.number + "/" + p.total,
                        Integer.toString(p.number)).generated();
            }
            frameItem(http, "http.prev_request_in", "Prev request in frame", p.prevRequest);
            frameItem(http, "http.response_in", "Response in frame", p.responseIn);
            frameItem(http, "http.next_request_in", "Next request in frame", p.nextRequest);
        }
        if (m.body != null && !m.cutShort) {
            body(http, root, m, protocols);
        }
    }

    private static void frameItem(Tree t, String key, String name, int frame) {
        if (frame > 0) {
            t.field(key, name + ": " + frame, Integer.toString(frame)).generated();
        }
    }

    /** basic_request_dissector: method, URI (with its path and query), version; the line is at {@code off} of {@code s}. */
    private static void request(Tree t, String raw, MemorySegment s, long off) {
        String line = Http.asciiValue(raw); // its items are ENC_ASCII strings; a char a byte, so offsets hold
        int[] next = new int[1];
        int len = tokenLength(line, 0, next);
        if (len == 0) {
            return;
        }
        t.string("http.request.method", "Request Method", line.substring(0, len)).at(s, off, len);
        int at = next[0];
        if (at > 2 && line.charAt(at - 1) == ' ' && line.charAt(at - 2) == ' ') {
            at--; // two spaces: an empty URI
        }
        len = tokenLength(line, at, next);
        String uri = line.substring(at, at + len);
        Tree u = t.string("http.request.uri", "Request URI", uri).at(s, off + at, len);
        int q = uri.indexOf('?');
        if (q >= 0 && uri.length() - q > 1) {
            u.string("http.request.uri.path", "Request URI Path", uri.substring(0, q)).at(s, off + at, q);
            long queryAt = off + at + q + 1;
            Tree query = u.string("http.request.uri.query", "Request URI Query", uri.substring(q + 1))
                    .at(s, queryAt, uri.length() - q - 1);
            for (String param : uri.substring(q + 1).split("&")) {
                if (!param.isEmpty()) {
                    // packet-http.c moves on by each strtok token's length and one, whatever it skipped
                    query.string("http.request.uri.query.parameter", "Request URI Query Parameter", param)
                            .at(s, queryAt, param.length());
                    queryAt += param.length() + 1;
                }
            }
        }
        t.string("http.request.version", "Request Version", line.substring(next[0])).at(s, off + next[0], line.length() - next[0]);
    }

    /** basic_response_dissector: version, status code and its description, phrase. */
    private static void response(Tree t, String raw, MemorySegment s, long off) {
        String line = Http.asciiValue(raw);
        int[] next = new int[1];
        int len = tokenLength(line, 0, next);
        if (len == 0) {
            return;
        }
        t.string("http.response.version", "Response Version", line.substring(0, len)).at(s, off, len);
        int at = next[0];
        len = tokenLength(line, at, next);
        if (len < 3) {
            return;
        }
        int code = 0;
        for (int i = at; i < at + 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                break; // strtoul stops at the first non-digit
            }
            code = code * 10 + c - '0';
        }
        t.field("http.response.code", "Status Code: " + code, Integer.toString(code)).at(s, off + at, 3);
        String desc = HttpStatus.describe(code);
        t.string("http.response.code.desc", "Status Code Description", desc).generated().at(s, off + at, 3);
        if (line.length() - next[0] >= 1) {
            t.string("http.response.phrase", "Response Phrase", line.substring(next[0])).at(s, off + next[0], line.length() - next[0]);
        }
    }

    /** get_token_len: the token at {@code from} up to a space, CR or LF; {@code next[0]} past the spaces after it. */
    private static int tokenLength(String line, int from, int[] next) {
        int i = from;
        while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\r' && line.charAt(i) != '\n') {
            i++;
        }
        int len = i - from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        next[0] = i;
        return len;
    }

    /**
     * The value of a header line's item: a request's or response's {@code *.line} holds the line
     * as it is, {@code http.unknown_header} (a message without a first line) with a good header
     * name its format_text.
     */
    private static String lineValue(String lineKey, String raw, MemorySegment s, long off) {
        return lineKey != null ? Http.asciiValue(raw) : dev.tcpscope.proto.Text.format(s, off, raw.length());
    }

    /** process_header: one header line; {@code state} carries have_content_length and the Transfer-Encoding seen. */
    private static void header(Tree http, HttpMessage m, String raw, String line, int colon, boolean[] state, int at,
                               MemorySegment s, long off, Consumer<String> protocols) {
        String lineKey = m.kind == HttpMessage.Kind.RESPONSE ? "http.response.line"
                : m.kind == HttpMessage.Kind.REQUEST && !m.notification ? "http.request.line" : null;
        boolean valid = colon > 0;
        for (int i = 0; valid && i < colon; i++) {
            char c = line.charAt(i);
            valid = c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&\\:*+-.^_`|~".indexOf(c) >= 0);
        }
        if (colon < 0) {
            valid = false;
        }
        if (!valid) {
            // packet-http.c adds a line with a bad header name as the bytes it is (ENC_ASCII), not
            // as the format_text an unknown header with a good name gets
            Tree it = asciiItem(http.line(lineKey == null ? "http.unknown_header" : lineKey, Http.printable(raw),
                    dev.tcpscope.proto.Text.ascii(s, off, raw.length())), s, off, raw.length());
            it.expert("http.bad_header_name", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Illegal characters found in header name");
            return;
        }
        String name = line.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String value = headerValue(line, colon);
        String key = knownField(name);
        if (key == null) {
            http.line(lineKey == null ? "http.unknown_header" : lineKey, Http.printable(raw), lineValue(lineKey, raw, s, off)).at(s, off, raw.length());
            return;
        }
        String label = Http.printable(raw);
        Tree item = http.line(key, label, Http.asciiValue(value)).at(s, off, raw.length());
        if (lineKey != null) {
            asciiItem(http.line(lineKey, label, dev.tcpscope.proto.Text.ascii(s, off, raw.length())).hide(), s, off, raw.length());
        }
        switch (name) {
            case "content-length" -> {
                long cl = contentLength(value);
                if (cl >= 0) {
                    state[0] = true;
                    item.field("http.content_length", "Content length: " + cl, Long.toString(cl)).generated().at(s, off, raw.length());
                    if (state[1]) {
                        teAndLength(item);
                    }
                }
            }
            case "transfer-encoding" -> {
                state[1] = true;
                if (state[0]) {
                    teAndLength(item);
                }
                HttpMessage probe = HttpMessage.probeTransferCoding(value);
                if (!probe.teFullyParsed) {
                    item.expert("http.te_unknown", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                            "Unknown transfer coding name in Transfer-Encoding header");
                }
            }
            case "http2-settings" -> {
                // the value, base64url, is an HTTP/2 SETTINGS payload: HTTP/2's items for it
                byte[] d = m.http2Settings(value);
                if (d.length > 0) {
                    dev.tcpscope.proto.http2.Http2.settingsItems(item, d);
                }
            }
            case "authorization", "proxy-authorization" -> {
                if (ntlmssp(item, m, at, protocols)) {
                    break;
                }
                if (value.startsWith("Basic ")) { // check_auth_basic (after NTLMSSP, not dissected here)
                    String b64 = value.substring(6);
                    String cred = b64;
                    if (b64.length() > 1) {
                        byte[] decoded = java.util.Base64.getMimeDecoder().decode(b64.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        cred = fileDataText(decoded);
                    }
                    // check_auth_basic adds it at offset 0 of the buffer, with no length (PDML's pos)
                    item.string("http.authbasic", "Credentials", cred).at(m.source, m.base, 0);
                } else if (value.startsWith("Digest")) {
                    digest(item, m, at, value.length());
                }
            }
            case "www-authenticate", "proxy-authenticate" -> ntlmssp(item, m, at, protocols);
            case "cookie" -> {
                int i = 0;
                int n = value.length();
                long valueAt = off + line.length() - n;
                while (i < n) {
                    while (i < n && (value.charAt(i) == ';' || Character.isWhitespace(value.charAt(i)))) {
                        i++;
                    }
                    if (i >= n) {
                        break;
                    }
                    int semi = value.indexOf(';', i);
                    int partEnd = semi < 0 ? n : semi;
                    item.string("http.cookie_pair", "Cookie pair", value.substring(i, partEnd)).at(s, valueAt + i, partEnd - i);
                    i = partEnd;
                }
            }
            default -> { }
        }
    }

    /**
     * check_auth_digest: text items for the comma-separated parts, read from 21 bytes into the
     * header line (the length of "Authorization: Digest") for the value's length less 21; the part
     * after the last comma is not shown. Kept as Wireshark does it, offsets and all.
     */
    private static void digest(Tree item, HttpMessage m, int lineAt, int valueLength) {
        MemorySegment s = m.source;
        long base = m.base;
        int end = (int) Math.min(Integer.MAX_VALUE, s.byteSize() - base);
        int offset = lineAt + 21;
        int len = valueLength - 21;
        while (len > 0) {
            int comma = -1;
            for (int i = offset; i < Math.min(end, offset + len); i++) {
                if (Http.u8(s, base + i) == ',') {
                    comma = i;
                    break;
                }
            }
            if (comma <= 0) {
                break;
            }
            item.line(null, Http.printable(Http.ascii(s, base + offset, comma - offset)), null).at(s, base + offset, comma - offset);
            len -= comma - offset;
            offset = comma + 1;
        }
    }

    /** check_auth_ntlmssp: the NTLMSSP or GSS-API tree of the auth line at {@code at}, if it had one; whether it had. */
    private static boolean ntlmssp(Tree item, HttpMessage m, int at, Consumer<String> protocols) {
        Object blob = m.authAt(at);
        if (blob instanceof dev.tcpscope.proto.ntlmssp.Ntlmssp.Message n) {
            dev.tcpscope.proto.ntlmssp.Ntlmssp.tree(n, item, protocols);
            return true;
        }
        if (blob instanceof dev.tcpscope.proto.ntlmssp.GssApi.Blob g) {
            dev.tcpscope.proto.ntlmssp.GssApi.tree(g, item, protocols);
            return true;
        }
        return false;
    }

    private static void teAndLength(Tree item) {
        item.expert("http.te_and_length", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                "The Content-Length and Transfer-Encoding header must not be set together");
    }

    /** The body: chunks, content coding, File Data, then media or data (dissect_http_message). */
    private static void body(Tree http, Tree root, HttpMessage m, Consumer<String> protocols) {
        HttpBody b = m.body;
        MemorySegment s = m.source;
        long base = m.base;
        if (m.chunked) {
            boolean overrun = ("HTTP".equals(m.malformedIn) || Ssdp.COLUMN.equals(m.malformedIn)) && b.truncatedChunk;
            chunks(http, b, s, base, m.end(), overrun ? b.truncatedAt : b.chunks);
            if (b.outcome == HttpBody.Outcome.NO_CHUNKS || overrun) {
                return; // after an overrun, the exception ended the dissection
            }
        }
        if (b.outcome == HttpBody.Outcome.TRANSFER_CODED) {
            data(http, b.entitySegment(), b.entityOffset(), b.entity().length, protocols);
            return;
        }
        if (m.contentEncoding != null && !m.contentEncoding.equalsIgnoreCase("identity")) {
            String label = "Content-encoded entity body (" + m.contentEncoding + "): " + b.encodedLength + " bytes";
            if (b.decoded != null) {
                http.line(null, label + " -> " + b.decoded.length + " bytes", null).at(b.entitySegment(), b.entityOffset(), b.encodedLength);
            } else {
                Tree e = http.line(null, label, null).at(b.entitySegment(), b.entityOffset(), b.encodedLength);
                e.expert("http.decompression_failed", Tree.Severity.WARNING, Tree.Group.UNDECODED, "Decompression failed");
                data(e, b.entitySegment(), b.entityOffset(), b.encodedLength, protocols);
                return;
            }
        }
        byte[] file = b.fileData();
        MemorySegment fs = b.fileSegment();
        long fo = b.fileOffset();
        http.field("http.file_data", "File Data: " + file.length + " bytes", fileDataText(file)).at(fs, fo, file.length);
        if (b.outcome == HttpBody.Outcome.EMPTY) {
            return;
        }
        if (b.outcome == HttpBody.Outcome.MEDIA && HttpMedia.DATA.equals(m.mediaType())) {
            data(root, fs, fo, file.length, protocols); // packet-data.c takes this type itself, at the top
            http.length(m.headerEnd); // proto_item_set_len(ti, offset): the offset, not the length from the item's start
            return;
        }
        if (Http.multipart(m)) {
            // the multipart dissector takes the body whatever it holds; its items follow HTTP's
            if (dev.tcpscope.proto.multipart.Multipart.dissect(m.mediaType(), m.mediaParameters(), fs, fo, file.length,
                    root, new StringBuilder(), protocols) == null) {
                http.length(m.headerEnd);
            }
            return;
        }
        dev.tcpscope.proto.Media.Dissector claimant = b.claimant(m.mediaType());
        if (claimant != null && b.outcome == HttpBody.Outcome.MEDIA && claimant == dev.tcpscope.proto.Media.byType(m.mediaType())) {
            media(http, m, root, claimant, fs, fo, file.length, protocols); // the type's own dissector took it
            return;
        }
        if (b.outcome == HttpBody.Outcome.MEDIA) {
            String type = m.mediaType();
            if (HttpMedia.registered(type)) {
                http.expert("http.subdissector_failed", Tree.Severity.NOTE, Tree.Group.MALFORMED,
                        "HTTP body subdissector failed, trying heuristic subdissector");
            }
            if (claimant != null) {
                media(http, m, root, claimant, fs, fo, file.length, protocols); // a heuristic took it
                return;
            }
            protocols.accept("media");
            Tree media = root.protocol("media", "Media Type").at(fs, fo, file.length);
            String params = m.mediaParameters();
            String label = "Media type: " + type + (params != null ? "; " + params : "") + " (" + file.length
                    + (file.length == 1 ? " byte)" : " bytes)");
            media.bytes("media.type", "x", fs, fo, file.length).relabel(label);
            return;
        }
        if (claimant != null) {
            media(http, m, root, claimant, fs, fo, file.length, protocols); // no Content-Type: a heuristic took it
            return;
        }
        data(http, fs, fo, file.length, protocols);
    }

    /**
     * A media dissector's items at the top level, after HTTP's, whose item then ends with the
     * headers (packet-http.c sets its length once a subdissector took the body, unless the
     * subdissector's exception ended the frame).
     */
    private static void media(Tree http, HttpMessage m, Tree root, dev.tcpscope.proto.Media.Dissector d, MemorySegment s,
                              long off, int len, Consumer<String> protocols) {
        protocols.accept(d.name());
        if (d.tree(root, m.mediaType(), s, off, len, protocols)) {
            if (!d.endsInBug(m.mediaType(), s, off, len)) {
                http.length(m.headerEnd); // a dissector bug's exception leaves HTTP's item as long as the message
            }
        } else if (m.malformedIn == null) {
            // its bounds exception skipped packet-http.c's proto_item_set_len; m.malformedIn says
            // so since dissection, unless only the tree's walk reads that far
            m.treeMalformedIn = dev.tcpscope.field.ProtocolNames.shortName(d.name());
        }
    }

    /** chunked_encoding_dissector's items. */
    private static void chunks(Tree http, HttpBody b, MemorySegment s, long base, int end, int shown) {
        Tree t = http.text("HTTP chunked response").at(s, base + b.offset, b.chunkedLength);
        for (int i = 0; i < shown; i++) {
            int size = b.chunkSize[i];
            int line = b.chunkLine[i];
            // a text item past the end of the body's bytes is cut there (proto.c get_hfi_length)
            Tree c = t.text(size == 0 ? "End of chunked encoding" : "Data chunk (" + size + " octets)")
                    .at(s, base + line, Math.min(b.chunkData[i] - line + size + 2, end - line));
            c.field("http.chunk_size", "Chunk size: " + size + (size == 1 ? " octet" : " octets"), Integer.toString(size))
                    .at(s, base + line, b.chunkData[i] - line);
            if (size > 0) {
                c.bytes("http.chunk_data", "Chunk data", s, base + b.chunkData[i], size);
                if (b.chunkData[i] + size + 2 <= end) { // no boundary past the bytes there are
                    c.bytes("http.chunk_boundary", "Chunk boundary", s, base + b.chunkData[i] + size, 2);
                }
            }
        }
        if (b.trailerLength > 0) {
            t.string("http.chunked_trailer_part", "trailer-part", Http.ascii(s, base + b.trailerOffset, b.trailerLength))
                    .at(s, base + b.trailerOffset, b.trailerLength);
        }
        if (b.finalCrlfLength >= 0) {
            t.line(null, Http.ascii(s, base + b.finalCrlfOffset, b.finalCrlfLength), null).at(s, base + b.finalCrlfOffset, b.finalCrlfLength);
        }
    }

    /** packet-data.c under {@code parent}. */
    private static void data(Tree parent, MemorySegment s, long off, int len, Consumer<String> protocols) {
        dev.tcpscope.proto.Items.data(parent, s, off, len, protocols);
    }

    /**
     * {@code http.file_data}'s value: tvb_get_string_enc(ENC_ASCII), bytes above 0x7f as U+FFFD,
     * and, as the value is a C string, nothing from the first NUL on.
     */
    static String fileDataText(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            if (x == 0) {
                break;
            }
            sb.append(x < 0 ? '\ufffd' : (char) x);
        }
        return sb.toString();
    }

    /** A header value as get_ascii_string gives it: bytes above 0x7f as U+FFFD. */
    /**
     * An item proto_tree_add_item made of {@code n} bytes with ENC_ASCII: its value a C string
     * (up to the first NUL), and proto.c's "Trailing stray characters" when bytes follow that NUL.
     */
    private static Tree asciiItem(Tree item, MemorySegment s, long off, int n) {
        item.at(s, off, n);
        if (dev.tcpscope.proto.Text.trailingStray(s, off, n)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        return item;
    }

    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
    }
}
