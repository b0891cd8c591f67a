package dev.tcpscope.field;

import dev.tcpscope.frame.LinkType;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.End;
import dev.tcpscope.wire.Erspan;
import dev.tcpscope.wire.Gre;
import dev.tcpscope.wire.Mpls;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.IgmpType;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.NdOptions;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Sll;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Udp;
import dev.tcpscope.wire.UdpTunnel;

import java.lang.foreign.MemorySegment;

/**
 * {@code frame.protocols}: the protocols of a frame in order, colon-separated, as Wireshark
 * names them under the transport-only profile ({@code eth:ethertype:ip:tcp:data}). The
 * {@code ethertype} pseudo-protocol follows every header that hands on an EtherType, IPv6
 * extension headers are protocols of their own ({@code ipv6.hopopts} ...), and {@code data}
 * ends the list when bytes are left that nothing dissects.
 */
final class FrameProtocols {
    private FrameProtocols() { }

    static void append(Decoder d, StringBuilder sb) {
        Dissection x = d.dissection();
        int link = d.frame().linkType();
        if (link == LinkType.RAW || link == LinkType.RAW_DLT12 || link == LinkType.RAW_DLT14) {
            sb.append("raw");
        }
        int n = x.count();
        names(d, x, sb);
        if (n == 0 && d.frame().capturedLength() > 0 && d.frame().kind() != dev.tcpscope.frame.Frame.Kind.PACKET) {
            add(sb, "data"); // a pcapng custom or journal block shown as a frame
        } else if (n > 0 && leftover(d, x, n - 1) > 0) {
            add(sb, "data");
        }
        Dissection q = x.quote();
        if (q != null && q.count() > 0) {
            // the datagram an ICMP error quotes is dissected inside the message, the frame's last layer
            names(d, q, sb);
            if (quotedLeftover(d, q, q.count() - 1) > 0) {
                add(sb, "data");
            }
        }
    }

    /**
     * The bytes packet-data.c gets, as far as they were captured: what the frame's last layer
     * leaves undissected, then what the last layer of a datagram quoted by an ICMP error leaves
     * (a pcapng block shown as a frame is all data). The data dissector adds its items only for
     * at least one captured byte.
     */
    static void dataBytes(Decoder d, Values v) {
        dataBytes(d, v::addBytes);
    }

    /** Where data bytes go: a memory, an offset in it and a length. */
    @FunctionalInterface
    interface DataSink {
        void add(MemorySegment s, long offset, int length);
    }

    /** As {@link #dataBytes(Decoder, Values)}, handing each run of bytes to {@code v}. */
    static void dataBytes(Decoder d, DataSink v) {
        Dissection x = d.dissection();
        int n = x.count();
        for (int i = 0; i < n; i++) {
            if (x.proto(i) == Proto.IPCOMP) {
                ipcompData(x, i, v);
            }
        }
        var f = d.frame();
        if (n == 0 && f.capturedLength() > 0 && f.kind() != dev.tcpscope.frame.Frame.Kind.PACKET) {
            v.add(f.segment(), f.offset(), f.capturedLength());
        } else if (n > 0 && x.proto(n - 1) == Proto.ICMPV6 && notIpv6Redirected(x, n - 1)[1] > 0) {
            int[] data = notIpv6Redirected(x, n - 1);
            v.add(x.segment(n - 1), x.offset(n - 1) + data[0], data[1]);
        } else if (n > 0 && leftover(d, x, n - 1) > 0) {
            addData(x, n - 1, dataStart(d, x, n - 1), v);
        } else if (n > 0 && (x.proto(n - 1) == Proto.TCP
                || (x.proto(n - 1) == Proto.UDP || x.proto(n - 1) == Proto.UDPENCAP) && d.datagramTaker() != null)) {
            above(d, null, v::add); // the data items of the protocols above (an SSDP body without a type)
        }
        for (int i = 0; i < n; i++) {
            if (x.proto(i) == Proto.SCTP) {
                dev.tcpscope.proto.sctp.Sctp.data(new dev.tcpscope.proto.Tvb(x.segment(i), x.offset(i), x.captured(i),
                        x.reported(i)), v::add);
            }
        }
        Dissection q = x.quote();
        if (q != null && q.count() > 0 && quotedLeftover(d, q, q.count() - 1) > 0) {
            addData(q, q.count() - 1, dataStart(d, q, q.count() - 1), v);
        }
    }

    /**
     * What packet-ipsec.c hands the data dissector at IPComp layer {@code i}: the compressed
     * bytes after the header, then, when no layer follows, the bytes they inflated to.
     */
    private static void ipcompData(Dissection x, int i, DataSink v) {
        int h = dev.tcpscope.wire.Ipsec.IPCOMP_HEADER_LENGTH;
        if (x.captured(i) > h) {
            v.add(x.segment(i), x.offset(i) + h, x.captured(i) - h);
        }
        byte[] inflated = x.inflated(i);
        if (inflated != null && i == x.count() - 1) {
            v.add(MemorySegment.ofArray(inflated), 0, inflated.length);
        }
    }

    private static void addData(Dissection x, int i, int start, DataSink v) {
        int captured = x.captured(i) - start;
        if (start >= 0 && captured > 0) {
            v.add(x.segment(i), x.offset(i) + start, captured);
        }
    }

    /**
     * The protocols above TCP that show something in the frame ({@code tcp.PduTable#above}): their
     * names for {@code frame.protocols} and the bytes of their data items.
     */
    private static void above(Decoder d, java.util.function.Consumer<String> names, DataSink data) {
        // this frame's: a TCP segment the desegmenter ran on, or a datagram a protocol took
        var g = d.datagramTaker() != null ? d.desegmenter() : d.desegmented();
        if (g != null && d.frame() != null) {
            g.table().above(d.frame().number(), names == null ? n -> { } : names,
                    data == null ? (s, off, len) -> { } : data::add);
            if (g == d.desegmented()) {
                for (var x : g.declined()) { // decode_tcp_ports' last resort
                    if (names != null) {
                        names.accept("data");
                    }
                    if (data != null) {
                        data.add(x.s(), x.off(), x.len());
                    }
                }
            }
        }
    }

    /** Whether a Linux cooked header's protocol is a Linux protocol type (LLC follows, no EtherType layer). */
    private static boolean sllLinuxType(Dissection x, int i) {
        MemorySegment s = x.segment(i);
        long off = x.offset(i);
        return x.proto(i) == Proto.SLL ? Sll.isLinuxType(Sll.v1HaType(s, off), Sll.v1Protocol(s, off))
                : Sll.isLinuxType(Sll.v2HaType(s, off), Sll.v2Protocol(s, off));
    }

    /** Where in the last layer {@code i} the bytes left to the data dissector begin (its header's length). */
    private static int dataStart(Decoder d, Dissection x, int i) {
        MemorySegment s = x.segment(i);
        long off = x.offset(i);
        return switch (x.proto(i)) {
            case ETH -> Ethernet.HEADER_LENGTH;
            case VLAN, NULL -> 4;
            case SLL -> 16;
            case SLL2 -> 20;
            case RAW, ARP -> -1;
            case IPV4 -> Ipv4.headerLength(s, off);
            case IPV6 -> x.ipv6Upper(i);
            case TCP -> x == d.dissection() && d.tcp() != null ? d.tcp().headerLength : Tcp.MIN_HEADER_LENGTH;
            case UDP -> Udp.HEADER_LENGTH;
            case ICMP -> x.captured(i) - echoData(d, s, off, x.captured(i)); // after the time stamp, if any
            case ICMPV6 -> 8;
            case GRE -> Gre.headerLength(s, off, x.captured(i));
            case ERSPAN -> Erspan.isTypeI(x, i) ? 0 : Erspan.headerLength(s, off, x.captured(i));
            case CMD -> Gre.CISCO_METADATA_LENGTH;
            case MPLS -> Mpls.stackLength(s, off, x.captured(i), x.reported(i));
            case PW_ETH_CW, PW_ACH -> 4;
            case ESP -> x.captured(i); // without keys the rest is ESP's, not data
            case AH -> x.captured(i) < 2 ? x.captured(i) : Math.min(x.captured(i), dev.tcpscope.wire.Ipsec.ahHeaderLength(s, off));
            case IPCOMP -> x.captured(i); // its data items come from ipcompData
            case IGMP -> x.captured(i); // an unknown type's rest is igmp.data, not the data protocol
            case VRRP, EIGRP -> x.captured(i);
            case SCTP -> x.captured(i); // its DATA chunks' payloads are named by the walk
            case OSPF -> dev.tcpscope.proto.ospf.Ospf.dataStart(x.segment(i), x.offset(i), x.captured(i)) >= 0
                    ? dev.tcpscope.proto.ospf.Ospf.dataStart(x.segment(i), x.offset(i), x.captured(i)) : x.captured(i);
            case PIM -> x.captured(i); // a Register's datagram is a layer of its own
            case PTP -> x.captured(i); // the message, to its length (what follows is Ethernet padding)
            case VXLAN, VXLAN_GPE, GENEVE, GTP, UDPENCAP, TEREDO -> UdpTunnel.dataStart(x, i);
            case LLC -> Math.max(0, Math.min(x.captured(i),
                    dev.tcpscope.proto.llc.Llc.headerLength(x.segment(i), x.offset(i), x.captured(i))));
            case STP -> x.captured(i);
            case LLDP -> x.captured(i);
            case ISIS -> x.captured(i);
            case PPPOES, PPPOED -> x.captured(i);
            case PPP -> dev.tcpscope.proto.ppp.PppCp.carried(x, i) >= 0 ? x.captured(i) // LCP ... and their own data
                    : Math.max(0, dev.tcpscope.wire.Ppp.headerLength(x, i));
        };
    }

    /** The names of the layers of {@code x}, in order. */
    private static void names(Decoder d, Dissection x, StringBuilder sb) {
        int n = x.count();
        for (int i = 0; i < n; i++) {
            if (x != d.dissection() && i == n - 1 && beforeItem(x, i)) {
                break;
            }
            switch (x.proto(i)) {
                case ETH -> add(sb, x.captured(i) >= Ethernet.HEADER_LENGTH
                        && !Ethernet.isLength(Ethernet.type(x.segment(i), x.offset(i))) ? "eth:ethertype" : "eth");
                case VLAN -> add(sb, VlanFields.DOT1AD.test(x, i) ? "ieee8021ad:ethertype"
                        : x.captured(i) >= 4 && Bytes.u16(x.segment(i), x.offset(i) + 2) <= Ethernet.MAX_802_3_LENGTH
                        ? "vlan" : "vlan:ethertype");
                case SLL, SLL2 -> add(sb, i + 1 < n && !sllLinuxType(x, i) ? "sll:ethertype" : "sll");
                case NULL -> add(sb, "null");
                case RAW -> { }
                case IPV4 -> add(sb, "ip");
                case IPV6 -> {
                    if (i == n - 1 && x.end == End.BOGUS && x.bogusKind == Dissection.Bogus.IPV6_VERSION) {
                        break; // packet-ipv6.c returns 0 for a version that is not 6: not a layer
                    }
                    add(sb, "ipv6");
                    extensions(x, i, sb);
                }
                case ARP -> add(sb, "arp");
                case TCP -> {
                    add(sb, "tcp");
                    for (int k = x == d.dissection() ? mptcpOptions(d) : 0; k > 0; k--) { // not in a quote
                        add(sb, "mptcp");
                    }
                    if (x == d.dissection() && i == n - 1) {
                        above(d, name -> add(sb, name), null);
                    }
                }
                case UDP -> {
                    add(sb, "udp");
                    if (x == d.dissection() && i == n - 1 && UdpTunnel.gtpV2(x, i)) {
                        add(sb, "gtp"); // it handed GTPv2 to gtpv2, not dissected: its bytes are data
                    }
                    if (x == d.dissection() && i == n - 1 && d.datagramTaker() != null
                            && d.datagramTaker().shows(d.frame().number())) {
                        // the protocol above UDP (tcp.Decoder) and the ones its tree shows (SSDP's
                        // media dissectors); its own name when it has no tree of its own
                        int before = sb.length();
                        above(d, name -> add(sb, name), null);
                        if (sb.length() == before) {
                            add(sb, d.datagramTaker().name());
                        }
                    }
                }
                case ICMP -> add(sb, "icmp");
                case ICMPV6 -> add(sb, "icmpv6");
                case GRE -> add(sb, "gre");
                case ERSPAN -> add(sb, "erspan");
                case CMD -> add(sb, "cmd");
                case MPLS -> add(sb, "mpls");
                case PW_ETH_CW -> {
                    add(sb, "pwethheuristic");
                    add(sb, "pwethcw");
                }
                case PW_ACH -> add(sb, "pwach");
                case ESP -> add(sb, "esp");
                case AH -> add(sb, "ah");
                case IPCOMP -> {
                    add(sb, "ipcomp");
                    ipcompData(x, i, (seg, o, len) -> add(sb, "data"));
                }
                case VRRP -> add(sb, "vrrp");
                case EIGRP -> add(sb, "eigrp");
                case PIM -> add(sb, "pim");
                case SCTP -> {
                    add(sb, "sctp");
                    dev.tcpscope.proto.sctp.Sctp.names(new dev.tcpscope.proto.Tvb(x.segment(i), x.offset(i), x.captured(i),
                            x.reported(i)), name -> add(sb, name));
                }
                case OSPF -> add(sb, "ospf");
                case PTP -> add(sb, "ptp");
                case VXLAN -> add(sb, "vxlan");
                case VXLAN_GPE -> { } // packet-vxlan.c's GPE handle is not in the frame's layers
                case GENEVE -> add(sb, "geneve");
                case TEREDO -> add(sb, "teredo");
                case UDPENCAP -> {
                    add(sb, "udpencap");
                    if (x == d.dissection() && i == n - 1 && d.datagramTaker() != null
                            && d.datagramTaker().shows(d.frame().number())) {
                        add(sb, d.datagramTaker().name()); // ISAKMP after the non-ESP marker (tcp.Decoder)
                    }
                }
                case GTP -> add(sb, UdpTunnel.gtpLayerName(x, i));
                case LLC -> add(sb, "llc");
                case STP -> add(sb, "stp");
                case LLDP -> add(sb, "lldp");
                case ISIS -> {
                    add(sb, "osi");
                    add(sb, "isis");
                    String sub = dev.tcpscope.proto.isis.Isis.subProtocolAt(x.segment(i), x.offset(i), x.captured(i));
                    if (sub != null) {
                        add(sb, sub);
                    }
                }
                case PPPOES -> add(sb, "pppoes");
                case PPPOED -> add(sb, "pppoed");
                case PPP -> {
                    add(sb, "ppp");
                    dev.tcpscope.proto.ppp.PppCp.names(x, i, name -> add(sb, name));
                }
                case IGMP -> {
                    add(sb, "igmp");
                    if (IgmpType.dispatched(x, i)) {
                        add(sb, "igmp"); // its "igmp.type" table names it again
                    } else if (x.captured(i) >= 1 && Bytes.u8(x.segment(i), x.offset(i)) == 0x14) {
                        add(sb, "pim"); // the table hands type 0x14 to pim (PIMv1)
                    }
                }
            }
        }
    }

    /**
     * Whether quoted layer {@code i} ends, past the quote's reported end, before its dissector adds
     * its protocol item (TCP and UDP read the ports first, ICMP type, code and the RFC 4884
     * length): tshark swallows that error inside an ICMP message and the name goes too.
     */
    private static boolean beforeItem(Dissection q, int i) {
        int need = switch (q.proto(i)) {
            case TCP, UDP -> 4;
            case ICMP -> 6;
            default -> 0;
        };
        return q.reported(i) < need;
    }

    /**
     * The bytes a quoted datagram's last layer {@code i} leaves to the data dissector: an
     * unknown protocol's, a UDP payload's or an echo's as far as they were captured (a quoted
     * TCP segment is not analysed and hands nothing on).
     */
    private static int quotedLeftover(Decoder d, Dissection q, int i) {
        End end = q.end;
        if (end == End.CAPTURE_SHORT || end == End.REPORTED_SHORT || end == End.BOGUS) {
            return 0;
        }
        int cap = q.captured(i);
        return switch (q.proto(i)) {
            case IPV4 -> end == End.COMPLETE || cap < 1 ? 0 : cap - Ipv4.headerLength(q.segment(i), q.offset(i));
            case IPV6 -> end == End.COMPLETE ? 0 : cap - q.ipv6Upper(i);
            case UDP -> cap >= Udp.HEADER_LENGTH
                    ? Math.min(cap, Math.min(Udp.length(q.segment(i), q.offset(i)), q.reported(i))) - Udp.HEADER_LENGTH : 0;
            case ICMP -> cap >= 8 && isEcho(Bytes.u8(q.segment(i), q.offset(i)), 0, 8)
                    ? echoData(d, q.segment(i), q.offset(i), cap) : 0;
            case ICMPV6 -> cap >= 8 && isEcho(Bytes.u8(q.segment(i), q.offset(i)), 128, 129) ? cap - 8 : 0;
            default -> 0;
        };
    }

    private static void add(StringBuilder sb, String name) {
        if (!sb.isEmpty()) {
            sb.append(':');
        }
        sb.append(name);
    }

    /**
     * Names the extension headers inside IPv6 layer {@code i}: those the dissector's walk went
     * through, and the one it stopped in (Wireshark had called that header's dissector).
     */
    private static void extensions(Dissection x, int i, StringBuilder sb) {
        if (x.captured(i) < Ipv6.HEADER_LENGTH) {
            return;
        }
        java.lang.foreign.MemorySegment s = x.segment(i);
        long off = x.offset(i);
        int upper = x.ipv6Upper(i);
        int nh = Ipv6.nextHeader(s, off);
        int pos = Ipv6.HEADER_LENGTH;
        while (Ipv6.isExtension(nh) && pos < upper) {
            add(sb, extensionName(nh));
            int len = nh == Ipv6.EXT_FRAGMENT ? Ipv6.FRAGMENT_HEADER_LENGTH : (Bytes.u8(s, off + pos + 1) + 1) * 8;
            nh = Bytes.u8(s, off + pos);
            pos += len;
        }
        if (Ipv6.isExtension(nh) && i == x.count() - 1 && !x.lastComplete()) {
            add(sb, extensionName(nh));
        }
    }

    private static String extensionName(int nh) {
        return switch (nh) {
            case Ipv6.EXT_HOP_BY_HOP -> "ipv6.hopopts";
            case Ipv6.EXT_ROUTING -> "ipv6.routing";
            case Ipv6.EXT_FRAGMENT -> "ipv6.fraghdr";
            default -> "ipv6.dstopts";
        };
    }

    /** How many bytes the last layer {@code i} leaves undissected (reported, not only captured). */
    private static int leftover(Decoder d, Dissection x, int i) {
        End end = x.end;
        if (end == End.CAPTURE_SHORT || end == End.REPORTED_SHORT || end == End.BOGUS || end == End.UNSUPPORTED_LINK) {
            return 0;
        }
        int rep = x.reported(i);
        return switch (x.proto(i)) {
            case ETH -> rep - Ethernet.HEADER_LENGTH;
            case VLAN -> rep - 4;
            case SLL -> rep - 16;
            case SLL2 -> rep - 20;
            case NULL -> rep - 4;
            case RAW, ARP -> 0;
            case IPV4 -> x.captured(i) >= 1 ? rep - Ipv4.headerLength(x.segment(i), x.offset(i)) : 0;
            case IPV6 -> x.captured(i) >= Ipv6.HEADER_LENGTH ? rep - x.ipv6Upper(i) : 0;
            case TCP -> tcpData(d, x, i);
            case UDP -> d.datagramTaker() != null ? 0 : rep - Udp.HEADER_LENGTH;
            case ICMP -> x.captured(i) >= 1 && isEcho(Bytes.u8(x.segment(i), x.offset(i)), 0, 8)
                    ? echoData(d, x.segment(i), x.offset(i), x.captured(i)) : 0;
            case ICMPV6 -> UdpTunnel.teredoTest(x, i) ? 0 // the nonce, then nothing shown
                    : x.captured(i) >= 1 && isEcho(Bytes.u8(x.segment(i), x.offset(i)), 128, 129) ? x.captured(i) - 8
                    : notIpv6Quote(x, i) ? x.captured(i) - 8 : Math.max(0, notIpv6Redirected(x, i)[1]);
            case GRE -> Math.max(0, rep - Gre.headerLength(x.segment(i), x.offset(i), x.captured(i)));
            case ERSPAN -> erspanData(x, i);
            case CMD -> Math.max(0, rep - Gre.CISCO_METADATA_LENGTH);
            case MPLS -> Math.max(0, rep - Math.max(0, Mpls.stackLength(x.segment(i), x.offset(i), x.captured(i), rep)));
            case PW_ETH_CW -> 0;
            case PW_ACH -> rep - 4;
            case ESP, IPCOMP, IGMP, VRRP, EIGRP, PIM, PTP, SCTP -> 0;
            case OSPF -> dev.tcpscope.proto.ospf.Ospf.dataStart(x.segment(i), x.offset(i), x.captured(i)) >= 0
                    ? Math.max(0, rep - dev.tcpscope.proto.ospf.Ospf.dataStart(x.segment(i), x.offset(i), x.captured(i))) : 0;
            case AH -> x.captured(i) < 2 ? 0 : Math.max(0, rep - dev.tcpscope.wire.Ipsec.ahHeaderLength(x.segment(i), x.offset(i)));
            case UDPENCAP -> x == d.dissection() && i == x.count() - 1 && d.datagramTaker() != null ? 0 : UdpTunnel.leftover(x, i);
            case VXLAN, VXLAN_GPE, GENEVE, GTP, TEREDO -> UdpTunnel.leftover(x, i);
            case LLC -> llcData(x, i);
            case STP, PPPOES, PPPOED, ISIS, LLDP -> 0;
            case PPP -> dev.tcpscope.wire.Ppp.headerLength(x, i) < 0 || dev.tcpscope.proto.ppp.PppCp.carried(x, i) >= 0 ? 0
                    : Math.max(0, rep - dev.tcpscope.wire.Ppp.headerLength(x, i));
        };
    }

    /** What an LLC header that ends the dissection leaves to data: the rest of the 802.3 payload. */
    private static int llcData(Dissection x, int i) {
        int h = dev.tcpscope.proto.llc.Llc.headerLength(x.segment(i), x.offset(i), x.captured(i));
        return h < 0 || x.captured(i) < h || dev.tcpscope.proto.llc.Llc.basicXid(x.segment(i), x.offset(i), x.captured(i),
                x.reported(i)) ? 0 : Math.max(0, x.reported(i) - h);
    }

    /**
     * What an ERSPAN header that ends the dissection leaves to data: a type III frame that is
     * not Ethernet. An unknown version stops packet-erspan.c without any data.
     */
    private static int erspanData(Dissection x, int i) {
        MemorySegment s = x.segment(i);
        long off = x.offset(i);
        if (Erspan.isTypeI(x, i) || x.captured(i) < Erspan.TYPE_III_LENGTH
                || Erspan.version(s, off) != Erspan.VERSION_TYPE_III) {
            return 0;
        }
        return Math.max(0, x.reported(i) - Erspan.headerLength(s, off, x.captured(i)));
    }

    /**
     * A redirect whose Redirected Header option holds something else than IPv6: where the bytes
     * packet-icmpv6.c hands to data start in the message and how many were captured ({0, 0}
     * otherwise). They end with the option, not the message.
     */
    private static int[] notIpv6Redirected(Dissection x, int i) {
        MemorySegment s = x.segment(i);
        long off = x.offset(i);
        int cap = x.captured(i);
        if (cap < 1 || Bytes.u8(s, off) != 137) {
            return new int[2];
        }
        int pos = NdOptions.redirectedHeader(s, off, cap, x.reported(i));
        if (pos < 0 || Bytes.u8(s, off + pos + 8) >>> 4 == 6) {
            return new int[2];
        }
        return new int[] {pos + 8, Math.min(NdOptions.redirectedLength(s, off, pos), cap - pos - 8)};
    }

    /** An ICMPv6 error whose quote is not IPv6 (version 6): packet-icmpv6.c hands it to data. */
    private static boolean notIpv6Quote(Dissection x, int i) {
        if (x.captured(i) <= 8) {
            return false;
        }
        int type = Bytes.u8(x.segment(i), x.offset(i));
        return type >= 1 && type <= 4 && Bytes.u8(x.segment(i), x.offset(i) + 8) >>> 4 != 6;
    }

    /**
     * The TCP payload handed on to the data dissector: none when it was not captured, none for
     * a reset (its payload is {@code tcp.reset_cause}), and none for a retransmitted (not fast
     * retransmitted) or out-of-order segment (Wireshark's "tcp_no_subdissector_on_error", on by default).
     */
    private static int tcpData(Decoder d, Dissection x, int i) {
        TcpRecord r = d.tcp();
        if (r == null || !r.haveSegmentLength || r.segmentLength == 0 || (r.flags & Tcp.RST) != 0
                || r.has(TcpRecord.RETRANSMISSION | TcpRecord.SPURIOUS_RETRANSMISSION | TcpRecord.OUT_OF_ORDER)) {
            return 0;
        }
        var g = d.desegmented();
        if (g != null && g.tookPayload()) {
            return 0; // a protocol above TCP, or a PDU being reassembled, took the bytes
        }
        return x.captured(i) - r.headerLength;
    }

    /**
     * How many times the mptcp protocol shows: option 30 (RFC 8684 Multipath TCP) is dissected
     * by it, once for each such option the walk reaches.
     */
    private static int mptcpOptions(Decoder d) {
        TcpRecord r = d.tcp();
        if (r == null || r.bogusHeaderLength || r.headerLength <= Tcp.MIN_HEADER_LENGTH) {
            return 0;
        }
        Dissection x = d.dissection();
        int layer = d.tcpLayer();
        TcpOptionWalk w = new TcpOptionWalk().reset(x.segment(layer), x.offset(layer), r.headerLength, x.captured(layer));
        int n = 0;
        for (int kind = w.next(); kind >= 0; kind = w.next()) {
            if (kind == Tcp.OPT_MPTCP) {
                n++;
                if (w.position() == r.mptcpAssertion) {
                    break; // Wireshark's MPTCP dissector stopped on its assertion there
                }
            }
        }
        return n;
    }

    /**
     * The data of an ICMP echo after its first 8 bytes, less the 8 of a time stamp packet-icmp.c
     * finds there: a struct timeval, big- or little-endian, within a day of the frame's time.
     */
    private static int echoData(Decoder d, java.lang.foreign.MemorySegment s, long off, int cap) {
        int rest = cap - 8;
        if (rest < 8) {
            return rest;
        }
        long frameSecs = d.frame().seconds();
        long secs = Bytes.u32(s, off + 8);
        long usecs = Bytes.u32(s, off + 12);
        boolean stamp = plausible(secs, usecs, frameSecs) || plausible(
                Integer.toUnsignedLong(Integer.reverseBytes((int) secs)),
                Integer.toUnsignedLong(Integer.reverseBytes((int) usecs)), frameSecs);
        return stamp ? rest - 8 : rest;
    }

    private static boolean plausible(long secs, long usecs, long frameSecs) {
        return Math.abs((int) (secs - frameSecs)) < 86400 && usecs < 1_000_000;
    }

    private static boolean isEcho(int type, int a, int b) {
        return type == a || type == b;
    }
}
