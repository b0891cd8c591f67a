package dev.tcpscope.proto.nbns;

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

    private final Datagram taken = new Datagram();
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
            taken.forget();
            ctx.declined = true;
            return;
        }
        ctx.columns.setProtocol("NBNS");
        ctx.columns.setInfo("");
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        taken.keep(ctx, b);
        NbnsWalk w = new NbnsWalk(b, tree.getAsBoolean(), false, true);
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
        protocols.accept("nbns");
        return taken.tree(new NbnsWalk(taken.bytes(), true, columns.getAsBoolean())::message, root);
    }

    /** The frame's NBNS items for its fields, or null when the frame has no NBNS message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "NBNS"; }
}
