package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * One RPC message as packet-rpc.c's dissect_rpc_message reads it: the record mark, the header of
 * a call (program, version, procedure, credentials, verifier) or a reply (reply, accept and
 * reject states), then the program's protocol item with its walker's items. It fills
 * {@link Program.Out} with the Info text; the same walk builds the tree when given one.
 */
final class RpcWalk {
    private static final String[] FLAVORS = {"AUTH_NULL", "AUTH_UNIX", "AUTH_SHORT", "AUTH_DES", "AUTH_RSA/Gluster", null, "RPCSEC_GSS"};
    private static final String[] ACCEPT = {"RPC executed successfully", "remote hasn't exported program",
        "remote can't support version #", "program can't support procedure", "procedure can't decode params",
        "system errors like memory allocation failure"};

    private final Tvb b;
    private final long mark;
    private final Rpc.Call call;
    private final boolean isCall;
    private final int replyIn;
    /** The frame of the call this one repeats, or of the reply this one repeats; 0 when none. */
    private final int duplicateOf;
    private final long time;
    private final Program.Out out;

    RpcWalk(Tvb b, long mark, Rpc.Call call, boolean isCall, int replyIn, int duplicateOf, long time, Program.Out out) {
        this.b = b;
        this.mark = mark;
        this.call = call;
        this.isCall = isCall;
        this.replyIn = replyIn;
        this.duplicateOf = duplicateOf;
        this.time = time;
        this.out = out;
        out.call = call;
    }

    static String flavor(long f) {
        String n = f >= 0 && f < FLAVORS.length ? FLAVORS[(int) f] : null;
        if (f == 390003) {
            n = "RPCSEC_GSS_KRB5";
        } else if (f == 390004) {
            n = "RPCSEC_GSS_KRB5I";
        } else if (f == 390005) {
            n = "RPCSEC_GSS_KRB5P";
        }
        return (n != null ? n : "Unknown") + " (" + f + ")";
    }

    void walk(Tree root, Consumer<String> protocols) {
        Program prog = Programs.get(call.prog);
        String procName = prog.procName(call.vers, call.proc);
        String type = isCall ? "Call" : "Reply";
        if (duplicateOf != 0) {
            out.info.append(isCall ? "[RPC retransmission of #" : "[RPC duplicate of #").append(duplicateOf).append(']');
        }
        out.info.append('V').append(call.vers).append(' ').append(procName).append(' ').append(type);
        if (isCall && replyIn != 0) {
            out.info.append(" (Reply In ").append(replyIn).append(')');
        } else if (!isCall) {
            out.info.append(" (Call In ").append(call.frame).append(')');
        }
        long xid = call.xid;
        // over TCP the item covers the record mark too
        Tree r = root.protocol("rpc", "Remote Procedure Call, Type:" + type + " XID:" + Xdr.hex8(xid))
                .at(b.s, b.base - (mark >= 0 ? 4 : 0), b.cap + (mark >= 0 ? 4 : 0));
        if (mark >= 0) {
            fragmentHeader(r);
        }
        b.at(r.field("rpc.xid", "XID: " + Xdr.hex8(xid) + " (" + xid + ")", Xdr.hex8(xid)), 0, 4);
        b.at(r.field("rpc.msgtyp", "Message Type: " + type + " (" + (isCall ? 0 : 1) + ")", isCall ? "0" : "1"), 4, 4);
        Xdr x = new Xdr(b, 8);
        boolean body;
        if (isCall) {
            callFields(x, r, prog, procName);
            body = true;
        } else {
            body = replyFields(x, r, prog, procName);
        }
        r.length(x.off + (mark >= 0 ? 4 : 0));
        if (!body) {
            if (x.off < b.cap) {
                Items.data(r, b.s, b.base + x.off, b.cap - x.off, protocols);
            }
            return;
        }
        program(root, x, prog, procName, protocols);
    }

    /*
     * walk is cut into pieces (fragmentHeader, callFields, replyFields, program): each label's
     * string concatenation is a call site that C1 inlines whole, and the method in one piece took
     * 16 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The record mark over TCP: last fragment, length. */
    private void fragmentHeader(Tree r) {
        long fraglen = mark & 0x7fffffffL;
        boolean last = (mark & 0x80000000L) != 0;
        Tree h = r.text("Fragment header: " + (last ? "Last fragment, " : "") + fraglen + (fraglen == 1 ? " byte" : " bytes"))
                .at(b.s, b.base - 4, 4);
        h.field("rpc.lastfrag", Text.bits((int) mark, 0x80000000, 32) + " = Last Fragment: " + (last ? "Yes" : "No"), last ? "1" : "0")
                .bitmask(0x80000000L).at(b.s, b.base - 4, 4);
        h.field("rpc.fraglen", Text.bits((int) mark, 0x7fffffff, 32) + " = Fragment Length: " + fraglen, Long.toString(fraglen))
                .bitmask(0x7fffffffL).at(b.s, b.base - 4, 4);
    }

    /** A call's header fields after the message type. */
    private void callFields(Xdr x, Tree r, Program prog, String procName) {
        x.uint(r, "rpc.version", "RPC Version");
        x.uint(r, "rpc.program", v -> "Program: " + prog.shortName + " (" + v + ")");
        x.uint(r, "rpc.programversion", "Program Version");
        x.uint(r, "rpc.procedure", v -> "Procedure: " + procName + " (" + v + ")");
        if (duplicateOf != 0) {
            long at = b.base - (mark >= 0 ? 4 : 0); // packet-rpc.c adds them at the message's start, no bytes
            r.none("rpc.dup", "Duplicate Call/Reply").at(b.s, at, 0);
            r.field("rpc.call.dup", "Duplicate to the call in: " + duplicateOf, Integer.toString(duplicateOf)).at(b.s, at, 0);
        }
        if (replyIn != 0) {
            r.field("rpc.reqframe", "The reply to this request is in frame " + replyIn, Integer.toString(replyIn)).generated();
        }
        auth(x, r, "Credentials", true);
        auth(x, r, "Verifier", false);
    }

    /** A reply's header fields after the message type; whether the procedure's results follow. */
    private boolean replyFields(Xdr x, Tree r, Program prog, String procName) {
        r.field("rpc.program", "Program: " + prog.shortName + " (" + call.prog + ")", Long.toString(call.prog)).generated();
        r.field("rpc.programversion", "Program Version: " + call.vers, Long.toString(call.vers)).generated();
        r.field("rpc.procedure", "Procedure: " + procName + " (" + call.proc + ")", Long.toString(call.proc)).generated();
        long state = x.uint(r, "rpc.replystat", v -> "Reply State: " + (v == 0 ? "accepted" : v == 1 ? "denied" : "Unknown") + " (" + v + ")");
        r.field("rpc.repframe", "This is a reply to a request in frame " + call.frame, Integer.toString(call.frame)).generated();
        String delta = Text.seconds(time - call.time);
        r.field("rpc.time", "Time from request: " + delta + " seconds", delta).generated().at(b.s, b.base + x.off, 0);
        if (duplicateOf != 0) {
            long at = b.base - (mark >= 0 ? 4 : 0);
            r.none("rpc.dup", "Duplicate Call/Reply").generated().at(b.s, at, 0);
            r.field("rpc.reply.dup", "Duplicate to the reply in: " + duplicateOf, Integer.toString(duplicateOf)).generated()
                    .at(b.s, at, 0);
        }
        boolean body = false;
        if (state == 0) {
            auth(x, r, "Verifier", false);
            long accept = x.uint(r, "rpc.state_accept", v -> "Accept State: "
                    + (v < ACCEPT.length ? ACCEPT[(int) v] : "Unknown") + " (" + v + ")");
            if (accept == 0) {
                body = true;
            } else if (accept == 2) {
                x.uint(r, "rpc.programversion.min", "Program Version (Minimum)");
                x.uint(r, "rpc.programversion.max", "Program Version (Maximum)");
            }
        } else if (state == 1) {
            long reject = x.uint(r, "rpc.state_reject", v -> "Reject State: "
                    + (v == 0 ? "RPC_MISMATCH" : v == 1 ? "AUTH_ERROR" : "Unknown") + " (" + v + ")");
            if (reject == 0) {
                x.uint(r, "rpc.version.min", "RPC Version (Minimum)");
                x.uint(r, "rpc.version.max", "RPC Version (Maximum)");
            } else if (reject == 1) {
                x.uint(r, "rpc.state_auth", v -> "Auth State: " + authState(v) + " (" + v + ")");
            }
        }
        return body;
    }

    /** The program's item and the procedure's call or results. */
    private void program(Tree root, Xdr x, Program prog, String procName, Consumer<String> protocols) {
        if (prog.layer(call.vers, call.proc, isCall)) {
            protocols.accept(prog.filter); // the procedure's own dissector was called
        }
        Tree p = root.protocol(prog.filter, prog.title).at(b.s, b.base + x.off, Math.max(b.cap - x.off, 0));
        // packet-rpc.c adds these at the message's start, before the program item's bytes
        long start = b.base - (mark >= 0 ? 4 : 0);
        p.field("rpc.programversion", "Program Version: " + call.vers, Long.toString(call.vers)).generated().at(b.s, start, 0);
        if (prog.hasProcedureField(call.vers)) {
            p.field(prog.filter + ".procedure_v" + call.vers, "V" + call.vers + " Procedure: " + procName + " (" + call.proc + ")",
                    Long.toString(call.proc)).generated().at(b.s, start, 0);
        } else {
            p.field("rpc.procedure", "Procedure: " + procName + " (" + call.proc + ")", Long.toString(call.proc)).generated()
                    .at(b.s, start, 0);
        }
        try {
            if (isCall) {
                prog.call(call.vers, call.proc, x, p, out);
            } else {
                prog.reply(call.vers, call.proc, x, p, out);
            }
        } finally {
            if (!out.item.isEmpty()) {
                p.relabel(prog.title + out.item);
            }
        }
        if (x.off < b.cap) {
            Items.data(p, b.s, b.base + x.off, b.cap - x.off, protocols);
        }
    }

    private static String authState(long v) {
        return switch ((int) v) {
            case 1 -> "bad credential (seal broken)";
            case 2 -> "client must begin new session";
            case 3 -> "bad verifier (seal broken)";
            case 4 -> "verifier expired or replayed";
            case 5 -> "rejected for security reasons";
            case 13 -> "GSS credential problem";
            case 14 -> "GSS context problem";
            default -> "Unknown";
        };
    }

    /** packet-rpc.c dissect_rpc_cred / dissect_rpc_verf. */
    private void auth(Xdr x, Tree r, String title, boolean cred) {
        int start = x.off;
        long flavor = b.u32(x.off);
        long length = b.u32(x.off + 4);
        int len = (int) Math.min(length, Integer.MAX_VALUE);
        int padded = (int) Math.min(len + 3L & ~3L, Integer.MAX_VALUE);
        Tree t = r.text(title).at(b.s, b.base + start, 8 + padded);
        x.uint(t, "rpc.auth.flavor", v -> "Flavor: " + flavor(v));
        x.uint(t, "rpc.auth.length", "Length");
        if (cred && flavor == 1) {
            Xdr u = new Xdr(b, x.off);
            u.hex(t, "rpc.auth.stamp", "Stamp");
            u.counted(t, "rpc.auth.machinename", "Machine Name", true);
            u.uint(t, "rpc.auth.uid", "UID");
            u.uint(t, "rpc.auth.gid", "GID");
            int gstart = u.off;
            long n = u.u32();
            StringBuilder label = new StringBuilder("Auxiliary GIDs (").append(n).append(')');
            long shown = Math.min(n, 16);
            b.need(u.off, (int) (4 * Math.min(n, 1 << 20)));
            for (int i = 0; i < shown; i++) {
                label.append(i == 0 ? " [" : ", ").append(b.u32(u.off + 4 * i));
            }
            if (n > 0) {
                label.append(']');
            }
            Tree g = t.text(label.toString()).at(b.s, b.base + gstart, 4 + (int) (4 * n));
            for (int i = 0; i < n; i++) {
                u.uint(g, "rpc.auth.gid", "GID");
            }
        } else if (len > 0) {
            b.need(x.off, padded);
            t.bytes("rpc.opaque_data", "opaque data", b.s, b.base + x.off, len).at(b.s, b.base + x.off, len);
        }
        x.off += padded;
    }
}
