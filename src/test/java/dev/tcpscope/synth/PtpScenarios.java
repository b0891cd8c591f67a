package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ptp.pcap}: PTPv2 messages for packet-ptp.c's message types, TLVs
 * and bounds, one a second. Nothing here says what tshark shows; the goldens
 * (scripts/make-ptp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.PtpScenarios captures/synth-ptp.pcap
 * </pre>
 *
 * Frames: every message type over UDP/IPv4 (ports 319 and 320), over UDP/IPv6 and over Ethernet
 * (EtherType 0x88F7, padded to 60 bytes); flags and a negative correction with sub-nanoseconds;
 * an Announce with path trace, alternate time offset, organization extension and unknown TLVs;
 * Signalling with the unicast negotiation TLVs and an unknown TLV; Management GET/RESPONSE of
 * several IDs, one with no data and one with an error status TLV; 802.1AS (majorSdoId 1) Sync,
 * Follow_Up, Pdelay_Req, Announce and Signalling (message interval request, gPTP-capable) over Ethernet; unknown message types; versions 3 and 0 over
 * UDP (taken by packet-ptp.c, nothing shown) and 3 over Ethernet (read as PTPv2); messageLength
 * past the bytes, below 4 and shorter than the body; cuts by the snap length in the header and in
 * the body; TLV lengths running past the message.
 */
public final class PtpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] SRC = {10, 0, 0, 2};
    private static final byte[] GROUP = {(byte) 224, 0, 1, (byte) 129};
    private static final byte[] SRC6 = hex("fe800000000000000000000000000002");
    private static final byte[] GROUP6 = hex("ff0e0000000000000000000000000181");
    private static final byte[] CLOCK = hex("001b19fffe000001");

    private final PcapWriter out;
    private long frames;
    private int seq = 1;

    private PtpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private static int port(int type) {
        return type < 8 ? 319 : 320;
    }

    private void udp(byte[] m) throws IOException {
        int p = port(m[0] & 0x0f);
        byte[] f = ethernet(0x0800, ipv4(17, SRC, GROUP, udp4(p, p, m)));
        write(f, f.length);
    }

    private void udp6(byte[] m) throws IOException {
        int p = port(m[0] & 0x0f);
        byte[] f = ethernet(0x86dd, ipv6(17, SRC6, GROUP6, RawPackets.udp6(p, p, m, SRC6, GROUP6)));
        write(f, f.length);
    }

    private void eth(byte[] m) throws IOException {
        byte[] f = ethernet(0x88f7, m);
        if (f.length < 60) {
            f = java.util.Arrays.copyOf(f, 60);
        }
        write(f, f.length);
    }

    /** A PTPv2 header (34 bytes) followed by {@code body}; messageLength is the whole length. */
    private byte[] msg(int sdoType, int flags, long correction, int control, int logPeriod, byte[] body) {
        int len = 34 + body.length;
        return ByteBuffer.allocate(len).put((byte) sdoType).put((byte) 0x02).putShort((short) len).put((byte) 0)
                .put((byte) 0).putShort((short) flags).putLong(correction).putInt(0).put(CLOCK).putShort((short) 1)
                .putShort((short) seq++).put((byte) control).put((byte) logPeriod).put(body).array();
    }

    private static byte[] ts(long sec, int ns) {
        return ByteBuffer.allocate(10).putShort((short) (sec >>> 32)).putInt((int) sec).putInt(ns).array();
    }

    private static byte[] portId(String clock, int port) {
        return concat(hex(clock), new byte[] {(byte) (port >> 8), (byte) port});
    }

    private static byte[] tlv(int type, byte[] value) {
        return concat(new byte[] {(byte) (type >> 8), (byte) type, (byte) (value.length >> 8), (byte) value.length}, value);
    }

    private static byte[] announceBody(byte[] tlvs) {
        return concat(ts(1_700_000_000L, 5), hex("0025" + "00" + "80" + "06" + "21" + "4e5d" + "7f"),
                hex("001b19fffe000001"), hex("0001" + "20"), tlvs);
    }

    private byte[] management(int action, int tlvType, int id, byte[] data) {
        byte[] t = ByteBuffer.allocate(6 + data.length).putShort((short) tlvType).putShort((short) (2 + data.length))
                .putShort((short) id).put(data).array();
        return msg(0x0d, 0, 0, 4, 0x7f, concat(portId("ffffffffffffffff", 0xffff), new byte[] {2, 2, (byte) action, 0}, t));
    }

    private void scenarios() throws IOException {
        long corr = (-1234L << 16) | 0x8000;
        // every message type over UDP/IPv4
        udp(msg(0x00, 0x0200, 0, 0, 0, ts(1_700_000_001L, 123_456_789)));
        udp(msg(0x08, 0x0000, (36035L << 16), 2, 0, ts(1_700_000_001L, 123_456_999)));
        udp(msg(0x01, 0x0000, corr, 1, 0x7f, ts(0, 0)));
        udp(msg(0x09, 0x0000, 0, 3, 0, concat(ts(1_700_000_002L, 999_999_999), portId("7cfe90fffef950b4", 1))));
        udp(msg(0x02, 0x0000, 0, 5, 0x7f, concat(ts(0, 0), new byte[10])));
        udp(msg(0x03, 0x0200, 0, 5, 0x7f, concat(ts(1_700_000_003L, 1), portId("7cfe90fffef950b4", 2))));
        udp(msg(0x0a, 0x0000, 0, 5, 0x7f, concat(ts(1_700_000_003L, 2), portId("7cfe90fffef950b4", 2))));
        udp(msg(0x0b, 0xfd7f, 0, 5, 1, announceBody(new byte[0])));
        udp(msg(0x0c, 0x0000, 0, 5, 0x7f, concat(portId("ffffffffffffffff", 0xffff),
                tlv(4, hex("b0fe0000003c")), tlv(5, hex("00010000012c0001")), tlv(6, hex("9000")), tlv(7, hex("1000")),
                tlv(0x2000, hex("deadbeef")))));
        udp(management(0, 1, 0x2001, new byte[18]));
        // the same over UDP/IPv6 and over Ethernet
        udp6(msg(0x00, 0x0200, 0, 0, 0, ts(1_700_000_004L, 4)));
        udp6(msg(0x0b, 0x0008, 0, 5, 1, announceBody(new byte[0])));
        eth(msg(0x00, 0x0200, 0, 0, 0, ts(1_700_000_005L, 5)));
        eth(msg(0x08, 0x0000, 0, 2, 0, ts(1_700_000_005L, 6)));
        eth(msg(0x01, 0x0000, 0, 1, 0x7f, ts(0, 0)));
        eth(msg(0x09, 0x0000, 0, 3, 0, concat(ts(1_700_000_005L, 7), portId("7cfe90fffef950b4", 1))));
        eth(msg(0x02, 0x0000, 0, 5, 0x7f, concat(ts(0, 0), new byte[10])));
        eth(msg(0x03, 0x0200, 0, 5, 0x7f, concat(ts(1_700_000_005L, 8), portId("7cfe90fffef950b4", 2))));
        eth(msg(0x0a, 0x0000, 0, 5, 0x7f, concat(ts(1_700_000_005L, 9), portId("7cfe90fffef950b4", 2))));
        eth(msg(0x0c, 0x0000, 0, 5, 0x7f, concat(portId("ffffffffffffffff", 0xffff), tlv(0x0100, hex("0102")))));
        // Announce TLVs: path trace, alternate time offset indicator, organization extension, unknown
        udp(msg(0x0b, 0x0000, 0, 5, 1, announceBody(concat(tlv(8, hex("001b19fffe000001" + "001b19fffe000002")),
                tlv(9, hex("01" + "00000025" + "00000001" + "000065a0bc00" + "03" + "455354" + "00")),
                tlv(3, hex("0011223344550102")), tlv(0x4000, hex("cafe"))))));
        // Management: several IDs and actions, no data, an error status TLV
        udp(management(2, 1, 0x2000, hex("0100000180f8feffff80000000fffe0000120000")));
        udp(management(2, 1, 0x2002, hex("000000fffe00001200000000ffff7fffffff80f8feffff80000000fffe000012")));
        udp(management(2, 1, 0x2004, hex("000000fffe000012000106000000000000000000010300020002")));
        udp(management(3, 1, 0x0000, new byte[0]));
        udp(management(1, 1, 0x2005, hex("7f00")));
        udp(management(4, 1, 0x7777, hex("0000")));
        udp(management(2, 2, 0x0002, hex("0000000000000000")));
        udp(management(2, 2, 0x0006, hex("2005" + "00000000" + "03616263")));
        // 802.1AS over Ethernet: majorSdoId 1
        eth(msg(0x10, 0x0208, 0, 0, 0xfd, new byte[10]));
        eth(msg(0x18, 0x0008, 0, 2, 0xfd, concat(ts(1_700_000_006L, 6), hex("000300" + "1c" + "0080c2" + "000001"
                + "00000000" + "0000" + "000000000000000000000000" + "00000000"))));
        eth(msg(0x12, 0x0000, 0, 5, 0, new byte[20]));
        eth(msg(0x1b, 0x0008, 0, 5, 0, concat(hex("0025" + "00" + "80" + "f8" + "fe" + "ffff" + "80"),
                hex("001b19fffe000001"), hex("0000" + "a0"), tlv(8, hex("001b19fffe000001")))));
        // 802.1AS Signalling: a message interval request, a gPTP-capable TLV, another TLV type
        eth(msg(0x1c, 0, 0, 5, 0, concat(portId("ffffffffffffffff", 0xffff), tlv(3, hex("0080c2000002fd000106" + "0000")))));
        eth(msg(0x1c, 0, 0, 5, 0, concat(portId("ffffffffffffffff", 0xffff), tlv(0x8000, hex("0080c20000040300" + "0000")))));
        eth(msg(0x1c, 0, 0, 5, 0, concat(portId("ffffffffffffffff", 0xffff), tlv(9, hex("00")))));
        // unknown message types and versions
        udp(msg(0x05, 0, 0, 5, 0, new byte[10]));
        eth(msg(0x0f, 0, 0, 5, 0, new byte[10]));
        byte[] v3 = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        v3[1] = 0x03;
        udp(v3);
        byte[] v0 = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        v0[1] = 0x00;
        udp(v0);
        byte[] ev3 = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        ev3[1] = 0x13;
        eth(ev3);
        // messageLength past the bytes, below 4, shorter than the body
        byte[] longLen = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        put16(longLen, 2, 200);
        udp(longLen);
        byte[] tiny = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        put16(tiny, 2, 2);
        udp(tiny);
        byte[] shortLen = msg(0x09, 0, 0, 3, 0, concat(ts(1, 1), portId("7cfe90fffef950b4", 1)));
        put16(shortLen, 2, 40);
        eth(shortLen);
        byte[] shortEth = msg(0x00, 0, 0, 0, 0, ts(1, 1));
        put16(shortEth, 2, 30);
        eth(shortEth);
        // cut by the snap length: in the header, in the body
        byte[] f = ethernet(0x0800, ipv4(17, SRC, GROUP, udp4(319, 319, msg(0x00, 0, 0, 0, 0, ts(1, 1)))));
        write(f, 14 + 20 + 8 + 6);
        write(f, 14 + 20 + 8 + 38);
        byte[] fe = ethernet(0x88f7, msg(0x0b, 0, 0, 5, 1, announceBody(new byte[0])));
        write(fe, 14 + 50);
        // a TLV whose length runs past the message
        udp(msg(0x0c, 0, 0, 5, 0x7f, concat(portId("ffffffffffffffff", 0xffff), tlv(0x2000, hex("00")), hex("2001ff00"))));
        udp(msg(0x0b, 0, 0, 5, 1, announceBody(hex("00080040aabbccdd"))));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PtpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            PtpScenarios s = new PtpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
