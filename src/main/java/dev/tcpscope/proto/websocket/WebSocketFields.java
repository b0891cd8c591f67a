package dev.tcpscope.proto.websocket;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-websocket.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields}); their values are the detail tree's items of the frame.
 */
public final class WebSocketFields {
    private WebSocketFields() { }

    public static List<Field> all() {
        return List.of(
                f("websocket", "WebSocket", FieldType.PROTOCOL, 0),
                f("websocket.fin", "Fin", FieldType.BOOLEAN, 8),
                f("websocket.rsv", "Reserved", FieldType.UINT, 8, Base.HEX),
                f("websocket.pmc", "Per-Message Compressed", FieldType.BOOLEAN, 8),
                f("websocket.opcode", "Opcode", FieldType.UINT, 8),
                f("websocket.mask", "Mask", FieldType.BOOLEAN, 8),
                f("websocket.payload_length", "Payload length", FieldType.UINT, 8),
                f("websocket.payload_length_ext_16", "Extended Payload length (16 bits)", FieldType.UINT, 16),
                f("websocket.payload_length_ext_64", "Extended Payload length (64 bits)", FieldType.UINT, 64),
                f("websocket.masking_key", "Masking-Key", FieldType.BYTES, 0),
                f("websocket.payload", "Payload", FieldType.NONE, 0),
                f("websocket.masked_payload", "Masked payload", FieldType.NONE, 0),
                f("websocket.payload.continue", "Continue", FieldType.BYTES, 0),
                f("websocket.payload.text", "Text", FieldType.STRING, 0),
                f("websocket.payload.close", "Close", FieldType.NONE, 0),
                f("websocket.payload.close.status_code", "Status code", FieldType.UINT, 16),
                f("websocket.payload.close.reason", "Reason", FieldType.STRING, 0),
                f("websocket.payload.ping", "Ping", FieldType.BYTES, 0),
                f("websocket.payload.pong", "Pong", FieldType.BYTES, 0),
                f("websocket.payload.unknown", "Unknown", FieldType.BYTES, 0),
                f("websocket.fragments", "Reassembled websocket Fragments", FieldType.NONE, 0),
                f("websocket.fragment", "Websocket Fragment", FieldType.FRAMENUM, 0),
                f("websocket.fragment.overlap", "Fragment overlap", FieldType.BOOLEAN, 0),
                f("websocket.fragment.overlap.conflict", "Conflicting data in fragment overlap", FieldType.BOOLEAN, 0),
                f("websocket.fragment.multipletails", "Multiple tail fragments found", FieldType.BOOLEAN, 0),
                f("websocket.fragment.toolongfragment", "Fragment too long", FieldType.BOOLEAN, 0),
                f("websocket.fragment.error", "Defragmentation error", FieldType.FRAMENUM, 0),
                f("websocket.fragment.count", "Fragment count", FieldType.UINT, 32),
                f("websocket.reassembled.length", "Reassembled websocket Payload length", FieldType.UINT, 32),
                f("websocket.payload.unknown.expert", "Dissector for Websocket Opcode", FieldType.NONE, 0),
                f("websocket.decompression.failed.expert", "Decompression failed", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, WebSocketFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, WebSocketFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        WebSocket w = Collected.dissector(d, "websocket", WebSocket.class);
        return w == null ? null : w.fields(d.frame().number());
    }
}
