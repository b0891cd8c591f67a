package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ipcomp.pcap}: IP Payload Compression (IP protocol 108, RFC 3173)
 * for packet-ipsec.c's dissect_ipcomp, which inflates whatever the CPI says and hands the result
 * to the IP protocol table. One frame a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.IpcompScenarios captures/synth-ipcomp.pcap
 * </pre>
 *
 * Frames: a raw-deflated UDP datagram (CPI 2); a TCP handshake and an HTTP request carried
 * compressed (CPIs 3, 1 and a negotiated 0x4a11); a zlib-wrapped IPv6 ICMPv6 echo behind IPv6's
 * next header 108; bytes that do not inflate; a stream cut in half; an inflated payload whose
 * next header (200) nothing dissects; a header with no data; the header cut by the snap length
 * after 1 and 3 bytes; an IPv4 total length that leaves IPComp 2 bytes; a raw-deflated
 * IPv4-in-IPv4 ping; an IPComp datagram inside an IPComp datagram.
 */
public final class IpcompScenarios {
    private static final long START = 1_700_000_200_000_000_000L;
    private static final byte[] A = {10, 3, 0, 1};
    private static final byte[] B = {10, 3, 0, 2};
    private static final byte[] A6 = hex("20010db8000000000000000000000031");
    private static final byte[] B6 = hex("20010db8000000000000000000000032");

    private final PcapWriter out;
    private long frames;

    private IpcompScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    /** {@code data} deflated: raw (RFC 2394's format) or with the zlib header and trailer. */
    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length * 2 + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] ipcomp(int next, int cpi, byte[] compressed) {
        return concat(ByteBuffer.allocate(4).put((byte) next).put((byte) 0).putShort((short) cpi).array(), compressed);
    }

    private static byte[] tcp4(int sport, int dport, long seq, long ack, int flags, byte[] data) {
        return ByteBuffer.allocate(20 + data.length).putShort((short) sport).putShort((short) dport).putInt((int) seq)
                .putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 8192).putShort((short) 0)
                .putShort((short) 0).put(data).array();
    }

    private void scenarios() throws IOException {
        byte[] text = "compressed payload, compressed payload, compressed payload".getBytes(StandardCharsets.US_ASCII);
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, deflate(udp4(5000, 6000, text), true)))));
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(6, 3, deflate(tcp4(40000, 80, 1000, 0, 0x02, new byte[0]), true)))));
        write(ethernet(0x0800, ipv4(108, B, A, ipcomp(6, 1, deflate(tcp4(80, 40000, 5000, 1001, 0x12, new byte[0]), true)))));
        byte[] get = "GET /index.html HTTP/1.1\r\nHost: example.test\r\nAccept: */*\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(6, 0x4a11, deflate(tcp4(40000, 80, 1001, 5001, 0x18, get), true)))));
        byte[] echo = icmpv6(128, 0, concat(new byte[] {0, 9, 0, 1}, text), A6, B6);
        write(ethernet(0x86dd, ipv6(108, A6, B6, ipcomp(58, 2, deflate(echo, false)))));
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, hex("ffffffffffffffffffffffff00010203")))));
        byte[] whole = deflate(udp4(5000, 6000, concat(text, text, text)), true);
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, Arrays.copyOf(whole, whole.length / 2)))));
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(200, 2, deflate(text, true)))));
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, new byte[0]))));
        byte[] cut = ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, deflate(text, true))));
        write(cut, 14 + 20 + 1);
        write(cut, 14 + 20 + 3);
        byte[] shortLength = ethernet(0x0800, ipv4(108, A, B, ipcomp(17, 2, new byte[0])));
        shortLength[14 + 3] = 22; // total length 22: two bytes of IPComp
        write(shortLength);
        byte[] ping = icmp(8, 0, new byte[] {0x12, 0x34, 0, 1}, text);
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(4, 2, deflate(ipv4(1, B, A, ping), true)))));
        byte[] inner = ipv4(108, B, A, ipcomp(17, 2, deflate(udp4(7000, 8000, text), true)));
        write(ethernet(0x0800, ipv4(108, A, B, ipcomp(4, 2, deflate(inner, true)))));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IpcompScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            IpcompScenarios s = new IpcompScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
