package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-icmp-echo.pcap}: ICMP and ICMPv6 echo requests and replies for the
 * pairing of packet-icmp.c and packet-icmpv6.c, one message a second. Nothing here says what
 * tshark shows; the goldens (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.IcmpEchoScenarios captures/synth-icmp-echo.pcap
 * </pre>
 *
 * Frames, for each of ICMP and ICMPv6: a request answered; a request never answered; one to a
 * multicast address; a request answered twice; the same request sent twice, then answered; a
 * reply to no request; a request answered by the other host of the pair while a second pair
 * exchanges the same identifier and sequence number; a reply whose checksum does not follow from
 * its request's (another payload); a request cut by the snap length inside its sequence number;
 * and an echo request quoted in a destination-unreachable error, which is never paired. ICMP
 * only: a request over GRE answered outside it, then again inside it; requests of checksum
 * 0xf7ff (a key of 0) and 0x0000.
 */
public final class IcmpEchoScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};
    private static final byte[] C = {10, 0, 0, 3};
    private static final byte[] GROUP = {(byte) 224, 0, 0, 1};
    private static final byte[] A6 = hex("20010db8000000000000000000000001");
    private static final byte[] B6 = hex("20010db8000000000000000000000002");
    private static final byte[] C6 = hex("20010db8000000000000000000000003");
    private static final byte[] GROUP6 = hex("ff020000000000000000000000000001");
    private static final byte[] DATA = "abcdefghijklmnopqrstuvwabcdefghi".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final PcapWriter out;
    private long frames;

    private IcmpEchoScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private static byte[] word(int id, int seq) {
        return ByteBuffer.allocate(4).putShort((short) id).putShort((short) seq).array();
    }

    private static byte[] echo4(byte[] src, byte[] dst, int type, int id, int seq, byte[] data) {
        return ethernet(0x0800, ipv4(1, src, dst, icmp(type, 0, word(id, seq), data)));
    }

    private static byte[] echo6(byte[] src, byte[] dst, int type, int id, int seq, byte[] data) {
        return ethernet(0x86dd, ipv6(58, src, dst, icmpv6(type, 0, concat(word(id, seq), data), src, dst)));
    }

    private void v4(byte[] src, byte[] dst, int type, int id, int seq) throws IOException {
        byte[] f = echo4(src, dst, type, id, seq, DATA);
        write(f, f.length);
    }

    private void v6(byte[] src, byte[] dst, int type, int id, int seq) throws IOException {
        byte[] f = echo6(src, dst, type, id, seq, DATA);
        write(f, f.length);
    }

    private void scenarios() throws IOException {
        // ICMP
        v4(A, B, 8, 1, 1);
        v4(B, A, 0, 1, 1);
        v4(A, B, 8, 1, 2); // never answered
        v4(A, GROUP, 8, 1, 3); // to a multicast group
        v4(A, B, 8, 1, 4);
        v4(B, A, 0, 1, 4);
        v4(B, A, 0, 1, 4); // answered twice
        v4(A, B, 8, 1, 5);
        v4(A, B, 8, 1, 5); // sent twice
        v4(B, A, 0, 1, 5);
        v4(B, A, 0, 1, 6); // a reply to nothing
        v4(A, C, 8, 1, 7); // two pairs, the same identifier and sequence number
        v4(B, C, 8, 1, 7);
        v4(C, B, 0, 1, 7);
        v4(C, A, 0, 1, 7);
        v4(A, B, 8, 1, 8);
        byte[] other = echo4(B, A, 0, 1, 8, "another payload, another sum....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(other, other.length); // its checksum is not the request's plus 0x0800
        byte[] cut = echo4(A, B, 8, 1, 9, DATA);
        write(cut, 14 + 20 + 7); // cut inside the sequence number
        byte[] quoted = echo4(A, B, 8, 1, 10, DATA);
        byte[] quote = java.util.Arrays.copyOfRange(quoted, 14, 14 + 28);
        byte[] unreachable = ethernet(0x0800, ipv4(1, B, A, icmp(3, 1, new byte[4], quote)));
        write(unreachable, unreachable.length); // an echo request quoted in an error
        byte[] viaGre = ethernet(0x0800, ipv4(47, C, B, concat(hex("00000800"), ipv4(1, A, B, icmp(8, 0, word(2, 1), DATA)))));
        write(viaGre, viaGre.length);
        v4(B, A, 0, 2, 1); // outside GRE
        byte[] viaGreReply = ethernet(0x0800, ipv4(47, B, C, concat(hex("00000800"), ipv4(1, B, A, icmp(0, 0, word(2, 1), DATA)))));
        write(viaGreReply, viaGreReply.length);
        // checksum 0xf7ff: the key computed from it is 0, its reply's checksum 0x0000; then a
        // request of checksum 0x0000
        byte[] wraps = echo4(A, B, 8, 0xf7ff, 0x0800, new byte[0]);
        write(wraps, wraps.length);
        byte[] wrapsReply = echo4(B, A, 0, 0xf7ff, 0x0800, new byte[0]);
        write(wrapsReply, wrapsReply.length);
        byte[] zeroSum = echo4(A, B, 8, 0xf7ff, 0, new byte[0]);
        write(zeroSum, zeroSum.length);
        byte[] zeroReply = echo4(B, A, 0, 0xf7ff, 0, new byte[0]);
        write(zeroReply, zeroReply.length);

        // ICMPv6
        v6(A6, B6, 128, 2, 1);
        v6(B6, A6, 129, 2, 1);
        v6(A6, B6, 128, 2, 2); // never answered
        v6(A6, GROUP6, 128, 2, 3); // to a multicast group
        v6(A6, B6, 128, 2, 4);
        v6(B6, A6, 129, 2, 4);
        v6(B6, A6, 129, 2, 4); // answered twice
        v6(A6, B6, 128, 2, 5);
        v6(A6, B6, 128, 2, 5); // sent twice
        v6(B6, A6, 129, 2, 5);
        v6(B6, A6, 129, 2, 6); // a reply to nothing
        v6(A6, C6, 128, 2, 7); // two pairs
        v6(B6, C6, 128, 2, 7);
        v6(C6, B6, 129, 2, 7);
        v6(C6, A6, 129, 2, 7);
        v6(A6, B6, 128, 2, 8);
        byte[] other6 = echo6(B6, A6, 129, 2, 8, "another payload, another sum....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(other6, other6.length);
        byte[] cut6 = echo6(A6, B6, 128, 2, 9, DATA);
        write(cut6, 14 + 40 + 7);
        byte[] quoted6 = echo6(A6, B6, 128, 2, 10, DATA);
        byte[] quote6 = java.util.Arrays.copyOfRange(quoted6, 14, 14 + 48);
        byte[] unreachable6 = ethernet(0x86dd, ipv6(58, B6, A6, icmpv6(1, 4, concat(new byte[4], quote6), B6, A6)));
        write(unreachable6, unreachable6.length);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IcmpEchoScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            IcmpEchoScenarios s = new IcmpEchoScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
