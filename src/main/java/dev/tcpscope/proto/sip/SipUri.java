package dev.tcpscope.proto.sip;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;

/**
 * A SIP URI inside a header value or a Request-Line (RFC 3261 §19.1, §25.1) as packet-sip.c's
 * {@code dissect_sip_name_addr_or_addr_spec}, {@code dissect_sip_uri} and {@code display_sip_uri}
 * read it: an optional display name, the URI (in angle brackets or bare), its user, host, port
 * and URI parameters. Offsets are relative to the message's segment base; every search is
 * bounded by the end given.
 */
final class SipUri {
    /** The field names of one header's URI items (packet-sip.c's {@code hf_sip_uri_t}). */
    record Names(String display, String uri, String user, String host, String port, String param) {
        static Names of(String prefix, String uri) {
            return new Names(prefix + ".display.info", uri, prefix + ".user", prefix + ".host", prefix + ".port", prefix + ".param");
        }
    }

    static final Names REQUEST = new Names("sip.r-uri.display.info", "sip.r-uri", "sip.r-uri.user", "sip.r-uri.host",
            "sip.r-uri.port", "sip.r-uri.param");
    static final Names TO = new Names("sip.to.display.info", "sip.to.addr", "sip.to.user", "sip.to.host", "sip.to.port", "sip.to.param");
    static final Names FROM = new Names("sip.from.display.info", "sip.from.addr", "sip.from.user", "sip.from.host",
            "sip.from.port", "sip.from.param");
    static final Names ROUTE = Names.of("sip.Route", "sip.Route.uri");
    static final Names RECORD_ROUTE = Names.of("sip.Record-Route", "sip.Record-Route.uri");
    static final Names SERVICE_ROUTE = Names.of("sip.Service-Route", "sip.Service-Route.uri");
    static final Names PATH = Names.of("sip.Path", "sip.Path.uri");
    static final Names CONTACT = new Names("sip.contact.display.info", "sip.contact.uri", "sip.contact.user", "sip.contact.host",
            "sip.contact.port", "sip.contact.param");

    int displayStart = -1, displayEnd = -1;
    int nameAddrStart = -1, nameAddrEnd = -1;
    int uriStart = -1, uriEnd = -1;
    int userStart = -1, userEnd = -1;
    int hostStart = -1, hostEnd = -1;
    int portStart = -1, portEnd = -1;
    int paramStart = -1, paramEnd = -1;

    private final MemorySegment s;
    private final long base;

    SipUri(MemorySegment s, long base) {
        this.s = s;
        this.base = base;
    }

    private int u8(int at) {
        return Text.u8(s, base + at);
    }

    private int find(int from, int end, int c) {
        for (int i = from; i < end; i++) {
            if (u8(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private int skipWsp(int from, int end) {
        while (from < end && (u8(from) == ' ' || u8(from) == '\t')) {
            from++;
        }
        return from;
    }

    /**
     * name-addr or addr-spec from {@code start}, the line ending at {@code end}: returns the
     * offset just past the URI (past its '>' for a name-addr), or -1.
     */
    int nameAddrOrAddrSpec(int start, int end) {
        int current = skipWsp(start, end);
        if (current >= end) {
            return -1;
        }
        int c = u8(current);
        // a '<' before the first ';' or ',' makes a name-addr; searching no further keeps a
        // header of many addr-specs linear
        int firstStop = firstOf(current, end, ';', ',');
        int ltBefore = find(current, firstStop, '<');
        if (c == '"' || ltBefore >= 0) {
            // name-addr: a display name (quoted or tokens) before '<'
            int lt;
            if (c == '"') {
                int q = current + 1;
                while (q < end && u8(q) != '"') {
                    if (u8(q) == '\\') {
                        q++;
                    }
                    q++;
                }
                if (q >= end) {
                    return -1;
                }
                displayStart = current;
                displayEnd = q;
                lt = find(q + 1, end, '<');
            } else {
                lt = ltBefore;
                if (lt > current) {
                    displayStart = current;
                    displayEnd = lt - 1;
                }
            }
            if (lt < 0) {
                return -1;
            }
            nameAddrStart = lt;
            int gt = find(lt + 1, end, '>');
            if (gt < 0) {
                return -1;
            }
            nameAddrEnd = gt;
            if (!uri(lt + 1, gt)) {
                return -1;
            }
            return gt + 1;
        }
        // addr-spec: the URI up to ';' (a header parameter), ',' or the line's end
        int trimmed = firstStop;
        while (trimmed > current && (u8(trimmed - 1) == ' ' || u8(trimmed - 1) == '\t' || u8(trimmed - 1) == '\r'
                || u8(trimmed - 1) == '\n')) {
            trimmed--;
        }
        nameAddrStart = current;
        nameAddrEnd = trimmed - 1;
        if (!uri(current, trimmed)) {
            return -1;
        }
        return trimmed;
    }

    private int firstOf(int from, int end, int a, int b) {
        for (int i = from; i < end; i++) {
            int c = u8(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return end;
    }

    /** The URI in {@code [start, end)}: scheme, user (before '@'), host, port and its parameters. */
    boolean uri(int start, int end) {
        start = skipWsp(start, end);
        if (start >= end) {
            return false;
        }
        uriStart = start;
        uriEnd = end - 1;
        int colon = find(start, end, ':');
        if (colon < 0) {
            return false;
        }
        if (colon - start == 3 && Text.startsWithIgnoreCase(s, base + start, 3, "tel")) {
            return true; // a tel: URI shows as a whole
        }
        int hostFrom = colon + 1;
        int at = find(hostFrom, end, '@');
        if (at >= 0) {
            userStart = hostFrom;
            userEnd = at - 1;
            int semi = find(userStart, at, ';');
            if (semi >= 0) {
                userEnd = semi - 1;
            }
            hostFrom = at + 1;
        }
        int i = hostFrom;
        if (i < end && u8(i) == '[') {
            int close = find(i, end, ']');
            i = close < 0 ? end : close + 1;
        }
        while (i < end) {
            int c = u8(i);
            if (c == ':' || c == ';' || c == '?' || c == '>' || c == ' ' || c == ',') {
                break;
            }
            i++;
        }
        hostStart = hostFrom;
        hostEnd = i - 1;
        if (i < end && u8(i) == ':') {
            int p = i + 1;
            int q = p;
            while (q < end && Character.isDigit(u8(q))) {
                q++;
            }
            portStart = p;
            portEnd = q - 1;
            i = q;
        }
        if (i < end && u8(i) == ';') {
            paramStart = i + 1;
            paramEnd = end - 1;
        }
        return true;
    }

    private String str(int from, int to) {
        return SipWalk.utf8(s, base + from, to - from + 1);
    }

    /** display_sip_uri: the display name, then the URI item with user, host, port and parameters under it. */
    Tree display(Tree tree, Names n) {
        if (displayStart >= 0 && displayEnd >= displayStart) {
            tree.string(n.display(), title(n.display()), str(displayStart, displayEnd)).at(s, base + displayStart,
                    displayEnd - displayStart + 1);
            tree.string("sip.display.info", "SIP Display info", str(displayStart, displayEnd))
                    .at(s, base + displayStart, displayEnd - displayStart + 1).hide();
        }
        if (uriStart < 0) {
            return tree;
        }
        Tree u = tree.string(n.uri(), title(n.uri()), str(uriStart, uriEnd)).at(s, base + uriStart, uriEnd - uriStart + 1);
        if (userStart >= 0 && userEnd > userStart) { // 4.0 shows no user part of one character
            u.string(n.user(), title(n.user()), str(userStart, userEnd)).at(s, base + userStart, userEnd - userStart + 1);
        }
        if (hostStart >= 0) {
            u.string(n.host(), title(n.host()), str(hostStart, hostEnd)).at(s, base + hostStart, hostEnd - hostStart + 1);
        }
        if (portStart >= 0 && portEnd >= portStart) {
            u.string(n.port(), title(n.port()), str(portStart, portEnd)).at(s, base + portStart, portEnd - portStart + 1);
        }
        if (paramStart >= 0) {
            int p = paramStart;
            while (p <= paramEnd) {
                int semi = find(p, paramEnd + 1, ';');
                int stop = semi < 0 ? paramEnd + 1 : semi;
                u.string(n.param(), title(n.param()), str(p, stop - 1)).at(s, base + p, stop - p);
                p = stop + 1;
            }
        }
        return u;
    }

    static String title(String field) {
        return SipFields.REGISTRY.row(field).title();
    }
}
