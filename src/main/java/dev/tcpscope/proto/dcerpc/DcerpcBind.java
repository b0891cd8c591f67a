package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.Tree;

/**
 * dissect_dcerpc_cn_bind and dissect_dcerpc_cn_bind_ack (Wireshark 4.0.17): the context items of
 * a Bind or Alter_context, each binding its context id to an abstract syntax on the first pass,
 * and the results of a Bind_ack or Alter_context_resp; Info lists them.
 */
final class DcerpcBind {
    /** [MS-RPCE] 3.3.1.5.3: a transfer syntax that starts so is the Bind Time Feature Negotiation. */
    private static final String BTFN = "6cb71c2c-9812-4540-";

    private final DcerpcWalk w;
    private final Pdu p;
    private final Tree top;

    DcerpcBind(DcerpcWalk w, Pdu p, Tree top) {
        this.w = w;
        this.p = p;
        this.top = top;
    }

    private Tree at(Tree t, int off, int len) {
        return p.b.at(t, off, Math.max(0, Math.min(len, p.b.cap - off)));
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        return at(t.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private void info(String s) {
        if (w.observer != null) {
            w.observer.ctx().columns.appendInfo(s);
        }
    }

    void bind(int off) {
        uint(top, "dcerpc.cn_max_xmit", "Max Xmit Frag", off, 2, p.u16(off));
        uint(top, "dcerpc.cn_max_recv", "Max Recv Frag", off + 2, 2, p.u16(off + 2));
        long group = p.u32(off + 4);
        at(top.field("dcerpc.cn_assoc_group", "Assoc Group: " + String.format("0x%08x", group), String.format("0x%08x", group)), off + 4, 4);
        int n = p.u8(off + 8);
        uint(top, "dcerpc.cn_num_ctx_items", "Num Ctx Items", off + 8, 1, n);
        off += 12;
        info(", " + n + " context items:");
        for (int i = 0; i < n; i++) {
            off = ctxItem(i, off);
        }
        w.auth(off);
    }

    /*
     * bind is cut in three (ctxItem, transferSyntax): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 17 MB to compile with C1, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The {@code i}th context item at {@code off}; returns the offset after it. */
    private int ctxItem(int i, int off) {
        int start = off;
        int ctxId = p.u16(off);
        w.ctxSeen = ctxId;
        int nTrans = p.u8(off + 2);
        String ifId = p.uuid(off + 4);
        String ifName = DcerpcNames.uuidName(ifId);
        int ver, minor;
        if (p.le) {
            ver = p.u16(off + 20);
            minor = p.u16(off + 22);
        } else {
            minor = p.u16(off + 20);
            ver = p.u16(off + 22);
        }
        // the item's text is only known after its transfer syntaxes: read them first
        StringBuilder ctxLabel = new StringBuilder("Ctx Item[" + (i + 1) + "]: Context ID:" + ctxId + ", "
                + (ifName != null ? ifName : ifId));
        int t = off + 24;
        String trans = "00000000-0000-0000-0000-000000000000";
        for (int j = 0; j < nTrans; j++) {
            trans = p.uuid(t);
            String tn = DcerpcNames.uuidName(trans);
            ctxLabel.append(", ").append(trans.startsWith(BTFN) ? "Bind Time Feature Negotiation" : tn != null ? tn : trans);
            p.u32(t + 16);
            t += 20;
        }
        Tree ct = at(top.none("dcerpc.cn_ctx_item", ctxLabel.toString()), start, t - start);
        uint(ct, "dcerpc.cn_ctx_id", "Context ID", off, 2, ctxId);
        uint(ct, "dcerpc.cn_num_trans_items", "Num Trans Items", off + 2, 1, nTrans);
        Tree as = at(ct.none("dcerpc.cn_bind_abstract_syntax", "Abstract Syntax: " + (ifName != null ? ifName : ifId)
                + " V" + ver + "." + minor), off + 4, 20);
        at(as.field("dcerpc.cn_bind_to_uuid", ifName != null ? "Interface: " + ifName + " UUID: " + ifId
                : "Interface UUID: " + ifId, ifId), off + 4, 16);
        if (p.le) {
            uint(as, "dcerpc.cn_bind_if_ver", "Interface Ver", off + 20, 2, ver);
            uint(as, "dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor", off + 22, 2, minor);
        } else {
            uint(as, "dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor", off + 20, 2, minor);
            uint(as, "dcerpc.cn_bind_if_ver", "Interface Ver", off + 22, 2, ver);
        }
        t = off + 24;
        for (int j = 0; j < nTrans; j++) {
            transferSyntax(ct, j, t);
            t += 20;
        }
        if (w.observer != null) {
            w.observer.ss().binds.put(ctxId, new Dcerpc.Bind(ifId, ver, trans));
        }
        info((i > 0 ? "," : "") + " " + DcerpcNames.resolve(ifId) + " V" + ver + "." + minor + " ("
                + DcerpcNames.resolve(trans) + ")");
        return t;
    }

    /** The {@code j}th transfer syntax of a context item, 20 bytes at {@code t}. */
    private void transferSyntax(Tree ct, int j, int t) {
        String tr = p.uuid(t);
        String tn = DcerpcNames.uuidName(tr);
        long tv = p.u32(t + 16);
        boolean btfn = tr.startsWith(BTFN);
        String shown = btfn ? "Bind Time Feature Negotiation" : tn != null ? tn : tr;
        Tree ts = at(ct.none("dcerpc.cn_bind_trans", "Transfer Syntax[" + (j + 1) + "]: " + shown + " V" + tv), t, 20);
        at(ts.field("dcerpc.cn_bind_trans_id", btfn ? "Transfer Syntax: Bind Time Feature Negotiation UUID:" + tr
                : tn != null ? "Transfer Syntax: " + tn + " UUID:" + tr : "Transfer Syntax: " + tr, tr), t, 16);
        if (btfn) {
            btfn(ts, t + 8);
        }
        uint(ts, "dcerpc.cn_bind_trans_ver", "ver", t + 16, 4, tv);
    }

    /** The Bind Time Features bitmask (read little-endian, as packet-dcerpc.c does). */
    private void btfn(Tree t, int off) {
        p.b.need(off, 2);
        int v = p.b.u8(off) | p.b.u8(off + 1) << 8;
        StringBuilder label = new StringBuilder("Bind Time Features: " + String.format("0x%04x", v));
        if ((v & 1) != 0) {
            label.append(", Security Context Multiplexing Supported");
        }
        if ((v & 2) != 0) {
            label.append(", Keep Connection On Orphan Supported");
        }
        Tree b = at(t.field("dcerpc.cn_bind_trans_btfn", label.toString(), String.format("0x%04x", v)), off, 2);
        at(b.field("dcerpc.cn_bind_trans_btfn.01", dev.tcpscope.proto.Text.bits(v, 1, 16)
                + " = Security Context Multiplexing Supported: " + ((v & 1) != 0 ? "True" : "False"), (v & 1) != 0 ? "1" : "0"), off, 2).bitmask(1);
        at(b.field("dcerpc.cn_bind_trans_btfn.02", dev.tcpscope.proto.Text.bits(v, 2, 16)
                + " = Keep Connection On Orphan Supported: " + ((v & 2) != 0 ? "True" : "False"), (v & 2) != 0 ? "1" : "0"), off, 2).bitmask(2);
    }

    void bindAck(int off) {
        int xmit = p.u16(off), recv = p.u16(off + 2);
        uint(top, "dcerpc.cn_max_xmit", "Max Xmit Frag", off, 2, xmit);
        uint(top, "dcerpc.cn_max_recv", "Max Recv Frag", off + 2, 2, recv);
        long group = p.u32(off + 4);
        at(top.field("dcerpc.cn_assoc_group", "Assoc Group: " + String.format("0x%08x", group), String.format("0x%08x", group)), off + 4, 4);
        int secLen = p.u16(off + 8);
        uint(top, "dcerpc.cn_sec_addr_len", "Scndry Addr len", off + 8, 2, secLen);
        off += 10;
        if (secLen != 0) {
            p.b.need(off, secLen);
            int n = 0;
            while (n < secLen && p.b.u8(off + n) != 0) {
                n++;
            }
            String addr = dev.tcpscope.proto.Text.latin1(p.b.s, p.b.base + off, n);
            at(top.string("dcerpc.cn_sec_addr", "Scndry Addr", addr), off, secLen);
            off += secLen;
        }
        if (off % 4 != 0) {
            off += 4 - off % 4;
        }
        int n = p.u8(off);
        uint(top, "dcerpc.cn_num_results", "Num results", off, 1, n);
        off += 4;
        info(", max_xmit: " + xmit + " max_recv: " + recv + ", " + n + " results:");
        for (int i = 0; i < n; i++) {
            ackResult(i, off);
            off += 24;
        }
        w.auth(off);
    }

    /*
     * bindAck is cut in two (ackResult): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 10.3 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The {@code i}th context item's result, 24 bytes at {@code off}. */
    private void ackResult(int i, int off) {
        int result = p.u16(off);
        String rs = DcerpcNames.result(result);
        if (rs == null) {
            rs = "Unknown result (" + result + ")";
        }
        String tr = p.uuid(off + 4);
        String tn = DcerpcNames.uuidName(tr);
        Tree ct = at(top.text("Ctx Item[" + (i + 1) + "]: " + rs + ", " + (tn != null ? tn : tr)), off, 24);
        at(ct.field("dcerpc.cn_ack_result", "Ack result: " + rs + " (" + result + ")", Integer.toString(result)), off, 2);
        if (result == 3) {
            btfn(ct, off + 2);
        } else if (result != 0) {
            int reason = p.u16(off + 2);
            String r = DcerpcNames.providerReason(reason);
            at(ct.field("dcerpc.cn_ack_reason", "Ack reason: " + (r != null ? r : "Unknown") + " (" + reason + ")",
                    Integer.toString(reason)), off + 2, 2);
        }
        at(ct.field("dcerpc.cn_ack_trans_id", "Transfer Syntax: " + (tn != null ? tn : tr), tr), off + 4, 16);
        uint(ct, "dcerpc.cn_ack_trans_ver", "Syntax ver", off + 20, 4, p.u32(off + 20));
        info((i > 0 ? "," : "") + " " + rs);
    }
}
