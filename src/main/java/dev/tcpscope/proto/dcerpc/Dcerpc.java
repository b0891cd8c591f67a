package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ntlmssp.Ntlmssp;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * DCE/RPC connection-oriented PDUs over TCP as Wireshark 4.0.17's packet-dcerpc.c dissects them
 * with its default preferences (desegmentation and reassembly on): by its "tcp" heuristic
 * (dissect_dcerpc_tcp_heur: a segment whose first 16 bytes pass is_dcerpc; 4.0.17 registers no
 * tcp.port, not even 135) and on a port decoded as dcerpc (dissect_dcerpc_tcp, no check). Both
 * split the bytes with tcp_dissect_pdus by
 * the frag length of the 16-byte common header. A Bind or Alter_context binds each context id
 * of the conversation to its interface; a Request on a bound context starts a call (by call id),
 * a Response or Fault ends it; a fragmented stub is put together in order
 * (fragment_add_seq_next) and handed on with its last fragment. The stub goes to the
 * interface's sub-dissector when 4.0.17 has one for its UUID and version: the Protocol column
 * becomes its name and Info "OPERATION request|response" ({@link DcerpcNames}); the NDR bodies
 * themselves are not dissected (docs/DCERPC.md).
 */
public final class Dcerpc implements PduDissector, dev.tcpscope.proto.TcpPdus, dev.tcpscope.proto.TwoPass {
    /** packet-dcerpc.c 4.0.17 registers no tcp.port: DCE/RPC over TCP is found by its heuristic (or decode-as). */
    public static final int[] TCP_PORTS = {};
    /** e_dce_cn_common_hdr_t: tcp_dissect_pdus's fixed part. */
    static final int HEADER = 16;
    /** Bounds of what a conversation remembers (Wireshark keeps it all). */
    static final int MAX_BINDS = 4096, MAX_CALLS = 1 << 16, MAX_REASSEMBLY = 1 << 24;

    /** dcerpc_bind_value: the interface a context id was bound to. */
    record Bind(String uuid, int ver, String transfer) { }

    /** dcerpc_call_value. */
    static final class Call {
        String uuid;
        int ver;
        int opnum;
        /** The context was bound with the NDR64 transfer syntax (DCERPC_IS_NDR64). */
        boolean ndr64;
        int reqFrame, repFrame;
        long reqTime;
        /** What a request left for its response (dcv->se_data: OpenSCManager's "machine\\database"). */
        String seData;
    }

    /**
     * Policy handles named when a call opened them (dcerpc_store_polhnd_name): the name and the
     * frame it was stored in, by the handle's 20 bytes. Bounded as the other tables.
     */
    final Map<String, Object[]> handleNames = bounded(MAX_CALLS);

    /** A stub being put together (fragment_add_seq_next by the call's first frame). */
    static final class Reassembly {
        final List<int[]> frags = new ArrayList<>();
        final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        boolean done;
        int reassembledIn;
    }

    /** What packet-dcerpc.c keeps per conversation. */
    static final class Session {
        final Map<Integer, Bind> binds = bounded(MAX_BINDS);
        final Map<Long, Call> calls = bounded(MAX_CALLS);
        /** dcerpc_matched: (frame, call id) to the call. */
        final Map<Long, Call> matched = bounded(MAX_CALLS);
        final Map<Integer, Reassembly> reassembly = bounded(MAX_BINDS);
        long reassembledBytes;
        final Ntlmssp.Conv ntlmssp = new Ntlmssp.Conv();
    }

    static <K, V> Map<K, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private final IntFunction<PduDissector> byPort;
    private final java.util.function.Supplier<PduDissector[]> heuristics;
    private final List<Pdu> pdus = new ArrayList<>(2);
    private final List<Items.PduSize> sizes = new ArrayList<>(2);
    private long frame = -1;
    private int calls;
    /** decode_data->dcectxid: the frame's last context id. */
    private int frameCtx;
    private MemorySegment dataS;
    private long dataOff;
    private int dataLen;
    /** Bytes of a frame tcp_dissect_pdus found too short for a PDU's length: a ReportedBoundsError. */
    private boolean bogus;
    private long bogusAt;
    private MemorySegment bogusS;
    private final Items.Fields fields = new Items.Fields();
    /** The items of the NBSS messages whose SMB2 named pipes carry DCE/RPC. */
    private final Items.Fields pipeFields = new Items.Fields();

    /**
     * tshark -2: the first pass of two records, for each request (its frame and call id), the
     * frame of its first response or fault (the call's rep_frame); the second shows it.
     */
    private Map<Long, Integer> recording, recorded;

    @Override
    public void recordForSecondPass() {
        recording = new HashMap<>();
        reasRecording = new HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        Dcerpc f = (Dcerpc) first;
        recorded = f.recording == null ? new HashMap<>() : f.recording;
        f.recording = null;
        reasRecorded = f.reasRecording == null ? new HashMap<>() : f.reasRecording;
        f.reasRecording = null;
    }

    /** Records the first answer of a request in the first pass of two. */
    void answered(Call c, long callId, int frame) {
        if (recording != null && recording.size() < MAX_CALLS * 16) {
            recording.putIfAbsent((long) c.reqFrame << 32 | callId, frame);
        }
    }

    /** tshark -2: the frame each put-together stub (by its call's first frame and call id) was completed in. */
    private Map<Long, Integer> reasRecording, reasRecorded;

    void reassembled(int callFrame, long callId, int frame) {
        if (reasRecording != null && reasRecording.size() < MAX_CALLS * 16) {
            reasRecording.putIfAbsent((long) callFrame << 32 | callId, frame);
        }
    }

    /** In the second pass, the frame the stub of the call was completed in, else 0. */
    int reassembledOf(int callFrame, long callId) {
        Integer f = reasRecorded == null ? null : reasRecorded.get((long) callFrame << 32 | callId);
        return f == null ? 0 : f;
    }

    /** In the second pass, the frame of the request's first answer, else 0. */
    int answerOf(int frame, long callId) {
        Integer f = recorded == null ? null : recorded.get((long) frame << 32 | callId);
        return f == null ? 0 : f;
    }

    /**
     * {@code byPort}: tcp.port's dissectors, to tell a decode-as port's calls (dissect_dcerpc_tcp,
     * no check) from the heuristic's; {@code heuristics}: the "tcp" heuristics, tried on a
     * segment the heuristic declines.
     */
    public Dcerpc(IntFunction<PduDissector> byPort, java.util.function.Supplier<PduDissector[]> heuristics) {
        this.byPort = byPort;
        this.heuristics = heuristics;
    }

    @Override
    public String name() { return "dcerpc"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        return isDcerpc(s, off, len);
    }

    /** is_dcerpc: 16 bytes, version 5.0/5.1, a known packet type, a sane data representation, frag length >= 16. */
    static boolean isDcerpc(MemorySegment s, long off, int len) {
        if (len < HEADER) {
            return false;
        }
        int ver = u8(s, off), minor = u8(s, off + 1), ptype = u8(s, off + 2);
        int drep0 = u8(s, off + 4), drep1 = u8(s, off + 5);
        if (ver != 5 || (minor != 0 && minor != 1) || ptype > DcerpcNames.RTS || (drep0 & 0xee) != 0 || drep1 > 3) {
            return false;
        }
        return fragLen(s, off) >= HEADER;
    }

    private static int u8(MemorySegment s, long off) {
        return s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** The frag length in the header's byte order. */
    private static int fragLen(MemorySegment s, long off) {
        boolean le = (u8(s, off + 4) & 0x10) != 0;
        int a = u8(s, off + 8), b = u8(s, off + 9);
        return le ? a | b << 8 : a << 8 | b;
    }

    /** A call in {@code f}: the first of a frame starts its PDU lists afresh. */
    private void enter(int f) {
        if (frame != f) {
            pdus.clear();
            sizes.clear();
            dataS = null;
            bogus = false;
            frame = f;
            calls = 0;
            frameCtx = 0;
        }
        calls++;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        enter(ctx.frame);
        int low = Math.min(ctx.srcPort, ctx.dstPort), high = Math.max(ctx.srcPort, ctx.dstPort);
        PduDissector portOwner = byPort.apply(low) != null ? byPort.apply(low) : byPort.apply(high);
        if (portOwner != this && !isDcerpc(s, off, len)) {
            // the heuristic declines: TCP tries the other heuristics (one that takes the bytes
            // takes the conversation, tcp.Desegmenter), then hands them to the data dissector
            ctx.tryHeuristics = true;
            for (PduDissector h : heuristics.get()) {
                if (h != this && h.heuristic(s, off, len)) {
                    return;
                }
            }
            dataS = s;
            dataOff = off;
            dataLen = len;
            return;
        }
        Session ss = ctx.session instanceof Session x ? x : new Session();
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (remaining < HEADER) {
                if (ctx.canDesegment) {
                    ctx.desegmentOffset = pos;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                    return;
                }
                // get_dcerpc_pdu_len reads past the bytes
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = fragLen(s, off + pos);
            if (plen == 0) {
                plen = 1;
            }
            if (plen < HEADER) {
                // tcp_dissect_pdus: a length below the fixed part is a ReportedBoundsError
                bogus = true;
                bogusS = s;
                bogusAt = off + pos;
                ctx.columns.appendInfo("[Malformed Packet]");
                ctx.exception = true;
                return;
            }
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int cap = Math.min(remaining, plen);
            sizes.add(new Items.PduSize(s, off + pos, plen, calls, ctx.reassembled));
            Pdu p = new Pdu(new Tvb(s, off + pos, cap, plen, !ctx.canDesegment && !ctx.truncated && plen > cap), off);
            if (isDcerpc(s, off + pos, cap)) {
                pdus.add(p);
                observe(p, ss, ctx);
            }
            pos += plen;
        }
    }

    /**
     * dissect_dcerpc_cn_bs_body as SMB2's named-pipe heuristic ("dcerpc_smb2") runs it on the
     * data of a pipe's Write, Read or FSCTL_PIPE_TRANSCEIVE: {@code cap} bytes captured of
     * {@code rep}, every PDU in them dissected in turn with {@code session} (one per pipe: the
     * file ID is the transport salt of its binds and calls). Returns -1 when the first bytes are
     * no DCE/RPC header (the data then goes to the data dissector), 0 when the PDUs were
     * dissected, or, when {@code canDesegment} and the last PDU runs past the bytes, how many more
     * bytes it needs (that PDU is left undissected for the pipe's reassembly). The columns are
     * DCE/RPC's; several PDUs make the Protocol column "N*DCERPC".
     */
    public int pipe(MemorySegment s, long off, int cap, int rep, boolean canDesegment, PduContext ctx, Object session) {
        if (!isDcerpc(s, off, cap)) {
            return -1;
        }
        enter(ctx.frame);
        Session ss = session instanceof Session x ? x : new Session();
        int pos = 0;
        int count = 0;
        while (pos < rep && count < MAX_BINDS) {
            if (rep - pos < HEADER || cap - pos < HEADER && count > 0) {
                break; // dissect_dcerpc_cn declines what cannot hold a header: the rest is left
            }
            int plen = fragLen(s, off + pos);
            if (canDesegment && rep - pos < plen) {
                return plen - (rep - pos);
            }
            int avail = Math.max(0, Math.min(cap - pos, plen));
            Pdu p = new Pdu(new Tvb(s, off + pos, avail, Math.max(plen, HEADER), false), off);
            if (!isDcerpc(s, off + pos, avail)) {
                break;
            }
            pdus.add(p);
            observe(p, ss, ctx);
            count++;
            if (count >= 2) {
                ctx.columns.setProtocol(count + "*DCERPC");
            }
            if (plen < HEADER || p.end != End.OK) {
                break;
            }
            pos += plen;
        }
        return 0;
    }

    /** How many PDUs the frame has so far: where the next {@link #pipe} call's PDUs begin. */
    public int mark(long f) {
        return f == frame ? pdus.size() : 0;
    }

    /** The tree of the frame's PDUs {@code from} to {@code to} (one pipe message's), as {@link #tree} shows them all. */
    public End tree(long f, Tree root, Consumer<String> protocols, int from, int to) {
        End end = End.OK;
        if (f != frame) {
            return end;
        }
        for (int i = from; i < Math.min(to, pdus.size()); i++) {
            DcerpcWalk w = new DcerpcWalk(pdus.get(i), root, protocols);
            w.firstOfFrame = i == from; // the heuristic adds one "dcerpc" layer for the message
            End e = w.walk();
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    /** dissect_dcerpc_cn's first sight of a PDU: the session's state, the columns, what the tree will need. */
    private void observe(Pdu p, Session ss, PduContext ctx) {
        p.le = (p.b.u8(4) & 0x10) != 0;
        p.ptype = p.b.u8(2);
        p.flags = p.b.u8(3);
        p.fragLen = p.u16(8);
        p.authLen = p.u16(10);
        p.callId = p.u32(12);
        ctx.columns.setProtocol("DCERPC");
        if (frameCtx != 0) {
            p.multiple = true;
            ctx.columns.appendInfo(" # ");
            ctx.columns.fence();
        }
        ctx.columns.setInfo(DcerpcNames.ptype(p.ptype) + ": call_id: " + p.callId);
        ctx.columns.appendInfo(", Fragment: " + DcerpcNames.fragment(p.flags));
        DcerpcWalk w = new DcerpcWalk(p, Tree.NOTHING, x -> { });
        w.observer = new DcerpcWalk.Observer(ss, ctx, this);
        p.end = w.walk();
        if (w.ctxSeen >= 0) {
            frameCtx = w.ctxSeen;
        }
        if (p.end != End.OK) {
            ctx.columns.appendInfo(p.end.marker());
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!pdus.isEmpty() || dataS != null || bogus);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        boolean first = true;
        for (Pdu p : pdus) {
            DcerpcWalk w = new DcerpcWalk(p, root, protocols);
            w.firstOfFrame = first;
            first = false;
            End e = w.walk();
            if (e != End.OK) {
                end = e;
            }
        }
        if (dataS != null) {
            Items.data(root, dataS, dataOff, dataLen, protocols);
        }
        if (bogus) {
            end = End.MALFORMED;
        }
        return end;
    }

    /** The stubs put together in the frame: "Reassembled DCE/RPC" data sources (-x dumps them). */
    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Pdu p : pdus) {
            if (p.stub == Pdu.STUB_REASSEMBLED && p.reassembled != null) {
                source.accept("Reassembled DCE/RPC", p.reassembled);
            }
        }
    }

    @Override
    public List<Items.PduSize> pduSizes(long f) {
        return shows(f) ? sizes : List.of();
    }

    @Override
    public void markerAt(long f, Tree marker) {
        if (!shows(f)) {
            return;
        }
        if (bogus) {
            marker.at(bogusS, bogusAt, 0);
            return;
        }
        for (int i = pdus.size() - 1; i >= 0; i--) {
            Pdu p = pdus.get(i);
            if (p.end != End.OK) {
                marker.at(p.b.s, p.segment, 0);
                return;
            }
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    /** The DCE/RPC tree items of the frame {@code d} just decoded (its auth verifiers' NTLMSSP among them), or null. */
    public static Collected treeFields(dev.tcpscope.tcp.Decoder d) {
        Dcerpc r = Collected.dissector(d, "dcerpc", Dcerpc.class);
        if (r == null) {
            return null;
        }
        long f = d.frame().number();
        if (r.shows(f)) {
            return r.fields(f);
        }
        // DCE/RPC over an SMB2 named pipe is in the tree of the NBSS message that carries it
        LayerTree nbss = Collected.dissector(d, "nbss", LayerTree.class);
        return nbss == null ? null : r.pipeFields.of(nbss, f);
    }

    @Override
    public String protocolName() {
        return "DCERPC";
    }

    /** Adds {@code n} bytes to a session's reassembled total; false when the bound is reached. */
    static boolean charge(Session ss, int n) {
        if (ss.reassembledBytes + n > MAX_REASSEMBLY) {
            return false;
        }
        ss.reassembledBytes += n;
        return true;
    }
}
