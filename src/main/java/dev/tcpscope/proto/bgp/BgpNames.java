package dev.tcpscope.proto.bgp;

import java.util.Map;

/**
 * The value names of packet-bgp.c (Wireshark 4.0.17) for the fields tcpscope dissects, as
 * {@code tshark -G values} lists them (generated from that list; regenerate rather than edit).
 */
final class BgpNames {
    private BgpNames() { }

    /** {@code bgp.type}. */
    static final Map<Integer, String> TYPE = Map.ofEntries(
            Map.entry(1, "OPEN Message"),
            Map.entry(2, "UPDATE Message"),
            Map.entry(3, "NOTIFICATION Message"),
            Map.entry(4, "KEEPALIVE Message"),
            Map.entry(5, "ROUTE-REFRESH Message"),
            Map.entry(6, "CAPABILITY Message"),
            Map.entry(128, "Cisco ROUTE-REFRESH Message"));

    /** {@code bgp.open.opt.param.type}. */
    static final Map<Integer, String> PARAM = Map.ofEntries(
            Map.entry(1, "Authentication"),
            Map.entry(2, "Capability"));

    /** {@code bgp.cap.type}. */
    static final Map<Integer, String> CAPABILITY = Map.ofEntries(
            Map.entry(0, "Reserved capability"),
            Map.entry(1, "Multiprotocol extensions capability"),
            Map.entry(2, "Route refresh capability"),
            Map.entry(3, "Cooperative route filtering capability"),
            Map.entry(4, "Multiple routes to a destination capability"),
            Map.entry(5, "Extended Next Hop Encoding"),
            Map.entry(6, "BGP-Extended Message"),
            Map.entry(7, "BGPsec capability"),
            Map.entry(8, "Multiple Labels capability"),
            Map.entry(9, "BGP Role"),
            Map.entry(64, "Graceful Restart capability"),
            Map.entry(65, "Support for 4-octet AS number capability"),
            Map.entry(66, "Deprecated Dynamic Capability (Cisco)"),
            Map.entry(67, "Support for Dynamic capability"),
            Map.entry(68, "Multisession BGP Capability"),
            Map.entry(69, "Support for Additional Paths"),
            Map.entry(70, "Enhanced route refresh capability"),
            Map.entry(71, "Long-Lived Graceful Restart (LLGR) Capability"),
            Map.entry(72, "CP-ORF Capability"),
            Map.entry(73, "FQDN Capability"),
            Map.entry(128, "Route refresh capability (Cisco)"),
            Map.entry(130, "Cooperative route filtering capability (Cisco)"),
            Map.entry(131, "Multisession BGP Capability (Cisco)"));

    /** {@code bgp.notify.major_error}. */
    static final Map<Integer, String> MAJOR = Map.ofEntries(
            Map.entry(1, "Message Header Error"),
            Map.entry(2, "OPEN Message Error"),
            Map.entry(3, "UPDATE Message Error"),
            Map.entry(4, "Hold Timer Expired"),
            Map.entry(5, "Finite State Machine Error"),
            Map.entry(6, "Cease"),
            Map.entry(7, "CAPABILITY Message Error"));

    /** {@code bgp.notify.minor_error}. */
    static final Map<Integer, String> MINOR_HEADER = Map.ofEntries(
            Map.entry(1, "Connection Not Synchronized"),
            Map.entry(2, "Bad Message Length"),
            Map.entry(3, "Bad Message Type"));

    /** {@code bgp.notify.minor_error_open}. */
    static final Map<Integer, String> MINOR_OPEN = Map.ofEntries(
            Map.entry(1, "Unsupported Version Number"),
            Map.entry(2, "Bad Peer AS"),
            Map.entry(3, "Bad BGP Identifier"),
            Map.entry(4, "Unsupported Optional Parameter"),
            Map.entry(5, "Authentication Failure [Deprecated]"),
            Map.entry(6, "Unacceptable Hold Time"),
            Map.entry(7, "Unsupported Capability"),
            Map.entry(8, "No supported AFI/SAFI (Cisco)"));

    /** {@code bgp.notify.minor_error_update}. */
    static final Map<Integer, String> MINOR_UPDATE = Map.ofEntries(
            Map.entry(1, "Malformed Attribute List"),
            Map.entry(2, "Unrecognized Well-known Attribute"),
            Map.entry(3, "Missing Well-known Attribute"),
            Map.entry(4, "Attribute Flags Error"),
            Map.entry(5, "Attribute Length Error"),
            Map.entry(6, "Invalid ORIGIN Attribute"),
            Map.entry(7, "AS Routing Loop [Deprecated]"),
            Map.entry(8, "Invalid NEXT_HOP Attribute"),
            Map.entry(9, "Optional Attribute Error"),
            Map.entry(10, "Invalid Network Field"),
            Map.entry(11, "Malformed AS_PATH"));

    /** {@code bgp.notify.minor_error_state}. */
    static final Map<Integer, String> MINOR_STATE = Map.ofEntries(
            Map.entry(1, "Receive Unexpected Message in OpenSent State"),
            Map.entry(2, "Receive Unexpected Message in OpenConfirm State"),
            Map.entry(3, "Receive Unexpected Message in Established State"));

    /** {@code bgp.notify.minor_error_cease}. */
    static final Map<Integer, String> MINOR_CEASE = Map.ofEntries(
            Map.entry(1, "Maximum Number of Prefixes Reached"),
            Map.entry(2, "Administratively Shutdown"),
            Map.entry(3, "Peer De-configured"),
            Map.entry(4, "Administratively Reset"),
            Map.entry(5, "Connection Rejected"),
            Map.entry(6, "Other Configuration Change"),
            Map.entry(7, "Connection Collision Resolution"),
            Map.entry(8, "Out of Resources"),
            Map.entry(9, "Hard Reset"));

    /** {@code bgp.notify.minor_error_capability}. */
    static final Map<Integer, String> MINOR_CAPABILITY = Map.ofEntries(
            Map.entry(1, "Invalid Action Value"),
            Map.entry(2, "Invalid Capability Length"),
            Map.entry(3, "Malformed Capability Value"),
            Map.entry(4, "Unsupported Capability Code"));

    /** {@code bgp.update.path_attribute.type_code}. */
    static final Map<Integer, String> ATTRIBUTE = Map.ofEntries(
            Map.entry(1, "ORIGIN"),
            Map.entry(2, "AS_PATH"),
            Map.entry(3, "NEXT_HOP"),
            Map.entry(4, "MULTI_EXIT_DISC"),
            Map.entry(5, "LOCAL_PREF"),
            Map.entry(6, "ATOMIC_AGGREGATE"),
            Map.entry(7, "AGGREGATOR"),
            Map.entry(8, "COMMUNITIES"),
            Map.entry(9, "ORIGINATOR_ID"),
            Map.entry(10, "CLUSTER_LIST"),
            Map.entry(11, "DPA"),
            Map.entry(12, "ADVERTISER"),
            Map.entry(13, "RCID_PATH / CLUSTER_ID"),
            Map.entry(14, "MP_REACH_NLRI"),
            Map.entry(15, "MP_UNREACH_NLRI"),
            Map.entry(16, "EXTENDED_COMMUNITIES"),
            Map.entry(17, "AS4_PATH"),
            Map.entry(18, "AS4_AGGREGATOR"),
            Map.entry(19, "SAFI_SPECIFIC_ATTRIBUTE"),
            Map.entry(20, "Connector Attribute"),
            Map.entry(21, "AS_PATHLIMIT "),
            Map.entry(23, "TUNNEL_ENCAPSULATION_ATTRIBUTE"),
            Map.entry(22, "PMSI_TUNNEL_ATTRIBUTE"),
            Map.entry(24, "Traffic Engineering"),
            Map.entry(25, "IPv6 Address Specific Extended Community"),
            Map.entry(26, "AIGP"),
            Map.entry(27, "PE Distinguisher Labels"),
            Map.entry(28, "BGP Entropy Label Capability Attribute"),
            Map.entry(29, "BGP-LS Attribute"),
            Map.entry(30, "Deprecated"),
            Map.entry(31, "Deprecated"),
            Map.entry(32, "LARGE_COMMUNITY"),
            Map.entry(33, "BGPsec_PATH"),
            Map.entry(36, "D_PATH"),
            Map.entry(40, "BGP Prefix-SID"),
            Map.entry(99, "LINK_STATE (unofficial code point)"),
            Map.entry(128, "ATTR_SET"),
            Map.entry(129, "Deprecated"),
            Map.entry(241, "Deprecated"),
            Map.entry(242, "Deprecated"),
            Map.entry(243, "Deprecated"));

    /** {@code bgp.update.path_attribute.origin}. */
    static final Map<Integer, String> ORIGIN = Map.ofEntries(
            Map.entry(0, "IGP"),
            Map.entry(1, "EGP"),
            Map.entry(2, "INCOMPLETE"));

    /** {@code bgp.update.path_attribute.as_path_segment.type}. */
    static final Map<Integer, String> SEGMENT = Map.ofEntries(
            Map.entry(1, "AS_SET"),
            Map.entry(2, "AS_SEQUENCE"),
            Map.entry(4, "AS_CONFED_SET"),
            Map.entry(3, "AS_CONFED_SEQUENCE"));

    /** {@code bgp.cap.mp.afi}. */
    static final Map<Integer, String> AFI = Map.ofEntries(
            Map.entry(0, "Reserved"),
            Map.entry(1, "IPv4"),
            Map.entry(2, "IPv6"),
            Map.entry(3, "NSAP"),
            Map.entry(4, "HDLC (8-bit multidrop)"),
            Map.entry(5, "BBN 1822"),
            Map.entry(6, "802 (includes all 802 media plus Ethernet)"),
            Map.entry(7, "E.163"),
            Map.entry(8, "E.164 (SMDS, Frame Relay, ATM)"),
            Map.entry(9, "F.69 (Telex)"),
            Map.entry(10, "X.121 (X.25, Frame Relay)"),
            Map.entry(11, "IPX"),
            Map.entry(12, "Appletalk"),
            Map.entry(13, "Decnet IV"),
            Map.entry(14, "Banyan Vines"),
            Map.entry(15, "E.164 with NSAP subaddress"),
            Map.entry(16, "DNS (Domain Name System)"),
            Map.entry(17, "Distinguished Name"),
            Map.entry(18, "AS Number"),
            Map.entry(19, "XTP over IP version 4"),
            Map.entry(20, "XTP over IP version 6"),
            Map.entry(21, "XTP native mode XTP"),
            Map.entry(22, "Fibre Channel World-Wide Port Name"),
            Map.entry(23, "Fibre Channel World-Wide Node Name"),
            Map.entry(24, "GWID"),
            Map.entry(25, "Layer-2 VPN"),
            Map.entry(196, "Layer-2 VPN (old)"),
            Map.entry(26, "MPLS-TP Section Endpoint Identifier"),
            Map.entry(27, "MPLS-TP LSP Endpoint Identifier"),
            Map.entry(28, "MPLS-TP Pseudowire Endpoint Identifier"),
            Map.entry(29, "MT IP: Multi-Topology IP version 4"),
            Map.entry(30, "MT IPv6: Multi-Topology IP version 6"),
            Map.entry(16384, "EIGRP Common Service Family"),
            Map.entry(16385, "EIGRP IPv4 Service Family"),
            Map.entry(16386, "EIGRP IPv6 Service Family"),
            Map.entry(16387, "LISP Canonical Address Format (LCAF)"),
            Map.entry(16388, "BGP-LS"),
            Map.entry(16389, "48-bit MAC Address"),
            Map.entry(16390, "64-bit MAC Address"),
            Map.entry(16391, "OUI"),
            Map.entry(16392, "MAC/24"),
            Map.entry(16393, "MAC/40"),
            Map.entry(16394, "IPv6/64"),
            Map.entry(16395, "RBridge Port ID"),
            Map.entry(16396, "TRILL Nickname"),
            Map.entry(65535, "Reserved"));

    /** {@code bgp.cap.mp.safi}. */
    static final Map<Integer, String> SAFI = Map.ofEntries(
            Map.entry(0, "Reserved"),
            Map.entry(1, "Unicast"),
            Map.entry(2, "Multicast"),
            Map.entry(3, "Unicast+Multicast (Deprecated)"),
            Map.entry(4, "Labeled Unicast"),
            Map.entry(5, "MCAST-VPN"),
            Map.entry(6, "Multi-Segment Pseudowires"),
            Map.entry(7, "Encapsulation (Deprecated)"),
            Map.entry(8, "MCAST-VPLS"),
            Map.entry(64, "Tunnel (Deprecated)"),
            Map.entry(65, "VPLS"),
            Map.entry(66, "Cisco MDT"),
            Map.entry(67, "4over6"),
            Map.entry(68, "6over4"),
            Map.entry(69, "Layer-1 VPN"),
            Map.entry(70, "EVPN"),
            Map.entry(71, "BGP-LS"),
            Map.entry(72, "BGP-LS-VPN"),
            Map.entry(73, "SR Policy"),
            Map.entry(74, "SD-WAN"),
            Map.entry(75, "Routing Policy Distribution"),
            Map.entry(76, "Classful Transport Planes"),
            Map.entry(77, "Tunneled Traffic Flowspec"),
            Map.entry(78, "MCAST-TREE"),
            Map.entry(128, "Labeled VPN Unicast"),
            Map.entry(129, "Labeled VPN Multicast"),
            Map.entry(130, "Labeled VPN Unicast+Multicast (Deprecated)"),
            Map.entry(132, "Route Target Filter"),
            Map.entry(133, "Flow Spec Filter"),
            Map.entry(134, "Flow Spec Filter VPN"),
            Map.entry(140, "Layer-3 VPN (Deprecated)"));

    /** {@code bgp.route_refresh.subtype}. */
    static final Map<Integer, String> REFRESH_SUBTYPE = Map.ofEntries(
            Map.entry(0, "Normal route refresh request [RFC2918] with/without ORF [RFC5291]"),
            Map.entry(1, "Demarcation of the beginning of a route refresh"),
            Map.entry(2, "Demarcation of the ending of a route refresh"));

    /** {@code bgp.cap.ap.sendreceive}. */
    static final Map<Integer, String> SEND_RECEIVE = Map.ofEntries(
            Map.entry(1, "Receive"),
            Map.entry(2, "Send"),
            Map.entry(3, "Both"));

    /** {@code bgp.update.path_attribute.community_wellknown} (keys as signed 32-bit values). */
    static final Map<Integer, String> COMMUNITY = Map.ofEntries(
            Map.entry(-65536, "GRACEFUL_SHUTDOWN"),
            Map.entry(-65535, "ACCEPT_OWN"),
            Map.entry(-64870, "BLACKHOLE"),
            Map.entry(-255, "NO_EXPORT"),
            Map.entry(-254, "NO_ADVERTISE"),
            Map.entry(-253, "NO_EXPORT_SUBCONFED"),
            Map.entry(-252, "NOPEER"));

    /** The value's name, or {@code fallback}. */
    static String name(Map<Integer, String> table, int v, String fallback) {
        String s = table.get(v);
        return s == null ? fallback : s;
    }
}
