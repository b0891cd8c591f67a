package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-vrrp.pcap}: VRRP advertisements for packet-vrrp.c's versions,
 * checksums and bounds, one a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.VrrpScenarios captures/synth-vrrp.pcap
 * </pre>
 *
 * Frames: version 2 with each authentication type and a password with a NUL inside; version 3
 * over IPv4 and IPv6 (the checksum over the pseudo-header); bad checksums of both versions;
 * version 1 and an unknown packet type; a version 3 checksum computed as version 2's; messages
 * cut by the snap length before the address count and inside the addresses, one whose IP length
 * ends before the checksum, and a first fragment.
 */
public final class VrrpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] ROUTER = {10, 0, 0, 2};
    private static final byte[] GROUP = {(byte) 224, 0, 0, 18};
    private static final byte[] ROUTER6 = hex("fe800000000000000000000000000002");
    private static final byte[] GROUP6 = hex("ff020000000000000000000000000012");

    private final PcapWriter out;
    private long frames;

    private VrrpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void v4(byte[] m) throws IOException {
        byte[] f = ethernet(0x0800, ipv4(112, ROUTER, GROUP, m));
        write(f, f.length);
    }

    /** Version 2: type 1, router 7, priority, addresses, authentication type and password. */
    private static byte[] v2(int verType, int prio, int auth, String pass, byte[]... addrs) {
        ByteBuffer b = ByteBuffer.allocate(8 + addrs.length * 4 + (pass != null ? 8 : 0)).put((byte) verType).put((byte) 7)
                .put((byte) prio).put((byte) addrs.length).put((byte) auth).put((byte) 1).putShort((short) 0);
        for (byte[] a : addrs) {
            b.put(a);
        }
        if (pass != null) {
            b.put(java.util.Arrays.copyOf(pass.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 8));
        }
        byte[] m = b.array();
        return put16(m, 6, checksum(m));
    }

    /** Version 3 with its checksum over the pseudo-header of {@code src}, {@code dst}. */
    private static byte[] v3(byte[] src, byte[] dst, int prio, byte[]... addrs) {
        ByteBuffer b = ByteBuffer.allocate(8 + addrs.length * addrs[0].length).put((byte) 0x31).put((byte) 9).put((byte) prio)
                .put((byte) addrs.length).putShort((short) 100).putShort((short) 0);
        for (byte[] a : addrs) {
            b.put(a);
        }
        byte[] m = b.array();
        byte[] pseudo = ByteBuffer.allocate(src.length * 2 + 8 + m.length).put(src).put(dst).putInt(m.length).putInt(112).put(m).array();
        return put16(m, 6, checksum(pseudo));
    }

    private void scenarios() throws IOException {
        byte[] a1 = {10, 0, 0, 1};
        byte[] a2 = {10, 0, 0, 3};
        v4(v2(0x21, 100, 0, null, a1));
        v4(v2(0x21, 255, 1, "secret", a1, a2));
        v4(v2(0x21, 0, 1, "ab\0cd", a1));
        v4(v2(0x21, 50, 2, null, a1));
        v4(v3(ROUTER, GROUP, 120, a1, a2));
        byte[] f6 = ethernet(0x86dd, ipv6(112, ROUTER6, GROUP6, v3(ROUTER6, GROUP6, 100, hex("20010db8000000000000000000000001"))));
        write(f6, f6.length);
        byte[] bad2 = v2(0x21, 100, 0, null, a1);
        bad2[7] ^= 0x11;
        v4(bad2);
        byte[] bad3 = v3(ROUTER, GROUP, 120, a1);
        bad3[7] ^= 0x11;
        v4(bad3);
        v4(v2(0x11, 100, 0, null, a1));               // version 1: read as version 2
        v4(v2(0x23, 100, 0, null, a1));               // packet type 3
        byte[] asV2 = v3(ROUTER, GROUP, 120, a1);
        asV2[6] = 0;
        asV2[7] = 0;
        v4(put16(asV2, 6, checksum(asV2)));             // version 3 summed without the pseudo-header
        byte[] cut = ethernet(0x0800, ipv4(112, ROUTER, GROUP, v2(0x21, 100, 1, "pw", a1, a2)));
        write(cut, 14 + 20 + 3);                       // before the address count
        write(cut, 14 + 20 + 12);                      // inside the addresses
        v4(java.util.Arrays.copyOf(v2(0x21, 100, 0, null, a1), 7));   // IP length ends before the checksum's end
        byte[] frag = ipv4(112, ROUTER, GROUP, v2(0x21, 100, 0, null, a1, a2));
        frag[6] = 0x20;
        frag[10] = 0;
        frag[11] = 0;
        put16(frag, 10, checksum(java.util.Arrays.copyOf(frag, 20)));
        byte[] ff = ethernet(0x0800, frag);
        write(ff, ff.length);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: VrrpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            VrrpScenarios s = new VrrpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
