package dev.tcpscope.proto.mysql;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * MySQL's client/server protocol as Wireshark 4.0.17's packet-mysql.c dissects it on tcp.port
 * 3306: the stream is cut into packets by their 3-byte length plus the 4-byte header
 * ({@code tcp_dissect_pdus}, a packet running past its segment reassembled), each dissected by
 * {@link MysqlWalk} from the conversation's state ({@link Conn}). The side that sends to the
 * matched port is the client. A login that asks for SSL hands the conversation to TLS.
 */
public final class Mysql implements PduDissector, dev.tcpscope.proto.TcpPdus {
    public static final int PORT = 3306;
    public static final int[] TCP_PORTS = {PORT};

    private final IntFunction<PduDissector> byPort;
    private final Supplier<PduDissector> tls;
    private final List<Pdu> pdus = new ArrayList<>(4);
    private long frame = -1;
    private int calls;
    private final Items.Fields fields = new Items.Fields();

    /** {@code byPort}: the table's dissector of a port (for the matched port); {@code tls}: TLS's dissector. */
    public Mysql(IntFunction<PduDissector> byPort, Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.tls = tls;
    }

    @Override
    public String name() { return "mysql"; }

    @Override
    public Object newSession() { return new Conn(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            pdus.clear();
            frame = ctx.frame;
            calls = 0;
        }
        calls++;
        Conn conn = ctx.session instanceof Conn x ? x : new Conn();
        boolean response = ctx.dstPort != Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        int pos = 0;
        while (pos < len) { // each packet takes at least its 4-byte header: the loop ends
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 3) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 3) {
                // get_mysql_pdu_len reads past the bytes
                ctx.columns.setProtocol("MySQL");
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                ctx.exception = true;
                return;
            }
            int plen = 4 + le24(s, off + pos);
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            Pdu p = new Pdu(s, off + pos, Math.min(remaining, plen), plen);
            p.segment = off;
            p.fragment = !ctx.canDesegment && !ctx.truncated && plen > remaining;
            p.frame = ctx.frame;
            p.response = response;
            p.call = calls;
            p.reassembled = ctx.reassembled;
            one(p, conn, ctx);
            pos += plen;
        }
    }

    private static int le24(MemorySegment s, long off) {
        return (s.get(ValueLayout.JAVA_BYTE, off) & 0xff) | (s.get(ValueLayout.JAVA_BYTE, off + 1) & 0xff) << 8
                | (s.get(ValueLayout.JAVA_BYTE, off + 2) & 0xff) << 16;
    }

    /** dissect_mysql_pdu for the columns and the conversation; the tree is built again in {@link #tree}. */
    private void one(Pdu p, Conn conn, PduContext ctx) {
        p.before = conn.copy();
        pdus.add(p);
        AppColumns col = ctx.columns;
        MysqlWalk.Cols cols = new MysqlWalk.Cols() {
            @Override public void protocol(String name) { col.setProtocol(name); }
            @Override public void set(String text) { col.setInfo(text); }
            @Override public void append(String text) { col.appendInfo(text); }
            @Override public void fence() { col.fence(); }
        };
        MysqlWalk w = new MysqlWalk(p, conn, cols);
        p.end = w.walk(Tree.NOTHING, x -> { });
        p.label = w.label();
        if (p.end != End.OK) {
            col.appendInfo(p.end.marker());
        }
        if (p.startTls) {
            ctx.handOff = tls.get();
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !pdus.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        int call = -1;
        for (Pdu p : pdus) {
            // tcp_dissect_pdus calls dissect_mysql_pdu itself: one "mysql" per call in frame.protocols
            Consumer<String> layers = p.call != call ? protocols : x -> { };
            call = p.call;
            Conn replay = p.before.copy();
            replay.replay = true;
            // the item is added with its final label: a tree that keeps only the first (-T fields) has it too
            End e = new MysqlWalk(p, replay, MysqlWalk.Cols.NONE, p.label).walk(root, layers);
            if (e != End.OK) {
                end = e; // tcp_dissect_pdus shows the exception and goes on with the next packet
            }
        }
        return end;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each packet of the frame. */
    @Override
    public List<Items.PduSize> pduSizes(long f) {
        return !shows(f) ? List.of() : pdus.stream().map(p -> new Items.PduSize(p.s, p.base, p.rep, p.call, p.reassembled)).toList();
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = pdus.size() - 1; i >= 0; i--) {
                Pdu p = pdus.get(i);
                if (p.end != End.OK) {
                    marker.at(p.s, p.segment, 0);
                    return;
                }
            }
        }
    }

    @Override
    public String protocolName() { return "MySQL"; }
}
