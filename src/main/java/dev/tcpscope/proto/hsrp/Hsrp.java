package dev.tcpscope.proto.hsrp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Datagram;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;
import dev.tcpscope.tcp.UdpKeys;

import java.lang.foreign.MemorySegment;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Cisco's Hot Standby Router Protocol as Wireshark 4.0.17's packet-hsrp.c dissects it on
 * udp.port 1985 and 2029: which version a datagram is comes from where it goes, not from its
 * bytes. To 224.0.0.2 it is HSRPv1 (Protocol {@code HSRP}, Info "Hello (state Active)"), to
 * 224.0.0.102 or over IPv6 to port 2029 HSRPv2 (Protocol {@code HSRPv2}, Info from its Group or
 * Interface State TLV); the tree is {@link HsrpWalk}'s. A datagram to another port is declined
 * (the dissector returns 0: UDP shows it as data); one to port 1985 or 2029 of another address is
 * taken and shows nothing, as packet-hsrp.c returns its length without adding anything.
 */
public final class Hsrp implements PduDissector, LayerTree {
    /** UDP_PORT_HSRP and UDP_PORT_HSRP2_V6. */
    public static final int[] UDP_PORTS = {1985, 2029};

    private static final long V1_GROUP = UdpKeys.endpoint(new byte[] {(byte) 224, 0, 0, 2}, UdpKeys.HOST);
    private static final long V2_GROUP = UdpKeys.endpoint(new byte[] {(byte) 224, 0, 0, 102}, UdpKeys.HOST);

    private final Datagram taken = new Datagram();
    private boolean v2;
    private final Items.Fields fields = new Items.Fields();
    private final BooleanSupplier tree;

    /**
     * @param tree whether tshark builds a tree for the frames: packet-hsrp.c reads HSRPv2's
     *     authentication TLVs and stops at an unknown IP version only then, which the Info column
     *     and the exception marker show
     */
    public Hsrp(BooleanSupplier tree) {
        this.tree = tree;
    }

    @Override
    public String name() { return "hsrp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        taken.forget();
        if (ctx.dstPort != 1985 && ctx.dstPort != 2029) {
            ctx.declined = true;
            return;
        }
        boolean one = !ctx.ipv6 && ctx.destinationHost == V1_GROUP;
        boolean two = !ctx.ipv6 && ctx.destinationHost == V2_GROUP || ctx.ipv6 && ctx.dstPort == 2029;
        if (!one && !two) {
            return;
        }
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        taken.keep(ctx, b);
        v2 = two;
        ctx.columns.setProtocol(two ? "HSRPv2" : "HSRP");
        HsrpWalk w = new HsrpWalk(b, tree.getAsBoolean(), p -> { });
        taken.columns(ctx, root -> walk(w, root), () -> w.info);
    }

    private void walk(HsrpWalk w, Tree root) {
        if (v2) {
            w.v2(root);
        } else {
            w.v1(root);
        }
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
        protocols.accept("hsrp");
        HsrpWalk w = new HsrpWalk(taken.bytes(), true, protocols);
        return taken.tree(t -> walk(w, t), root);
    }

    /** The frame's HSRP items for its fields, or null when the frame has no HSRP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "HSRP"; }
}
