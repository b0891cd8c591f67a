package dev.tcpscope.proto.enip;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * EtherNet/IP (Wireshark 4.0.17's packet-enip.c, protocol {@code enip}) on tcp.port 44818 and
 * udp.port 44818, with the CIP messages it carries ({@code cip}, {@code cipcls}, {@code cippccc}:
 * {@link CipWalk}). Over TCP the bytes are split into encapsulation messages by the 24-byte
 * header's length ({@code tcp_dissect_pdus} with a fixed part of 4 bytes, a message running past
 * the segment reassembled); a segment of fewer than 2 bytes is not EtherNet/IP (a keep-alive) and
 * goes to the "tcp" heuristics and data. A message to port 44818 is a request ("Req"), one from
 * it a response ("Rsp"). Requests and responses are paired per conversation by session handle
 * and sender context (unconnected data) or by CIP sequence count (connected data), as
 * enip_match_request does in the first pass: a response shows "[Request In: N]" and the time
 * since, and its CIP message is dissected as the request's path and class say.
 */
public final class Enip implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    public static final int PORT = 44818;
    public static final int[] TCP_PORTS = {PORT};
    public static final int[] UDP_PORTS = {PORT};
    /** Requests remembered per conversation; Wireshark keeps them all, this bounds a hostile capture. */
    static final int MAX_REQUESTS = 1 << 16;

    /** The pairing key's common part (enip_request_key_t): session handle and sender context. */
    record Key(long session, long context) {
        Full unconnected() { return new Full(session, context, 0, 0, 0); }

        Full connected(int connid, int seq) { return new Full(0, 0, 1, connid, seq); }
    }

    /** enip_request_key_t as enip_request_equal compares it: by its type, then its type's fields. */
    record Full(long session, long context, int type, int connid, int seq) { }

    /** enip_request_info_t: a request's frame and time, the frame of its response, its CIP message. */
    static final class Req {
        final int frame;
        final long time;
        int responseFrame;
        CipWalk.CipReq cip;

        Req(int frame, long time) {
            this.frame = frame;
            this.time = time;
        }
    }

    /** One conversation's requests by key, each key's by frame (wmem_tree lookup32_le). */
    static final class Session {
        final Map<Full, TreeMap<Integer, Req>> requests = new HashMap<>();
        int count;
    }

    /** One encapsulation message of a frame and what its dissection found. */
    static final class Pdu {
        final Tvb tvb;
        final int type;
        final long segment;
        /** The pairing's answer for this message (null: none), kept for the tree. */
        Req match;
        boolean matched;
        long delta;
        End end = End.OK;
        String failedIn;

        Pdu(Tvb tvb, int type, long segment) {
            this.tvb = tvb;
            this.type = type;
            this.segment = segment;
        }
    }

    /** enip_match_request at dissection, or the recorded answer when the tree is built. */
    interface Pairing {
        Req match(Pdu pdu, Full key, Tree tree);
    }

    private final List<Pdu> pdus = new ArrayList<>(2);
    private long frame = -1;
    /** The bytes of a segment too short to be EtherNet/IP (shown as data), if any. */
    private MemorySegment declinedS;
    private long declinedOff;
    private int declinedLen;
    private final Items.Fields fields = new Items.Fields();
    private final java.util.function.Supplier<PduDissector[]> heuristics;
    /**
     * tshark -2: the first pass's answer of enip_match_request for each message (frame and index
     * in the frame), which the second pass takes as Wireshark's visited frames look it up again.
     */
    private Map<Long, Req> recording, recorded;

    @Override
    public void recordForSecondPass() {
        recording = new HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        recorded = ((Enip) first).recording;
    }

    /** UDP conversations' pairing state, by conversation key. */
    private final Map<Long, Session> udp = new HashMap<>();

    /** {@code heuristics}: the "tcp" heuristics, tried on a segment of fewer than 2 bytes. */
    public Enip(java.util.function.Supplier<PduDissector[]> heuristics) {
        this.heuristics = heuristics;
    }

    @Override
    public String name() { return "enip"; }

    @Override
    public Object newSession() { return new Session(); }

    private static int le16(MemorySegment s, long off) {
        return dev.tcpscope.proto.Text.u8(s, off) | dev.tcpscope.proto.Text.u8(s, off + 1) << 8;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            pdus.clear();
            declinedS = null;
            frame = ctx.frame;
        }
        Session ss;
        if (ctx.datagram) {
            if (udp.size() > MAX_REQUESTS) {
                udp.clear();
            }
            ss = udp.computeIfAbsent(ctx.conversation, k -> new Session());
        } else {
            ss = ctx.session instanceof Session x ? x : new Session();
        }
        if (ctx.datagram) {
            if (len < 4) {
                return; // dissect_enip_udp: not EtherNet/IP
            }
            one(new Pdu(new Tvb(s, off, len, Math.max(len, ctx.reportedLength), ctx.fragment), classify(ctx), off), ss, ctx);
            return;
        }
        if (len < 2) {
            // dissect_enip_tcp returns 0: TCP tries its heuristics, then hands the bytes to the data dissector
            ctx.tryHeuristics = true;
            for (PduDissector h : heuristics.get()) {
                if (h != this && h.heuristic(s, off, len)) {
                    return;
                }
            }
            declinedS = s;
            declinedOff = off;
            declinedLen = len;
            return;
        }
        int pos = 0;
        while (pos < len) { // each message takes at least its 24-byte header: the loop ends
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 4) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 4) {
                // get_enip_pdu_len reads the length past the bytes
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = le16(s, off + pos + 2) + 24;
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int cap = Math.min(remaining, plen);
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > cap;
            one(new Pdu(new Tvb(s, off + pos, cap, plen, fragment), classify(ctx), off), ss, ctx);
            pos += plen;
        }
    }

    /** classify_packet: by which side is port 44818. */
    private static int classify(PduContext ctx) {
        if (ctx.srcPort == PORT && ctx.dstPort != PORT) {
            return EnipWalk.RESPONSE;
        }
        if (ctx.srcPort != PORT && ctx.dstPort == PORT) {
            return EnipWalk.REQUEST;
        }
        return EnipWalk.UNKNOWN;
    }

    /** dissect_enip_pdu at dissection: columns and pairing; an exception is shown as tcp_dissect_pdus shows it. */
    private void one(Pdu p, Session ss, PduContext ctx) {
        pdus.add(p);
        long at = (long) ctx.frame << 16 | Math.min(pdus.size() - 1, 0xffff);
        Pairing pairing;
        if (recorded != null) {
            pairing = (pdu, key, tree) -> {
                Req r = recorded.get(at);
                pdu.match = r;
                pdu.matched = r != null && pdu.type == EnipWalk.RESPONSE;
                pdu.delta = r == null ? 0 : ctx.time - r.time;
                return r;
            };
        } else {
            pairing = (pdu, key, tree) -> {
                Req r = match(pdu, key, ss, ctx);
                if (recording != null && r != null) {
                    recording.put(at, r);
                }
                return r;
            };
        }
        Cols cols = Cols.of(ctx.columns);
        EnipWalk w = new EnipWalk(p.tvb, cols, p, pairing);
        try {
            w.walk(Tree.NOTHING, x -> { });
        } catch (Tvb.Stop stop) {
            p.end = stop.end();
            p.failedIn = w.in;
            cols.append(stop.info());
        } catch (SubTvb.Contained c) {
            p.end = End.MALFORMED;
            p.failedIn = w.in + ": " + SubTvb.CONTAINED; // "[Malformed Packet: CIP: length of contained item ...]"
            cols.append("[Malformed Packet: " + SubTvb.CONTAINED + "]");
        }
    }

    private static Req match(Pdu pdu, Full key, Session ss, PduContext ctx) {
        Req r = null;
        if (pdu.type == EnipWalk.REQUEST) {
            TreeMap<Integer, Req> byFrame = ss.requests.get(key);
            if (byFrame == null) {
                if (ss.count >= MAX_REQUESTS) {
                    ss.requests.clear();
                    ss.count = 0;
                }
                byFrame = new TreeMap<>();
                ss.requests.put(key, byFrame);
            }
            r = new Req(ctx.frame, ctx.time);
            if (byFrame.put(ctx.frame, r) == null) {
                ss.count++;
            }
        } else if (pdu.type == EnipWalk.RESPONSE) {
            TreeMap<Integer, Req> byFrame = ss.requests.get(key);
            Map.Entry<Integer, Req> e = byFrame == null ? null : byFrame.floorEntry(ctx.frame);
            if (e != null) {
                r = e.getValue();
                r.responseFrame = ctx.frame;
                pdu.matched = true;
                pdu.delta = ctx.time - r.time;
            }
        }
        pdu.match = r;
        return r;
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!pdus.isEmpty() || declinedS != null);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        boolean first = true;
        for (Pdu p : pdus) {
            // tcp_dissect_pdus calls dissect_enip_pdu itself: enip is one layer, each CIP message another
            Consumer<String> layers = first ? protocols : x -> {
                if (!x.equals("enip")) {
                    protocols.accept(x);
                }
            };
            first = false;
            Pairing recorded = (pdu, key, tree) -> {
                if (pdu.match != null && pdu.type == EnipWalk.REQUEST && pdu.match.responseFrame != 0) {
                    // known in tshark's second pass (-2) only: the response comes later
                    tree.field("enip.response_in", "Response In: " + pdu.match.responseFrame,
                            Integer.toString(pdu.match.responseFrame)).generated();
                }
                if (pdu.matched && pdu.match != null && pdu.type == EnipWalk.RESPONSE) {
                    tree.field("enip.response_to", "Request In: " + pdu.match.frame, Integer.toString(pdu.match.frame)).generated();
                    String d = dev.tcpscope.proto.Text.seconds(pdu.delta);
                    tree.field("enip.time", "Time: " + d + " seconds", d).generated();
                }
                return pdu.match;
            };
            try {
                new EnipWalk(p.tvb, Cols.NONE, p, recorded).walk(root, layers);
            } catch (Tvb.Stop stop) {
                end = stop.end(); // tcp_dissect_pdus shows the exception and goes on with the next message
            } catch (SubTvb.Contained c) {
                end = End.MALFORMED;
            }
        }
        if (declinedS != null) {
            Items.data(root, declinedS, declinedOff, declinedLen, protocols);
        }
        return end;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each message of the frame. */
    @Override
    public void underTcp(long f, Tree tcp) {
        if (!shows(f)) {
            return;
        }
        for (Pdu p : pdus) {
            if (p.tvb.rep >= 0 && p.segment >= 0) {
                tcp.field("tcp.pdu.size", "PDU Size: " + p.tvb.rep, Integer.toString(p.tvb.rep)).generated()
                        .at(p.tvb.s, p.tvb.base, p.tvb.rep);
            }
        }
    }

    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = pdus.size() - 1; i >= 0; i--) {
                Pdu p = pdus.get(i);
                if (p.end != End.OK) {
                    marker.at(p.tvb.s, p.segment, 0);
                    return;
                }
            }
        }
    }

    @Override
    public String protocolName() {
        for (int i = pdus.size() - 1; i >= 0; i--) {
            if (pdus.get(i).end != End.OK && pdus.get(i).failedIn != null) {
                return pdus.get(i).failedIn;
            }
        }
        return "ENIP";
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }
}
