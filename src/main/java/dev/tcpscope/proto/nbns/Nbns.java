package dev.tcpscope.proto.nbns;

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
 * The NetBIOS Name Service as Wireshark 4.0.17's packet-nbt.c dissects it on udp.port 137:
 * Protocol {@code NBNS}, Info the operation ("Name query", "Registration", "Release response,
 * Name is in conflict"), then a request's questions ("NB WORKGROUP&lt;1c&gt;") or a response's
 * answers ("NB 10.0.0.1", "NBSTAT"); the tree is {@link NbnsWalk}'s. Every datagram with a
 * captured byte is taken, however short: a message cut before its flags keeps an empty Info with
 * the exception's marker. One whose payload was not captured at all stays UDP's.
 */
public final class Nbns implements PduDissector, LayerTree {
    /** UDP_PORT_NBNS. */
    public static final int[] UDP_PORTS = {137};

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private final Items.Fields fields = new Items.Fields();
    private final BooleanSupplier tree;
    private final BooleanSupplier columns;

    /**
     * @param tree whether tshark builds a tree for the frames (an NBSTAT name table is read only then)
     * @param columns whether tshark fills the columns while it builds the trees (an answer's
     *     address is read for the Info column only then)
     */
    public Nbns(BooleanSupplier tree, BooleanSupplier columns) {
        this.tree = tree;
        this.columns = columns;
    }

    @Override
    public String name() { return "nbns"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (len <= 0) {
            // no byte of the payload captured: packet-udp.c hands it to no one, UDP keeps its columns
            frame = -1;
            bytes = null;
            ctx.declined = true;
            return;
        }
        ctx.columns.setProtocol("NBNS");
        ctx.columns.setInfo("");
        fragmented = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, fragmented);
        frame = ctx.frame;
        bytes = b;
        NbnsWalk w = new NbnsWalk(b, tree.getAsBoolean(), false, true);
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
        protocols.accept("nbns");
        try {
            new NbnsWalk(bytes, true, columns.getAsBoolean()).message(root);
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
        return End.OK;
    }

    /** The frame's NBNS items for its fields, or null when the frame has no NBNS message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "NBNS"; }
}
