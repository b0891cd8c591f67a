package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * vnc_client_to_server (packet-vnc.c, Wireshark 4.0.17): the one client message a segment to the
 * server's port is read as (RFC 6143 §7.5): SetPixelFormat (which sets the pixel size later
 * framebuffer updates are read with), SetEncodings, FramebufferUpdateRequest, KeyEvent,
 * PointerEvent, ClientCutText, and TightVNC's and TigerVNC's EnableContinuousUpdates and Fence.
 */
final class VncClient {
    private final VncWalk w;
    private final Tvb t;

    VncClient(VncWalk w) {
        this.w = w;
        this.t = w.t;
    }

    void message(Tree vnc) {
        int type = t.u8(0);
        Tree m = w.uint(vnc, "vnc.client_message_type", 0, 1);
        int off = 1;
        switch (type) {
            case 0 -> pixelFormat(m, off);
            case 2 -> encodings(m, off);
            case 3 -> {
                w.cols.set("Client framebuffer update request");
                w.uint(m, "vnc.update_req_incremental", off, 1);
                w.uint(m, "vnc.update_req_x_pos", off + 1, 2);
                w.uint(m, "vnc.update_req_y_pos", off + 3, 2);
                w.uint(m, "vnc.update_req_width", off + 5, 2);
                w.uint(m, "vnc.update_req_height", off + 7, 2);
            }
            case 4 -> {
                w.cols.set("Client key event");
                w.uint(m, "vnc.key_down", off, 1);
                w.none(m, "vnc.padding", off + 1, 2);
                w.uint(m, "vnc.key", off + 3, 4);
            }
            case 5 -> {
                w.cols.set("Client pointer event");
                for (int b = 1; b <= 8; b++) {
                    w.uint(m, "vnc.button_" + b + "_pos", off, 1);
                }
                w.uint(m, "vnc.pointer_x_pos", off + 1, 2);
                w.uint(m, "vnc.pointer_y_pos", off + 3, 2);
            }
            case 6 -> {
                w.cols.set("Client cut text");
                w.none(m, "vnc.padding", off, 3);
                long len = t.u32(off + 3);
                w.uint(m, "vnc.client_cut_text_len", off + 3, 4);
                w.string(m, "vnc.client_cut_text", off + 7, len);
            }
            case 128 -> new VncMirrorLink(w, new int[] {off}).message(m);
            case 150 -> w.cols.appendSep("; ", "Client Enable Continuous Updates");
            case 248 -> new VncServer(w).fence(m, off);
            default -> w.cols.appendSep("; ", "Unknown client message type (" + type + ")");
        }
    }

    private void pixelFormat(Tree m, int off) {
        w.cols.set("Client set pixel format");
        w.none(m, "vnc.padding", off, 3);
        w.uint(m, "vnc.client_bits_per_pixel", off + 3, 1);
        w.px.bpp = t.u8(off + 3) / 8;
        w.c.bpp = w.px.bpp;
        w.uint(m, "vnc.client_depth", off + 4, 1);
        w.px.depth = t.u8(off + 4);
        w.c.depth = w.px.depth;
        w.uint(m, "vnc.client_big_endian_flag", off + 5, 1);
        w.uint(m, "vnc.client_true_color_flag", off + 6, 1);
        w.uint(m, "vnc.client_red_max", off + 7, 2);
        w.uint(m, "vnc.client_green_max", off + 9, 2);
        w.uint(m, "vnc.client_blue_max", off + 11, 2);
        w.uint(m, "vnc.client_red_shift", off + 13, 1);
        w.uint(m, "vnc.client_green_shift", off + 14, 1);
        w.uint(m, "vnc.client_blue_shift", off + 15, 1);
        w.none(m, "vnc.padding", off + 16, 3);
    }

    private void encodings(Tree m, int off) {
        w.cols.set("Client set encodings");
        w.none(m, "vnc.padding", off, 1);
        int n = t.u16(off + 1);
        w.uint(m, "vnc.client_set_encodings_num", off + 1, 2);
        // at most 65535 items of 4 bytes: the bytes end the loop first
        for (int i = 0; i < n; i++) {
            w.uint(m, "vnc.client_set_encodings_encoding_type", off + 3 + 4 * i, 4);
        }
    }
}
