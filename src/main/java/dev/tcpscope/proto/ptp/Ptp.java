package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.Collected;
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
 * PTP over UDP (udp.port 319, event messages, and 320, general messages) as Wireshark 4.0.17's
 * packet-ptp.c takes it: a datagram whose versionPTP nibble is 2 is a PTPv2 message
 * ({@link PtpWalk}); packet-ptp.c's PTPv1 (a 16-bit versionPTP of 1) is not shown yet and such a
 * datagram is left to UDP (docs/PTP.md); any other datagram is taken and shows nothing, as
 * packet-ptp.c returns its length without adding an item. PTP over Ethernet (EtherType 0x88F7)
 * is a layer of the frame's dissection, walked by the same {@link PtpWalk}.
 *
 * <p>Only the current frame's message is kept; nothing is carried from frame to frame (the
 * Sync/Follow_Up and Pdelay analysis is off by default in 4.0.17).
 */
public final class Ptp implements PduDissector, LayerTree {
    /** packet-ptp.c PTP_PORT_RANGE "319-320". */
    public static final int[] UDP_PORTS = {319, 320};

    private final BooleanSupplier tree;
    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private final Items.Fields fields = new Items.Fields();

    /** @param tree whether tshark builds a tree for the frames (packet-ptp.c reads the body only then) */
    public Ptp(BooleanSupplier tree) {
        this.tree = tree;
    }

    @Override
    public String name() { return "ptp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        boolean frag = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, frag);
        frame = ctx.frame;
        fragmented = frag;
        bytes = null;
        int version;
        try {
            if (b.u16(0) == 1) {
                ctx.declined = true; // PTPv1: not shown yet (docs/PTP.md)
                return;
            }
            version = b.u8(1) & 0x0f;
        } catch (Tvb.Stop stop) {
            ctx.columns.appendInfo(stop.shown(frag).info());
            return;
        }
        if (version != 2) {
            return; // is_ptp_v1 and is_ptp_v2 both false: taken, nothing shown
        }
        bytes = b;
        StringBuilder protocol = new StringBuilder();
        StringBuilder info = new StringBuilder();
        Tvb.Stop stop = PtpWalk.walk(b, false, tree.getAsBoolean(), Tree.NOTHING, protocol, info);
        ctx.columns.setProtocol(protocol.toString());
        String marker = stop == null ? null : stop.shown(frag).info();
        if (info.length() > 0) {
            ctx.columns.setInfo(marker == null ? info.toString() : info + marker);
        } else if (marker != null) {
            ctx.columns.appendInfo(marker);
        }
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
        protocols.accept("ptp");
        boolean full = tree.getAsBoolean() || root instanceof Collected;
        Tvb.Stop stop = PtpWalk.walk(bytes, false, full, root, new StringBuilder(), new StringBuilder());
        return stop == null ? End.OK : stop.shown(fragmented).end();
    }

    /** The frame's PTP items for its fields, or null when the frame has no PTP message over UDP. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "PTP"; }
}
