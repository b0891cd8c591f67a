package dev.tcpscope.proto.dhcpv6;

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

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "dhcpv6"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (len <= 0) {
            // no byte of the payload captured: packet-udp.c hands it to no one, UDP keeps its columns
            frame = -1;
            bytes = null;
            ctx.declined = true;
            return;
        }
        ctx.columns.setProtocol("DHCPv6");
        ctx.columns.setInfo("");
        fragmented = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, Math.max(len, 0), ctx.reportedLength, false);
        frame = ctx.frame;
        bytes = b;
        Dhcpv6Walk w = new Dhcpv6Walk(b, false);
        String marker = null;
        try {
            w.walk(Tree.NOTHING);
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
        Dhcpv6Walk w = new Dhcpv6Walk(bytes, !(root instanceof Collected));
        End end = End.OK;
        try {
            w.walk(root);
        } catch (Tvb.Stop stop) {
            end = stop.shown(fragmented).end();
        }
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
