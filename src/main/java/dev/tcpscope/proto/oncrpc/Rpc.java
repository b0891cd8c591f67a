package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ONC RPC (RFC 5531) as Wireshark 4.0.17's packet-rpc.c dissects it: on tcp.port and udp.port
 * 111 and, through its "tcp" and "udp" heuristics, wherever a call names a program it knows
 * ({@link Programs}); over TCP each message behind a record mark, several in a segment and one
 * over several segments (its own desegmentation). Calls are remembered per conversation by XID,
 * so that a reply shows its call's program and procedure and "(Call In N)"; a reply with no call
 * seen is not RPC. The Protocol column is the program's name and Info "V3 GETATTR Call", with
 * what the program's walker adds; several messages of a segment are joined by "  ; ".
 */
public final class Rpc implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-portmap.c registers the RPC dissector on port 111 of both transports. */
    public static final int[] PORTS = {111};
    /** packet-rpc.c max_rpc_tcp_pdu_size: a longer record mark is not RPC. */
    static final int MAX_TCP_PDU = 4 * 1024 * 1024;
    /** The calls kept per conversation (newest first out of the way last). */
    static final int CALLS_PER_CONVERSATION = 4096;
    /** The UDP conversations whose calls are kept. */
    static final int UDP_CONVERSATIONS = 4096;

    /** A call as packet-rpc.c's rpc_call_info_value remembers it. */
    static final class Call {
        final long xid, prog, vers, proc;
        final int frame;
        final long time;
        int replyFrame;
        /** What the reply needs of the call's arguments: an NFSv3 ACCESS call's mask, a GETPORT call's protocol. */
        long arg;

        Call(long xid, long prog, long vers, long proc, int frame, long time) {
            this.xid = xid;
            this.prog = prog;
            this.vers = vers;
            this.proc = proc;
            this.frame = frame;
            this.time = time;
        }
    }

    /** A conversation's calls by XID. */
    static final class Conv {
        final Map<Long, Call> calls = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Call> eldest) {
                return size() > CALLS_PER_CONVERSATION;
            }
        };
    }

    /** One message of the frame: its bytes, record mark (-1 over UDP), the call it is or answers, what the tree needs to walk it again. */
    record Message(Tvb b, long mark, Call call, boolean isCall, int replyIn, long time, boolean continuation, int dissectCall,
                   int duplicateOf) { }

    private final Map<Long, Conv> udp = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Conv> eldest) {
            return size() > UDP_CONVERSATIONS;
        }
    };
    private final List<Message> messages = new ArrayList<>(4);
    /** Announces a UDP conversation (an endpoint and any port of a host) as RPC's. */
    private final UdpAnnounce udpAnnounce;
    /** Announces TCP connections with a port as RPC's. */
    private final TcpAnnounce tcpAnnounce;

    /** {@code DissectorTable.expectUdp}. */
    public interface UdpAnnounce {
        void expect(long endpoint, long host, PduDissector d);
    }

    /** {@code DissectorTable.expect}. */
    public interface TcpAnnounce {
        void expect(int port, PduDissector d, Object data);
    }

    public Rpc(UdpAnnounce udpAnnounce, TcpAnnounce tcpAnnounce) {
        this.udpAnnounce = udpAnnounce;
        this.tcpAnnounce = tcpAnnounce;
    }
    private final Items.Fields fields = new Items.Fields();
    private long frame = -1;
    /** The dissector's calls in the frame so far (a reassembled record, then the rest of its segment). */
    private int calls;

    /** tshark -2: the first pass records each call's reply frame, by call frame and XID. */
    private Map<Long, Integer> recording;
    private Map<Long, Integer> recorded;

    @Override
    public void recordForSecondPass() {
        recording = new HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        Rpc f = (Rpc) first;
        recorded = f.recording == null ? new HashMap<>() : f.recording;
        f.recording = null;
    }

    @Override
    public String name() { return "rpc"; }

    @Override
    public Object newSession() { return new Conv(); }

    /** The "tcp" heuristic: a record mark, then a call (RPC version 2) to a program packet-rpc.c knows. */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (len < 4) {
            return false;
        }
        long fraglen = dev.tcpscope.proto.Text.u32(s, off) & 0x7fffffffL;
        return fraglen <= MAX_TCP_PDU && fraglen >= 24 && looksLikeCall(s, off + 4, len - 4);
    }

    /**
     * The "udp" heuristic: a call (no record mark over UDP), or a reply to a call seen in the datagram's
     * conversation (packet-rpc.c does not make a UDP conversation RPC's; each datagram is
     * looked at).
     */
    @Override
    public boolean heuristic(long conversation, MemorySegment s, long off, int len) {
        if (looksLikeCall(s, off, len)) {
            return true;
        }
        if (len < 8 || dev.tcpscope.proto.Text.u32(s, off + 4) != 1) {
            return false;
        }
        Conv c = udp.get(conversation);
        return c != null && c.calls.containsKey(dev.tcpscope.proto.Text.u32(s, off));
    }

    private static boolean looksLikeCall(MemorySegment s, long off, int len) {
        if (len < 24) {
            return false;
        }
        return dev.tcpscope.proto.Text.u32(s, off + 4) == 0 && dev.tcpscope.proto.Text.u32(s, off + 8) == 2
                && Programs.get(dev.tcpscope.proto.Text.u32(s, off + 12)) != null;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            messages.clear();
            frame = ctx.frame;
            calls = 0;
        }
        calls++;
        Conv conv;
        if (ctx.datagram) {
            conv = udp.computeIfAbsent(ctx.conversation, k -> new Conv());
            int rep = Math.max(ctx.reportedLength, len);
            Tvb b = new Tvb(s, off, len, rep, ctx.fragment);
            message(b, -1, true, conv, ctx);
            return;
        }
        conv = ctx.session instanceof Conv c ? c : new Conv();
        int pos = 0;
        boolean first = true;
        while (pos < len) {
            int remaining = len - pos;
            if (remaining < 4) {
                if (ctx.canDesegment) {
                    ctx.desegmentOffset = pos;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                }
                break;
            }
            long mark = dev.tcpscope.proto.Text.u32(s, off + pos);
            long fraglen = mark & 0x7fffffffL;
            if (fraglen > MAX_TCP_PDU) {
                notRpc(new Tvb(s, off + pos + 4, remaining - 4, remaining - 4), mark, first, ctx);
                break;
            }
            long need = fraglen + 4;
            if (remaining < need && ctx.canDesegment) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) (need - remaining);
                break;
            }
            int cap = (int) Math.min(remaining - 4, fraglen);
            Tvb b = new Tvb(s, off + pos + 4, cap, (int) fraglen, !ctx.canDesegment && !ctx.truncated && cap < fraglen);
            if (!message(b, mark, first, conv, ctx)) {
                break;
            }
            first = false;
            pos += (int) Math.min(need, remaining);
        }
    }

    /** One message; false when it is not RPC (then the segment's rest is not looked at). */
    private boolean message(Tvb b, long mark, boolean first, Conv conv, PduContext ctx) {
        long xid, type;
        try {
            xid = b.u32(0);
            type = b.u32(4);
        } catch (Tvb.Stop stop) {
            return notRpc(b, mark, first, ctx);
        }
        Call call;
        boolean isCall;
        int duplicateOf = 0;
        if (type == 0) {
            long rpcvers, prog, vers, proc;
            try {
                rpcvers = b.u32(8);
                prog = b.u32(12);
                vers = b.u32(16);
                proc = b.u32(20);
            } catch (Tvb.Stop stop) {
                return notRpc(b, mark, first, ctx);
            }
            if (rpcvers != 2 || Programs.get(prog) == null) {
                return notRpc(b, mark, first, ctx);
            }
            call = conv.calls.get(xid);
            if (call != null && call.frame != ctx.frame && call.prog == prog && call.vers == vers && call.proc == proc) {
                duplicateOf = call.frame; // the same call sent again: "[RPC retransmission of #N]"
            } else if (call == null || call.frame != ctx.frame) {
                call = new Call(xid, prog, vers, proc, ctx.frame, ctx.time);
                conv.calls.put(xid, call);
            }
            isCall = true;
        } else if (type == 1) {
            call = conv.calls.get(xid);
            if (call == null) {
                return notRpc(b, mark, first, ctx);
            }
            if (call.replyFrame == 0) {
                call.replyFrame = ctx.frame;
                if (recording != null) {
                    recording.put(key(call.frame, xid), ctx.frame);
                }
            } else if (call.replyFrame != ctx.frame) {
                duplicateOf = call.replyFrame; // "[RPC duplicate of #N]"
            }
            isCall = false;
        } else {
            return notRpc(b, mark, first, ctx);
        }
        int replyIn = 0;
        if (isCall && recorded != null) {
            Integer r = recorded.get(key(call.frame, xid));
            replyIn = r == null ? 0 : r;
        }
        Program.Out out = new Program.Out();
        RpcWalk w = new RpcWalk(b, mark, call, isCall, replyIn, duplicateOf, ctx.time, out);
        End end = Tvb.walk(() -> w.walk(Tree.NOTHING, p -> { }));
        messages.add(new Message(b, mark, call, isCall, replyIn, ctx.time, false, calls, duplicateOf));
        if (out.announcePort > 0) {
            // packet-portmap.c: the port GETPORT answers is a conversation of the program's, RPC's
            if (out.announceProto == 17 && ctx.datagram && ctx.sourceEndpoint != null) {
                udpAnnounce.expect(ctx.sourceEndpoint.applyAsLong(out.announcePort), ctx.destinationHost, this);
            } else if (out.announceProto == 6) {
                tcpAnnounce.expect(out.announcePort, this, null);
            }
        }
        Program prog = Programs.get(call.prog);
        ctx.columns.setProtocol(prog.shortName);
        if (first) {
            ctx.columns.setInfo(out.info);
        } else {
            ctx.columns.appendInfo("  ; ");
            ctx.columns.appendInfo(out.info);
        }
        if (end != End.OK) {
            ctx.columns.appendInfo(end.marker());
            ctx.exception = true;
        }
        return true;
    }

    /**
     * Bytes that are not an RPC message: on a port or TCP conversation that is RPC's (not through a
     * heuristic), packet-rpc.c's dissect_rpc_continuation shows them as "Continuation".
     */
    private boolean notRpc(Tvb b, long mark, boolean first, PduContext ctx) {
        if (first) {
            // the item covers the record mark too
            Tvb all = mark >= 0 ? new Tvb(b.s, b.base - 4, b.cap + 4, b.rep + 4) : b;
            messages.add(new Message(all, mark, null, false, 0, ctx.time, true, calls, 0));
            ctx.columns.setProtocol("RPC");
            ctx.columns.setInfo("Continuation");
        }
        return false;
    }

    private static long key(int frame, long xid) {
        return (long) frame << 32 | xid;
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !messages.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        int call = 0;
        for (Message m : messages) {
            if (m.dissectCall() != call) {
                protocols.accept("rpc"); // each call of the dissector is a layer of the frame
                call = m.dissectCall();
            }
            if (m.continuation()) {
                Tree r = m.b().at(root.protocol("rpc", "Remote Procedure Call"), 0, m.b().cap);
                m.b().at(r.bytes("rpc.continuation_data", "Continuation data", m.b().s, m.b().base, m.b().cap), 0, m.b().cap);
                continue;
            }
            RpcWalk w = new RpcWalk(m.b(), m.mark(), m.call(), m.isCall(), m.replyIn(), m.duplicateOf(), m.time(), new Program.Out());
            End e = Tvb.walk(() -> w.walk(root, protocols));
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "RPC"; }
}
