package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * VNC's Remote Framebuffer protocol (RFC 6143) as Wireshark 4.0.17's packet-vnc.c dissects it:
 * on tcp.port 5500, 5501, 5900 and 5901, and by its "tcp" heuristic (a 12-byte "RFB xxx.yyy\n"
 * greeting on any port, which claims the connection with a fresh state). Each segment is one
 * call of {@link VncWalk}: the conversation's handshake state ({@link Conv}) says which message it
 * is until ServerInit; after it a segment to the server's port is a client message, one from it
 * the server messages it holds, a framebuffer update longer than its segment asking TCP for one
 * more segment at a time. Nothing is framed by a length: a segment that does not start a message
 * is read as one, as tshark reads it.
 */
public final class Vnc implements PduDissector, LayerTree {
    public static final int[] TCP_PORTS = {5500, 5501, 5900, 5901};

    private final BooleanSupplier tree;
    /** 4.0's globals vnc_bytes_per_pixel and vnc_depth, shared by every conversation of the read. */
    private final VncWalk.Pixel pixel = new VncWalk.Pixel();
    private final List<Call> calls = new ArrayList<>(2);
    private long frame = -1;
    private final Items.Fields fields = new Items.Fields();

    /** One call of the frame: its bytes and what it started from, to build its tree again. */
    private static final class Call {
        final Tvb t;
        final Conv before;
        final VncWalk.Pixel pixelBefore;
        final int srcPort, dstPort;
        final boolean canDesegment;
        List<byte[]> inflated = List.of();

        Call(Tvb t, Conv before, VncWalk.Pixel pixelBefore, int srcPort, int dstPort, boolean canDesegment) {
            this.t = t;
            this.before = before;
            this.pixelBefore = pixelBefore;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
            this.canDesegment = canDesegment;
        }
    }

    /** {@code tree}: whether frames are dissected with a tree (what packet-vnc.c guards with {@code if (tree)} runs only then). */
    public Vnc(BooleanSupplier tree) {
        this.tree = tree;
    }

    @Override
    public String name() { return "vnc"; }

    @Override
    public Object newSession() { return new Conv(); }

    /** test_vnc_protocol: exactly 12 captured bytes that are a version greeting. */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (len != 12) {
            return false;
        }
        try {
            return VncWalk.isVersion(new Tvb(s, off, len, len));
        } catch (Tvb.Stop e) {
            return false;
        }
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            calls.clear();
            frame = ctx.frame;
        }
        Conv conv = ctx.session instanceof Conv c ? c : new Conv();
        int rep = ctx.truncated ? Integer.MAX_VALUE : len;
        Tvb t = new Tvb(s, off, len, rep);
        Call call = new Call(t, conv.copy(), pixel.copy(), ctx.srcPort, ctx.dstPort, ctx.canDesegment);
        AppColumns col = ctx.columns;
        VncWalk.Cols cols = new VncWalk.Cols() {
            @Override public void protocol(String p) { col.setProtocol(p); }
            @Override public void set(String text) { col.setInfo(text); }
            @Override public void appendSep(String sep, String text) {
                // a full column takes nothing more: no need to measure it again for each message
                if (col.info().length() < AppColumns.MAX_INFO - 1) {
                    col.appendSeparated(sep, text);
                }
            }
        };
        VncWalk w = new VncWalk(t, conv, pixel, cols, tree.getAsBoolean(), ctx.frame, ctx.srcPort, ctx.dstPort, ctx.canDesegment);
        End end = w.walk(Tree.NOTHING);
        call.inflated = w.inflated;
        calls.add(call);
        if (end != End.OK) {
            col.appendInfo(end.marker());
            ctx.exception = true;
            return;
        }
        if (w.desegOffset >= 0) {
            ctx.desegmentOffset = w.desegOffset;
            ctx.desegmentLength = w.desegLength;
        }
    }

    /** tshark -2: the second pass does not call VNC for a segment that only starts or continues a PDU. */
    @Override
    public void uncall(long f) {
        if (f == frame && !calls.isEmpty()) {
            calls.remove(calls.size() - 1);
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !calls.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        for (Call c : calls) {
            protocols.accept("vnc");
            VncWalk w = new VncWalk(c.t, c.before.copy(), c.pixelBefore.copy(), VncWalk.Cols.NONE, true, f,
                    c.srcPort, c.dstPort, c.canDesegment);
            w.again = c.inflated.iterator();
            End e = w.walk(root);
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    @Override
    public void sources(long f, BiConsumer<String, byte[]> source) {
        if (shows(f)) {
            for (Call c : calls) {
                for (byte[] b : c.inflated) {
                    if (b != null) {
                        source.accept("Uncompressed ZRLE data", b);
                    }
                }
            }
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "VNC"; }
}
