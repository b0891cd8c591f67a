package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-esp.pcap}: ESP packets (IP protocol 50) for packet-ipsec.c's
 * per-SPI sequence analysis and its bounds, one a second. Nothing here says what tshark shows;
 * the goldens (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.EspScenarios captures/synth-esp.pcap
 * </pre>
 *
 * Frames: SPI 0x1001 numbered 1, 2, 3, then 3 again (repeated), 7 (three missing), 5 (less than
 * expected); the same SPI from other addresses, going on from the last; SPI 0x2002 at
 * 0xffffffff then 0 (the 32-bit wrap is in order) and 0 again; IPv6 ESP; a header without
 * payload; ESP cut by the snap length after 6 and after 2 bytes; ESP whose IP length leaves 3
 * bytes (past the reported end); an empty ESP payload; an ICMP error quoting an ESP packet of SPI 0x1001 (the quote
 * takes part in the analysis).
 */
public final class EspScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] A = {10, 1, 0, 1};
    private static final byte[] B = {10, 1, 0, 2};
    private static final byte[] C = {10, 9, 0, 3};
    private static final byte[] ROUTER = {10, 1, 0, (byte) 254};
    private static final byte[] A6 = hex("20010db8000000000000000000000001");
    private static final byte[] B6 = hex("20010db8000000000000000000000002");

    private final PcapWriter out;
    private long frames;

    private EspScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    /** An ESP header and {@code payload} opaque bytes. */
    private static byte[] esp(long spi, long seq, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload).putInt((int) spi).putInt((int) seq);
        for (int k = 0; k < payload; k++) {
            b.put((byte) (k * 37 + 11));
        }
        return b.array();
    }

    private void esp4(byte[] src, byte[] dst, long spi, long seq) throws IOException {
        write(ethernet(0x0800, ipv4(50, src, dst, esp(spi, seq, 40))));
    }

    private void scenarios() throws IOException {
        esp4(A, B, 0x1001, 1);
        esp4(A, B, 0x1001, 2);
        esp4(A, B, 0x1001, 3);
        esp4(A, B, 0x1001, 3);
        esp4(A, B, 0x1001, 7);
        esp4(A, B, 0x1001, 5);
        esp4(C, B, 0x1001, 6);
        esp4(B, A, 0x2002, 0xffffffffL);
        esp4(B, A, 0x2002, 0);
        esp4(B, A, 0x2002, 0);
        write(ethernet(0x86dd, ipv6(50, A6, B6, esp(0x3003, 1, 24))));
        write(ethernet(0x86dd, ipv6(50, A6, B6, esp(0x3003, 9, 24))));
        write(ethernet(0x0800, ipv4(50, A, B, esp(0x4004, 1, 0))));
        byte[] cut = ethernet(0x0800, ipv4(50, A, B, esp(0x5005, 1, 40)));
        write(cut, 14 + 20 + 6);
        write(cut, 14 + 20 + 2);
        byte[] shortEsp = ipv4(50, A, B, new byte[] {0x00, 0x00, 0x60});
        write(ethernet(0x0800, shortEsp));
        write(ethernet(0x0800, ipv4(50, A, B, new byte[0])));
        // destination unreachable (port) from the router, quoting A's next ESP packet of 0x1001
        byte[] quoted = ipv4(50, A, B, esp(0x1001, 8, 40));
        byte[] word = {0, 0, 0, 0};
        write(ethernet(0x0800, ipv4(1, ROUTER, A, RawPackets.icmp(3, 3, word, java.util.Arrays.copyOf(quoted, 28 + 8)))));
        esp4(A, B, 0x1001, 9);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: EspScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            EspScenarios s = new EspScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
