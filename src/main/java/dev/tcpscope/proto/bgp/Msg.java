package dev.tcpscope.proto.bgp;

import dev.tcpscope.proto.LayerTree;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One BGP message of a frame as dissect_bgp hands it to dissect_bgp_pdu: {@code cap} bytes
 * captured of the {@code rep} its header's length announces, from {@code base} of {@code s}.
 * Reads are bounds-checked: past the captured bytes they stop the walk as Wireshark's
 * exceptions do ({@link Stop}), malformed past the reported length, else cut by the snap length.
 */
final class Msg {
    final MemorySegment s;
    final long base;
    final int cap, rep;
    /** How the walk ended, once walked at dissection. */
    LayerTree.End end = LayerTree.End.OK;

    Msg(MemorySegment s, long base, int cap, int rep) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.rep = rep;
    }

    /** A bounds error: past the reported length (malformed) or only past the captured bytes. */
    static final class Stop extends RuntimeException {
        final LayerTree.End end;

        Stop(LayerTree.End end) {
            super(null, null, false, false);
            this.end = end;
        }
    }

    /** Checks that {@code [off, off + n)} (message offsets) exists; throws {@link Stop} where Wireshark throws. */
    void need(int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > Math.min(cap, rep)) {
            throw new Stop(off < 0 || n < 0 || (long) off + n > rep ? LayerTree.End.MALFORMED : LayerTree.End.SHORT);
        }
    }

    int u8(int off) {
        need(off, 1);
        return s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }

    int u16(int off) {
        need(off, 2);
        return (s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff) << 8 | s.get(ValueLayout.JAVA_BYTE, base + off + 1) & 0xff;
    }

    long u32(int off) {
        need(off, 4);
        return (long) u16(off) << 16 | u16(off + 2);
    }

    /** Reads without a check: only for bytes already {@link #need}ed. */
    int raw(int off) {
        return s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }
}
