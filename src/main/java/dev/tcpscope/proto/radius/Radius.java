package dev.tcpscope.proto.radius;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * RADIUS (RFC 2865, 2866, 5176) as Wireshark 4.0.17's packet-radius.c dissects it on its default
 * udp.port range 1645, 1646, 1700, 1812, 1813 and 3799. A datagram is taken when it starts like
 * a message (is_radius): a known code and a length field from 20 to 4096; otherwise UDP shows it
 * as data. Protocol {@code RADIUS}, Info "Access-Request id=5" with ", Duplicate Request" or
 * ", Duplicate Response"; the tree is {@link RadiusWalk}'s after the header's items and the
 * request/response matching.
 *
 * <p>Matching as packet-radius.c does it: a request is kept per (its source address and port,
 * its destination port) and identifier, under its code, in frame order; a response looks it up
 * by its destination address and port and its source port, and an identifier whose request
 * code answers to the response's code (Access-Accept/Reject/Challenge to Access-Request ...),
 * taking the last request at or before its frame. A request with the identifier and
 * authenticator of an earlier one is a duplicate; a second response of the same code to one
 * request is a duplicate response. One pass shows a request's response frame only when it is
 * already known; the second pass of {@code -2} sees the first pass's calls.
 */
public final class Radius implements PduDissector, LayerTree, TwoPass {
    /** DEFAULT_RADIUS_PORT_RANGE. */
    public static final int[] UDP_PORTS = {1645, 1646, 1700, 1812, 1813, 3799};

    /** One request (radius_call_t). */
    private static final class Call {
        final int reqNum;
        final long reqTime;
        final byte[] authenticator;
        int rspNum;
        int rspCode;

        Call(int reqNum, long reqTime, byte[] authenticator) {
            this.reqNum = reqNum;
            this.reqTime = reqTime;
            this.authenticator = authenticator;
        }
    }

    /** The requests of one identifier in one conversation under the code of the first (a wmem_tree keyed by frame). */
    private record Calls(int code, TreeMap<Integer, Call> byFrame) { }

    private record Key(long endpoint, int port, int ident) { }

    /** What the frame's tree shows of the matching (zero: nothing). */
    private record Match(boolean request, boolean response, int rspFrame, int reqFrame, long delta,
                         int dupReq, int dupRsp, int ident) { }

    private Map<Key, List<Calls>> calls = new HashMap<>();
    private boolean visited;

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    /** The exception is_radius ran into (a header cut short), or null. */
    private Tvb.Stop headerStop;
    private Match match;
    private byte[] eap;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "radius"; }

    @Override
    public void secondPassOf(TwoPass first) {
        calls = ((Radius) first).calls;
        visited = true;
    }

    /** is_radius: a code radius_pkt_type_codes names, a length from 20 to 4096. */
    private static boolean looksLikeRadius(Tvb b) {
        int code = b.u8(0);
        if (RadiusWalk.REGISTRY.value("radius.code", code) == null) {
            return false;
        }
        int length = b.u16(2);
        return length >= RadiusWalk.HDR && length <= 4096;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        frame = -1;
        bytes = null;
        match = null;
        headerStop = null;
        eap = null;
        if (len <= 0) {
            // no byte of the payload captured: packet-udp.c hands it to no one, UDP keeps its columns
            ctx.declined = true;
            return;
        }
        boolean frag = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, len, Math.max(len, ctx.reportedLength), frag);
        try {
            if (!looksLikeRadius(b)) {
                ctx.declined = true;
                return;
            }
        } catch (Tvb.Stop stop) {
            frame = ctx.frame;
            bytes = b;
            fragmented = frag;
            headerStop = stop.shown(frag);
            ctx.columns.appendInfo(headerStop.info());
            return;
        }
        frame = ctx.frame;
        bytes = b;
        fragmented = frag;
        int code = b.u8(0);
        int ident = b.u8(1);
        int length = b.u16(2);
        ctx.columns.setProtocol("RADIUS");
        StringBuilder info = new StringBuilder(RadiusWalk.REGISTRY.value("radius.code", code)).append(" id=").append(ident);
        String marker = null;
        RadiusWalk w = new RadiusWalk(b, false, p -> { }, null);
        try {
            if (length >= RadiusWalk.HDR) {
                b.need(4, 16);
                match = match(ctx, code, ident, b.copy(4, 16));
                if (match != null && match.dupReq() != 0) {
                    info.append(", Duplicate Request");
                }
                if (match != null && match.dupRsp() != 0) {
                    info.append(", Duplicate Response");
                }
                if (length > RadiusWalk.HDR) {
                    w.avps(Tree.NOTHING, length - RadiusWalk.HDR);
                }
            }
        } catch (Tvb.Stop stop) {
            marker = stop.shown(frag).info();
        }
        eap = w.eap; // an EAP-Message put together before an exception is still a data source
        ctx.columns.setInfo(marker == null ? info : info + marker);
    }

    private static boolean isRequest(int code) {
        return switch (code) {
            case 1, 4, 7, 21, 23, 26, 33, 40, 43, 129 -> true;
            default -> false;
        };
    }

    private static boolean isResponse(int code) {
        return switch (code) {
            case 2, 3, 5, 8, 9, 22, 24, 27, 34, 41, 42, 44, 45, 11, 130, 131, 132 -> true;
            default -> false;
        };
    }

    /** radius_call_equal's code test: the same code, or a request and a code that answers it. */
    private static boolean answers(int a, int b) {
        return a == b || pair(a, b) || pair(b, a);
    }

    private static boolean pair(int req, int rsp) {
        return switch (req) {
            case 1 -> rsp == 2 || rsp == 3 || rsp == 11;
            case 4 -> rsp == 5;
            case 7 -> rsp == 8 || rsp == 9;
            case 21 -> rsp == 22;
            case 23 -> rsp == 24;
            case 26 -> rsp == 27;
            case 33 -> rsp == 34;
            case 40 -> rsp == 41 || rsp == 42;
            case 43 -> rsp == 44 || rsp == 45;
            case 129 -> rsp == 130 || rsp == 131 || rsp == 132;
            default -> false;
        };
    }

    private static Calls find(List<Calls> list, int code) {
        if (list != null) {
            for (Calls c : list) {
                if (answers(code, c.code())) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The request/response bookkeeping of dissect_radius for this frame. */
    private Match match(PduContext ctx, int code, int ident, byte[] auth) {
        int num = ctx.frame;
        if (isRequest(code)) {
            Key k = new Key(ctx.source, ctx.dstPort, ident);
            List<Calls> list = calls.computeIfAbsent(k, x -> new ArrayList<>());
            Calls group = find(list, code);
            if (group == null) {
                group = new Calls(code, new TreeMap<>());
                list.add(group);
            }
            Map.Entry<Integer, Call> e = group.byFrame().floorEntry(num);
            Call call = e == null ? null : e.getValue();
            int dup = 0;
            if (call != null && num != call.reqNum && java.util.Arrays.equals(call.authenticator, auth)) {
                dup = call.reqNum;
            }
            if (!visited && (call == null || dup == 0)) {
                call = new Call(num, ctx.time, auth);
                group.byFrame().put(num, call);
            }
            return new Match(true, false, call.rspNum, 0, 0, dup, 0, ident);
        }
        if (!isResponse(code)) {
            return null;
        }
        Calls group = find(calls.get(new Key(ctx.destination, ctx.srcPort, ident)), code);
        Map.Entry<Integer, Call> e = group == null ? null : group.byFrame().floorEntry(num);
        if (e == null) {
            return new Match(false, true, 0, 0, 0, 0, 0, ident);
        }
        Call call = e.getValue();
        int dup = 0;
        if (call.rspNum == 0) {
            call.rspNum = num;
        } else if (call.rspNum != num && call.rspCode == code) {
            dup = call.rspNum;
        }
        call.rspCode = code;
        return new Match(false, true, 0, call.reqNum, ctx.time - call.reqTime, 0, dup, ident);
    }

    @Override
    public boolean shows(long f) {
        return f == frame && bytes != null;
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("radius");
        if (headerStop != null) {
            return headerStop.end();
        }
        Tvb b = bytes;
        try {
            int code = b.u8(0);
            int ident = b.u8(1);
            int length = b.u16(2);
            Tree radius = root.protocol("radius", "RADIUS Protocol").at(b.s, b.base, Math.min(length, b.cap));
            String codeName = RadiusWalk.REGISTRY.value("radius.code", code);
            b.at(radius.field("radius.code", "Code: " + codeName + " (" + code + ")", Integer.toString(code)), 0, 1);
            b.at(radius.field("radius.id", "Packet identifier: 0x" + Integer.toHexString(ident) + " (" + ident + ")",
                    Integer.toString(ident)), 1, 1);
            int avps = RadiusWalk.header(b, radius, length);
            if (avps < 0) {
                return End.OK;
            }
            matchItems(radius);
            if (avps > 0) {
                RadiusWalk w = new RadiusWalk(b, true, protocols, eap);
                w.avps(radius, avps);
            }
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
        return End.OK;
    }

    private void matchItems(Tree radius) {
        Match m = match;
        if (m == null) {
            return;
        }
        if (m.request()) {
            radius.field("radius.req", "Request: True", "1").hide();
            if (m.dupReq() != 0) {
                radius.field("radius.dup", "Duplicate Message ID: " + m.ident(), Integer.toString(m.ident())).hide();
                radius.field("radius.req.dup", "Duplicate Request Frame Number: " + m.dupReq(), Integer.toString(m.dupReq())).generated();
            }
            if (m.rspFrame() != 0) {
                radius.field("radius.rspframe", "The response to this request is in frame " + m.rspFrame(),
                        Integer.toString(m.rspFrame())).generated();
            }
            return;
        }
        radius.field("radius.rsp", "Response: True", "1").hide();
        if (m.reqFrame() != 0) {
            radius.field("radius.reqframe", "This is a response to a request in frame " + m.reqFrame(),
                    Integer.toString(m.reqFrame())).generated();
            String sec = Text.seconds(m.delta());
            radius.field("radius.time", "Time from request: " + sec + " seconds", sec).generated();
        }
        if (m.dupRsp() != 0) {
            radius.field("radius.dup", "Duplicate Message ID: " + m.ident(), Integer.toString(m.ident())).hide();
            radius.field("radius.rsp.dup", "Duplicate Response Frame Number: " + m.dupRsp(), Integer.toString(m.dupRsp())).generated();
        }
    }

    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (shows(f) && eap != null) {
            source.accept("Reassembled EAP", eap);
        }
    }

    /** The frame's RADIUS items for its fields, or null when the frame has no RADIUS message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "RADIUS"; }
}
