package dev.tcpscope;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MPLS label stacks (packet-mpls.c) and what follows their bottom entry, and IPv6 headers whose
 * version is not 6. The captures are in {@code captures/} (PROVENANCE.md). Every expected line
 * was printed by tshark 4.0.17 with scripts/tshark-profile.sh's profile,
 * {@code XDG_CONFIG_HOME=/tmp/prof tshark -r FILE} with the options each test names.
 */
class MplsTest {
    private static final String DIR = "captures/";

    private static List<String> read(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(out, err, args)).as("exit code (stderr: %s)", e).isZero();
        }
        return o.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Behind QinQ and one label HTTP over IPv4; behind two labels an Ethernet pseudowire with its control word. */
    @Test
    void stacksCarryIpv4AndAnEthernetPseudowire() {
        assertThat(read("read", DIR + "pcapplusplus-MplsPackets.pcap")).containsExactly(
                "    1   0.000000      2.3.4.6 → 12.13.14.15  HTTP 365 GET /i/?tid=199&hash=8ktxrl&subid=0 HTTP/1.1 ",
                "    2   0.000000  192.168.1.2 → 192.168.1.1  ICMP 144 Echo (ping) reply    id=0x0001, seq=2/512, ttl=255");
        assertThat(read("read", DIR + "pcapplusplus-MplsPackets.pcap", "-T", "fields", "-e", "frame.protocols",
                "-e", "mpls.label", "-e", "mpls.bottom", "-e", "pweth.cw.sequence_number")).containsExactly(
                "eth:ethertype:vlan:ethertype:vlan:ethertype:mpls:ip:tcp:http\t16000\t1\t",
                "eth:ethertype:mpls:pwethheuristic:pwethcw:eth:ethertype:vlan:ethertype:ip:icmp:data\t18,16\t0,1\t0");
        assertThat(read("read", DIR + "pcapplusplus-MplsPackets.pcap", "-Y", "mpls.label == 16 && pweth.cw"))
                .containsExactly("    2   0.000000  192.168.1.2 → 192.168.1.1  ICMP 144 Echo (ping) reply    id=0x0001, seq=2/512, ttl=255");
    }

    /** -V of frame 2: one item per label stack entry, then the control word's. */
    @Test
    void eachEntryIsAnItem() {
        List<String> tree = read("read", DIR + "pcapplusplus-MplsPackets.pcap", "-V", "-Y", "frame.number == 2");
        int at = tree.indexOf("MultiProtocol Label Switching Header, Label: 18, Exp: 0, S: 0, TTL: 254");
        assertThat(at).isPositive();
        assertThat(tree.subList(at, at + 12)).containsExactly(
                "MultiProtocol Label Switching Header, Label: 18, Exp: 0, S: 0, TTL: 254",
                "    0000 0000 0000 0001 0010 .... .... .... = MPLS Label: 18 (0x00012)",
                "    .... .... .... .... .... 000. .... .... = MPLS Experimental Bits: 0",
                "    .... .... .... .... .... ...0 .... .... = MPLS Bottom Of Label Stack: 0",
                "    .... .... .... .... .... .... 1111 1110 = MPLS TTL: 254",
                "MultiProtocol Label Switching Header, Label: 16, Exp: 0, S: 1, TTL: 255",
                "    0000 0000 0000 0001 0000 .... .... .... = MPLS Label: 16 (0x00010)",
                "    .... .... .... .... .... 000. .... .... = MPLS Experimental Bits: 0",
                "    .... .... .... .... .... ...1 .... .... = MPLS Bottom Of Label Stack: 1",
                "    .... .... .... .... .... .... 1111 1111 = MPLS TTL: 255",
                "PW Ethernet Control Word",
                "    Sequence Number: 0");
    }

    /** IPv6 in IPv6 whose inner version is 14: the outer header ends as for an unknown protocol, with data. */
    @Test
    void nestedIpv6WithAnotherVersionIsData() {
        assertThat(read("read", DIR + "zeek-mpls-6in6-6in6-invalid-version-6.pcap")).containsExactly(
                "    1   0.000000 b100:7265::6904:2aff → 3bbf:ff00:40:21:ffff:ffff:fffd:f7ff IPv6 128 Unknown IP Protocol: IPv6 (41)");
        assertThat(read("read", DIR + "zeek-mpls-6in6-6in6-invalid-version-6.pcap", "-T", "fields", "-e", "frame.protocols",
                "-e", "mpls.label", "-e", "mpls.ttl", "-e", "data.len")).containsExactly(
                "eth:ethertype:mpls:ipv6:data\t291956\t97\t44");
    }

    /** A stack cut by the snap length, and LINKTYPE_IPV6 carrying an IPv4 packet. */
    @Test
    void shortStacksAndBogusVersions() {
        assertThat(read("read", DIR + "tcpdump-mpls-label-heapoverflow.pcap")).containsExactly(
                "    1   0.000000 30:30:30:30:30:30 → 30:30:30:30:30:30 MPLS 262144 MPLS Label Switched Packet[Packet size limited during capture]");
        assertThat(read("read", DIR + "tcpdump-LINKTYPE_IPV6_invalid.pcap")).containsExactly(
                "    1   0.000000              →              IPv6 57 Bogus IPv6 version (4, must be 6)");
    }
}
