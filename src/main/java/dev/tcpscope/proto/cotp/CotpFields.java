package dev.tcpscope.proto.cotp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-tpkt.c's and packet-ositp.c's fields that tcpscope fills, with Wireshark's names,
 * titles and types ({@code tshark -G fields}); their values are the detail tree's items.
 */
public final class CotpFields {
    private CotpFields() { }

    public static List<Field> all() {
        return List.of(
                f("tpkt", "TPKT - ISO on TCP - RFC1006", FieldType.PROTOCOL, 0),
                f("tpkt.version", "Version", FieldType.UINT, 8),
                f("tpkt.reserved", "Reserved", FieldType.UINT, 8),
                f("tpkt.length", "Length", FieldType.UINT, 16),
                f("tpkt.continuation_data", "Continuation data", FieldType.BYTES, 0),
                f("cotp", "ISO 8073/X.224 COTP Connection-Oriented Transport Protocol", FieldType.PROTOCOL, 0),
                f("cotp.li", "Length", FieldType.UINT, 8),
                hex("cotp.type", "PDU Type", FieldType.UINT, 8),
                hex("cotp.srcref", "Source reference", FieldType.UINT, 16),
                hex("cotp.destref", "Destination reference", FieldType.UINT, 16),
                f("cotp.class", "Class", FieldType.UINT, 8),
                f("cotp.opts.extended_formats", "Extended formats", FieldType.BOOLEAN, 8),
                f("cotp.opts.no_explicit_flow_control", "No explicit flow control", FieldType.BOOLEAN, 8),
                hex("cotp.tpdu-number", "TPDU number", FieldType.UINT, 8),
                f("cotp.eot", "Last data unit", FieldType.BOOLEAN, 8),
                hex("cotp.parameter_code", "Parameter code", FieldType.UINT, 8),
                f("cotp.parameter_length", "Parameter length", FieldType.UINT, 8),
                f("cotp.parameter_value", "Parameter value", FieldType.BYTES, 0),
                hex("cotp.checksum", "Checksum", FieldType.UINT, 16),
                f("cotp.checksum.status", "Checksum Status", FieldType.UINT, 8),
                hex("cotp.next-tpdu-number", "Your TPDU number", FieldType.UINT, 8),
                hex("cotp.credit", "Credit", FieldType.UINT, 16),
                f("cotp.tpdu_size", "TPDU size", FieldType.UINT, 8),
                f("cotp.src-tsap", "Source TSAP", FieldType.STRING, 0),
                f("cotp.src-tsap-bytes", "Source TSAP", FieldType.BYTES, 0),
                f("cotp.dst-tsap", "Destination TSAP", FieldType.STRING, 0),
                f("cotp.dst-tsap-bytes", "Destination TSAP", FieldType.BYTES, 0),
                f("cotp.vp_version_nr", "Version", FieldType.UINT, 8),
                f("cotp.network_expedited_data", "Use of network expedited data", FieldType.BOOLEAN, 8),
                f("cotp.vp_opt_sel_class1_use", "Use", FieldType.BOOLEAN, 8),
                f("cotp.use_16_bit_checksum", "16 bit checksum", FieldType.BOOLEAN, 8),
                f("cotp.transport_expedited_data_transfer", "Transport expedited data transfer", FieldType.BOOLEAN, 8),
                f("cotp.preferred_maximum_tpdu_size", "Preferred maximum TPDU size", FieldType.UINT, 32),
                f("cotp.inactivity_timer", "Inactivity timer (ms)", FieldType.UINT, 32),
                f("cotp.cause", "Cause", FieldType.UINT, 8),
                f("cotp.reject_cause", "Reject cause", FieldType.UINT, 8),
                f("cotp.segment_data", "COTP segment data", FieldType.BYTES, 0),
                f("cotp.segments", "COTP Segments", FieldType.NONE, 0),
                f("cotp.segment", "COTP Segment", FieldType.FRAMENUM, 32),
                f("cotp.segment.count", "Segment count", FieldType.UINT, 32),
                f("cotp.reassembled.length", "Reassembled COTP length", FieldType.UINT, 32));
    }

    private static Field hex(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Base.HEX, CotpFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, CotpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Tpkt t = Collected.dissector(d, "tpkt", Tpkt.class);
        return t == null ? null : t.fields(d.frame().number());
    }
}
