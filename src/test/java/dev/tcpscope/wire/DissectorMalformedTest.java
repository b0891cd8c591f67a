package dev.tcpscope.wire;

import static dev.tcpscope.wire.Fixtures.concat;
import static dev.tcpscope.wire.Fixtures.dissect;
import static dev.tcpscope.wire.Fixtures.frame;
import static dev.tcpscope.wire.Fixtures.layers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.frame.LinkType;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cut, impossible and unknown input: the dissector records why it stopped and never throws. */
class DissectorMalformedTest {

    /** A well-formed frame and the end of each layer's header, as the dissector checks it. */
    record Case(String name, int linkType, Supplier<byte[]> bytes, Proto[] protos, int[] headerEnds) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("eth/ipv4/tcp", LinkType.ETHERNET, WireFrames::ethIpv4TcpSyn,
                        new Proto[] {Proto.ETH, Proto.IPV4, Proto.TCP}, new int[] {14, 34, 54}),
                new Case("eth/vlan/vlan/ipv4/tcp", LinkType.ETHERNET, WireFrames::ethVlanVlanIpv4Tcp,
                        new Proto[] {Proto.ETH, Proto.VLAN, Proto.VLAN, Proto.IPV4, Proto.TCP},
                        new int[] {14, 18, 22, 42, 62}),
                new Case("eth/qinq/ipv6+hop+frag/udp", LinkType.ETHERNET, WireFrames::ethQinqIpv6HopFragUdp,
                        new Proto[] {Proto.ETH, Proto.VLAN, Proto.VLAN, Proto.IPV6, Proto.UDP},
                        new int[] {14, 18, 22, 78, 86}),
                // the fixture is a GTP-U T-PDU on udp.port 2152; on port 2153 it is UDP with a payload
                // (the tunnel's own cuts are TunnelScenarios', checked against tshark in TunnelTest)
                new Case("sll/ipv4/udp", LinkType.LINUX_SLL, () -> offTunnelPorts(WireFrames.sllIpv4Udp()),
                        new Proto[] {Proto.SLL, Proto.IPV4, Proto.UDP}, new int[] {16, 36, 44}),
                new Case("sll2/ipv4/tcp", LinkType.LINUX_SLL2, WireFrames::sll2Ipv4Tcp,
                        new Proto[] {Proto.SLL2, Proto.IPV4, Proto.TCP}, new int[] {20, 40, 60}),
                new Case("null/ipv6/icmpv6", LinkType.NULL, () -> concat(Fixtures.bytes("1e000000"), WireFrames.ipv6Icmpv6()),
                        new Proto[] {Proto.NULL, Proto.IPV6, Proto.ICMPV6}, new int[] {4, 44, 44}),
                new Case("raw/ipv4/icmp", LinkType.RAW, WireFrames::ipv4Icmp,
                        new Proto[] {Proto.IPV4, Proto.ICMP}, new int[] {20, 20}));
    }

    static Stream<Arguments> cuts() {
        return cases().flatMap(c -> {
            int len = c.bytes().get().length;
            int last = c.headerEnds()[c.headerEnds().length - 1];
            return java.util.stream.IntStream.range(0, last).mapToObj(cut -> Arguments.of(c, cut, len));
        });
    }

    /** Raw IP with no byte at all cannot say which IP it is: the layer is RAW. */
    private static Proto expected(Case c, int i, int cut) {
        return c.linkType() == LinkType.RAW && cut == 0 ? Proto.RAW : c.protos()[i];
    }

    /** Index of the layer whose header holds byte {@code cut}. */
    private static int layerAt(Case c, int cut) {
        int i = 0;
        while (cut >= c.headerEnds()[i]) {
            i++;
        }
        return i;
    }

    @ParameterizedTest(name = "{0} cut at {1} of {2}")
    @MethodSource("cuts")
    void cutBySnapLengthIsCaptureShort(Case c, int cut, int len) {
        Dissection d = dissect(frame(c.linkType(), c.bytes().get(), cut, len));
        int i = layerAt(c, cut);
        assertThat(d.end).isEqualTo(End.CAPTURE_SHORT);
        assertThat(d.lastComplete()).isFalse();
        assertThat(d.count()).isEqualTo(i + 1);
        assertThat(d.proto(i)).isEqualTo(expected(c, i, cut));
        assertThat(d.offset(i) + d.captured(i)).isEqualTo(cut);
    }

    @ParameterizedTest(name = "{0} ends at {1}")
    @MethodSource("cuts")
    void shortOnTheWireIsReportedShort(Case c, int cut, int len) {
        Dissection d = dissect(frame(c.linkType(), c.bytes().get(), cut, cut));
        int i = layerAt(c, cut);
        assertThat(d.end).isEqualTo(End.REPORTED_SHORT);
        assertThat(d.count()).isEqualTo(i + 1);
        assertThat(d.proto(i)).isEqualTo(expected(c, i, cut));
        assertThat(d.offset(i) + d.reported(i)).isEqualTo(cut);
    }

    /** The frame with both UDP ports (bytes 36-39, after SLL and IPv4) moved from 2152 to 2153. */
    private static byte[] offTunnelPorts(byte[] b) {
        b[37] = 0x69;
        b[39] = 0x69;
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutRightAfterTheLastHeaderIsComplete(Case c) {
        byte[] b = c.bytes().get();
        int[] ends = c.headerEnds();
        int last = ends[ends.length - 1];
        if (c.protos()[c.protos().length - 1] == Proto.TCP) {
            // A TCP header ends where its data offset says, options included (tshark marks cut options).
            int start = ends[ends.length - 2];
            last = start + ((b[start + 12] >> 4) & 0xf) * 4;
        }
        Dissection d = dissect(frame(c.linkType(), b, last, b.length));
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.count()).isEqualTo(c.protos().length);
    }

    @Test
    void cutInsideIpv4Options() {
        // IHL 6 with a 4-byte NOP option, cut 2 bytes into the option
        byte[] b = Fixtures.bytes("46000034 00010000 40010000 0a000001 0a000002 01010101");
        Dissection cap = dissect(frame(LinkType.RAW, b, 22, 52));
        assertThat(layers(cap)).containsExactly("IPV4@0 22/52");
        assertThat(cap.end).isEqualTo(End.CAPTURE_SHORT);
        Dissection rep = dissect(frame(LinkType.RAW, b, 22, 22));
        assertThat(rep.end).isEqualTo(End.REPORTED_SHORT);
    }

    @Test
    void tcpOptionsCutBySnapLength() {
        Dissection d = dissect(frame(LinkType.ETHERNET, WireFrames.ethIpv4TcpSyn(), 54, 74));
        assertThat(layers(d)).containsExactly("ETH@0 54/74", "IPV4@14 40/60", "TCP@34 20/40");
        assertThat(d.end).isEqualTo(End.CAPTURE_SHORT);
        assertThat(d.lastComplete()).isFalse();
    }

    @ParameterizedTest(name = "version/IHL byte {0}")
    @ValueSource(ints = {0x40, 0x41, 0x44})
    void ipv4HeaderLengthBelowFive(int versionIhl) {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[14] = (byte) versionIhl;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.proto(1)).isEqualTo(Proto.IPV4);
        assertThat(d.end).isEqualTo(End.BOGUS);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.IPV4_HEADER_LENGTH);
        assertThat(d.bogus).isEqualTo((versionIhl & 0xf) * 4);
    }

    @ParameterizedTest(name = "total length {0}")
    @ValueSource(ints = {1, 19})
    void ipv4TotalLengthBelowHeaderLength(int total) {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[16] = (byte) (total >> 8);
        b[17] = (byte) total;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.end).isEqualTo(End.BOGUS);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.IPV4_TOTAL_LENGTH);
        assertThat(d.bogus).isEqualTo(total);
    }

    @Test
    void ipv4TotalLengthBelowHeaderLengthWithOptions() {
        // IHL 6 (24 bytes) and total 20: below the header although not below 20
        byte[] b = Fixtures.bytes("46000014 00010000 40010000 0a000001 0a000002 01010101");
        Dissection d = dissect(frame(LinkType.RAW, b));
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.IPV4_TOTAL_LENGTH);
        assertThat(d.bogus).isEqualTo(20);
    }

    @ParameterizedTest(name = "data offset byte {0}")
    @ValueSource(ints = {0x00, 0x10, 0x40, 0x4f})
    void tcpDataOffsetBelowFive(int offsetByte) {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[46] = (byte) offsetByte;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "IPV4@14 60/60", "TCP@34 40/40");
        assertThat(d.end).isEqualTo(End.BOGUS);
        assertThat(d.bogusKind).isEqualTo(Dissection.Bogus.TCP_HEADER_LENGTH);
        assertThat(d.bogus).isEqualTo((offsetByte >>> 4) * 4);
        assertThat(d.lastComplete()).isFalse();
    }

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(ints = {0x05, 0x45, 0x65, 0xf5})
    void wrongVersionNibble(int first) {
        boolean ipv4 = (first >>> 4) == 4;
        byte[] b = ipv4 ? WireFrames.ethIpv6Fragment2() : WireFrames.ethIpv4TcpSyn();
        b[14] = (byte) first;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.end).isEqualTo(End.BOGUS);
        assertThat(d.bogusKind).isEqualTo(ipv4 ? Dissection.Bogus.IPV6_VERSION : Dissection.Bogus.IPV4_VERSION);
        assertThat(d.bogus).isEqualTo(first >>> 4);
    }

    @Test
    void unknownEtherType() {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[12] = (byte) 0x88;
        b[13] = (byte) 0xb5;   // IEEE 802 local experimental (LLDP's 0x88cc is a layer now)
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 74/74");
        assertThat(d.end).isEqualTo(End.UNKNOWN_ETHERTYPE);
        assertThat(d.etherType).isEqualTo(0x88b5);
        assertThat(d.ieee8023).isFalse();
        assertThat(d.lastComplete()).isTrue();
    }

    @Test
    void ieee8023LengthField() {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[12] = 0x00;
        b[13] = 0x3c;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        // the length field cuts the payload to 60 bytes, all of it 802.2 LLC (proto.llc.Llc)
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "LLC@14 60/60");
        assertThat(d.end).isEqualTo(End.COMPLETE);
        assertThat(d.ieee8023).isTrue();
        assertThat(d.etherType).isEqualTo(60);
    }

    @Test
    void unknownTypeInsideVlanTags() {
        byte[] b = WireFrames.ethVlanVlanIpv4Tcp();
        b[20] = (byte) 0x88;
        b[21] = (byte) 0xb5;
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 82/82", "VLAN@14 68/68", "VLAN@18 64/64");
        assertThat(d.end).isEqualTo(End.UNKNOWN_ETHERTYPE);
        assertThat(d.etherType).isEqualTo(0x88b5);
        b[20] = 0x00;
        b[21] = 0x40;
        Dissection len = dissect(frame(LinkType.ETHERNET, b));
        assertThat(len.ieee8023).isTrue();
        assertThat(len.etherType).isEqualTo(0x40);
    }

    @Test
    void sllNetlinkAndNonEtherTypeProtocols() {
        byte[] netlink = WireFrames.sllIpv4Udp();
        netlink[2] = 0x03;
        netlink[3] = 0x38;   // ARPHRD_NETLINK 824
        Dissection d = dissect(frame(LinkType.LINUX_SLL, netlink));
        assertThat(layers(d)).containsExactly("SLL@0 125/125");
        assertThat(d.end).isEqualTo(End.UNKNOWN_ETHERTYPE);
        byte[] llc = WireFrames.sllIpv4Udp();
        llc[14] = 0x00;
        llc[15] = 0x04;      // LINUX_SLL_P_802_2
        Dissection l = dissect(frame(LinkType.LINUX_SLL, llc));
        // packet-sll.c's "sll.ltype" table hands an 802.2 frame to LLC
        assertThat(layers(l)).hasSize(2);
        assertThat(layers(l)[1]).startsWith("LLC@16 ");
        assertThat(l.end).isEqualTo(End.COMPLETE);
        assertThat(l.etherType).isEqualTo(Sll.LINUX_SLL_P_802_2);
        byte[] can = WireFrames.sllIpv4Udp();
        can[14] = 0x00;
        can[15] = 0x0c;      // LINUX_SLL_P_CAN: a Linux type tcpscope does not follow
        Dissection c = dissect(frame(LinkType.LINUX_SLL, can));
        assertThat(layers(c)).containsExactly("SLL@0 125/125");
        assertThat(c.end).isEqualTo(End.UNKNOWN_ETHERTYPE);
    }

    @Test
    void unknownIpProtocol() {
        byte[] b = WireFrames.ethIpv4TcpSyn();
        b[23] = (byte) 253;   // RFC 3692's experimentation and testing (SCTP, 132, which this used, is a layer now)
        Dissection d = dissect(frame(LinkType.ETHERNET, b));
        assertThat(layers(d)).containsExactly("ETH@0 74/74", "IPV4@14 60/60");
        assertThat(d.end).isEqualTo(End.UNKNOWN_IP_PROTO);
        assertThat(d.ipProto).isEqualTo(253);
    }

    @Test
    void ipv6NoNextHeader() {
        byte[] b = WireFrames.ipv6Icmpv6();
        b[6] = 59;
        Dissection d = dissect(frame(LinkType.RAW, b));
        assertThat(layers(d)).containsExactly("IPV6@0 52/52");
        assertThat(d.end).isEqualTo(End.UNKNOWN_IP_PROTO);
        assertThat(d.ipProto).isEqualTo(59);
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = {105, 127, 147, 2, 65535, -1})
    void unsupportedLinkType(int linkType) {
        Dissection d = dissect(frame(linkType, WireFrames.ethIpv4TcpSyn()));
        assertThat(d.count()).isZero();
        assertThat(d.end).isEqualTo(End.UNSUPPORTED_LINK);
    }

    @Test
    void emptyFrames() {
        byte[] none = new byte[0];
        assertThat(dissect(frame(LinkType.ETHERNET, none)).end).isEqualTo(End.REPORTED_SHORT);
        assertThat(dissect(frame(LinkType.ETHERNET, none, 0, 60)).end).isEqualTo(End.CAPTURE_SHORT);
        Dissection raw = dissect(frame(LinkType.RAW, none, 0, 0));
        assertThat(layers(raw)).containsExactly("RAW@0 0/0");
        assertThat(raw.end).isEqualTo(End.REPORTED_SHORT);
        assertThat(dissect(frame(LinkType.RAW, none, 0, 40)).end).isEqualTo(End.CAPTURE_SHORT);
    }

    @Test
    void deepIpInIpStopsAtMaxLayers() {
        // more IPv4-in-IPv4 headers than MAX_LAYERS: only MAX_LAYERS fit; dissection stops there without throwing
        int n = Dissection.MAX_LAYERS + 2;
        byte[] b = new byte[n * 20];
        for (int i = 0; i < n; i++) {
            int total = b.length - i * 20;
            byte[] h = Fixtures.bytes("4500" + String.format("%04x", total) + "00010000 40040000 0a000001 0a000002");
            System.arraycopy(h, 0, b, i * 20, 20);
        }
        Dissection d = dissect(frame(LinkType.RAW, b));
        assertThat(d.count()).isEqualTo(Dissection.MAX_LAYERS);
        assertThat(d.proto(Dissection.MAX_LAYERS - 1)).isEqualTo(Proto.IPV4);
        assertThat(d.offset(Dissection.MAX_LAYERS - 1)).isEqualTo((Dissection.MAX_LAYERS - 1) * 20L);
    }
}
