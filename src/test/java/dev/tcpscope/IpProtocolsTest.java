package dev.tcpscope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;


/**
 * ESP, AH, IPComp, IGMP, VRRP and PIM against tshark 4.0.17 with them enabled (goldens by
 * scripts/make-ipproto-goldens.sh), in the list, -V, -2 -V, -T json -x, -T ek, -T fields and
 * -z expert: the crafted captures/synth-esp.pcap (EspScenarios: repeated, skipped and earlier
 * sequence numbers, a 32-bit wrap, headers cut short, an ICMP error quoting ESP) and
 * synth-igmp.pcap (IgmpScenarios: every version and kind, unknown types, a bad checksum,
 * truncations, a fragment), synth-vrrp.pcap (VrrpScenarios: both versions, checksums over the
 * pseudo-header, bad ones, passwords, truncations), Arkime's ESP capture over IPv4 and IPv6, IGMP
 * captures of Zeek, tcpdump, Arkime and PcapPlusPlus, VRRP ones of tcpdump and PcapPlusPlus,
 * synth-pim.pcap (PimScenarios: every PIMv2 type and Hello option, Registers carrying datagrams,
 * encoded addresses, bad checksums, truncations, PIMv1 in IGMP) and PIM captures of Arkime,
 * libpcap and tcpdump (five of them fuzzed); and the echo pairing of ICMP and ICMPv6 in
 * synth-icmp-echo.pcap (IcmpEchoScenarios: answered, unanswered, multicast, repeated and
 * unrequited messages, two pairs with one identifier, a quoted request, checksums that key as
 * zero, GRE) and PcapPlusPlus' ICMP and ICMPv6 pings, with -2's "reply in" and "no response";
 * synth-ah.pcap (AhScenarios) and AH captures of Arkime and libpcap; synth-ipcomp.pcap
 * (IpcompScenarios: payloads that inflate to UDP, TCP with HTTP, ICMPv6 and IP, ones that do not,
 * cut headers, IPComp in IPComp) and tcpdump's ipcomp-heapoverflow; ESP in UDP on port 4500:
 * synth-udpencap.pcap (UdpencapScenarios: keepalives, the non-ESP marker, short payloads) and
 * tcpdump's espudp1.
 */
class IpProtocolsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/ipproto");

    static Stream<String[]> cases() throws IOException {
        return GoldenText.layerCases(GOLDEN, 42);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        GoldenText.assertLayerGolden(GOLDEN, java.util.Map.of(), capture, format);
    }
}
