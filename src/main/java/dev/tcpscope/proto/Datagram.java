package dev.tcpscope.proto;

import dev.tcpscope.tcp.PduContext;

import java.util.function.Supplier;

/**
 * What a datagram protocol keeps of the message it took in a frame, for its {@code shows},
 * {@code tree} and fields: the frame, the message's bytes, and whether the datagram was an IP
 * fragment left unreassembled (epan/show_exception.c then takes a malformed message for the
 * missing rest). Its two walks run a protocol's walk over the bytes, without a tree for the
 * list's columns and with one for the tree, each ending as the exception that stopped it shows.
 */
public final class Datagram {
    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;

    /** A protocol's walk over its message, for the list when handed {@link Tree#NOTHING}. */
    @FunctionalInterface
    public interface Walk {
        void over(Tree tree);
    }

    /** Whether the datagram {@code ctx} hands over is an unreassembled IP fragment. */
    public static boolean fragmented(PduContext ctx) {
        return ctx.datagram && ctx.fragment;
    }

    /** Nothing taken in this frame. */
    public void forget() {
        frame = -1;
        bytes = null;
    }

    /** Takes {@code b} as the message frame {@code ctx.frame} shows. */
    public void keep(PduContext ctx, Tvb b) {
        frame = ctx.frame;
        bytes = b;
        fragmented = fragmented(ctx);
    }

    public boolean shows(long f) {
        return f == frame && bytes != null;
    }

    /** The message's bytes, as {@link #keep} took them. */
    public Tvb bytes() {
        return bytes;
    }

    /**
     * The list's walk: {@code walk} without a tree, then Info as {@code info} gives it after the
     * walk, with the marker of the exception that ended it (a null Info leaves the column as it
     * is, the marker appended).
     */
    public void columns(PduContext ctx, Walk walk, Supplier<? extends CharSequence> info) {
        String marker = null;
        try {
            walk.over(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            marker = stop.shown(fragmented).info();
        }
        CharSequence text = info.get();
        if (text == null) {
            if (marker != null) {
                ctx.columns.appendInfo(marker);
            }
        } else if (marker == null) {
            ctx.columns.setInfo(text);
        } else {
            ctx.columns.setInfo(text + marker);
        }
    }

    /** The tree's walk: {@link LayerTree.End#OK}, or how the exception that ended it ends the tree. */
    public LayerTree.End tree(Walk walk, Tree root) {
        try {
            walk.over(root);
            return LayerTree.End.OK;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
    }
}
