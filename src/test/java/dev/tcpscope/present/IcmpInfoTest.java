package dev.tcpscope.present;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Expected texts are tshark 4.0.17's Info column for the same frames. */
class IcmpInfoTest {
    private static final int ETH = 14;

    // chrissanders-packets/icmp_echo.pcapng frame 1 (Ethernet, 74 bytes)
    private static final String ECHO_REQUEST = "0012804bc07f0016d4b859b108004500003cfefd00008001f1e6c0a8648ac0a86401"
            + "0800145c050034006162636465666768696a6b6c6d6e6f7071727374757677616263646566676869";
    // chrissanders-packets/icmp_echo.pcapng frame 2
    private static final String ECHO_REPLY = "0016d4b859b10012804bc07f08004500003cfefd0000ff0172e6c0a86401c0a8648a"
            + "00001c5c050034006162636465666768696a6b6c6d6e6f7071727374757677616263646566676869";
    // chrissanders-packets/icmp_traceroute.pcapng frame 2
    private static final String TTL_EXCEEDED = "0016d4b859b10012804bc07f080045c00038491a0000ff01280ec0a86401c0a8648a"
            + "0b00f4ff000000004500005cff51000001018f1ac0a8648a040202010800baff05003800";
    // zeek/communityid/icmp6.pcap frame 1
    private static final String NEIGHBOR_SOLICITATION = "0060970769ea0000860580da86dd6000000000203afffe80000000000000020086fffe0580da"
            + "fe80000000000000026097fffe0769ea870068bd00000000fe80000000000000026097fffe0769ea01010000860580da";
    // pcapplusplus/Pcap++Test/PcapExamples/ICMPv6_echos.cap frames 1 and 2
    private static final String ECHO6_REQUEST = "c20151fa0000c20051fa000086dd60000000003c3a4020010db8000000120000000000000001"
            + "20010db80000001200000000000000028000863c110d0000000102030405060708090a0b0c0d0e0f10111213141516"
            + "1718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233";
    private static final String ECHO6_REPLY = "c20051fa0000c20151fa000086dd60000000003c3a4020010db8000000120000000000000002"
            + "20010db80000001200000000000000018100853c110d0000000102030405060708090a0b0c0d0e0f10111213141516"
            + "1718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233";

    private final IcmpInfo icmp = new IcmpInfo(MacNames.none());

    /** The Info of one message, its echo pairing (dev.tcpscope.tcp.IcmpEchoesTest) left out. */
    private String v4(String hex, long frame) {
        MemorySegment seg = Hex.seg(hex);
        int len = (int) seg.byteSize() - ETH - 20;
        StringBuilder sb = new StringBuilder();
        assertThat(icmp.appendIcmp(sb, seg, ETH, ETH + 20, len, len, null)).isTrue();
        assertThat(icmp.failure()).isNull();
        return sb.toString();
    }

    private String v6(String hex, long frame) {
        MemorySegment seg = Hex.seg(hex);
        int len = (int) seg.byteSize() - ETH - 40;
        StringBuilder sb = new StringBuilder();
        assertThat(icmp.appendIcmpv6(sb, seg, ETH, ETH + 40, len, len, null)).isTrue();
        return sb.toString();
    }

    @Test
    void echoRequestAndReply() {
        assertThat(v4(ECHO_REQUEST, 1)).isEqualTo("Echo (ping) request  id=0x0500, seq=13312/52, ttl=128");
        assertThat(v4(ECHO_REPLY, 2)).isEqualTo("Echo (ping) reply    id=0x0500, seq=13312/52, ttl=255");
    }

    @Test
    void errorMessageShowsTypeAndCodeOnly() {
        assertThat(v4(TTL_EXCEEDED, 2)).isEqualTo("Time-to-live exceeded (Time to live exceeded in transit)");
    }

    @Test
    void truncatedMessages() {
        MemorySegment seg = Hex.seg(ECHO_REQUEST);
        StringBuilder sb = new StringBuilder();
        // 5 bytes on the wire: tshark has written nothing yet.
        assertThat(icmp.appendIcmp(sb, seg, ETH, ETH + 20, 5, 5, null)).isFalse();
        assertThat(sb).isEmpty();
        assertThat(icmp.failure()).isEqualTo(IcmpInfo.MALFORMED);
        // 7 captured of 40: the type is written, then the snap length cuts the sequence number.
        assertThat(icmp.appendIcmp(sb, seg, ETH, ETH + 20, 7, 40, null)).isFalse();
        assertThat(sb).hasToString("Echo (ping) request ");
        assertThat(icmp.failure()).isEqualTo(IcmpInfo.TRUNCATED);
    }

    @Test
    void neighborSolicitationWithSourceLinkLayerAddress() {
        assertThat(v6(NEIGHBOR_SOLICITATION, 1))
                .isEqualTo("Neighbor Solicitation for fe80::260:97ff:fe07:69ea from 00:00:86:05:80:da");
    }

    @Test
    void echo6RequestAndReply() {
        assertThat(v6(ECHO6_REQUEST, 1)).isEqualTo("Echo (ping) request id=0x110d, seq=0, hop limit=64");
        assertThat(v6(ECHO6_REPLY, 2)).isEqualTo("Echo (ping) reply id=0x110d, seq=0, hop limit=64");
    }

    // Crafted; tshark 4.0.17 lists it as "Neighbor Advertisement fe80::2 (none)".
    private static final String NA_NO_FLAGS = "0066778899aa00112233445586dd6000000000183a40fe800000000000000000000000000001"
            + "fe80000000000000000000000000000288007c2500000000fe800000000000000000000000000002";
    // zeek-icmp6-nd-short-options.pcap frame 1: a Router Advertisement of 12 bytes (its fixed part is 16)
    private static final String SHORT_RA = "0066778899aa00112233445586dd60000000000c3afffe800000000000000000000000000001"
            + "ff020000000000000000000000000001860075230008070800000000";

    @Test
    void neighborAdvertisementWithoutFlagsSaysNone() {
        assertThat(v6(NA_NO_FLAGS, 1)).isEqualTo("Neighbor Advertisement fe80::2 (none)");
    }

    @Test
    void shortNeighborDiscoveryFixedPartIsMalformed() {
        MemorySegment seg = Hex.seg(SHORT_RA);
        StringBuilder sb = new StringBuilder();
        assertThat(icmp.appendIcmpv6(sb, seg, ETH, ETH + 40, 12, 12, null)).isFalse();
        assertThat(sb).hasToString("Router Advertisement");
        assertThat(icmp.failure()).isEqualTo(IcmpInfo.MALFORMED);
    }

    @Test
    void errorMessageReadsTheQuotesVersion() {
        // crafted Destination Unreachable of 8 bytes: tshark 4.0.17 lists it [Malformed Packet]
        MemorySegment seg = Hex.seg("0066778899aa00112233445586dd6000000000083a40fe800000000000000000000000000001"
                + "fe800000000000000000000000000002010401b500000000");
        StringBuilder sb = new StringBuilder();
        assertThat(icmp.appendIcmpv6(sb, seg, ETH, ETH + 40, 8, 8, null)).isFalse();
        assertThat(sb).hasToString("Destination Unreachable (Port unreachable)");
        assertThat(icmp.failure()).isEqualTo(IcmpInfo.MALFORMED);
        // the same cut by the snap length before a quote of 31 bytes: [Packet size limited during capture]
        assertThat(icmp.appendIcmpv6(new StringBuilder(), seg, ETH, ETH + 40, 8, 39, null)).isFalse();
        assertThat(icmp.failure()).isEqualTo(IcmpInfo.TRUNCATED);
    }
}
