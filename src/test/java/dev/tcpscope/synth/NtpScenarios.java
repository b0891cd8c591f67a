package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.concat;
import static dev.tcpscope.synth.RawPackets.ethernet;
import static dev.tcpscope.synth.RawPackets.ipv4;
import static dev.tcpscope.synth.RawPackets.udp4;
import static dev.tcpscope.synth.RawPackets.udp6;

/**
 * Writes {@code captures/synth-ntp.pcap}: NTP datagrams on udp.port 123 for how packet-ntp.c
 * walks each mode, one a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-ntp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.NtpScenarios captures/synth-ntp.pcap
 * </pre>
 *
 * Frames: time messages of every mode and leap indicator, versions 1 to 7, stratum 0 and 1 with
 * known, unknown and non-ASCII reference IDs, stratum 16 and 200, polling intervals in and out of
 * range, positive and negative precisions, timestamps of both NTP eras, zero, and zero seconds with
 * a fraction above and below a nanosecond; extension fields
 * (NTS-like, an unknown type, a last field too short to leave a MAC), MACs of 20 and 24 bytes and a
 * crypto-NAK; client requests answered once, twice and not at all (the pairing of {@code -2}),
 * over IPv4 and IPv6; control messages (a read-variables request with padding and an MD5
 * authenticator, a read-status response listing associations, peer, clock and error status words,
 * a trap message, a configuration with a SHA authenticator, an unknown opcode, a count past the
 * end); private messages (a request with the authentication bit, a PEER_LIST_SUM, AUTHINFO,
 * LOOP_INFO and MON_GETLIST_1 response, one with an IPv6 entry, an implementation without items,
 * an unknown request code, an item size past the end); messages cut by the snap length (in the
 * header, in a private message's item words, inside and after an extension field), a one-byte and a
 * three-byte datagram.
 */
public final class NtpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};
    private static final byte[] A6 = RawPackets.hex("20010db8000000000000000000000001");
    private static final byte[] B6 = RawPackets.hex("20010db8000000000000000000000002");

    private final PcapWriter out;
    private long frames;

    private NtpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    /** A datagram from A:sport to B:dport (or back when {@code back}), cut to {@code keep} payload bytes when non-negative. */
    private void write(boolean back, int sport, int dport, byte[] payload, int keep) throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(17, back ? B : A, back ? A : B, udp4(sport, dport, payload)));
        int captured = keep < 0 ? frame.length : Math.min(frame.length, 14 + 20 + 8 + keep);
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(boolean back, byte[] payload) throws IOException {
        write(back, back ? 123 : 40000, back ? 40000 : 123, payload, -1);
    }

    private void write6(boolean back, byte[] payload) throws IOException {
        byte[] src = back ? B6 : A6;
        byte[] dst = back ? A6 : B6;
        byte[] frame = ethernet(0x86dd, RawPackets.ipv6(17, src, dst, udp6(back ? 123 : 123, 123, payload, src, dst)));
        out.write(START + frames++ * 1_000_000_000L, frame, 0, frame.length, frame.length);
    }

    /** A 48-byte time message: flags, stratum, poll, precision, root delay and dispersion, reference ID, four timestamps. */
    private static byte[] time(int li, int vn, int mode, int stratum, int poll, int precision, long delay, long dispersion,
                               byte[] refid, long ref, long org, long rec, long xmt) {
        return ByteBuffer.allocate(48).put((byte) (li << 6 | vn << 3 | mode)).put((byte) stratum).put((byte) poll)
                .put((byte) precision).putInt((int) delay).putInt((int) dispersion).put(refid)
                .putLong(ref).putLong(org).putLong(rec).putLong(xmt).array();
    }

    private static byte[] client(long xmt) {
        return time(0, 4, 3, 0, 6, 0xe9, 0, 0, new byte[4], 0, 0, 0, xmt);
    }

    private static byte[] server(long org) {
        return time(0, 4, 4, 2, 6, 0xe9, 0x0bd9, 0x0630, new byte[] {85, (byte) 199, (byte) 214, 99},
                0xe09b4c8c12dcb6f1L, org, 0xe09b4d56139ec6e2L, 0xe09b4d56139f4a3fL);
    }

    /** An extension field: type, length (of the whole field), value padded to {@code length}. */
    private static byte[] ext(int type, int length, int fill) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(length, 4)).putShort((short) type).putShort((short) length);
        while (b.hasRemaining()) {
            b.put((byte) fill);
        }
        return b.array();
    }

    private static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A mode 6 control message: flags2, sequence, status, association ID, offset, count, data and what follows. */
    private static byte[] control(int flags2, int seq, int status, int associd, int count, byte[] rest) {
        return concat(ByteBuffer.allocate(12).put((byte) 0x16).put((byte) flags2).putShort((short) seq).putShort((short) status)
                .putShort((short) associd).putShort((short) 0).putShort((short) count).array(), rest);
    }

    /** A mode 7 private message: flags (response bit), auth/sequence, implementation, request code, error/items, size, data. */
    private static byte[] priv(boolean response, int authSeq, int impl, int reqcode, int items, int size, byte[] data) {
        return concat(ByteBuffer.allocate(8).put((byte) (response ? 0x97 : 0x17)).put((byte) authSeq).put((byte) impl)
                .put((byte) reqcode).putShort((short) items).putShort((short) size).array(), data);
    }

    private void scenarios() throws IOException {
        long t1 = 0xe9a1b2c3d4e5f607L;
        // every mode, leap indicator and version of the first byte; stratum and reference IDs
        write(false, time(0, 1, 0, 0, 4, 0, 0, 0, ascii("GPS\0"), 0, 0, 0, 0));
        write(false, time(1, 2, 1, 1, 17, 0x20, 0x00010000, 0x8000, ascii("LOCL"), t1, t1, t1, t1));
        write(true, time(2, 3, 2, 1, 3, 0xfa, 0x7fffffffL, 0xffffffffL, ascii("XYZ\0"), t1, 0, 0, t1));
        write(false, time(3, 4, 5, 1, 18, 0x7f, 1, 2, new byte[] {'A', (byte) 0xe9, 'B', 0}, 0x7fffffff00000001L, 1, 0, 0x100000000L));
        write(false, time(0, 5, 3, 16, 255, 0x80, 0, 0, new byte[] {1, 2, 3, 4}, 0, 0, 0, 0x80000000ffffffffL));
        write(false, time(0, 0, 4, 200, 0, 0x81, 0, 0, new byte[] {(byte) 255, 0, 0, 1}, 0, 0, 0, 0));
        write(false, time(0, 6, 0, 15, 10, 0xec, 0x12345678, 0x9abcdef0L, new byte[] {10, 1, 2, 3}, t1, t1, t1, t1));
        write(false, time(0, 7, 4, 0, 6, 0, 0, 0, ascii("INIT"), 0, 0, 0, 0));
        write(false, time(0, 4, 3, 0, 6, 0, 0, 0, new byte[4], 0x0000c0a8L, 4, 0x0000000100000000L, 0xffffffffffffffffL));
        // extension fields and MACs
        write(false, concat(client(t1), ext(0x0104, 36, 0x5c), ext(0x0204, 104, 0xf4), ext(0x0404, 40, 0x10)));
        write(false, concat(client(t1), ext(0x7777, 16, 0x11), fill(4, 0)));
        write(false, concat(client(t1), ext(0x0104, 16, 0x22), fill(12, 0x33)));
        write(false, concat(client(t1), fill(4, 0), fill(16, 0xab)));
        write(false, concat(client(t1), fill(4, 0), fill(20, 0xcd)));
        write(false, concat(client(t1), ext(0x0104, 18, 0x44), fill(16, 0x55)));
        write(false, concat(client(t1), ext(0x0002, 20, 0x66), ext(0x8002, 16, 0x77)));
        write(false, concat(client(t1), fill(3, 9)));
        // request/response pairs: answered once, twice, not at all; a response with no request; IPv6
        write(false, client(0xe09b4d5600000001L));
        write(true, server(0xe09b4d5600000001L));
        write(false, client(0xe09b4d5700000002L));
        write(true, server(0xe09b4d5700000002L));
        write(true, server(0xe09b4d5700000002L));
        write(false, client(0xe09b4d5800000003L));
        write(false, client(0xe09b4d5900000004L));
        write(true, server(0xe09b4d5900000004L));
        write6(false, client(0xe09b4d5a00000005L));
        write6(true, server(0xe09b4d5a00000005L));
        // control messages
        write(false, control(0x02, 68, 0, 0, 0, concat(fill(4, 0), ascii("\0\0\0\1"), fill(16, 0xaa))));
        write(true, control(0x82, 68, 0x0618, 0, 0, new byte[0]));
        write(true, control(0x81, 69, 0x0618, 0, 12, concat(ascii("\u00bd\u0012\u0094\u0024"), ascii("\u00bd\u0013\u0090\u0014"),
                ascii("\u00bd\u0014\u0014\u0011"))));
        write(true, control(0x82, 70, 0xf63a, 48445, 0, new byte[0]));
        write(true, control(0x84, 71, 0x0203, 1, 0, new byte[0]));
        write(true, control(0xc2, 72, 0x0500, 0, 0, new byte[0]));
        write(true, control(0x87, 73, 0x0000, 0, 11, concat(ascii("trap raised"), fill(1, 0))));
        write(false, control(0x08, 74, 0, 0, 10, concat(ascii("restrict 1"), fill(6, 0), ascii("\0\0\0\2"), fill(20, 0xbb))));
        write(true, control(0x9e, 75, 0x1234, 0, 0, new byte[0]));
        write(true, control(0x82, 76, 0x0618, 0, 200, ascii("version=\"4\"")));
        write(false, control(0x01, 77, 0, 0, 0, fill(3, 0)));
        // private messages
        write(false, 1023, 123, priv(false, 0x85, 3, 1, 0, 0, concat(fill(176, 0), ByteBuffer.allocate(8)
                .putLong(0xe09b4d5600000000L).array(), ascii("\0\0\0\7"), fill(16, 0x99))), -1);
        write(true, 123, 1023, priv(true, 0, 3, 1, 2, 72, concat(
                ByteBuffer.allocate(72).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 2}).putShort((short) 123)
                        .put((byte) 3).put((byte) 6).put((byte) 10).put((byte) 0xff).put((byte) 0x83).put((byte) 3)
                        .putInt(-12).putLong(0x1234L).putInt(99).array(),
                ByteBuffer.allocate(72).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 3}).putShort((short) 124)
                        .put((byte) 16).put((byte) -6).put((byte) 6).put((byte) 0x01).put((byte) 0x41).put((byte) 1)
                        .putInt(7).putLong(-5L).putInt(1).putInt(1).putInt(0).put(A6).put(B6).array())), -1);
        write(true, 123, 1023, priv(true, 0, 3, 28, 1, 36, ByteBuffer.allocate(36).putInt(5267562).putInt(10).putInt(14)
                .putInt(0).putInt(10342).putInt(10707).putInt(5525).putInt(0).putInt(25866).array()), -1);
        write(true, 123, 1023, priv(true, 0, 3, 8, 1, 24, ByteBuffer.allocate(24).putLong(1530635).putLong(-35994009600L)
                .putInt(30).putInt(422).array()), -1);
        write(true, 123, 1023, priv(true, 0, 3, 42, 2, 72, concat(
                ByteBuffer.allocate(72).putInt(10).putInt(20).putInt(0x30).putInt(40).put(new byte[] {(byte) 192, (byte) 168, 1, 9})
                        .put(new byte[] {(byte) 192, (byte) 168, 1, 1}).putInt(0x5).putShort((short) 51234).put((byte) 3).put((byte) 4)
                        .putInt(0).putInt(0).array(),
                ByteBuffer.allocate(72).putInt(1).putInt(2).putInt(3).putInt(4).put(new byte[4]).put(new byte[4]).putInt(0)
                        .putShort((short) 123).put((byte) 4).put((byte) 4).putInt(1).putInt(0).put(A6).put(B6).array())), -1);
        write(true, 123, 1023, priv(true, 0, 2, 1, 1, 4, fill(4, 1)), -1);
        write(true, 123, 1023, priv(true, 0, 3, 50, 2, 4, fill(8, 2)), -1);
        write(true, 123, 1023, priv(true, 0, 3, 38, 2, 60, fill(64, 3)), -1);
        write(false, 1023, 123, priv(false, 0x01, 3, 20, 0, 0, fill(8, 0)), -1);
        // cut by the snap length; tiny datagrams
        write(false, 40000, 123, client(t1), 30);
        write(false, 40000, 123, concat(client(t1), fill(4, 0), fill(16, 0xee)), 60);
        write(false, 40000, 123, priv(false, 0, 3, 1, 0, 0, new byte[0]), 3);
        write(false, 40000, 123, priv(false, 0, 3, 1, 0, 0, new byte[0]), 7);
        write(false, 40000, 123, concat(client(t1), ext(0x0104, 36, 0x5c), fill(20, 1)), 60);
        write(false, 40000, 123, concat(client(t1), ext(0x0104, 36, 0x5c), fill(20, 1)), 86);
        write(false, 40000, 123, concat(client(t1), ext(0x0104, 36, 0x5c), fill(20, 1)), 90);
        write(false, new byte[] {0x1b});
        write(false, new byte[] {0x17, 0, 3});
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NtpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            NtpScenarios sc = new NtpScenarios(os);
            sc.scenarios();
            sc.out.close();
        }
    }
}
