package dev.tcpscope.proto.ppp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.Ppp;

/**
 * PPP over Ethernet (RFC 2516) as packet-pppoe.c shows it with default preferences: the Session
 * stage's header (and a Credits tag, RFC 4938) before the PPP frame, with its check of the
 * payload length; the Discovery stage's header and tags, the AC-Name in Info. One walk makes the
 * columns, the tree and the fields. Vendor-specific tags are shown undissected (the DSL Forum's
 * sub-tags are not walked) and a Metrics tag as its bytes. A Session frame's Credits tag is
 * always read: tshark reads it only when it builds a tree, so its packet list without one
 * hands PPP the tag's bytes.
 */
public final class Pppoe {
    private Pppoe() { }

    /** packet-pppoe.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry PPPOE = Registry.loadNamed(Pppoe.class, "pppoe");
    static final Registry PPPOES = Registry.loadNamed(Pppoe.class, "pppoes");
    static final Registry PPPOED = Registry.loadNamed(Pppoe.class, "pppoed");

    private static final int PPP_LCP = 0xc021;
    private static final int PPP_IPCP = 0x8021;

    /**
     * The Session stage's header in {@code t} (the rest of the Ethernet payload): sets the
     * columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop session(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("PPPoES");
        info.setLength(0);
        try {
            info.append(codeName(t.u8(1)));
            int length = t.u16(4);
            Tree p = t.at(root.protocol("pppoes", "PPP-over-Ethernet Session"), 0, Ppp.PPPOE_HEADER_LENGTH);
            Tree lengthItem = header(t, p);
            if (t.u16(6) == Ppp.TAG_CREDITS) {
                int tl = t.u16(8);
                Tree tags = t.at(p.none("pppoes.tags", "PPPoE Tags"), 6, 8);
                if (tl == 4) {
                    uint(t, tags, PPPOES, "pppoes.tags.credits.fcn", 10, 2);
                    uint(t, tags, PPPOES, "pppoes.tags.credits.bcn", 12, 2);
                } else {
                    t.need(10, tl);
                    t.at(tags.bytes("pppoed.tags.credits", "Credits", t.s, t.base + 10, tl), 10, tl);
                }
            }
            // packet-pppoe.c: a frame long enough to need no Ethernet padding should carry just
            // the payload (or 4 bytes more, an FCS); LCP and IPCP are let off
            int actual = t.rep - Ppp.PPPOE_HEADER_LENGTH;
            if (t.rep > 46) {
                int cp = t.u16(6);
                if (cp != PPP_LCP && cp != PPP_IPCP && length != actual && length + 4 != actual) {
                    lengthItem.relabel("Payload Length: " + length + " [incorrect, should be " + actual + "]");
                    lengthItem.expert("pppoe.payload_length.bad", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                            "Possible bad payload length " + length + " != " + actual);
                }
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** The Discovery stage in {@code t}: header and tags, the columns and the tree. */
    public static Tvb.Stop discovery(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("PPPoED");
        info.setLength(0);
        try {
            info.append(codeName(t.u8(1)));
            int length = t.u16(4);
            Tree p = t.at(root.protocol("pppoed", "PPP-over-Ethernet Discovery"), 0, Ppp.PPPOE_HEADER_LENGTH + length);
            header(t, p);
            if (length > 0) {
                tags(t, p, info, Ppp.PPPOE_HEADER_LENGTH + length);
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** Version, type, code, session ID and payload length; returns the payload length's item. */
    private static Tree header(Tvb t, Tree p) {
        uint(t, p, PPPOE, "pppoe.version", 0, 1);
        uint(t, p, PPPOE, "pppoe.type", 0, 1);
        PPPOE.integerItem(t, p, PPPOE.row("pppoe.code"), 1, 1, (v, n) -> codeName((int) v) + " (" + n + ")");
        uint(t, p, PPPOE, "pppoe.session_id", 2, 2);
        return uint(t, p, PPPOE, "pppoe.payload_length", 4, 2);
    }

    /** The tags from offset 6 to {@code end} (the header's length plus its payload length). */
    private static void tags(Tvb t, Tree p, StringBuilder info, int end) {
        Tree tags = t.at(p.none("pppoed.tags", "PPPoE Tags"), 6, end - 6);
        for (int at = 6; at <= end - 2; ) {
            int tag = t.u16(at);
            int tl = t.u16(at + 2);
            int v = at + 4;
            switch (tag) {
                case 0x0101 -> {
                    if (tl > 0) {
                        t.string(tags, "pppoed.tags.service_name", "Service-Name", v, tl);
                    }
                }
                case 0x0102 -> {
                    t.string(tags, "pppoed.tags.ac_name", "AC-Name", v, tl);
                    info.append(" AC-Name='").append(Text.ascii(t.s, t.base + v, tl)).append('\'');
                }
                case 0x0103 -> bytes(t, tags, "pppoed.tags.host_uniq", "Host-Uniq", v, tl);
                case 0x0104 -> bytes(t, tags, "pppoed.tags.ac_cookie", "AC-Cookie", v, tl);
                case 0x0105 -> {
                    if (tl >= 4) {
                        uint(t, tags, PPPOED, "pppoed.tags.vendor_id", v, 4);
                    }
                    if (tl > 4) {
                        bytes(t, tags, "pppoed.tags.vendor_unspecified", "Vendor unspecified", v + 4, tl - 4);
                    }
                }
                case Ppp.TAG_CREDITS -> {
                    if (tl == 4) {
                        uint(t, tags, PPPOED, "pppoed.tags.credits.fcn", v, 2);
                        uint(t, tags, PPPOED, "pppoed.tags.credits.bcn", v + 2, 2);
                    } else {
                        bytes(t, tags, "pppoed.tags.credits", "Credits", v, tl);
                    }
                }
                case 0x0107 -> bytes(t, tags, "pppoed.tags.metrics", "Metrics", v, tl);
                case 0x0108 -> twoBytes(t, tags, "pppoed.tags.seq_num", "Sequence Number", v, tl);
                case 0x0109 -> twoBytes(t, tags, "pppoed.tags.credit_scale", "Credit Scale Factor", v, tl);
                case 0x0110 -> bytes(t, tags, "pppoed.tags.relay_session_id", "Relay-Session-Id", v, tl);
                case 0x0111 -> bytes(t, tags, "pppoed.tags.hurl", "HURL", v, tl);
                case 0x0112 -> bytes(t, tags, "pppoed.tags.motm", "MOTM", v, tl);
                case 0x0120 -> bytes(t, tags, "pppoed.tags.max_payload", "PPP-Max-Payload", v, tl);
                case 0x0121 -> bytes(t, tags, "pppoed.tags.ip_route_add", "IP Route Add", v, tl);
                case 0x0201 -> t.string(tags, "pppoed.tags.service_name_error", "Service-Name-Error", v, tl);
                case 0x0202 -> t.string(tags, "pppoed.tags.ac_system_error", "AC-System-Error", v, tl);
                case 0x0203 -> t.string(tags, "pppoed.tags.generic_error", "Generic-Error", v, tl);
                case 0x0000 -> {
                    return; // End-Of-List
                }
                default -> {
                    if (tl > 0) {
                        PPPOED.integerItem(t, tags, PPPOED.row("pppoed.tag"), at, 2,
                                (val, n) -> PPPOED.name("pppoed.tag", val) + " (" + n + ")");
                        uint(t, tags, PPPOED, "pppoed.tag_length", at + 2, 2);
                        // packet-pppoe.c shows the unknown tag's data from its length field on
                        bytes(t, tags, "pppoed.tag.unknown_data", "Unknown Data", at + 2, tl);
                    }
                }
            }
            at += 4 + tl;
        }
    }

    /** A two-byte tag: its value, or packet-pppoe.c's "Wrong length" text and expert item. */
    private static void twoBytes(Tvb t, Tree tags, String key, String title, int v, int tl) {
        if (tl == 2) {
            uint(t, tags, PPPOED, key, v, 2);
        } else {
            t.need(v, tl);
            t.at(tags.text(title + " tag: Wrong length: " + tl + " (expected 2)"), v, tl)
                    .expert("pppoed.tag_length.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                            title + " tag: Wrong length: " + tl + " (expected 2)");
        }
    }

    private static Tree uint(Tvb t, Tree parent, Registry r, String key, int off, int len) {
        return r.integerItem(t, parent, r.row(key), off, len, (v, n) -> n);
    }

    private static void bytes(Tvb t, Tree parent, String key, String title, int off, int len) {
        t.need(off, len);
        t.at(parent.bytes(key, title, t.s, t.base + off, len), off, len);
    }

    /** packet-pppoe.c's name of a code, or "Unknown". */
    static String codeName(int code) {
        String n = Ppp.codeName(code);
        return n != null ? n : "Unknown";
    }
}
