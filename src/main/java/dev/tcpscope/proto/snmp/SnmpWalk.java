package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ldap.Ber;

import java.util.function.Consumer;

/**
 * One walk over an SNMP message as Wireshark 4.0.17's packet-snmp.c (asn2wrs over packet-ber.c,
 * plus its hand-written VarBind and engine ID code) reads it: v1 and v2c Messages, v2u, and v3
 * with its HeaderData, USM security parameters and a plaintext ScopedPDU or an encryptedPDU. The
 * same walk makes the Info column (over {@link Tree#NOTHING}) and the detail tree; labels and
 * value names come from tshark's field registry ({@link #REG}). BER identifiers and lengths are
 * read by {@link Ber} over {@link Tvb}, so a short or lying length stops the walk with
 * {@link Tvb.Stop} where tshark throws. Each loop moves forward by at least a TLV header or stops,
 * and SEQUENCEs and the generic BER display of undecodable VarBinds ({@link SnmpVarBinds}) nest at
 * most {@link #MAX_DEPTH} deep.
 */
final class SnmpWalk {
    /** packet-snmp.c's fields and value strings (scripts/gen-registry-tables.sh snmp). */
    static final Registry REG = Registry.load(SnmpWalk.class, "snmp");
    static final int MAX_DEPTH = 32;
    static final String[] CLASSES = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};

    /** The PDUs choice's element fields by tag (snmp.data values 0 to 8). */
    private static final String[] PDU_KEYS = {"snmp.get_request_element", "snmp.get_next_request_element",
        "snmp.get_response_element", "snmp.set_request_element", "snmp.trap_element", "snmp.getBulkRequest_element",
        "snmp.informRequest_element", "snmp.snmpV2_trap_element", "snmp.report_element"};


    final Tvb t;
    /** The Info column as the walk leaves it; null while untouched (UDP's stays). */
    String info;
    /** What the PDUs choice's footer saw: the PDU type (-1: none) and request-id. */
    int pduType = -1;
    long requestId;
    /** Called where the PDUs choice's footer adds the request/response items, with the tree it adds them to. */
    private final Footer footer;

    /** Where the PDUs choice's footer adds its items: the tree, and the choice's bytes (the items sit at their start). */
    interface Footer {
        void add(Tree parent, Tvb at);
    }
    private long securityModel;
    /** The VarBind value sub-dissector calls queued for the message's end (packet-snmp.c's var_list). */
    final java.util.List<Runnable> pending = new java.util.ArrayList<>(2);

    /** next_tvb_call: the queued sub-dissector calls, made when the message was read whole and nothing follows it. */
    void stringsAfter() {
        for (Runnable r : pending) {
            r.run();
        }
        pending.clear();
    }

    /** Names the protocols the walk's sub-dissector calls add, for frame.protocols. */
    Consumer<String> protocols = p -> { };
    int depth;
    /** The VarBindList and VarBind walk of this message. */
    private final SnmpVarBinds varBinds = new SnmpVarBinds(this);

    SnmpWalk(Tvb t, Footer footer) {
        this.t = t;
        this.footer = footer;
    }

    // ---- the message -----------------------------------------------------------------------------

    /**
     * dissect_snmp_pdu from the message's start: the protocol item over the message's length,
     * the version's message, and the offset after it (for the trailing data); the Protocol column
     * is set by the caller once {@link #version} read it.
     */
    int message(Tree root) {
        Ber.Tlv h = Ber.header(t, 0, new Ber.Tlv());
        long messageLength = h.value + h.length;
        long version = integerValue(Ber.header(t, h.value, new Ber.Tlv()));
        Tree snmp = t.at(root.protocol("snmp", "Simple Network Management Protocol"), 0, (int) Math.min(messageLength, t.cap));
        return switch ((int) Math.max(-1, Math.min(version, 4))) {
            case 0, 1 -> sequence(t, 0, snmp, null, false, this::messageBody);
            case 2 -> sequence(t, 0, snmp, null, false, this::messagev2uBody);
            case 3 -> sequence(t, 0, snmp, null, false, this::v3Body);
            default -> {
                snmp.expert("snmp.version.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown version");
                yield -1;
            }
        };
    }

    /** The version INTEGER at the message's start (dissect_snmp_pdu reads it before anything is shown). */
    static long version(Tvb t) {
        Ber.Tlv h = Ber.header(t, 0, new Ber.Tlv());
        Ber.Tlv v = Ber.header(t, h.value, new Ber.Tlv());
        return integerValueOf(t, v);
    }

    /** The elements of one SEQUENCE, each a TLV read by its own dissector from the bytes cut for it. */
    private interface Body {
        void elements(Elements e);
    }

    /** packet-ber.c's walk over a SEQUENCE's elements in their definition's order. */
    private final class Elements {
        final Tvb seq;
        final Tree tree;
        int offset;
        final int end;

        Elements(Tvb seq, Tree tree, int offset, int end) {
            this.seq = seq;
            this.tree = tree;
            this.offset = offset;
            this.end = end;
        }

        /**
         * The next element, expected with class {@code cls} and tag {@code tag} (a CHOICE without
         * its own tag takes any: -1): handed to {@code fn} as its own bytes when it
         * matches; a mismatch shows packet-ber.c's error and skips it. Returns false at the end.
         */
        boolean next(int cls, int tag, boolean optional, Fn fn) {
            if (offset >= end) {
                return false;
            }
            int hoffset = offset;
            Ber.Tlv e = Ber.header(seq, offset, new Ber.Tlv());
            long eoffset = e.value + e.length;
            if (eoffset <= hoffset || e.indefinite) {
                throw Tvb.Stop.MALFORMED;
            }
            if (cls >= 0 && (e.cls != cls || tag >= 0 && e.tag != tag)) {
                if (optional) {
                    return true;
                }
                berError(seq, tree, "ber.error.sequence.field_wrong", "BER Error: Wrong field in SEQUENCE: expected class:" + CLASSES[cls]
                        + "(" + cls + ") tag:" + tag + " but found class:" + CLASSES[e.cls] + "(" + e.cls + ") tag:" + e.tag, hoffset, idLength(seq, hoffset));
                offset = (int) Math.min(eoffset, Integer.MAX_VALUE);
                return true;
            }
            fn.run(sub(seq, hoffset, eoffset - hoffset), tree);
            offset = (int) Math.min(eoffset, Integer.MAX_VALUE);
            return true;
        }

        /** Elements after the definition's last one. */
        void rest() {
            while (offset < end) {
                int hoffset = offset;
                Ber.Tlv e = Ber.header(seq, offset, new Ber.Tlv());
                long eoffset = e.value + e.length;
                if (eoffset <= hoffset || e.indefinite) {
                    throw Tvb.Stop.MALFORMED;
                }
                berError(seq, tree, "ber.error.unknown_field.sequence",
                        "BER Error: This field lies beyond the end of the known sequence definition.", hoffset, eoffset - hoffset);
                offset = (int) Math.min(eoffset, Integer.MAX_VALUE);
            }
        }
    }

    /** A field's dissector: its TLV at 0 of its own bytes, the tree to add to. */
    private interface Fn {
        void run(Tvb b, Tree parent);
    }

    /**
     * dissect_ber_sequence at {@code off} of {@code b}: its header read (an {@code implicit} one's
     * value runs to the end of {@code b}), its FT_NONE item when {@code key} is set (the whole TLV,
     * or the value alone when implicit), the elements; returns the offset after it.
     */
    private int sequence(Tvb b, int off, Tree parent, String key, boolean implicit, Body body) {
        if (++depth > MAX_DEPTH) {
            throw Tvb.Stop.MALFORMED;
        }
        try {
            Ber.Tlv h = Ber.header(b, off, new Ber.Tlv());
            int offset = h.value;
            long lenx = h.length;
            if (implicit) {
                lenx = Math.max(0, b.rep - offset);
            } else if (h.cls != Ber.APPLICATION && h.cls != Ber.PRIVATE && (!h.constructed || h.cls != Ber.UNIVERSAL || h.tag != Ber.T_SEQUENCE)) {
                b.need(off, 2);
                berError(b, parent, "ber.error.expected.sequence", "BER Error: Sequence expected but class:" + CLASSES[h.cls] + "(" + h.cls + ") "
                        + (h.constructed ? "Constructed" : "Primitive") + " tag:" + h.tag + " was unexpected", offset, lenx);
                return (int) Math.min(offset + lenx, Integer.MAX_VALUE);
            }
            if (h.indefinite || offset + lenx > Integer.MAX_VALUE) {
                throw Tvb.Stop.MALFORMED;
            }
            Tree tree = parent;
            if (key != null) {
                int from = implicit ? offset : off;
                // proto_tree_add_item trims an FT_NONE item to the captured bytes (an FT_UINT32 choice item runs past them)
                tree = b.at(parent.none(key, REG.row(key).title()), from, (int) Math.min(offset + lenx - from, b.cap - from));
            }
            int end = (int) (offset + lenx);
            Elements e = new Elements(b, tree, offset, end);
            body.elements(e);
            e.rest();
            if (e.offset != end) {
                b.need(e.offset - 2, 2);
                berError(b, tree, "ber.error.length", "BER Error: Sequence ate " + (e.offset - end) + " too many bytes", e.offset - 2, 2);
            }
            return end;
        } finally {
            depth--;
        }
    }

    /** How many bytes the identifier at {@code off} takes (X.690 §8.1.2.4's long form: at most five). */
    static int idLength(Tvb b, int off) {
        if ((b.u8(off) & 0x1f) != 0x1f) {
            return 1;
        }
        int n = 1;
        while (n < 5 && (b.u8(off + n) & 0x80) != 0) {
            n++;
        }
        return n + 1;
    }

    static Tvb sub(Tvb b, int off, long len) {
        int rep = (int) Math.max(0, Math.min(len, (long) b.rep - off));
        int cap = Math.max(0, Math.min(rep, b.cap - off));
        return new Tvb(b.s, b.base + off, cap, rep, b.fragment);
    }

    static void berError(Tvb b, Tree parent, String expert, String msg, int off, long len) {
        int l = (int) Math.max(0, Math.min(len, (long) b.cap - off));
        b.at(parent.text(msg), Math.min(off, b.cap), l).expert(expert, Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
    }

    // ---- v1, v2c, v2u ------------------------------------------------------------------------------

    private void messageBody(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.version"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> string(b, p, "snmp.community"));
        e.next(-1, -1, false, (b, p) -> pdus(b, p, "snmp.data"));
    }

    private void messagev2uBody(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.version"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> bytes(b, p, "snmp.parameters"));
        e.next(-1, -1, false, (b, p) -> {
            // datav2u: plaintext PDUs (any context tag) or the encrypted OCTET STRING
            Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
            if (h.cls == Ber.CONTEXT) {
                Tree item = choiceItem(b, p, "snmp.datav2u", 0, h);
                pdus(b, item, "snmp.plaintext");
            } else if (h.cls == Ber.UNIVERSAL && h.tag == Ber.T_OCTET_STRING) {
                Tree item = choiceItem(b, p, "snmp.datav2u", 1, h);
                bytes(b, item, "snmp.encrypted");
            }
        });
    }

    /** The CHOICE's item: "name: branch (n)" over the whole TLV. */
    private Tree choiceItem(Tvb b, Tree parent, String key, int branch, Ber.Tlv h) {
        String name = REG.value(key, branch);
        Registry.Row r = REG.row(key);
        // over the whole TLV, past the captured bytes if need be (json's "field length invalid!")
        return b.at(parent.field(key, r.title() + ": " + name + " (" + branch + ")", Integer.toString(branch)), 0,
                (int) Math.min(h.value + h.length, b.rep));
    }

    /**
     * The PDUs CHOICE (its FN_HDR clears the Info column, its FN_FTR puts the PDU's name in front
     * and matches requests with responses); a tag it does not know shows nothing.
     */
    private void pdus(Tvb b, Tree parent, String key) {
        info = "";
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        if (h.cls != Ber.CONTEXT || h.tag > 8) {
            return;
        }
        int type = h.tag;
        Tree item = choiceItem(b, parent, key, type, h);
        // [n] IMPLICIT: the PDU's SEQUENCE is the tag's value
        Tvb value = sub(b, 0, h.value + h.length);
        String element = PDU_KEYS[type];
        if (type == 4) {
            sequence(value, 0, item, element, true, this::trapBody);
        } else if (type == 5) {
            sequence(value, 0, item, element, true, this::bulkBody);
        } else {
            sequence(value, 0, item, element, true, this::pduBody);
        }
        pduType = type;
        info = REG.value("snmp.data", type) + info;
        footer.add(parent, b);
    }

    private void pduBody(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> requestId = integer(b, p, "snmp.request_id"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.error_status"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.error_index"));
        e.next(Ber.UNIVERSAL, Ber.T_SEQUENCE, false, varBinds::list);
    }

    private void bulkBody(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> requestId = integer(b, p, "snmp.request_id"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.non_repeaters"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.max_repetitions"));
        e.next(Ber.UNIVERSAL, Ber.T_SEQUENCE, false, varBinds::list);
    }

    private void trapBody(Elements e) {
        e.next(Ber.UNIVERSAL, 6, false, (b, p) -> {
            long[] a = oid(b, p, "snmp.enterprise");
            if (a != null) {
                info = info + " " + SnmpOids.resolved(a);
            }
        });
        e.next(Ber.APPLICATION, 0, false, (b, p) -> {
            Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
            int len = (int) Math.min(h.length, Math.max(0, b.rep - h.value));
            if (len == 4) {
                b.need(h.value, 4);
                String a = b.u8(h.value) + "." + b.u8(h.value + 1) + "." + b.u8(h.value + 2) + "." + b.u8(h.value + 3);
                b.at(p.field("snmp.agent_addr", "agent-addr: " + a, a), h.value, 4);
            } else {
                // the NetworkAddress's size constraint (4): packet-ber.c's length check, no item
                berError(b, p, "ber.error.length", "BER Error: agent-addr: length of item (" + len + ") is not valid", h.value, len);
            }
        });
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.generic_trap"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.specific_trap"));
        e.next(Ber.APPLICATION, 3, false, (b, p) -> integer(b, p, "snmp.time_stamp"));
        e.next(Ber.UNIVERSAL, Ber.T_SEQUENCE, false, varBinds::list);
    }

    // ---- v3 ----------------------------------------------------------------------------------------

    private void v3Body(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.msgVersion"));
        e.next(Ber.UNIVERSAL, Ber.T_SEQUENCE, false, (b, p) -> sequence(b, 0, p, "snmp.msgGlobalData_element", false, this::headerData));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, this::securityParameters);
        e.next(-1, -1, false, this::scopedPduData);
    }

    private void headerData(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.msgID"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.msgMaxSize"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> {
            Tree item = bytes(b, p, "snmp.msgFlags");
            Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
            if (clamped(b, h) == 0) {
                throw Tvb.Stop.MALFORMED; // T_msgFlags reads the flags byte of its empty tvb
            }
            {
                for (String f : new String[] {"snmp.v3.flags.report", "snmp.v3.flags.crypt", "snmp.v3.flags.auth"}) {
                    REG.integerItem(b, item, REG.row(f), h.value, 1, (v, n) -> n);
                }
            }
        });
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> securityModel = integer(b, p, "snmp.msgSecurityModel"));
    }

    /** T_msgSecurityParameters: USM's parameters read from two bytes into the OCTET STRING (its short header assumed). */
    private void securityParameters(Tvb b, Tree p) {
        if (securityModel == 3) {
            sequence(b, 2, p, null, false, this::usm);
        } else {
            bytes(b, p, "snmp.msgSecurityParameters");
        }
    }

    private void usm(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> engineId(b, p, "snmp.msgAuthoritativeEngineID"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.msgAuthoritativeEngineBoots"));
        e.next(Ber.UNIVERSAL, Ber.T_INTEGER, false, (b, p) -> integer(b, p, "snmp.msgAuthoritativeEngineTime"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> string(b, p, "snmp.msgUserName"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> bytes(b, p, "snmp.msgAuthenticationParameters"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> bytes(b, p, "snmp.msgPrivacyParameters"));
    }

    /** ScopedPduData: a plaintext ScopedPDU, or an encryptedPDU nothing here can decrypt. */
    private void scopedPduData(Tvb b, Tree p) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        if (h.cls == Ber.UNIVERSAL && h.tag == Ber.T_SEQUENCE) {
            Tree item = choiceItem(b, p, "snmp.msgData", 0, h);
            sequence(b, 0, item, "snmp.plaintext_element", false, this::scopedPdu);
        } else if (h.cls == Ber.UNIVERSAL && h.tag == Ber.T_OCTET_STRING) {
            Tree item = choiceItem(b, p, "snmp.msgData", 1, h);
            bytes(b, item, "snmp.encryptedPDU");
            info = "encryptedPDU: privKey Unknown";
        }
    }

    private void scopedPdu(Elements e) {
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> engineId(b, p, "snmp.contextEngineID"));
        e.next(Ber.UNIVERSAL, Ber.T_OCTET_STRING, false, (b, p) -> string(b, p, "snmp.contextName"));
        e.next(-1, -1, false, (b, p) -> pdus(b, p, "snmp.data"));
    }

    // ---- leaves ------------------------------------------------------------------------------------

    /** An OCTET STRING's length as packet-ber.c shows it: no further than the reported bytes. */
    private static int clamped(Tvb b, Ber.Tlv h) {
        return (int) Math.max(0, Math.min(h.length, (long) b.rep - h.value));
    }

    private long integerValue(Ber.Tlv h) {
        return integerValueOf(t, h);
    }

    private static long integerValueOf(Tvb b, Ber.Tlv h) {
        int len = (int) Math.min(h.length, 9);
        b.need(h.value, len);
        return Ber.integer(b, h.value, len);
    }

    /** dissect_ber_integer64 into an FT_(U)INT32 field: "title: value" or "title: name (value)". */
    private long integer(Tvb b, Tree p, String key) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        Registry.Row r = REG.row(key);
        long len = h.length;
        if (len < 1 || len > 9 || len == 9 && b.u8(h.value) != 0) {
            b.need(h.value, (int) Math.min(len, b.rep));
            berError(b, p, "ber.error.length", "BER Error: Can't handle integer length: " + len, h.value, len);
            return 0;
        }
        b.need(h.value, (int) len);
        long v = 0;
        boolean signed = r.signed();
        for (int i = 0; i < len; i++) {
            int c = b.u8(h.value + i);
            if (i == 0 && signed && (c & 0x80) != 0) {
                v = -1;
            }
            v = v << 8 | c;
        }
        long shown = signed ? (int) v : v & 0xffffffffL;
        String name = REG.name(key, shown);
        String num = Long.toString(shown);
        b.at(p.field(key, r.title() + ": " + (name == null ? num : name + " (" + num + ")"), num), h.value, (int) len);
        return shown;
    }

    private Tree string(Tvb b, Tree p, String key) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        int len = clamped(b, h);
        return b.string(p, key, REG.row(key).title(), h.value, len);
    }

    private Tree bytes(Tvb b, Tree p, String key) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        return bytesItem(b, p, key, h.value, clamped(b, h));
    }

    private static Tree bytesItem(Tvb b, Tree p, String key, int off, int len) {
        b.need(off, len);
        String title = REG.row(key).title();
        Tree item = b.at(p.bytes(key, title, b.s, b.base + off, len), off, len);
        return len == 0 ? item.relabel(title + ": <MISSING>") : item;
    }

    /** An FT_OID item "title: dotted (resolved)"; the arcs, or null for an invalid OID. */
    private long[] oid(Tvb b, Tree p, String key) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        int len = clamped(b, h);
        b.need(h.value, len);
        long[] a = SnmpOids.arcs(b, h.value, len);
        String title = REG.row(key).title();
        if (a == null) {
            b.at(p.field(key, title + ": " + (len == 0 ? "<MISSING>" : "[Invalid OID]"), ""), h.value, len);
            return null;
        }
        b.at(p.field(key, title + ": " + SnmpOids.label(a), SnmpOids.dotted(a, 0)), h.value, len);
        return a;
    }

    /** An SnmpEngineID: the bytes item and, when not empty, dissect_snmp_engineid's parts under it. */
    private void engineId(Tvb b, Tree p, String key) {
        Tree item = bytes(b, p, key);
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        int len = clamped(b, h);
        if (len > 0) {
            SnmpEngineId.dissect(b, item, h.value, len);
        }
    }
}
