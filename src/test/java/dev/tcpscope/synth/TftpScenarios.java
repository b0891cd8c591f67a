package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-tftp.pcap}: TFTP datagrams for how packet-tftp.c finds a transfer
 * and walks its messages, one a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-tftp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.TftpScenarios captures/synth-tftp.pcap
 * </pre>
 *
 * Frames: an ERROR to port 69 and an ACK from port 69 with no transfer; requests on other ports
 * taken by the "udp" heuristic (netascii, octet, a DATA opcode with a request's body) and one it
 * refuses (an odd number of NULs); a read request with tsize, its OACK, the ERROR that closes
 * the probe, and DATA from another server port (the transfer's UDP stream all the same); a request to port 69 without a NUL, a one-byte
 * datagram to it; a transfer with blksize 8 refused by an OACK of 4, an ACK 0, a last block, an
 * unknown opcode, an unknown error code, an error message without NUL, block 65535; a write
 * request with windowsize and msftwindow options (one out of range, one unrecognized), an OACK
 * granting msftwindow 27182 and windowsize 4, ACKs carrying the next window size (one changing
 * it), a full block past the wrap to 0, and a DATA cut by the snap length.
 */
public final class TftpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;

    private final PcapWriter out;
    private long frames;

    private TftpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(String src, int sport, String dst, int dport, byte[] payload, int keep) throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(17, ip(src), ip(dst), udp4(sport, dport, payload)));
        int captured = keep < 0 ? frame.length : Math.min(frame.length, 14 + 20 + 8 + keep);
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(String src, int sport, String dst, int dport, byte[] payload) throws IOException {
        write(src, sport, dst, dport, payload, -1);
    }

    private void scenarios() throws IOException {
        write("10.1.1.1", 2000, "10.1.1.2", 69, cat(b(0, 5, 0, 1), z("oops")));
        write("10.2.2.1", 69, "10.2.2.2", 3000, b(0, 4, 0, 1));
        write("10.3.3.1", 4000, "10.3.3.2", 5000, cat(b(0, 1), z("f"), z("netascii")));
        write("10.4.4.1", 4000, "10.4.4.2", 5000, cat(b(0, 1), z("f"), z("octet")));
        write("10.5.5.1", 4001, "10.5.5.2", 5001, cat(b(0, 3), z("f"), z("octet")));
        write("10.5.5.1", 4002, "10.5.5.2", 5002, cat(b(0, 1), z("f"), z("octet"), b(0)));
        write("10.6.6.1", 1024, "10.6.6.2", 69, cat(b(0, 1), z("a"), z("octet"), z("tsize"), z("0")));
        write("10.6.6.2", 3333, "10.6.6.1", 1024, cat(b(0, 6), z("tsize"), z("1234")));
        write("10.6.6.1", 1024, "10.6.6.2", 3333, cat(b(0, 5, 0, 0), z("bye")));
        write("10.6.6.2", 4444, "10.6.6.1", 1024, cat(b(0, 3, 0, 2), s("ABCD")));
        write("10.7.7.1", 1024, "10.7.7.2", 69, b(0, 1, 0xff, 0xfe));
        write("10.8.8.1", 1024, "10.8.8.2", 69, b(0));
        write("10.9.9.1", 1030, "10.9.9.2", 69, cat(b(0, 1), z("x"), z("mail"), z("blksize"), z("8")));
        write("10.9.9.2", 69, "10.9.9.1", 1030, cat(b(0, 6), z("blksize"), z("4")));
        write("10.9.9.1", 1030, "10.9.9.2", 69, b(0, 4, 0, 0));
        write("10.9.9.2", 69, "10.9.9.1", 1030, cat(b(0, 3, 0, 1), s("hello")));
        write("10.9.9.2", 69, "10.9.9.1", 1030, b(0, 7, 0, 1, 2));
        write("10.9.9.2", 69, "10.9.9.1", 1030, cat(b(0, 5, 0, 9), z("bad")));
        write("10.9.9.2", 69, "10.9.9.1", 1030, cat(b(0, 5, 0, 1), s("nocut")));
        write("10.9.9.2", 69, "10.9.9.1", 1030, cat(b(0, 3, 0xff, 0xff), s("x")));
        // windowed write: RFC 7440 windowsize and Microsoft's msftwindow
        write("10.10.0.1", 1100, "10.10.0.2", 69, cat(b(0, 2), z("up.bin"), z("octet"), z("windowsize"), z("0"),
                z("msftwindow"), z("1"), z("blksize"), z("8")));
        write("10.10.0.2", 6000, "10.10.0.1", 1100, cat(b(0, 6), z("blksize"), z("8"), z("windowsize"), z("4"),
                z("msftwindow"), z("27182")));
        write("10.10.0.1", 1100, "10.10.0.2", 6000, cat(b(0, 3, 0, 1), s("12345678")));
        write("10.10.0.2", 6000, "10.10.0.1", 1100, b(0, 4, 0, 1, 4));
        write("10.10.0.2", 6000, "10.10.0.1", 1100, b(0, 4, 0, 1, 8));
        write("10.10.0.1", 1100, "10.10.0.2", 6000, cat(b(0, 3, 0xff, 0xff), s("abcdefgh")));
        write("10.10.0.1", 1100, "10.10.0.2", 6000, cat(b(0, 3, 0, 0), s("ijklmnop")));
        write("10.10.0.1", 1100, "10.10.0.2", 6000, cat(b(0, 3, 0, 1), s("qrstuvwx")), 6);
        write("10.10.0.1", 1100, "10.10.0.2", 6000, cat(b(0, 3, 0, 2), s("yz")));
        write("10.10.0.2", 6000, "10.10.0.1", 1100, b(0, 4, 0, 2, 4));
        // an OACK with blksize out of range, a request cut inside its file name
        write("10.11.0.1", 1200, "10.11.0.2", 69, cat(b(0, 1), z("boot/pxelinux.0"), z("octet"), z("blksize"), z("99999")));
        write("10.11.0.2", 7000, "10.11.0.1", 1200, cat(b(0, 6), z("blksize"), z("99999"), z("tsize"), z("-5")));
        write("10.12.0.1", 1300, "10.12.0.2", 69, cat(b(0, 1), z("a-longer-file-name"), z("octet")), 8);
        write("10.12.0.1", 1301, "10.12.0.2", 69, cat(b(0, 1), z("f\u00e9"), z("NETASCII")));
    }

    private static byte[] ip(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
                (byte) Integer.parseInt(p[3])};
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static byte[] s(String t) {
        return t.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A NUL-terminated string. */
    private static byte[] z(String t) {
        return cat(s(t), b(0));
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TftpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            TftpScenarios sc = new TftpScenarios(os);
            sc.scenarios();
            sc.out.close();
        }
    }
}
