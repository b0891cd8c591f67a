package dev.tcpscope.wire;

import static dev.tcpscope.wire.Fixtures.concat;
import static dev.tcpscope.wire.Fixtures.dissect;
import static dev.tcpscope.wire.Fixtures.frame;
import static dev.tcpscope.wire.Fixtures.layers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;

/**
 * The IPv6 extension header walk against what tshark 4.0.17 did with the same bytes (checked
 * with crafted raw IPv6 packets): where the upper layer starts, where the bytes run out, and
 * which address the datagram is finally bound for.
 */
class Ipv6ChainTest {
    private static final byte[] SRC = Fixtures.bytes("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01");
    private static final byte[] DST = Fixtures.bytes("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02");
    private static final byte[] HOP = Fixtures.bytes("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09");
    private static final byte[] UDP = Fixtures.bytes("03 e8 07 d0 00 0c 12 34 61 62 63 64");

    /** A raw IPv6 packet: fixed header with {@code plen} and {@code next}, then {@code rest}. */
    private static byte[] ipv6(int plen, int next, byte[]... rest) {
        byte[] body = concat(rest);
        byte[] h = concat(new byte[] {0x60, 0, 0, 0, (byte) (plen >> 8), (byte) plen, (byte) next, 64}, SRC, DST);
        return concat(h, body);
    }

    private static byte[] ipv6(int next, byte[]... rest) {
        return ipv6(concat(rest).length, next, rest);
    }

    @Test
    void optionsAndRoutingHeadersLeadToUdp() {
        byte[] hop = Fixtures.bytes("3c 00 05 02 00 00 01 00"); // router alert, PadN; next: destination options
        byte[] dstOpts = Fixtures.bytes("2b 00 01 04 00 00 00 00"); // PadN; next: routing
        byte[] routing = concat(Fixtures.bytes("11 02 00 01 00 00 00 00"), HOP); // type 0, one hop left
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(0, hop, dstOpts, routing, UDP)));
        assertThat(layers(d)).containsExactly("IPV6@0 92/92", "UDP@80 12/12");
        assertThat(d.ipv6Upper(0)).isEqualTo(80);
        assertThat(d.ipv6Destination(0)).isEqualTo(64); // the routing header's last address
        assertThat(d.ipProto).isEqualTo(17);
    }

    @Test
    void homeAddressOptionIsTheSourceInEitherOptionsHeader() {
        // tshark 4.0.17 gave these datagrams a udp.stream of their own, the Source column the home address
        byte[] home = concat(Fixtures.bytes("c9 10"), HOP, Fixtures.bytes("01 02 00 00")); // HAO, PadN
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(60, concat(Fixtures.bytes("11 02"), home), UDP)));
        assertThat(d.ipv6Source(0)).isEqualTo(44); // the option's address, after its type and length
        assertThat(d.ipv6Destination(0)).isEqualTo(Ipv6.DST);
        d = dissect(frame(LinkType.IPV6, ipv6(0, concat(Fixtures.bytes("11 02"), home), UDP)));
        assertThat(d.ipv6Source(0)).isEqualTo(44);
        d = dissect(frame(LinkType.IPV6, ipv6(17, UDP)));
        assertThat(d.ipv6Source(0)).isEqualTo(Ipv6.SRC);
    }

    @Test
    void routingHeaderWithNoSegmentsLeftKeepsTheDestination() {
        byte[] routing = concat(Fixtures.bytes("11 02 00 00 00 00 00 00"), HOP);
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(43, routing, UDP)));
        assertThat(d.ipv6Destination(0)).isEqualTo(Ipv6.DST);
    }

    @Test
    void zeroPayloadLengthIsKeptSoTheUpperLayerHasNoBytes() {
        // packet-ipv6.c does not presume TCP segmentation offload: the datagram ends at 40 bytes
        byte[] icmp = Fixtures.bytes("88 00 0b 20 20 80 00 00");
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(0, 58, icmp)));
        assertThat(layers(d)).containsExactly("IPV6@0 40/40", "ICMPV6@40 0/0");
    }

    @Test
    void zeroPayloadLengthBeforeAHopByHopHeaderWithoutJumboIsMalformed() {
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(0, 0, Fixtures.bytes("11 00 01 04 00 00 00 00"), UDP)));
        assertThat(layers(d)).containsExactly("IPV6@0 40/40");
        assertThat(d.end).isEqualTo(End.REPORTED_SHORT);
    }

    @Test
    void jumboPayloadLengthKeepsTheWholePacket() {
        byte[] hop = Fixtures.bytes("11 00 c2 04 00 01 11 70"); // jumbo payload 70000
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(0, 0, hop, UDP)));
        assertThat(layers(d)).containsExactly("IPV6@0 60/60", "UDP@48 12/12");
    }

    @Test
    void anOptionReadPastTheCaptureStopsInTheHeader() {
        // a Path MTU option whose length (48) runs past the header: tshark reads it as unknown data
        byte[] hop = Fixtures.bytes("11 00 30 30 05 dc 05 dc");
        byte[] b = ipv6(1000, 0, hop, UDP);
        Dissection d = dissect(frame(LinkType.IPV6, b, 48, 1040));
        assertThat(layers(d)).containsExactly("IPV6@0 48/1040");
        assertThat(d.end).isEqualTo(End.CAPTURE_SHORT);
        assertThat(d.ipv6Upper(0)).isEqualTo(40); // the walk stopped in the first header
        // the same option in a packet that ends sooner than the option: malformed
        d = dissect(frame(LinkType.IPV6, ipv6(0, hop, UDP)));
        assertThat(d.end).isEqualTo(End.REPORTED_SHORT);
        assertThat(d.containedShort).isFalse();
    }

    @Test
    void aTypeZeroRouteCutInsideItsOwnLengthIsAContainedError() {
        byte[] routing = concat(Fixtures.bytes("11 03 00 01 00 00 00 00"), new byte[10]); // says 32 bytes, has 18
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(43, routing)));
        assertThat(d.end).isEqualTo(End.REPORTED_SHORT);
        assertThat(d.containedShort).isTrue();
    }

    @Test
    void aFragmentHeaderThatFragmentsNothingIsWalkedThrough() {
        // offset 0, M clear: an atomic fragment (RFC 6946); the payload follows
        byte[] frag = Fixtures.bytes("11 00 00 00 de ad be ef");
        Dissection d = dissect(frame(LinkType.IPV6, ipv6(44, frag, UDP)));
        assertThat(layers(d)).containsExactly("IPV6@0 60/60", "UDP@48 12/12");
        assertThat(d.ipv6FragmentHeader).isEqualTo(40);
    }
}
