package dev.tcpscope.proto.quic;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-quic.c's fields that tcpscope fills, with Wireshark 4.0.17's names, titles and types
 * ({@code tshark -G fields}); their values are the detail tree's items.
 */
public final class QuicFields {
    private QuicFields() { }

    public static List<Field> all() {
        return List.of(
                f("quic", "QUIC IETF", FieldType.PROTOCOL, 0, Base.NONE),
                f("quic.connection.number", "Connection Number", FieldType.UINT, 32, Base.DEC),
                f("quic.packet_length", "Packet Length", FieldType.UINT, 32, Base.DEC),
                f("quic.header_form", "Header Form", FieldType.UINT, 8, Base.DEC),
                f("quic.long.packet_type", "Packet Type", FieldType.UINT, 8, Base.DEC),
                f("quic.long.packet_type_v2", "Packet Type", FieldType.UINT, 8, Base.DEC),
                f("quic.long.reserved", "Reserved", FieldType.UINT, 8, Base.DEC),
                f("quic.packet_number_length", "Packet Number Length", FieldType.UINT, 8, Base.DEC),
                f("quic.dcid", "Destination Connection ID", FieldType.BYTES, 0, Base.NONE),
                f("quic.scid", "Source Connection ID", FieldType.BYTES, 0, Base.NONE),
                f("quic.dcil", "Destination Connection ID Length", FieldType.UINT, 8, Base.DEC),
                f("quic.scil", "Source Connection ID Length", FieldType.UINT, 8, Base.DEC),
                f("quic.token_length", "Token Length", FieldType.UINT, 64, Base.DEC),
                f("quic.token", "Token", FieldType.BYTES, 0, Base.NONE),
                f("quic.length", "Length", FieldType.UINT, 64, Base.DEC),
                f("quic.packet_number", "Packet Number", FieldType.UINT, 64, Base.DEC),
                f("quic.version", "Version", FieldType.UINT, 32, Base.HEX),
                f("quic.supported_version", "Supported Version", FieldType.UINT, 32, Base.HEX),
                f("quic.vn.unused", "Unused", FieldType.UINT, 8, Base.HEX),
                f("quic.short", "QUIC Short Header", FieldType.NONE, 0, Base.NONE),
                f("quic.fixed_bit", "Fixed Bit", FieldType.BOOLEAN, 8, Base.NONE),
                f("quic.spin_bit", "Spin Bit", FieldType.BOOLEAN, 8, Base.NONE),
                f("quic.payload", "Payload", FieldType.BYTES, 0, Base.NONE),
                f("quic.remaining_payload", "Remaining Payload", FieldType.BYTES, 0, Base.NONE),
                f("quic.odcil", "Original Destination Connection ID Length", FieldType.UINT, 8, Base.DEC),
                f("quic.odcid", "Original Destination Connection ID", FieldType.BYTES, 0, Base.NONE),
                f("quic.retry_token", "Retry Token", FieldType.BYTES, 0, Base.NONE),
                f("quic.retry_integrity_tag", "Retry Integrity Tag", FieldType.BYTES, 0, Base.NONE),
                f("quic.frame", "Frame", FieldType.NONE, 0, Base.NONE),
                f("quic.frame_type", "Frame Type", FieldType.UINT, 64, Base.DEC),
                f("quic.padding_length", "Padding Length", FieldType.UINT, 32, Base.DEC),
                f("quic.ack.largest_acknowledged", "Largest Acknowledged", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ack_delay", "ACK Delay", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ack_range_count", "ACK Range Count", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.first_ack_range", "First ACK Range", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.gap", "Gap", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ack_range", "ACK Range", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ect0_count", "ECT(0) Count", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ect1_count", "ECT(1) Count", FieldType.UINT, 64, Base.DEC),
                f("quic.ack.ecn_ce_count", "ECN-CE Count", FieldType.UINT, 64, Base.DEC),
                f("quic.crypto.offset", "Offset", FieldType.UINT, 64, Base.DEC),
                f("quic.crypto.length", "Length", FieldType.UINT, 64, Base.DEC),
                f("quic.crypto.crypto_data", "Crypto Data", FieldType.NONE, 0, Base.NONE),
                f("quic.cc.error_code", "Error code", FieldType.UINT, 64, Base.DEC),
                f("quic.cc.error_code.app", "Application Error code", FieldType.UINT, 64, Base.DEC),
                f("quic.cc.frame_type", "Frame Type", FieldType.UINT, 64, Base.DEC),
                f("quic.cc.reason_phrase.length", "Reason phrase Length", FieldType.UINT, 64, Base.DEC),
                f("quic.cc.reason_phrase", "Reason phrase", FieldType.STRING, 0, Base.NONE),
                f("quic.crypto.fragments", "Reassembled QUIC CRYPTO Data Fragments", FieldType.NONE, 0, Base.NONE),
                f("quic.crypto.fragment", "QUIC CRYPTO Data Fragment", FieldType.FRAMENUM, 32, Base.NONE),
                f("quic.crypto.fragment.count", "Fragment count", FieldType.UINT, 32, Base.DEC),
                f("quic.fragment.overlap", "Fragment overlap", FieldType.BOOLEAN, 0, Base.NONE),
                f("quic.stream.stream_id", "Stream ID", FieldType.UINT, 64, Base.DEC),
                f("quic.stream.offset", "Offset", FieldType.UINT, 64, Base.DEC),
                f("quic.stream.length", "Length", FieldType.UINT, 64, Base.DEC),
                f("quic.stream_data", "Stream Data", FieldType.BYTES, 0, Base.NONE),
                f("quic.overlap", "This QUIC frame overlaps a previous frame in the stream", FieldType.NONE, 0, Base.NONE),
                f("quic.connection.unknown", "Unknown QUIC connection. Missing Initial Packet or migrated connection?", FieldType.NONE, 0, Base.NONE),
                f("quic.decryption_failed", "Failed to decrypt handshake", FieldType.NONE, 0, Base.NONE),
                f("quic.coalesced_padding_data", "Coalesced Padding Data", FieldType.NONE, 0, Base.NONE),
                f("quic.retransmission", "This QUIC frame has a reused stream offset (retransmission?)", FieldType.NONE, 0, Base.NONE),
                f("quic.bad_retry", "Retry Integrity Tag verification failure", FieldType.NONE, 0, Base.NONE),
                f("quic.ft.unknown", "Unknown Frame Type", FieldType.NONE, 0, Base.NONE));
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, QuicFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Quic q = Collected.dissector(d, "quic", Quic.class);
        return q == null ? null : q.fields(d.frame().number());
    }
}
