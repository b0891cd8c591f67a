package dev.tcpscope.proto.sip;

import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.sdp.Sdp;

import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One SIP message as packet-sip.c's {@code dissect_sip_common} reads it (RFC 3261 §7): the start
 * line (Request-Line, Status-Line, or a continuation), the header lines with the items Wireshark
 * names, the Info it writes, and the body after the blank line, Content-Length bytes of it when
 * given. The same walk runs with a tree that keeps nothing when the frame is first dissected (for
 * the columns and the transaction state) and with the real tree for -V; {@link Sip} gives it the
 * resend and request-matching results the first run found.
 */
final class SipWalk {
    /** SIP2_HDR "SIP/2.0" and its length. */
    static final String SIP2 = "SIP/2.0";
    static final int SIP2_LEN = 7;

    enum LineType { REQUEST, STATUS, OTHER }

    /** sip_methods[]: the methods Info calls a "Request" (others are an "Unknown request"). */
    private static final java.util.Set<String> METHODS = java.util.Set.of("ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE",
            "MESSAGE", "NOTIFY", "OPTIONS", "PRACK", "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE",
            "PUBLISH");

    final MemorySegment s;
    final long base;
    /** The bytes of the whole buffer handed to SIP (a message never reads past them). */
    final int tvbLen;

    // what the walk learned
    LineType type = LineType.OTHER;
    String info = "";
    String method;
    int statusCode;
    String cseqMethod = "";
    long cseqNumber;
    boolean cseqSet;
    String callId;
    String mediaType;
    /** The body's bounds when there is one. */
    int bodyOff = -1, bodyLen;
    boolean malformed;
    /** The Protocol column's suffix its body's dissector adds ("/SDP", "/XML"), or "". */
    String protocolSuffix = "";

    private int contacts, contactsExpires0, contactsExpiresUnknown;
    private boolean contactIsStar, expiresIs0;

    // packet-sip.c counts contacts in unsigned chars: the counts wrap at 256
    void contactExpires0() {
        contactsExpires0 = (contactsExpires0 + 1) & 0xff;
    }

    void contactExpiresUnknown() {
        contactsExpiresUnknown = (contactsExpiresUnknown + 1) & 0xff;
    }

    SipWalk(MemorySegment s, long base, int tvbLen) {
        this.s = s;
        this.base = base;
        this.tvbLen = tvbLen;
    }

    int u8(int at) {
        return Text.u8(s, base + at);
    }

    int find(int from, int end, int c) {
        for (int i = from; i < end; i++) {
            if (u8(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** tvb_get_string_enc with ENC_UTF_8: the bytes as UTF-8, a bad sequence as U+FFFD. */
    String str(int from, int len) {
        return utf8(s, base + from, len);
    }

    static String utf8(MemorySegment s, long off, int len) {
        byte[] b = new byte[Math.max(0, len)];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off, b, 0, b.length);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** tvb_find_line_end without desegmentation: the line's length, next[0] (absolute) just past its end. */
    int lineEnd(int at, int[] next) {
        int l = Text.lineEnd(s, base + at, tvbLen - at, next, false);
        next[0] += at;
        return l;
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c < 0x7f;
    }

    /** sip_parse_line: the kind of the line at {@code offset}; token[0] gets the first token's length. */
    LineType parseLine(int offset, int linelen, int[] token) {
        int sp = find(offset, tvbLen, ' ');
        if (sp < 0 || sp == offset) {
            return LineType.OTHER;
        }
        int t1len = sp - offset;
        int t2 = sp + 1;
        sp = find(t2, tvbLen, ' ');
        if (sp < 0) {
            return LineType.OTHER;
        }
        int t2len = sp - t2;
        int t3 = sp + 1;
        int t3len = offset + linelen - t3;
        token[0] = t1len;
        if (t1len == SIP2_LEN && Text.startsWith(s, base + offset, t1len, SIP2)) {
            if (t2len != 3) {
                return LineType.OTHER;
            }
            for (int i = 0; i < 3; i++) {
                if (!Character.isDigit(u8(t2 + i))) {
                    return LineType.OTHER;
                }
            }
            return LineType.STATUS;
        }
        if (t2len < 3) {
            return LineType.OTHER;
        }
        int colon = find(t2 + 1, tvbLen, ':');
        if (colon < 0 || colon >= t3) {
            return LineType.OTHER;
        }
        if (t3len != SIP2_LEN || !Text.startsWith(s, base + t3, SIP2_LEN, SIP2)) {
            return LineType.OTHER;
        }
        return LineType.REQUEST;
    }

    /**
     * A condition {@link #parseLine} needs before it takes the line at {@code offset} as a
     * Request-Line or Status-Line, tested without seeking the line's end: the first token is
     * "SIP/2.0", or the token after the second space starts with it. A heuristic asks this first,
     * so that bytes without a line end are not scanned to their end for nothing.
     */
    boolean mayStartLine(int offset) {
        int sp = find(offset, tvbLen, ' ');
        if (sp <= offset) {
            return false;
        }
        int sp2 = find(sp + 1, tvbLen, ' ');
        if (sp2 < 0) {
            return false;
        }
        return sp - offset == SIP2_LEN && Text.startsWith(s, base + offset, SIP2_LEN, SIP2)
                || Text.startsWith(s, base + sp2 + 1, tvbLen - sp2 - 1, SIP2);
    }

    /**
     * The quick checks dissect_sip_common makes before it takes bytes as SIP: -2 when they are
     * not SIP, else the kind of the first line (through {@link #type}) and 0.
     */
    int check(int offset, int remaining, boolean otherAsContinuation, int[] token) {
        if (!otherAsContinuation && (remaining < 1 || !printable(u8(offset)))) {
            return -2;
        }
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, base + offset, remaining, next, false);
        if (linelen == 0) {
            return -2;
        }
        for (int i = 0; i < linelen; i++) {
            if (u8(offset + i) == 0) {
                return -2;
            }
        }
        type = parseLine(offset, linelen, token);
        if (type == LineType.OTHER && !otherAsContinuation) {
            return -2;
        }
        return 0;
    }

    /** Thrown where Wireshark's dissection ends on a bounds exception ("[Malformed Packet]"). */
    static final class Bounds extends RuntimeException {
        Bounds() {
            super(null, null, false, false);
        }
    }

    /**
     * The message at {@code offset} ({@link #check} passed, the reassembly is done): returns its
     * length; {@link #malformed} when it ended on a bounds exception (the rest is then not shown).
     * {@code results} gives the resend and matching items of the Request/Status-Line.
     */
    int walk(Tree root, int offset, int remaining, int tokenLen, Sip.Results results, Consumer<String> protocols) {
        int orig = offset;
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, base + offset, remaining, next, false);
        int nextOffset = offset + next[0];
        Tree sip = root.protocol("sip", "Session Initiation Protocol").at(s, base + offset, tvbLen - offset);
        Tree reqresp;
        switch (type) {
            case REQUEST -> reqresp = requestLine(sip, offset, linelen, tokenLen);
            case STATUS -> reqresp = statusLine(sip, offset, linelen);
            default -> {
                info = "Continuation";
                Tree t = sip.text("Continuation line: " + Text.format(s, base + offset, linelen)).at(s, base + offset, next[0]);
                t.bytes("sip.continuation", "Continuation data", s, base + offset, remaining).at(s, base + offset, remaining);
                sip.length(remaining);
                return remaining;
            }
        }
        remaining -= nextOffset - offset;
        offset = nextOffset;

        // 4.0 adds the item over the rest of the buffer (its value) and cuts its length to the
        // headers' only when a body follows
        String headerValue = str(offset, remaining);
        int nul = headerValue.indexOf('\u0000');
        Tree hdr = sip.string("sip.msg_hdr", "Message Header", nul < 0 ? headerValue : headerValue.substring(0, nul))
                .at(s, base + offset, remaining).relabel("Message Header");
        if (nul >= 0 && Text.trailingStray(s, base + offset, remaining)) {
            // proto.c's note on a string item whose bytes go on after a NUL (a binary body)
            hdr.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        int hdrStart = offset;

        long contentLength = -1;
        int notTerminated = -1;
        try {
            while (remaining > 0) {
                int l = lineEnd(offset, next);
                if (l == 0) {
                    offset = next[0];
                    break;
                }
                int lineEnd = offset + l;
                int nx = next[0];
                boolean unterminated = nx >= tvbLen;
                if (!unterminated) {
                    while (nx < tvbLen && (u8(nx) == ' ' || u8(nx) == '\t')) {
                        l += nx - lineEnd;
                        l += lineEnd(nx, next);
                        nx = next[0];
                        lineEnd = offset + l;
                    }
                }
                long cl = header(hdr, offset, l, lineEnd, nx);
                if (cl != Long.MIN_VALUE) {
                    contentLength = cl;
                }
                if (unterminated) {
                    if (lineEnd >= tvbLen) {
                        // ei_sip_header_not_terminated at the buffer's end with length -1 reads past it
                        throw new Bounds();
                    }
                    notTerminated = lineEnd; // the last line's CRLF ends the buffer: no empty line
                }
                remaining -= nx - offset;
                offset = nx;
            }
            if (notTerminated >= 0) {
                hdr.text("Header not terminated by empty line (CRLF)").at(s, base + notTerminated, tvbLen - notTerminated)
                        .expert("sip.header_not_terminated", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                                "Header not terminated by empty line (CRLF)");
            }
        } catch (Bounds e) {
            malformed = true;
            return tvbLen - orig;
        }

        int datalen = tvbLen - offset;
        if (contentLength >= 0 && datalen > contentLength) {
            datalen = (int) contentLength;
        }
        if (callId == null) {
            callId = ""; // 4.0 adds no expert item for a missing Call-ID
        }
        bindingsToInfo();

        if (datalen > 0) {
            hdr.length(offset - hdrStart);
            bodyOff = offset;
            bodyLen = datalen;
            Tree body = sip.none("sip.msg_body", "Message Body").at(s, base + offset, datalen);
            body(body, results, protocols);
            offset += datalen;
        }
        if (results != null && reqresp != null) {
            resend(reqresp, results);
        }
        sip.length(offset - orig);
        sip.relabel("Session Initiation Protocol (" + (method != null ? method : Integer.toString(statusCode)) + ")");
        return offset - orig;
    }

    /*
     * walk is cut into pieces (requestLine, statusLine, bindingsToInfo, resend): each label's
     * string concatenation is a call site that C1 inlines whole, and the method in one piece took
     * 13 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The Request-Line at {@code offset}: the method, the Request-URI, Info. */
    private Tree requestLine(Tree sip, int offset, int linelen, int tokenLen) {
        method = str(offset, tokenLen);
        info = (METHODS.contains(method) ? "Request" : "Unknown request") + ": "
                + Text.format(s, base + offset, linelen - SIP2_LEN - 1);
        Tree reqresp = sip.string("sip.Request-Line", "Request-Line", str(offset, linelen)).at(s, base + offset, linelen);
        reqresp.string("sip.Method", "Method", Text.ascii(s, base + offset, tokenLen)).at(s, base + offset, tokenLen);
        int u = offset + tokenLen + 1;
        int sp = find(u, offset + linelen, ' ');
        SipUri uri = new SipUri(s, base);
        if (sp > u && uri.uri(u, sp)) {
            uri.paramStart = -1; // the Request-URI's parameters get no items
            uri.display(reqresp, SipUri.REQUEST);
        }
        return reqresp;
    }

    /** The Status-Line at {@code offset}: the status code, Info. */
    private Tree statusLine(Tree sip, int offset, int linelen) {
        info = "Status: " + Text.format(s, base + offset + SIP2_LEN + 1, linelen - SIP2_LEN - 1);
        Tree reqresp = sip.string("sip.Status-Line", "Status-Line", str(offset, linelen)).at(s, base + offset, linelen);
        statusCode = Integer.parseInt(str(offset + SIP2_LEN + 1, 3));
        reqresp.field("sip.Status-Code", "Status-Code: " + statusCode, Integer.toString(statusCode))
                .at(s, base + offset + SIP2_LEN + 1, 3);
        return reqresp;
    }

    /** Appends to Info what a REGISTER or its response does to the bindings, then " | ". */
    private void bindingsToInfo() {
        StringBuilder inf = new StringBuilder(info);
        if ("REGISTER".equals(method)) {
            int expires0 = (contactsExpires0 + (expiresIs0 ? contactsExpiresUnknown : 0)) & 0xff;
            if (contactIsStar && expiresIs0) {
                inf.append("  (remove all bindings)");
            } else if (expires0 > 0) {
                inf.append("  (remove ").append(expires0).append(" binding").append(expires0 == 1 ? "" : "s").append(')');
                if (contacts > expires0) {
                    int add = contacts - expires0;
                    inf.append(" (add ").append(add).append(" binding").append(add == 1 ? "" : "s").append(')');
                }
            } else if (contacts == 0) {
                inf.append("  (fetch bindings)");
            } else {
                inf.append("  (").append(contacts).append(" binding").append(contacts == 1 ? "" : "s").append(')');
            }
        }
        if (type == LineType.STATUS) {
            if (statusCode == 200) {
                inf.append(" (").append(cseqMethod).append(')');
            }
            if (cseqMethod.equals("REGISTER") && statusCode > 199 && statusCode < 300) {
                int expires0 = (contactsExpires0 + (expiresIs0 ? contactsExpiresUnknown : 0)) & 0xff;
                if (expires0 > 0) {
                    inf.append("  (removed ").append(expires0).append(" binding").append(expires0 == 1 ? "" : "s").append(')');
                    if (contacts > expires0) {
                        int kept = contacts - expires0;
                        inf.append(" (").append(kept).append(" binding").append(kept == 1 ? "" : "s").append(" kept)");
                    }
                } else {
                    inf.append("  (").append(contacts).append(" binding").append(contacts == 1 ? "" : "s").append(')');
                }
            }
        }
        inf.append(" | ");
        info = inf.toString();
    }

    /** The request/response tracking: resend, request frame, response time. */
    private void resend(Tree reqresp, Sip.Results results) {
        reqresp.field("sip.resend", "Resent Packet: " + (results.resendOf() > 0 ? "True" : "False"),
                results.resendOf() > 0 ? "1" : "0").generated();
        if (results.resendOf() > 0) {
            reqresp.field("sip.resend-original", "Suspected resend of frame: " + results.resendOf(),
                    Integer.toString(results.resendOf())).generated();
        }
        if (results.requestFrame() > 0) {
            reqresp.field("sip.response-request", "Request Frame: " + results.requestFrame(),
                    Integer.toString(results.requestFrame())).generated();
            String ms = Integer.toUnsignedString(results.responseTime());
            reqresp.field("sip.response-time", "Response Time (ms): " + ms, ms).generated();
            if (type == LineType.STATUS && cseqMethod.equals("BYE")) {
                reqresp.field("sip.release-time", "Release Time (ms): " + ms, ms).generated();
            }
        }
    }

    /** The body: SDP for application/sdp, the media dissector of its type, else its lines as text. */
    private void body(Tree body, Sip.Results results, Consumer<String> protocols) {
        if ("application/sdp".equals(mediaType)) {
            protocolSuffix = Sdp.PROTOCOL_SUFFIX;
            Sdp.tree(body, s, base + bodyOff, bodyLen, results == null ? java.util.List.of(callId) : results.callIds(), protocols);
            return;
        }
        Media.Dissector d = Media.byType(mediaType);
        if (d != null && d.accepts(s, base + bodyOff, bodyLen)) {
            String col = d.protocolColumn(mediaType, s, base + bodyOff, bodyLen);
            String more = d.info(mediaType, s, base + bodyOff, bodyLen);
            if (more != null) {
                info += more; // after the fence, as the media dissector writes it
            }
            protocolSuffix = col == null ? "" : "/" + col;
            protocols.accept(d.name());
            if (!d.tree(body, mediaType, s, base + bodyOff, bodyLen, protocols)) {
                throw new Bounds();
            }
            return;
        }
        int p = 0;
        int[] next = new int[1];
        while (p < bodyLen) {
            Text.lineEnd(s, base + bodyOff + p, bodyLen - p, next, false);
            int n = Math.max(1, next[0]);
            body.text(Text.format(s, base + bodyOff + p, n)).at(s, base + bodyOff + p, n);
            p += n;
        }
    }

    private int skipWsp(int from, int end) {
        while (from < end && (u8(from) == ' ' || u8(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static String title(String field) {
        return SipFields.REGISTRY.row(field).title();
    }

    /**
     * One header line {@code [offset, offset + linelen)}, its value ending at {@code lineEnd},
     * the next line at {@code next}: its item and sub-items. Returns the Content-Length it gives,
     * else {@link Long#MIN_VALUE}.
     */
    private long header(Tree hdr, int offset, int linelen, int lineEnd, int next) {
        int colon = find(offset, offset + linelen, ':');
        if (colon < 0) {
            hdr.expert("sip.header_no_colon", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Header has no colon after the name");
            return Long.MIN_VALUE;
        }
        String name = str(offset, colon - offset).toLowerCase(Locale.ROOT);
        SipHeaders.Header h = SipHeaders.lookup(name);
        int value = skipWsp(colon + 1, lineEnd);
        int valueLen = lineEnd - value;
        String raw = Text.format(s, base + offset, linelen);
        if (h == null) {
            Tree t = hdr.line(null, raw, null).at(s, base + offset, next - offset);
            t.expert("sip.unrecognized_header", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Unrecognised SIP header (" + name + ")");
            return Long.MIN_VALUE;
        }
        String v = str(value, valueLen);
        String field = "sip." + h.name();
        switch (h.name()) {
            case "Content-Length", "Max-Forwards", "Max-Breadth", "RSeq", "Expires", "Retry-After" -> {
                return number(hdr, h, field, raw, v, offset, next);
            }
            default -> { }
        }
        Tree item = hdr.line(field, raw, v).at(s, base + offset, next - offset);
        headerValue(hdr, item, h, v, offset, value, valueLen, lineEnd, next);
        return Long.MIN_VALUE;
    }

    /*
     * header is cut into pieces (number, headerValue, fromTo, contact): each label's string
     * concatenation is a call site that C1 inlines whole, and the method in one piece took 17 MB
     * to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A header whose value is a number; returns Content-Length's, else Long.MIN_VALUE. */
    private long number(Tree hdr, SipHeaders.Header h, String field, String raw, String v, int offset, int next) {
        long n = strtoul(v) & 0xffffffffL;
        // Content-Length keeps the line as written; the others show their number
        String label = h.name().equals("Content-Length") ? raw : h.name() + ": " + n;
        Tree t = hdr.field(field, label, Long.toString(n)).at(s, base + offset, next - offset);
        boolean valid = validNumber(v);
        if (h.name().equals("Content-Length")) {
            if (!valid) {
                t.expert("sip.content_length.invalid", Tree.Severity.NOTE, Tree.Group.MALFORMED, "Invalid content_length");
            }
            return n;
        }
        if (h.name().equals("Retry-After") && !valid) {
            t.expert("sip.retry_after.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Invalid retry_after value");
        }
        if (h.name().equals("Expires") && valid && n == 0) {
            expiresIs0 = true;
        }
        return Long.MIN_VALUE;
    }

    /** What a known header's value holds, under its {@code item}. */
    private void headerValue(Tree hdr, Tree item, SipHeaders.Header h, String v, int offset, int value, int valueLen, int lineEnd,
                             int next) {
        switch (h.name()) {
            case "From", "To" -> fromTo(item, h, value, lineEnd);
            case "Call-ID" -> {
                callId = v;
                hdr.string("sip.call_id_generated", "Generated Call-ID", v).at(s, base + offset, next - offset).generated();
            }
            case "CSeq" -> {
                cseqNumber = strtoul(v) & 0xffffffffL;
                cseqSet = true;
                int i = 0;
                while (i < v.length() && Character.isDigit(v.charAt(i))) {
                    i++;
                }
                if (i < v.length()) {
                    item.field("sip.CSeq.seq", "Sequence Number: " + cseqNumber, Long.toString(cseqNumber)).at(s, base + value, i);
                }
                while (i < v.length() && !Character.isLetter(v.charAt(i))) {
                    i++;
                }
                if (i < v.length()) {
                    cseqMethod = v.substring(i);
                    item.string("sip.CSeq.method", "Method", cseqMethod).at(s, base + value + i, v.length() - i);
                }
            }
            case "Contact" -> contact(item, value, valueLen, next);
            case "Content-Type" -> {
                int semi = find(value, lineEnd, ';');
                int end = semi < 0 ? lineEnd : semi;
                while (end > value && (u8(end - 1) == ' ' || u8(end - 1) == '\t')) {
                    end--;
                }
                mediaType = str(value, end - value).toLowerCase(Locale.ROOT);
            }
            case "Via" -> SipHeaders.via(this, item, value, lineEnd);
            case "Authorization", "WWW-Authenticate", "Proxy-Authenticate", "Proxy-Authorization", "Authentication-Info" ->
                    SipHeaders.auth(this, hdr, item, offset, next, value, lineEnd, h.name().equals("Authentication-Info"));
            case "Reason" -> SipHeaders.reason(this, item, value, lineEnd);
            case "Route" -> SipHeaders.route(this, item, SipUri.ROUTE, value, lineEnd);
            case "Record-Route" -> SipHeaders.route(this, item, SipUri.RECORD_ROUTE, value, lineEnd);
            case "Service-Route" -> SipHeaders.route(this, item, SipUri.SERVICE_ROUTE, value, lineEnd);
            case "Path" -> SipHeaders.route(this, item, SipUri.PATH, value, lineEnd);
            case "Security-Client", "Security-Server", "Security-Verify" -> SipHeaders.secMechanisms(this, item, value, lineEnd);
            case "P-Access-Network-Info" -> SipHeaders.accessNetworkInfo(this, item, value, lineEnd);
            case "P-Associated-URI" -> {
                int gt = find(value, lineEnd, '>');
                if (gt >= 0 && find(gt, lineEnd, ';') >= 0) {
                    SipHeaders.genericParams(this, item, find(gt, lineEnd, ';') + 1, lineEnd);
                }
            }
            default -> { }
        }
    }

    /** From and To: the name-addr or addr-spec, and the tag. */
    private void fromTo(Tree item, SipHeaders.Header h, int value, int lineEnd) {
        SipUri u = new SipUri(s, base);
        int after = u.nameAddrOrAddrSpec(value, lineEnd);
        int from = value;
        if (after >= 0) {
            u.display(item, h.name().equals("To") ? SipUri.TO : SipUri.FROM);
            from = after;
        }
        int tag = -1;
        for (int i = from; i + 4 <= lineEnd; i++) {
            if (Text.startsWith(s, base + i, 4, "tag=")) {
                tag = i + 4;
                break;
            }
        }
        if (tag >= 0) {
            int end = find(tag, lineEnd, ';');
            if (end < 0) {
                end = lineEnd;
            }
            String key = h.name().equals("To") ? "sip.to.tag" : "sip.from.tag";
            item.string(key, title(key), str(tag, end - tag)).at(s, base + tag, end - tag);
            item.string("sip.tag", "SIP tag", str(tag, end - tag)).at(s, base + tag, end - tag).hide();
        }
    }

    /** Contact: "*", or each contact-param. */
    private void contact(Tree item, int value, int valueLen, int next) {
        if (valueLen > 0 && u8(value) == '*') {
            contactIsStar = true;
            return;
        }
        int p = value;
        while (p >= 0 && p < next) {
            p = SipHeaders.contact(this, item, p, next);
            if (p < 0) {
                break;
            }
            contacts = (contacts + 1) & 0xff;
            if (p >= next || u8(p) != ',') {
                break;
            }
            p++;
        }
    }

    /** strtoul's value of the digits at the start of {@code v} (0 when none); bounded at 2^32. */
    static long strtoul(String v) {
        int i = 0;
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        long n = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            n = Math.min(n * 10 + (v.charAt(i) - '0'), 0x1_0000_0000L);
            i++;
        }
        return n;
    }

    private static boolean validNumber(String v) {
        if (v.isEmpty() || v.length() > 10) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return Long.parseLong(v) <= 0xffffffffL;
    }
}
