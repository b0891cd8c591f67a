package dev.tcpscope.proto.sip;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.sdp.Sdp;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Session Initiation Protocol (RFC 3261) as Wireshark 4.0.17's packet-sip.c dissects it with
 * its default preferences: on udp.port and tcp.port 5060 and by its "udp" and "tcp" heuristics (a
 * first line that is a Request-Line or a Status-Line). Over TCP a message's headers are
 * reassembled up to the blank line and its body up to Content-Length ({@code
 * req_resp_hdrs_do_reassembly}), and a segment may carry several messages; each message writes
 * its Info and then the fence " | ". The transaction state packet-sip.c keeps by Call-ID and
 * direction marks resent requests and final responses and links each response to its request
 * (and an ACK to its INVITE) with the time between them in milliseconds.
 *
 * <p>Bounded work: every loop advances over the buffer it was given; the transaction table keeps
 * at most {@link #TRANSACTIONS} entries, the oldest dropped first.
 */
public final class Sip implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-sip.c's TCP_PORT_SIP / UDP_PORT_SIP (DEFAULT_SIP_PORT_RANGE "5060"). */
    public static final int[] PORTS = {5060};
    /** The cap on the transaction table (Wireshark's grows with the file). */
    static final int TRANSACTIONS = 1 << 16;
    /** dissect_sip_tcp's "safety measure": a line end is awaited in a remainder shorter than this. */
    private static final int LINE_WAIT = 1500;

    /** What the Request/Status-Line shows of the transaction state: frame numbers 0 when none. */
    record Results(int resendOf, int requestFrame, int responseTime, List<String> callIds) {
        Results(int resendOf, int requestFrame, int responseTime) {
            this(resendOf, requestFrame, responseTime, List.of());
        }

        Results with(List<String> ids) {
            return new Results(resendOf, requestFrame, responseTime, ids);
        }
    }

    /** One message of a frame: where it starts in its buffer, the kind and length of its first token, its results. */
    private record Msg(int offset, int remaining, SipWalk.LineType type, int token, Results results) { }

    /** One call of the dissector in the frame: its buffer and the messages it read. */
    private record Call(MemorySegment s, long base, int len, List<Msg> msgs) { }

    private final List<Call> calls = new ArrayList<>(1);
    private long frame = -1;
    private final StringBuilder frameInfo = new StringBuilder();
    private final Items.Fields fields = new Items.Fields();

    /** packet-sip.c's sip_hash_value: one direction of one Call-ID. */
    private static final class Transaction {
        long cseq;
        String method;
        int state; // 0 nothing seen, 1 request, 2 provisional response, 3 final response
        int frame;
        int responseCode;
        long requestTime;
    }

    private final Map<String, Transaction> transactions = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Transaction> eldest) {
            return size() > TRANSACTIONS;
        }
    };

    @Override
    public String name() { return "sip"; }

    @Override
    public String protocolName() { return "SIP"; }

    /** dissect_sip_heur / dissect_sip_tcp_heur: the first line is a Request-Line or a Status-Line. */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (len <= 0) {
            return false;
        }
        SipWalk w = new SipWalk(s, off, len);
        return w.mayStartLine(0) && w.check(0, len, false, new int[1]) == 0;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            calls.clear();
            frameInfo.setLength(0);
            frame = ctx.frame;
        }
        Call call = new Call(s, off, len, new ArrayList<>(1));
        if (len <= 0) {
            return;
        }
        if (ctx.datagram) {
            // dissect_sip and dissect_sip_heur: one message, nothing taken as a continuation
            int r = message(call, 0, len, false, false, ctx);
            if (r == -2) {
                ctx.declined = true;
                return;
            }
            finish(call, ctx);
            return;
        }
        int first = Text.u8(s, off);
        if (len == 1 && (first < 0x20 || first >= 0x7f)) {
            calls.add(call); // a keep-alive byte: SIP returns 0 and it shows as data
            return;
        }
        boolean heuristic = ctx.srcPort != PORTS[0] && ctx.dstPort != PORTS[0];
        int offset = 0;
        int remaining = len;
        boolean firstMsg = true;
        while (remaining > 0) {
            if (!heuristic && remaining < LINE_WAIT && ctx.canDesegment) {
                int[] next = new int[1];
                if (Text.lineEnd(s, off + offset, remaining, next, true) < 0) {
                    ctx.desegmentOffset = offset;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                    break;
                }
            }
            int r = message(call, offset, remaining, heuristic ? !firstMsg : true, true, ctx);
            if (r == -2 && firstMsg && heuristic) {
                // a later segment of a conversation the "tcp" heuristic took that is not SIP:
                // tshark tries the heuristic again, it declines, and the bytes show as data (on
                // port 5060 dissect_sip_tcp's -2 counts as taken: nothing shows, not even data)
                calls.add(call);
                return;
            }
            if (r <= 0) {
                break;
            }
            firstMsg = false;
            offset += r;
            remaining -= r;
            if (!call.msgs.isEmpty() && call.msgs.getLast().results == null) {
                break; // malformed: the exception ends the dissection
            }
        }
        finish(call, ctx);
    }

    private void finish(Call call, PduContext ctx) {
        if (call.msgs.isEmpty()) {
            return;
        }
        calls.add(call);
    }

    /**
     * dissect_sip_common for the message at {@code offset}: -2 not SIP, -1 more bytes wanted
     * (the desegmentation is set), else the bytes it took.
     */
    private int message(Call call, int offset, int remaining, boolean otherAsContinuation, boolean reassembly, PduContext ctx) {
        SipWalk w = new SipWalk(call.s, call.base, call.len);
        int[] token = new int[1];
        if (w.check(offset, remaining, otherAsContinuation, token) == -2) {
            return -2;
        }
        if (w.type != SipWalk.LineType.OTHER && reassembly && ctx.canDesegment
                && !reassembled(call.s, call.base, call.len, offset, ctx)) {
            return -1;
        }
        int used = w.walk(Tree.NOTHING, offset, remaining, token[0], null, p -> { });
        String protocol = "SIP" + w.protocolSuffix;
        if (frameInfo.length() > Text.MAX_INFO) {
            frameInfo.setLength(Text.MAX_INFO); // the column keeps less: a segment of many messages stays linear
        }
        if (w.malformed) {
            frameInfo.append(w.info).append("[Malformed Packet]");
            call.msgs.add(new Msg(offset, remaining, w.type, token[0], null));
            ctx.exception = true;
        } else {
            Results r = w.type == SipWalk.LineType.OTHER ? new Results(0, 0, 0) : transaction(w, ctx);
            if (w.bodyOff >= 0 && "application/sdp".equals(w.mediaType)) {
                r = r.with(sdpCallIds(Sdp.endpoint(call.s, call.base + w.bodyOff, w.bodyLen), w.callId));
            }
            frameInfo.append(w.info);
            call.msgs.add(new Msg(offset, remaining, w.type, token[0], r));
        }
        ctx.columns.setProtocol(protocol);
        ctx.columns.setInfo(Text.infoLimit(frameInfo));
        return used;
    }

    /**
     * req_resp_hdrs_do_reassembly with headers and body: true when the message at {@code start}
     * has its blank line and its Content-Length bytes; else sets the desegmentation and returns false.
     */
    private static boolean reassembled(MemorySegment s, long base, int len, int start, PduContext ctx) {
        int at = start;
        long contentLength = -1;
        int[] next = new int[1];
        while (true) {
            if (at >= len) {
                return more(ctx, start, ONE_MORE_SEGMENT);
            }
            int l = Text.lineEnd(s, base + at, len - at, next, true);
            if (l < 0) {
                return more(ctx, start, ONE_MORE_SEGMENT);
            }
            int lineStart = at;
            at += next[0];
            if (l == 0) {
                break;
            }
            if (l > 15 && Text.startsWithIgnoreCase(s, base + lineStart, l, "content-length:")) {
                String v = Text.latin1(s, base + lineStart + 15, l - 15).strip();
                try {
                    long cl = Long.parseLong(v);
                    if (cl >= 0) {
                        contentLength = cl;
                    }
                } catch (NumberFormatException e) {
                    // not a number: as if absent
                }
            }
        }
        if (contentLength >= 0 && len - at < contentLength) {
            long need = contentLength - (len - at);
            return more(ctx, start, (int) Math.min(need, Integer.MAX_VALUE - 1));
        }
        return true;
    }

    private static boolean more(PduContext ctx, int offset, int need) {
        ctx.desegmentOffset = offset;
        ctx.desegmentLength = need;
        return false;
    }

    /**
     * The Call-IDs SDP shows as generated for a body whose media goes to {@code endpoint}: every
     * Call-ID whose SDP named that endpoint so far, first seen first (packet-sdp.c keeps them with
     * the RTP conversation it sets up), this one added.
     */
    private List<String> sdpCallIds(String endpoint, String callId) {
        if (endpoint == null) {
            return List.of(callId);
        }
        if (finalMedia != null) {
            // tshark -2: the second pass shows the list the whole capture made
            List<String> all = finalMedia.get(endpoint);
            return all == null ? List.of(callId) : all;
        }
        List<String> ids = media.computeIfAbsent(endpoint, k -> new ArrayList<>(1));
        if (!ids.contains(callId) && ids.size() < MAX_CALL_IDS) {
            ids.add(callId);
        }
        return List.copyOf(ids);
    }

    /** The first pass's lists, in a second pass; null otherwise. */
    private Map<String, List<String>> finalMedia;

    @Override
    public void recordForSecondPass() { }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        if (first instanceof Sip f) {
            finalMedia = Map.copyOf(f.media);
        }
    }

    /** The cap on the Call-IDs kept for one media endpoint. */
    private static final int MAX_CALL_IDS = 64;

    private final Map<String, List<String>> media = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > TRANSACTIONS;
        }
    };

    /** The key of one direction of one Call-ID: addresses and ports over UDP, the stream and direction over TCP. */
    private static String key(String callId, PduContext ctx, boolean reverse) {
        if (ctx.datagram) {
            long a = reverse ? ctx.destination : ctx.source;
            long b = reverse ? ctx.source : ctx.destination;
            return callId + "\u0000u" + a + '>' + b;
        }
        return callId + "\u0000t" + ctx.stream + ((ctx.forward ^ reverse) ? '>' : '<');
    }

    /** sip_find_invite / sip_find_request and sip_is_packet_resend, in packet-sip.c's order. */
    private Results transaction(SipWalk w, PduContext ctx) {
        if (!w.cseqSet) {
            return new Results(0, 0, 0);
        }
        String callId = w.callId;
        int requestFrame = 0;
        int responseTime = 0;
        boolean status = w.type == SipWalk.LineType.STATUS;
        // over TCP 4.0 links no response to its request (nor an ACK to its INVITE): seen on the corpus
        if (ctx.datagram && ((!status && w.cseqMethod.equals("ACK")) || status)) {
            Transaction t = transactions.get(key(callId, ctx, status));
            if (t != null) {
                if (!status || (w.cseqNumber == t.cseq && t.state == 1 && w.cseqMethod.equals(t.method))) {
                    requestFrame = t.frame;
                }
                long secs = Math.floorDiv(ctx.time, 1_000_000_000L) - Math.floorDiv(t.requestTime, 1_000_000_000L);
                long ns = Math.floorMod(ctx.time, 1_000_000_000L) - Math.floorMod(t.requestTime, 1_000_000_000L);
                responseTime = (int) (secs * 1000) + (int) (ns / 1_000_000);
            }
        }
        String k = key(callId, ctx, false);
        Transaction t = transactions.get(k);
        long compare;
        if (t != null) {
            compare = t.cseq;
            if (w.cseqNumber != t.cseq) {
                t.cseq = w.cseqNumber;
                t.method = w.cseqMethod;
                t.state = 0;
                t.frame = 0;
                if (!status) {
                    t.requestTime = ctx.time;
                }
            }
        } else {
            t = new Transaction();
            t.cseq = w.cseqNumber;
            t.method = w.cseqMethod;
            if (!status) {
                t.requestTime = ctx.time;
            }
            transactions.put(k, t);
            compare = 0;
        }
        int resend = 0;
        if (!status && w.cseqNumber == compare && t.state == 1 && w.cseqMethod.equals(t.method)
                && !w.cseqMethod.equals("ACK") && !w.cseqMethod.equals("CANCEL")) {
            resend = t.frame;
        }
        if (status && w.cseqNumber == compare && t.state == 3 && w.cseqMethod.equals(t.method)
                && w.statusCode >= 200 && w.statusCode == t.responseCode) {
            resend = t.frame;
        }
        t.cseq = w.cseqNumber;
        if (!status) {
            t.state = 1;
            if (resend == 0) {
                t.frame = ctx.frame;
                t.requestTime = ctx.time;
            }
        } else if (w.statusCode >= 200) {
            t.responseCode = w.statusCode;
            t.state = 3;
            if (resend == 0) {
                t.frame = ctx.frame;
            }
        } else {
            t.state = 2;
        }
        return new Results(resend, requestFrame, responseTime);
    }

    @Override
    public void uncall(long f) {
        if (f == frame && !calls.isEmpty()) {
            calls.remove(calls.size() - 1);
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !calls.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        for (Call c : calls) {
            if (c.msgs.isEmpty()) {
                Items.data(root, c.s, c.base, c.len, protocols); // bytes SIP returned 0 for
                continue;
            }
            protocols.accept("sip"); // one layer per call, whatever the messages in it
            for (Msg m : c.msgs) {
                SipWalk w = new SipWalk(c.s, c.base, c.len);
                w.type = m.type;
                w.walk(root, m.offset, m.remaining, m.token, m.results, protocols);
                if (w.malformed) {
                    return End.MALFORMED;
                }
            }
        }
        return End.OK;
    }

    /** The frame's SIP items, for the field table. */
    public Collected fields(long f) {
        return fields.of(this, f);
    }
}
