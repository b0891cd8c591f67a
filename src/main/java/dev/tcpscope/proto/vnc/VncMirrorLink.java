package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * vnc_mirrorlink (packet-vnc.c, Wireshark 4.0.17): a MirrorLink extension message, client or
 * server type 128: its type and length, "MirrorLink (name)" as the whole Info, the body of each
 * type 4.0 reads, and what its length covers beyond that as "Unknown". A body longer than the
 * bytes asks for more (VNC_BYTES_NEEDED) before it is read.
 */
final class VncMirrorLink {
    private final VncWalk w;
    private final Tvb t;
    private final int[] off;

    VncMirrorLink(VncWalk w, int[] off) {
        this.w = w;
        this.t = w.t;
        this.off = off;
    }

    private long needed(long a) {
        return Long.compareUnsigned(a & 0xffffffffL, w.remaining(off[0])) > 0 ? a & 0xffffffffL : 0;
    }

    /** Adds the items {@code names} of the given widths in a row from the current offset. */
    private void row(Tree m, Object... namesAndWidths) {
        for (int i = 0; i < namesAndWidths.length; i += 2) {
            String name = (String) namesAndWidths[i];
            int len = (Integer) namesAndWidths[i + 1];
            if (VncWalk.REG.row(name).type().equals("FT_STRING")) {
                w.string(m, name, off[0], len);
            } else {
                w.uint(m, name, off[0], len);
            }
            off[0] += len;
        }
    }

    long message(Tree m) {
        long need = needed(3);
        if (need > 0) {
            return need;
        }
        int type = t.u8(off[0]);
        w.uint(m, "vnc.mirrorlink_type", off[0], 1);
        off[0] += 1;
        int length = t.u16(off[0]);
        w.uint(m, "vnc.mirrorlink_length", off[0], 2);
        off[0] += 2;
        w.cols.set("MirrorLink (" + VncWalk.REG.name("vnc.mirrorlink_type", type) + ")");
        int end = off[0] + length;
        need = body(m, type);
        if (need > 0) {
            return need;
        }
        if (end > off[0]) {
            int rest = end - off[0];
            need = needed(rest);
            if (need > 0) {
                return need;
            }
            w.bytes(m, "vnc.mirrorlink_unknown", off[0], rest);
            off[0] = end;
        }
        return 0;
    }

    private long body(Tree m, int type) {
        long need;
        switch (type) {
            case 1, 2 -> {
                need = needed(type == 1 ? 12 : 14);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_version_major", 1, "vnc.mirrorlink_version_minor", 1,
                        "vnc.mirrorlink_framebuffer_configuration", 2, "vnc.mirrorlink_pixel_width", 2,
                        "vnc.mirrorlink_pixel_height", 2);
                if (type == 1) {
                    row(m, "vnc.mirrorlink_pixel_format", 4);
                } else {
                    row(m, "vnc.mirrorlink_display_width", 2, "vnc.mirrorlink_display_height", 2,
                            "vnc.mirrorlink_display_distance", 2);
                }
            }
            case 3, 4 -> {
                need = needed(28);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_keyboard_language", 2, "vnc.mirrorlink_keyboard_country", 2,
                        "vnc.mirrorlink_ui_language", 2, "vnc.mirrorlink_ui_country", 2, "vnc.mirrorlink_knob_keys", 4,
                        "vnc.mirrorlink_device_keys", 4, "vnc.mirrorlink_multimedia_keys", 4, "vnc.mirrorlink_key_related", 4,
                        "vnc.mirrorlink_pointer_related", 4);
            }
            case 5, 6 -> {
                need = needed(8);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_key_symbol_value_client", 4, "vnc.mirrorlink_key_symbol_value_server", 4);
            }
            case 7 -> {
                need = needed(4);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_key_configuration", 1);
                int n = t.u8(off[0]);
                row(m, "vnc.mirrorlink_key_num_events", 1, "vnc.mirrorlink_key_event_counter", 2);
                need = needed(4L * n);
                if (need > 0) {
                    return need;
                }
                Tree list = w.text(m, "Key Event List", off[0], 4 * n);
                for (int i = 0; i < n; i++) {
                    row(list, "vnc.mirrorlink_key_symbol_value", 4);
                }
            }
            case 8, 10 -> {
                need = needed(4);
                if (need > 0) {
                    return need;
                }
                row(m, type == 8 ? "vnc.mirrorlink_key_request_configuration" : "vnc.mirrorlink_keyboard_request_configuration", 4);
            }
            case 9 -> {
                need = needed(16);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_keyboard_configuration", 4, "vnc.mirrorlink_cursor_x", 2, "vnc.mirrorlink_cursor_y", 2,
                        "vnc.mirrorlink_text_x", 2, "vnc.mirrorlink_text_y", 2, "vnc.mirrorlink_text_width", 2,
                        "vnc.mirrorlink_text_height", 2);
            }
            case 11, 12 -> {
                need = needed(4);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_device_status", 4);
            }
            case 16 -> {
                need = needed(14);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_fb_block_x", 2, "vnc.mirrorlink_fb_block_y", 2, "vnc.mirrorlink_fb_block_width", 2,
                        "vnc.mirrorlink_fb_block_height", 2, "vnc.mirrorlink_app_id", 4, "vnc.mirrorlink_fb_block_reason", 2);
            }
            case 18 -> {
                need = needed(6);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_app_id", 4, "vnc.mirrorlink_audio_block_reason", 2);
            }
            case 20 -> {
                need = needed(1);
                if (need > 0) {
                    return need;
                }
                int n = t.u8(off[0]);
                row(m, "vnc.mirrorlink_touch_num_events", 1);
                need = needed(6L * n);
                if (need > 0) {
                    return need;
                }
                for (int i = 0; i < n; i++) {
                    Tree e = w.text(m, "Touch Event #" + (i + 1), off[0], 6);
                    row(e, "vnc.mirrorlink_touch_x", 2, "vnc.mirrorlink_touch_y", 2, "vnc.mirrorlink_touch_id", 1,
                            "vnc.mirrorlink_touch_pressure", 1);
                }
            }
            case 21 -> {
                need = needed(6);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_app_id", 4);
                int n = t.u16(off[0]);
                row(m, "vnc.mirrorlink_text_length", 2);
                need = needed(n);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_text", n);
            }
            case 22 -> {
                need = needed(2);
                if (need > 0) {
                    return need;
                }
                row(m, "vnc.mirrorlink_text_max_length", 2);
            }
            default -> { }
        }
        return 0;
    }
}
