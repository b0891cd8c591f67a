package dev.tcpscope.proto.websocket;

import dev.tcpscope.proto.LayerTree;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One WebSocket frame of a segment (or of a reassembled PDU): where its bytes are, its header as
 * dissect_websocket_frame reads it, its unmasked payload and, for the last frame of a message in
 * several, the reassembled message.
 */
final class Frame {
    final MemorySegment s;
    /** The frame's first byte, how many of its bytes are there, and its length by its header. */
    final long base;
    final int cap;
    final long plen;
    /** Where the bytes handed to the dissector start (an exception is shown there). */
    final long segment;
    boolean truncated;
    /** The conversation negotiated permessage-deflate: RSV1 is shown as its own bit. */
    boolean deflate;

    int b0, b1;
    boolean fin, mask;
    int opcode, shortLength, maskOffset, payloadOffset, key;
    /** The payload's length (packet-websocket.c keeps it in a guint: a 64-bit length is cut to 32 bits). */
    long payloadLength;
    /** The header itself runs past the bytes: nothing is shown, the dissection throws before its first item. */
    boolean headerShort;
    /** How the frame's dissection ends: the payload runs past the bytes there are. */
    LayerTree.End end = LayerTree.End.OK;
    /** The unmasked payload (its first 256 KiB), or null for an unmasked frame. */
    byte[] unmasked;
    /** A fragment of a message in several frames; with {@link #message}, the last one. */
    boolean fragmented;
    WebSocket.Message message;
    /** A compressed message's payload inflated (null: not compressed, or nothing came out), or that inflating failed. */
    byte[] inflated;
    boolean inflateFailed;

    Frame(MemorySegment s, long base, int cap, long plen, long segment) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.plen = plen;
        this.segment = segment;
    }

    private int u8(long at) {
        return s.get(ValueLayout.JAVA_BYTE, base + at) & 0xff;
    }

    /** dissect_websocket_frame's reads, in its order. */
    void parse(boolean deflate) {
        this.deflate = deflate;
        b0 = u8(0);
        b1 = u8(1);
        shortLength = b1 & 0x7f;
        maskOffset = 2;
        if (shortLength == 126) {
            if (cap < 4) {
                headerShort = true;
                return;
            }
            payloadLength = u8(2) << 8 | u8(3);
            maskOffset += 2;
        } else if (shortLength == 127) {
            if (cap < 10) {
                headerShort = true;
                return;
            }
            payloadLength = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), base + 6) & 0xffffffffL;
            maskOffset += 8;
        } else {
            payloadLength = shortLength;
        }
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0f;
        mask = (b1 & 0x80) != 0;
        payloadOffset = maskOffset + (mask ? 4 : 0);
        if (mask) {
            if (cap < maskOffset + 4) {
                end = bad();
                return;
            }
            key = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), base + maskOffset);
        }
        if (payloadLength == 0) {
            return;
        }
        long there = Math.max(0, cap - payloadOffset);
        if (mask) {
            int n = (int) Math.min(payloadLength, WebSocket.MAX_UNMASKED);
            if (there < n) {
                end = bad(); // tvb_unmasked reads its bytes before anything of the payload is shown
                return;
            }
            unmasked = WebSocket.unmask(s, base + payloadOffset, n, key);
        } else if (there < payloadLength) {
            end = bad();
        }
    }

    private LayerTree.End bad() {
        return truncated ? LayerTree.End.SHORT : LayerTree.End.MALFORMED;
    }

    /** The bytes the payload's items point into: the unmasked copy or the frame's own. */
    MemorySegment payloadSegment() {
        return unmasked != null ? MemorySegment.ofArray(unmasked) : s;
    }

    long payloadOffset() {
        return unmasked != null ? 0 : base + payloadOffset;
    }

    /** The payload's bytes there are (all of an unmasked copy; a frame's own up to what was captured). */
    int payloadCaptured() {
        return unmasked != null ? unmasked.length : (int) Math.max(0, Math.min(payloadLength, cap - payloadOffset));
    }
}
