package dev.tcpscope.proto.websocket;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree.End;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.text.TextLines;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The items of one WebSocket frame, in packet-websocket.c's order (dissect_websocket_frame and what it calls). */
final class WebSocketTree {
    private WebSocketTree() { }

    static End frame(Frame w, Tree root, Consumer<String> protocols) {
        if (w.headerShort) {
            return w.truncated ? End.SHORT : End.MALFORMED;
        }
        MemorySegment s = w.s;
        long b = w.base;
        Tree ws = root.protocol("websocket", "WebSocket").at(s, b, (int) Math.min(w.payloadOffset, w.cap));
        ws.field("websocket.fin", WebSocket.bits(w.b0, 0x80) + " = Fin: " + (w.fin ? "True" : "False"), w.fin ? "1" : "0").at(s, b, 1).bitmask(0x80);
        int rsv = (w.b0 & 0x70) >> 4;
        ws.field("websocket.rsv", WebSocket.bits(w.b0, 0x70) + " = Reserved: 0x" + Integer.toHexString(rsv),
                "0x" + WebSocket.hex(rsv, 2)).at(s, b, 1).bitmask(0x70);
        if (w.deflate) {
            boolean pmc = (w.b0 & 0x40) != 0;
            ws.field("websocket.pmc", WebSocket.bits(w.b0, 0x40) + " = Per-Message Compressed: " + (pmc ? "True" : "False"),
                    pmc ? "1" : "0").at(s, b, 1).bitmask(0x40);
        }
        String name = switch (w.opcode) {
            case WebSocket.CONTINUE, WebSocket.TEXT, WebSocket.BINARY, WebSocket.CLOSE, WebSocket.PING, WebSocket.PONG ->
                    WebSocket.opcodeName(w.opcode);
            default -> "Unknown";
        };
        ws.field("websocket.opcode", WebSocket.bits(w.b0, 0x0f) + " = Opcode: " + name + " (" + w.opcode + ")",
                Integer.toString(w.opcode)).at(s, b, 1).bitmask(0x0f);
        ws.field("websocket.mask", WebSocket.bits(w.b1, 0x80) + " = Mask: " + (w.mask ? "True" : "False"), w.mask ? "1" : "0")
                .at(s, b + 1, 1).bitmask(0x80);
        String more = w.shortLength == 126 ? " Extended Payload Length (16 bits)"
                : w.shortLength == 127 ? " Extended Payload Length (64 bits)" : "";
        ws.field("websocket.payload_length", WebSocket.bits(w.b1, 0x7f) + " = Payload length: " + w.shortLength + more,
                Integer.toString(w.shortLength)).at(s, b + 1, 1).bitmask(0x7f);
        if (w.shortLength == 126) {
            ws.field("websocket.payload_length_ext_16", "Extended Payload length (16 bits): " + w.payloadLength,
                    Long.toString(w.payloadLength)).at(s, b + 2, 2);
        } else if (w.shortLength == 127) {
            String v = Long.toUnsignedString(s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), b + 2));
            ws.field("websocket.payload_length_ext_64", "Extended Payload length (64 bits): " + v, v).at(s, b + 2, 8);
        }
        if (w.mask) {
            if (w.cap < w.maskOffset + 4) {
                return w.end;
            }
            ws.bytes("websocket.masking_key", "Masking-Key", s, b + w.maskOffset, 4).at(s, b + w.maskOffset, 4);
        }
        if (w.payloadLength == 0) {
            return End.OK;
        }
        int there = (int) Math.max(0, Math.min(w.payloadLength, w.cap - w.payloadOffset));
        if (w.mask) {
            ws.none("websocket.masked_payload", "Masked payload").at(s, b + w.payloadOffset, there);
        }
        if (w.end != End.OK) {
            return w.end;
        }
        MemorySegment p = w.payloadSegment();
        long po = w.payloadOffset();
        int pn = w.payloadCaptured();
        Tree pl = ws.none("websocket.payload", "Payload").at(p, po, pn);
        if ((w.opcode & 8) != 0) {
            control(pl, w.opcode, p, po, pn);
            return End.OK;
        }
        int opcode = w.opcode;
        if (w.fragmented) {
            if (w.message == null) {
                if (opcode == WebSocket.CONTINUE) {
                    root.bytes("websocket.payload.continue", "Continue", p, po, pn).at(p, po, pn);
                }
                return End.OK; // dissect_websocket_data_frame skips a fragment's payload
            }
            if (w.message.overflow()) {
                return End.OK;
            }
            byte[] whole = w.message.bytes();
            p = MemorySegment.ofArray(whole);
            po = 0;
            pn = whole.length;
            fragments(root, w.message, p);
            opcode = w.message.firstOpcode;
        }
        if (w.inflateFailed) {
            // proto_tree_add_expert: a text item over the payload, the expert under it
            root.text("Decompression failed").at(p, po, pn)
                    .expert("websocket.decompression.failed.expert", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Decompression failed");
            return End.OK;
        }
        if (w.inflated != null) {
            p = MemorySegment.ofArray(w.inflated);
            po = 0;
            pn = w.inflated.length;
        }
        switch (opcode) {
            case WebSocket.TEXT -> {
                byte[] v = new byte[pn];
                MemorySegment.copy(p, ValueLayout.JAVA_BYTE, po, v, 0, pn);
                int nul = 0;
                while (nul < v.length && v[nul] != 0) {
                    nul++; // the string's value ends at a NUL, as C's does
                }
                pl.string("websocket.payload.text", "Text", new String(v, 0, nul, StandardCharsets.UTF_8)).at(p, po, pn);
                protocols.accept(TextLines.DISSECTOR.name());
                TextLines.DISSECTOR.tree(root, null, p, po, pn, protocols);
            }
            case WebSocket.BINARY -> Items.data(root, p, po, pn, protocols);
            default -> unknown(pl, opcode, p, po, pn);
        }
        return End.OK;
    }

    /** dissect_websocket_control_frame. */
    private static void control(Tree pl, int opcode, MemorySegment p, long po, int pn) {
        switch (opcode) {
            case WebSocket.CLOSE -> {
                Tree c = pl.none("websocket.payload.close", "Close").at(p, po, pn);
                if (pn >= 2) {
                    int code = (p.get(ValueLayout.JAVA_BYTE, po) & 0xff) << 8 | p.get(ValueLayout.JAVA_BYTE, po + 1) & 0xff;
                    String n = closeName(code);
                    c.field("websocket.payload.close.status_code", "Status code: " + (n == null ? "Unknown" : n) + " (" + code + ")",
                            Integer.toString(code)).at(p, po, 2);
                    if (pn > 2) {
                        byte[] v = new byte[pn - 2];
                        MemorySegment.copy(p, ValueLayout.JAVA_BYTE, po + 2, v, 0, v.length);
                        c.string("websocket.payload.close.reason", "Reason", new String(v, StandardCharsets.UTF_8)).at(p, po + 2, pn - 2);
                    }
                }
            }
            case WebSocket.PING -> pl.bytes("websocket.payload.ping", "Ping", p, po, pn).at(p, po, pn);
            case WebSocket.PONG -> pl.bytes("websocket.payload.pong", "Pong", p, po, pn).at(p, po, pn);
            default -> unknown(pl, opcode, p, po, pn);
        }
    }

    private static void unknown(Tree pl, int opcode, MemorySegment p, long po, int pn) {
        pl.bytes("websocket.payload.unknown", "Unknown", p, po, pn).at(p, po, pn)
                .expert("websocket.payload.unknown.expert", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                        "Dissector for Websocket Opcode (" + opcode + ") code not implemented, Contact Wireshark developers"
                                + " if you want this supported");
    }

    static String closeName(int code) {
        return switch (code) {
            case 1000 -> "Normal Closure";
            case 1001 -> "Going Away";
            case 1002 -> "Protocol error";
            case 1003 -> "Unsupported Data";
            case 1004 -> "---Reserved----";
            case 1005 -> "No Status Rcvd";
            case 1006 -> "Abnormal Closure";
            case 1007 -> "Invalid frame payload data";
            case 1008 -> "Policy Violation";
            case 1009 -> "Message Too Big";
            case 1010 -> "Mandatory Ext.";
            case 1011 -> "Internal Server";
            case 1015 -> "TLS handshake";
            default -> null;
        };
    }

    /** packet-websocket.c's fragment_items. */
    private static final dev.tcpscope.proto.Fragments.Names FRAGMENTS = new dev.tcpscope.proto.Fragments.Names(
            "websocket.fragments", "websocket.fragment", "websocket.fragment.count", "websocket.reassembled.length", null,
            "Websocket Fragment", "Reassembled websocket Fragments", "Fragment count", "Reassembled websocket Payload length", null);

    /** reassemble.c's show_fragment_seq_tree over the reassembled message. */
    private static void fragments(Tree root, WebSocket.Message m, MemorySegment r) {
        dev.tcpscope.proto.Fragments.tree(root, FRAGMENTS, m.parts(), r, m.length());
    }
}
