package dev.tcpscope.proto.sip;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * packet-sip.c's header table ({@code sip_headers[]}: the names it knows, with RFC 3261 §7.3.3's
 * compact forms) and the sub-trees of the headers it parses: Contact, Via, the authentication
 * headers and Reason. Each parser stays within the header line it is given.
 */
final class SipHeaders {
    private SipHeaders() { }

    /** One known header: its name as the field table spells it ("sip." + name). */
    record Header(String name) { }

    private static final Map<String, Header> BY_NAME = new HashMap<>();

    static {
        java.util.Set<String> notHeaders = java.util.Set.of("Method", "Request-Line", "Status-Code", "Status-Line",
                "Reason-Phrase");
        for (dev.tcpscope.proto.Registry.Row r : SipFields.REGISTRY.rows()) {
            if (r.name().equals("sip." + r.title()) && !notHeaders.contains(r.title())) {
                BY_NAME.putIfAbsent(r.title().toLowerCase(Locale.ROOT), new Header(r.title()));
            }
        }
        String[][] compact = {{"a", "Accept-Contact"}, {"u", "Allow-Events"}, {"i", "Call-ID"}, {"m", "Contact"},
            {"e", "Content-Encoding"}, {"l", "Content-Length"}, {"c", "Content-Type"}, {"o", "Event"}, {"f", "From"},
            {"y", "Identity"}, {"n", "Identity-info"}, {"r", "Refer-To"}, {"b", "Referred-By"}, {"j", "Reject-Contact"},
            {"d", "Request-Disposition"}, {"x", "Session-Expires"}, {"s", "Subject"}, {"k", "Supported"}, {"t", "To"},
            {"v", "Via"}};
        for (String[] c : compact) {
            Header h = BY_NAME.get(c[1].toLowerCase(Locale.ROOT));
            if (h != null) {
                BY_NAME.put(c[0], h);
            }
        }
    }

    /** sip_is_known_sip_header for a lower-case name, or null. */
    static Header lookup(String lowerName) {
        return BY_NAME.get(lowerName);
    }

    private static String title(String field) {
        return SipFields.REGISTRY.row(field).title();
    }

    private static Tree add(SipWalk w, Tree t, String field, int from, int to) {
        return t.string(field, title(field), w.str(from, to - from)).at(w.s, w.base + from, to - from);
    }

    /**
     * dissect_sip_contact_item: one contact (its URI and parameters) from {@code start}; returns
     * where it ended (a ',' before the next one, or {@code end}), or -1.
     */
    static int contact(SipWalk w, Tree tree, int start, int end) {
        SipUri u = new SipUri(w.s, w.base);
        int p = u.nameAddrOrAddrSpec(start, end);
        if (p < 0) {
            return -1;
        }
        u.display(tree, SipUri.CONTACT);
        boolean expires = false;
        // 4.0 is handed the end of the line with its CRLF: an unquoted parameter stops at CR or
        // LF, one after a quoted string runs to that end
        int lineEnd = end;
        while (lineEnd > p && (w.u8(lineEnd - 1) == '\r' || w.u8(lineEnd - 1) == '\n')) {
            lineEnd--;
        }
        while (p < lineEnd) {
            int c = w.u8(p);
            if (c == ',') {
                break;
            }
            if (c != ';') {
                p++;
                continue;
            }
            int from = p + 1;
            int q = from;
            boolean quoted = false;
            while (q < lineEnd) {
                int d = w.u8(q);
                if (d == '"') {
                    int close = w.find(q + 1, lineEnd, '"');
                    if (close < 0) {
                        q = end;
                        break;
                    }
                    q = close + 1;
                    while (q < lineEnd && w.u8(q) != ';' && w.u8(q) != ',') {
                        q++;
                    }
                    if (q >= lineEnd) {
                        q = end;
                    }
                    quoted = true;
                    break;
                } else if (d == ';' || d == ',') {
                    break;
                }
                q++;
            }
            add(w, tree, "sip.contact.parameter", from, q);
            if (quoted && q >= end) {
                p = q;
                break;
            }
            String param = w.str(from, q - from).toLowerCase(Locale.ROOT);
            if (param.startsWith("expires=")) {
                // 4.0 counts an expires=0 contact among those without the parameter too
                Long e = parseInt32(param.substring(8));
                if (e == null) {
                    return from + 8;
                }
                if (e == 0) {
                    w.contactExpires0();
                } else {
                    expires = true;
                }
            }
            p = q;
        }
        if (!expires) {
            w.contactExpiresUnknown();
        }
        return p;
    }

    /** ws_strtoi32: the whole string a decimal int32, else null. */
    static Long parseInt32(String v) {
        if (v.isEmpty() || v.length() > 11) {
            return null;
        }
        try {
            return (long) Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** dissect_sip_via_header: each via-parm's protocol and transport, sent-by and parameters. */
    static void via(SipWalk w, Tree tree, int start, int end) {
        int p = start;
        while (p < end) {
            p = viaTransport(w, tree, p, end);
            if (p < 0) {
                return;
            }
            p = viaSentBy(w, tree, p, end);
            if (p < 0) {
                return;
            }
            p = viaParams(w, tree, p, end);
            if (p < end && w.u8(p) == ',') {
                p++;
            } else {
                return;
            }
        }
    }

    /*
     * via is cut in four (viaTransport, viaSentBy, viaParams): the method in one piece, with what C1 inlines
     * into it, took 18 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran
     * interpreted.
     */

    /** A via-parm's sent-protocol from {@code p}; returns the offset after it, -1 where via stops. */
    private static int viaTransport(SipWalk w, Tree tree, int p, int end) {
        while (p < end && (w.u8(p) == ' ' || w.u8(p) == '\t')) {
            p++;
        }
        // protocol-name / version / transport
        int slashes = 0;
        int tStart = -1;
        while (p < end && slashes < 2) {
            if (w.u8(p) == '/') {
                slashes++;
            }
            p++;
        }
        if (slashes < 2) {
            return -1;
        }
        while (p < end && (w.u8(p) == ' ' || w.u8(p) == '\t')) {
            p++;
        }
        tStart = p;
        while (p < end && w.u8(p) != ' ' && w.u8(p) != '\t') {
            p++;
        }
        add(w, tree, "sip.Via.transport", tStart, p);
        return p;
    }

    /** A via-parm's sent-by from {@code p}; returns the offset after it, -1 where via stops. */
    private static int viaSentBy(SipWalk w, Tree tree, int p, int end) {
        while (p < end && (w.u8(p) == ' ' || w.u8(p) == '\t')) {
            p++;
        }
        int hStart = p;
        if (p < end && w.u8(p) == '[') {
            // an IPv6 reference: the address without its brackets
            hStart = ++p;
            while (p < end && w.u8(p) != ']') {
                p++;
            }
            add(w, tree, "sip.Via.sent-by.address", hStart, p);
            if (p < end) {
                p++;
            }
            hStart = -1;
        } else {
            while (p < end && w.u8(p) != ':' && w.u8(p) != ';' && w.u8(p) != ',' && w.u8(p) != ' ') {
                p++;
            }
        }
        if (hStart >= 0) {
            add(w, tree, "sip.Via.sent-by.address", hStart, p);
        }
        if (p < end && w.u8(p) == ':') {
            int q = ++p;
            while (p < end && Character.isDigit(w.u8(p))) {
                p++;
            }
            long port = SipWalk.strtoul(w.str(q, p - q));
            if (p >= end) {
                return -1; // 4.0 adds a port only where a parameter or another via-parm follows it
            }
            Tree t = tree.field("sip.Via.sent-by.port", "Sent-by port: " + (port & 0xffff), Long.toString(port & 0xffff))
                    .at(w.s, w.base + q, p - q);
            if (p == q || port > 65535) {
                t.expert("sip.Via.sent-by.port.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Invalid SIP Via sent-by-port");
            }
        }
        return p;
    }

    /** A via-parm's parameters from {@code p} to the next comma; returns the offset of that comma (or end). */
    private static int viaParams(SipWalk w, Tree tree, int p, int end) {
        while (p < end && w.u8(p) != ',') {
            if (w.u8(p) != ';') {
                p++;
                continue;
            }
            int from = ++p;
            while (p < end && w.u8(p) != ';' && w.u8(p) != ',') {
                p++;
            }
            int eq = w.find(from, p, '=');
            String name = w.str(from, (eq < 0 ? p : eq) - from).strip().toLowerCase(Locale.ROOT);
            String field = viaParamField(name);
            if (field == null) {
                tree.text(w.str(from, p - from)).at(w.s, w.base + from, p - from);
            } else if (eq < 0) {
                add(w, tree, field, from, p);
            } else {
                add(w, tree, field, eq + 1, p);
            }
        }
        return p;
    }

    /** The field a via parameter's name stands for, null for one 4.0 shows as text. */
    private static String viaParamField(String name) {
        return switch (name) {
            case "branch" -> "sip.Via.branch";
            case "maddr" -> "sip.Via.maddr";
            case "rport" -> "sip.Via.rport";
            case "received" -> "sip.Via.received";
            case "ttl" -> "sip.Via.ttl";
            case "comp" -> "sip.Via.comp";
            case "sigcomp-id" -> "sip.Via.sigcomp-id";
            case "oc" -> "sip.Via.oc";
            case "oc-validity" -> "sip.Via.oc_validity";
            case "oc-seq" -> "sip.Via.oc_seq";
            case "oc-algo" -> "sip.Via.oc_algo";
            default -> null;
        };
    }

    /** The authentication headers: the scheme (not in Authentication-Info), then each parameter. */
    static void auth(SipWalk w, Tree hdr, Tree tree, int offset, int next, int start, int end, boolean info) {
        hdr.string("sip.auth", "Authentication", w.str(offset, next - offset)).at(w.s, w.base + offset, next - offset).hide();
        if (end - start == 0) {
            return;
        }
        int p = start;
        if (!info) {
            while (p < end && w.u8(p) != ' ' && w.u8(p) != '\t' && w.u8(p) != '\r' && w.u8(p) != '\n') {
                p++;
            }
            add(w, tree, "sip.auth.scheme", start, p);
        }
        while (p < end) {
            while (p < end && (w.u8(p) == ' ' || w.u8(p) == '\t' || w.u8(p) == '\r' || w.u8(p) == '\n')) {
                p++;
            }
            int from = p;
            boolean quoted = false;
            while (p < end) {
                int c = w.u8(p);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ',') {
                    break;
                }
                p++;
            }
            int eq = w.find(from, p, '=');
            if (eq < 0) {
                return;
            }
            authParam(w, tree, from, eq, p);
            if (p < end && w.u8(p) == ',') {
                p++;
            } else {
                return;
            }
        }
    }

    /*
     * auth is cut in two (authParam): the method in one piece, with what C1 inlines into it,
     * took 11 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran
     * interpreted.
     */

    /** One auth-param, {@code from} to {@code p}, whose '=' is at {@code eq}. */
    private static void authParam(SipWalk w, Tree tree, int from, int eq, int p) {
        String name = w.str(from, eq - from).strip().toLowerCase(Locale.ROOT);
        String field = authParamField(name);
        int v = eq + 1;
        int ve = p;
        while (ve > v && (w.u8(ve - 1) == ' ' || w.u8(ve - 1) == '\t')) {
            ve--;
        }
        if (field == null) {
            tree.text(Text.format(w.s, w.base + from, p - from)).at(w.s, w.base + from, p - from);
        } else {
            add(w, tree, field, v, ve);
        }
    }

    /** The field an auth-param's name stands for, null for one 4.0 shows as text. */
    private static String authParamField(String name) {
        return switch (name) {
            case "response" -> "sip.auth.digest.response";
            case "nc" -> "sip.auth.nc";
            case "username" -> "sip.auth.username";
            case "realm" -> "sip.auth.realm";
            case "nonce" -> "sip.auth.nonce";
            case "algorithm" -> "sip.auth.algorithm";
            case "opaque" -> "sip.auth.opaque";
            case "qop" -> "sip.auth.qop";
            case "cnonce" -> "sip.auth.cnonce";
            case "uri" -> "sip.auth.uri";
            case "domain" -> "sip.auth.domain";
            case "stale" -> "sip.auth.stale";
            case "auts" -> "sip.auth.auts";
            case "rspauth" -> "sip.auth.rspauth";
            case "nextnonce" -> "sip.auth.nextnonce";
            case "ik" -> "sip.auth.ik";
            case "ck" -> "sip.auth.ck";
            default -> null;
        };
    }

    /** dissect_sip_reason_header: the protocol, its cause (Q.850's named) and the text. */
    static void reason(SipWalk w, Tree tree, int start, int end) {
        int semi = w.find(start, end, ';');
        if (semi < 0) {
            return;
        }
        String protocol = w.str(start, semi - start);
        add(w, tree, "sip.reason_protocols", start, semi);
        int eq = w.find(semi, end, '=');
        int cur = eq + 1;
        if (eq < 0) {
            cur = 0; // tvb_find_guint8 gave -1: Wireshark reads from the buffer's start
        }
        int semi2 = cur < end ? w.find(cur, end, ';') : -1;
        int length = semi2 < 0 ? end - cur : semi2 - cur;
        long cause = SipWalk.strtoul(w.str(cur, length)) & 0xffffffffL;
        if (protocol.equalsIgnoreCase("Q.850")) {
            String n = SipFields.REGISTRY.name("sip.reason_cause_q850", cause);
            tree.field("sip.reason_cause_q850", "Cause: " + n + " (" + cause + ")", Long.toString(cause)).at(w.s, w.base + cur, length);
        } else if (protocol.equalsIgnoreCase("SIP")) {
            String n = SipFields.REGISTRY.name("sip.reason_cause_sip", cause);
            tree.field("sip.reason_cause_sip", "Cause: " + n + " (" + cause + ")", Long.toString(cause)).at(w.s, w.base + cur, length);
        } else {
            tree.field("sip.reason_cause_other", "Cause: " + cause, Long.toString(cause)).at(w.s, w.base + cur, length);
        }
        if (semi2 < 0) {
            return;
        }
        int q = w.find(semi2, end, '"');
        if (q < 0) {
            return;
        }
        int q2 = w.find(q + 1, end, '"');
        if (q2 < 0) {
            return;
        }
        add(w, tree, "sip.reason_text", q + 1, q2);
    }

    /** dissect_sip_route_header: each comma-separated name-addr's URI. */
    static void route(SipWalk w, Tree tree, SipUri.Names names, int start, int end) {
        int p = start;
        while (p < end) {
            SipUri u = new SipUri(w.s, w.base);
            int after = u.nameAddrOrAddrSpec(p, end);
            if (after < 0) {
                return;
            }
            u.display(tree, names);
            int comma = w.find(after, end, ',');
            if (comma < 0) {
                return;
            }
            p = comma + 1;
        }
    }

    /** dissect_sip_sec_mechanism for each comma-separated mechanism: its name, then its parameters. */
    static void secMechanisms(SipWalk w, Tree tree, int start, int end) {
        int p = start;
        while (p < end) {
            int comma = w.find(p, end, ',');
            int e = comma < 0 ? end : comma;
            secMechanism(w, tree, p, e);
            p = e + 1;
        }
    }

    private static void secMechanism(SipWalk w, Tree tree, int start, int end) {
        while (start < end && (w.u8(start) == ' ' || w.u8(start) == '\t')) {
            start++;
        }
        if (start >= end) {
            return;
        }
        int semi = w.find(start, end, ';');
        int nameEnd = semi < 0 ? end : semi;
        add(w, tree, "sip.sec_mechanism", start, nameEnd);
        int p = nameEnd + 1;
        while (p < end) {
            int s2 = w.find(p, end, ';');
            int e = s2 < 0 ? end : s2;
            int eq = w.find(p, e, '=');
            String name = eq < 0 ? "" : w.str(p, eq - p).toLowerCase(Locale.ROOT);
            String field = switch (name) {
                case "alg" -> "sip.sec_mechanism.alg";
                case "ealg" -> "sip.sec_mechanism.ealg";
                case "prot" -> "sip.sec_mechanism.prot";
                case "spi-c" -> "sip.sec_mechanism.spi_c";
                case "spi-s" -> "sip.sec_mechanism.spi_s";
                case "port1" -> "sip.sec_mechanism.port1";
                case "port-c" -> "sip.sec_mechanism.port_c";
                case "port2" -> "sip.sec_mechanism.port2";
                case "port-s" -> "sip.sec_mechanism.port_s";
                default -> null;
            };
            if (field == null) {
                tree.text(Text.format(w.s, w.base + p, e - p)).at(w.s, w.base + p, e - p);
            } else if (name.startsWith("spi")) {
                long v = SipWalk.strtoul(w.str(eq + 1, e - eq - 1)) & 0xffffffffL;
                tree.field(field, name + ": " + v + String.format(Locale.ROOT, " (0x%08x)", v), Long.toString(v))
                        .at(w.s, w.base + eq + 1, e - eq - 1);
            } else if (name.startsWith("port")) {
                long v = SipWalk.strtoul(w.str(eq + 1, e - eq - 1)) & 0xffff;
                tree.field(field, name + ": " + v, Long.toString(v)).at(w.s, w.base + eq + 1, e - eq - 1);
            } else {
                add(w, tree, field, eq + 1, e);
            }
            p = e + 1;
        }
    }

    /** dissect_sip_p_access_network_info_header: the access type, then each access-info. */
    static void accessNetworkInfo(SipWalk w, Tree tree, int start, int end) {
        while (start < end && (w.u8(start) == ' ' || w.u8(start) == '\t')) {
            start++;
        }
        int semi = start < end ? w.find(start, end, ';') : -1;
        if (semi < 0) {
            return;
        }
        add(w, tree, "sip.P-Access-Network-Info.access-type", start, semi);
        int p = semi + 1;
        while (p < end) {
            while (p < end && (w.u8(p) == ' ' || w.u8(p) == '\t')) {
                p++;
            }
            int s2 = p < end ? w.find(p, end, ';') : -1;
            int e = s2 < 0 ? end : s2;
            int eq = p + 1 < e ? w.find(p + 1, e, '=') : -1;
            if (eq >= 0 && w.str(p, eq - p).equalsIgnoreCase("utran-cell-id-3gpp")) {
                add(w, tree, "sip.P-Access-Network-Info.utran-cell-id-3gpp", eq + 1, e);
            } else if (e > p) {
                tree.text(Text.format(w.s, w.base + p, e - p)).at(w.s, w.base + p, e - p);
            }
            p = e + 1;
        }
    }

    /** dissect_sip_generic_parameters: each ";name=value" as text. */
    static void genericParams(SipWalk w, Tree tree, int start, int end) {
        int p = start;
        while (p < end) {
            int s2 = w.find(p, end, ';');
            int e = s2 < 0 ? end : s2;
            tree.text(Text.format(w.s, w.base + p, e - p)).at(w.s, w.base + p, e - p);
            p = e + 1;
        }
    }
}
