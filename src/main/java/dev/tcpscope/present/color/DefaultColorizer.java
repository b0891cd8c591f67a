package dev.tcpscope.present.color;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.End;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Wireshark 4.0's default coloring rules ({@code colorfilters} as installed with Wireshark
 * 4.0.17), decided directly from the dissection and the TCP analysis rather than by evaluating
 * each rule's display filter, until tcpscope's filters run.
 *
 * <p>Each rule's filter is decided for the fields tcpscope dissects (Ethernet, IPv4/IPv6, ARP,
 * TCP, UDP, ICMP, ICMPv6). Rules that test protocols above the transport layer can only be
 * approximated: {@code HTTP} matches {@code tcp.port == 80} (Wireshark also matches HTTP it finds
 * on other ports), {@code Routing} matches IGMP, EIGRP, OSPF and VRRP/CARP by their IP protocol
 * numbers; rules on HSRP, STP, OSPF state, SCTP, SMB/NetBIOS and DCERPC never match, and
 * {@code Checksum Errors} never matches because Wireshark does not verify checksums by default.
 */
public final class DefaultColorizer implements Colorizer {
    /** Wireshark 4.0.17's {@code colorfilters}, in order (first match wins). */
    private static final String DEFAULTS = """
            @Bad TCP@tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack@[4718,10030,11796][63479,34695,34695]
            @HSRP State Change@hsrp.state != 8 && hsrp.state != 16@[4718,10030,11796][65535,64764,40092]
            @Spanning Tree Topology  Change@stp.type == 0x80@[4718,10030,11796][65535,64764,40092]
            @OSPF State Change@ospf.msg != 1@[4718,10030,11796][65535,64764,40092]
            @ICMP errors@icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }@[4718,10030,11796][47031,63479,29812]
            @ARP@arp@[64250,61680,55255][4718,10030,11796]
            @ICMP@icmp || icmpv6@[64764,57568,65535][4718,10030,11796]
            @TCP RST@tcp.flags.reset eq 1@[42148,0,0][65535,64764,40092]
            @SCTP ABORT@sctp.chunk_type eq ABORT@[42148,0,0][65535,64764,40092]
            @TTL low or unexpected@(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))@[42148,0,0][60652,61680,60395]
            @Checksum Errors@eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"@[4718,10030,11796][63479,34695,34695]
            @SMB@smb || nbss || nbns || netbios@[65278,65535,53456][4718,10030,11796]
            @HTTP@http || tcp.port == 80 || http2@[58596,65535,51143][4718,10030,11796]
            @DCERPC@dcerpc@[51199,38706,65533][4718,10030,11796]
            @Routing@hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp@[65534,62325,54808][4718,10030,11796]
            @TCP SYN/FIN@tcp.flags & 0x02 || tcp.flags.fin == 1@[41026,41026,41026][4718,10030,11796]
            @TCP@tcp@[59345,58980,65535][4718,10030,11796]
            @UDP@udp@[56026,61166,65535][4718,10030,11796]
            @Broadcast@eth[0] & 1@[65535,65535,65535][47802,48573,46774]
            @System Event@systemd_journal || sysdig@[59110,59110,59110][11565,28527,39578]
            """;

    /** The default rules in Wireshark's order. */
    public static final List<ColoringRule> RULES = DEFAULTS.lines().map(ColoringRule::of).toList();

    private static final int IPPROTO_IGMP = 2;
    private static final int IPPROTO_EIGRP = 88;
    private static final int IPPROTO_OSPF = 89;
    private static final int IPPROTO_PIM = 103;
    private static final int IPPROTO_VRRP = 112;
    private static final int ICMP_FIXED = 4;
    private static final int MDNS = 0xe00000fb; // 224.0.0.251
    private static final int BAD_TCP_EXCEPT = TcpRecord.WINDOW_UPDATE | TcpRecord.KEEP_ALIVE | TcpRecord.KEEP_ALIVE_ACK;

    /** The rule with this name. */
    public static ColoringRule rule(String name) {
        for (ColoringRule r : RULES) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no default coloring rule " + name);
    }

    @Override
    public ColoringRule match(Frame frame, Dissection d, TcpRecord tcp) {
        if (frame.kind() == Frame.Kind.SYSTEMD_JOURNAL_EXPORT) {
            return rule("System Event");
        }
        if (frame.kind() != Frame.Kind.PACKET) {
            return null;
        }
        for (ColoringRule r : RULES) {
            if (matches(r.name(), d, tcp)) {
                return r;
            }
        }
        return null;
    }

    private static boolean matches(String name, Dissection d, TcpRecord tcp) {
        return switch (name) {
            case "Bad TCP" -> tcp != null && tcp.analysisFlags != 0 && (tcp.analysisFlags & BAD_TCP_EXCEPT) == 0;
            case "ICMP errors" -> icmpError(d);
            case "ARP" -> d.last(Proto.ARP) >= 0;
            case "ICMP" -> icmpLayer(d, Proto.ICMP) >= 0 || icmpLayer(d, Proto.ICMPV6) >= 0;
            case "TCP RST" -> tcpFlags(d, Tcp.RST);
            case "TTL low or unexpected" -> ttlLow(d);
            case "HTTP" -> tcpPort(d, 80);
            case "Routing" -> ipProto(d, IPPROTO_IGMP) || ipProto(d, IPPROTO_EIGRP) || ipProto(d, IPPROTO_OSPF)
                    || ipProto(d, IPPROTO_VRRP);
            case "TCP SYN/FIN" -> tcpFlags(d, Tcp.SYN | Tcp.FIN);
            case "TCP" -> d.last(Proto.TCP) >= 0;
            case "UDP" -> d.last(Proto.UDP) >= 0;
            case "Broadcast" -> broadcast(d);
            default -> false; // protocols above the transport layer that tcpscope does not dissect
        };
    }

    /** Whether any of {@code mask}'s flag bits is set in a TCP header whose flags were captured. */
    private static boolean tcpFlags(Dissection d, int mask) {
        int t = d.last(Proto.TCP);
        return t >= 0 && d.captured(t) >= Tcp.OFFSET_FLAGS + 2 && (Tcp.flags(d.segment(t), d.offset(t)) & mask) != 0;
    }

    private static boolean tcpPort(Dissection d, int port) {
        int t = d.last(Proto.TCP);
        if (t < 0 || d.captured(t) < 4) {
            return false;
        }
        MemorySegment s = d.segment(t);
        return Tcp.srcPort(s, d.offset(t)) == port || Tcp.dstPort(s, d.offset(t)) == port;
    }

    /** The IP payload is this protocol, and reached: not the middle of an unreassembled fragment. */
    private static boolean ipProto(Dissection d, int proto) {
        return d.ipProto == proto && d.end == End.UNKNOWN_IP_PROTO;
    }

    /**
     * Wireshark's ICMP dissectors read type, code and checksum before they add the protocol's
     * item, so a header cut shorter than that has no {@code icmp} field to match.
     */
    private static int icmpLayer(Dissection d, Proto p) {
        int i = d.last(p);
        return i >= 0 && d.captured(i) >= ICMP_FIXED ? i : -1;
    }

    private static boolean icmpError(Dissection d) {
        int i = icmpLayer(d, Proto.ICMP);
        if (i >= 0) {
            int type = Bytes.u8(d.segment(i), d.offset(i));
            return type >= 3 && type <= 5 || type == 11;
        }
        int j = icmpLayer(d, Proto.ICMPV6);
        if (j >= 0) {
            int type = Bytes.u8(d.segment(j), d.offset(j));
            return type >= 1 && type <= 4;
        }
        return false;
    }

    /** The rule's two cases, on the outer IPv4 header (the one {@code ip.dst} and {@code ip.ttl} see first). */
    private static boolean ttlLow(Dissection d) {
        for (int i = 0; i < d.count(); i++) {
            if (d.proto(i) != Proto.IPV4 || d.captured(i) < Ipv4.MIN_HEADER_LENGTH) {
                continue;
            }
            MemorySegment s = d.segment(i);
            long off = d.offset(i);
            int dst = Ipv4.dst(s, off);
            int ttl = Ipv4.ttl(s, off);
            boolean multicast = (dst >>> 28) == 0xe;
            boolean localMulticast = (dst >>> 8) == 0xe00000;
            if (!multicast && ttl < 5 && d.ipProto != IPPROTO_PIM && d.ipProto != IPPROTO_OSPF) {
                return true;
            }
            if (localMulticast && dst != MDNS && ttl != 1 && d.ipProto != IPPROTO_VRRP) {
                return true;
            }
            return false;
        }
        return false;
    }

    private static boolean broadcast(Dissection d) {
        int e = d.last(Proto.ETH);
        return e >= 0 && d.captured(e) >= 1 && (Bytes.u8(d.segment(e), d.offset(e) + Ethernet.DST) & 1) != 0;
    }
}
