package dev.tcpscope.proto.modbus;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Modbus/TCP as Wireshark 4.0.17's packet-mbtcp.c dissects it on tcp.port 502 (protocols
 * {@code mbtcp} and {@code modbus}): a segment that starts with 8 bytes, protocol identifier 0
 * and an MBAP length of at least 2 is split into ADUs by their MBAP length
 * ({@code tcp_dissect_pdus}, an ADU running past the segment reassembled); one that does not is
 * left to TCP. An ADU to port 502 is a query, one from it a response, else neither ("unknown").
 * Info is the last ADU's ({@code "   Query: Trans:     1; Unit:   1, Func:   3: Read Holding
 * Registers"}), each ADU clearing the column. A response is paired with the newest earlier query
 * of its conversation with the same function, transaction and unit ({@code modbus.request_frame},
 * {@code modbus.response_time}), whose reference number and count number its registers and bits.
 */
public final class Modbus implements PduDissector, LayerTree {
    public static final int PORT = 502;
    public static final int[] TCP_PORTS = {PORT};
    /** Queries remembered per conversation for the pairing (Wireshark keeps them all). */
    static final int MAX_QUERIES = 1 << 16;

    /** A query remembered for the pairing (modbus_request_info_t). */
    private record Query(int frame, long time, int regBase, int numReg) { }

    /** Per conversation: the newest query by function, transaction and unit. */
    static final class Session {
        final Map<Integer, Query> queries = new java.util.LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Query> eldest) {
                return size() > MAX_QUERIES;
            }
        };
    }

    private final List<Adu> adus = new ArrayList<>(2);
    private long frame = -1;
    /** The bytes of the frame's segment that did not look like Modbus/TCP (shown as data), if any. */
    private MemorySegment declinedS;
    private long declinedOff;
    private int declinedLen;
    private final Items.Fields fields = new Items.Fields();

    private final java.util.function.Supplier<PduDissector[]> heuristics;

    /** {@code heuristics}: the "tcp" heuristics, tried on a segment that does not look like Modbus/TCP. */
    public Modbus(java.util.function.Supplier<PduDissector[]> heuristics) {
        this.heuristics = heuristics;
    }

    @Override
    public String name() { return "mbtcp"; }

    @Override
    public Object newSession() { return new Session(); }

    private static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    private static int u16(MemorySegment s, long off) {
        return u8(s, off) << 8 | u8(s, off + 1);
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            adus.clear();
            declinedS = null;
            frame = ctx.frame;
        }
        // dissect_mbtcp_common: enough bytes, protocol identifier 0, a length of at least 2
        if (len < 8 || u16(s, off + 2) != 0 || u16(s, off + 4) < 2) {
            // dissect_mbtcp returns 0: TCP tries its heuristics, then hands the bytes to the data dissector
            ctx.tryHeuristics = true;
            for (PduDissector h : heuristics.get()) {
                if (h != this && h.heuristic(s, off, len)) {
                    return; // that one takes the bytes and the conversation (tcp.Desegmenter)
                }
            }
            declinedS = s;
            declinedOff = off;
            declinedLen = len;
            return;
        }
        Session ss = ctx.session instanceof Session x ? x : new Session();
        int pos = 0;
        while (pos < len) { // each ADU takes at least its 6-byte header: the loop ends
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 6) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 6) {
                // get_mbtcp_pdu_len reads past the bytes
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = u16(s, off + pos + 4) + 6;
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int cap = Math.min(remaining, plen);
            Adu a = new Adu(s, off + pos, cap, plen, classify(ctx));
            a.segment = off;
            a.fragment = !ctx.canDesegment && !ctx.truncated && plen > cap;
            one(a, ss, ctx);
            pos += plen;
        }
    }

    /** classify_mbtcp_packet: by which side is port 502. */
    private static int classify(PduContext ctx) {
        if (ctx.srcPort == PORT && ctx.dstPort != PORT) {
            return Adu.RESPONSE;
        }
        if (ctx.srcPort != PORT && ctx.dstPort == PORT) {
            return Adu.QUERY;
        }
        return Adu.UNKNOWN;
    }

    /** dissect_mbtcp_pdu without a tree: columns, pairing, and how its tree will end. */
    private void one(Adu a, Session ss, PduContext ctx) {
        adus.add(a);
        ctx.columns.setProtocol("Modbus/TCP");
        ctx.columns.setInfo("");
        String info = info(a);
        if (info != null) {
            ctx.columns.setInfo(info);
            pair(a, ss, ctx);
        }
        a.end = new ModbusWalk(a).walk(Tree.NOTHING, p -> { });
        if (a.end != End.OK) {
            ctx.columns.appendInfo(a.end.marker());
        }
    }

    /** The Info text of dissect_mbtcp_pdu_common, or null where its reads run past the bytes. */
    private static String info(Adu a) {
        int have = Math.min(a.cap, a.rep);
        if (have < 8) {
            return null;
        }
        int trans = u16(a.s, a.base);
        int unit = u8(a.s, a.base + 6);
        int raw = u8(a.s, a.base + 7);
        int fc = raw & 0x7f;
        int exception = 0;
        if ((raw & 0x80) != 0) {
            if (have < 9) {
                return null;
            }
            exception = u8(a.s, a.base + 8);
        }
        String func;
        boolean sub = false;
        if (fc == 43 && exception == 0) {
            if (have < 9) {
                return null;
            }
            String m = ModbusNames.mei(u8(a.s, a.base + 8));
            func = m == null ? "Encapsulated Interface Transport" : m;
            sub = true;
        } else if (fc == 8 && exception == 0) {
            if (have < 10) {
                return null;
            }
            String d = ModbusNames.diagnostic(u16(a.s, a.base + 8));
            func = d == null ? "Diagnostics" : d;
            sub = true;
        } else {
            String f = ModbusNames.function(fc);
            func = f == null ? "Unknown function (" + fc + ")" : f;
        }
        String type = switch (a.type) {
            case Adu.QUERY -> "   Query";
            case Adu.RESPONSE -> "Response";
            default -> " unknown";
        };
        String err = exception != 0 ? "Exception returned " : a.type == Adu.UNKNOWN ? "Unable to classify as query or response." : "";
        StringBuilder sb = new StringBuilder(96).append(type).append(": Trans: ").append(pad(trans, 5))
                .append("; Unit: ").append(pad(unit, 3)).append(", Func: ").append(pad(fc, 3));
        if (sub) {
            sb.append("/  1");
        }
        sb.append(": ").append(func);
        if (!err.isEmpty()) {
            sb.append(". ").append(err);
        }
        return sb.toString();
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** dissect_modbus's first-pass conversation support. */
    private static void pair(Adu a, Session ss, PduContext ctx) {
        int pduLen = Math.min(a.cap, a.rep) - ModbusWalk.PDU;
        if (pduLen <= 0 || a.type == Adu.UNKNOWN) {
            return;
        }
        int fc = u8(a.s, a.base + 7) & 0x7f;
        int key = fc << 24 | u8(a.s, a.base + 6) << 16 | u16(a.s, a.base);
        if (a.type == Adu.QUERY) {
            int base = pduLen >= 3 ? u16(a.s, a.base + 8) : 0;
            int num = pduLen >= 5 ? u16(a.s, a.base + 10) : 0;
            a.regBase = base;
            a.numReg = num;
            ss.queries.remove(key);
            ss.queries.put(key, new Query(ctx.frame, ctx.time, base, num));
        } else {
            Query q = ss.queries.get(key);
            if (q != null && q.frame < ctx.frame) {
                a.requestFound = true;
                a.requestFrame = q.frame;
                a.delta = ctx.time - q.time;
                a.regBase = q.regBase;
                a.numReg = q.numReg;
            }
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!adus.isEmpty() || declinedS != null);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        boolean first = true;
        for (Adu a : adus) {
            // tcp_dissect_pdus calls dissect_mbtcp_pdu itself: mbtcp is one layer, each modbus another
            Consumer<String> layers = first ? protocols : p -> {
                if (!p.equals("mbtcp")) {
                    protocols.accept(p);
                }
            };
            first = false;
            End e = new ModbusWalk(a).walk(root, layers);
            if (e != End.OK) {
                end = e; // tcp_dissect_pdus shows the exception and goes on with the next ADU
            }
        }
        if (declinedS != null) {
            Items.data(root, declinedS, declinedOff, declinedLen, protocols);
        }
        return end;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each ADU of the frame. */
    @Override
    public void underTcp(long f, Tree tcp) {
        if (!shows(f)) {
            return;
        }
        for (Adu a : adus) {
            tcp.field("tcp.pdu.size", "PDU Size: " + a.rep, Integer.toString(a.rep)).generated()
                    .at(a.s, a.base, a.rep); // proto_tree_add_uint(tcp_tree, hf_tcp_pdu_size, tvb, offset, plen, plen)
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed (show_exception on its tvb). */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = adus.size() - 1; i >= 0; i--) {
                Adu a = adus.get(i);
                if (a.end != End.OK) {
                    marker.at(a.s, a.segment, 0);
                    return;
                }
            }
        }
    }

    /** The protocol an exception of the frame's last failing ADU was thrown in: its MBAP header's or its PDU's. */
    @Override
    public String protocolName() {
        for (int i = adus.size() - 1; i >= 0; i--) {
            if (adus.get(i).end != End.OK) {
                return adus.get(i).inPdu ? "Modbus" : "Modbus/TCP";
            }
        }
        return "Modbus";
    }
}
