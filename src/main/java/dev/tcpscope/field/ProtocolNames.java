package dev.tcpscope.field;

import java.util.Map;

/**
 * The short names tshark 4.0 gives the protocols tcpscope dissects ({@code tshark -G protocols},
 * column 2: {@code IPv4} for {@code ip}, {@code ARP/RARP} for {@code arp}), for the expert
 * statistics' Protocol column and the {@code -G protocols} glossary.
 */
public final class ProtocolNames {
    private ProtocolNames() { }

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("frame", "Frame"), Map.entry("pkt_comment", "Pkt_Comment"), Map.entry("eth", "Ethernet"),
            Map.entry("vlan", "VLAN"), Map.entry("ieee8021ad", "IEEE 802.1AD"), Map.entry("sll", "SLL"),
            Map.entry("null", "Null"), Map.entry("raw", "Raw"), Map.entry("ip", "IPv4"), Map.entry("ipv6", "IPv6"), Map.entry("gre", "GRE"), Map.entry("erspan", "ERSPAN"), Map.entry("cmd", "Cisco MetaData"), Map.entry("mpls", "MPLS"), Map.entry("pwethcw", "Ethernet PW (with CW)"), Map.entry("pwach", "PW Associated Channel"), Map.entry("esp", "ESP"), Map.entry("ah", "AH"), Map.entry("ipcomp", "IPComp"), Map.entry("udpencap", "UDPENCAP"), Map.entry("pppoes", "PPPoES"), Map.entry("pppoed", "PPPoED"), Map.entry("pppoe", "PPPoE"), Map.entry("ppp", "PPP"), Map.entry("lcp", "PPP LCP"), Map.entry("ipcp", "PPP IPCP"), Map.entry("ipv6cp", "PPP IPV6CP"), Map.entry("pap", "PPP PAP"), Map.entry("chap", "PPP CHAP"), Map.entry("igmp", "IGMP"), Map.entry("vrrp", "VRRP"), Map.entry("sctp", "SCTP"), Map.entry("ospf", "OSPF"), Map.entry("llc", "LLC"), Map.entry("stp", "STP"), Map.entry("lldp", "LLDP"), Map.entry("basicxid", "Basic Format XID"), Map.entry("pim", "PIM"), Map.entry("osi", "OSI"), Map.entry("isis", "ISIS"), Map.entry("isis.hello", "ISIS HELLO"), Map.entry("isis.lsp", "ISIS LSP"), Map.entry("isis.csnp", "ISIS CSNP"), Map.entry("isis.psnp", "ISIS PSNP"),
            Map.entry("ipv6.hopopts", "IPv6 Hop-by-Hop"), Map.entry("ipv6.routing", "IPv6 Routing"),
            Map.entry("ipv6.fraghdr", "IPv6 Fragment"), Map.entry("ipv6.dstopts", "IPv6 Destination"),
            Map.entry("arp", "ARP/RARP"), Map.entry("tcp", "TCP"), Map.entry("mptcp", "MPTCP"), Map.entry("udp", "UDP"),
            Map.entry("icmp", "ICMP"), Map.entry("icmpv6", "ICMPv6"), Map.entry("data", "Data"),
            Map.entry("http", "HTTP"), Map.entry("ssdp", "SSDP"), Map.entry("media", "Media"), Map.entry("image-gif", "GIF image"), Map.entry("png", "PNG"),
            Map.entry("image-jfif", "JFIF (JPEG) image"), Map.entry("json", "JSON"),
            Map.entry("mime_multipart", "MIME multipart"), Map.entry("data-text-lines", "Line-based text data"),
            Map.entry("xml", "XML"), Map.entry("presence", "presence"), Map.entry("smil", "smil"), Map.entry("mscml", "mscml"),
            Map.entry("dns", "DNS"), Map.entry("mdns", "mDNS"), Map.entry("llmnr", "LLMNR"),
            Map.entry("tls", "TLS"), Map.entry("ssh", "SSH"), Map.entry("smtp", "SMTP"), Map.entry("imf", "IMF"),
            Map.entry("ftp", "FTP"), Map.entry("ftp-data", "FTP-DATA"), Map.entry("rlogin", "Rlogin"), Map.entry("rsh", "RSH"), Map.entry("finger", "FINGER"), Map.entry("irc", "IRC"), Map.entry("pop", "POP"), Map.entry("imap", "IMAP"), Map.entry("mbtcp", "Modbus/TCP"), Map.entry("modbus", "Modbus"), Map.entry("ldap", "LDAP"), Map.entry("telnet", "TELNET"), Map.entry("gryphon", "Gryphon"),
            Map.entry("enip", "ENIP"), Map.entry("cip", "CIP"), Map.entry("cipcls", "CIPCLS"), Map.entry("cippccc", "CIPPCCC"), Map.entry("websocket", "WebSocket"), Map.entry("http2", "HTTP2"),
            Map.entry("tpkt", "TPKT"), Map.entry("quic", "QUIC"), Map.entry("cotp", "COTP"),
            Map.entry("ntlmssp", "NTLMSSP"), Map.entry("gss-api", "GSS-API"),
            Map.entry("nbss", "NBSS"), Map.entry("smb2", "SMB2"), Map.entry("spnego", "SPNEGO"),
            Map.entry("dhcp", "DHCP/BOOTP"), Map.entry("dhcpv6", "DHCPv6"),
            Map.entry("tftp", "TFTP"), Map.entry("ptp", "PTP"),
            Map.entry("ntp", "NTP"),
            Map.entry("vxlan", "VXLAN"), Map.entry("geneve", "Geneve"), Map.entry("gtp", "GTP"), Map.entry("teredo", "Teredo"),
            Map.entry("gtpprime", "GTP (Prime)"),
            Map.entry("hsrp", "HSRP"), Map.entry("bfd", "BFD Control"), Map.entry("bfd_echo", "BFD Echo"), Map.entry("eigrp", "EIGRP"), Map.entry("isakmp", "ISAKMP"), Map.entry("nbns", "NBNS"), Map.entry("rx", "RX"), Map.entry("afs", "AFS (RX)"), Map.entry("resp", "RESP"),
            Map.entry("mysql", "MySQL"), Map.entry("pgsql", "PGSQL"),
            Map.entry("openflow", "OpenFlow"), Map.entry("openflow_v1", "openflow_v1"), Map.entry("openflow_v4", "openflow_v4"),
            Map.entry("openflow_v5", "openflow_v5"), Map.entry("openflow_v6", "openflow_v6"),
            Map.entry("bgp", "BGP"),
            Map.entry("rpc", "RPC"), Map.entry("portmap", "Portmap"), Map.entry("mount", "MOUNT"),
            Map.entry("nfs", "NFS"), Map.entry("nfsacl", "NFSACL"), Map.entry("sadmind", "SADMIND"), Map.entry("nlm", "NLM"),
            Map.entry("dcerpc", "DCERPC"), Map.entry("drsuapi", "DRSUAPI"), Map.entry("epm", "EPM"),
            Map.entry("rpc_netlogon", "RPC_NETLOGON"), Map.entry("svcctl", "SVCCTL"), Map.entry("samr", "SAMR"),
            Map.entry("lsarpc", "LSARPC"), Map.entry("winreg", "WINREG"), Map.entry("srvsvc", "SRVSVC"),
            Map.entry("wkssvc", "WKSSVC"), Map.entry("mapi", "MAPI"), Map.entry("nspi", "NSPI"),
            Map.entry("atsvc", "ATSVC"), Map.entry("spoolss", "SPOOLSS"), Map.entry("dssetup", "DSSETUP"),
            Map.entry("isystemactivator", "ISystemActivator"), Map.entry("remunk", "IRemUnknown"), Map.entry("remunk2", "IRemUnknown2"),
            Map.entry("sip", "SIP"), Map.entry("sdp", "SDP"),
            Map.entry("dnp3", "DNP 3.0"), Map.entry("kerberos", "KRB5"), Map.entry("vnc", "VNC"),
            Map.entry("snmp", "SNMP"), Map.entry("radius", "RADIUS"));

    /** The short name of the protocol whose filter name is {@code filterName}, or null when tcpscope does not know it. */
    public static String shortName(String filterName) {
        return SHORT.get(filterName);
    }
}
