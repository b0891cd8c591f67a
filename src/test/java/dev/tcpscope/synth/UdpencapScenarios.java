package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-udpencap.pcap}: IPsec's UDP encapsulation on port 4500 (RFC 3948,
 * packet-ipsec-udp.c), one frame a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.UdpencapScenarios captures/synth-udpencap.pcap
 * </pre>
 *
 * Frames: ESP from port 4500 to 4500 and from a high port (its sequence numbers counted); a NAT
 * keepalive; one byte that is no keepalive; two and three bytes; the non-ESP marker alone and
 * before an IKE header; ESP whose header the snap length cuts after 6 bytes. (Not here: a port
 * 4500 datagram an ICMP error quotes, which tshark follows into ESP at the tree's root and
 * tcpscope leaves as data, as for the other UDP tunnels.)
 */
public final class UdpencapScenarios {
    private static final long START = 1_700_000_400_000_000_000L;
    private static final byte[] A = {10, 5, 0, 1};
    private static final byte[] B = {10, 5, 0, 2};

    private final PcapWriter out;
    private long frames;

    private UdpencapScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    private static byte[] esp(long spi, long seq) {
        return ByteBuffer.allocate(40).putInt((int) spi).putInt((int) seq).put(hex("0123456789abcdef0123456789abcdef")).array();
    }

    private static byte[] nat(int sport, int dport, byte[] payload) {
        return ethernet(0x0800, ipv4(17, A, B, udp4(sport, dport, payload)));
    }

    private void scenarios() throws IOException {
        write(nat(4500, 4500, esp(0x1001, 1)));
        write(nat(4500, 4500, esp(0x1001, 2)));
        write(nat(4500, 4500, esp(0x1001, 5)));
        write(nat(61000, 4500, esp(0x2002, 1)));
        write(nat(4500, 4500, hex("ff")));
        write(nat(4500, 4500, hex("fe")));
        write(nat(4500, 4500, hex("0000")));
        write(nat(4500, 4500, hex("123456")));
        write(nat(4500, 4500, hex("00000000")));
        byte[] ike = hex("000000008992" + "2c915f35570e" + "0000000000000000" + "2120220800000000000000501e");
        write(nat(4500, 4500, ike));
        byte[] cut = nat(4500, 4500, esp(0x3003, 1));
        write(cut, 14 + 20 + 8 + 6);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: UdpencapScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            UdpencapScenarios s = new UdpencapScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
