package dev.tcpscope.proto.bgp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * BGP-4 (RFC 4271) as Wireshark 4.0.17's packet-bgp.c dissects it on tcp.port 179: dissect_bgp
 * scans the segment for the 16-byte all-ones marker (a byte that does not start one is skipped),
 * asks TCP for the rest of a header or a message that runs past the segment, stops with a
 * malformed packet on a header length below 19, and hands each message to dissect_bgp_pdu
 * (one "Border Gateway Protocol" item each, an exception in one shown before the next). Info
 * names each message's type, comma-separated ("UPDATE Message, UPDATE Message").
 */
public final class Bgp implements PduDissector, LayerTree {
    public static final int PORT = 179;
    public static final int[] TCP_PORTS = {PORT};
    static final int MARKER = 16;
    static final int HEADER = 19;
    static final int MAX = 4096;

    private final List<Msg> msgs = new ArrayList<>(2);
    private long frame = -1;
    /** The frame ended in a header whose length is below 19 (show_reported_bounds_error), or a header cut short. */
    private End tail = End.OK;
    /**
     * dissect_bgp showed something for the frame: a message, an error, or bytes it skipped
     * (a call that only asked TCP for more bytes shows nothing).
     */
    private boolean called;
    private final Items.Fields fields = new Items.Fields();
    /** The bytes before the segment's first marker (tshark's "Continuation"), and the segment. */
    private int skipped;
    private MemorySegment segS;
    private long segOff;
    private int segLen;

    @Override
    public String name() { return "bgp"; }

    private static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            msgs.clear();
            tail = End.OK;
            frame = ctx.frame;
            called = false;
        }
        skipped = 0;
        segS = s;
        segOff = off;
        segLen = len;
        ctx.columns.setProtocol("BGP");
        ctx.columns.setInfo("");
        boolean first = true;
        int pos = 0;
        // each step moves on by a byte or by a length of at least 19: the loop ends
        while (pos < len) {
            int remaining = len - pos;
            // the rest of a header is asked for before the marker is looked at
            if (ctx.canDesegment && remaining < HEADER) {
                // packet-bgp.c asks for the rest of the header; TCP then takes the whole next
                // segment into the reassembly, which is what one more segment does here
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                called |= pos > 0;
                return;
            }
            if (first && !markerAt(s, off + pos, Math.min(remaining, MARKER))) {
                // only the bytes before the first message are scanned for a marker; after it,
                // messages follow each other by their lengths, marker or not
                skipped = pos + 1;
                pos++;
                continue;
            }
            if (remaining < HEADER) {
                // tvb_get_ntohs of the length past the bytes
                tail = ctx.truncated ? End.SHORT : End.MALFORMED;
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                ctx.exception = true;
                called = true;
                return;
            }
            int blen = u8(s, off + pos + MARKER) << 8 | u8(s, off + pos + MARKER + 1);
            if (blen < HEADER) {
                tail = End.MALFORMED; // show_reported_bounds_error
                ctx.columns.appendInfo("[Malformed Packet]");
                ctx.exception = true;
                called = true;
                return;
            }
            if (ctx.canDesegment && remaining < blen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = blen - remaining;
                called |= pos > 0;
                return;
            }
            Msg msg = new Msg(s, off + pos, Math.min(remaining, blen), blen);
            msgs.add(msg);
            String type = BgpNames.name(BgpNames.TYPE, msg.raw(MARKER + 2), String.format("Unknown message type (0x%02x)", msg.raw(MARKER + 2)));
            if (first) {
                ctx.columns.setInfo(type);
            } else {
                ctx.columns.appendInfo(", " + type);
            }
            first = false;
            msg.end = new BgpWalk(msg).walk(Tree.NOTHING, p -> { });
            if (msg.end != End.OK) {
                ctx.columns.appendInfo(msg.end == End.SHORT ? "[Packet size limited during capture]" : "[Malformed Packet]");
            }
            pos += blen;
        }
        called = true;
    }

    /** Whether the first {@code n} bytes at {@code at} are all ones (tvb_memcpy of the marker, then memcmp). */
    private static boolean markerAt(MemorySegment s, long at, int n) {
        for (int i = 0; i < n; i++) {
            if (u8(s, at + i) != 0xff) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (called || !msgs.isEmpty());
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("bgp");
        if (skipped > 0) {
            // bytes before the first marker: a BGP item over the whole segment with a "Continuation"
            Tree t = root.protocol("bgp", "Border Gateway Protocol").at(segS, segOff, segLen);
            t.none("bgp.continuation", "Continuation").at(segS, segOff, skipped);
        }
        End end = End.OK;
        for (Msg m : msgs) {
            End e = new BgpWalk(m).walk(root, p -> { });
            if (e != End.OK) {
                end = e;
            }
        }
        return tail != End.OK ? tail : end;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() {
        return "BGP";
    }
}
