package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes {@code captures/synth-ip-fragments.pcap}: IPv4 datagrams in fragments, one scenario per
 * case of Wireshark's reassembly (epan/reassemble.c) that the detail tree shows differently,
 * each with its own IP ID, one second after the previous frame. The goldens are made from it by
 * the scripts like from any other capture.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.FragmentScenarios captures/synth-ip-fragments.pcap
 * </pre>
 *
 * Scenarios: fragments in order; out of order with an identical duplicate; an overlap whose bytes
 * differ; a second last fragment with another length and a fragment past the end; an
 * unfragmented packet with the ID of a pending first fragment; sixty fragments (the tree's label is cut at 239 bytes); a
 * UDP length longer than the datagram; a TCP segment and an ICMP echo in fragments; a fragment
 * arriving after its datagram was complete; a first fragment cut by the snap length; a total
 * length past the frame's end; the same private addresses and ID on two VLANs; and unfragmented
 * UDP with no checksum over IPv4 and IPv6.
 */
public final class FragmentScenarios {
    private static final byte[] MACS = hex("020000000002020000000001");
    private static final int SRC = 0xc0000201, DST = 0xc6336401; // 192.0.2.1 -> 198.51.100.1
    private static final int UDP = 17, TCP = 6, ICMP = 1;
    private static final long START = 1_700_000_000_000_000_000L;

    private final PcapWriter out;
    private long frames;

    private FragmentScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length, frame.length);
    }

    private void write(byte[] frame, int len, int origLen) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, len, origLen);
    }

    private static byte[] ethernet(int type, byte[] payload, int vlan) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan >= 0 ? 4 : 0) + payload.length);
        b.put(MACS);
        if (vlan >= 0) {
            b.putShort((short) 0x8100).putShort((short) vlan);
        }
        return b.putShort((short) type).put(payload).array();
    }

    /** An IPv4 packet (20-byte header, checksum left 0: tshark does not check it) in Ethernet. */
    private static byte[] ipv4(int id, int proto, int fragOffset, boolean more, byte[] payload, int src, int dst, int vlan) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) ((more ? 0x2000 : 0) | fragOffset / 8)).put((byte) 64).put((byte) proto)
                .putShort((short) 0).putInt(src).putInt(dst).put(payload);
        return ethernet(0x0800, b.array(), vlan);
    }

    private void fragment(int id, int proto, byte[] datagram, int from, int to, boolean more) throws IOException {
        write(ipv4(id, proto, from, more, Arrays.copyOfRange(datagram, from, to), SRC, DST, -1));
    }

    /** Fragments {@code datagram} at the given offsets (each a multiple of 8), in the order given. */
    private void fragments(int id, int proto, byte[] datagram, int... cuts) throws IOException {
        for (int k = 0; k < cuts.length; k++) {
            int from = cuts[k];
            int to = from;
            for (int c : cuts) {
                if (c > from && (to == from || c < to)) {
                    to = c;
                }
            }
            if (to == from) {
                to = datagram.length;
            }
            fragment(id, proto, datagram, from, to, to < datagram.length);
        }
    }

    /** A UDP datagram from port 4000 to 53 with {@code n} payload bytes, checksum left 0. */
    private static byte[] udp(int n, int seed) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + n)).putShort((short) 0);
        for (int k = 0; k < n; k++) {
            b.put((byte) (k * 7 + seed));
        }
        return b.array();
    }

    private void write() throws IOException {
        fragments(1, UDP, udp(2992, 1), 0, 1480, 2960);
        fragments(2, UDP, udp(100, 2), 56, 0, 0, 32);

        byte[] d3 = udp(100, 3);
        fragment(3, UDP, d3, 0, 48, true);
        byte[] other = d3.clone();
        other[44] ^= (byte) 0xff;
        fragment(3, UDP, other, 40, 80, true);
        fragment(3, UDP, d3, 80, 108, false);

        byte[] d4 = udp(100, 4);
        fragment(4, UDP, d4, 8, 16, false);
        fragment(4, UDP, d4, 8, 40, true);
        fragment(4, UDP, d4, 16, 48, false);
        fragment(4, UDP, d4, 0, 8, true);

        byte[] d5 = udp(100, 5);
        fragment(5, UDP, d5, 0, 64, true);
        fragment(5, UDP, d5, 0, 24, false); // offset 0 and no more fragments: not a fragment at all

        int[] sixty = new int[60];
        for (int k = 0; k < sixty.length; k++) {
            sixty[k] = k * 8;
        }
        fragments(6, UDP, udp(472, 6), sixty);

        byte[] d7 = udp(40, 7);
        d7[4] = 0;
        d7[5] = (byte) 200; // UDP length 200 in a 48-byte datagram
        fragments(7, UDP, d7, 24, 0);

        fragments(8, TCP, tcp(1460), 0, 512, 1024);
        fragments(9, ICMP, echo(2000), 1480, 0);

        byte[] d10 = udp(64, 10);
        fragments(10, UDP, d10, 0, 40);
        fragment(10, UDP, d10, 40, 72, false); // its datagram is complete already: a new one

        byte[] d11 = udp(64, 11);
        byte[] cut = ipv4(11, UDP, 0, true, Arrays.copyOfRange(d11, 0, 40), SRC, DST, -1);
        write(cut, cut.length - 10, cut.length);
        fragment(11, UDP, d11, 40, 72, false);

        byte[] d12 = udp(64, 12);
        byte[] longer = ipv4(12, UDP, 0, true, Arrays.copyOfRange(d12, 0, 40), SRC, DST, -1);
        longer[14 + 3] += 8; // total length 68 in a 60-byte packet
        write(longer);
        fragment(12, UDP, d12, 40, 72, false);

        byte[] d13 = udp(64, 13);
        int a = 0x0a000001, b = 0x0a000002;
        write(ipv4(13, UDP, 0, true, Arrays.copyOfRange(d13, 0, 40), a, b, 10));
        write(ipv4(13, UDP, 40, false, Arrays.copyOfRange(d13, 40, 72), a, b, 20));
        write(ipv4(13, UDP, 40, false, Arrays.copyOfRange(d13, 40, 72), a, b, 10));

        write(ipv4(14, UDP, 0, false, udp(20, 14), SRC, DST, -1));
        write(ethernet(0x86dd, ipv6Udp(udp(20, 15)), -1));
        out.close();
    }

    /** A TCP segment 4000 -> 80 with PSH|ACK and {@code n} bytes of text. */
    private static byte[] tcp(int n) {
        ByteBuffer b = ByteBuffer.allocate(20 + n);
        b.putShort((short) 4000).putShort((short) 80).putInt(1000).putInt(2000).putShort((short) 0x5018)
                .putShort((short) 8192).putShort((short) 0).putShort((short) 0);
        for (int k = 0; k < n; k++) {
            b.put((byte) ('a' + k % 26));
        }
        return b.array();
    }

    /** An ICMP echo request (id 1, seq 1) with {@code n} data bytes and a correct checksum. */
    private static byte[] echo(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1);
        for (int k = 0; k < n; k++) {
            b.put((byte) k);
        }
        byte[] m = b.array();
        long sum = 0;
        for (int k = 0; k < m.length; k += 2) {
            sum += ((m[k] & 0xff) << 8) | (k + 1 < m.length ? m[k + 1] & 0xff : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) ~sum & 0xffff;
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }

    /** An IPv6 packet 2001:db8::1 -> 2001:db8::2 carrying {@code udp}. */
    private static byte[] ipv6Udp(byte[] udp) {
        ByteBuffer b = ByteBuffer.allocate(40 + udp.length);
        b.putInt(0x60000000).putShort((short) udp.length).put((byte) UDP).put((byte) 64)
                .put(hex("20010db8000000000000000000000001")).put(hex("20010db8000000000000000000000002")).put(udp);
        return b.array();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FragmentScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            new FragmentScenarios(os).write();
        }
    }
}
