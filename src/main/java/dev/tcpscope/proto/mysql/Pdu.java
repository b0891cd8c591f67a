package dev.tcpscope.proto.mysql;

import dev.tcpscope.proto.LayerTree;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One MySQL packet as tcp_dissect_pdus hands it to dissect_mysql_pdu: its bytes ({@code cap}
 * captured of the {@code rep} its 3-byte length announces plus the 4-byte header, from {@code
 * base} of {@code s}), the conversation state before it and how its dissection ended. Reads are
 * bounds-checked: past the captured bytes they stop the walk as Wireshark's exceptions do
 * ({@link Stop}).
 */
final class Pdu {
    final MemorySegment s;
    final long base;
    final int cap, rep;
    /** The PDU runs past a segment that could not be desegmented: a read past it is a FragmentBoundsError. */
    boolean fragment;
    /** Where the bytes tcp_dissect_pdus was handed start in {@link #s}. */
    long segment;
    /** The frame's number and whether the PDU goes from the server (not to the matched port). */
    int frame;
    boolean response;
    /** The conversation as it was before this PDU. */
    Conn before;
    /** How the walk ended, once walked at dissection. */
    LayerTree.End end = LayerTree.End.OK;
    /** Which call of the dissector in the frame carried it, and whether that call's bytes were reassembled. */
    int call;
    boolean reassembled;
    /** The protocol item's label as the dissection left it ("MySQL Protocol - response OK"). */
    String label;
    /** The login asked for SSL: TLS takes the conversation after this frame. */
    boolean startTls;

    Pdu(MemorySegment s, long base, int cap, int rep) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.rep = rep;
    }

    /** The captured end, in PDU offsets. */
    int capEnd() {
        return Math.min(cap, rep);
    }

    /** A bounds error: past the reported length (malformed) or only past the captured bytes. */
    static final class Stop extends RuntimeException {
        final LayerTree.End end;

        Stop(LayerTree.End end) {
            super(null, null, false, false);
            this.end = end;
        }
    }

    /** Checks that {@code [off, off + n)} exists (tvb_ensure_bytes_exist). */
    void need(long off, long n) {
        if (off < 0 || n < 0 || off + n > capEnd()) {
            throw new Stop(off < 0 || n < 0 || off + n > rep ? LayerTree.End.MALFORMED
                    : fragment ? LayerTree.End.UNREASSEMBLED : LayerTree.End.SHORT);
        }
    }

    int u8(int off) {
        need(off, 1);
        return s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }

    int le16(int off) {
        need(off, 2);
        return u8(off) | u8(off + 1) << 8;
    }

    int be16(int off) {
        need(off, 2);
        return u8(off) << 8 | u8(off + 1);
    }

    int le24(int off) {
        need(off, 3);
        return u8(off) | u8(off + 1) << 8 | u8(off + 2) << 16;
    }

    long le32(int off) {
        need(off, 4);
        return (long) le16(off) | (long) le16(off + 2) << 16;
    }

    long le64(int off) {
        need(off, 8);
        return le32(off) | le32(off + 4) << 32;
    }

    /** tvb_strnlen(offset, -1) on the captured bytes: the length before the NUL, or -1. */
    int strnlen(int off) {
        if (off > capEnd()) {
            need(off, 0);
        }
        for (int i = off; i < capEnd(); i++) {
            if (s.get(ValueLayout.JAVA_BYTE, base + i) == 0) {
                return i - off;
            }
        }
        return -1;
    }

    /** my_tvb_strsize: the string's length with its NUL, or what remains when there is none. */
    int mySize(int off) {
        int n = strnlen(off);
        return n < 0 ? Math.max(0, rep - off) : n + 1;
    }

    /** tvb_strsize: the length with the NUL; no NUL is a bounds error at the end of the bytes. */
    int strsize(int off) {
        int n = strnlen(off);
        if (n < 0) {
            throw new Stop(capEnd() < rep ? fragment ? LayerTree.End.UNREASSEMBLED : LayerTree.End.SHORT
                    : LayerTree.End.MALFORMED);
        }
        return n + 1;
    }

    /** The remaining reported length from {@code off} (tvb_reported_length_remaining; negative past the end). */
    int remaining(int off) {
        return off > rep ? -1 : rep - off;
    }
}
