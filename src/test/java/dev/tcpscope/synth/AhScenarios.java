package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ah.pcap}: IPsec Authentication Headers (IP protocol 51) for
 * packet-ipsec.c's dissect_ah and the protocol table it hands the rest to, one a second.
 * Nothing here says what tshark shows; the goldens (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.AhScenarios captures/synth-ah.pcap
 * </pre>
 *
 * Frames: AH carrying UDP, ICMP echo and ESP over IPv4; AH carrying a protocol tcpscope does not
 * dissect (OSPF, 89) over IPv4 and over IPv6; AH in IPv6 carrying UDP; a zero length field
 * (no ICV); the header cut by the snap length after 6 and after 14 bytes; a length field that
 * runs past the datagram; an IPv4 and an IPv6 datagram whose AH payload is empty.
 */
public final class AhScenarios {
    private static final long START = 1_700_000_100_000_000_000L;
    private static final byte[] A = {10, 2, 0, 1};
    private static final byte[] B = {10, 2, 0, 2};
    private static final byte[] A6 = hex("20010db8000000000000000000000011");
    private static final byte[] B6 = hex("20010db8000000000000000000000022");

    private final PcapWriter out;
    private long frames;

    private AhScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    /** An AH header naming {@code next}, with a 12-byte ICV (length field 4), before {@code payload}. */
    private static byte[] ah(int next, long spi, long seq, byte[] payload) {
        return ah(next, 4, spi, seq, payload);
    }

    private static byte[] ah(int next, int lengthField, long spi, long seq, byte[] payload) {
        int icv = lengthField == 0 ? 0 : (lengthField - 1) * 4;
        ByteBuffer b = ByteBuffer.allocate(12 + icv + payload.length);
        b.put((byte) next).put((byte) lengthField).putShort((short) 0).putInt((int) spi).putInt((int) seq);
        for (int k = 0; k < icv; k++) {
            b.put((byte) (0xa0 + k));
        }
        return b.put(payload).array();
    }

    private void scenarios() throws IOException {
        byte[] udp = udp4(5000, 6000, "behind AH".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(ethernet(0x0800, ipv4(51, A, B, ah(17, 0x100, 1, udp))));
        byte[] ping = icmp(8, 0, new byte[] {0x12, 0x34, 0, 1}, "abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(ethernet(0x0800, ipv4(51, A, B, ah(1, 0x100, 2, ping))));
        byte[] esp = ByteBuffer.allocate(24).putInt(0x7007).putInt(1).array();
        write(ethernet(0x0800, ipv4(51, A, B, ah(50, 0x100, 3, esp))));
        byte[] ospf = hex("0201002c0a0200010000000000000000000000000000000000000000ffffff00000a0201000000280a0200010a020002");
        write(ethernet(0x0800, ipv4(51, A, B, ah(89, 0x100, 4, ospf))));
        write(ethernet(0x86dd, ipv6(51, A6, B6, ah(89, 0x200, 1, ospf))));
        write(ethernet(0x86dd, ipv6(51, A6, B6, ah(17, 0x200, 2, udp6(5000, 6000, new byte[] {1, 2, 3, 4}, A6, B6)))));
        write(ethernet(0x0800, ipv4(51, A, B, ah(17, 0, 0x300, 1, udp))));
        byte[] cut = ethernet(0x0800, ipv4(51, A, B, ah(17, 0x400, 1, udp)));
        write(cut, 14 + 20 + 6);
        write(cut, 14 + 20 + 14);
        byte[] longer = ah(17, 0x500, 1, new byte[0]);
        longer[1] = 40; // 168 bytes, in a datagram with 24
        write(ethernet(0x0800, ipv4(51, A, B, longer)));
        write(ethernet(0x0800, ipv4(51, A, B, new byte[0])));
        write(ethernet(0x86dd, ipv6(51, A6, B6, new byte[0])));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: AhScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            AhScenarios s = new AhScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
