package dev.tcpscope;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GRE (packet-gre.c) and ERSPAN (packet-erspan.c) as layers between IP and what they carry.
 * The captures in {@code src/test/resources/gre/} are listed with their sources and licenses in
 * its PROVENANCE.md. Every expected string was printed by tshark 4.0.17 with
 * scripts/tshark-profile.sh's profile, {@code TZ=UTC XDG_CONFIG_HOME=/tmp/gre-prof tshark -r FILE}
 * with the options each test names (-V, -T fields -e ..., -Y ...).
 */
class GreErspanTest {
    private static final String DIR = "src/test/resources/gre/";

    private static List<String> read(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(out, err, args)).as("exit code (stderr: %s)", e).isZero();
        }
        return o.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The lines of {@code tree} from the first that starts with {@code from} up to (without) the first after it starting with {@code to}. */
    private static List<String> section(List<String> tree, String from, String to) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : tree) {
            if (!in && line.startsWith(from)) {
                in = true;
            } else if (in && line.startsWith(to)) {
                break;
            }
            if (in) {
                out.add(line);
            }
        }
        return out;
    }

    /** tshark -r zeek-erspanII.pcap: the innermost ICMP names the columns, echo replies find their requests. */
    @Test
    void erspanTypeIIListsTheInnerIcmp() {
        assertThat(read("read", DIR + "zeek-erspanII.pcap")).containsExactly(
                "    1   0.000000     23.0.0.2 → 23.0.0.3     ICMP 164 Echo (ping) request  id=0x0016, seq=0/0, ttl=255",
                "    2   0.000504     23.0.0.3 → 23.0.0.2     ICMP 164 Echo (ping) reply    id=0x0016, seq=0/0, ttl=255 (request in 1)",
                "    3   0.001210     23.0.0.2 → 23.0.0.3     ICMP 164 Echo (ping) request  id=0x0016, seq=1/256, ttl=255",
                "    4   0.001727     23.0.0.3 → 23.0.0.2     ICMP 164 Echo (ping) reply    id=0x0016, seq=1/256, ttl=255 (request in 3)");
    }

    /**
     * tshark -r pcapplusplus-GrePackets.cap: PPTP's enhanced GRE carries PPP (address and control
     * first), which hands LCP to its dissector (proto/ppp/PppCp) and IPv4 on.
     */
    @Test
    void pptpGreCarriesPpp() {
        List<String> lines = read("read", DIR + "pcapplusplus-GrePackets.cap");
        assertThat(lines).hasSize(28);
        assertThat(lines.get(10)).isEqualTo("   11   0.021343     20.0.0.2 → 20.0.0.1     PPP LCP 60 Configuration Request");
        assertThat(lines.get(26)).isEqualTo(
                "   27  70.386130     40.0.0.2 → 17.1.1.122   ICMP 138 Echo (ping) reply    id=0x182b, seq=1/256, ttl=63 (request in 26)");
    }

    /**
     * tshark -r tcpdump-wccp_redirect_gre.pcap: WCCPv2's redirect header, then the redirected TCP
     * segment, to port 445: an NBSS session message whose payload is no SMB2 (data).
     */
    @Test
    void wccpRedirectHeaderIsSkippedBeforeTheInnerIpv4() {
        assertThat(read("read", DIR + "tcpdump-wccp_redirect_gre.pcap")).containsExactly(
                "    1   0.000000 10.254.127.195 → 10.254.108.228 NBSS 282 Session message");
        assertThat(read("read", DIR + "tcpdump-wccp_redirect_gre.pcap", "-T", "fields", "-e", "gre.wccp.service_id",
                "-e", "gre.wccp.primary_bucket", "-e", "gre.wccp.redirect_header_valid", "-e", "frame.protocols"))
                .containsExactly("89\t72\t1\teth:ethertype:ip:gre:ip:tcp:nbss:data");
    }

    /** tshark -r zeek-erspanIII.pcap -V, frame 1: the GRE item and ERSPAN's type III tree. */
    @Test
    void erspanTypeIIITree() {
        List<String> tree = read("read", DIR + "zeek-erspanIII.pcap", "-V", "-c", "1");
        assertThat(section(tree, "Generic Routing Encapsulation", "Ethernet II")).containsExactly(
                "Generic Routing Encapsulation (ERSPAN III)",
                "    Flags and Version: 0x1000",
                "        0... .... .... .... = Checksum Bit: No",
                "        .0.. .... .... .... = Routing Bit: No",
                "        ..0. .... .... .... = Key Bit: No",
                "        ...1 .... .... .... = Sequence Number Bit: Yes",
                "        .... 0... .... .... = Strict Source Route Bit: No",
                "        .... .000 .... .... = Recursion control: 0",
                "        .... .... 0000 0... = Flags (Reserved): 0",
                "        .... .... .... .000 = Version: GRE (0)",
                "    Protocol Type: ERSPAN III (0x22eb)",
                "    Sequence Number: 62123356",
                "Encapsulated Remote Switch Packet ANalysis Type III",
                "    0010 .... .... .... = Version: Type III (2)",
                "    .... 0000 0001 0100 = Vlan: 20",
                "    000. .... .... .... = COS: 0",
                "    ...0 0... .... .... = Bad/Short/Oversized: Good or unknown integrity (0)",
                "    .... .0.. .... .... = Truncated: Not truncated (0)",
                "    .... ..00 0000 0000 = SpanID: 0",
                "    0000 0000 0000 0000 0001 0100 0101 1000 = Timestamp: 5208",
                "    0000 0000 0000 0000 = Security Group Tag: 0",
                "    1... .... .... .... = Has Ethernet PDU: 1",
                "    .000 00.. .... .... = Frame Type: Ethernet (0)",
                "    .... ..00 0011 .... = Hardware ID: 3",
                "    .... .... .... 0... = Direction: Ingress",
                "    .... .... .... .00. = Timestamp granularity: 100 microseconds (0)",
                "    .... .... .... ...0 = Optional Sub headers: 0");
    }

    /** tshark -r tcpdump-erspan-type-i-1.pcap -V: type I has no header, only an empty ERSPAN item. */
    @Test
    void erspanTypeIIsAnEmptyItemBeforeTheFrame() {
        List<String> tree = read("read", DIR + "tcpdump-erspan-type-i-1.pcap", "-V", "-c", "1");
        assertThat(section(tree, "    Protocol Type:", "Ethernet II")).containsExactly(
                "    Protocol Type: ERSPAN (0x88be)",
                "Encapsulated Remote Switch Packet ANalysis Type I");
    }

    /** tshark -r pcapplusplus-GrePackets.cap -V -Y frame.number==13: the enhanced header's key is a length and a call ID. */
    @Test
    void enhancedGreTree() {
        List<String> tree = read("read", DIR + "pcapplusplus-GrePackets.cap", "-V", "-Y", "frame.number==13");
        assertThat(section(tree, "Generic Routing Encapsulation", "Point-to-Point Protocol")).containsExactly(
                "Generic Routing Encapsulation (PPP)",
                "    Flags and Version: 0x3081",
                "        0... .... .... .... = Checksum Bit: No",
                "        .0.. .... .... .... = Routing Bit: No",
                "        ..1. .... .... .... = Key Bit: Yes",
                "        ...1 .... .... .... = Sequence Number Bit: Yes",
                "        .... 0... .... .... = Strict Source Route Bit: No",
                "        .... .000 .... .... = Recursion control: 0",
                "        .... .... 1... .... = Acknowledgment: Yes",
                "        .... .... .000 0... = Flags (Reserved): 0",
                "        .... .... .... .001 = Version: Enhanced GRE (1)",
                "    Protocol Type: PPP (0x880b)",
                "    Payload Length: 18",
                "    Call ID: 1",
                "    Sequence Number: 1",
                "    Acknowledgment Number: 4294967295");
        assertThat(section(tree, "Point-to-Point Protocol", "PPP Link Control Protocol")).containsExactly(
                "Point-to-Point Protocol",
                "    Address: 0xff",
                "    Control: 0x03",
                "    Protocol: Link Control Protocol (0xc021)");
    }

    /**
     * tshark -r tcpdump-gre-heapoverflow-2.pcap (a fuzzed frame whose routing entry runs past the
     * captured bytes): the list line and the end of the -V tree.
     */
    @Test
    void greCutShortInItsRoutingEntryIsMarkedAsTsharkMarksIt() {
        assertThat(read("read", DIR + "tcpdump-gre-heapoverflow-2.pcap").get(1)).isEqualTo(
                "    2   0.000000  48.48.48.48 → 48.48.48.48  GRE 262144 Encapsulated 0x3030 (unknown)[Packet size limited during capture]");
        List<String> tree = read("read", DIR + "tcpdump-gre-heapoverflow-2.pcap", "-V");
        assertThat(tree.subList(tree.size() - 8, tree.size())).containsExactly(
                "    [Checksum Status: Unverified]",
                "    Offset: 12336",
                "    Routing",
                "    Address Family: 12336",
                "    SRE Offset: 48",
                "    SRE Length: 48",
                "[Packet size limited during capture: GRE truncated]",
                "");
    }

    /** tshark -r zeek-erspanII.pcap -T fields -e gre.sequence_number -e erspan.version -e erspan.vlan -e erspan.encap -e erspan.spanid -e frame.protocols */
    @Test
    void greAndErspanFields() {
        assertThat(read("read", DIR + "zeek-erspanII.pcap", "-T", "fields", "-e", "gre.sequence_number", "-e", "erspan.version",
                "-e", "erspan.vlan", "-e", "erspan.encap", "-e", "erspan.spanid", "-e", "frame.protocols")).containsExactly(
                "1796\t1\t23\t1\t100\teth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data",
                "1797\t1\t23\t1\t100\teth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data",
                "1798\t1\t23\t1\t100\teth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data",
                "1799\t1\t23\t1\t100\teth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data");
    }

    /**
     * tshark -r pcapplusplus-GrePackets.cap -Y gre.flags.ack -T fields -e gre.key.payload_length
     * -e gre.key.call_id -e gre.sequence_number -e gre.ack_number -e gre.flags.ack (first five
     * lines): the flag is a field of every enhanced header, the number only where it is set.
     */
    @Test
    void enhancedGreFieldsFilter() {
        List<String> lines = read("read", DIR + "pcapplusplus-GrePackets.cap", "-Y", "gre.flags.ack", "-T", "fields",
                "-e", "gre.key.payload_length", "-e", "gre.key.call_id", "-e", "gre.sequence_number", "-e", "gre.ack_number",
                "-e", "gre.flags.ack");
        assertThat(lines.subList(0, 5)).containsExactly(
                "14\t24\t0\t\t0",
                "18\t1\t1\t4294967295\t1",
                "18\t24\t1\t1\t1",
                "14\t24\t2\t\t0",
                "14\t1\t2\t2\t1");
        assertThat(read("read", DIR + "zeek-erspanIII.pcap", "-Y", "erspan.version == 2 && erspan.hw == 3 && gre.proto == 0x22eb"))
                .hasSize(2);
    }

    /**
     * tshark -r tcpdump-erspan-type-ii-3-frames.pcap -T fields -e frame.number -e eth.len
     * -e vlan.len -e eth.trailer -e vlan.trailer -e eth.padding -e data.len -e frame.protocols:
     * an 802.3 frame (or tag) inside ERSPAN ends its payload where its length says; the rest is a
     * trailer, never padding, as the whole packet is longer than 60 bytes.
     */
    @Test
    void innerFramesHaveTrailersAfterTheirLengthOrDatagram() {
        assertThat(read("read", DIR + "tcpdump-erspan-type-ii-3-frames.pcap", "-T", "fields", "-e", "frame.number",
                "-e", "eth.len", "-e", "vlan.len", "-e", "eth.trailer", "-e", "vlan.trailer", "-e", "eth.padding",
                "-e", "data.len", "-e", "frame.protocols")).containsExactly(
                // the 802.3 payloads are LLC: spanning tree BPDUs, and an LLC frame whose 11 bytes are data
                "1\t38\t\t0000000000000000\t\t\t\teth:ethertype:ip:gre:erspan:eth:llc:stp",
                "2\t38\t\tfdffff0000000000\t\t\t\teth:ethertype:ip:gre:erspan:eth:llc:stp",
                "3\t\t19\t\t000000000000000000000000000000000000000000000000000000\t\t11"
                        + "\teth:ethertype:ip:gre:erspan:eth:ethertype:vlan:llc:data",
                "4\t\t\t\t000000000000000000000000000000000000\t\t\teth:ethertype:ip:gre:erspan:eth:ethertype:vlan:ethertype:arp");
        List<String> tree = read("read", DIR + "tcpdump-erspan-type-ii-3-frames.pcap", "-V", "-c", "1");
        assertThat(tree).containsSequence(
                "    Length: 38",
                "    Trailer: 0000000000000000",
                "Logical-Link Control");
    }
}
