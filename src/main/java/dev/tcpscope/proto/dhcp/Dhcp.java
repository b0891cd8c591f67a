package dev.tcpscope.proto.dhcp;

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
 * DHCP and BOOTP (RFC 951, RFC 2131, RFC 2132) as Wireshark 4.0.17's packet-dhcp.c dissects them
 * on udp.port 67, 68 and 4011 (proxyDHCP, where the magic cookie must be there): the Protocol
 * column is {@code BOOTP}, or {@code DHCP} when a message type option (53) is found; Info is
 * "DHCP Discover - Transaction ID 0x..." (the type padded to eight characters) or, for BOOTP,
 * "Boot Request from MAC (name)" / "Boot Reply". The tree and fields are {@link DhcpWalk}'s.
 *
 * <p>Only the current frame's message is kept (its bytes are the frame's); nothing is carried
 * from one frame to the next.
 */
public final class Dhcp implements PduDissector, LayerTree {
    /** packet-dhcp.c DHCP_UDP_PORT_RANGE "67-68,4011". */
    public static final int[] UDP_PORTS = {67, 68, 4011};
    private static final int PROXY_PORT = 4011;

    private final Datagram taken = new Datagram();
    private boolean proxy;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "dhcp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        boolean px = ctx.srcPort == PROXY_PORT || ctx.dstPort == PROXY_PORT;
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        if (px && !(len >= DhcpWalk.VENDOR + 4 && b.u32(DhcpWalk.VENDOR) == DhcpWalk.MAGIC)) {
            ctx.declined = true; // not a DHCP packet at all: the dissector returns 0
            return;
        }
        taken.keep(ctx, b);
        proxy = px;
        DhcpWalk w = new DhcpWalk(b, false, px);
        taken.columns(ctx, w::walk, () -> w.info);
        ctx.columns.setProtocol(w.protocol); // BOOTP or DHCP, as the options found show
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
        protocols.accept("dhcp");
        DhcpWalk w = new DhcpWalk(taken.bytes(), !(root instanceof Collected), proxy);
        if (root instanceof Collected) {
            // -T fields writes the protocol item's final label ("... (Discover)"), which option 53
            // appends to after the item is added: a walk without a tree finds it first
            DhcpWalk first = new DhcpWalk(taken.bytes(), false, proxy);
            try {
                first.walk(Tree.NOTHING);
            } catch (Tvb.Stop stop) {
                // the label as far as the walk got
            }
            w.protocolLabel(first.protocolLabel());
        }
        End end = taken.tree(w::walk, root);
        for (int i = 0; i < w.heuristics; i++) {
            protocols.accept("dhcp");
        }
        return end;
    }

    /** The frame's DHCP items for its fields, or null when the frame has no DHCP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "DHCP/BOOTP"; }
}
