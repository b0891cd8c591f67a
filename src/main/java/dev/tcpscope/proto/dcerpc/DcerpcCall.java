package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * dissect_dcerpc_cn_rqst, _resp and _fault (Wireshark 4.0.17): the call's header fields, the
 * call table (a Request on a bound context starts a call by its call id, a Response or Fault
 * after it is matched to it), and dissect_dcerpc_cn_stub's handling of the stub: handed to the
 * interface's sub-dissector whole, put together from fragments, or shown as stub data.
 */
final class DcerpcCall {
    private final DcerpcWalk w;
    private final Pdu p;
    private final Tree top, root;
    private final Consumer<String> protocols;

    DcerpcCall(DcerpcWalk w, Pdu p, Tree top, Tree root, Consumer<String> protocols) {
        this.w = w;
        this.p = p;
        this.top = top;
        this.root = root;
        this.protocols = protocols;
    }

    private Tree at(Tree t, int off, int len) {
        return p.b.at(t, off, Math.max(0, Math.min(len, p.b.cap - off)));
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        return at(t.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private boolean first() {
        return w.observer != null;
    }

    private void info(String s) {
        if (first()) {
            w.observer.ctx().columns.appendInfo(s);
        }
    }

    void call(int off) {
        boolean request = p.ptype == DcerpcNames.REQUEST;
        uint(top, "dcerpc.cn_alloc_hint", "Alloc hint", off, 4, p.u32(off));
        int ctxId = p.u16(off + 4);
        p.ctxId = ctxId;
        uint(top, "dcerpc.cn_ctx_id", "Context ID", off + 4, 2, ctxId);
        w.ctxSeen = ctxId;
        off += 6;
        if (request) {
            int opnum = p.u16(off);
            p.opnum = opnum;
            uint(top, "dcerpc.opnum", "Opnum", off, 2, opnum);
            off += 2;
            info(", opnum: " + opnum + ", Ctx: " + ctxId);
            if ((p.flags & 0x80) != 0) {
                String obj = p.uuid(off);
                at(top.field("dcerpc.obj_id", "Object UUID: " + obj, obj), off, 16);
                off += 16;
            }
        } else {
            info(", Ctx: " + ctxId);
            uint(top, "dcerpc.cn_cancel_count", "Cancel count", off, 1, p.u8(off));
            off += 2;
        }
        DcerpcWalk.Auth auth = w.authSize(off);
        if (first()) {
            match(request, ctxId);
        }
        Dcerpc.Call c = p.call;
        if (c == null) {
            // proto_tree_add_expert_format: an item with the expert's text (JSON keys it by that text)
            at(top.text("No bind info for interface Context ID " + ctxId + " - capture start too late?"), off, 0)
                    .expert("dcerpc.cn_ctx_id.no_bind", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                            "No bind info for interface Context ID " + ctxId + " - capture start too late?");
            stubData(top, off, 0, true); // the whole rest of the PDU, its auth trailer included
        } else {
            if (request) {
                if (p.responseIn != 0) {
                    at(top.field("dcerpc.response_in", "Response in frame: " + p.responseIn,
                            Integer.toString(p.responseIn)).generated(), 0, 0);
                }
            } else {
                at(top.field("dcerpc.opnum", "Opnum: " + c.opnum, Integer.toString(c.opnum)).generated(), 0, 0);
                at(top.field("dcerpc.request_in", "Request in frame: " + c.reqFrame,
                        Integer.toString(c.reqFrame)).generated(), 0, 0);
                at(top.field("dcerpc.time", "Time from request: " + Text.seconds(p.delta) + " seconds",
                        Text.seconds(p.delta)).generated(), off, 0);
            }
            stub(off, auth.size, c, request);
        }
        // dissect_dcerpc_cn_auth_move: the trailer's item goes last, as on the wire
        w.authMoved(off);
    }

    /** The call tables of the first pass (dcerpc_cn_calls, dcerpc_matched). */
    private void match(boolean request, int ctxId) {
        Dcerpc.Session ss = w.observer.ss();
        var ctx = w.observer.ctx();
        long key = (long) ctx.frame << 32 | p.callId;
        Dcerpc.Call c = ss.matched.get(key);
        if (c == null) {
            if (request) {
                Dcerpc.Bind b = ss.binds.get(ctxId);
                if (b != null) {
                    if (!p.first()) {
                        c = ss.calls.get(p.callId);
                        if (c != null) {
                            ss.matched.put(key, c);
                        }
                    } else {
                        c = new Dcerpc.Call();
                        c.uuid = b.uuid();
                        c.ver = b.ver();
                        c.opnum = p.opnum;
                        c.ndr64 = DcerpcNames.NDR64.equals(b.transfer());
                        c.reqFrame = ctx.frame;
                        c.reqTime = ctx.time;
                        ss.calls.remove(p.callId);
                        ss.calls.put(p.callId, c);
                        ss.matched.put(key, c);
                    }
                }
            } else {
                Dcerpc.Call v = ss.calls.get(p.callId);
                if (v != null && v.reqFrame < ctx.frame) {
                    ss.matched.put(key, v);
                    c = v;
                    if (v.repFrame == 0) {
                        v.repFrame = ctx.frame;
                    }
                }
            }
        }
        p.call = c;
        if (c != null && !request) {
            p.requestIn = c.reqFrame;
            p.delta = ctx.time - c.reqTime;
            w.observer.d().answered(c, p.callId, ctx.frame);
        }
        if (c != null && request) {
            p.responseIn = w.observer.d().answerOf(c.reqFrame, p.callId);
        }
    }

    /** dissect_dcerpc_cn_stub. */
    private void stub(int off, int authSize, Dcerpc.Call c, boolean request) {
        int reported = p.fragLen - off;
        if (reported < 0 || reported < authSize) {
            return;
        }
        int stubLen = reported - authSize;
        boolean privacy = p.authType != 0 && p.authLevel == 6;
        // no decryption: an encrypted stub is never put together nor dissected
        if (p.notFragmented()) {
            handoff(off, stubLen, c, request, !privacy);
            return;
        }
        if (first()) {
            int frame = request ? c.reqFrame : c.repFrame;
            boolean truncated = p.b.cap < p.b.rep;
            if (!truncated && frame != 0 && !privacy) {
                Dcerpc.Session ss = w.observer.ss();
                Dcerpc.Reassembly r = ss.reassembly.get(frame);
                if (r == null) {
                    r = new Dcerpc.Reassembly();
                    ss.reassembly.put(frame, r);
                }
                if (!r.done && Dcerpc.charge(ss, stubLen)) {
                    r.frags.add(new int[] {w.observer.ctx().frame, stubLen});
                    r.data.write(p.b.s.asSlice(p.b.base + off, stubLen).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0, stubLen);
                    if (!p.last()) {
                        p.stub = Pdu.STUB_FRAGMENT;
                    } else {
                        r.done = true;
                        r.reassembledIn = w.observer.ctx().frame;
                        w.observer.d().reassembled(frame, p.callId, r.reassembledIn);
                        p.stub = Pdu.STUB_REASSEMBLED;
                        p.reassembled = r.data.toByteArray();
                        p.fragFrames = new int[r.frags.size()];
                        p.fragLens = new int[r.frags.size()];
                        for (int i = 0; i < r.frags.size(); i++) {
                            p.fragFrames[i] = r.frags.get(i)[0];
                            p.fragLens[i] = r.frags.get(i)[1];
                        }
                    }
                } else {
                    p.stub = Pdu.STUB_FRAGMENT;
                }
            } else {
                p.stub = Pdu.STUB_FRAGMENT;
            }
        }
        if (first() && p.stub == Pdu.STUB_FRAGMENT) {
            // tshark -2: a fragment of a stub the first pass put together shows where (visited frames
            // find the reassembly: fragment_get_reassembled_id)
            int in = w.observer.d().reassembledOf(request ? c.reqFrame : c.repFrame, p.callId);
            if (in != 0) {
                p.stub = Pdu.STUB_REAS_LATER;
                p.reassembledIn = in;
                info(" [DCE/RPC " + DcerpcNames.fragment(p.flags) + " fragment, reas: #" + in + "]");
            }
        }
        if (p.stub == Pdu.STUB_REAS_LATER) {
            at(top.field("dcerpc.reassembled_in", "Reassembled PDU in frame: " + p.reassembledIn,
                    Integer.toString(p.reassembledIn)).generated(), off, 0);
            return;
        }
        if (p.stub == Pdu.STUB_REASSEMBLED) {
            if (first()) {
                java.lang.foreign.MemorySegment r = java.lang.foreign.MemorySegment.ofArray(p.reassembled);
                handoffInfo(c, request, new Tvb(r, 0, p.reassembled.length, p.reassembled.length));
            } else {
                reassembledTree(c, request);
            }
            return;
        }
        // tshark's "1st/Mid fragment" expert has no item (expert_add_info on NULL): only -z expert counts it
        stubData(root, off, authSize, privacy);
    }

    /** dcerpc_try_handoff: the interface's sub-dissector, or " NAME Vn" and the stub data. */
    private void handoff(int off, int stubLen, Dcerpc.Call c, boolean request, boolean decrypted) {
        if (first()) {
            int have = Math.max(0, Math.min(stubLen, p.b.cap - off));
            handoffInfo(c, request, decrypted ? new Tvb(p.b.s, p.b.base + off, have, stubLen) : null);
        }
        DcerpcNames.Iface f = DcerpcNames.iface(c.uuid, c.ver);
        if (f == null) {
            top.hidden("dcerpc.unknown_if_id", "1").at(p.b.s, p.b.base + off, 0);
            stubData(top, off, authSizeOf(), !decrypted);
            return;
        }
        subTree(f, c, request, off, stubLen, decrypted);
    }

    private int authSizeOf() {
        return p.authOff >= 0 ? p.authLen + 8 : 0;
    }

    private void handoffInfo(Dcerpc.Call c, boolean request, Tvb stub) {
        DcerpcNames.Iface f = DcerpcNames.iface(c.uuid, c.ver);
        if (f == null) {
            info(" " + DcerpcNames.resolve(c.uuid) + " V" + c.ver);
            return;
        }
        w.observer.ctx().columns.setProtocol(f.shortName());
        String op = f.op(c.opnum);
        w.observer.ctx().columns.setInfo((op != null ? op : "Unknown operation " + c.opnum) + (request ? " request" : " response"));
        if (stub != null) {
            String more = DcerpcBody.info(f, c, request, stub, p.le, w.observer.d(), w.observer.ctx().frame);
            if (!more.isEmpty()) {
                w.observer.ctx().columns.appendInfo(more);
            }
        }
    }

    /**
     * The sub-dissector's item (dcerpc_dissect_sub... in 4.0.17): its name and operation, the
     * request or response frame, and the stub: "Encrypted stub data" when it could not be read,
     * "Stub data" for an operation the interface's table has no function for; else the operation's
     * NDR body, which tcpscope does not dissect (docs/DCERPC.md).
     */
    private void subTree(DcerpcNames.Iface f, Dcerpc.Call c, boolean request, int off, int stubLen, boolean decrypted) {
        String op = f.op(c.opnum);
        // dcerpc_try_handoff leaves the auth padding at the stub's end out of the stub it hands
        // on, and shows it after the operation's items
        int pad = decrypted && op != null && p.authOff >= 0 && p.authPad < stubLen ? p.authPad : 0;
        int body = stubLen - pad;
        if (decrypted && stubLen > 0 && op != null) {
            // dcerpc_try_handoff: the stub's tree (a verification trailer in it is not looked for)
            String n = body + (body == 1 ? " byte)" : " bytes)");
            Tree cs = at(top.text("Complete stub data (" + n), off, body);
            at(cs.none("dcerpc.payload_stub_data", "Payload stub data (" + n), off, body);
        }
        Tree t = at(root.protocol(f.filter(), f.longName() + ", " + (op != null ? op : "unknown operation " + c.opnum)), off, body);
        subItems(t, f, c, request, op, p.b.s, p.b.base + off);
        if (pad > 0) {
            int have = Math.max(0, Math.min(pad, p.b.cap - off - body));
            at(t.bytes("dcerpc.auth_padding", "Auth Padding", p.b.s, p.b.base + off + body, have), off + body, pad);
        }
        int have = Math.max(0, Math.min(stubLen, p.b.cap - off));
        if (!decrypted) {
            at(t.bytes("dcerpc.encrypted_stub_data", "Encrypted stub data", p.b.s, p.b.base + off, have), off, stubLen);
        } else if (op == null && stubLen > 0) {
            at(t.bytes("dcerpc.stub_data", "Stub data", p.b.s, p.b.base + off, have), off, stubLen);
        }
    }

    /** The operation, and the request's response or the response's request. */
    private void subItems(Tree t, DcerpcNames.Iface f, Dcerpc.Call c, boolean request, String op,
                          java.lang.foreign.MemorySegment s, long at) {
        t.field(f.filter().equals("rpc_netlogon") ? "netlogon.opnum" : f.filter() + ".opnum",
                "Operation: " + (op != null ? op + " (" + c.opnum + ")" : "Unknown operation (" + c.opnum + ")"),
                Integer.toString(c.opnum)).at(s, at, 0);
        if (!request && c.reqFrame != 0) {
            t.field("dcerpc.request_in", "Request in frame: " + c.reqFrame, Integer.toString(c.reqFrame))
                    .generated().at(s, at, 0);
        }
        if (request && p.responseIn != 0) {
            t.field("dcerpc.response_in", "Response in frame: " + p.responseIn, Integer.toString(p.responseIn))
                    .generated().at(s, at, 0);
        }
    }

    /** show_fragment_tree and the handoff of a stub put together from fragments (first pass). */
    private void reassembledTree(Dcerpc.Call c, boolean request) {
        int total = p.reassembled.length;
        StringBuilder label = new StringBuilder().append(p.fragFrames.length).append(" Reassembled DCE/RPC Fragments (")
                .append(total).append(total == 1 ? " byte): " : " bytes): ");
        for (int i = 0; i < p.fragFrames.length; i++) {
            label.append(i > 0 ? ", " : "").append('#').append(p.fragFrames[i]).append('(').append(p.fragLens[i]).append(')');
        }
        java.lang.foreign.MemorySegment r = java.lang.foreign.MemorySegment.ofArray(p.reassembled);
        Tree fr = root.none("dcerpc.fragments", label.toString()).generated().at(r, 0, total);
        for (int i = 0; i < p.fragFrames.length; i++) {
            // fragment_add_seq_next numbers the fragments: the "payload" range starts at that number
            fr.field("dcerpc.fragment", "Frame: " + p.fragFrames[i] + ", payload: " + i + "-" + (i + p.fragLens[i] - 1)
                    + " (" + p.fragLens[i] + (p.fragLens[i] == 1 ? " byte)" : " bytes)"), Integer.toString(p.fragFrames[i]))
                    .generated().at(r, i, p.fragLens[i]); // show_fragment_seq_tree places it at the number too
        }
        fr.field("dcerpc.fragment.count", "Fragment count: " + p.fragFrames.length, Integer.toString(p.fragFrames.length)).generated();
        fr.field("dcerpc.reassembled.length", "Reassembled DCE/RPC length: " + total, Integer.toString(total)).generated().at(r, 0, 0);
        fr.expert("dcerpc.fragment_reassembled", Tree.Severity.CHAT, Tree.Group.REASSEMBLE,
                DcerpcNames.fragment(p.flags) + " fragment, reassembled");
        DcerpcNames.Iface f = DcerpcNames.iface(c.uuid, c.ver);
        if (f == null) {
            top.hidden("dcerpc.unknown_if_id", "1").at(r, 0, 0);
            if (total > 0) {
                root.bytes("dcerpc.stub_data", "Stub data", r, 0, total);
            }
            return;
        }
        String op = f.op(c.opnum);
        if (total > 0 && op != null) {
            String n = total + (total == 1 ? " byte)" : " bytes)");
            Tree cs = top.text("Complete stub data (" + n).at(r, 0, total);
            cs.none("dcerpc.payload_stub_data", "Payload stub data (" + n).at(r, 0, total);
        }
        Tree t = root.protocol(f.filter(), f.longName() + ", " + (op != null ? op : "unknown operation " + c.opnum)).at(r, 0, total);
        subItems(t, f, c, request, op, r, 0);
        if (op == null && total > 0) {
            t.bytes("dcerpc.stub_data", "Stub data", r, 0, total);
        }
    }

    /** show_stub_data: the stub (encrypted or plain) and the auth padding at its end. */
    private void stubData(Tree t, int off, int authSize, boolean encrypted) {
        int length = p.fragLen - off - authSize;
        if (length <= 0) {
            return;
        }
        int pad = p.authOff >= 0 ? p.authPad : 0;
        int plain = length - pad;
        if (plain < 1) {
            plain = length;
            pad = 0;
        }
        if (p.authOff >= 0 && p.authLevel == 6) {
            if (encrypted) {
                bytes(t, "dcerpc.encrypted_stub_data", "Encrypted stub data", off, length);
                pad = 0;
            } else {
                bytes(t, "dcerpc.decrypted_stub_data", "Decrypted stub data", off, plain);
            }
        } else {
            bytes(t, "dcerpc.stub_data", "Stub data", off, plain);
        }
        if (pad != 0) {
            bytes(t, "dcerpc.auth_padding", "Auth Padding", off + plain, pad);
        }
    }

    private void bytes(Tree t, String key, String name, int off, int len) {
        int have = Math.max(0, Math.min(len, p.b.cap - off));
        if (have < len) {
            p.b.need(off, len); // proto_tree_add_item throws past the captured bytes
        }
        at(t.bytes(key, name, p.b.s, p.b.base + off, have), off, len);
    }

    void fault(int off) {
        uint(top, "dcerpc.cn_alloc_hint", "Alloc hint", off, 4, p.u32(off));
        int ctxId = p.u16(off + 4);
        p.ctxId = ctxId;
        uint(top, "dcerpc.cn_ctx_id", "Context ID", off + 4, 2, ctxId);
        uint(top, "dcerpc.cn_cancel_count", "Cancel count", off + 6, 1, p.u8(off + 6));
        int ff = p.u8(off + 7);
        Tree fl = at(top.field("dcerpc.cn_fault_flags", "Fault flags: " + String.format("0x%02x", ff), String.format("0x%02x", ff)), off + 7, 1);
        at(fl.field("dcerpc.cn_fault_flags.extended_error", Text.bits(ff, 1, 8) + " = Extended error information present: "
                + ((ff & 1) != 0 ? "True" : "False"), (ff & 1) != 0 ? "1" : "0"), off + 7, 1).bitmask(1);
        long status = p.u32(off + 8);
        String st = DcerpcNames.status(status);
        at(top.field("dcerpc.cn_status", "Status: " + st + " (" + String.format("0x%08x", status) + ")",
                String.format("0x%08x", status)), off + 8, 4)
                .expert("dcerpc.cn_status.expert", Tree.Severity.NOTE, Tree.Group.RESPONSE_CODE, "Fault: " + st);
        w.ctxSeen = ctxId;
        info(", Ctx: " + ctxId + ", status: " + st);
        p.b.need(off + 12, 4);
        at(top.bytes("dcerpc.reserved", "Reserved", p.b.s, p.b.base + off + 12, 4), off + 12, 4);
        off += 16;
        DcerpcWalk.Auth auth = w.authSize(off);
        int reported = p.fragLen - off;
        if (reported < 0 || reported < auth.size) {
            w.authMoved(off);
            return;
        }
        int stubLen = reported - auth.size;
        if (first()) {
            Dcerpc.Session ss = w.observer.ss();
            var ctx = w.observer.ctx();
            long key = (long) ctx.frame << 32 | p.callId;
            Dcerpc.Call c = ss.matched.get(key);
            if (c == null) {
                c = ss.calls.get(p.callId);
                if (c != null) {
                    ss.matched.put(key, c);
                    if (c.repFrame == 0) {
                        c.repFrame = ctx.frame;
                    }
                }
            }
            p.call = c;
            if (c != null) {
                p.requestIn = c.reqFrame;
                p.delta = ctx.time - c.reqTime;
                w.observer.d().answered(c, p.callId, ctx.frame);
            }
        }
        Dcerpc.Call c = p.call;
        if (c == null) {
            w.authMoved(off);
            return;
        }
        at(top.field("dcerpc.opnum", "Opnum: " + c.opnum, Integer.toString(c.opnum)).generated(), 0, 0);
        at(top.field("dcerpc.request_in", "Request in frame: " + c.reqFrame, Integer.toString(c.reqFrame)).generated(), 0, 0);
        at(top.field("dcerpc.time", "Time from request: " + Text.seconds(p.delta) + " seconds", Text.seconds(p.delta)).generated(), off, 0);
        Tree st2 = at(top.text("Fault stub data (" + stubLen + (stubLen == 1 ? " byte)" : " bytes)")), off, stubLen);
        if (stubLen > 0) {
            bytes(st2, p.first() ? "dcerpc.fault_stub_data" : "dcerpc.fragment_data",
                    p.first() ? "Fault stub data" : "Fragment data", off, stubLen);
        }
        w.authMoved(off);
    }
}
