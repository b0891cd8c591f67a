package dev.tcpscope.wire;

/** The protocols tcpscope dissects, one per layer of a {@link Dissection}. */
public enum Proto {
    /** Ethernet II / IEEE 802.3 (IEEE 802.3 clause 3). */
    ETH,
    /** IEEE 802.1Q / 802.1ad tag. */
    VLAN,
    /** Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL). */
    SLL,
    /** Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2). */
    SLL2,
    /** BSD loopback / null encapsulation (LINKTYPE_NULL, LINKTYPE_LOOP). */
    NULL,
    /** Raw IP: the frame starts with an IP header (no link layer bytes). */
    RAW,
    /** IPv4 (RFC 791). */
    IPV4,
    /** IPv6 (RFC 8200), extension headers included in the layer. */
    IPV6,
    /** ARP / RARP (RFC 826, RFC 903). */
    ARP,
    /** TCP (RFC 9293). */
    TCP,
    /** UDP (RFC 768). */
    UDP,
    /** ICMP (RFC 792). */
    ICMP,
    /** ICMPv6 (RFC 4443). */
    ICMPV6,
    /** Generic Routing Encapsulation (RFC 2784, RFC 2890; RFC 2637's enhanced header for PPTP). */
    GRE,
    /**
     * Cisco's Encapsulated Remote SPAN header inside GRE (draft-foschiano-erspan-03): type II
     * and III headers, and the empty placeholder Wireshark shows for type I.
     */
    ERSPAN,
    /** Cisco MetaData (packet-cmd.c) that GRE carries under protocol type 0x8909: the ethertype, then version, length, options and SGT. */
    CMD,
    /**
     * An MPLS label stack (packet-mpls.c), all its entries down to the bottom of the stack in
     * one layer (the frame's protocols name it once); its payload follows the last entry.
     */
    MPLS,
    /** PPP over Ethernet's Session stage (EtherType 0x8864, RFC 2516): a 6-byte header, then a PPP frame. */
    PPPOES,
    /** PPP over Ethernet's Discovery stage (EtherType 0x8863): the header and its tags, nothing after. */
    PPPOED,
    /** PPP's protocol field (RFC 1661 §2): one or two bytes, then the protocol it names. */
    PPP,
    /** An Ethernet pseudowire's control word (packet-pw-eth.c, RFC 4448): 4 bytes, then Ethernet. */
    PW_ETH_CW,
    /** A pseudowire Associated Channel Header (RFC 4385, RFC 5586 after a GAL): 4 bytes, then data. */
    PW_ACH,
    /**
     * IPsec's Encapsulating Security Payload (RFC 4303, packet-ipsec.c): SPI and sequence number;
     * the encrypted rest is part of the layer, as tshark without keys shows nothing of it.
     */
    ESP,
    /**
     * IPsec's Authentication Header (IP protocol 51; RFC 4302 §2): next header, length, SPI,
     * sequence number and integrity check value; the protocol it names follows as a layer.
     */
    AH,
    /**
     * IP Payload Compression (IP protocol 108; RFC 3173): next header, flags and CPI, then the
     * compressed rest; what that inflates to ({@link Dissection#inflated()}) holds the next layers.
     */
    IPCOMP,
    /**
     * IGMP (IP protocol 2; RFC 988, 1112, 2236, 3376 and multicast traceroute): the message to
     * the end of the datagram, walked by {@code proto.igmp.Igmp}.
     */
    IGMP,
    /** VRRP (IP protocol 112; RFC 3768, RFC 5798), walked by {@code proto.vrrp.Vrrp}. */
    VRRP,
    /** EIGRP (IP protocol 88; RFC 7868), walked by {@code proto.eigrp.Eigrp}. */
    EIGRP,
    /** SCTP (IP protocol 132; RFC 9260), walked by {@code proto.sctp.Sctp}. */
    SCTP,
    /**
     * PIM (IP protocol 103; RFC 7761, 3973, 5015), walked by {@code proto.pim.Pim}; a Register's
     * datagram follows as the next layers.
     */
    PIM,
    /**
     * PTPv2 over Ethernet (EtherType 0x88F7, IEEE 1588 annex F), cut to its messageLength when
     * that fits; walked by {@code proto.ptp.PtpWalk}.
     */
    PTP,
    /** VXLAN (RFC 7348) on UDP port 4789, packet-vxlan.c; an Ethernet frame follows its 8 bytes. */
    VXLAN,
    /** VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe) on UDP port 4790, packet-vxlan.c; its next protocol follows. */
    VXLAN_GPE,
    /** Geneve (RFC 8926) on UDP port 6081, packet-geneve.c; its protocol type's payload follows the options. */
    GENEVE,
    /**
     * IPsec's UDP encapsulation (port 4500, RFC 3948): nothing before ESP, a 4-byte zero marker
     * before IKE (left to data), or a one-byte NAT keepalive.
     */
    UDPENCAP,
    /** GTP (3GPP TS 29.281 / 29.060) on UDP ports 2152 and 2123, packet-gtp.c; a T-PDU's datagram follows. */
    GTP,
    /**
     * Teredo (RFC 4380) on UDP port 3544, packet-teredo.c: an optional authentication header and
     * origin indication, then an IPv6 datagram (whatever its first byte says) as the next layer.
     */
    TEREDO,
    /**
     * IEEE 802.2 LLC after an IEEE 802.3 length field (packet-llc.c): SAPs, control field and a
     * SNAP header, the layer holding what follows unless a BPDU does; walked by {@code proto.llc.Llc}.
     */
    LLC,
    /** A spanning tree BPDU (packet-stp.c) after LLC SAP 0x42 or Cisco's PVST+ SNAP; walked by {@code proto.llc.Stp}. */
    STP,
    /**
     * LLDP (IEEE 802.1AB, EtherType 0x88CC), cut where packet-lldp.c leaves the rest to the
     * Ethernet trailer ({@link Lldp#length}); walked by {@code proto.lldp.LldpWalk}.
     */
    LLDP,
    /**
     * An IS-IS PDU (ISO 10589, packet-isis*.c) that LLC's ISO Network Layer SAP (0xFE) hands to
     * packet-osi.c's NLPID table (0x83); walked by {@code proto.isis.Isis}.
     */
    ISIS,
    /** OSPF version 2 or 3 (IP protocol 89; RFC 2328, RFC 5340), walked by {@code proto.ospf.Ospf}. */
    OSPF
}
