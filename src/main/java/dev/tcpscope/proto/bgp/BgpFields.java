package dev.tcpscope.proto.bgp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-bgp.c's fields that tcpscope's BGP tree carries, with Wireshark 4.0.17's names, titles
 * and types ({@code tshark -G fields}); their values are the detail tree's items of the frame.
 * The hundreds of fields of the attributes and address families tcpscope does not decode
 * (docs/BGP.md) are left out.
 */
public final class BgpFields {
    private BgpFields() { }

    public static List<Field> all() {
        return List.of(
                f("bgp", "Border Gateway Protocol", FieldType.PROTOCOL, 0),
                f("bgp.marker", "Marker", FieldType.BYTES, 0),
                f("bgp.update.path_attribute.aggregator_as", "Aggregator AS", FieldType.UINT, 32),
                f("bgp.update.path_attribute.aggregator_origin", "Aggregator origin", FieldType.IPV4, 0),
                f("bgp.update.path_attribute.communities", "Communities", FieldType.NONE, 0),
                f("bgp.update.path_attribute.community", "Community", FieldType.NONE, 0),
                f("bgp.update.path_attribute.community_wellknown", "Community Well-known", FieldType.UINT, 32, Base.HEX),
                f("bgp.update.path_attribute.community_as", "Community AS", FieldType.UINT, 16),
                f("bgp.update.path_attribute.community_value", "Community value", FieldType.UINT, 16),
                f("bgp.update.path_attribute.originator_id", "Originator identifier", FieldType.IPV4, 0),
                f("bgp.path_attribute.cluster_list", "Cluster List", FieldType.NONE, 0),
                f("bgp.path_attribute.cluster_id", "Cluster ID", FieldType.IPV4, 0),
                f("bgp.large_communities", "Large Communities", FieldType.STRING, 0),
                f("bgp.large_communities.ga", "Global Administrator", FieldType.UINT, 32),
                f("bgp.large_communities.ldp1", "Local Data Part 1", FieldType.UINT, 32),
                f("bgp.large_communities.ldp2", "Local Data Part 2", FieldType.UINT, 32),
                f("bgp.marker_invalid", "Marker is not all ones", FieldType.NONE, 0),
                f("bgp.continuation", "Continuation", FieldType.NONE, 0),
                f("bgp.nlri_path_id", "NLRI path id", FieldType.UINT, 32),
                f("bgp.notify.error_open.bad_peer_as", "Bad Peer AS", FieldType.UINT, 32),
                f("bgp.length", "Length", FieldType.UINT, 16),
                f("bgp.prefix_length", "Prefix Length", FieldType.UINT, 8),
                f("bgp.type", "Type", FieldType.UINT, 8),
                f("bgp.open.version", "Version", FieldType.UINT, 8),
                f("bgp.open.myas", "My AS", FieldType.UINT, 16),
                f("bgp.open.holdtime", "Hold Time", FieldType.UINT, 16),
                f("bgp.open.identifier", "BGP Identifier", FieldType.IPV4, 0),
                f("bgp.open.opt.len", "Optional Parameters Length", FieldType.UINT, 8),
                f("bgp.open.opt", "Optional Parameters", FieldType.NONE, 0),
                f("bgp.open.opt.param", "Optional Parameter", FieldType.NONE, 0),
                f("bgp.open.opt.param.type", "Parameter Type", FieldType.UINT, 8),
                f("bgp.open.opt.param.len", "Parameter Length", FieldType.UINT, 8),
                f("bgp.open.opt.param.auth", "Authentication Data", FieldType.BYTES, 0),
                f("bgp.open.opt.param.unknown", "Unknown", FieldType.BYTES, 0),
                f("bgp.notify.major_error", "Major error Code", FieldType.UINT, 8),
                f("bgp.notify.minor_error", "Minor error Code (Message Header)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_open", "Minor error Code (Open Message)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_update", "Minor error Code (Update Message)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_expired", "Minor error Code (Hold Timer Expired)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_state", "Minor error Code (State Machine)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_cease", "Minor error Code (Cease)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_capability", "Minor error Code (Capability Message)", FieldType.UINT, 8),
                f("bgp.notify.minor_error_unknown", "Minor error Code (Unknown)", FieldType.UINT, 8),
                f("bgp.notify.minor_data", "Data", FieldType.BYTES, 0),
                f("bgp.notify.communication_length", "BGP Shutdown Communication Length", FieldType.UINT, 8),
                f("bgp.notify.communication", "Shutdown Communication", FieldType.STRING, 0),
                f("bgp.route_refresh.afi", "Address family identifier (AFI)", FieldType.UINT, 16),
                f("bgp.route_refresh.subtype", "Subtype", FieldType.UINT, 8),
                f("bgp.route_refresh.safi", "Subsequent address family identifier (SAFI)", FieldType.UINT, 8),
                f("bgp.cap", "Capability", FieldType.NONE, 0),
                f("bgp.cap.type", "Type", FieldType.UINT, 8),
                f("bgp.cap.length", "Length", FieldType.UINT, 8),
                f("bgp.cap.unknown", "Unknown", FieldType.BYTES, 0),
                f("bgp.cap.reserved", "Reserved", FieldType.BYTES, 0),
                f("bgp.cap.mp.afi", "AFI", FieldType.UINT, 16),
                f("bgp.cap.mp.safi", "SAFI", FieldType.UINT, 8),
                f("bgp.cap.gr.timers", "Restart Timers", FieldType.UINT, 16, Base.HEX),
                f("bgp.cap.gr.timers.restart_flag", "Restart state", FieldType.BOOLEAN, 0),
                f("bgp.cap.gr.timers.notification_flag", "Graceful notification", FieldType.BOOLEAN, 0),
                f("bgp.cap.gr.timers.restart_time", "Time", FieldType.UINT, 16),
                f("bgp.cap.gr.afi", "AFI", FieldType.UINT, 16),
                f("bgp.cap.gr.safi", "SAFI", FieldType.UINT, 8),
                f("bgp.cap.gr.flag", "Flag", FieldType.UINT, 8, Base.HEX),
                f("bgp.cap.gr.flag.pfs", "Preserve forwarding state", FieldType.BOOLEAN, 0),
                f("bgp.cap.4as", "AS Number", FieldType.UINT, 32),
                f("bgp.cap.ap.afi", "AFI", FieldType.UINT, 16),
                f("bgp.cap.ap.safi", "SAFI", FieldType.UINT, 8),
                f("bgp.cap.ap.sendreceive", "Send/Receive", FieldType.UINT, 8),
                f("bgp.update.withdrawn_routes.length", "Withdrawn Routes Length", FieldType.UINT, 16),
                f("bgp.update.withdrawn_routes", "Withdrawn Routes", FieldType.NONE, 0),
                f("bgp.update.path_attributes", "Path attributes", FieldType.NONE, 0),
                f("bgp.update.path_attributes.unknown", "Unknown Path attributes", FieldType.NONE, 0),
                f("bgp.update.path_attributes.length", "Total Path Attribute Length", FieldType.UINT, 16),
                f("bgp.update.path_attribute.as_path_segment", "AS Path segment", FieldType.NONE, 0),
                f("bgp.update.path_attribute.as_path_segment.type", "Segment type", FieldType.UINT, 8),
                f("bgp.update.path_attribute.as_path_segment.length", "Segment length (number of ASN)", FieldType.UINT, 8),
                f("bgp.update.path_attribute.as_path_segment.as2", "AS2", FieldType.UINT, 16),
                f("bgp.update.path_attribute.as_path_segment.as4", "AS4", FieldType.UINT, 32),
                f("bgp.update.path_attribute.local_pref", "Local preference", FieldType.UINT, 32),
                f("bgp.update.path_attribute.multi_exit_disc", "Multiple exit discriminator", FieldType.UINT, 32),
                f("bgp.update.path_attribute.next_hop", "Next hop", FieldType.IPV4, 0),
                f("bgp.update.path_attribute.origin", "Origin", FieldType.UINT, 8),
                f("bgp.update.path_attribute", "Path Attribute", FieldType.NONE, 0),
                f("bgp.update.path_attribute.flags", "Flags", FieldType.UINT, 8, Base.HEX),
                f("bgp.update.path_attribute.flags.optional", "Optional", FieldType.BOOLEAN, 0),
                f("bgp.update.path_attribute.flags.transitive", "Transitive", FieldType.BOOLEAN, 0),
                f("bgp.update.path_attribute.flags.partial", "Partial", FieldType.BOOLEAN, 0),
                f("bgp.update.path_attribute.flags.extended_length", "Extended-Length", FieldType.BOOLEAN, 0),
                f("bgp.update.path_attribute.flags.unused", "Unused", FieldType.UINT, 8, Base.HEX),
                f("bgp.update.path_attribute.type_code", "Type Code", FieldType.UINT, 8),
                f("bgp.update.path_attribute.length", "Length", FieldType.UINT, 16),
                f("bgp.update.path_attribute.mp_reach_nlri.afi", "Address family identifier (AFI)", FieldType.UINT, 16),
                f("bgp.update.path_attribute.mp_reach_nlri.safi", "Subsequent address family identifier (SAFI)", FieldType.UINT, 8),
                f("bgp.update.path_attribute.mp_reach_nlri.next_hop", "Next hop", FieldType.BYTES, 0),
                f("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", "IPv4 Address", FieldType.IPV4, 0),
                f("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6", "IPv6 Address", FieldType.IPV6, 0),
                f("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local", "Link-local Address", FieldType.IPV6, 0),
                f("bgp.update.path_attribute.mp_reach_nlri.nbr_snpa", "Number of Subnetwork points of attachment (SNPA)", FieldType.UINT, 8),
                f("bgp.update.path_attribute.mp_reach_nlri.snpa_length", "SNPA Length", FieldType.UINT, 8),
                f("bgp.update.path_attribute.mp_reach_nlri.snpa", "SNPA", FieldType.BYTES, 0),
                f("bgp.update.path_attribute.mp_reach_nlri", "Network Layer Reachability Information (NLRI)", FieldType.NONE, 0),
                f("bgp.update.path_attribute.mp_unreach_nlri.afi", "Address family identifier (AFI)", FieldType.UINT, 16),
                f("bgp.update.path_attribute.mp_unreach_nlri.safi", "Subsequent address family identifier (SAFI)", FieldType.UINT, 8),
                f("bgp.update.path_attribute.mp_unreach_nlri", "Withdrawn Routes", FieldType.NONE, 0),
                f("bgp.withdrawn_prefix", "Withdrawn prefix", FieldType.IPV4, 0),
                f("bgp.update.nlri", "Network Layer Reachability Information (NLRI)", FieldType.NONE, 0),
                f("bgp.mp_reach_nlri_ipv4_prefix", "MP Reach NLRI IPv4 prefix", FieldType.IPV4, 0),
                f("bgp.mp_unreach_nlri_ipv4_prefix", "MP Unreach NLRI IPv4 prefix", FieldType.IPV4, 0),
                f("bgp.mp_reach_nlri_ipv6_prefix", "MP Reach NLRI IPv6 prefix", FieldType.IPV6, 0),
                f("bgp.mp_unreach_nlri_ipv6_prefix", "MP Unreach NLRI IPv6 prefix", FieldType.IPV6, 0),
                f("bgp.nlri_prefix", "NLRI prefix", FieldType.IPV4, 0),
                f("bgp.cap.length.bad", "Capability length is wrong", FieldType.NONE, 0),
                f("bgp.cap.gr.helper_mode_only", "Graceful Restart Capability supported in Helper mode only", FieldType.NONE, 0),
                f("bgp.notify.minor_error.unknown", "Unknown notification error", FieldType.NONE, 0),
                f("bgp.length.invalid", "Length is invalid", FieldType.NONE, 0),
                f("bgp.prefix_length.invalid", "Prefix length is invalid", FieldType.NONE, 0),
                f("bgp.attr.as_path.as_len", "unable to determine 4 or 2 bytes ASN", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, BgpFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, BgpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Bgp b = Collected.dissector(d, "bgp", Bgp.class);
        return b == null ? null : b.fields(d.frame().number());
    }
}
