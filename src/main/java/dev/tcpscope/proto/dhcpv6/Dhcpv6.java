package dev.tcpscope.proto.dhcpv6;

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
 * DHCPv6 (RFC 8415) as Wireshark 4.0.17's packet-dhcpv6.c dissects it on udp.port 546 and 547:
 * Protocol {@code DHCPv6}, Info the message type and, as the options are read, "XID: 0x...",
 * "CID: ..." (the client DUID's bytes) and "IAA: ..." (each IA address), a relay message's
 * "L: link-address" followed by the message it carries. The tree is {@link Dhcpv6Walk}'s. Every
 * datagram is taken: one cut before its message type keeps an empty Info with the exception's
 * marker.
 *
 * <p>Only the current frame's message is kept (its bytes are the frame's); nothing is carried
 * from one frame to the next.
 */
public final class Dhcpv6 implements PduDissector, LayerTree {
    /** UDP_PORT_DHCPV6_DOWNSTREAM and UDP_PORT_DHCPV6_UPSTREAM. */
    public static final int[] UDP_PORTS = {546, 547};

    private final Datagram taken = new Datagram();
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "dhcpv6"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (len <= 0) {
            // no byte of the payload captured: packet-udp.c hands it to no one, UDP keeps its columns
            taken.forget();
            ctx.declined = true;
            return;
        }
        ctx.columns.setProtocol("DHCPv6");
        ctx.columns.setInfo("");
        Tvb b = new Tvb(s, off, Math.max(len, 0), ctx.reportedLength, false);
        taken.keep(ctx, b);
        Dhcpv6Walk w = new Dhcpv6Walk(b, false);
        taken.columns(ctx, w::walk, () -> w.info);
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
        End end = taken.tree(new Dhcpv6Walk(taken.bytes(), !(root instanceof Collected))::walk, root);
        protocols.accept("dhcpv6");
        return end;
    }

    /** The frame's DHCPv6 items for its fields, or null when the frame has no DHCPv6 message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "DHCPv6"; }
}
