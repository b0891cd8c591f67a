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

    /** An echo request or reply of one family, in an Ethernet frame. */
    @FunctionalInterface
    private interface Echo {
        byte[] frame(byte[] src, byte[] dst, boolean request, int seq, byte[] data);
    }

    private void send(Echo e, byte[] src, byte[] dst, boolean request, int seq) throws IOException {
        byte[] f = e.frame(src, dst, request, seq, DATA);
        write(f, f.length);
    }

    /**
     * What both families get, between hosts {@code a}, {@code b}, {@code c} and a multicast
     * {@code group}; {@code ipLength} is the IP header's length (for the cut).
     */
    private void pairings(Echo e, int ipLength, byte[] a, byte[] b, byte[] c, byte[] group) throws IOException {
        send(e, a, b, true, 1);
        send(e, b, a, false, 1);
        send(e, a, b, true, 2); // never answered
        send(e, a, group, true, 3); // to a multicast group
        send(e, a, b, true, 4);
        send(e, b, a, false, 4);
        send(e, b, a, false, 4); // answered twice
        send(e, a, b, true, 5);
        send(e, a, b, true, 5); // sent twice
        send(e, b, a, false, 5);
        send(e, b, a, false, 6); // a reply to nothing
        send(e, a, c, true, 7); // two pairs, the same identifier and sequence number
        send(e, b, c, true, 7);
        send(e, c, b, false, 7);
        send(e, c, a, false, 7);
        send(e, a, b, true, 8);
        byte[] other = e.frame(b, a, false, 8, "another payload, another sum....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(other, other.length); // its checksum does not follow from the request's
        byte[] cut = e.frame(a, b, true, 9, DATA);
        write(cut, 14 + ipLength + 7); // cut inside the sequence number
    }

    private void scenarios() throws IOException {
        // ICMP
        pairings((src, dst, request, seq, data) -> echo4(src, dst, request ? 8 : 0, 1, seq, data), 20, A, B, C, GROUP);
        byte[] quoted = echo4(A, B, 8, 1, 10, DATA);
        byte[] quote = java.util.Arrays.copyOfRange(quoted, 14, 14 + 28);
        byte[] unreachable = ethernet(0x0800, ipv4(1, B, A, icmp(3, 1, new byte[4], quote)));
        write(unreachable, unreachable.length); // an echo request quoted in an error
        byte[] viaGre = ethernet(0x0800, ipv4(47, C, B, concat(hex("00000800"), ipv4(1, A, B, icmp(8, 0, word(2, 1), DATA)))));
        write(viaGre, viaGre.length);
        byte[] outside = echo4(B, A, 0, 2, 1, DATA);
        write(outside, outside.length); // outside GRE
        byte[] viaGreReply = ethernet(0x0800, ipv4(47, B, C, concat(hex("00000800"), ipv4(1, B, A, icmp(0, 0, word(2, 1), DATA)))));
        write(viaGreReply, viaGreReply.length);
        // checksum 0xf7ff: the key computed from it is 0, its reply's checksum 0x0000; then a
        // request of checksum 0x0000
        for (int seq : new int[] {0x0800, 0}) {
            byte[] request = echo4(A, B, 8, 0xf7ff, seq, new byte[0]);
            write(request, request.length);
            byte[] reply = echo4(B, A, 0, 0xf7ff, seq, new byte[0]);
            write(reply, reply.length);
        }

        // ICMPv6
        pairings((src, dst, request, seq, data) -> echo6(src, dst, request ? 128 : 129, 2, seq, data), 40, A6, B6, C6, GROUP6);
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
