package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tvb;

/**
 * One connection-oriented PDU of a frame (e_dce_cn_common_hdr_t and what packet-dcerpc.c decided
 * about it on its first sight): its bytes, the call it belongs to, the interface its stub went
 * to, its authentication trailer and its fragment's fate. The tree is built again from it.
 */
final class Pdu {
    /** The PDU's bytes: {@code cap} captured of {@code frag_len} reported. */
    final Tvb b;
    /** The offset of the PDU in the segment's bytes, for tcp_dissect_pdus's items. */
    final long segment;
    boolean le;
    int ptype, flags, fragLen, authLen;
    long callId;
    int ctxId = -1, opnum = -1;

    /** The call a request/response/fault was matched with (dcerpc_call_value), or null. */
    Dcerpc.Call call;
    /** The auth trailer: its offset in the PDU (-1: none), type, level, pad length, context id. */
    int authOff = -1, authType, authLevel, authPad;
    long authCtx;
    /** What the auth verifier's dissector found (Ntlmssp.Message or GssApi.Blob), for the tree. */
    Object authMsg;

    /** How the stub was handled (dissect_dcerpc_cn_stub). */
    static final int STUB_NONE = 0, STUB_FRAGMENT = 1, STUB_REASSEMBLED = 2, STUB_REAS_LATER = 3;
    int stub = STUB_NONE;
    /** The stub's offset in the PDU and its length without the auth trailer. */
    int stubOff, stubLen;
    /** A reassembled stub: the frames of its fragments with their lengths, and its bytes. */
    int[] fragFrames, fragLens;
    byte[] reassembled;
    /** The frame a fragment was reassembled in (-2 only), else 0. */
    int reassembledIn;
    /** A response's request frame and delta; a request's response frame (-2 only). */
    int requestIn, responseIn;
    long delta;
    /** Info has the " # " delimiter before this PDU (a frame's later PDU after a nonzero context id). */
    boolean multiple;
    LayerTree.End end = LayerTree.End.OK;

    Pdu(Tvb b, long segment) {
        this.b = b;
        this.segment = segment;
    }

    int u8(int off) {
        return b.u8(off);
    }

    int u16(int off) {
        b.need(off, 2);
        int v = b.u8(off) | b.u8(off + 1) << 8;
        return le ? v : Integer.reverseBytes(v) >>> 16;
    }

    long u32(int off) {
        b.need(off, 4);
        long v = b.u8(off) | b.u8(off + 1) << 8 | b.u8(off + 2) << 16 | (long) b.u8(off + 3) << 24;
        return le ? v : Integer.toUnsignedLong(Integer.reverseBytes((int) v));
    }

    /** A UUID as dcerpc_tvb_get_uuid reads it (its first three fields in the data representation's order). */
    String uuid(int off) {
        b.need(off, 16);
        long d1 = u32(off);
        int d2 = u16(off + 4);
        int d3 = u16(off + 6);
        StringBuilder sb = new StringBuilder(36);
        sb.append(String.format("%08x-%04x-%04x-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02x", b.u8(off + i)));
        }
        return sb.toString();
    }

    boolean first() {
        return (flags & 1) != 0;
    }

    boolean last() {
        return (flags & 2) != 0;
    }

    boolean notFragmented() {
        return (flags & 3) == 3;
    }
}
