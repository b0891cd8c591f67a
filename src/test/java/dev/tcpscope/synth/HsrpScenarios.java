package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.RawPackets.concat;
import static dev.tcpscope.synth.RawPackets.ethernet;
import static dev.tcpscope.synth.RawPackets.hex;
import static dev.tcpscope.synth.RawPackets.ipv4;
import static dev.tcpscope.synth.RawPackets.ipv6;
import static dev.tcpscope.synth.RawPackets.put16;
import static dev.tcpscope.synth.RawPackets.udp4;
import static dev.tcpscope.synth.RawPackets.udp6;

/**
 * Writes {@code captures/synth-hsrp.pcap}: HSRP datagrams for how packet-hsrp.c picks the version
 * (by destination address and port) and walks each message, one a second. Nothing here says what
 * tshark shows; the goldens (scripts/make-hsrp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.HsrpScenarios captures/synth-hsrp.pcap
 * </pre>
 *
 * Frames: HSRPv1 to 224.0.0.2 with every op code (Hello, Coup, Resign, Advertise, unknown ones
 * with and without bytes after them) and every state (and an unknown one), default and other
 * hello and hold times, authentication data that is "cisco", starts with it, is another word, has
 * a control character and a byte over 0x7f; Advertise with each type and state; 50-byte messages
 * with an MD5 authentication TLV after a Hello, an Advertise and an unknown op code, and with
 * another TLV there; 49 and 51 bytes; HSRPv2 to 224.0.0.102 and over IPv6 to port 2029: the Group
 * State TLV with every op code and state, IPv4, IPv6 and an unknown IP version (followed by an
 * Interface State TLV), Interface State, Text and MD5 Authentication TLVs, an unknown TLV, known
 * types of the wrong length, a zero TLV, a lone type byte at the end, no Group State TLV at all;
 * datagrams to port 1985 of a unicast address, to another port from 1985, IPv6 to port 1985,
 * IPv4 to 224.0.0.2 on port 2029; messages cut by the snap length (v1 after one and two bytes,
 * in the authentication data and the address, an Advertise, a 50-byte message; v2 inside the
 * Group State TLV and inside a Text Authentication TLV) and by the UDP length.
 */
public final class HsrpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] R1 = {10, 0, 0, 2};
    private static final byte[] R2 = {10, 0, 0, 3};
    private static final byte[] V1 = {(byte) 224, 0, 0, 2};
    private static final byte[] V2 = {(byte) 224, 0, 0, 102};
    private static final byte[] VIP = {10, 0, 0, 1};
    private static final byte[] R6 = hex("fe800000000000000000000000000002");
    private static final byte[] V6 = hex("ff020000000000000000000000000066");
    private static final byte[] VIP6 = hex("fe800000000000000000000000000001");
    /** An HSRP virtual MAC (Cisco's 00:00:0c:07:ac:xx), a Cisco interface and an unregistered OUI. */
    private static final byte[] MAC_HSRP = hex("00000c07ac01");
    private static final byte[] MAC_CISCO = hex("001b2b8f1a40");
    private static final byte[] MAC_OTHER = hex("0a1b2c3d4e5f");

    private final PcapWriter out;
    private long frames;

    private HsrpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    /** A datagram from {@code src}:{@code sport} to {@code dst}:{@code dport}, cut to {@code keep} payload bytes when non-negative. */
    private void v4(byte[] src, byte[] dst, int sport, int dport, byte[] m, int keep) throws IOException {
        byte[] f = ethernet(0x0800, ipv4(17, src, dst, udp4(sport, dport, m)));
        write(f, keep < 0 ? f.length : Math.min(f.length, 14 + 20 + 8 + keep));
    }

    private void v1(byte[] m) throws IOException {
        v4(R1, V1, 1985, 1985, m, -1);
    }

    private void v2(byte[] m) throws IOException {
        v4(R1, V2, 1985, 1985, m, -1);
    }

    private void v6(int sport, int dport, byte[] m) throws IOException {
        byte[] f = ethernet(0x86dd, ipv6(17, R6, V6, udp6(sport, dport, m, R6, V6)));
        write(f, f.length);
    }

    /** A v1 datagram whose UDP length says {@code ulen} payload bytes, fewer than the IP packet carries. */
    private void v1UdpLength(byte[] m, int ulen) throws IOException {
        byte[] u = put16(udp4(1985, 1985, m), 4, 8 + ulen);
        byte[] f = ethernet(0x0800, ipv4(17, R1, V1, u));
        write(f, f.length);
    }

    private void v2UdpLength(byte[] m, int ulen) throws IOException {
        byte[] u = put16(udp4(1985, 1985, m), 4, 8 + ulen);
        byte[] f = ethernet(0x0800, ipv4(17, R1, V2, u));
        write(f, f.length);
    }

    private void write(byte[] f, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, f, 0, captured, f.length);
    }

    private static byte[] auth(String s) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), 8);
    }

    /** An HSRPv1 Hello, Coup or Resign: version 0, op code, state, hello and hold time, priority, group 1, the password, the virtual address. */
    private static byte[] msg(int opcode, int state, int hello, int hold, int prio, byte[] auth) {
        return ByteBuffer.allocate(20).put((byte) 0).put((byte) opcode).put((byte) state).put((byte) hello).put((byte) hold)
                .put((byte) prio).put((byte) 1).put((byte) 0).put(auth).put(VIP).array();
    }

    private static byte[] hello(int state) {
        return msg(0, state, 3, 10, 100, auth("cisco"));
    }

    /** An Advertise (op code 3): type, length, state, active and passive group counts. */
    private static byte[] advertise(int type, int len, int state, int active, int passive) {
        return ByteBuffer.allocate(16).put((byte) 0).put((byte) 3).putShort((short) type).putShort((short) len).put((byte) state)
                .put((byte) 0).putShort((short) active).putShort((short) passive).putInt(0).array();
    }

    /** The 30-byte MD5 Authentication TLV (type 4, length 28). */
    private static byte[] md5(int type, int len) {
        return ByteBuffer.allocate(30).put((byte) type).put((byte) len).put((byte) 1).put((byte) 0).putShort((short) 0)
                .put(R1).putInt(7).put(hex("0123456789abcdeffedcba9876543210")).array();
    }

    /** The Group State TLV: version 2, op code, state, IP version, group, identifier, priority, hello and hold time (ms), address. */
    private static byte[] group(int opcode, int state, int ipver, byte[] id, long hello, long hold, byte[] vip) {
        return ByteBuffer.allocate(42).put((byte) 1).put((byte) 40).put((byte) 2).put((byte) opcode).put((byte) state)
                .put((byte) ipver).putShort((short) 300).put(id).putInt(110).putInt((int) hello).putInt((int) hold)
                .put(Arrays.copyOf(vip, 16)).array();
    }

    private static byte[] group(int opcode, int state) {
        return group(opcode, state, 4, MAC_CISCO, 3000, 10000, VIP);
    }

    private static byte[] iface(int active, int passive) {
        return ByteBuffer.allocate(6).put((byte) 2).put((byte) 4).putShort((short) active).putShort((short) passive).array();
    }

    private static byte[] text(String s) {
        return concat(new byte[] {3, 8}, auth(s));
    }

    private void scenarios() throws IOException {
        // HSRPv1: every state of a Hello, an unknown one, Coup and Resign
        for (int state : new int[] {0, 1, 2, 4, 8, 16, 3}) {
            v1(hello(state));
        }
        v1(msg(1, 2, 3, 10, 120, auth("cisco")));
        v1(msg(2, 16, 3, 10, 90, auth("cisco")));
        // other times and passwords
        v1(msg(0, 16, 1, 4, 255, auth("cisco")));
        v1(msg(0, 8, 200, 0, 0, auth("ciscoABC")));
        v1(msg(0, 8, 3, 10, 100, auth("secret")));
        v1(msg(0, 8, 3, 10, 100, auth("")));
        v1(msg(0, 8, 3, 10, 100, new byte[] {'a', '\t', 'b', (byte) 0xe9, 'c', 0, 'x', 'y'}));
        v1(msg(0, 16, 3, 10, 100, new byte[] {'c', 'i', 's', 'c', 'o', (byte) 0xff, 1, 2}));
        // Advertise: each type and state
        v1(advertise(1, 10, 2, 1, 0));
        v1(advertise(1, 10, 3, 2, 1));
        v1(advertise(1, 10, 1, 0, 0));
        v1(advertise(2, 10, 9, 300, 256));
        v1(advertise(7, 4, 2, 0, 1));
        // unknown op codes: with bytes after them, and with none
        v1(msg(4, 16, 3, 10, 100, auth("cisco")));
        v1(new byte[] {0, (byte) 200});
        // 50 bytes: an MD5 TLV after a Hello, an Advertise and an unknown op code, another TLV after a Hello
        v1(concat(hello(16), md5(4, 28)));
        v1(concat(advertise(1, 10, 2, 1, 0), new byte[4], md5(4, 28)));
        v1(concat(new byte[] {0, 5, 0, 0, 0, 0}, md5(4, 28), new byte[14]));
        v1(concat(hello(16), md5(5, 28)));
        v1(concat(hello(16), md5(4, 20)));
        // 49 and 51 bytes: no TLV looked for
        v1(concat(hello(16), Arrays.copyOf(md5(4, 28), 29)));
        v1(concat(hello(16), md5(4, 28), new byte[1]));
        // HSRPv2 to 224.0.0.102: a Hello with text authentication, every op code and state
        v2(concat(group(0, 6), text("cisco")));
        for (int state : new int[] {0, 1, 2, 3, 4, 5, 9}) {
            v2(group(0, state));
        }
        v2(group(1, 4));
        v2(group(2, 5));
        v2(group(7, 6));
        // identifiers, times, IP versions
        v2(concat(group(0, 6, 4, MAC_HSRP, 1000, 3000, VIP), text("s3cret")));
        v2(group(0, 5, 4, MAC_OTHER, 3000, 10000, VIP));
        v2(group(0, 6, 6, MAC_CISCO, 3000, 10000, VIP6));
        v2(concat(group(0, 6, 5, MAC_CISCO, 3000, 10000, VIP), iface(2, 3)));
        // the other TLVs
        v2(iface(3, 1));
        v2(concat(group(0, 6), md5(4, 28)));
        v2(concat(group(0, 6), iface(1, 0), text("cisco"), md5(4, 28)));
        v2(concat(group(0, 6), new byte[] {9, 4, 1, 2, 3, 4}, iface(1, 1)));
        v2(concat(new byte[] {1, 20}, Arrays.copyOf(group(0, 6), 20)));
        v2(concat(group(0, 6), new byte[] {0, 0}, iface(5, 5)));
        v2(concat(group(0, 6), new byte[] {2}));
        v2(text("cisco"));
        // HSRPv2 over IPv6 to port 2029
        v6(2029, 2029, concat(group(0, 6, 6, MAC_CISCO, 3000, 10000, VIP6), text("cisco")));
        v6(2029, 2029, group(0, 4, 6, MAC_HSRP, 3000, 10000, VIP6));
        // where packet-hsrp.c looks at the addresses and ports
        v4(R1, R2, 1985, 1985, hello(16), -1);
        v4(R1, V1, 1985, 40000, hello(16), -1);
        v4(R1, V1, 40000, 1985, hello(8), -1);
        v4(R1, V1, 2029, 2029, hello(16), -1);
        v4(R1, V2, 2029, 2029, group(0, 6), -1);
        v6(1985, 1985, group(0, 6, 6, MAC_CISCO, 3000, 10000, VIP6));
        // cut by the snap length
        v4(R1, V1, 1985, 1985, hello(16), 1);
        v4(R1, V1, 1985, 1985, hello(16), 2);
        v4(R1, V1, 1985, 1985, hello(16), 10);
        v4(R1, V1, 1985, 1985, hello(16), 18);
        v4(R1, V1, 1985, 1985, advertise(1, 10, 2, 1, 0), 5);
        v4(R1, V1, 1985, 1985, concat(hello(16), md5(4, 28)), 40);
        v4(R1, V2, 1985, 1985, concat(group(0, 6), text("cisco")), 30);
        v4(R1, V2, 1985, 1985, concat(group(0, 6), text("cisco")), 47);
        v4(R1, V2, 1985, 1985, concat(group(0, 6), iface(1, 2)), 45);
        // cut by the UDP length
        v1UdpLength(hello(16), 1);
        v1UdpLength(hello(16), 12);
        v1UdpLength(advertise(1, 10, 2, 1, 0), 7);
        v2UdpLength(concat(group(0, 6), text("cisco")), 30);
        v2UdpLength(concat(group(0, 6), iface(4, 4)), 45);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HsrpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            HsrpScenarios s = new HsrpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
