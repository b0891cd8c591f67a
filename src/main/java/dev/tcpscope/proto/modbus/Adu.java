package dev.tcpscope.proto.modbus;

import dev.tcpscope.proto.LayerTree;

import java.lang.foreign.MemorySegment;

/**
 * One Modbus/TCP ADU of a frame, as tcp_dissect_pdus hands it to dissect_mbtcp_pdu: its bytes
 * ({@code cap} captured of {@code rep} the MBAP length announces, from {@code base} of {@code s}),
 * whether it is a query or a response (by the side of port 502), and what the pairing found.
 * Reads are bounds-checked: past the captured bytes they stop the walk as Wireshark's
 * exceptions do ({@link Stop}).
 */
final class Adu {
    static final int QUERY = 1, RESPONSE = 2, UNKNOWN = 3;

    final MemorySegment s;
    final long base;
    final int cap, rep;
    final int type;
    /** The pairing (packet-mbtcp.c modbus_pkt_info_t). */
    boolean requestFound;
    int requestFrame;
    long delta;
    int regBase, numReg;
    /**
     * The ADU runs past its segment, which could not be desegmented and was not cut by the snap
     * length: tcp_dissect_pdus makes its tvb a fragment, and a read past it is a
     * FragmentBoundsError ("[BoundError Unreassembled Packet]").
     */
    boolean fragment;
    /** Where the bytes tcp_dissect_pdus was handed start in {@link #s}. */
    long segment;
    /** Whether the walk got as far as the Modbus PDU (an exception then is Modbus's, else Modbus/TCP's). */
    boolean inPdu;
    /** How the walk ended, once walked at dissection. */
    LayerTree.End end = LayerTree.End.OK;

    Adu(MemorySegment s, long base, int cap, int rep, int type) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.rep = rep;
        this.type = type;
    }

    /** A bounds error: past the reported length (malformed) or only past the captured bytes. */
    static final class Stop extends RuntimeException {
        final LayerTree.End end;

        Stop(LayerTree.End end) {
            super(null, null, false, false);
            this.end = end;
        }
    }

    /** Checks that {@code [off, off + n)} of a view ending at {@code capEnd}/{@code repEnd} (ADU offsets) exists. */
    void need(int off, int n, int capEnd, int repEnd) {
        if (off < 0 || n < 0 || (long) off + n > capEnd) {
            throw new Stop((long) off + n > repEnd || off < 0 || n < 0 ? LayerTree.End.MALFORMED
                    : fragment ? LayerTree.End.UNREASSEMBLED : LayerTree.End.SHORT);
        }
    }

    int u8(int off, int capEnd, int repEnd) {
        need(off, 1, capEnd, repEnd);
        return s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }

    int u16(int off, int capEnd, int repEnd) {
        need(off, 2, capEnd, repEnd);
        return (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, base + off) & 0xff) << 8
                | s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, base + off + 1) & 0xff;
    }

    long u32(int off, int capEnd, int repEnd) {
        return (long) u16(off, capEnd, repEnd) << 16 | u16(off + 2, capEnd, repEnd);
    }
}
