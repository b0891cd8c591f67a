package dev.tcpscope.wire;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;

import java.lang.foreign.MemorySegment;

/**
 * Walks a frame's headers from the link layer to the transport layer and records them in a
 * {@link Dissection}. It checks each header's length once, follows the length fields the way
 * Wireshark does (an IP total length trims link-layer padding, a truncated frame keeps its
 * reported length), and never throws: damage is recorded as an {@link End}.
 */
public final class Dissector {
    private final Reassembler reassembler = new Reassembler();
    /** The frame being dissected, for the reassembler's fragment list. */
    private long frameNumber;
    /** The first 802.1Q VLAN ID of the frame (Wireshark's {@code pinfo->vlan_id}), 0 if none. */
    private int vlanId;
    /** Where to note the frames that complete datagrams (a first pass), or null. */
    private ReassembledIn notes;
    /** What a first pass noted (a second pass), or null. */
    private ReassembledIn known;

    /** Notes from now on, in {@code into}, which frame completes each datagram (a first pass). */
    public void noteReassemblies(ReassembledIn into) {
        notes = into;
    }

    /** The UDP ports another dissector owns (registered or decoded-as); none unless told. */
    private java.util.function.IntPredicate udpClaimed = port -> false;

    /** Tells the tunnels which UDP ports other dissectors own ({@link UdpTunnel#byPorts}). */
    public void udpClaimed(java.util.function.IntPredicate claimed) {
        udpClaimed = claimed;
    }

    /** Tells a second pass where the first completed each datagram ({@code tshark -2}). */
    public void knownReassemblies(ReassembledIn firstPass) {
        known = firstPass;
    }
    private final Ipv6Chain chain = new Ipv6Chain();

    private final int IPPROTO_ICMP = 1;
    private final int IPPROTO_IGMP = 2;
    private final int IPPROTO_IPIP = 4;
    private final int IPPROTO_TCP = 6;
    private final int IPPROTO_UDP = 17;
    private final int IPPROTO_IPV6 = 41;
    private final int IPPROTO_ICMPV6 = 58;
    private final int IPPROTO_GRE = 47;
    private final int IPPROTO_ESP = 50;
    private final int IPPROTO_AH = 51;
    private final int IPPROTO_IPCOMP = 108;
    private final int IPPROTO_MPLS = 137;
    private final int IPPROTO_VRRP = 112;
    private final int IPPROTO_EIGRP = 88;
    private final int IPPROTO_PIM = 103;
    private final int IPPROTO_OSPF = 89;
    private final int IPPROTO_SCTP = 132;

    /** Fills {@code d} with the layers of {@code f}. */
    public void dissect(Frame f, Dissection d) {
        d.reset(f);
        frameNumber = f.number();
        vlanId = 0;
        quoting = false;
        MemorySegment s = f.segment();
        long off = f.offset();
        int cap = f.capturedLength();
        int rep = f.originalLength();
        if (rep < cap) {
            rep = cap;
        }
        switch (f.linkType()) {
            case LinkType.ETHERNET -> ethernet(d, s, off, cap, rep, f.fcsLength());
            case LinkType.NULL -> nullLink(d, s, off, cap, rep, false);
            case LinkType.PPP, LinkType.PPP_HDLC -> ppp(d, s, off, cap, rep, true);
            case LinkType.LOOP -> nullLink(d, s, off, cap, rep, true);
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14 -> raw(d, s, off, cap, rep);
            case LinkType.IPV4 -> ipv4(d, s, off, cap, rep);
            case LinkType.IPV6 -> ipv6(d, s, off, cap, rep);
            case LinkType.LINUX_SLL -> sll(d, s, off, cap, rep);
            case LinkType.LINUX_SLL2 -> sll2(d, s, off, cap, rep);
            default -> d.end = End.UNSUPPORTED_LINK;
        }
        if (quote.find(d)) {
            quoteError(f, d);
        }
    }

    private final IcmpQuote quote = new IcmpQuote();
    private Dissector quoteDissector;
    private Dissection quoteLayers;

    /** Dissects the datagram an ICMP error quotes ({@link Dissection#quote()}), with a dissector of its own. */
    private void quoteError(Frame f, Dissection d) {
        if (quoteDissector == null) {
            quoteDissector = new Dissector();
            quoteLayers = new Dissection();
        }
        quoteDissector.quoted(f, quoteLayers, quote.segment, quote.offset, quote.captured, quote.reported, quote.v6);
        d.setQuote(quoteLayers);
    }

    /**
     * Fills {@code d} with the layers of the IP datagram an ICMP error message quotes: bytes
     * {@code off} of {@code s} on, {@code cap} of them captured out of {@code rep}. Use a
     * Dissector of its own for this, so that quoted fragments do not meet the frames' fragments.
     *
     * @param v6 whether the quote is read as IPv6 (ICMPv6) rather than IPv4 (ICMP)
     */
    public void quoted(Frame f, Dissection d, MemorySegment s, long off, int cap, int rep, boolean v6) {
        d.reset(f);
        frameNumber = f.number();
        vlanId = 0;
        quoting = true;
        if (v6) {
            ipv6(d, s, off, cap, Math.max(cap, rep));
        } else {
            ipv4(d, s, off, cap, Math.max(cap, rep));
        }
        IcmpQuote.checkQuotedEnd(d);
    }

    /**
     * Fills {@code d} with the layers of an Ethernet frame without FCS that a protocol above TCP
     * carries (packet-openflow's PACKET_IN/PACKET_OUT data, Wireshark's eth_withoutfcs): bytes
     * {@code off} of {@code s} on, {@code cap} of them captured out of {@code rep}. Tunnels are not
     * followed. Use a Dissector of its own for this, as for a quote.
     */
    public void embedded(Frame f, Dissection d, MemorySegment s, long off, int cap, int rep) {
        embedded(d, s, off, cap, rep);
        frameNumber = f.number();
    }

    /** {@link #embedded(Frame, Dissection, MemorySegment, long, int, int)} without the frame: for the names of its layers only. */
    public void embedded(Dissection d, MemorySegment s, long off, int cap, int rep) {
        d.reset(s);
        frameNumber = 0;
        vlanId = 0;
        quoting = true;
        ethernet(d, s, off, cap, Math.max(cap, rep), 0);
    }

    /** Records a layer and checks that {@code need} bytes of it exist; false when dissection must stop. */
    private boolean layer(Dissection d, Proto p, MemorySegment s, long off, int cap, int rep, int need) {
        if (d.push(p, s, off, cap, rep) < 0) {
            d.end = End.COMPLETE;
            return false;
        }
        if (cap < need) {
            d.end = rep >= need ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return false;
        }
        return true;
    }

    /** @param fcs the FCS length the file gives (a known FCS is not part of the payload), or -1 */
    private void ethernet(Dissection d, MemorySegment s, long off, int cap, int rep, int fcs) {
        if (!layer(d, Proto.ETH, s, off, cap, rep, Ethernet.HEADER_LENGTH)) {
            return;
        }
        int type = Ethernet.type(s, off);
        int payloadRep = rep - Ethernet.HEADER_LENGTH;
        if (fcs > 0 && payloadRep >= fcs) {
            payloadRep -= fcs;
        }
        if (Ethernet.isLength(type)) {
            d.ieee8023 = true;
            d.etherType = type;
            d.end = End.UNKNOWN_ETHERTYPE;
            // packet-ieee8023.c: the payload is as long as the length field says, at most what
            // the frame holds; what follows it is padding or a trailer (EtherTrailer)
            int length = Math.min(type, payloadRep);
            d.setLast(Math.min(cap, Ethernet.HEADER_LENGTH + length), Ethernet.HEADER_LENGTH + length);
            if (!Ethernet.novellRaw(s, off, cap)) {
                llc(d, s, off + Ethernet.HEADER_LENGTH, Math.max(0, Math.min(cap - Ethernet.HEADER_LENGTH, length)), length);
            }
            return;
        }
        etherType(d, s, off + Ethernet.HEADER_LENGTH, Math.min(cap - Ethernet.HEADER_LENGTH, payloadRep),
                payloadRep, type);
    }

    private void etherType(Dissection d, MemorySegment s, long off, int cap, int rep, int type) {
        d.etherType = type;
        switch (type) {
            case Ethernet.TYPE_IPV4 -> ipv4(d, s, off, cap, rep);
            case Ethernet.TYPE_IPV6 -> ipv6(d, s, off, cap, rep);
            case Ethernet.TYPE_ARP, Ethernet.TYPE_RARP -> layer(d, Proto.ARP, s, off, cap, rep, 0);
            case Ethernet.TYPE_VLAN, Ethernet.TYPE_QINQ, Ethernet.TYPE_QINQ_OLD -> vlan(d, s, off, cap, rep);
            case Mpls.TYPE_UNICAST, Mpls.TYPE_MULTICAST -> mpls(d, s, off, cap, rep);
            case Ppp.TYPE_PPPOES -> pppoes(d, s, off, cap, rep);
            case Ppp.TYPE_PPPOED -> pppoed(d, s, off, cap, rep);
            case 0x88f7 -> { // PTPv2 over Ethernet: packet-ptp.c cuts its bytes to messageLength (the rest is padding)
                int length = layer(d, Proto.PTP, s, off, cap, rep, 0) && cap >= 4 ? Bytes.u16(s, off + 2) : -1;
                if (length >= 4 && length <= rep) {
                    d.setLast(Math.min(cap, length), length);
                }
            }
            case Lldp.TYPE -> { // LLDP: packet-lldp.c's walk decides where the Ethernet trailer starts
                int length = layer(d, Proto.LLDP, s, off, cap, rep, 0) ? Lldp.length(s, off, cap, rep) : -1;
                if (length >= 0) {
                    d.setLast(Math.min(cap, length), length);
                }
            }
            default -> d.end = End.UNKNOWN_ETHERTYPE;
        }
    }

    /**
     * PPPoE's Session stage (packet-pppoe.c dissect_pppoes): the header, a Credits tag when one
     * follows it, then PPP over as many bytes as the payload length says (at most what is
     * there). The two bytes after the header are read (for a Credits tag, and for the length
     * check) before PPP is called.
     */
    private void pppoes(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.PPPOES, s, off, cap, rep, Ppp.PPPOE_HEADER_LENGTH + 2)) {
            return;
        }
        int h = Ppp.PPPOE_HEADER_LENGTH;
        int length = Ppp.payloadLength(s, off);
        int credits = Bytes.u16(s, off + h) == Ppp.TAG_CREDITS ? 8 : 0;
        int pcap = Math.min(Math.min(cap, rep) - h, length) - credits;
        int prep = Math.min(rep - h, length) - credits;
        if (prep < 0) {
            d.end = End.REPORTED_SHORT;
            return;
        }
        ppp(d, s, off + h + credits, Math.max(0, pcap), prep, false);
    }

    /** PPPoE's Discovery stage: the header and its tags (read by the presentation), nothing after. */
    private void pppoed(Dissection d, MemorySegment s, long off, int cap, int rep) {
        layer(d, Proto.PPPOED, s, off, cap, rep, Ppp.PPPOE_HEADER_LENGTH);
    }

    /**
     * PPP's protocol field (packet-ppp.c dissect_ppp_common), after the address and control
     * bytes when {@code hdlc} (dissect_ppp_hdlc, for PPP in GRE and as a link type), then IPv4,
     * IPv6 or MPLS; another protocol leaves the rest to data.
     */
    private void ppp(Dissection d, MemorySegment s, long off, int cap, int rep, boolean hdlc) {
        if (!layer(d, Proto.PPP, s, off, cap, rep, 1)) {
            return;
        }
        int start = Ppp.addressControl(s, off, hdlc);
        if (cap < start + 1) {
            d.end = rep >= start + 1 ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        int plen = start + Ppp.protocolLength(s, off + start);
        if (cap < plen) {
            d.end = rep >= plen ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        switch (Ppp.protocol(s, off + start)) {
            case Ppp.PROTO_IPV4 -> ipv4(d, s, off + plen, cap - plen, rep - plen);
            case Ppp.PROTO_IPV6 -> ipv6(d, s, off + plen, cap - plen, rep - plen);
            case Ppp.PROTO_MPLS_UNICAST, Ppp.PROTO_MPLS_MULTICAST -> mpls(d, s, off + plen, cap - plen, rep - plen);
            default -> { }
        }
    }

    /**
     * The 802.2 LLC header of an IEEE 802.3 payload ({@code cap} of its {@code rep} bytes
     * captured), and the BPDU packet-llc.c hands on. packet-ieee8023.c gives LLC what the
     * length field says; what LLC hands to a protocol tcpscope does not dissect stays in its layer.
     */
    private void llc(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (rep <= 0 || !layer(d, Proto.LLC, s, off, cap, rep, 0)) {
            return;
        }
        d.end = End.COMPLETE;
        int snapType = dev.tcpscope.proto.llc.Llc.snapEtherType(s, off, cap, rep);
        if (snapType == Ethernet.TYPE_IPV4 || snapType == Ethernet.TYPE_IPV6 || snapType == Ethernet.TYPE_ARP) {
            // SNAP with the zero OUI hands an information frame to the EtherType table
            d.setLast(8, 8);
            etherType(d, s, off + 8, cap - 8, rep - 8, snapType);
            return;
        }
        if (cap == 3 && rep > 3 && dev.tcpscope.proto.isis.Isis.osiSaps(s, off)) {
            d.end = End.CAPTURE_SHORT; // packet-osi.c reads the NLPID the snap length cut off
            return;
        }
        if (dev.tcpscope.proto.isis.Isis.carriedByLlc(s, off, cap, rep)) {
            d.setLast(3, 3);
            layer(d, Proto.ISIS, s, off + 3, cap - 3, rep - 3, 0);
            d.end = End.COMPLETE;
            return;
        }
        if (dev.tcpscope.proto.llc.Llc.carriesBpdu(s, off, cap, rep)) {
            int h = dev.tcpscope.proto.llc.Llc.headerLength(s, off, cap);
            d.setLast(h, h);
            layer(d, Proto.STP, s, off + h, cap - h, rep - h, 0);
            d.end = End.COMPLETE;
        }
    }

    private void vlan(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.VLAN, s, off, cap, rep, Vlan.HEADER_LENGTH)) {
            return;
        }
        if (vlanId == 0 && d.etherType != Ethernet.TYPE_QINQ) { // 802.1ad S-tags are not the VLAN dissector's
            vlanId = Vlan.id(s, off);
        }
        int type = Vlan.type(s, off);
        if (type <= Ethernet.MAX_802_3_LENGTH) {
            d.ieee8023 = true;
            d.etherType = type;
            d.end = End.UNKNOWN_ETHERTYPE;
            // packet-vlan.c hands an 802.3 payload to packet-ieee8023.c as Ethernet does: the tag's
            // layer is cut to the length, what follows is a trailer (EtherTrailer)
            int length = Math.min(type, Math.max(0, rep - Vlan.HEADER_LENGTH));
            d.setLast(Math.min(cap, Vlan.HEADER_LENGTH + length), Vlan.HEADER_LENGTH + length);
            if (cap - Vlan.HEADER_LENGTH < 2 || Bytes.u16(s, off + Vlan.HEADER_LENGTH) != 0xffff) {
                llc(d, s, off + Vlan.HEADER_LENGTH, Math.max(0, Math.min(cap - Vlan.HEADER_LENGTH, length)), length);
            }
            return;
        }
        etherType(d, s, off + Vlan.HEADER_LENGTH, cap - Vlan.HEADER_LENGTH, rep - Vlan.HEADER_LENGTH, type);
    }

    private void sll(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.SLL, s, off, cap, rep, Sll.V1_HEADER_LENGTH)) {
            return;
        }
        sllPayload(d, s, off + Sll.V1_HEADER_LENGTH, cap - Sll.V1_HEADER_LENGTH, rep - Sll.V1_HEADER_LENGTH,
                Sll.v1HaType(s, off), Sll.v1Protocol(s, off));
    }

    private void sll2(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.SLL2, s, off, cap, rep, Sll.V2_HEADER_LENGTH)) {
            return;
        }
        sllPayload(d, s, off + Sll.V2_HEADER_LENGTH, cap - Sll.V2_HEADER_LENGTH, rep - Sll.V2_HEADER_LENGTH,
                Sll.v2HaType(s, off), Sll.v2Protocol(s, off));
    }

    private void sllPayload(Dissection d, MemorySegment s, long off, int cap, int rep, int haType, int protocol) {
        d.etherType = protocol;
        if (haType != Sll.ARPHRD_NETLINK && protocol == Sll.LINUX_SLL_P_802_2) {
            llc(d, s, off, cap, rep); // packet-sll.c's "sll.ltype" table hands 802.2 frames to LLC
            return;
        }
        if (haType == Sll.ARPHRD_NETLINK || protocol <= Ethernet.MAX_802_3_LENGTH) {
            d.end = End.UNKNOWN_ETHERTYPE;
            return;
        }
        etherType(d, s, off, cap, rep, protocol);
    }

    private void nullLink(Dissection d, MemorySegment s, long off, int cap, int rep, boolean networkOrder) {
        if (!layer(d, Proto.NULL, s, off, cap, rep, NullLink.HEADER_LENGTH)) {
            return;
        }
        long family = NullLink.family(s, off, networkOrder);
        d.family = family;
        long p = off + NullLink.HEADER_LENGTH;
        int c = cap - NullLink.HEADER_LENGTH;
        int r = rep - NullLink.HEADER_LENGTH;
        if (!networkOrder && NullLink.isEtherType(family)) {
            // packet-null.c hands the payload straight to the EtherType table (no "ethertype" layer)
            etherType(d, s, p, c, r, (int) (family & 0xffff));
        } else if (family == NullLink.AF_INET) {
            ipv4(d, s, p, c, r);
        } else if (NullLink.isInet6(family)) {
            ipv6(d, s, p, c, r);
        } else {
            d.end = End.UNKNOWN_FAMILY;
        }
    }

    private void raw(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (cap < 1) {
            layer(d, Proto.RAW, s, off, cap, rep, 1);
            return;
        }
        int version = Bytes.u8(s, off) >>> 4;
        if (version == 4) {
            ipv4(d, s, off, cap, rep);
        } else if (version == 6) {
            ipv6(d, s, off, cap, rep);
        } else {
            d.push(Proto.RAW, s, off, cap, rep);
            d.end = End.BOGUS;
            d.bogusKind = Dissection.Bogus.RAW_VERSION;
            d.bogus = version;
        }
    }

    private void ipv4(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.IPV4, s, off, cap, rep, 1)) {
            return;
        }
        int version = Ipv4.version(s, off);
        if (version != 4) {
            bogus(d, Dissection.Bogus.IPV4_VERSION, version);
            return;
        }
        int hlen = Ipv4.headerLength(s, off);
        if (hlen < Ipv4.MIN_HEADER_LENGTH) {
            bogus(d, Dissection.Bogus.IPV4_HEADER_LENGTH, hlen);
            return;
        }
        if (cap < 4) {
            d.end = rep >= 4 ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        int total = Ipv4.totalLength(s, off);
        if (total == 0) {
            total = rep; // TCP segmentation offload: the length was never filled in
        } else if (total < hlen) {
            bogus(d, Dissection.Bogus.IPV4_TOTAL_LENGTH, total);
            return;
        }
        if (total < rep) {
            rep = total;
            cap = Math.min(cap, rep);
            d.setLast(cap, rep);
        }
        if (cap < hlen) {
            d.end = rep >= hlen ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        if (hlen > Ipv4.MIN_HEADER_LENGTH && Ipv4OptionWalk.malformed(s, off, hlen)) {
            d.end = End.REPORTED_SHORT; // an option's dissector read past the option
            return;
        }
        int proto = Ipv4.protocol(s, off);
        d.ipProto = proto;
        d.ipv6FragmentHeader = -1;
        boolean more = Ipv4.moreFragments(s, off);
        int fragOffset = Ipv4.fragmentOffset(s, off);
        if (more || fragOffset != 0) {
            int length = total - hlen;
            // Wireshark reassembles only fragments whose whole payload was captured (and whose
            // total length fits in the frame); one datagram per frame here, see reassembled().
            if (length > 0 && cap >= total && !d.reassembled) {
                if (reassembler.add(s, off + Ipv4.SRC, off + Ipv4.DST, 4, ipv4FragmentId(s, off, proto),
                        fragOffset, more, off + hlen, length, off, hlen, frameNumber)) {
                    reassembled(d, proto, false);
                    return;
                }
                d.reassembledIn = known == null ? 0 : known.of(frameNumber);
            } else if (fragOffset == 0) {
                d.fragmented = true;
                ipPayload(d, s, off + hlen, cap - hlen, rep - hlen, proto);
                return;
            }
            d.end = End.IP_FRAGMENT;
            return;
        }
        ipPayload(d, s, off + hlen, cap - hlen, rep - hlen, proto);
    }

    private void ipv6(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.IPV6, s, off, cap, rep, 1)) {
            return;
        }
        int version = Ipv6.version(s, off);
        if (version != 6) {
            bogus(d, Dissection.Bogus.IPV6_VERSION, version);
            return;
        }
        if (cap < Ipv6.HEADER_LENGTH) {
            d.end = rep >= Ipv6.HEADER_LENGTH ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        int plen = Ipv6.payloadLength(s, off);
        // packet-ipv6.c keeps a zero payload length (no TSO guess by default) unless a
        // Hop-by-Hop header carries a jumbogram's length; the datagram then ends there.
        long datagram = plen;
        if (plen == 0 && Ipv6.nextHeader(s, off) == Ipv6.EXT_HOP_BY_HOP) {
            datagram = Ipv6.jumboPayloadLength(s, off + Ipv6.HEADER_LENGTH, cap - Ipv6.HEADER_LENGTH);
        }
        if (datagram + Ipv6.HEADER_LENGTH < rep) {
            rep = (int) datagram + Ipv6.HEADER_LENGTH;
            cap = Math.min(cap, rep);
            d.setLast(cap, rep);
        }
        d.ipv6FragmentHeader = -1;
        chain.walk(s, off, cap, rep, plen);
        d.setIpv6Chain(chain.end, chain.finalSource, chain.finalDestination);
        if (chain.stop != null) {
            d.end = chain.stop;
            d.containedShort = chain.contained;
            return;
        }
        int nh = chain.nextHeader;
        int pos = chain.end;
        boolean fragment = chain.fragment >= 0;
        if (chain.fragmentHeader >= 0) {
            d.ipv6FragmentHeader = off + chain.fragmentHeader;
        }
        d.ipProto = nh;
        if (fragment) {
            long fh = d.ipv6FragmentHeader;
            int offM = Bytes.u16(s, fh + 2);
            int fragOffset = offM & 0xfff8;
            boolean more = (offM & 1) != 0;
            int length = plen - (pos - Ipv6.HEADER_LENGTH);
            // Only a fragment whose whole payload was captured is reassembled; any other one
            // shows as data, the first one too (ipv6_reassemble_do).
            if (cap >= pos + length && !d.reassembled) {
                if (reassembler.add(s, off + Ipv6.SRC, off + Ipv6.DST, 16, Bytes.u32(s, fh + 4) | 1L << 40,
                        fragOffset, more, off + pos, length, off, Ipv6.HEADER_LENGTH, frameNumber)) {
                    reassembled(d, nh, true);
                    return;
                }
                d.reassembledIn = known == null ? 0 : known.of(frameNumber);
            }
            d.end = End.IP_FRAGMENT;
            return;
        }
        ipPayload(d, s, off + pos, cap - pos, rep - pos, nh);
    }

    /**
     * The headers of a reassembled IPv6 datagram: extension headers that followed the Fragment
     * header, then the upper layer. A Fragment header in there is passed over (a datagram is
     * reassembled once per frame).
     */
    private void ipv6Reassembled(Dissection d, MemorySegment s, long off, int length, int nh) {
        int pos = 0;
        while (Ipv6.isExtension(nh)) {
            if (length < pos + 2) {
                d.end = End.REPORTED_SHORT;
                return;
            }
            int len = nh == Ipv6.EXT_FRAGMENT ? Ipv6.FRAGMENT_HEADER_LENGTH : (Bytes.u8(s, off + pos + 1) + 1) * 8;
            if (length < pos + len) {
                d.end = End.REPORTED_SHORT;
                return;
            }
            nh = Bytes.u8(s, off + pos);
            pos += len;
        }
        d.ipProto = nh;
        ipPayload(d, s, off + pos, length - pos, length - pos, nh);
    }

    private void ipPayload(Dissection d, MemorySegment s, long off, int cap, int rep, int proto) {
        switch (proto) {
            case IPPROTO_TCP -> tcp(d, s, off, cap, rep);
            case IPPROTO_UDP -> udp(d, s, off, cap, rep);
            case IPPROTO_ICMP -> layer(d, Proto.ICMP, s, off, cap, rep, 0);
            case IPPROTO_ICMPV6 -> layer(d, Proto.ICMPV6, s, off, cap, rep, 0);
            case IPPROTO_IPIP -> ipv4(d, s, off, cap, rep);
            case IPPROTO_IPV6 -> {
                if (cap >= 1 && Ipv6.version(s, off) != 6) {
                    d.nestedIpv6Version = Ipv6.version(s, off);
                    d.end = End.UNKNOWN_IP_PROTO;
                } else {
                    ipv6(d, s, off, cap, rep);
                }
            }
            case IPPROTO_GRE -> gre(d, s, off, cap, rep);
            case IPPROTO_MPLS -> mpls(d, s, off, cap, rep);
            // packet-ipsec.c names ESP before it reads the SPI: a layer however short, but an
            // empty payload is handed to no one (as for a protocol not dissected)
            case IPPROTO_ESP -> {
                if (rep > 0) {
                    layer(d, Proto.ESP, s, off, cap, rep, Ipsec.ESP_HEADER_LENGTH);
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_AH -> {
                // IPv6 hands AH its (possibly empty) rest as it would an extension header
                if (rep > 0 || d.count() > 0 && d.proto(d.count() - 1) == Proto.IPV6) {
                    ah(d, s, off, cap, rep);
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_IPCOMP -> {
                if (rep > 0) {
                    ipcomp(d, s, off, cap, rep);
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_IGMP -> {
                if (rep > 0) {
                    layer(d, Proto.IGMP, s, off, cap, rep, 0); // proto.igmp.Igmp reads it
                    carried(d, s, off, cap, rep, dev.tcpscope.proto.pim.PimV1.carried(s, off, cap, rep));
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_VRRP -> {
                if (rep > 0) {
                    layer(d, Proto.VRRP, s, off, cap, rep, 0); // proto.vrrp.Vrrp reads it
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_EIGRP -> {
                if (rep > 0) {
                    layer(d, Proto.EIGRP, s, off, cap, rep, 0); // proto.eigrp.Eigrp reads it
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_PIM -> pim(d, s, off, cap, rep);
            case IPPROTO_SCTP -> {
                if (rep > 0) {
                    layer(d, Proto.SCTP, s, off, cap, rep, 0); // proto.sctp.Sctp reads it
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            case IPPROTO_OSPF -> {
                if (rep > 0) {
                    layer(d, Proto.OSPF, s, off, cap, rep, 0); // proto.ospf.Ospf reads it
                } else {
                    d.end = End.UNKNOWN_IP_PROTO;
                }
            }
            default -> d.end = End.UNKNOWN_IP_PROTO;
        }
    }

    /**
     * IPsec's Authentication Header (packet-ipsec.c dissect_ah): the header, then the protocol
     * its next header names in the IP protocol table; one tcpscope does not dissect leaves the
     * rest to data. The header's bytes must all be there before anything follows.
     */
    private void ah(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.AH, s, off, cap, rep, Ipsec.AH_FIXED_LENGTH)) {
            return;
        }
        int hlen = Ipsec.ahHeaderLength(s, off);
        if (cap < hlen) {
            d.end = rep >= hlen ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        int nh = Ipsec.ahNextHeader(s, off);
        d.ipProto = nh;
        ipPayload(d, s, off + hlen, cap - hlen, rep - hlen, nh);
    }

    /**
     * IP Payload Compression (RFC 3173, packet-ipsec.c dissect_ipcomp): the 4-byte header, then
     * the captured rest inflated as tvb_uncompress does whatever the CPI says. What inflates is
     * a data source of its own ({@link Dissection#inflated(int)}) in which the protocol the header
     * names follows; one tcpscope does not dissect leaves the inflated bytes to data. Nothing is
     * inflated inside a quoted datagram, nor past {@link Ipsec#IPCOMP_INFLATED_LIMIT} bytes.
     */
    private void ipcomp(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.IPCOMP, s, off, cap, rep, Ipsec.IPCOMP_HEADER_LENGTH)) {
            return;
        }
        if (quoting || cap == Ipsec.IPCOMP_HEADER_LENGTH) {
            return;
        }
        byte[] compressed = s.asSlice(off + Ipsec.IPCOMP_HEADER_LENGTH, cap - Ipsec.IPCOMP_HEADER_LENGTH)
                .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        byte[] inflated = Zlib.uncompress(compressed, Ipsec.IPCOMP_INFLATED_LIMIT);
        if (inflated == null) {
            return;
        }
        d.inflated(d.count() - 1, inflated);
        int nh = Ipsec.ipcompNextHeader(s, off);
        MemorySegment in = MemorySegment.ofArray(inflated);
        if (dissected(nh)) {
            d.ipProto = nh;
            ipPayload(d, in, 0, inflated.length, inflated.length, nh);
        }
    }

    /** Whether {@link #ipPayload} has a dissector for IP protocol {@code p} (tshark's "ip.proto" table, as far as tcpscope goes). */
    private boolean dissected(int p) {
        return switch (p) {
            case IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_GRE,
                    IPPROTO_MPLS, IPPROTO_ESP, IPPROTO_AH, IPPROTO_IPCOMP, IPPROTO_IGMP, IPPROTO_VRRP, IPPROTO_EIGRP, IPPROTO_PIM, IPPROTO_SCTP, IPPROTO_OSPF -> true;
            default -> false;
        };
    }

    /** Whether the datagram is one an ICMP error quotes (its UDP payload is not followed into tunnels). */
    private boolean quoting;

    /**
     * A UDP header and, when one of its ports is a tunnel's (UdpTunnel#byPorts), the tunnel
     * header and the frame or datagram it carries. The payload is as long as the UDP length
     * says (at most what the IP layer gives). Not followed: the first fragment of a datagram
     * not reassembled, a quoted datagram, and GTP inside GTP (packet-gtp.c's T-PDU goes to
     * IP, whose UDP does not hand port 2152 to GTP again).
     */
    private void udp(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.UDP, s, off, cap, rep, Udp.HEADER_LENGTH)) {
            return;
        }
        Proto tunnel = UdpTunnel.byPorts(Udp.srcPort(s, off), Udp.dstPort(s, off), udpClaimed);
        if (tunnel == null || quoting || d.fragmented) {
            return;
        }
        int ulen = Udp.length(s, off);
        if (ulen == 0 && d.count() >= 2 && d.proto(d.count() - 2) == Proto.IPV6) {
            ulen = rep; // jumbogram (RFC 2675)
        }
        if (ulen < Udp.HEADER_LENGTH) {
            return; // packet-udp.c stops at a bogus length
        }
        int r = Math.min(ulen, rep) - Udp.HEADER_LENGTH;
        int c = Math.min(cap - Udp.HEADER_LENGTH, r);
        if (r <= 0) {
            return; // an empty payload is handed to no one
        }
        long p = off + Udp.HEADER_LENGTH;
        switch (tunnel) {
            case VXLAN -> {
                if (layer(d, Proto.VXLAN, s, p, c, r, UdpTunnel.VXLAN_LENGTH)) {
                    int h = UdpTunnel.VXLAN_LENGTH;
                    ethernet(d, s, p + h, c - h, r - h, 0);
                }
            }
            case VXLAN_GPE -> {
                if (layer(d, Proto.VXLAN_GPE, s, p, c, r, UdpTunnel.VXLAN_LENGTH)) {
                    int h = UdpTunnel.VXLAN_LENGTH;
                    switch (Bytes.u8(s, p + 3)) { // the next protocol; NSH and MPLS are data here
                        case 1 -> ipv4(d, s, p + h, c - h, r - h);
                        case 2 -> ipv6(d, s, p + h, c - h, r - h);
                        case 3 -> ethernet(d, s, p + h, c - h, r - h, 0);
                        default -> { }
                    }
                }
            }
            case GENEVE -> geneve(d, s, p, c, r);
            case GTP -> gtp(d, s, p, c, r);
            case UDPENCAP -> udpencap(d, s, p, c, r);
            case TEREDO -> teredo(d, s, p, c, r);
            default -> { }
        }
    }

    /**
     * Teredo's headers ({@link UdpTunnel#teredoLength}), then what follows as IPv6 whatever its
     * version: packet-teredo.c hands it to packet-ipv6.c, which calls a bad version bogus
     * ({@link Dissection#nestedIpv6Version}; the bytes are then data).
     */
    private void teredo(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.TEREDO, s, off, cap, rep, 0)) {
            return;
        }
        int hlen = UdpTunnel.teredoLength(s, off, cap);
        if (hlen < 0) {
            fits(d, cap, rep, -hlen);
            return;
        }
        if (Ipv6.version(s, off + hlen) != 6) {
            // as for IPv6 inside IP: packet-ipv6.c's item with the version, and data after it
            d.nestedIpv6Version = Ipv6.version(s, off + hlen);
            d.end = End.UNKNOWN_IP_PROTO;
            return;
        }
        ipv6(d, s, off + hlen, cap - hlen, rep - hlen);
    }

    /**
     * IPsec's UDP encapsulation (packet-ipsec-udp.c): a NAT keepalive, the non-ESP marker before
     * an IKE message (data here), or ESP from the first byte; the SPI is read before ESP is called.
     */
    private void udpencap(Dissection d, MemorySegment s, long off, int cap, int rep) {
        layer(d, Proto.UDPENCAP, s, off, cap, rep, 0);
        if (cap == 1 && Bytes.u8(s, off) == 0xff) {
            return;
        }
        if (cap < 4) {
            d.end = rep >= 4 ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        if (Bytes.u32(s, off) != 0) {
            layer(d, Proto.ESP, s, off, cap, rep, Ipsec.ESP_HEADER_LENGTH);
        }
    }

    /**
     * A Geneve header and its options, then what its protocol type carries through the
     * EtherType table: Ethernet (transparent bridging), IPv4, IPv6, ARP, VLAN, MPLS. Any other
     * type is data inside the Geneve layer.
     */
    private void geneve(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.GENEVE, s, off, cap, rep, UdpTunnel.GENEVE_LENGTH)) {
            return;
        }
        int hlen = UdpTunnel.geneveLength(s, off);
        if (!fits(d, cap, rep, hlen)) {
            return;
        }
        int type = UdpTunnel.geneveProtocol(s, off);
        long p = off + hlen;
        int c = cap - hlen;
        int r = rep - hlen;
        switch (type) {
            case Gre.TYPE_ETH_BRIDGE -> ethernet(d, s, p, c, r, 0);
            case Ethernet.TYPE_IPV4, Ethernet.TYPE_IPV6, Ethernet.TYPE_ARP, Ethernet.TYPE_RARP, Ethernet.TYPE_VLAN,
                    Ethernet.TYPE_QINQ, Mpls.TYPE_UNICAST, Mpls.TYPE_MULTICAST -> etherType(d, s, p, c, r, type);
            default -> { } // data, after the header
        }
    }

    /**
     * A GTP header: version 1's with its optional fields and extension headers, version 0's
     * 20 bytes. A T-PDU (message type 255) hands its payload to IPv4 or IPv6 by its first byte,
     * as packet-gtp.c's default "TPDU heuristic" does ({@link UdpTunnel#tpduKind}); GTP inside
     * GTP too, within {@link Dissection#MAX_LAYERS}. Other messages and GTP' end here; version 2
     * and unknown version 1 message types are left to UDP (gtpv2 is not dissected).
     */
    private void gtp(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (cap >= 1 && UdpTunnel.gtpVersion(s, off) == 2) {
            return; // packet-gtp.c hands GTPv2 to gtpv2, which is not dissected: UDP shows it
        }
        if (cap >= 1 && UdpTunnel.gtpVersion(s, off) > 2) {
            return; // packet-gtp.c turns down versions above 2: UDP shows the datagram
        }
        if (cap >= 2 && UdpTunnel.gtpVersion(s, off) == 1 && !UdpTunnel.gtpKnownType(UdpTunnel.gtpType(s, off))) {
            return; // packet-gtp.c turns down a message type it does not know: UDP shows it
        }
        if (!layer(d, Proto.GTP, s, off, cap, rep, 1)) {
            return;
        }
        int flags = Bytes.u8(s, off);
        int version = flags >>> 5;
        boolean gtp = (flags & 0x10) != 0; // else GTP'
        int hlen;
        if (version == 1 && gtp) {
            if (!fits(d, cap, rep, UdpTunnel.GTP_LENGTH)) {
                return;
            }
            hlen = UdpTunnel.gtpLength(s, off, cap);
            if (hlen < 0) {
                return; // proto.tunnel.Gtp marks where the walk of the header stopped
            }
        } else if (version == 0 && gtp) {
            if (!fits(d, cap, rep, UdpTunnel.GTP_V0_LENGTH)) {
                return;
            }
            hlen = UdpTunnel.GTP_V0_LENGTH;
        } else {
            return; // GTP' and other versions: the header only
        }
        if (UdpTunnel.gtpType(s, off) != UdpTunnel.GTP_TPDU) {
            return;
        }
        long p = off + hlen;
        int c = cap - hlen;
        int r = rep - hlen;
        if (c < 1) {
            if (r > 0) {
                fits(d, cap, rep, hlen + 1); // the heuristic's read of the first byte fails
            }
            return;
        }
        switch (UdpTunnel.tpduKind(Bytes.u8(s, p))) {
            case 4 -> ipv4(d, s, p, c, r);
            case 6 -> ipv6(d, s, p, c, r);
            default -> { } // PPP (not dissected) or T-PDU Data, proto.tunnel.Gtp's
        }
    }

    /**
     * PIM (proto.pim.Pim reads it); a Register hands the datagram after its 8-byte header to the
     * ip or ipv6 dissector, as packet-pim.c does.
     */
    private void pim(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (rep <= 0 && (d.count() == 0 || d.proto(d.count() - 1) != Proto.IPV6)) {
            d.end = End.UNKNOWN_IP_PROTO; // IPv4 hands an empty payload to no one; IPv6 hands it on
            return;
        }
        if (!layer(d, Proto.PIM, s, off, cap, rep, 0)) {
            return;
        }
        carried(d, s, off, cap, rep, dev.tcpscope.proto.pim.Pim.carried(s, off, cap, rep));
    }

    /** A PIM Register's datagram, after its 8-byte header, to the ip or ipv6 dissector by {@code version}. */
    private void carried(Dissection d, MemorySegment s, long off, int cap, int rep, int version) {
        switch (version) {
            case 4 -> ipv4(d, s, off + 8, cap - 8, rep - 8);
            case 6 -> ipv6(d, s, off + 8, cap - 8, rep - 8);
            default -> { }
        }
    }

    /**
     * A GRE header, then what its protocol type carries, as Wireshark's "gre.proto" table hands
     * it on: IPv4 (also under WCCP's type), IPv6, ARP, Ethernet without FCS (transparent
     * bridging), or ERSPAN. Any other type, or a header the dissector had no payload after,
     * ends here; its bytes are data.
     */
    private void gre(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.GRE, s, off, cap, rep, Gre.MIN_HEADER_LENGTH)) {
            return;
        }
        int hlen = Gre.headerLength(s, off, cap);
        if (hlen < 0) {
            d.end = rep >= -hlen ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
            return;
        }
        int flags = Gre.flags(s, off);
        int type = Gre.protocolType(s, off);
        if ((flags & Gre.FLAG_SEQUENCE) == 0 && rep - hlen <= 0) {
            return; // packet-gre.c hands nothing on: without a sequence number there may be no payload
        }
        long p = off + hlen;
        int c = cap - hlen;
        int r = rep - hlen;
        switch (type) {
            case Gre.TYPE_IPV4, Gre.TYPE_WCCP -> ipv4(d, s, p, c, r);
            case Gre.TYPE_IPV6 -> ipv6(d, s, p, c, r);
            case Gre.TYPE_ARP -> layer(d, Proto.ARP, s, p, c, r, 0);
            case Gre.TYPE_ETH_BRIDGE, Gre.TYPE_ETH_6400 -> ethernet(d, s, p, c, r, 0);
            case Gre.TYPE_ERSPAN_88BE -> {
                if ((flags & Gre.FLAG_SEQUENCE) == 0) {
                    // type I: no header; packet-erspan.c puts an empty ERSPAN item before the frame
                    if (d.push(Proto.ERSPAN, s, p, c, r) >= 0) {
                        ethernet(d, s, p, c, r, 0);
                    }
                } else {
                    erspan(d, s, p, c, r);
                }
            }
            case Gre.TYPE_ERSPAN_22EB -> erspan(d, s, p, c, r);
            case Mpls.TYPE_UNICAST, Mpls.TYPE_MULTICAST -> mpls(d, s, p, c, r);
            case Gre.TYPE_CISCO_METADATA -> ciscoMetaData(d, s, p, c, r);
            case Ppp.TYPE_GRE_PPP -> ppp(d, s, p, c, r, true);
            default -> { } // data, inside the GRE item
        }
    }

    /**
     * Cisco MetaData under GRE: its 8 bytes (ethertype, version, length, options, SGT), then IPv4
     * or IPv6 as the ethertype says; another ethertype's bytes are data.
     */
    private void ciscoMetaData(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.CMD, s, off, cap, rep, Gre.CISCO_METADATA_LENGTH)) {
            return;
        }
        int n = Gre.CISCO_METADATA_LENGTH;
        switch (Bytes.u16(s, off)) {
            case Gre.TYPE_IPV4 -> ipv4(d, s, off + n, cap - n, rep - n);
            case Gre.TYPE_IPV6 -> ipv6(d, s, off + n, cap - n, rep - n);
            default -> { }
        }
    }

    /**
     * An ERSPAN type II or III header and the Ethernet frame after it. A header of another
     * version stops after its first two bytes (packet-erspan.c hands nothing on); a type III
     * frame type other than Ethernet is data.
     */
    private void erspan(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.ERSPAN, s, off, cap, rep, 2)) {
            return;
        }
        int version = Erspan.version(s, off);
        int hlen;
        if (version == Erspan.VERSION_TYPE_II) {
            if (!fits(d, cap, rep, Erspan.TYPE_II_LENGTH)) {
                return;
            }
            if (vlanId == 0 && Erspan.encap(s, off) != 3) {
                vlanId = Erspan.vlan(s, off);
            }
            hlen = Erspan.TYPE_II_LENGTH;
        } else if (version == Erspan.VERSION_TYPE_III) {
            if (!fits(d, cap, rep, Erspan.TYPE_III_LENGTH)) {
                return;
            }
            vlanId = Erspan.vlan(s, off);
            hlen = Erspan.TYPE_III_LENGTH;
            if (Erspan.hasSubheader(s, off)) {
                hlen += Erspan.SUBHEADER_LENGTH;
                if (!fits(d, cap, rep, hlen)) {
                    return;
                }
            }
            if (Erspan.frameType(s, off) != Erspan.FRAME_ETHERNET) {
                return; // data
            }
        } else {
            return;
        }
        ethernet(d, s, off + hlen, cap - hlen, rep - hlen, 0);
    }

    /**
     * An MPLS label stack and what packet-mpls.c guesses follows its bottom entry
     * ({@link Mpls#payload}). Entries are read while reported bytes remain; a stack without a
     * bottom, or one whose first payload byte is missing, ends the frame as that read does.
     * Behind a Generic Associated Channel Label at the bottom comes an associated channel.
     */
    private void mpls(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.MPLS, s, off, cap, rep, Mpls.ENTRY_LENGTH)) {
            return;
        }
        int pos = 0;
        int label;
        while (true) {
            if (rep - pos <= 0) {
                fits(d, cap, rep, pos + 1); // no bottom of stack: reading the payload's first byte fails
                return;
            }
            if (!fits(d, cap, rep, pos + Mpls.ENTRY_LENGTH)) {
                return;
            }
            label = Mpls.label(s, off + pos);
            boolean bottom = Mpls.bottom(s, off + pos);
            pos += Mpls.ENTRY_LENGTH;
            if (bottom) {
                break;
            }
        }
        long p = off + pos;
        int c = cap - pos;
        int r = rep - pos;
        if (label == Mpls.LABEL_GAL) {
            pwAch(d, s, p, c, r);
            return;
        }
        if (!fits(d, cap, rep, pos + 1)) {
            return;
        }
        switch (Mpls.payload(s, p, c, r)) {
            case IPV4 -> ipv4(d, s, p, c, r);
            case IPV6 -> ipv6(d, s, p, c, r);
            case ASSOCIATED_CHANNEL -> pwAch(d, s, p, c, r);
            case PW_ETHERNET -> {
                // packet-pw-eth.c's heuristic takes a first nibble of 0 as a control word (RFC
                // 8469: it SHOULD be there) unless the bytes without one look more like an
                // Ethernet header by their vendor prefixes and type; that comparison is not made
                // here, so such a pseudowire without a control word is read as having one
                if (r < Mpls.ENTRY_LENGTH) {
                    return; // too short for a control word: data
                }
                if (layer(d, Proto.PW_ETH_CW, s, p, c, r, Mpls.ENTRY_LENGTH)) {
                    ethernet(d, s, p + 4, c - 4, r - 4, 0);
                }
            }
            case DATA -> { } // data, after the last entry
        }
    }

    /** A pseudowire Associated Channel Header; what its channel type carries is data here. */
    private void pwAch(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (rep < 4) {
            return; // packet-mpls.c adds its "Error processing Message" to the MPLS tree
        }
        layer(d, Proto.PW_ACH, s, off, cap, rep, 4);
    }

    /** Whether {@code need} bytes of the last layer were captured; else records why not. */
    private static boolean fits(Dissection d, int cap, int rep, int need) {
        if (cap >= need) {
            return true;
        }
        d.end = rep >= need ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
        return false;
    }

    /**
     * Continues into the datagram the reassembler just completed, whose IP layer is the last one.
     * One datagram is reassembled per frame: a fragment inside a reassembled datagram (IP in IP,
     * fragmented twice) is left as a fragment, where Wireshark would reassemble it too.
     */
    private void reassembled(Dissection d, int proto, boolean v6) {
        Reassembly r = reassembler.result();
        r.layer = d.count() - 1;
        d.reassembly(r);
        if (notes != null) {
            notes.note(r, frameNumber);
        }
        if (v6) {
            ipv6Reassembled(d, r.segment(), r.offset(), r.length(), proto);
        } else {
            ipPayload(d, r.segment(), r.offset(), r.length(), r.length(), proto);
        }
    }

    /**
     * The identification an IPv4 fragment is filed under (packet-ip.c): the IP ID and protocol,
     * and for private or link-local addresses also the VLAN ID, so that the same private
     * addresses on two VLANs stay apart.
     */
    private long ipv4FragmentId(MemorySegment s, long off, int proto) {
        long id = Ipv4.id(s, off) ^ proto;
        long src = Bytes.u32(s, off + Ipv4.SRC);
        long dst = Bytes.u32(s, off + Ipv4.DST);
        if (privateOrLinkLocal(src) || privateOrLinkLocal(dst)) {
            id ^= vlanId;
        }
        return id;
    }

    /** RFC 1918 private (10/8, 172.16/12, 192.168/16) or RFC 3927 link-local (169.254/16). */
    private static boolean privateOrLinkLocal(long a) {
        return (a & 0xff000000L) == 0x0a000000L || (a & 0xfff00000L) == 0xac100000L
                || (a & 0xffff0000L) == 0xc0a80000L || (a & 0xffff0000L) == 0xa9fe0000L;
    }

    private void tcp(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.TCP, s, off, cap, rep, Tcp.MIN_HEADER_LENGTH)) {
            return;
        }
        int hlen = Tcp.headerLength(s, off);
        if (hlen < Tcp.MIN_HEADER_LENGTH) {
            bogus(d, Dissection.Bogus.TCP_HEADER_LENGTH, hlen);
        } else if (cap < hlen) {
            d.end = rep >= hlen ? End.CAPTURE_SHORT : End.REPORTED_SHORT; // options cut short
        }
    }

    private void bogus(Dissection d, Dissection.Bogus kind, int value) {
        d.end = End.BOGUS;
        d.bogusKind = kind;
        d.bogus = value;
    }
}
