package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-dhcp.pcap}: DHCP/BOOTP messages on udp.port 67/68 for the bounds
 * and options of packet-dhcp.c, one a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-dhcp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.DhcpScenarios captures/synth-dhcp.pcap
 * </pre>
 *
 * Frames: an option whose length runs past the packet; a fixed header cut at 100 and at 2 bytes;
 * option overload (52) of sname and file with options inside, and of sname without an End;
 * a message without End; little-endian seconds, a reserved flag and padding after End; a
 * zero-length hardware address; a BOOTP reply without the magic cookie (its 64-byte vendor area
 * past the end); an unknown op with a 20-byte hardware address and one of 8 bytes; FQDN (81)
 * with a binary name, short and bad lengths; classless static routes (121) with default,
 * too-short, too-wide and cut routes; relay agent information (82) suboptions cut, short,
 * a link selection and an unknown one; client identifiers (61) as MAC, UUID, RFC 4361 DUID,
 * text and empty; user class (77) instances and a zero length; bad lengths of basic options, an
 * unknown message type, an empty parameter list, host name and static route, the client
 * architecture 9; an unknown option; a message cut by the snap length inside its options; PXE
 * client suboptions of option 43 (addresses, ports, discovery control, boot servers and menu,
 * prompt, boot item, LCM items, an unknown and an unassigned suboption, one past the option, a
 * missing suboption length).
 */
public final class DhcpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] CLIENT = {0, 0, 0, 0};
    private static final byte[] BCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
    private static final byte[] COOKIE = {0x63, (byte) 0x82, 0x53, 0x63};

    private final PcapWriter out;
    private long frames;

    private DhcpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] payload, int keep) throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(17, CLIENT, BCAST, udp4(68, 67, payload)));
        int captured = keep < 0 ? frame.length : Math.min(frame.length, 14 + 20 + 8 + keep);
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] payload) throws IOException {
        write(payload, -1);
    }

    private static byte[] header(int op, int htype, int hlen, int secs, int flags, byte[] chaddr, byte[] sname, byte[] file) {
        ByteBuffer b = ByteBuffer.allocate(236);
        b.put((byte) op).put((byte) htype).put((byte) hlen).put((byte) 0).putInt(0xabcdef01)
                .putShort((short) secs).putShort((short) flags)
                .put(new byte[4]).put(new byte[] {(byte) 192, (byte) 168, 1, 5}).put(new byte[8]);
        b.put(chaddr).position(44).put(sname).position(108).put(file);
        return b.array();
    }

    private static byte[] header() {
        return header(1, 1, 6, 0, 0, mac(), new byte[0], new byte[0]);
    }

    private static byte[] mac() {
        return hex("001122334455");
    }

    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    private static byte[] s(String t) {
        return t.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] seq(int from, int n) {
        byte[] r = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) (from + i);
        }
        return r;
    }

    private void scenarios() throws IOException {
        write(cat(header(), COOKIE, b(53, 1, 3, 50, 10, 1, 2, 3, 4), b(255)));
        write(java.util.Arrays.copyOf(header(), 100));
        write(java.util.Arrays.copyOf(header(), 2));
        write(cat(header(1, 1, 6, 0, 0, mac(), b(53, 1, 5, 3, 4, 10, 0, 0, 1, 255), cat(b(12, 3), s("abc"), b(255))),
                COOKIE, b(53, 1, 1, 52, 1, 3, 255)));
        write(cat(header(1, 1, 6, 0, 0, mac(), b(53, 1, 5, 3, 4, 10, 0, 0, 1), new byte[0]), COOKIE, b(52, 1, 2, 53, 1, 2, 255)));
        write(cat(header(), COOKIE, b(53, 1, 1, 12, 4), s("host")));
        write(cat(header(1, 1, 6, 0x0500, 0x8001, mac(), new byte[0], new byte[0]), COOKIE, b(53, 1, 8, 255, 0, 0, 0)));
        write(cat(header(1, 0, 0, 0, 0, new byte[0], new byte[0], new byte[0]), COOKIE, b(53, 1, 7, 255)));
        write(header(2, 6, 6, 0, 0, mac(), new byte[0], new byte[0]));
        write(cat(header(3, 32, 20, 0, 0, seq(0, 16), new byte[0], new byte[0]), new byte[64]));
        write(cat(header(1, 32, 8, 0, 0, seq(0, 8), new byte[0], new byte[0]), new byte[64]));
        write(cat(header(), COOKIE, b(53, 1, 3, 81, 13, 0x05, 0, 0, 4), s("host"), b(3), s("com"),
                b(0, 81, 3, 0, 255, 255, 81, 2, 0, 0, 255)));
        write(cat(header(), COOKIE, b(53, 1, 5, 121, 13, 24, 10, 1, 2, 10, 0, 0, 1, 0, 10, 0, 0, 254,
                121, 3, 1, 2, 3, 121, 6, 40, 0, 0, 0, 0, 0, 121, 6, 16, 10, 1, 10, 0, 0, 255)));
        write(cat(header(), COOKIE, b(53, 1, 5, 82, 4, 1, 5, 1, 2, 82, 3, 2, 1, 9, 82, 1, 1, 82, 6, 5, 4, 10, 1, 2, 3,
                82, 4, 99, 2, 1, 2, 255)));
        write(cat(header(), COOKIE, b(53, 1, 1, 61, 7, 1, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 61, 17, 0), seq(0, 16),
                b(61, 15, 255, 1, 2, 3, 4, 0, 1, 0, 1, 0, 0, 0, 1, 0xaa, 0xbb, 61, 3, 0x41, 0x42, 0x43, 61, 0, 255)));
        write(cat(header(), COOKIE, b(53, 1, 1, 77, 5, 4), s("abcd"), b(77, 1, 0, 77, 3, 0, 1, 2, 255)));
        write(cat(header(), COOKIE, b(53, 1, 1, 1, 3, 1, 2, 3, 3, 6, 1, 2, 3, 4, 5, 6, 51, 4, 0xff, 0xff, 0xff, 0xff,
                2, 4, 0xff, 0xff, 0xff, 0xf0, 19, 1, 0, 26, 2, 5, 220, 46, 1, 3, 25, 3, 1, 2, 3, 55, 0, 12, 0, 220, 2, 1, 2,
                93, 3, 0, 9, 1, 97, 17, 0), seq(0, 16), b(53, 1, 99, 33, 0, 255)));
        write(cat(header(), COOKIE, b(53, 1, 1, 0, 0, 0, 0, 12, 200), new byte[40]));
        write(cat(header(), COOKIE, b(53, 1, 3, 55, 4, 1, 3, 6, 15, 12, 8), s("somehost"), b(255)), 236 + 4 + 3 + 6 + 5);
        // option 43 under vendor class PXEClient: its suboptions
        pxe(b(43, 6, 1, 4, 1, 2, 3, 4));
        pxe(cat(b(43, 27, 6, 1, 0x0b, 8, 7, 0, 0, 1, 10, 0, 0, 1, 9, 8, 0, 0, 5), s("local"), b(10, 4, 5), s("abc"), b(255)));
        pxe(b(43, 18, 2, 2, 0x45, 0x04, 3, 2, 0x45, 0x04, 4, 1, 9, 71, 4, 0x80, 0, 0, 0, 0, 200, 1, 1));
        pxe(cat(b(43, 12, 179, 3), s("srv"), b(191, 1, 1, 193, 4, 0, 0, 0, 7)));
        pxe(b(43, 7, 20, 2, 1, 2, 1, 2, 1));
        pxe(b(43, 2, 6, 5));
        pxe(b(43, 1, 4));
    }

    private void pxe(byte[] option43) throws IOException {
        write(cat(header(), COOKIE, b(53, 1, 1, 60, 9), s("PXEClient"), option43, b(255)));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DhcpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            DhcpScenarios sc = new DhcpScenarios(os);
            sc.scenarios();
            sc.out.close();
        }
    }
}
