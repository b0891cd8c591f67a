package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduDissector;

/**
 * vnc_server_to_client (packet-vnc.c, Wireshark 4.0.17): the server messages that fill the bytes
 * (RFC 6143 §7.6), each under its "Server Message Type" item: FramebufferUpdate (its rectangles,
 * {@link VncRects}), SetColourMapEntries, Bell, ServerCutText, TightVNC's
 * EndContinuousUpdates and TigerVNC's Fence; an unknown type takes the rest of the bytes. A
 * message that needs more bytes than are there asks TCP for one more segment (when it may) and
 * shows "See further on for dissection of the complete (reassembled) PDU"; otherwise the next
 * message is read where that one stopped.
 */
final class VncServer {
    private final VncWalk w;
    private final Tvb t;

    VncServer(VncWalk w) {
        this.w = w;
        this.t = w.t;
    }

    /** The loop over the messages: each reads its type byte at least, so it ends with the bytes. */
    void messages(Tree vnc) {
        int[] off = {0};
        while (true) {
            int start = off[0];
            int type = t.u8(start);
            Tree m = w.uint(vnc, "vnc.server_message_type", start, 1);
            off[0] = start + 1;
            long needed = 0;
            switch (type) {
                case 0 -> needed = new VncRects(w, off).update(m);
                case 1 -> needed = colormap(m, off);
                case 2 -> w.cols.appendSep("; ", "Server ring bell on client");
                case 3 -> needed = cutText(m, off);
                case 128 -> needed = new VncMirrorLink(w, off).message(m);
                case 150 -> {
                    w.cols.appendSep("; ", "Server End Continuous Updates");
                    off[0] += 1;
                }
                case 248 -> {
                    int end = fence(m, off[0]);
                    if (end < 0) {
                        needed = 8;
                    } else {
                        off[0] = end;
                    }
                }
                default -> {
                    w.cols.appendSep("; ", "Unknown server message type");
                    off[0] = t.rep;
                }
            }
            // vnc_server_to_client keeps what a message needs in a gint: a need of 2^31 bytes or more
            // (a raw rectangle of 65535 x 65535 pixels) is negative there and asks for nothing
            if ((int) needed > 0 && w.canDesegment) {
                w.expertItem(m, "vnc.reassemble", Tree.Severity.CHAT, Tree.Group.REASSEMBLE,
                        "See further on for dissection of the complete (reassembled) PDU", start, w.remaining(start));
                w.desegOffset = start;
                w.desegLength = PduDissector.ONE_MORE_SEGMENT;
                return;
            }
            if (off[0] >= t.rep || off[0] < 0) {
                return;
            }
        }
    }

    /**
     * vnc_fence at {@code off} (after the type byte): 3 bytes of padding, the flags, the payload's
     * length and payload. Returns -1 when the bytes are short (more are needed), else the offset after it.
     */
    int fence(Tree m, int off) {
        if (8 > w.remaining(off)) {
            return -1;
        }
        int len = t.u8(off + 7);
        if (8 + len > w.remaining(off)) {
            return -1;
        }
        w.cols.appendSep("; ", "Fence");
        w.none(m, "vnc.padding", off, 3);
        Tree flags = w.uint(m, "vnc.fence_flags", off + 3, 4);
        // proto_tree_add_bitmask: the set flags' titles after the value
        long v = t.u32(off + 3);
        StringBuilder label = new StringBuilder("Fence flags: 0x" + dev.tcpscope.proto.Registry.hex(v, 8));
        for (String f : new String[] {"vnc.fence_request", "vnc.fence_sync_next", "vnc.fence_block_after", "vnc.fence_block_before"}) {
            w.uint(flags, f, off + 3, 4);
            if ((v & VncWalk.REG.row(f).mask()) != 0) {
                label.append(", ").append(VncWalk.REG.row(f).title());
            }
        }
        flags.relabel(label.toString());
        w.uint(m, "vnc.fence_payload_length", off + 7, 1);
        if (len > 0) {
            w.bytes(m, "vnc.fence_payload", off + 8, len);
        }
        return off + 8 + len;
    }

    /** vnc_server_set_colormap_entries; what more it needs (0: none). */
    private long colormap(Tree m, int[] off) {
        w.cols.appendSep("; ", "Server set colormap entries");
        int colors = t.u16(4); // packet-vnc.c reads the count at offset 4 of the bytes, whichever message this is
        if (3 > w.remaining(off[0])) {
            return 3;
        }
        w.none(m, "vnc.padding", off[0], 1);
        off[0] += 1;
        w.uint(m, "vnc.colormap_first_color", off[0], 2);
        off[0] += 2;
        Tree n = w.uint(m, "vnc.colormap_groups", off[0], 2);
        if (colors > 10000) {
            n.expert("vnc.too_many_colors", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Too many colors (" + colors + "), aborting dissection");
            return 0;
        }
        long needed = colors * 6L + 5;
        if (needed > w.remaining(off[0])) {
            return needed;
        }
        off[0] += 2;
        Tree groups = w.none(m, "vnc.color_groups", off[0], colors * 6);
        for (int i = 0; i < colors; i++) {
            Tree g = w.text(groups, "Color group #" + (i + 1), off[0], 6);
            w.uint(g, "vnc.colormap_red", off[0], 2);
            w.uint(g, "vnc.colormap_green", off[0] + 2, 2);
            w.uint(g, "vnc.colormap_blue", off[0] + 4, 2);
            off[0] += 6;
        }
        return 0;
    }

    /** vnc_server_cut_text; as 4.0 does, it answers its end offset, which asks for more bytes. */
    private long cutText(Tree m, int[] off) {
        w.cols.appendSep("; ", "Server cut text");
        long len = t.u32(off[0]);
        Tree item = w.uint(m, "vnc.server_cut_text_len", off[0], 4);
        off[0] += 4;
        if (len > 100000) {
            item.expert("vnc.too_many_cut_text", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Too much cut text (" + len + "), aborting dissection");
            return 0;
        }
        if (len > w.remaining(off[0])) {
            return len;
        }
        w.string(m, "vnc.server_cut_text", off[0], len);
        off[0] += (int) len;
        return off[0];
    }
}
