package dev.tcpscope.proto.pim;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.igmp.Igmp;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-pim.c's fields ({@code tshark -G fields}, Wireshark 4.0), their values the items of
 * the walk that builds the tree: of PIM layers, and of IGMP layers of type 0x14 (PIMv1).
 */
public final class PimFields {
    private PimFields() { }

    public static List<Field> all() {
        return List.of(
                f("pim", "Protocol Independent Multicast", FieldType.PROTOCOL, 0),
                f("pim.version", "Version", FieldType.UINT, 8),
                f("pim.type", "Type", FieldType.UINT, 8),
                f("pim.df_elect.subtype", "DF Subtype", FieldType.UINT, 8),
                f("pim.df_elect.rsvd", "DF reserved", FieldType.UINT, 8),
                f("pim.igmp_type", "Type", FieldType.STRING, 0),
                f("pim.code", "Code", FieldType.UINT, 8),
                Collected.field("pim.cksum", "Checksum", FieldType.UINT, 16, Base.HEX, PimFields::of),
                f("pim.cksum.status", "Checksum Status", FieldType.UINT, 8),
                f("pim.res_bytes", "Reserved byte(s)", FieldType.BYTES, 0),
                f("pim.option", "PIM Options", FieldType.NONE, 0),
                f("pim.optiontype", "Type", FieldType.UINT, 16),
                f("pim.optionlength", "Length", FieldType.UINT, 16),
                f("pim.optionvalue", "Unknown", FieldType.BYTES, 0),
                Collected.field("pim.register_flag", "Flags", FieldType.UINT, 32, Base.HEX, PimFields::of),
                f("pim.register_flag.border", "Border", FieldType.BOOLEAN, 0),
                f("pim.register_flag.null_register", "Null-Register", FieldType.BOOLEAN, 0),
                f("pim.mode", "Mode", FieldType.UINT, 8),
                f("pim.holdtime", "Holdtime", FieldType.UINT, 16),
                f("pim.numgroups", "Num Groups", FieldType.UINT, 16),
                f("pim.numjoins", "Num Joins", FieldType.UINT, 16),
                f("pim.numprunes", "Num Prunes", FieldType.UINT, 16),
                f("pim.t", "T", FieldType.BOOLEAN, 0),
                f("pim.propagation_delay", "Propagation Delay", FieldType.UINT, 16),
                f("pim.override_interval", "Override Interval", FieldType.UINT, 16),
                f("pim.dr_priority", "DR Priority", FieldType.UINT, 32),
                f("pim.generation_id", "Generation ID", FieldType.UINT, 32),
                f("pim.state_refresh_version", "Version", FieldType.UINT, 8),
                f("pim.state_refresh_interval", "Interval", FieldType.UINT, 8),
                f("pim.state_refresh_reserved", "Reserved", FieldType.UINT, 16),
                f("pim.rpt", "RP Tree", FieldType.BOOLEAN, 0),
                f("pim.metric_pref", "Metric Preference", FieldType.UINT, 32),
                f("pim.metric", "Metric", FieldType.UINT, 32),
                f("pim.prune_indicator", "Prune indicator", FieldType.BOOLEAN, 0),
                f("pim.prune_now", "Prune now", FieldType.BOOLEAN, 0),
                f("pim.assert_override", "Assert override", FieldType.BOOLEAN, 0),
                f("pim.ip_version", "IP Version", FieldType.UINT, 8),
                f("pim.dummy_header", "Dummy Header", FieldType.NONE, 0),
                f("pim.source", "Source", FieldType.IPV4, 0),
                f("pim.source_ip6", "Source", FieldType.IPV6, 0),
                f("pim.group", "Group", FieldType.IPV4, 0),
                f("pim.group_mask", "Mask", FieldType.IPV4, 0),
                f("pim.group_ip6", "Group", FieldType.IPV6, 0),
                f("pim.upstream_neighbor", "Upstream-neighbor", FieldType.IPV4, 0),
                f("pim.upstream_neighbor_ip6", "Upstream-neighbor", FieldType.IPV6, 0),
                f("pim.join_ip", "IP address", FieldType.IPV4, 0),
                f("pim.join_ip6", "IP address", FieldType.IPV6, 0),
                f("pim.prune_ip", "IP address", FieldType.IPV4, 0),
                f("pim.prune_ip6", "IP address", FieldType.IPV6, 0),
                f("pim.address_list", "Address", FieldType.IPV4, 0),
                f("pim.address_list_ip6", "Address", FieldType.IPV6, 0),
                f("pim.bsr", "BSR", FieldType.IPV4, 0),
                f("pim.bsr_ip6", "BSR", FieldType.IPV6, 0),
                f("pim.rp", "RP", FieldType.IPV4, 0),
                f("pim.rp_ip6", "RP", FieldType.IPV6, 0),
                f("pim.originator", "Originator", FieldType.IPV4, 0),
                f("pim.originator_ip6", "Originator", FieldType.IPV6, 0),
                f("pim.group_address", "Group Address", FieldType.IPV4, 0),
                f("pim.bidir_winner_ip4", "New Winner IP", FieldType.IPV4, 0),
                f("pim.bidir_winner_ip6", "New Winner IP", FieldType.IPV6, 0),
                f("pim.bidir_win_metric_pref", "Winner Metric Preference", FieldType.UINT, 32),
                f("pim.bidir_win_metric", "Winner Metric", FieldType.UINT, 32),
                f("pim.bidir_offering_ip4", "Offering IP", FieldType.IPV4, 0),
                f("pim.bidir_offering_ip6", "Offering IP", FieldType.IPV6, 0),
                f("pim.bidir_off_metric_pref", "Offering Metric Preference", FieldType.UINT, 32),
                f("pim.bidir_off_metric", "Offering Metric", FieldType.UINT, 32),
                f("pim.bidir_offering_interval", "Offering interval (ms)", FieldType.UINT, 16),
                Collected.field("pim.fragment_tag", "Fragment tag", FieldType.UINT, 16, Base.HEX, PimFields::of),
                f("pim.hash_mask_len", "Hash mask len", FieldType.UINT, 8),
                f("pim.bsr_priority", "BSR priority", FieldType.UINT, 8),
                f("pim.rp_count", "RP count", FieldType.UINT, 8),
                f("pim.frp_count", "FRP count", FieldType.UINT, 8),
                f("pim.priority", "Priority", FieldType.UINT, 8),
                f("pim.prefix_count", "Prefix-count", FieldType.UINT, 8),
                f("pim.src_flags.a", "Annotated", FieldType.UINT, 8),
                f("pim.src_flags.s", "Sparse", FieldType.UINT, 8),
                f("pim.src_flags.w", "WC", FieldType.UINT, 8),
                f("pim.src_flags.r", "RP", FieldType.UINT, 8),
                f("pim.src_flags.rsv", "Reserved", FieldType.UINT, 8),
                f("pim.mask_len", "Masklen", FieldType.UINT, 8),
                f("pim.addr_len", "Address Len", FieldType.UINT, 8),
                f("pim.ttl", "TTL", FieldType.UINT, 8),
                f("pim.interval", "Interval", FieldType.UINT, 8),
                f("pim.addr_address_family", "Address Family", FieldType.UINT, 8),
                f("pim.addr_encoding_type", "Encoding Type", FieldType.UINT, 8),
                f("pim.unicast", "Unicast", FieldType.IPV4, 0),
                f("pim.unicast_ipv6", "Unicast", FieldType.IPV6, 0),
                f("pim.attribute_transport_mode", "Attribute Transport Mode", FieldType.UINT, 8),
                f("pim.rloc", "RLOC", FieldType.IPV4, 0),
                f("pim.rloc_ipv6", "RLOC", FieldType.IPV6, 0),
                f("pim.group_set", "Group", FieldType.STRING, 0),
                Collected.field("pim.group_addr.flags", "Flags", FieldType.UINT, 8, Base.HEX, PimFields::of),
                f("pim.group_addr.flags.b", "Bidirectional PIM", FieldType.BOOLEAN, 0),
                Collected.field("pim.group_addr.flags.reserved", "Reserved", FieldType.UINT, 8, Base.HEX, PimFields::of),
                f("pim.group_addr.flags.z", "Admin Scope Zone", FieldType.BOOLEAN, 0),
                Collected.field("pim.source_addr.flags", "Flags", FieldType.UINT, 8, Base.HEX, PimFields::of),
                Collected.field("pim.source_addr.flags.reserved", "Reserved", FieldType.UINT, 8, Base.HEX, PimFields::of),
                f("pim.source_addr.flags.s", "Sparse", FieldType.BOOLEAN, 0),
                f("pim.source_addr.flags.w", "WildCard", FieldType.BOOLEAN, 0),
                f("pim.source_addr.flags.r", "Rendezvous Point Tree", FieldType.BOOLEAN, 0),
                f("pim.source_ja", "Join Attribute", FieldType.NONE, 0),
                Collected.field("pim.source_ja.flags", "Flags", FieldType.UINT, 8, Base.HEX, PimFields::of),
                f("pim.source_ja.flags.f", "Forward", FieldType.BOOLEAN, 0),
                f("pim.source_ja.flags.e", "End of Attributes", FieldType.BOOLEAN, 0),
                f("pim.source_ja.flags.attr_type", "Attribute Type", FieldType.UINT, 8),
                f("pim.source_ja.length", "Length", FieldType.UINT, 8),
                f("pim.source_ja.value", "Value", FieldType.BYTES, 0),
                f("pim.srccount", "Source Count", FieldType.UINT, 16),
                f("pim.srcholdtime", "Source Holdtime", FieldType.UINT, 16),
                f("pim.transitivetype", "Transitive Type", FieldType.BOOLEAN, 0),
                f("pim.pfmnoforwardbit", "Pfm no forward bit", FieldType.BOOLEAN, 0),
                f("pim.bad_checksum", "Bad checksum", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, PimFields::of);
    }

    /** The items of every PIM layer and PIMv1 IGMP layer of the frame, then of the datagram its ICMP error quotes. */
    private static Collected of(Decoder d) {
        Collected c = null;
        for (Dissection x = d.dissection(); x != null; x = x.quote()) {
            for (int i = 0; i < x.count(); i++) {
                boolean v2 = x.proto(i) == Proto.PIM;
                boolean v1 = x.proto(i) == Proto.IGMP && x.captured(i) >= 1
                        && dev.tcpscope.proto.Text.u8(x.segment(i), x.offset(i)) == PimV1.IGMP_TYPE;
                if (!v1 && !v2) {
                    continue;
                }
                if (c == null) {
                    c = new Collected();
                }
                if (v2) {
                    Pim.walk(tvb(x, i), Vrrp.Ip.below(x, i), x.fragmented, c, new StringBuilder(), new StringBuilder());
                } else {
                    Igmp.walk(tvb(x, i), x.fragmented, c, new StringBuilder(), new StringBuilder());
                }
            }
        }
        return c;
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
