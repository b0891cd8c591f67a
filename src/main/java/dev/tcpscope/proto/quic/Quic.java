package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * QUIC (RFC 9000, RFC 9001, RFC 9369) as Wireshark 4.0.17's packet-quic.c dissects it with its
 * default preferences and no key log: registered on no UDP port, found by its "udp" heuristic
 * (a long header of a known version with CID lengths of at most 20, or a short header whose DCID
 * starts with a known Connection ID), which makes the UDP conversation QUIC's; {@code -d
 * udp.port==N,quic} on any port. The Protocol column is {@code QUIC}; Info is the last packet's
 * summary of the datagram ("Initial, DCID=..., SCID=..., PKN: 0, CRYPTO, PADDING", "Handshake,
 * DCID=...", "Protected Payload (KP0), DCID=...", "Retry, SCID=...", "Version Negotiation, ...").
 * Initial packets are opened with the keys derived from the client's first DCID; Handshake,
 * 0-RTT and 1-RTT packets stay protected, as tshark shows them without secrets.
 *
 * <p>State across frames: the connections ({@link QuicConnections}, at most
 * {@link QuicConnections#MAX_CONNECTIONS}) and their Initial CRYPTO streams (at most
 * {@link QuicCryptoStream#MAX_BYTES} bytes a side). The frame just dissected is kept for its tree.
 */
public final class Quic implements PduDissector, LayerTree, dev.tcpscope.proto.tls.TlsQuic.Carrier {
    private final QuicConnections conns = new QuicConnections();

    private long frame = -1;
    private QuicWalk.Dgram dgram;
    private MemorySegment seg;
    private long off;
    private int cap, rep;
    private boolean fragmented;
    private long conversation, source, destination;
    private End end = End.OK;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "quic"; }

    /** No key for a short header's heuristic lookup by conversation: a claimed conversation never gets there. */
    private static final long NO_CONVERSATION = 0x5a5a5a5a5a5a5a5aL;

    /** dissect_quic_heur. */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (len < 13) {
            return false;
        }
        Tvb t = new Tvb(s, off, len, len);
        int flags = t.u8(0);
        if ((flags & 0x80) == 0) {
            if (!conns.anyCid() || len < 1 + 1 + 1 + 16) {
                return false;
            }
            int dl = Math.min(20, len - 1 - 1 - 16);
            QuicConnections.Cid dcid = QuicConnections.Cid.of(t.copy(1, dl));
            return conns.find(QuicConnections.SHORT, dcid, NO_CONVERSATION, 0).conn != null;
        }
        int version = (int) t.u32(1);
        if (QuicCrypto.draft(version) < 11) {
            return false;
        }
        int dcil = t.u8(5);
        if (dcil > 20) {
            return false;
        }
        int at = 6 + dcil;
        if (at >= len) {
            return false;
        }
        return t.u8(at) <= 20;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        frame = ctx.frame;
        seg = s;
        this.off = off;
        cap = len;
        rep = ctx.reportedLength;
        fragmented = ctx.fragment;
        conversation = ctx.conversation;
        source = ctx.source;
        destination = ctx.destination;
        dgram = new QuicWalk.Dgram();
        ctx.columns.setProtocol("QUIC");
        QuicWalk w = walk(Tree.NOTHING, true);
        tlsThrew = false;
        end = run(w);
        StringBuilder info = w.info;
        if (info.length() > 0) {
            ctx.columns.setInfo(info);
        }
        if (end != End.OK && !tlsThrew) {
            // show_exception appends the marker to whatever Info holds (UDP's line when QUIC wrote nothing yet)
            ctx.columns.appendInfo(end == End.SHORT ? "[Packet size limited during capture]"
                    : end == End.UNREASSEMBLED ? "[BoundErrorUnreassembled Packet]" : "[Malformed Packet]");
        }
        ctx.exception = end != End.OK;
    }

    /** Whether the frame's dissection ended on TLS's exception (the marker then names TLS, Info keeps no mark). */
    private boolean tlsThrew;

    private End run(QuicWalk w) {
        try {
            return Tvb.walk(w::datagram);
        } catch (QuicFrames.TlsThrew e) {
            tlsThrew = true;
            return End.MALFORMED;
        }
    }

    private QuicWalk walk(Tree root, boolean first) {
        Tvb t = new Tvb(seg, off, cap, rep, fragmented);
        QuicWalk w = new QuicWalk(conns, t, root, first, dgram, conversation, source, destination);
        w.frame = (int) frame;
        return w;
    }

    @Override
    public boolean shows(long f) {
        return f == frame && dgram != null;
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("quic");
        QuicWalk w = walk(root, false);
        End e = run(w);
        for (int i = 0; i < w.tlsCalls; i++) {
            protocols.accept("tls");
        }
        return e;
    }

    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Object[] o : dgram.sources) {
            source.accept((String) o[0], (byte[]) o[1]);
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return tlsThrew ? "TLS" : "QUIC"; }

    private final dev.tcpscope.proto.tls.TlsQuic.FieldCache tlsFields = new dev.tcpscope.proto.tls.TlsQuic.FieldCache();

    @Override
    public void tree(long f, Tree root) {
        tree(f, root, p -> { });
    }

    @Override
    public dev.tcpscope.proto.tls.TlsQuic.FieldCache tlsFields() { return tlsFields; }

    /** How many connections are tracked (for tests of the cap). */
    int connections() { return conns.size(); }
}
