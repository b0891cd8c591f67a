package dev.tcpscope.wire;

import static dev.tcpscope.wire.Fixtures.concat;
import static dev.tcpscope.wire.Fixtures.dissect;
import static dev.tcpscope.wire.Fixtures.frame;
import static dev.tcpscope.wire.Fixtures.layers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Well-formed frames from real captures (see {@link WireFrames}): which layers the dissector finds,
 * where they start, and how many bytes each has captured/reported. Layers print as
 * {@code PROTO@offset captured/reported}.
 */
class DissectorTest {
    private static byte[] hex(String s) {
        return Fixtures.bytes(s);
    }

    @Test
    void ethernetIpv4TcpWithOptions() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4TcpSyn()));
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "IPV4@14 60/60", "TCP@34 40/40");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.lastComplete()).isTrue();
        assertThat(d.etherType).isEqualTo(0x0800);
        assertThat(d.ieee8023).isFalse();
        assertThat(d.ipProto).isEqualTo(6);
        assertThat(d.ipv6FragmentHeader).isEqualTo(-1);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.NONE);
        assertThat(d.last(Proto.TCP)).isEqualTo(2);
        assertThat(d.last(Proto.UDP)).isEqualTo(-1);
        // the layer offsets point at the right bytes
        assertThat(Tcp.srcPort(d.segment(), d.offset(2))).isEqualTo(5201);
        assertThat(Ipv4.ttl(d.segment(), d.offset(1))).isEqualTo(64);
    }

    @Test
    void frameAtAnOffsetInsideALargerSegment() {
        byte[] b = concat(new byte[100], WireFrames.ethIpv4TcpSyn(), new byte[7]);
        var f = new dev.tcpscope.frame.Frame();
        f.set(9, 0, 0, 6, LinkType.ETHERNET, 0, java.lang.foreign.MemorySegment.ofArray(b), 100, 74, 74);
        Dissection d = dissect(f);
        assertThat(layers(d)).containsExactly("ETH@100 74/74", "IPV4@114 60/60", "TCP@134 40/40");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void twoDot1qTags() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethVlanVlanIpv4Tcp()));
        assertThat(layers(d)).containsExactly(
                "ETH@0 82/82", "VLAN@14 68/68", "VLAN@18 64/64", "IPV4@22 60/60", "TCP@42 40/40");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(Vlan.id(d.segment(), d.offset(1))).isEqualTo(201);
        assertThat(Vlan.id(d.segment(), d.offset(2))).isEqualTo(200);
    }

    @ParameterizedTest(name = "outer TPID {0}")
    @ValueSource(ints = {0x88a8, 0x8100, 0x9100})
    void qinqIpv6HopByHopAndAtomicFragment(int tpid) {
        byte[] b = WireFrames.ethQinqIpv6HopFragUdp();
        b[12] = (byte) (tpid >> 8);
        b[13] = (byte) tpid;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly(
                "ETH@0 90/90", "VLAN@14 76/76", "VLAN@18 72/72", "IPV6@22 68/68", "UDP@78 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.etherType).isEqualTo(0x86dd);
        assertThat(d.ipProto).isEqualTo(17);
        assertThat(d.ipv6FragmentHeader).isEqualTo(22 + 40 + 8);
        assertThat(Udp.srcPort(d.segment(), d.offset(4))).isEqualTo(162);
    }

    @Test
    void ipv6NonFirstFragmentStopsAtTheFragment() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv6Fragment2()));
        assertThat(layers(d)).containsExactly("ETH@0 70/70", "IPV6@14 56/56");
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        assertThat(d.ipProto).isEqualTo(17);
        assertThat(d.ipv6FragmentHeader).isEqualTo(54);
    }

    @Test
    void ipv4MiddleFragmentStopsAtTheFragment() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4MiddleFragmentHead(), 64, 1514));
        assertThat(layers(d)).containsExactly("ETH@0 64/1514", "IPV4@14 50/1500");
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        assertThat(d.ipProto).isEqualTo(17);
        assertThat(d.lastComplete()).isTrue();
    }

    @Test
    void linuxSllV1Ipv4Udp() {
        Dissection d = dissect(frame(LinkType.LINUX_SLL, WireFrames.sllIpv4Udp()));
        // the datagram is a GTP-U T-PDU (udp.port 2152) with a DNS query inside
        assertThat(layers(d)).containsExactly("SLL@0 125/125", "IPV4@16 109/109", "UDP@36 89/89", "GTP@44 81/81",
                "IPV4@52 73/73", "UDP@72 53/53");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.etherType).isEqualTo(0x0800);
        assertThat(d.ipProto).isEqualTo(17);
    }

    @Test
    void linuxSllV2Ipv4Tcp() {
        Dissection d = dissect(frame(LinkType.LINUX_SLL2, WireFrames.sll2Ipv4Tcp()));
        assertThat(layers(d)).containsExactly("SLL2@0 60/60", "IPV4@20 40/40", "TCP@40 20/20");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(Tcp.dstPort(d.segment(), d.offset(2))).isEqualTo(443);
    }

    @ParameterizedTest(name = "family bytes {0}")
    @ValueSource(strings = {"02000000", "00000002"})
    void bsdNullIpv4InEitherByteOrder(String family) {
        Dissection d = dissect(frame(LinkType.NULL, concat(hex(family), WireFrames.ipv4Icmp())));
        assertThat(layers(d)).containsExactly("NULL@0 36/36", "IPV4@4 32/32", "ICMP@24 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.family).isEqualTo(2);
        assertThat(d.ipProto).isEqualTo(1);
    }

    @ParameterizedTest(name = "family bytes {0}")
    @ValueSource(strings = {"1e000000", "0000001e", "18000000", "1c000000"})
    void bsdNullIpv6(String family) {
        Dissection d = dissect(frame(LinkType.NULL, concat(hex(family), WireFrames.ipv6Icmpv6())));
        assertThat(layers(d)).containsExactly("NULL@0 56/56", "IPV6@4 52/52", "ICMPV6@44 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.ipProto).isEqualTo(58);
    }

    @Test
    void loopIsNetworkOrderOnly() {
        Dissection v4 = dissect(frame(LinkType.LOOP, concat(hex("00000002"), WireFrames.ipv4Icmp())));
        assertThat(layers(v4)).containsExactly("NULL@0 36/36", "IPV4@4 32/32", "ICMP@24 12/12");
        Dissection v6 = dissect(frame(LinkType.LOOP, concat(hex("0000001e"), WireFrames.ipv6Icmpv6())));
        assertThat(layers(v6)).containsExactly("NULL@0 56/56", "IPV6@4 52/52", "ICMPV6@44 12/12");
        // host order in a LOOP file is not swapped back: family 0x02000000 is unknown
        Dissection le = dissect(frame(LinkType.LOOP, concat(hex("02000000"), WireFrames.ipv4Icmp())));
        assertThat(layers(le)).containsExactly("NULL@0 36/36");
        assertThat(le.end).isEqualTo(End.UNKNOWN_FAMILY);
        assertThat(le.family).isEqualTo(0x02000000L);
    }

    @Test
    void nullWithAnUnknownFamily() {
        Dissection d = dissect(frame(LinkType.NULL, concat(hex("07000000"), WireFrames.ipv4Icmp())));
        assertThat(layers(d)).containsExactly("NULL@0 36/36");
        assertThat(d.end).isEqualTo(End.UNKNOWN_FAMILY);
        assertThat(d.family).isEqualTo(7);
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = {LinkType.RAW, LinkType.IPV4, LinkType.RAW_DLT12, LinkType.RAW_DLT14})
    void rawIpv4(int linkType) {
        Dissection d = dissect(frame(linkType, WireFrames.ipv4Icmp()));
        assertThat(layers(d)).containsExactly("IPV4@0 32/32", "ICMP@20 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = {LinkType.RAW, LinkType.IPV6, LinkType.RAW_DLT12, LinkType.RAW_DLT14})
    void rawIpv6(int linkType) {
        Dissection d = dissect(frame(linkType, WireFrames.ipv6Icmpv6()));
        assertThat(layers(d)).containsExactly("IPV6@0 52/52", "ICMPV6@40 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void linkTypesIpv4AndIpv6DoNotGuessTheVersion() {
        Dissection v6in4 = dissect(frame(LinkType.IPV4, WireFrames.ipv6Icmpv6()));
        assertThat(layers(v6in4)).containsExactly("IPV4@0 52/52");
        assertThat(v6in4.end).isEqualTo(End.BOGUS);
        assertThat(v6in4.bogusKind).isEqualTo(Dissection.Bogus.IPV4_VERSION);
        assertThat(v6in4.bogus).isEqualTo(6);
        Dissection v4in6 = dissect(frame(LinkType.IPV6, WireFrames.ipv4Icmp()));
        assertThat(layers(v4in6)).containsExactly("IPV6@0 32/32");
        assertThat(v4in6.bogusKind).isEqualTo(Dissection.Bogus.IPV6_VERSION);
        assertThat(v4in6.bogus).isEqualTo(4);
    }

    @Test
    void rawWithAnotherVersion() {
        byte[] b = WireFrames.ipv4Icmp();
        b[0] = 0x55;
        Dissection d = dissect(frame(LinkType.RAW, b));
        assertThat(layers(d)).containsExactly("RAW@0 32/32");
        assertThat(d.end).isEqualTo(End.BOGUS);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.RAW_VERSION);
        assertThat(d.bogus).isEqualTo(5);
        assertThat(d.lastComplete()).isFalse();
    }

    @Test
    void arp() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethArp()));
        assertThat(layers(d)).containsExactly("ETH@0 60/60", "ARP@14 46/46");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.etherType).isEqualTo(Ethernet.TYPE_ARP);
    }

    @Test
    void rarp() {
        byte[] b = WireFrames.ethArp();
        b[12] = (byte) 0x80;
        b[13] = 0x35;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 60/60", "ARP@14 46/46");
    }

    @Test
    void ethernetPaddingIsTrimmedByTheIpv4TotalLength() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4IcmpPadded()));
        assertThat(layers(d)).containsExactly("ETH@0 60/60", "IPV4@14 32/32", "ICMP@34 12/12");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void paddingTrimmedInACutFrame() {
        // snap length 40 of 60: IPv4 has 26 of its 32 bytes, ICMP 6 of 12
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4IcmpPadded(), 40, 60));
        assertThat(layers(d)).containsExactly("ETH@0 40/60", "IPV4@14 26/32", "ICMP@34 6/12");
    }

    @Test
    void ipv6PayloadLengthTrimsTrailingBytes() {
        byte[] b = concat(WireFrames.ethQinqIpv6HopFragUdp(), hex("deadbeef"));
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly(
                "ETH@0 94/94", "VLAN@14 80/80", "VLAN@18 76/76", "IPV6@22 68/68", "UDP@78 12/12");
    }

    @Test
    void ipv4TotalLengthZeroIsTakenFromTheFrame() {
        // TCP segmentation offload: the NIC fills ip.len in later, so the capture shows 0
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[16] = 0;
        b[17] = 0;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "IPV4@14 60/60", "TCP@34 40/40");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void originalLengthBelowCapturedCountsAsCaptured() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4TcpSyn(), 74, 0));
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "IPV4@14 60/60", "TCP@34 40/40");
    }

    @Test
    void ipInIp() {
        // IPv4 (proto 4) around the ICMP packet: 20 + 32 bytes
        byte[] outer = hex("45000034 00010000 40040000 0a000001 0a000002");
        Dissection d = dissect(frame(LinkType.RAW, concat(outer, WireFrames.ipv4Icmp())));
        assertThat(layers(d)).containsExactly("IPV4@0 52/52", "IPV4@20 32/32", "ICMP@40 12/12");
        assertThat(d.ipProto).isEqualTo(1);
        assertThat(d.last(Proto.IPV4)).isEqualTo(1);
    }

    @Test
    void aReusedDissectionForgetsThePreviousFrame() {
        Dissection d = new Dissection();
        Dissector dissector = new Dissector();
        byte[] bad = WireFrames.ethIpv4TcpSyn();
        bad[14] = 0x44;
        dissector.dissect(frame(LinkType.ETHERNET, bad), d);
        assertThat(d.end).isEqualTo(End.BOGUS);
        dissector.dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv6Fragment2()), d);
        assertThat(d.ipv6FragmentHeader).isEqualTo(54);
        dissector.dissect(frame(LinkType.LINUX_SLL2, WireFrames.sll2Ipv4Tcp()), d);
        assertThat(layers(d)).containsExactly("SLL2@0 60/60", "IPV4@20 40/40", "TCP@40 20/20");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.NONE);
        assertThat(d.bogus).isZero();
        assertThat(d.ipv6FragmentHeader).isEqualTo(-1);
        dissector.dissect(frame(LinkType.NULL, concat(hex("07000000"), WireFrames.ipv4Icmp())), d);
        dissector.dissect(frame(LinkType.ETHERNET, WireFrames.ethArp()), d);
        assertThat(d.family).isZero();
        assertThat(d.ipProto).isEqualTo(-1);
    }

    /*
     * pcap4j IcmpV4DestinationUnreachable.pcap: a port unreachable quoting an echo request
     * 0000  fe 00 00 00 00 02 fe 00 00 00 00 01 08 00 45 00   ..............E.
     * 0010  00 38 00 64 00 00 64 01 d2 5d c0 00 02 01 c0 00   .8.d..d..]......
     * 0020  02 02 03 01 ce c6 00 00 30 39 45 00 00 1f 00 64   ........09E....d
     * 0030  00 00 64 01 d2 76 c0 00 02 02 c0 00 02 01 08 00   ..d..v..........
     * 0040  f5 90 00 64 00 0a                                 ...d..
     */
    private static final String UNREACHABLE = "fe0000000002fe00000000010800450000380064000064 01d25dc0000201c000"
            + "0202 0301cec600003039 4500001f00640000 6401d276c0000202c0000201 0800f5900064000a";

    @Test
    void anIcmpErrorsQuotedDatagramIsDissectedApart() {
        Dissection d = dissect(frame(LinkType.ETHERNET, hex(UNREACHABLE)));
        assertThat(layers(d)).containsExactly("ETH@0 70/70", "IPV4@14 56/56", "ICMP@34 36/36");
        Dissection q = d.quote();
        assertThat(q).isNotNull();
        // the quoted total length (31) is more than the 28 bytes quoted: nothing trims them
        assertThat(layers(q)).containsExactly("IPV4@42 28/28", "ICMP@62 8/8");
        assertThat(q.quote()).isNull();
    }

    @Test
    void noQuoteWithoutAnErrorOrWithoutItsFirstEightBytes() {
        assertThat(dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4IcmpPadded())).quote()).isNull();
        byte[] b = hex(UNREACHABLE);
        assertThat(dissect(frame(LinkType.ETHERNET, b, 40, b.length)).quote()).isNull();
        Dissection cut = dissect(frame(LinkType.ETHERNET, b, 50, b.length));
        assertThat(layers(cut.quote())).containsExactly("IPV4@42 8/28");
        assertThat(cut.quote().end).isEqualTo(End.CAPTURE_SHORT);
    }
}
