package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ntlmssp.GssApi;
import dev.tcpscope.proto.ntlmssp.Ntlmssp;
import dev.tcpscope.tcp.PduContext;

import java.util.function.Consumer;

/**
 * One PDU as packet-dcerpc.c's dissect_dcerpc_cn walks it (Wireshark 4.0.17): the common
 * header, then by packet type the bind / bind_ack / bind_nak / request / response / fault body
 * and the auth trailer. On the first pass ({@link #observer} set, tree {@link Tree#NOTHING}) it
 * also keeps the conversation's binds and calls, puts fragments together and writes the
 * columns; later walks build the tree from what the first decided ({@link Pdu}).
 */
final class DcerpcWalk {
    /** The first pass's state: the conversation, the frame's context (its columns), the dissector. */
    record Observer(Dcerpc.Session ss, PduContext ctx, Dcerpc d) { }

    Observer observer;
    /** The context id this PDU leaves in decode_data->dcectxid, or -1. */
    int ctxSeen = -1;

    private final Pdu p;
    private final Tree root;
    private final Consumer<String> protocols;
    private Tree top;

    DcerpcWalk(Pdu p, Tree root, Consumer<String> protocols) {
        this.p = p;
        this.root = root;
        this.protocols = protocols;
    }

    LayerTree.End walk() {
        try {
            pdu();
            return LayerTree.End.OK;
        } catch (Tvb.Stop stop) {
            return stop.end();
        }
    }

    private void info(String s) {
        if (observer != null) {
            observer.ctx().columns.appendInfo(s);
        }
    }

    private Tree at(Tree t, int off, int len) {
        return p.b.at(t, off, Math.max(0, Math.min(len, p.b.cap - off)));
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        return at(t.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private Tree named(Tree t, String key, String name, int off, int len, long v, String vname, String unknown) {
        String n = vname != null ? vname : unknown;
        return at(t.field(key, name + ": " + n + " (" + v + ")", Long.toString(v)), off, len);
    }

    private String topLabel() {
        StringBuilder sb = new StringBuilder("Distributed Computing Environment / Remote Procedure Call (DCE/RPC) ");
        sb.append(DcerpcNames.ptype(p.ptype)).append(", Fragment: ").append(DcerpcNames.fragment(p.flags))
                .append(", FragLen: ").append(p.fragLen).append(", Call: ").append(p.callId);
        if (p.ptype == DcerpcNames.REQUEST || p.ptype == DcerpcNames.RESPONSE) {
            if (p.ctxId >= 0) {
                sb.append(", Ctx: ").append(p.ctxId);
            }
        }
        if (p.responseIn != 0) {
            sb.append(", [Resp: #").append(p.responseIn).append(']');
        }
        if (p.requestIn != 0) {
            sb.append(", [Req: #").append(p.requestIn).append(']');
        }
        if (p.reassembledIn != 0) {
            sb.append(", [Reas: #").append(p.reassembledIn).append(']');
        }
        return sb.toString();
    }

    /** Whether this is the frame's first PDU: tcp_dissect_pdus's later calls add no "dcerpc" layer. */
    boolean firstOfFrame = true;

    private void pdu() {
        if (firstOfFrame) {
            protocols.accept("dcerpc");
        }
        Pdu q = p;
        if (observer != null) {
            // ctx id and opnum are read ahead so that the top item's text is known when it is added
            if ((q.ptype == DcerpcNames.REQUEST || q.ptype == DcerpcNames.RESPONSE) && q.b.cap >= 22) {
                q.ctxId = q.u16(20);
            }
        }
        top = at(root.protocol("dcerpc", topLabel()), 0, q.fragLen);
        uint(top, "dcerpc.ver", "Version", 0, 1, q.b.u8(0));
        uint(top, "dcerpc.ver_minor", "Version (minor)", 1, 1, q.b.u8(1));
        Tree pt = named(top, "dcerpc.pkt_type", "Packet type", 2, 1, q.ptype, DcerpcNames.ptype(q.ptype), "Unknown");
        if (q.ptype == DcerpcNames.BIND_NAK) {
            pt.expert("dcerpc.bind_not_acknowledged", Tree.Severity.WARNING, Tree.Group.SEQUENCE, "Bind not acknowledged");
        }
        flags(q.flags);
        drep();
        uint(top, "dcerpc.cn_frag_len", "Frag Length", 8, 2, q.fragLen);
        uint(top, "dcerpc.cn_auth_len", "Auth Length", 10, 2, q.authLen);
        uint(top, "dcerpc.cn_call_id", "Call ID", 12, 4, q.callId);
        // a later PDU's "Multiple DCE/RPC fragments/PDU's in one packet" has no item (expert_add_info on NULL)
        int off = HEADER;
        switch (q.ptype) {
            case DcerpcNames.BIND, DcerpcNames.ALTER -> new DcerpcBind(this, q, top).bind(off);
            case DcerpcNames.BIND_ACK, DcerpcNames.ALTER_ACK -> new DcerpcBind(this, q, top).bindAck(off);
            case DcerpcNames.BIND_NAK -> {
                int reason = q.u16(off);
                if (observer != null) {
                    String r = DcerpcNames.rejectReason(reason);
                    info(" reason: " + (r != null ? r : "Unknown (" + reason + ")"));
                }
                named(top, "dcerpc.cn_reject_reason", "Reject reason", off, 2, reason, DcerpcNames.rejectReason(reason), "Unknown");
                if (reason == 4) {
                    int n = q.u8(off + 2);
                    uint(top, "dcerpc.cn_num_protocols", "Number of protocols", off + 2, 1, n);
                    for (int i = 0; i < n; i++) {
                        uint(top, "dcerpc.cn_protocol_ver_major", "Protocol major version", off + 3 + 2 * i, 1, q.u8(off + 3 + 2 * i));
                        uint(top, "dcerpc.cn_protocol_ver_minor", "Protocol minor version", off + 4 + 2 * i, 1, q.u8(off + 4 + 2 * i));
                    }
                }
            }
            case DcerpcNames.REQUEST, DcerpcNames.RESPONSE -> new DcerpcCall(this, q, top, root, protocols).call(off);
            case DcerpcNames.FAULT -> new DcerpcCall(this, q, top, root, protocols).fault(off);
            case DcerpcNames.SHUTDOWN, DcerpcNames.RTS -> { }
            default -> auth(off);
        }
    }

    static final int HEADER = Dcerpc.HEADER;

    private static final String[] FLAG_NAMES = {"Object", "Maybe", "Did Not Execute", "Multiplex", "Reserved",
        "Cancel Pending", "Last Frag", "First Frag"};
    private static final String[] FLAG_KEYS = {"object", "maybe", "dne", "mpx", "reserved", "cancel_pending",
        "last_frag", "first_frag"};

    private void flags(int f) {
        Tree ft = at(top.field("dcerpc.cn_flags", "Packet Flags: " + String.format("0x%02x", f), String.format("0x%02x", f)), 3, 1);
        for (int i = 0; i < 8; i++) {
            int mask = 0x80 >> i;
            boolean on = (f & mask) != 0;
            at(ft.field("dcerpc.cn_flags." + FLAG_KEYS[i], Text.bits(f, mask, 8) + " = " + FLAG_NAMES[i] + ": "
                    + (on ? "Set" : "Not set"), on ? "1" : "0"), 3, 1).bitmask(mask);
        }
    }

    private void drep() {
        int d0 = p.b.u8(4), d1 = p.b.u8(5), d2 = p.b.u8(6), d3 = p.b.u8(7);
        String order = (d0 >> 4) == 1 ? "Little-endian" : (d0 >> 4) == 0 ? "Big-endian" : "Unknown (" + (d0 >> 4) + ")";
        String chr = (d0 & 0x0f) == 0 ? "ASCII" : (d0 & 0x0f) == 1 ? "EBCDIC" : "Unknown (" + (d0 & 0x0f) + ")";
        String fp = switch (d1) {
            case 0 -> "IEEE";
            case 1 -> "VAX";
            case 2 -> "Cray";
            case 3 -> "IBM";
            default -> "Unknown (" + d1 + ")";
        };
        String hex = String.format("%02x%02x%02x%02x", d0, d1, d2, d3);
        Tree dt = at(top.bytes("dcerpc.drep", "Data Representation", p.b.s, p.b.base + 4, 4)
                .relabel("Data Representation: " + hex + " (Order: " + order + ", Char: " + chr + ", Float: " + fp + ")"), 4, 4);
        named(dt, "dcerpc.drep.byteorder", "Byte order", 4, 1, d0 >> 4, order.startsWith("Unknown") ? null : order, "Unknown");
        named(dt, "dcerpc.drep.character", "Character", 4, 1, d0 & 0x0f, chr.startsWith("Unknown") ? null : chr, "Unknown");
        named(dt, "dcerpc.drep.fp", "Floating-point", 5, 1, d1, fp.startsWith("Unknown") ? null : fp, "Unknown");
    }

    // ---- the auth trailer (dissect_dcerpc_cn_auth) -------------------------------------------

    /** What the auth trailer takes of the PDU: its size, 0 when there is none. */
    static final class Auth {
        int size;
    }

    /**
     * dissect_dcerpc_cn_auth: when the auth length fits the frag length after {@code stubOffset},
     * the 8-byte trailer and the verifier after it (NTLMSSP's messages, SPNEGO's GSS-API token, else
     * "Auth Credentials"). Returns the trailer's size in {@link Auth#size} (0: none).
     */
    /** The trailer's size (0: none) and its type, level and pad length in the PDU, with no items yet. */
    Auth authSize(int stubOffset) {
        Auth a = new Auth();
        Pdu q = p;
        if (q.authLen == 0 || q.authLen + 8 > q.fragLen - stubOffset) {
            return a;
        }
        int off = q.fragLen - (q.authLen + 8);
        if (!(off == 0 || off - 1 < q.b.cap)) {
            return a;
        }
        a.size = q.authLen + 8;
        if (off + 8 <= q.b.cap) {
            q.authOff = off;
            q.authType = q.b.u8(off);
            q.authLevel = q.b.u8(off + 1);
            q.authPad = q.b.u8(off + 2);
        }
        return a;
    }

    /** dissect_dcerpc_cn_auth_move: a hidden empty "Auth Info" item, then the trailer's item after it. */
    Auth authMoved(int stubOffset) {
        if (authSize(stubOffset).size > 0) {
            // added over the verifier's bytes with no length (auth_tvb, 0, 0)
            Tree h = top.none("dcerpc.auth_info", "Auth Info").hide();
            if (p.authOff >= 0) {
                h.at(p.b.s, p.b.base + p.authOff + 8, 0);
            }
        }
        return auth(stubOffset);
    }

    Auth auth(int stubOffset) {
        Auth a = new Auth();
        Pdu q = p;
        if (q.authLen == 0 || q.authLen + 8 > q.fragLen - stubOffset) {
            return a;
        }
        int off = q.fragLen - (q.authLen + 8);
        if (!(off == 0 || off - 1 < q.b.cap)) {
            return a;
        }
        a.size = q.authLen + 8;
        if (observer == null && q.authOff < 0) {
            return a;
        }
        q.authOff = off;
        Tree t = Tree.NOTHING;
        try {
            int type = q.u8(off), level = q.u8(off + 1), pad = q.u8(off + 2), rsv = q.u8(off + 3);
            long ctxId = q.u32(off + 4);
            q.authType = type;
            q.authLevel = level;
            q.authPad = pad;
            q.authCtx = ctxId;
            String tn = DcerpcNames.authType(type), ln = DcerpcNames.authLevel(level);
            t = at(top.none("dcerpc.auth_info", "Auth Info: " + (tn != null ? tn : "AuthType(" + type + ")") + ", "
                    + (ln != null ? ln : "AuthLevel(" + level + ")") + ", AuthContextId(" + (int) ctxId + ")"), off, a.size);
            named(t, "dcerpc.auth_type", "Auth type", off, 1, type, tn, "Unknown");
            named(t, "dcerpc.auth_level", "Auth level", off + 1, 1, level, ln, "Unknown");
            uint(t, "dcerpc.auth_pad_len", "Auth pad len", off + 2, 1, pad);
            uint(t, "dcerpc.auth_rsrvd", "Auth Rsrvd", off + 3, 1, rsv);
            uint(t, "dcerpc.auth_ctx_id", "Auth Context ID", off + 4, 4, ctxId);
            verifier(t, type, level, off + 8, q.authLen);
        } catch (Tvb.Stop stop) {
            // CATCH_BOUNDS_ERRORS: show_exception, and the PDU's dissection goes on
            Tree m = top.protocol("_ws.malformed", "[Malformed Packet: DCERPC]");
            m.expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Packet (Exception occurred)");
            if (observer != null) {
                info("[Malformed Packet]");
            }
        }
        return a;
    }

    private void verifier(Tree t, int type, int level, int off, int len) {
        Pdu q = p;
        int have = Math.max(0, Math.min(len, q.b.cap - off));
        boolean handshake = q.ptype == DcerpcNames.BIND || q.ptype == DcerpcNames.BIND_ACK || q.ptype == DcerpcNames.ALTER
                || q.ptype == DcerpcNames.ALTER_ACK || q.ptype == DcerpcNames.AUTH3;
        if (type == 10 && handshake) {
            if (observer != null) {
                StringBuilder sb = new StringBuilder();
                q.authMsg = Ntlmssp.observe(q.b.s, q.b.base + off, have, observer.ss().ntlmssp, sb);
                info(sb.toString());
            } else if (q.authMsg instanceof Ntlmssp.Message m) {
                // dissect_auth_verf calls NTLMSSP's function directly: no "ntlmssp" layer in frame.protocols
                Ntlmssp.tree(m, t, x -> { });
            }
            return;
        }
        if (type == 9 && handshake) {
            // SPNEGO: the NTLMSSP message its NegTokenInit/NegTokenResp carries writes Info
            if (observer != null) {
                StringBuilder sb = new StringBuilder();
                long[] at = dev.tcpscope.proto.ntlmssp.Spnego.ntlmssp(q.b.s, q.b.base + off, have);
                if (at != null) {
                    Ntlmssp.observe(q.b.s, at[0], (int) (at[1] - at[0]), observer.ss().ntlmssp, sb);
                }
                q.authMsg = new GssApi.Blob(q.b.s, q.b.base + off, have, null);
                info(sb.toString());
            } else if (q.authMsg instanceof GssApi.Blob g) {
                GssApi.tree(g, t, protocols);
            }
            return;
        }
        if (type == 68) {
            if (handshake) {
                SecChan.message(q.b, t, off, len);
            } else {
                SecChan.verifier(q.b, t, off, len);
            }
            return;
        }
        if (type == 10 && level != 6) {
            // dissect_ntlmssp_verf: the NTLMSSP verifier of a signed call
            Tree v = at(t.none("ntlmssp.verf", "NTLMSSP Verifier"), off, len);
            uint(v, "ntlmssp.verf.vers", "Version Number", off, 4, q.u32(off));
            at(v.bytes("ntlmssp.verf.body", "Verifier Body", q.b.s, q.b.base + off + 4, Math.max(0, Math.min(12, have - 4))), off + 4, 12);
            return;
        }
        at(t.bytes("dcerpc.auth_credentials", "Auth Credentials", q.b.s, q.b.base + off, have), off, len);
    }
}
