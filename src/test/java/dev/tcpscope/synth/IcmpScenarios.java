package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-icmp.pcap}: ICMP errors with RFC 4884 lengths and extension
 * structures, and ICMPv6 Neighbor Discovery options, one message a frame, a second apart, for
 * the parts of packet-icmp.c and packet-icmpv6.c whose trees are easy to get wrong. The goldens
 * are made from it by the scripts like from any other capture.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.IcmpScenarios captures/synth-icmp.pcap
 * </pre>
 *
 * ICMP (frames 1-16): destination unreachable, time exceeded and parameter problem with and
 * without a length (RFC 4884 §4), fragmentation needed with one; extension objects (RFC 4884
 * §7) of every class packet-icmp.c knows (MPLS label stacks, RFC 4950; interface information,
 * RFC 5837; interface identification, RFC 8335; extended payload) and of unknown classes and
 * C-Types, five interface information objects, a truncated object, reads that run past the
 * message (malformed) and a structure cut by the snap length.
 *
 * <p>ICMPv6 (frames 17-31): redirects with a Redirected Header option (RFC 4861 §4.6.3) holding
 * an IPv6/UDP packet, something else, nothing, only a header, an option longer than the
 * message, and one cut by the snap length; router advertisements with Recursive DNS Server
 * options (RFC 8106 §5.1), one reading into the next option and one past the message's end;
 * an MTU option longer than its fields; options of length zero; a prefix option cut short.
 */
public final class IcmpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] ROUTER = {(byte) 192, 0, 2, (byte) 254};
    private static final byte[] HOST = {(byte) 198, 51, 100, 1};
    private static final byte[] TARGET = {(byte) 203, 0, 113, 9};
    private static final byte[] LINK_LOCAL = hex("fe800000000000000000000000000001");
    private static final byte[] A = hex("20010db8000000000000000000000001");
    private static final byte[] B = hex("20010db8000000000000000000000002");
    private static final byte[] NS1 = hex("20010db8000000000000000000000053");
    private static final byte[] NS2 = hex("20010db8000000000000000000005353");

    private final PcapWriter out;
    private long frames;

    private IcmpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    /** A frame of which only the first {@code captured} bytes are kept (the snap length). */
    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    // ---- ICMP ---------------------------------------------------------------------------------

    /** The datagram the errors quote: UDP to a traceroute port, 48 bytes. */
    private static final byte[] QUOTED = ipv4(17, HOST, TARGET, udp4(40000, 33434, filler(20)));
    /** The quote padded to 128 bytes, the original datagram of a message with a length of 32 words. */
    private static final byte[] QUOTE_128 = Arrays.copyOf(QUOTED, 128);

    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) ('a' + k % 26);
        }
        return b;
    }

    /** An RFC 4884 extension structure (version 2) with its checksum. */
    private static byte[] extensions(byte[]... objects) {
        byte[] b = concat(new byte[] {0x20, 0, 0, 0}, concat(objects));
        return put16(b, 2, checksum(b));
    }

    /** An extension object: length (header included), class, C-Type, payload. */
    private static byte[] object(int cls, int ctype, byte[] payload) {
        return object(4 + payload.length, cls, ctype, payload);
    }

    private static byte[] object(int length, int cls, int ctype, byte[] payload) {
        return concat(ByteBuffer.allocate(4).putShort((short) length).put((byte) cls).put((byte) ctype).array(), payload);
    }

    /** MPLS label stack entries (RFC 3032): label, experimental bits, bottom of stack, TTL. */
    private static byte[] labels(int... labelTtl) {
        ByteBuffer b = ByteBuffer.allocate(labelTtl.length * 2);
        for (int k = 0; k < labelTtl.length; k += 2) {
            boolean bottom = k + 2 == labelTtl.length;
            b.putInt(labelTtl[k] << 12 | 5 << 9 | (bottom ? 1 << 8 : 0) | labelTtl[k + 1]);
        }
        return b.array();
    }

    /** An ICMP error from the router: type, code, its second word, then the body. */
    private void error(int type, int code, int b4, int b5, int b67, byte[] body) throws IOException {
        byte[] word = {(byte) b4, (byte) b5, (byte) (b67 >> 8), (byte) b67};
        write(ethernet(0x0800, ipv4(1, ROUTER, HOST, RawPackets.icmp(type, code, word, body))));
    }

    private void icmpErrors() throws IOException {
        byte[] stack = object(1, 1, labels(16001, 1, 24005, 1));
        // 1-4: a length of 32 words (128 bytes) before the extensions, in each type
        error(3, 3, 0, 32, 0, concat(QUOTE_128, extensions(stack)));
        error(3, 4, 0, 32, 1400, concat(QUOTE_128, extensions(stack)));
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(object(99, 7, hex("0102030405060708")), stack)));
        error(12, 0, 20, 32, 0, concat(QUOTE_128, extensions(object(200, 1, hex("0a0b0c0d0e")))));
        // 5-7: a length without extensions; no length (extensions found after 128 bytes anyway);
        // parameter problem and fragmentation needed without a length
        error(11, 0, 0, 12, 0, Arrays.copyOf(QUOTED, 48));
        error(3, 3, 0, 0, 0, concat(QUOTE_128, extensions(object(1, 2, hex("61626364")))));
        error(12, 0, 20, 0, 0, QUOTED);
        error(3, 4, 0, 0, 1280, QUOTED);
        // 9: extended payload (class 0, C-Type 1) and an unknown C-Type of class 0
        error(3, 1, 0, 32, 0, concat(QUOTE_128, extensions(object(0, 1, hex("6162636465666768")),
                object(0, 2, hex("7778797a")))));
        // 10, 11: interface information (RFC 5837): every part, an IPv6 address, a name alone
        // (which packet-icmp.c does not show), an MTU with reserved bits
        byte[] name = concat(new byte[] {8}, "eth0".getBytes(), new byte[3]);
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(
                object(2, 0x8f, concat(ByteBuffer.allocate(12).putInt(7).putShort((short) 1).putShort((short) 0)
                        .put(new byte[] {10, 1, 2, 3}).array(), name, ByteBuffer.allocate(4).putInt(1500).array())),
                object(2, 0x44, concat(hex("00020000"), B)))));
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(object(2, 0xc2, name),
                object(2, 0x31, ByteBuffer.allocate(4).putInt(9000).array()))));
        // 12: interface identification (RFC 8335): by name, index, IPv4 and IPv6 addresses, an
        // unknown family, an unknown C-Type, a name with a NUL in it
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(object(3, 1, "eth1".getBytes()),
                object(3, 2, ByteBuffer.allocate(4).putInt(42).array()),
                object(3, 3, concat(hex("00010800"), hex("0a0000010a000002"))),
                object(3, 3, concat(hex("00021000"), B)), object(3, 3, hex("004d040001020304")),
                object(3, 9, hex("7a7a7a7a")), object(3, 1, hex("6162006364")))));
        // 13: five interface information objects (the fifth is "More than 4")
        byte[][] five = new byte[5][];
        for (int k = 0; k < 5; k++) {
            five[k] = object(2, 0x08, ByteBuffer.allocate(4).putInt(k + 1).array());
        }
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(five)));
        // 14: an object whose length runs past the message (truncated)
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(object(40, 99, 1, hex("6162636465666768")))));
        // 15: an unknown address family: its address is read with a negative length (malformed)
        error(11, 0, 0, 32, 0, concat(QUOTE_128, extensions(object(2, 0x04, concat(hex("00090000"), new byte[16])))));
        // 16: the extension structure cut by the snap length
        byte[] cut = ethernet(0x0800, ipv4(1, ROUTER, HOST, RawPackets.icmp(11, 0, new byte[] {0, 32, 0, 0},
                concat(QUOTE_128, extensions(stack)))));
        write(cut, cut.length - 6);
    }

    // ---- ICMPv6 -------------------------------------------------------------------------------

    /** The packet a redirect carries: UDP from A to B, 68 bytes. */
    private static final byte[] REDIRECTED = ipv6(17, A, B, udp6(1000, 2000, filler(20), A, B));

    /** A neighbor discovery option: type, then its body, padded to 8-byte units by the caller. */
    private static byte[] option(int type, byte[] body) {
        return option((2 + body.length + 7) / 8, type, body);
    }

    private static byte[] option(int units, int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) units}, body);
    }

    private static final byte[] TARGET_LINK = option(2, hex("020000000009"));

    private void icmpv6(int type, byte[] rest, byte[] src, byte[] dst, int cut) throws IOException {
        byte[] frame = ethernet(0x86dd, ipv6(58, src, dst, RawPackets.icmpv6(type, 0, rest, src, dst)));
        write(frame, frame.length - cut);
    }

    /** A redirect (RFC 4861 §4.5) from the router: reserved, target, destination, then {@code options}. */
    private void redirect(int cut, byte[]... options) throws IOException {
        icmpv6(137, concat(new byte[4], LINK_LOCAL, B, concat(options)), LINK_LOCAL, A, cut);
    }

    /** A router advertisement (RFC 4861 §4.2) with {@code options}. */
    private void advertisement(int cut, byte[]... options) throws IOException {
        icmpv6(134, concat(hex("400007080000000000000000"), concat(options)), LINK_LOCAL, A, cut);
    }

    private static byte[] redirectedHeader(byte[] packet) {
        return option(4, concat(new byte[6], pad(packet, 8)));
    }

    private static byte[] dnsServers(long lifetime, byte[]... servers) {
        return option(25, concat(new byte[2], ByteBuffer.allocate(4).putInt((int) lifetime).array(), concat(servers)));
    }

    private void neighborDiscovery() throws IOException {
        // 17-22: redirected headers: after a target link-layer option (4 bytes of padding left
        // over), before one, holding something else than IPv6, empty, a header whose payload
        // is missing, an option longer than the message
        redirect(0, TARGET_LINK, redirectedHeader(REDIRECTED));
        redirect(0, redirectedHeader(REDIRECTED), TARGET_LINK);
        redirect(0, option(4, concat(new byte[6], hex("45000000000000000000000000000000"))));
        redirect(0, option(4, new byte[6]));
        redirect(0, redirectedHeader(Arrays.copyOf(REDIRECTED, 40)));
        redirect(0, option(20, 4, concat(new byte[6], pad(REDIRECTED, 8))));
        // 23: cut by the snap length in the redirected packet's UDP payload
        redirect(20, TARGET_LINK, redirectedHeader(REDIRECTED));
        // 24-26: recursive DNS servers: two, one with an infinite lifetime, none (lifetime 0);
        // a length of 4 whose second address reads into the next option; one past the end
        advertisement(0, dnsServers(600, NS1, NS2), dnsServers(0xffffffffL, NS1), dnsServers(0, new byte[0]));
        advertisement(0, option(4, 25, concat(new byte[2], ByteBuffer.allocate(4).putInt(1).array(), NS1, new byte[8])),
                option(1, hex("020000000001")));
        advertisement(0, option(4, 25, concat(new byte[6], NS1, new byte[8])));
        // 27: an MTU option of 16 bytes (unknown data after the MTU)
        advertisement(0, option(2, 5, concat(new byte[2], ByteBuffer.allocate(4).putInt(1500).array(), new byte[8])));
        // 28, 29: a zero length, alone and after a source link-layer address option
        icmpv6(133, concat(new byte[4], option(0, 1, new byte[6])), A, B, 0);
        icmpv6(135, concat(new byte[4], B, option(1, hex("020000000001")), option(0, 2, new byte[2])), A, B, 0);
        // 30, 31: a prefix option and a DNS server option cut by the snap length (labels left open)
        advertisement(10, option(3, concat(hex("40c0"), ByteBuffer.allocate(12).putInt(100).putInt(50).putInt(0).array(),
                hex("20010db8000000010000000000000000"))));
        advertisement(4, dnsServers(600, NS1));
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "captures/synth-icmp.pcap");
        try (OutputStream os = Files.newOutputStream(path)) {
            IcmpScenarios s = new IcmpScenarios(os);
            s.icmpErrors();
            s.neighborDiscovery();
            s.out.close();
        }
    }
}
