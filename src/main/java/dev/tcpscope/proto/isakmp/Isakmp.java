package dev.tcpscope.proto.isakmp;

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
 * ISAKMP, IKEv1 and IKEv2 as Wireshark 4.0.17's packet-isakmp.c dissects them on udp.port 500:
 * Protocol {@code ISAKMP}, Info the exchange type (IKEv2 adds the message id and the initiator
 * and response flags: "IKE_AUTH MID=01 Initiator Request"), the tree {@link IsakmpWalk}'s. A
 * datagram shorter than the header, or whose length field is below it, is declined (the
 * dissector returns 0: UDP shows it as data, the Protocol column already says ISAKMP).
 */
public final class Isakmp implements PduDissector, LayerTree {
    /** UDP_PORT_ISAKMP. */
    public static final int[] UDP_PORTS = {500};

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "isakmp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        frame = -1;
        bytes = null;
        ctx.columns.setProtocol("ISAKMP");
        ctx.columns.setInfo("");
        int rep = ctx.reportedLength;
        fragmented = ctx.datagram && ctx.fragment;
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
        frame = ctx.frame;
        bytes = b;
        IsakmpWalk w = new IsakmpWalk(b);
        String marker = null;
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            marker = stop.shown(fragmented).info();
        }
        ctx.columns.setInfo(marker == null ? w.info : w.info + marker);
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
        protocols.accept("isakmp");
        try {
            new IsakmpWalk(bytes).message(root);
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
        return End.OK;
    }

    /** The frame's ISAKMP items for its fields, or null when the frame has no ISAKMP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "ISAKMP"; }
}
