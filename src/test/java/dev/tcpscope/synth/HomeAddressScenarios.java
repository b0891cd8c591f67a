package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ipv6-home-address.pcap}: UDP between the same two IPv6 hosts
 * and ports behind every kind of extension header, for the conversations ({@code udp.stream})
 * Wireshark finds. Routing headers with segments left change the destination the transport
 * sees, and a Mobile IPv6 Home Address option (RFC 6275 §6.3), in a Destination Options or a
 * Hop-by-Hop header, changes the source (packet-ipv6.c sets {@code pinfo->src}): a new stream,
 * also for a datagram quoted by an ICMPv6 error, and the address an ICMPv6 checksum covers.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.HomeAddressScenarios captures/synth-ipv6-home-address.pcap
 * </pre>
 */
public final class HomeAddressScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] A = hex("20010db8000000000000000000000001");
    private static final byte[] B = hex("20010db8000000000000000000000002");
    private static final byte[] ROUTER = hex("20010db8000000000000000000000003");
    private static final byte[] HOME = hex("20010db8000000000000000000000009");
    private static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, DESTINATION = 60, UDP = 17, ICMPV6 = 58;
    /** PadN of 4 bytes: an options header with nothing in it. */
    private static final byte[] NOTHING = hex("01020000");

    private final PcapWriter out;
    private long frames;

    private HomeAddressScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] ipv6Packet) throws IOException {
        byte[] frame = ethernet(0x86dd, ipv6Packet);
        out.write(START + frames++ * 1_000_000_000L, frame, 0, frame.length);
    }

    private static byte[] homeAddress(byte[] home) {
        return concat(new byte[] {(byte) 0xc9, 16}, home);
    }

    /** UDP 1000 -> 2000 from {@code src} to {@code dst} as the transport sees them. */
    private static byte[] udp(byte[] src, byte[] dst, String text) {
        return udp6(1000, 2000, text.getBytes(), src, dst);
    }

    private void write() throws IOException {
        // 1-5: stream 0 whatever comes between the header and UDP: nothing, empty Hop-by-Hop and
        // Destination Options headers, an atomic fragment, a routing header with no segments left
        write(ipv6(UDP, A, B, udp(A, B, "plain")));
        write(ipv6(HOP_BY_HOP, A, B, concat(options(UDP, NOTHING), udp(A, B, "hop-by-hop"))));
        write(ipv6(DESTINATION, A, B, concat(options(UDP, NOTHING), udp(A, B, "destination"))));
        write(ipv6(FRAGMENT, A, B, concat(hex("1100000000000001"), udp(A, B, "atomic fragment"))));
        write(ipv6(ROUTING, A, B, concat(hex("1102000000000000"), ROUTER, udp(A, B, "routing, 0 left"))));
        // 6: a segment left: the destination is the router's address, a new stream
        write(ipv6(ROUTING, A, B, concat(hex("1102000100000000"), ROUTER, udp(A, ROUTER, "routing, 1 left"))));
        // 7-9: a home address in a Destination Options header, then in a Hop-by-Hop header (the
        // same stream), and after a routing header with a segment left (home to router)
        write(ipv6(DESTINATION, A, B, concat(options(UDP, homeAddress(HOME)), udp(HOME, B, "home"))));
        write(ipv6(HOP_BY_HOP, A, B, concat(options(UDP, homeAddress(HOME)), udp(HOME, B, "home, hop-by-hop"))));
        write(ipv6(ROUTING, A, B, concat(hex("3c02000100000000"), ROUTER, options(UDP, homeAddress(HOME)),
                udp(HOME, ROUTER, "home, routed"))));
        // 10: a home address option of 18 bytes (an expert, the address still counts)
        write(ipv6(DESTINATION, A, B, concat(options(UDP, concat(new byte[] {(byte) 0xc9, 18}, HOME, new byte[2])),
                udp(HOME, B, "long option"))));
        // 11: the home address as the header's own source: the stream of frame 7
        write(ipv6(UDP, HOME, B, udp(HOME, B, "from home")));
        // 12: back to stream 0
        write(ipv6(UDP, B, A, udp6(2000, 1000, "reply".getBytes(), B, A)));
        // 13, 14: echo requests with a home address, the checksum over the home address (right)
        // and over the header's source (wrong)
        byte[] echo = hex("0001000170696e67");
        write(ipv6(DESTINATION, A, B, concat(options(ICMPV6, homeAddress(HOME)), icmpv6(128, 0, echo, HOME, B))));
        write(ipv6(DESTINATION, A, B, concat(options(ICMPV6, homeAddress(HOME)), icmpv6(128, 0, echo, A, B))));
        // 15: a port unreachable from B quoting a datagram sent from home: the quoted UDP is in
        // the stream of frame 7
        byte[] quoted = ipv6(DESTINATION, A, B, concat(options(UDP, homeAddress(HOME)), udp(HOME, B, "quoted")));
        write(ipv6(ICMPV6, B, A, icmpv6(1, 4, concat(new byte[4], quoted), B, A)));
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "captures/synth-ipv6-home-address.pcap");
        try (OutputStream os = Files.newOutputStream(path)) {
            HomeAddressScenarios s = new HomeAddressScenarios(os);
            s.write();
            s.out.close();
        }
    }
}
