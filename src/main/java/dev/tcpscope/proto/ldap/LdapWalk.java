package dev.tcpscope.proto.ldap;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.nio.charset.StandardCharsets;

/**
 * One LDAPMessage (RFC 4511 §4.1.1) walked as packet-ldap.c 4.0 walks it (asn1/ldap and
 * ldap.cnf): the tree under "LDAPMessage", the Info text, the filter string built bottom-up
 * ("(&(a=b)(c=*))", left-nested for more than two items as 4.0 nests them) and the bookkeeping
 * of the conversation (bind mechanism, StartTLS, result counts, request/response pairing). The
 * walk that builds the columns ({@code first}) updates the conversation; the replay that builds
 * the tree reads what it recorded in {@link Ldap.Msg}. Nesting is bounded by 4.0's own limits
 * (4096 filters, 200 filter elements); every read is bounds-checked by {@link Tvb}.
 */
final class LdapWalk {
    /** packet-ldap.c's file-level strings, kept from one message to the next within a frame. */
    static final class FrameState {
        String attributeDesc, ldapValue, filter, andFilter, orFilter, substringValue, subInitial, subAny, subFinal,
                matchingRule, attrType, oid;
        boolean dnAttr, doProtocolOp;
        int protocolOp = -1;
        long messageId;
        Tree ldm;
        int filterLength, filterElements;
        /** Filters nested around the one being read (dissect_ldap_Filter's recursion). */
        int filterDepth;
    }

    static final int MAX_FILTER_LEN = 4096, MAX_FILTER_ELEMENTS = 200;

    private final Tvb b;
    private final StringBuilder info;
    private final FrameState st;
    private final Ldap.Conv conv;
    private final Ldap.Msg msg;
    private final boolean first;

    LdapWalk(Tvb b, StringBuilder info, FrameState st, Ldap.Conv conv, Ldap.Msg msg, boolean first) {
        this.b = b;
        this.info = info;
        this.st = st;
        this.conv = conv;
        this.msg = msg;
        this.first = first;
    }

    private Ber.Tlv tlv(int off) {
        return Ber.header(b, off, new Ber.Tlv());
    }

    /** Checks that the TLV's bytes exist (proto_tree_add_item's test_length) and returns its value's length. */
    private int need(Ber.Tlv t) {
        if (t.indefinite) {
            throw Tvb.Stop.MALFORMED;
        }
        if (t.end() > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        b.need(t.start, (int) t.total());
        return (int) t.length;
    }

    /** Where packet-ber.c puts most items: on the value, after the identifier and length. */
    private Tree at(Tree item, Ber.Tlv t) {
        long avail = Math.max(0, Math.min(t.length, b.cap - t.value));
        return b.at(item, t.value, (int) avail);
    }

    /** The whole TLV: the message, protocolOp's alternative, a Filter, an element of a SEQUENCE OF. */
    private Tree whole(Tree item, Ber.Tlv t) {
        long avail = Math.max(0, Math.min(t.total(), b.cap - t.start));
        return b.at(item, t.start, (int) avail);
    }

    /** tvb_get_string_enc(ENC_UTF_8): the bytes as UTF-8, ending at a NUL as the C string does. */
    private String utf8(int off, int len) {
        byte[] v = b.copy(off, len);
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    /** A dissector called through a handle adds a layer to frame.protocols (the first walk records them). */
    private void layer(String name) {
        if (first) {
            msg.layers.add(name);
        }
    }

    // ---- LDAPMessage ----------------------------------------------------------------------

    /** The LDAPMessage at offset 0; returns its end. */
    int message(Tree parent) {
        Ber.Tlv t = tlv(0);
        int len = need(t);
        Tree m = whole(parent.none("ldap.LDAPMessage_element", "LDAPMessage"), t);
        StringBuilder label = new StringBuilder("LDAPMessage");
        st.ldm = m;
        labels.put(m, label);
        int off = t.value;
        int end = off + len;
        // messageID
        Ber.Tlv id = tlv(off);
        int idLen = need(id);
        st.messageId = Ber.integer(b, id.value, idLen) & 0xffffffffL;
        at(m.field("ldap.messageID", "messageID: " + st.messageId, Long.toString(st.messageId)), id);
        off = (int) id.end();
        // protocolOp
        if (off < end) {
            off = protocolOp(m, off);
        }
        // controls [0] OPTIONAL
        if (off < end) {
            Ber.Tlv c = tlv(off);
            if (c.cls == Ber.CONTEXT && c.tag == 0) {
                off = controls(m, c);
            }
        }
        return end;
    }

    /** Texts appended to items (proto_item_append_text), applied when the walk is done. */
    private final java.util.IdentityHashMap<Tree, StringBuilder> labels = new java.util.IdentityHashMap<>();

    static final int LABEL_LENGTH = 240;

    /** proto_item_set_text's label: " [truncated]" in front of one too long for its buffer. */
    static String setText(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (raw.length < LABEL_LENGTH) {
            return text;
        }
        byte[] m = (" [truncated]" + text).getBytes(StandardCharsets.UTF_8);
        int end = LABEL_LENGTH - 1;
        do {
            end--;
        } while (end > 0 && (m[end] & 0xc0) == 0x80);
        return new String(m, 0, end, StandardCharsets.UTF_8);
    }

    /** proto_item_append_text's label: cut where the label buffer ends. */
    static String appended(CharSequence text) {
        byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
        if (raw.length < LABEL_LENGTH) {
            return text.toString();
        }
        int end = LABEL_LENGTH - 1;
        while (end > 0 && (raw[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    private void append(Tree item, String base, String text) {
        if (item == null) {
            return;
        }
        StringBuilder l = labels.computeIfAbsent(item, k -> new StringBuilder(base));
        l.append(text);
        item.relabel(l.toString());
    }

    private void appendLdm(String text) {
        if (st.ldm != null) {
            StringBuilder l = labels.get(st.ldm);
            if (l == null) {
                l = new StringBuilder("LDAPMessage");
                labels.put(st.ldm, l);
            }
            l.append(text);
            st.ldm.relabel(appended(l));
        }
    }

    /** ldap_do_protocolop: the operation and message ID, once per message. */
    private void doProtocolOp() {
        if (st.doProtocolOp) {
            String name = st.protocolOp >= 0 && st.protocolOp < LdapNames.OP_NAMES.length ? LdapNames.OP_NAMES[st.protocolOp]
                    : "Unknown (%u)";
            info.append(name).append('(').append(st.messageId).append(") ");
            appendLdm(" " + name + "(" + (int) st.messageId + ")");
            st.doProtocolOp = false;
        }
    }

    private int protocolOp(Tree m, int off) {
        Ber.Tlv t = tlv(off);
        int idx = t.cls == Ber.APPLICATION ? LdapNames.opIndex(t.tag) : -1;
        st.doProtocolOp = true;
        if (idx < 0) {
            // dissect_ber_choice: no alternative has this tag
            need(t);
            b.at(m.text("BER Error: This choice field (protocolOp) was not found."), t.start, (int) t.total())
                    .expert("ber.error", Tree.Severity.WARNING, Tree.Group.MALFORMED, "BER Error: This choice field (protocolOp) was not found.");
            return (int) t.end();
        }
        int len = need(t);
        int tag = LdapNames.OP_TAGS[idx];
        String name = LdapNames.OP_NAMES[idx];
        Tree op = whole(m.field("ldap.protocolOp", "protocolOp: " + name + " (" + tag + ")", Integer.toString(tag)), t);
        st.protocolOp = idx;
        switch (tag) {
            case 0 -> bindRequest(op, t, len);
            case 1 -> bindResponse(op, t, len);
            case 2 -> {
                b.at(op.none("ldap.unbindRequest_element", "unbindRequest"), t.start, 0);
                doProtocolOp();
            }
            case 3 -> searchRequest(op, t, len);
            case 4 -> searchResEntry(op, t, len);
            case 5, 7, 9, 11, 13, 15 -> result(at(op.none("ldap." + name + "_element", name), t), t.value, t.value + len);
            case 19 -> {
                Tree r = at(seqOf(op, t, "ldap.searchResRef", "searchResRef"), t);
                stringList(r, t.value, t.value + len, "ldap.LDAPURL", "LDAPURL");
                doProtocolOp();
            }
            case 6 -> modifyRequest(op, t, len);
            case 8 -> addRequest(op, t, len);
            case 10 -> {
                String dn = utf8(t.value, len);
                at(op.string("ldap.delRequest", "delRequest", dn), t);
                named("ldap.delRequest", dn);
            }
            case 12 -> modDNRequest(op, t, len);
            case 14 -> compareRequest(op, t, len);
            case 16 -> {
                long v = Ber.integer(b, t.value, len) & 0xffffffffL;
                at(op.field("ldap.abandonRequest", "abandonRequest: " + v, Long.toString(v)), t);
                // AbandonRequest is a MessageID: its body takes over the message ID and the item texts go to
                st.messageId = v;
                st.ldm = op;
                labels.put(op, new StringBuilder("protocolOp: " + name + " (" + tag + ")"));
                doProtocolOp();
            }
            case 23 -> extendedRequest(op, t, len);
            case 24 -> extendedResponse(op, t, len);
            case 25 -> intermediateResponse(op, t, len);
            default -> { }
        }
        // FN_FTR ProtocolOp: pairing, then the result count
        pairing(m, tag, t.start);
        if (tag == 4 || tag == 5) {
            int n = first ? conv.numResults : msg.results;
            if (first) {
                msg.results = n;
            }
            String r = " [" + n + " result" + (n == 1 ? "" : "s") + "]";
            if (tag == 5) {
                info.append(r);
            }
            appendLdm(r);
        }
        return (int) t.end();
    }

    /** A SEQUENCE OF / SET OF item: "name: 3 items", its value the count. */
    private Tree seqOf(Tree parent, Ber.Tlv t, String key, String name) {
        int n = count(t);
        return parent.field(key, name + ": " + n + (n == 1 ? " item" : " items"), Integer.toString(n));
    }

    /** The number of elements of a SEQUENCE OF / SET OF. */
    private int count(Ber.Tlv t) {
        int n = 0;
        int off = t.value;
        int end = (int) t.end();
        while (off < end && n < 100000) {
            Ber.Tlv e = tlv(off);
            if (e.indefinite) {
                break;
            }
            off = (int) Math.min(e.end(), Integer.MAX_VALUE);
            n++;
        }
        return n;
    }

    private void pairing(Tree m, int tag, int at) {
        boolean request = tag == 0 || tag == 3 || tag == 6 || tag == 8 || tag == 10 || tag == 12 || tag == 14 || tag == 23;
        boolean response = tag == 1 || tag == 4 || tag == 19 || tag == 5 || tag == 7 || tag == 9 || tag == 11 || tag == 13
                || tag == 15 || tag == 24 || tag == 25;
        if (!request && !response) {
            return;
        }
        if (first) {
            conv.match(msg, (int) st.messageId, request, tag);
        }
        if (msg.pairedRequest) {
            if (msg.responseIn != 0) {
                m.field("ldap.response_in", "Response In: " + msg.responseIn, Integer.toString(msg.responseIn)).generated()
                        .at(b.s, b.base + at, 0);
            }
        } else if (msg.responseTo != 0) {
            m.field("ldap.response_to", "Response To: " + msg.responseTo, Integer.toString(msg.responseTo)).generated()
                    .at(b.s, b.base + at, 0);
            String s = seconds(msg.delta);
            m.field("ldap.time", "Time: " + s + " seconds", s).generated().at(b.s, b.base + at, 0);
        }
    }

    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
    }

    // ---- strings --------------------------------------------------------------------------

    /** An LDAPString item (FN_BODY LDAPString): the item, then what the field means for Info and the filter. */
    private String ldapString(Tree parent, Ber.Tlv t, String key, String name) {
        int len = need(t);
        String v = utf8(t.value, len);
        Tree item = at(parent.string(key, name, v), t);
        if (Text.trailingStray(b.s, b.base + t.value, len)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        named(key, v);
        return v;
    }

    private void named(String key, String v) {
        doProtocolOp();
        switch (key) {
            case "ldap.baseObject", "ldap.objectName", "ldap.name", "ldap.entry", "ldap.object", "ldap.delRequest" -> {
                String s = v.isEmpty() ? "<ROOT>" : v;
                info.append('"').append(Text.format(s.getBytes(StandardCharsets.UTF_8), 0, s.getBytes(StandardCharsets.UTF_8).length)).append("\" ");
                appendLdm(" \"" + s + "\"");
            }
            case "ldap.errorMessage" -> {
                if (!v.isEmpty()) {
                    info.append('(').append(Text.format(v.getBytes(StandardCharsets.UTF_8), 0, v.getBytes(StandardCharsets.UTF_8).length)).append(") ");
                    appendLdm(" (" + v + ")");
                }
            }
            case "ldap.attributeDesc" -> st.attributeDesc = v;
            case "ldap.initial" -> st.subInitial = v;
            case "ldap.any" -> st.subAny = v;
            case "ldap.final" -> st.subFinal = v;
            case "ldap.matchingRule" -> st.matchingRule = v;
            case "ldap.present" -> st.filter = v;
            default -> { }
        }
    }

    /** A SEQUENCE OF LDAPString-like items under {@code parent}. */
    private void stringList(Tree parent, int off, int end, String key, String name) {
        while (off < end) {
            Ber.Tlv e = tlv(off);
            ldapString(parent, e, key, name);
            off = (int) e.end();
        }
    }

    private long integer(Ber.Tlv t) {
        int len = need(t);
        return Ber.integer(b, t.value, len);
    }

    private Tree uint(Tree parent, Ber.Tlv t, String key, String name) {
        long v = integer(t) & 0xffffffffL;
        return at(parent.field(key, name + ": " + v, Long.toString(v)), t);
    }

    private Tree enumerated(Tree parent, Ber.Tlv t, String key, String name, java.util.Map<Integer, String> vals, long[] out) {
        long v = integer(t) & 0xffffffffL;
        out[0] = v;
        String s = v <= Integer.MAX_VALUE && vals.containsKey((int) v) ? vals.get((int) v) : "Unknown";
        return at(parent.field(key, name + ": " + s + " (" + v + ")", Long.toString(v)), t);
    }

    private boolean bool(Tree parent, Ber.Tlv t, String key, String name) {
        int len = need(t);
        boolean v = len > 0 && b.u8(t.value) != 0;
        at(parent.field(key, name + ": " + (v ? "True" : "False"), v ? "1" : "0"), t);
        return v;
    }

    /** An OCTET STRING shown as bytes. */
    private Tree bytes(Tree parent, Ber.Tlv t, String key, String name) {
        int len = need(t);
        Tree item = at(parent.bytes(key, name, b.s, b.base + t.value, len), t);
        return len == 0 ? item.relabel(name + ": <MISSING>") : item;
    }

    /** An LDAPOID (FN_FTR LDAPOID): the item with its name, Info for a known request or response name, StartTLS noted. */
    private String oid(Tree parent, Ber.Tlv t, String key, String name) {
        int len = need(t);
        String v = utf8(t.value, len);
        Tree item = at(parent.string(key, name, v), t);
        st.oid = v;
        String known = LdapNames.resolve(v);
        if (known != null) {
            item.relabel(name + ": " + v + " (" + known + ")");
            if (key.equals("ldap.requestName") || key.equals("ldap.responseName")) {
                doProtocolOp();
                info.append(known).append(' ');
            }
        }
        if (first && key.equals("ldap.requestName") && v.equals("1.3.6.1.4.1.1466.20037")) {
            conv.startTlsPending = true;
        }
        return v;
    }

    // ---- operations -----------------------------------------------------------------------

    private void bindRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.bindRequest_element", "bindRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv v = tlv(off);
        uint(r, v, "ldap.version", "version");
        off = (int) v.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv n = tlv(off);
        ldapString(r, n, "ldap.name", "name");
        off = (int) n.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv a = tlv(off);
        int alen = need(a);
        String auth = LdapNames.AUTH.get(a.tag);
        if (a.cls != Ber.CONTEXT || auth == null) {
            b.at(r.text("BER Error: This choice field (authentication) was not found."), a.start, (int) a.total());
            return;
        }
        Tree ai = at(r.field("ldap.authentication", "authentication: " + auth + " (" + a.tag + ")", Integer.toString(a.tag)), a);
        switch (a.tag) {
            case 0 -> {
                String pw = utf8(a.value, alen);
                at(ai.string("ldap.simple", "simple", pw), a);
                if (first) {
                    conv.authType = Ldap.AUTH_SIMPLE;
                }
            }
            case 3 -> sasl(ai, a, alen);
            case 10, 11 -> {
                // the body hands the blob to ntlmssp instead of adding its own item
                doProtocolOp();
                ntlmssp(ai, a.value, alen, false);
            }
            default -> bytes(ai, a, a.tag == 1 ? "ldap.krbv42LDAP" : "ldap.krbv42DSA", a.tag == 1 ? "krbv42LDAP" : "krbv42DSA");
        }
        doProtocolOp();
        if (a.tag != 10 && a.tag != 11) {
            info.append(auth).append(' ');
        }
        appendLdm(" " + auth);
    }

    /**
     * Hands {@code len} bytes at {@code off} to ntlmssp, or with {@code gss} to gss-api (which
     * hands NTLMSSP on): the first walk observes the message in capture order (the conversation's
     * NTLMSSP state, the Info text, the layers), every walk adds its items.
     */
    private void ntlmssp(Tree parent, int off, int len, boolean gss) {
        java.lang.foreign.MemorySegment s = b.s;
        long at = b.base + off;
        boolean isNtlm = dev.tcpscope.proto.ntlmssp.Ntlmssp.isNtlmssp(s, at, Math.min(len, b.cap - off));
        if (first) {
            StringBuilder sb = new StringBuilder();
            if (gss) {
                layer("gss-api");
                var g = dev.tcpscope.proto.ntlmssp.GssApi.observe(s, at, len, conv.ntlmssp, sb);
                msg.ntlmUnicode = g.ntlmssp() != null && g.ntlmssp().unicode();
            } else {
                msg.ntlmUnicode = dev.tcpscope.proto.ntlmssp.Ntlmssp.observe(s, at, len, conv.ntlmssp, sb).unicode();
            }
            if (!gss || isNtlm && len > 7) {
                layer("ntlmssp");
            }
            info.append(sb);
        }
        var m = new dev.tcpscope.proto.ntlmssp.Ntlmssp.Message(s, at, len, msg.ntlmUnicode);
        if (gss) {
            var g = new dev.tcpscope.proto.ntlmssp.GssApi.Blob(s, at, len, isNtlm && len > 7 ? m : null);
            dev.tcpscope.proto.ntlmssp.GssApi.tree(g, parent, x -> { });
        } else {
            dev.tcpscope.proto.ntlmssp.Ntlmssp.tree(m, parent, x -> { });
        }
    }

    private void sasl(Tree ai, Ber.Tlv a, int alen) {
        Tree s = at(ai.none("ldap.sasl_element", "sasl"), a);
        int off = a.value;
        int end = off + alen;
        Ber.Tlv m = tlv(off);
        int mlen = need(m);
        String mech = utf8(m.value, mlen);
        at(s.string("ldap.mechanism", "mechanism", mech), m);
        if (first) {
            conv.authType = Ldap.AUTH_SASL;
            conv.firstAuthFrame = 0;
            conv.authMech = mech;
        }
        off = (int) m.end();
        if (off < end) {
            Ber.Tlv c = tlv(off);
            int clen = need(c);
            bytes(s, c, "ldap.credentials", "credentials");
            int cls = clen > 0 ? b.u8(c.value) >> 6 : 0;
            if (clen > 0 && cls == Ber.CONTEXT) {
                // SPNEGO, not dissected here: call_dissector falls back to data
                dev.tcpscope.proto.Items.data(s, b.s, b.base + c.value, clen, this::layer);
            } else if (clen > 0 && cls == Ber.APPLICATION) {
                // a raw GSS-API token (or NTLMSSP: 'N' reads as an application tag)
                ntlmssp(s, c.value, clen, true);
            }
        }
    }

    private Tree bindResponseTree;

    private void bindResponse(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.bindResponse_element", "bindResponse"), t);
        bindResponseTree = r;
        int off = result(r, t.value, t.value + len);
        int end = t.value + len;
        while (off < end) {
            Ber.Tlv c = tlv(off);
            if (c.cls == Ber.CONTEXT && c.tag == 7) {
                int clen = need(c);
                bytes(r, c, "ldap.serverSaslCreds", "serverSaslCreds");
                if (first && conv.authType == Ldap.AUTH_SASL) {
                    conv.firstAuthFrame = msg.frame + 1;
                }
                if (first) {
                    msg.saslCreds = conv.authType == Ldap.AUTH_SASL && ("GSS-SPNEGO".equals(conv.authMech)
                            || "GSSAPI".equals(conv.authMech));
                }
                if (msg.saslCreds && clen > 0) {
                    // GSS-SPNEGO: raw NTLMSSP to ntlmssp, else to spnego (off here: data); GSSAPI: gssapi
                    if (first) {
                        msg.saslCredsGss = "GSSAPI".equals(conv.authMech);
                    }
                    if (msg.saslCredsGss) {
                        ntlmssp(r, c.value, clen, true);
                    } else if (clen >= 7 && b.latin1(c.value, 7).equals("NTLMSSP")) {
                        ntlmssp(r, c.value, clen, false);
                    } else {
                        dev.tcpscope.proto.Items.data(r, b.s, b.base + c.value, clen, this::layer);
                    }
                }
            } else {
                need(c);
            }
            off = (int) c.end();
        }
    }

    /** LDAPResult's components from {@code off}: resultCode, matchedDN, errorMessage, referral [3]; returns where they end. */
    private int result(Tree r, int off, int end) {
        return result(r, off, end, true);
    }

    /** As {@link #result(Tree, int, int)}; {@code shown}: whether the result code goes to Info (not for extendedResp). */
    private int result(Tree r, int off, int end, boolean shown) {
        Ber.Tlv c = tlv(off);
        long[] v = new long[1];
        enumerated(r, c, "ldap.resultCode", "resultCode", LdapNames.RESULT, v);
        if (shown) {
            doProtocolOp();
            String s = LdapNames.name(LdapNames.RESULT, v[0], "Unknown result");
            info.append(s).append(' ');
            appendLdm(" " + s);
        }
        off = (int) c.end();
        if (off >= end) {
            return off;
        }
        Ber.Tlv d = tlv(off);
        ldapString(r, d, "ldap.matchedDN", "matchedDN");
        if (r == bindResponseTree && d.length >= 7 && b.latin1(d.value, 7).equals("NTLMSSP")) {
            // BindResponse's matchedDN carrying NTLMSSP goes to ntlmssp
            ntlmssp(r, d.value, (int) d.length, false);
        }
        off = (int) d.end();
        if (off >= end) {
            return off;
        }
        Ber.Tlv e = tlv(off);
        ldapString(r, e, "ldap.errorMessage", "errorMessage");
        off = (int) e.end();
        if (off < end) {
            Ber.Tlv f = tlv(off);
            if (f.cls == Ber.CONTEXT && f.tag == 3) {
                need(f);
                Tree ref = at(seqOf(r, f, "ldap.referral", "referral"), f);
                stringList(ref, f.value, (int) f.end(), "ldap.LDAPURL", "LDAPURL");
                off = (int) f.end();
            }
        }
        return off;
    }

    private void searchRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.searchRequest_element", "searchRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv base = tlv(off);
        ldapString(r, base, "ldap.baseObject", "baseObject");
        off = (int) base.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv sc = tlv(off);
        long[] v = new long[1];
        enumerated(r, sc, "ldap.scope", "scope", LdapNames.SCOPE, v);
        doProtocolOp();
        String s = LdapNames.name(LdapNames.SCOPE, v[0], "Unknown scope");
        info.append(s).append(' ');
        appendLdm(" " + s);
        off = (int) sc.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv d = tlv(off);
        enumerated(r, d, "ldap.derefAliases", "derefAliases", LdapNames.DEREF, v);
        off = (int) d.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv size = tlv(off);
        uint(r, size, "ldap.sizeLimit", "sizeLimit");
        off = (int) size.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv time = tlv(off);
        uint(r, time, "ldap.timeLimit", "timeLimit");
        off = (int) time.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv types = tlv(off);
        bool(r, types, "ldap.typesOnly", "typesOnly");
        off = (int) types.end();
        if (off >= end) {
            return;
        }
        st.filter = null;
        st.filterElements = 0;
        st.filterLength = 0;
        Ber.Tlv f = tlv(off);
        filter(r, f, "ldap.filter", "filter");
        st.filter = null;
        st.andFilter = null;
        st.filterElements = 0;
        st.filterLength = 0;
        off = (int) f.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv attrs = tlv(off);
        need(attrs);
        Tree a = at(seqOf(r, attrs, "ldap.attributes", "attributes"), attrs);
        stringList(a, attrs.value, (int) attrs.end(), "ldap.AttributeDescription", "AttributeDescription");
    }

    /**
     * Filters nested deeper than this end the dissection with tshark 4.0.17's dissector bug: the
     * 125th Filter level meets packet.c's check of pinfo->dissection_depth against the 500-deep
     * tree limit (and, or and not alike; found by nesting them 123, 124 and more deep).
     */
    static final int MAX_FILTER_DEPTH = 124;

    /** Thrown where tshark's dissection depth assertion fails: the message shows "[Dissector bug ...]". */
    static final class DepthBug extends RuntimeException {
        static final DepthBug INSTANCE = new DepthBug();
        static final String MESSAGE = "./epan/packet.c:3798: failed assertion \"pinfo->dissection_depth < (int)prefs.gui_max_tree_depth\"";

        private DepthBug() {
            super(null, null, false, false);
        }
    }

    /** A Filter (FN_BODY Filter): the "Filter: ..." subtree, the choice item named {@code key}, and the filter string. */
    private void filter(Tree parent, Ber.Tlv t, String key, String name) {
        if (st.filterDepth >= MAX_FILTER_DEPTH) {
            throw DepthBug.INSTANCE;
        }
        st.filterDepth++;
        try {
            filterLevel(parent, t, key, name);
        } finally {
            st.filterDepth--;
        }
    }

    private void filterLevel(Tree parent, Ber.Tlv t, String key, String name) {
        st.attributeDesc = null;
        if (st.filterLength++ > MAX_FILTER_LEN) {
            parent.expert("ldap.exceeded_filter_length", Tree.Severity.ERROR, Tree.Group.UNDECODED,
                    "Filter length exceeds " + MAX_FILTER_LEN + ". Giving up.");
            throw Tvb.Stop.MALFORMED;
        }
        if (st.filterElements++ > MAX_FILTER_ELEMENTS) {
            parent.expert("ldap.too_many_filter_elements", Tree.Severity.ERROR, Tree.Group.UNDECODED,
                    "Found more than " + MAX_FILTER_ELEMENTS + " filter elements. Giving up.");
            throw Tvb.Stop.MALFORMED;
        }
        int len = need(t);
        Tree ft = whole(parent.text("Filter: "), t);
        if (t.cls != Ber.CONTEXT || t.tag > 9) {
            return; // 4.0 shows the "Filter: " item alone
        }
        String alt = LdapNames.FILTER[t.tag];
        Tree c = at(ft.field(key, name + ": " + alt + " (" + t.tag + ")", Integer.toString(t.tag)), t);
        int off = t.value;
        int end = off + len;
        switch (t.tag) {
            case 0, 1 -> {
                boolean and = t.tag == 0;
                String saved = and ? st.andFilter : st.orFilter;
                if (and) {
                    st.andFilter = null;
                } else {
                    st.orFilter = null;
                }
                Tree sub = at(c.text(alt + ": "), t);
                Tree set = at(seqOf(sub, t, "ldap." + alt, alt), t);
                while (off < end) {
                    Ber.Tlv e = tlv(off);
                    filter(set, e, "ldap." + alt + "_item", alt + " item");
                    String cur = and ? st.andFilter : st.orFilter;
                    String next = cur == null ? st.filter : "(" + (and ? "&" : "|") + cur + orNull(st.filter) + ")";
                    if (and) {
                        st.andFilter = next;
                    } else {
                        st.orFilter = next;
                    }
                    off = (int) e.end();
                }
                String built = and ? st.andFilter : st.orFilter;
                if (built != null) {
                    sub.relabel(appended(alt + ": " + built));
                    st.filter = built;
                }
                if (and) {
                    st.andFilter = saved;
                } else {
                    st.orFilter = saved;
                }
            }
            case 2 -> {
                if (off < end) {
                    Ber.Tlv inner = tlv(off);
                    filter(c, inner, "ldap.not", "not");
                }
                st.filter = "(!" + orNull(st.filter) + ")";
            }
            case 3, 5, 6, 8 -> {
                Tree ava = at(c.none("ldap." + alt + "_element", alt), t);
                assertion(ava, off, end);
                String op = switch (t.tag) {
                    case 3 -> "=";
                    case 5 -> ">=";
                    case 6 -> "<=";
                    default -> "~=";
                };
                st.filter = "(" + orNull(st.attributeDesc) + op + orNull(st.ldapValue) + ")";
            }
            case 4 -> substrings(c, t, off, end);
            case 7 -> {
                String v = utf8(t.value, len);
                at(c.string("ldap.present", "present", v), t);
                named("ldap.present", v);
                st.filter = "(" + orNull(st.filter) + "=*)";
            }
            case 9 -> extensible(c, t, off, end);
            default -> { }
        }
        if (st.filter != null) {
            ft.relabel(appended("Filter: " + st.filter));
        }
    }

    private static String orNull(String s) {
        return s == null ? "(null)" : s;
    }

    /** AttributeValueAssertion: attributeDesc, then assertionValue as dissect_ldap_AssertionValue shows it. */
    private void assertion(Tree ava, int off, int end) {
        Ber.Tlv d = tlv(off);
        ldapString(ava, d, "ldap.attributeDesc", "attributeDesc");
        off = (int) d.end();
        if (off < end) {
            Ber.Tlv v = tlv(off);
            assertionValue(ava, v, "ldap.assertionValue", "assertionValue");
        }
    }

    /** dissect_ldap_AssertionValue: printable ASCII as a string, else the bytes as hex with colons; nothing for an empty value. */
    private void assertionValue(Tree parent, Ber.Tlv v, String key, String name) {
        int len = need(v);
        if (len == 0) {
            return;
        }
        String s;
        if (printable(v.value, len)) {
            s = utf8(v.value, len);
        } else {
            s = Text.hexColons(b.s, b.base + v.value, len);
        }
        st.ldapValue = s;
        b.at(parent.string(key, name, s), v.value, len);
    }

    private boolean printable(int off, int len) {
        for (int i = 0; i < len; i++) {
            int c = b.u8(off + i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private void substrings(Tree c, Ber.Tlv t, int off, int end) {
        String saved = st.substringValue;
        st.attrType = null;
        st.substringValue = null;
        st.subInitial = null;
        st.subAny = null;
        st.subFinal = null;
        Tree sub = at(c.text("substring: "), t);
        Tree seq = at(sub.none("ldap.substrings_element", "substrings"), t);
        if (off < end) {
            Ber.Tlv type = tlv(off);
            int len = need(type);
            String v = utf8(type.value, len);
            at(seq.string("ldap.type", "type", v), type);
            doProtocolOp();
            st.attrType = v;
            seq.relabel("substrings " + v);
            off = (int) type.end();
        }
        if (off < end) {
            Ber.Tlv list = tlv(off);
            need(list);
            Tree l = at(seqOf(seq, list, "ldap.substrings", "substrings"), list);
            int o = list.value;
            int e = (int) list.end();
            while (o < e) {
                Ber.Tlv it = tlv(o);
                int ilen = need(it);
                if (it.cls == Ber.CONTEXT && it.tag <= 2) {
                    String alt = LdapNames.SUBSTRING[it.tag];
                    Tree ci = at(l.field("ldap.substrings_item", "substrings item: " + alt + " (" + it.tag + ")",
                            Integer.toString(it.tag)), it);
                    String v = utf8(it.value, ilen);
                    at(ci.string("ldap." + alt, alt, v), it);
                    named("ldap." + alt, v);
                    if (st.subFinal != null) {
                        st.substringValue = (st.substringValue == null ? "*" : st.substringValue) + st.subFinal;
                    } else if (st.subAny != null) {
                        st.substringValue = (st.substringValue == null ? "*" : st.substringValue) + st.subAny + "*";
                    } else if (st.subInitial != null) {
                        st.substringValue = st.subInitial + "*";
                    }
                }
                o = (int) it.end();
            }
        }
        st.filter = "(" + orNull(st.attrType) + "=" + orNull(st.substringValue) + ")";
        sub.relabel(appended("substring: " + st.filter));
        st.substringValue = saved;
    }

    private void extensible(Tree c, Ber.Tlv t, int off, int end) {
        st.attrType = null;
        st.matchingRule = null;
        st.ldapValue = null;
        st.dnAttr = false;
        Tree m = at(c.none("ldap.extensibleMatch_element", "extensibleMatch"), t);
        while (off < end) {
            Ber.Tlv e = tlv(off);
            if (e.cls == Ber.CONTEXT) {
                switch (e.tag) {
                    case 1 -> ldapString(m, e, "ldap.matchingRule", "matchingRule");
                    case 2 -> {
                        int len = need(e);
                        String v = utf8(e.value, len);
                        at(m.string("ldap.type", "type", v), e);
                        doProtocolOp();
                        st.attrType = v;
                        m.relabel("extensibleMatch " + v);
                    }
                    case 3 -> assertionValue(m, e, "ldap.matchValue", "matchValue");
                    case 4 -> st.dnAttr = bool(m, e, "ldap.dnAttributes", "dnAttributes");
                    default -> need(e);
                }
            } else {
                need(e);
            }
            off = (int) e.end();
        }
        st.filter = "(" + (st.attrType == null ? "" : st.attrType) + ":" + (st.dnAttr ? "dn:" : "")
                + (st.matchingRule == null ? "" : st.matchingRule) + (st.matchingRule == null ? "" : ":") + "="
                + orNull(st.ldapValue) + ")";
    }

    private void searchResEntry(Tree op, Ber.Tlv t, int len) {
        if (first && !conv.visited) {
            conv.numResults++;
        }
        Tree r = at(op.none("ldap.searchResEntry_element", "searchResEntry"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv n = tlv(off);
        ldapString(r, n, "ldap.objectName", "objectName");
        off = (int) n.end();
        if (off < end) {
            Ber.Tlv a = tlv(off);
            need(a);
            Tree l = at(seqOf(r, a, "ldap.attributes", "attributes"), a);
            attributeList(l, a, "ldap.PartialAttributeList_item_element", "PartialAttributeList item");
        }
    }

    /** A SEQUENCE OF { type, vals SET OF AttributeValue }. */
    private void attributeList(Tree l, Ber.Tlv a, String key, String name) {
        int off = a.value;
        int end = (int) a.end();
        while (off < end) {
            Ber.Tlv e = tlv(off);
            int len = need(e);
            Tree item = whole(l.none(key, name), e);
            typeAndValues(item, name, e.value, e.value + len);
            off = (int) e.end();
        }
    }

    /** { type AttributeDescription, vals SET OF AttributeValue } under {@code item}, whose label gains the type. */
    private void typeAndValues(Tree item, String label, int off, int end) {
        String type = null;
        if (off < end) {
            Ber.Tlv t = tlv(off);
            int len = need(t);
            type = utf8(t.value, len);
            at(item.string("ldap.type", "type", type), t);
            doProtocolOp();
            item.relabel(label + " " + type);
            st.attrType = type;
            int semi = type.indexOf(';');
            if (semi >= 0 && type.substring(semi).equals(";binary")) {
                type = type.substring(0, semi);
            }
            off = (int) t.end();
        }
        if (off < end) {
            Ber.Tlv v = tlv(off);
            need(v);
            Tree vals = at(seqOf(item, v, "ldap.vals", "vals"), v);
            int o = v.value;
            int e = (int) v.end();
            while (o < e) {
                Ber.Tlv x = tlv(o);
                attributeValue(vals, x, type);
                o = (int) x.end();
            }
        }
    }

    /** FN_BODY AttributeValue: the "ldap.name" table's dissectors for a few types, else the bytes, as text when printable. */
    private void attributeValue(Tree vals, Ber.Tlv x, String type) {
        int len = need(x);
        if ("objectGUID".equals(type) && len >= 16) {
            b.at(vals.field("ldap.guid", "GUID: " + guid(x.value), guid(x.value)), x.value, 16);
            return;
        }
        if ("supportedControl".equals(type) || "supportedCapabilities".equals(type)) {
            String v = utf8(x.value, len);
            String known = LdapNames.resolve(v);
            b.at(vals.field("ldap.oid", "OID: " + v + (known == null ? "" : " (" + known + ")"), v), x.value, len);
            return;
        }
        Tree item = b.at(vals.bytes("ldap.AttributeValue", "AttributeValue", b.s, b.base + x.value, len), x.value, len);
        if (printable(x.value, len)) {
            item.relabel(setText("AttributeValue: " + Text.format(b.copy(x.value, len), 0, len)));
        }
    }

    private String guid(int off) {
        StringBuilder s = new StringBuilder(36);
        hex(s, (int) (b.u8(off + 3) << 24 | b.u8(off + 2) << 16 | b.u8(off + 1) << 8 | b.u8(off)), 8);
        s.append('-');
        hex(s, b.u8(off + 5) << 8 | b.u8(off + 4), 4);
        s.append('-');
        hex(s, b.u8(off + 7) << 8 | b.u8(off + 6), 4);
        s.append('-');
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                s.append('-');
            }
            hex(s, b.u8(off + i), 2);
        }
        return s.toString();
    }

    private static void hex(StringBuilder s, long v, int digits) {
        String h = Long.toHexString(v & ((1L << (4 * digits)) - 1));
        s.append("00000000", 0, digits - h.length()).append(h);
    }

    private void modifyRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.modifyRequest_element", "modifyRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv o = tlv(off);
        ldapString(r, o, "ldap.object", "object");
        off = (int) o.end();
        if (off >= end) {
            return;
        }
        Ber.Tlv mods = tlv(off);
        need(mods);
        Tree l = at(seqOf(r, mods, "ldap.modification", "modification"), mods);
        int m = mods.value;
        int me = (int) mods.end();
        while (m < me) {
            Ber.Tlv item = tlv(m);
            int ilen = need(item);
            Tree it = whole(l.none("ldap.modification_item_element", "modification item"), item);
            int p = item.value;
            int pe = p + ilen;
            if (p < pe) {
                Ber.Tlv opn = tlv(p);
                enumerated(it, opn, "ldap.operation", "operation", LdapNames.OPERATION, new long[1]);
                p = (int) opn.end();
            }
            if (p < pe) {
                Ber.Tlv tv = tlv(p);
                int tlen = need(tv);
                Tree mod = whole(it.none("ldap.modification_element", "modification"), tv);
                typeAndValues(mod, "modification", tv.value, tv.value + tlen);
            }
            m = (int) item.end();
        }
    }

    private void addRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.addRequest_element", "addRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv e = tlv(off);
        ldapString(r, e, "ldap.entry", "entry");
        off = (int) e.end();
        if (off < end) {
            Ber.Tlv a = tlv(off);
            need(a);
            Tree l = at(seqOf(r, a, "ldap.attributes", "attributes"), a);
            attributeList(l, a, "ldap.AttributeList_item_element", "AttributeList item");
        }
    }

    private void modDNRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.modDNRequest_element", "modDNRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv e = tlv(off);
        ldapString(r, e, "ldap.entry", "entry");
        off = (int) e.end();
        if (off < end) {
            Ber.Tlv n = tlv(off);
            ldapString(r, n, "ldap.newrdn", "newrdn");
            off = (int) n.end();
        }
        if (off < end) {
            Ber.Tlv d = tlv(off);
            bool(r, d, "ldap.deleteoldrdn", "deleteoldrdn");
            off = (int) d.end();
        }
        if (off < end) {
            Ber.Tlv s = tlv(off);
            ldapString(r, s, "ldap.newSuperior", "newSuperior");
        }
    }

    private void compareRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.compareRequest_element", "compareRequest"), t);
        int off = t.value;
        int end = off + len;
        Ber.Tlv e = tlv(off);
        ldapString(r, e, "ldap.entry", "entry");
        off = (int) e.end();
        if (off < end) {
            Ber.Tlv a = tlv(off);
            int alen = need(a);
            Tree ava = whole(r.none("ldap.ava_element", "ava"), a);
            assertion(ava, a.value, a.value + alen);
        }
    }

    private void extendedRequest(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.extendedReq_element", "extendedReq"), t);
        int off = t.value;
        int end = off + len;
        st.oid = null;
        Ber.Tlv n = tlv(off);
        oid(r, n, "ldap.requestName", "requestName");
        off = (int) n.end();
        if (off < end) {
            Ber.Tlv v = tlv(off);
            bytes(r, v, "ldap.requestValue", "requestValue");
        }
    }

    private void extendedResponse(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.extendedResp_element", "extendedResp"), t);
        int end = t.value + len;
        Ber.Tlv c = tlv(t.value);
        int off = result(r, t.value, end, false);
        if (first && conv.startTlsPending && intValue(c) == 0) {
            msg.startTls = true;
            conv.startTlsPending = false;
        }
        while (off < end) {
            Ber.Tlv e = tlv(off);
            if (e.cls == Ber.CONTEXT && e.tag == 10) {
                oid(r, e, "ldap.responseName", "responseName");
            } else if (e.cls == Ber.CONTEXT && e.tag == 11) {
                bytes(r, e, "ldap.response", "response");
            } else {
                need(e);
            }
            off = (int) e.end();
        }
    }

    long intValue(Ber.Tlv c) {
        return Ber.integer(b, c.value, need(c));
    }

    private void intermediateResponse(Tree op, Ber.Tlv t, int len) {
        Tree r = at(op.none("ldap.intermediateResponse_element", "intermediateResponse"), t);
        int off = t.value;
        int end = off + len;
        while (off < end) {
            Ber.Tlv e = tlv(off);
            if (e.cls == Ber.CONTEXT && e.tag == 0) {
                oid(r, e, "ldap.responseName", "responseName");
            } else if (e.cls == Ber.CONTEXT && e.tag == 1) {
                bytes(r, e, "ldap.responseValue", "responseValue");
            } else {
                need(e);
            }
            off = (int) e.end();
        }
    }

    // ---- controls -------------------------------------------------------------------------

    private int controls(Tree m, Ber.Tlv c) {
        need(c);
        Tree l = at(seqOf(m, c, "ldap.controls", "controls"), c);
        int off = c.value;
        int end = (int) c.end();
        while (off < end) {
            Ber.Tlv e = tlv(off);
            int len = need(e);
            Tree ctl = whole(l.none("ldap.Control_element", "Control"), e);
            int o = e.value;
            int oe = o + len;
            st.oid = null;
            if (o < oe) {
                Ber.Tlv type = tlv(o);
                oid(ctl, type, "ldap.controlType", "controlType");
                o = (int) type.end();
            }
            while (o < oe) {
                Ber.Tlv x = tlv(o);
                if (x.cls == Ber.UNIVERSAL && x.tag == Ber.T_BOOLEAN) {
                    bool(ctl, x, "ldap.criticality", "criticality");
                } else if (x.cls == Ber.UNIVERSAL && x.tag == Ber.T_OCTET_STRING) {
                    controlValue(ctl, x);
                } else {
                    need(x);
                }
                o = (int) x.end();
            }
            off = (int) e.end();
        }
        return end;
    }

    private void controlValue(Tree ctl, Ber.Tlv x) {
        int len = need(x);
        if (LdapNames.PAGED.equals(st.oid) && len > 0) {
            layer("ldap"); // call_ber_oid_callback: the OID's dissector, registered under ldap
            Ber.Tlv s = tlv(x.value);
            int slen = need(s);
            Tree v = whole(ctl.none("ldap.SearchControlValue_element", "SearchControlValue"), s);
            int o = s.value;
            int e = o + slen;
            if (o < e) {
                Ber.Tlv size = tlv(o);
                long n = integer(size);
                at(v.field("ldap.size", "size: " + n, Long.toString(n)), size);
                o = (int) size.end();
            }
            if (o < e) {
                Ber.Tlv cookie = tlv(o);
                bytes(v, cookie, "ldap.cookie", "cookie");
            }
            return;
        }
        if (LdapNames.SORT.equals(st.oid) && len > 0) {
            layer("ldap");
            Ber.Tlv s = tlv(x.value);
            need(s);
            Tree l = at(seqOf(ctl, s, "ldap.SortKeyList", "SortKeyList"), s);
            int o = s.value;
            int e = (int) s.end();
            while (o < e) {
                Ber.Tlv k = tlv(o);
                int klen = need(k);
                Tree item = whole(l.none("ldap.SortKeyList_item_element", "SortKeyList item"), k);
                int p = k.value;
                int pe = p + klen;
                while (p < pe) {
                    Ber.Tlv f = tlv(p);
                    if (f.cls == Ber.UNIVERSAL) {
                        ldapString(item, f, "ldap.attributeType", "attributeType");
                    } else if (f.tag == 0) {
                        ldapString(item, f, "ldap.orderingRule", "orderingRule");
                    } else if (f.tag == 1) {
                        bool(item, f, "ldap.reverseOrder", "reverseOrder");
                    } else {
                        need(f);
                    }
                    p = (int) f.end();
                }
                o = (int) k.end();
            }
            return;
        }
        bytes(ctl, x, "ldap.controlValue", "controlValue");
    }
}
