package dev.tcpscope.proto.igmp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-igmp.c's fields ({@code tshark -G fields}), their values the items of the walk that
 * builds the tree, over the frame's IGMP layers and then those of a datagram its ICMP error quotes.
 */
public final class IgmpFields {
    private IgmpFields() { }

    public static List<Field> all() {
        return List.of(
                f("igmp", "Internet Group Management Protocol", FieldType.PROTOCOL, 0),
                hex("igmp.type", "Type", FieldType.UINT, 8),
                f("igmp.reserved", "Reserved", FieldType.BYTES, 0),
                f("igmp.version", "IGMP Version", FieldType.UINT, 8),
                f("igmp.group_type", "Type Of Group", FieldType.UINT, 8),
                f("igmp.reply", "Reply", FieldType.UINT, 8),
                f("igmp.reply.pending", "Reply Pending", FieldType.UINT, 8),
                hex("igmp.checksum", "Checksum", FieldType.UINT, 16),
                f("igmp.checksum.status", "Checksum Status", FieldType.UINT, 8),
                f("igmp.identifier", "Identifier", FieldType.UINT, 32),
                f("igmp.access_key", "Access Key", FieldType.BYTES, 0),
                f("igmp.max_resp", "Max Resp Time", FieldType.UINT, 8),
                f("igmp.s", "S", FieldType.BOOLEAN, 8),
                f("igmp.qrv", "QRV", FieldType.UINT, 8),
                f("igmp.qqic", "QQIC", FieldType.UINT, 8),
                f("igmp.num_src", "Num Src", FieldType.UINT, 16),
                f("igmp.saddr", "Source Address", FieldType.IPV4, 0),
                f("igmp.num_grp_recs", "Num Group Records", FieldType.UINT, 16),
                f("igmp.record_type", "Record Type", FieldType.UINT, 8),
                f("igmp.aux_data_len", "Aux Data Len", FieldType.UINT, 8),
                f("igmp.maddr", "Multicast Address", FieldType.IPV4, 0),
                f("igmp.aux_data", "Aux Data", FieldType.BYTES, 0),
                f("igmp.data", "Data", FieldType.BYTES, 0),
                hex("igmp.max_resp.exp", "Exponent", FieldType.UINT, 8),
                hex("igmp.max_resp.mant", "Mantissa", FieldType.UINT, 8),
                f("igmp.mtrace.max_hops", "# hops", FieldType.UINT, 8),
                f("igmp.mtrace.saddr", "Source Address", FieldType.IPV4, 0),
                f("igmp.mtrace.raddr", "Receiver Address", FieldType.IPV4, 0),
                f("igmp.mtrace.rspaddr", "Response Address", FieldType.IPV4, 0),
                f("igmp.mtrace.resp_ttl", "Response TTL", FieldType.UINT, 8),
                f("igmp.mtrace.q_id", "Query ID", FieldType.UINT, 24),
                f("igmp.mtrace.q_arrival", "Query Arrival", FieldType.UINT, 32),
                f("igmp.mtrace.q_inaddr", "In itf addr", FieldType.IPV4, 0),
                f("igmp.mtrace.q_outaddr", "Out itf addr", FieldType.IPV4, 0),
                f("igmp.mtrace.q_prevrtr", "Previous rtr addr", FieldType.IPV4, 0),
                f("igmp.mtrace.q_inpkt", "In pkts", FieldType.UINT, 32),
                f("igmp.mtrace.q_outpkt", "Out pkts", FieldType.UINT, 32),
                f("igmp.mtrace.q_total", "S,G pkt count", FieldType.UINT, 32),
                f("igmp.mtrace.q_rtg_proto", "Rtg Protocol", FieldType.UINT, 8),
                f("igmp.mtrace.q_fwd_ttl", "FwdTTL", FieldType.UINT, 8),
                hex("igmp.mtrace.q_mbz", "MBZ", FieldType.UINT, 8),
                hex("igmp.mtrace.q_s", "S", FieldType.UINT, 8),
                hex("igmp.mtrace.q_src_mask", "Src Mask", FieldType.UINT, 8),
                hex("igmp.mtrace.q_fwd_code", "Forwarding Code", FieldType.UINT, 8));
    }

    private static Field hex(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Base.HEX, IgmpFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, IgmpFields::of);
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.IGMP, (x, i, c) -> Igmp.walk(tvb(x, i), x.fragmented, c, new StringBuilder(), new StringBuilder()));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
