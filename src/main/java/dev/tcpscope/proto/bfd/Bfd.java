package dev.tcpscope.proto.bfd;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Datagram;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Bidirectional Forwarding Detection as Wireshark 4.0.17's packet-bfd.c dissects it over UDP:
 * control packets (RFC 5880, and draft-katz-ward-bfd's version 0) on udp.port 3784 (single hop,
 * RFC 5881), 4784 (multihop, RFC 5883), 6784 (micro-BFD on LAG members, RFC 7130) and 7784
 * (S-BFD, RFC 7881), Protocol {@code BFD Control}; echo packets on udp.port 3785, Protocol
 * {@code BFD Echo}, whose content only their sender understands. One instance per dissector
 * (packet-bfd.c registers two protocols, {@code bfd} and {@code bfd_echo}); the walk is
 * {@link BfdWalk}'s, for the columns and for the tree.
 */
public final class Bfd implements PduDissector, LayerTree {
    /** UDP_PORT_RANGE_BFD_CTRL. */
    public static final int[] CONTROL_PORTS = {3784, 4784, 6784, 7784};
    /** UDP_PORT_BFD_ECHO. */
    public static final int[] ECHO_PORTS = {3785};

    private final boolean echo;
    private final BooleanSupplier tree;
    private final Items.Fields fields = new Items.Fields();
    private final Datagram taken = new Datagram();

    /**
     * @param echo the echo dissector ({@code bfd_echo}) rather than the control one ({@code bfd})
     * @param tree whether tshark builds a tree for the frames: packet-bfd.c adds the protocol
     *     item, whose length is the message's own Length byte, only then
     */
    public Bfd(boolean echo, BooleanSupplier tree) {
        this.echo = echo;
        this.tree = tree;
    }

    @Override
    public String name() { return echo ? "bfd_echo" : "bfd"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Tvb bytes = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        taken.keep(ctx, bytes);
        if (echo) {
            ctx.columns.setProtocol("BFD Echo");
            ctx.columns.setInfo("Originator specific content");
            return;
        }
        ctx.columns.setProtocol("BFD Control");
        ctx.columns.setInfo(""); // col_clear
        BfdWalk w = new BfdWalk(bytes, tree.getAsBoolean());
        taken.columns(ctx, w::control, () -> w.info);
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
        protocols.accept(name());
        BfdWalk w = new BfdWalk(taken.bytes(), true);
        return taken.tree(echo ? w::echo : w::control, root);
    }

    /** The frame's items of this protocol for its fields, or null when the frame has none. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return echo ? "BFD Echo" : "BFD Control"; }
}
