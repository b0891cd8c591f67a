package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.proto.ldap.Ber;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SNMP (RFC 1157, 1901, 3412, 3414) as Wireshark 4.0.17's packet-snmp.c dissects it on udp.port
 * 161, 162 and 8161. A datagram is taken only when it starts like a message (dissect_snmp): a UNIVERSAL
 * SEQUENCE whose length fits in the datagram, then a UNIVERSAL INTEGER; otherwise it is declined
 * and UDP shows it as data. The message's walk is {@link SnmpWalk}; bytes after the message are
 * data. Requests and responses are matched by request-id per UDP conversation as
 * snmp_match_request_response does: a request (get, get-next, set, getBulk, inform) notes its
 * frame and time, a get-response its frame; once both are known a frame shows "Response In" (the
 * response's, on any frame of the id but the response) or "Response To" and "Time" (on the
 * response). One pass shows a match from the response on; the second pass of {@code -2} sees the
 * first pass's final state.
 */
public final class Snmp implements PduDissector, LayerTree, TwoPass {
    /** UDP_PORT_SNMP, UDP_PORT_SNMP_TRAP and UDP_PORT_SNMP_PATROL (BMC Patrol's agent). */
    public static final int[] UDP_PORTS = {161, 162, 8161};

    /** One request-id's exchange in a conversation (snmp_request_response_t). */
    private static final class Exchange {
        int requestFrame;
        int responseFrame;
        long requestTime;
    }

    /** What a frame shows about its exchange: request in, response to, time (nanoseconds). */
    private record Match(int responseIn, int responseTo, long delta) { }

    private Map<Long, Map<Long, Exchange>> conversations = new HashMap<>();
    private boolean visited;

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private int rest;
    private Match match;
    private final Items.Fields fields = new Items.Fields();
    private final Wildcard wildcard;
    /**
     * The UDP conversations whose datagrams SNMP took so far. Wireshark 4.0 numbers a pair's
     * datagrams after its first SNMP one (whichever way it went, to port 161 or 162 or from it) as
     * a new udp.stream: the conversation packet-snmp.c makes then is the newest of the pair's key,
     * which the conversation tables find first. The second conversation noted at the pair's first
     * SNMP datagram reproduces that.
     */
    private final java.util.Set<Long> made = new java.util.HashSet<>();

    /** DissectorTable.wildcardUdp: a second conversation between two endpoints. */
    public interface Wildcard {
        void create(long a, long b);
    }

    /** @param wildcard where the conversation SNMP makes at a pair's first SNMP datagram is noted */
    public Snmp(Wildcard wildcard) {
        this.wildcard = wildcard;
    }

    @Override
    public String name() { return "snmp"; }

    @Override
    public void secondPassOf(TwoPass first) {
        conversations = ((Snmp) first).conversations;
        visited = true;
    }

    /** dissect_snmp's test: a UNIVERSAL SEQUENCE no longer than the datagram, then a UNIVERSAL INTEGER. */
    private static boolean looksLikeSnmp(Tvb b) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        if (h.cls != Ber.UNIVERSAL || h.tag != Ber.T_SEQUENCE) {
            return false;
        }
        if (h.length > b.rep - h.value) {
            return false;
        }
        Ber.Tlv v = Ber.header(b, h.value, new Ber.Tlv());
        return v.cls == Ber.UNIVERSAL && v.tag == Ber.T_INTEGER;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        frame = -1;
        bytes = null;
        match = null;
        boolean frag = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, len, Math.max(len, ctx.reportedLength), frag);
        try {
            if (!looksLikeSnmp(b)) {
                ctx.declined = true;
                return;
            }
        } catch (Tvb.Stop stop) {
            // get_ber_identifier/length ran out: the exception ends the heuristic's caller too
            frame = ctx.frame;
            bytes = b;
            fragmented = frag;
            ctx.columns.appendInfo(stop.shown(frag).info());
            return;
        }
        frame = ctx.frame;
        bytes = b;
        fragmented = frag;
        if (made.add(ctx.conversation)) {
            wildcard.create(ctx.source, ctx.destination);
        }
        Map<Long, Exchange> exchanges = conversations.computeIfAbsent(ctx.conversation, k -> new HashMap<>());
        int num = ctx.frame;
        long time = ctx.time;
        SnmpWalk w = new SnmpWalk(b, (tree, at) -> { });
        String marker = null;
        rest = -1;
        try {
            SnmpWalk.version(b);
            ctx.columns.setProtocol("SNMP");
            rest = w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            marker = stop.shown(frag).info();
        }
        if (w.pduType >= 0) {
            match = match(exchanges, w.requestId, w.pduType, num, time);
        }
        if (w.info != null) {
            ctx.columns.setInfo(w.info);
        }
        if (marker != null) {
            ctx.columns.appendInfo(marker);
        }
    }

    /** snmp_match_request_response for a PDU of type {@code type} and request-id {@code id}. */
    private Match match(Map<Long, Exchange> exchanges, long id, int type, int num, long time) {
        Exchange x = exchanges.computeIfAbsent(id & 0xffffffffL, k -> new Exchange());
        if (!visited) {
            switch (type) {
                case 0, 1, 3, 5, 6 -> {
                    x.requestFrame = num;
                    x.responseFrame = 0;
                    x.requestTime = time;
                }
                case 2 -> x.responseFrame = num;
                default -> {
                    return null;
                }
            }
        }
        if (x.requestFrame != 0 && x.responseFrame != 0) {
            // 4.0.17 shows "Response In" on any frame of the id but the response: -2 shows it on
            // an earlier request and a report with the same request-id too
            if (x.responseFrame != num) {
                return new Match(x.responseFrame, 0, 0);
            }
            return new Match(0, x.requestFrame, time - x.requestTime);
        }
        return null;
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
        protocols.accept("snmp");
        Match m = match;
        SnmpWalk w = new SnmpWalk(bytes, (parent, at) -> {
            if (m == null) {
                return;
            }
            if (m.responseIn() != 0) {
                at.at(parent.field("snmp.response_in", "Response In: " + m.responseIn(), Integer.toString(m.responseIn())).generated(), 0, 0);
            } else {
                at.at(parent.field("snmp.response_to", "Response To: " + m.responseTo(), Integer.toString(m.responseTo())).generated(), 0, 0);
                String sec = Text.seconds(m.delta());
                at.at(parent.field("snmp.time", "Time: " + sec + " seconds", sec).generated(), 0, 0);
            }
        });
        w.protocols = protocols;
        int end;
        try {
            SnmpWalk.version(bytes);
            end = w.message(root);
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
        if (end >= 0 && bytes.cap > end) {
            Items.data(root, bytes.s, bytes.base + end, bytes.cap - end, protocols);
        } else {
            w.stringsAfter();
        }
        return End.OK;
    }

    /** The frame's SNMP items for its fields, or null when the frame has no SNMP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "SNMP"; }
}
