package dev.tcpscope.proto.pgsql;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * PostgreSQL's frontend/backend protocol (version 3) as Wireshark 4.0.17 dissects it
 * (packet-pgsql.c) on tcp.port 5432: tcp_dissect_pdus over messages of a type byte and a 32-bit
 * length (the frontend's first messages have no type byte), Info ">" for a segment to the port
 * PGSQL was found on and "<" for one from it, then the type bytes of its messages joined by "/"
 * (">Q", "<T/D/C/Z"). The conversation remembers an SSL request, so that the server's one-byte
 * answer 'S' hands the connection to TLS (ssl_starttls_ack), and the authentication exchange
 * (SASL, GSSAPI/SSPI), which decides how a 'p' message reads.
 */
public final class Pgsql implements PduDissector, dev.tcpscope.proto.TcpPdus, dev.tcpscope.proto.TwoPass {
    /** packet-pgsql.c PGSQL_PORT. */
    public static final int[] TCP_PORTS = {5432};
    /** tcp_dissect_pdus's fixed length: a type byte and the length. */
    private static final int FIXED = 5;

    /** What packet-pgsql.c keeps per conversation (pgsql_conn_data_t). */
    static final class Conv {
        boolean sslRequested;
        int authState = PgsqlWalk.AUTH_NONE;
        /** The second pass gave it the state the first pass ended with. */
        boolean seeded;
    }

    /**
     * tshark -2: the conversation's data outlives the first pass, so the second starts each
     * conversation with the authentication state (and SSL request) the first left it in.
     */
    private final dev.tcpscope.proto.PassRecord<Conv> record = new dev.tcpscope.proto.PassRecord<>();

    @Override
    public void recordForSecondPass() {
        record.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        record.takeOver(((Pgsql) first).record);
    }

    /** One message of the frame: its bytes, direction, the conversation state it was read with, how its walk ended. */
    record Message(Tvb b, boolean frontend, int authState, boolean first, End end, long segment, int call, boolean reassembled) { }

    private final IntFunction<PduDissector> byPort;
    private final Supplier<PduDissector> tls;
    private final Items.Fields fields = new Items.Fields();
    private final List<Message> messages = new ArrayList<>(4);
    /** How a message's length ended the frame's dissection (read past the bytes, or shorter than 5), or OK. */
    private End lengthStop = End.OK;
    /** Where that exception is shown: the start of the bytes tcp_dissect_pdus was handed. */
    private MemorySegment stopSegment;
    private long stopAt;
    private long frame = -1;
    /** The dissector's calls in the frame so far (a reassembled PDU, then the rest of its segment). */
    private int calls;

    public Pgsql(IntFunction<PduDissector> byPort, Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.tls = tls;
    }

    @Override
    public String name() { return "pgsql"; }

    @Override
    public Object newSession() { return new Conv(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            messages.clear();
            lengthStop = End.OK;
            calls = 0;
            frame = ctx.frame;
        }
        calls++;
        Conv conv = ctx.session instanceof Conv c ? c : new Conv();
        if (record.secondPass() && !conv.seeded) {
            Conv last = record.take(ctx.stream);
            if (last != null) {
                conv.authState = last.authState;
                conv.sslRequested = last.sslRequested;
            }
            conv.seeded = true;
        }
        record.put(ctx.stream, conv);
        boolean frontend = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort) == ctx.dstPort;
        ctx.columns.setProtocol("PGSQL");
        ctx.columns.setInfo(frontend ? ">" : "<");
        if (conv.sslRequested) {
            // the server's answer to an SSL request: 'S' and the next segment is TLS
            if (len > 0 && (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off) & 0xff) == 'S') {
                ctx.handOff = tls.get();
            }
            conv.sslRequested = false;
            return;
        }
        StringBuilder info = new StringBuilder();
        boolean first = true;
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < FIXED) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                break;
            }
            int n;
            long plen;
            try {
                Tvb head = new Tvb(s, off + pos, remaining, ctx.truncated ? Integer.MAX_VALUE : remaining);
                n = head.u8(0) != 0 ? 1 : 0;
                plen = (head.u32(n) + n) & 0xffffffffL;
            } catch (Tvb.Stop stop) {
                // pgsql_length read past the bytes: the exception ends the segment's dissection
                info.append(stop.info());
                lengthStop = stop.end();
                stopSegment = s;
                stopAt = off;
                break;
            }
            if (plen == 0 && ctx.canDesegment) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                break;
            }
            if (plen < FIXED) {
                info.append("[Malformed Packet]"); // show_reported_bounds_error
                lengthStop = End.MALFORMED;
                stopSegment = s;
                stopAt = off;
                break;
            }
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) Math.min(plen - remaining, UNTIL_FIN - 1L);
                break;
            }
            int cap = (int) Math.min(remaining, plen);
            int rep = (int) Math.min(plen, Integer.MAX_VALUE);
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > cap;
            Tvb b = new Tvb(s, off + pos, cap, rep, fragment);
            PgsqlWalk w = new PgsqlWalk(b, frontend, conv, first, info);
            End end = Tvb.walk(() -> w.walk(Tree.NOTHING));
            messages.add(new Message(b, frontend, w.authStateBefore, first, end, off, calls, ctx.reassembled));
            first = false;
            if (end != End.OK) {
                info.append(end.marker());
            }
            pos += (int) Math.min(plen, Integer.MAX_VALUE);
            if (plen > Integer.MAX_VALUE - pos) {
                break;
            }
        }
        ctx.columns.appendInfo(info);
    }

    @Override
    public boolean shows(long f) {
        // the answer to an SSL request sets the columns and adds no item: Wireshark then leaves
        // the protocol out of frame.protocols
        return f == frame && (!messages.isEmpty() || lengthStop != End.OK);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        if (messages.isEmpty()) {
            protocols.accept("pgsql"); // pgsql_length's exception: the marker is PGSQL's
        }
        int call = 0;
        for (Message m : messages) {
            if (m.call() != call) {
                protocols.accept("pgsql"); // each call of the dissector is a layer of the frame
                call = m.call();
            }
            Conv replay = new Conv();
            replay.authState = m.authState();
            PgsqlWalk w = new PgsqlWalk(m.b(), m.frontend(), replay, m.first(), null);
            End e = Tvb.walk(() -> w.walk(root));
            if (e != End.OK) {
                end = e; // tcp_dissect_pdus shows the exception and goes on with the next message
            }
        }
        return lengthStop != End.OK ? lengthStop : end;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each message of the frame. */
    @Override
    public List<Items.PduSize> pduSizes(long f) {
        return !shows(f) ? List.of() : messages.stream().map(m -> new Items.PduSize(m.b().s, m.b().base, m.b().rep, m.call(), m.reassembled()))
                .toList();
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f) && lengthStop != End.OK) {
            marker.at(stopSegment, stopAt, 0);
            return;
        }
        if (shows(f)) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                Message m = messages.get(i);
                if (m.end() != End.OK) {
                    marker.at(m.b().s, m.segment(), 0);
                    return;
                }
            }
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "PGSQL"; }
}
