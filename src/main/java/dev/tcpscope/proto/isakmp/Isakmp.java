package dev.tcpscope.proto.isakmp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Datagram;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * ISAKMP, IKEv1 and IKEv2 as Wireshark 4.0.17's packet-isakmp.c dissects them on udp.port 500:
 * Protocol {@code ISAKMP}, Info the exchange type (IKEv2 adds the message id and the initiator
 * and response flags: "IKE_AUTH MID=01 Initiator Request"), the tree {@link IsakmpWalk}'s. A
 * datagram shorter than the header, or whose length field is below it, is declined (the
 * dissector returns 0: UDP shows it as data, the Protocol column already says ISAKMP).
 */
public final class Isakmp implements PduDissector, LayerTree {
    /** UDP_PORT_ISAKMP. */
    public static final int[] UDP_PORTS = {500};

    private final Datagram taken = new Datagram();
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "isakmp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        taken.forget();
        ctx.columns.setProtocol("ISAKMP");
        ctx.columns.setInfo("");
        int rep = ctx.reportedLength;
        boolean fragmented = Datagram.fragmented(ctx);
        Tvb b = new Tvb(s, off, len, rep, fragmented);
        if (rep == 1 && len >= 1 && b.u8(0) != 0xff || rep < IsakmpWalk.HDR) {
            ctx.declined = true;
            ctx.keepColumns = true;
            return;
        }
        try {
            if (b.u32(IsakmpWalk.HDR - 4) < IsakmpWalk.HDR) {
                ctx.declined = true;
                ctx.keepColumns = true;
                return;
            }
        } catch (Tvb.Stop stop) {
            ctx.columns.appendInfo(stop.shown(fragmented).info());
            return;
        }
        taken.keep(ctx, b);
        IsakmpWalk w = new IsakmpWalk(b);
        taken.columns(ctx, w::message, () -> w.info);
    }

    @Override
    public boolean shows(long f) {
        return taken.shows(f);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("isakmp");
        return taken.tree(new IsakmpWalk(taken.bytes())::message, root);
    }

    /** The frame's ISAKMP items for its fields, or null when the frame has no ISAKMP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "ISAKMP"; }
}
