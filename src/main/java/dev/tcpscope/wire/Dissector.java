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

    private final int IPPROTO_ICMP = 1;
    private final int IPPROTO_IPIP = 4;
    private final int IPPROTO_TCP = 6;
    private final int IPPROTO_UDP = 17;
    private final int IPPROTO_IPV6 = 41;
    private final int IPPROTO_ICMPV6 = 58;

    /** Fills {@code d} with the layers of {@code f}. */
    public void dissect(Frame f, Dissection d) {
        d.reset(f);
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
        if (v6) {
            ipv6(d, s, off, cap, Math.max(cap, rep));
        } else {
            ipv4(d, s, off, cap, Math.max(cap, rep));
        }
        IcmpQuote.checkQuotedEnd(d);
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
        if (type <= Ethernet.MAX_802_3_LENGTH) {
            d.ieee8023 = true;
            d.etherType = type;
            d.end = End.UNKNOWN_ETHERTYPE;
            return;
        }
        int payloadRep = rep - Ethernet.HEADER_LENGTH;
        if (fcs > 0 && payloadRep >= fcs) {
            payloadRep -= fcs;
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
            default -> d.end = End.UNKNOWN_ETHERTYPE;
        }
    }

    private void vlan(Dissection d, MemorySegment s, long off, int cap, int rep) {
        if (!layer(d, Proto.VLAN, s, off, cap, rep, Vlan.HEADER_LENGTH)) {
            return;
        }
        int type = Vlan.type(s, off);
        if (type <= Ethernet.MAX_802_3_LENGTH) {
            d.ieee8023 = true;
            d.etherType = type;
            d.end = End.UNKNOWN_ETHERTYPE;
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
        int proto = Ipv4.protocol(s, off);
        d.ipProto = proto;
        d.ipv6FragmentHeader = -1;
        boolean more = Ipv4.moreFragments(s, off);
        int fragOffset = Ipv4.fragmentOffset(s, off);
        if (more || fragOffset != 0) {
            int length = rep - hlen;
            // Wireshark reassembles only fragments whose whole payload was captured.
            if (length > 0 && cap >= rep) {
                if (reassembler.add(s, off + Ipv4.SRC, off + Ipv4.DST, 4, (long) Ipv4.id(s, off) << 8 | proto,
                        fragOffset, more, off + hlen, length, off, hlen)) {
                    reassembled(d, proto);
                    return;
                }
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
        if (plen != 0 && plen + Ipv6.HEADER_LENGTH < rep) {
            rep = plen + Ipv6.HEADER_LENGTH;
            cap = Math.min(cap, rep);
            d.setLast(cap, rep);
        }
        d.ipv6FragmentHeader = -1;
        int nh = Ipv6.nextHeader(s, off);
        int pos = Ipv6.HEADER_LENGTH;
        boolean fragment = false;
        while (Ipv6.isExtension(nh)) {
            if (cap < pos + 2) {
                d.end = rep >= pos + 2 ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
                return;
            }
            int len = nh == Ipv6.EXT_FRAGMENT ? Ipv6.FRAGMENT_HEADER_LENGTH : (Bytes.u8(s, off + pos + 1) + 1) * 8;
            if (cap < pos + len) {
                d.end = rep >= pos + len ? End.CAPTURE_SHORT : End.REPORTED_SHORT;
                return;
            }
            if (nh == Ipv6.EXT_FRAGMENT) {
                d.ipv6FragmentHeader = off + pos;
                int offM = Bytes.u16(s, off + pos + 2);
                fragment = (offM & 0xfff8) != 0 || (offM & 1) != 0;
            }
            nh = Bytes.u8(s, off + pos);
            pos += len;
        }
        d.ipProto = nh;
        if (fragment) {
            long fh = d.ipv6FragmentHeader;
            int offM = Bytes.u16(s, fh + 2);
            int fragOffset = offM & 0xfff8;
            boolean more = (offM & 1) != 0;
            int length = rep - pos;
            if (length > 0 && cap >= rep) {
                if (reassembler.add(s, off + Ipv6.SRC, off + Ipv6.DST, 16, Bytes.u32(s, fh + 4),
                        fragOffset, more, off + pos, length, off, Ipv6.HEADER_LENGTH)) {
                    reassembled(d, nh);
                    return;
                }
            } else if (fragOffset == 0) {
                d.fragmented = true;
                ipPayload(d, s, off + pos, cap - pos, rep - pos, nh);
                return;
            }
            d.end = End.IP_FRAGMENT;
            return;
        }
        ipPayload(d, s, off + pos, cap - pos, rep - pos, nh);
    }

    private void ipPayload(Dissection d, MemorySegment s, long off, int cap, int rep, int proto) {
        switch (proto) {
            case IPPROTO_TCP -> tcp(d, s, off, cap, rep);
            case IPPROTO_UDP -> layer(d, Proto.UDP, s, off, cap, rep, Udp.HEADER_LENGTH);
            case IPPROTO_ICMP -> layer(d, Proto.ICMP, s, off, cap, rep, 0);
            case IPPROTO_ICMPV6 -> layer(d, Proto.ICMPV6, s, off, cap, rep, 0);
            case IPPROTO_IPIP -> ipv4(d, s, off, cap, rep);
            case IPPROTO_IPV6 -> ipv6(d, s, off, cap, rep);
            default -> d.end = End.UNKNOWN_IP_PROTO;
        }
    }

    /** Continues into the transport layer of the datagram the reassembler just completed. */
    private void reassembled(Dissection d, int proto) {
        d.reassembled = true;
        MemorySegment buf = reassembler.segment();
        int head = reassembler.headOffset();
        ipPayload(d, buf, head, reassembler.headCaptured(), reassembler.total(), proto);
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
