package dev.tcpscope.proto.kerberos;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.TcpPdus;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kerberos v5 (RFC 4120) as Wireshark 4.0.17's packet-kerberos.c dissects it on udp.port and
 * tcp.port 88, without a keytab. Over UDP a datagram is one message, taken only when its first
 * byte is above 0x10 (lower ones are KRB4's, whose dissector is not built: the datagram is data)
 * and its identifier is one of the APPLICATION tags of a Kerberos message. Over TCP each message
 * follows a 4-byte record mark (RFC 4120 §7.2.2) whose low 31 bits give its length
 * ({@code tcp_dissect_pdus}: messages over several segments are reassembled, several in a segment
 * each dissected); a length above 10 MiB makes 4.0 give up on the PDU ("Continuation"). The walk
 * of a message is {@link KrbWalk}.
 */
public final class Kerberos implements PduDissector, TcpPdus {
    public static final int[] PORTS = {88};
    /** dissect_kerberos_common's limit on a record mark's length. */
    static final long MAX_RECORD = 10 * 1024 * 1024;

    /** One message of the frame: its bytes, how its walk ended, whether it is a TCP PDU. */
    private record Msg(Tvb t, boolean rm, LayerTree.End end, boolean continuation, int call, boolean reassembled) { }

    private final List<Msg> msgs = new ArrayList<>(2);
    private long frame = -1;
    private int calls;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "kerberos"; }

    @Override
    public Object newSession() { return new Object(); }

    private static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** The APPLICATION tags dissect_kerberos_common accepts without a record mark. */
    static boolean messageTag(int tag) {
        return tag == 1 || tag == 2 || tag == 3 || tag >= 10 && tag <= 15 || tag >= 20 && tag <= 22 || tag >= 25 && tag <= 30;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            msgs.clear();
            frame = ctx.frame;
            calls = 0;
        }
        calls++;
        if (ctx.datagram) {
            datagram(s, off, len, ctx);
        } else {
            segment(s, off, len, ctx);
        }
    }

    /** dissect_kerberos_udp. */
    private void datagram(MemorySegment s, long off, int len, PduContext ctx) {
        if (len < 1 || u8(s, off) <= 0x10) {
            ctx.declined = true; // KRB4's dissector (not built) or nothing: the datagram is data
            return;
        }
        int id = u8(s, off);
        int tag = id & 0x1f;
        if (tag == 0x1f) {
            // get_ber_identifier's long tag form
            tag = 0;
            for (int i = 1; i <= 4 && i < len; i++) {
                int c = u8(s, off + i);
                tag = tag << 7 | c & 0x7f;
                if ((c & 0x80) == 0) {
                    break;
                }
            }
        }
        if (id >> 6 != 1 || !messageTag(tag)) {
            ctx.declined = true;
            return;
        }
        ctx.columns.setProtocol("KRB5");
        ctx.columns.setInfo("");
        int rep = Math.max(len, ctx.reportedLength);
        one(new Tvb(s, off, len, rep, ctx.fragment), false, ctx);
    }

    /** dissect_kerberos_tcp: tcp_dissect_pdus with a 4-byte fixed part, the record mark. */
    private void segment(MemorySegment s, long off, int len, PduContext ctx) {
        ctx.columns.setProtocol("KRB5");
        ctx.columns.setInfo("");
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 4) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 4) {
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                msgs.add(new Msg(new Tvb(s, off + pos, remaining, ctx.truncated ? 4 : remaining), true,
                        ctx.truncated ? LayerTree.End.SHORT : LayerTree.End.MALFORMED, true, calls, ctx.reassembled));
                return;
            }
            long mark = (long) u8(s, off + pos) << 24 | u8(s, off + pos + 1) << 16 | u8(s, off + pos + 2) << 8 | u8(s, off + pos + 3);
            long plen = (mark & 0x7fffffffL) + 4;
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) Math.min(plen - remaining, UNTIL_FIN - 1L);
                return;
            }
            int cap = (int) Math.min(remaining, plen);
            int rep = (int) Math.min(plen, Integer.MAX_VALUE);
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > cap;
            one(new Tvb(s, off + pos, cap, rep, fragment), true, ctx);
            pos += (int) Math.min(plen, Integer.MAX_VALUE);
            if (plen > Integer.MAX_VALUE) {
                break;
            }
        }
    }

    /** dissect_kerberos_common for one message, without a tree: the columns and how the walk ends. */
    private void one(Tvb t, boolean rm, PduContext ctx) {
        if (rm && (t.u32(0) & 0x7fffffffL) > MAX_RECORD) {
            ctx.columns.setInfo("Continuation");
            msgs.add(new Msg(t, true, LayerTree.End.OK, true, calls, ctx.reassembled));
            return;
        }
        KrbWalk w = new KrbWalk(rm);
        LayerTree.End end = walk(w, t, Tree.NOTHING, rm);
        if (w.info != null) {
            ctx.columns.setInfo(w.info);
        }
        if (end != LayerTree.End.OK) {
            ctx.columns.appendInfo(end.marker());
        }
        msgs.add(new Msg(t, rm, end, false, calls, ctx.reassembled));
    }

    private static LayerTree.End walk(KrbWalk w, Tvb t, Tree krb, boolean rm) {
        return walk(w, t, krb, rm, new int[1]);
    }

    /**
     * The message's walk; over TCP dissect_kerberos_tcp_pdu sets {@code pinfo->fragmented}, so a
     * read past a PDU's reported bytes shows as "[BoundErrorUnreassembled Packet]" there.
     */
    private static LayerTree.End walk(KrbWalk w, Tvb t, Tree krb, boolean rm, int[] used) {
        try {
            used[0] = w.message(t, krb);
            return LayerTree.End.OK;
        } catch (Tvb.Stop stop) {
            used[0] = -1;
            return stop.shown(rm).end();
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !msgs.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("kerberos");
        End end = End.OK;
        for (Msg m : msgs) {
            if (m.continuation()) {
                if (m.end() != End.OK) {
                    end = m.end();
                }
                continue;
            }
            Tree krb = root.protocol("kerberos", "Kerberos");
            KrbWalk w = new KrbWalk(m.rm());
            int[] used = new int[1];
            End e = walk(w, m.t(), krb, m.rm(), used);
            // proto_item_set_len(item, offset) once the message is read; to the end of the bytes otherwise
            int length = used[0] >= 0 ? Math.min(used[0], m.t().cap) : m.t().cap;
            krb.at(m.t().s, m.t().base, length);
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    @Override
    public List<Items.PduSize> pduSizes(long f) {
        List<Items.PduSize> out = new ArrayList<>();
        if (shows(f)) {
            for (Msg m : msgs) {
                if (m.rm()) {
                    out.add(new Items.PduSize(m.t().s, m.t().base, m.t().rep, m.call(), m.reassembled()));
                }
            }
        }
        return out;
    }

    /** tcp_dissect_pdus shows an exception at the PDU it dissected. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = msgs.size() - 1; i >= 0; i--) {
                Msg m = msgs.get(i);
                if (m.end() != End.OK && m.rm()) {
                    marker.at(m.t().s, m.t().base, 0);
                    return;
                }
            }
        }
    }

    @Override
    public String protocolName() { return "KRB5"; }

    /** The items of this frame's Kerberos trees, or null when Kerberos shows nothing in it. */
    Collected treeFields(long f) {
        return fields.of(this, f);
    }
}
