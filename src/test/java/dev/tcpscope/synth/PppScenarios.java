package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ppp.pcap}: PPP over Ethernet (packet-pppoe.c) and PPP in GRE
 * (packet-ppp.c's dissect_ppp_hdlc), one frame a second. Nothing here says what tshark shows;
 * the goldens (scripts/make-tunnel-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.PppScenarios captures/synth-ppp.pcap
 * </pre>
 *
 * Frames: Session frames carrying IPv4 (a 2-byte and a compressed 1-byte protocol field), IPv6,
 * LCP and an unknown protocol; payload lengths that disagree
 * with the frame (too short, too long, 4 bytes over for an FCS, LCP let off); headers cut after
 * 4 bytes and a PPP field cut after 1; Discovery frames with every tag kind packet-pppoe.c names,
 * tags of the wrong length, an unknown tag and code, End-Of-List before more tags, a tag running
 * past the payload; PPP in GRE with and without address and control bytes. (No Session frame has
 * a Credits tag: tshark's packet list, built without a tree, does not read it, its -V does.)
 */
public final class PppScenarios {
    private static final long START = 1_700_000_300_000_000_000L;
    private static final byte[] A = {10, 4, 0, 1};
    private static final byte[] B = {10, 4, 0, 2};
    private static final byte[] A6 = hex("20010db8000000000000000000000041");
    private static final byte[] B6 = hex("20010db8000000000000000000000042");

    private final PcapWriter out;
    private long frames;

    private PppScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    /** A PPPoE header (version 1, type 1) with {@code length} as its payload length, then {@code payload}. */
    private static byte[] pppoe(int code, int session, int length, byte[] payload) {
        return concat(ByteBuffer.allocate(6).put((byte) 0x11).put((byte) code).putShort((short) session)
                .putShort((short) length).array(), payload);
    }

    private static byte[] pppoe(int code, int session, byte[] payload) {
        return pppoe(code, session, payload.length, payload);
    }

    private static byte[] tag(int type, byte[] value) {
        return concat(ByteBuffer.allocate(4).putShort((short) type).putShort((short) value.length).array(), value);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] session(byte[] payload) {
        return ethernet(0x8864, pppoe(0, 0x1234, payload));
    }

    private void scenarios() throws IOException {
        byte[] text = ascii("over PPP over Ethernet, long enough to need no padding");
        byte[] ip = ipv4(17, A, B, udp4(5000, 6000, text));
        write(session(concat(hex("0021"), ip)));
        write(session(concat(hex("21"), ip)));
        write(session(concat(hex("0057"), ipv6(17, A6, B6, udp6(5000, 6000, text, A6, B6)))));
        write(session(hex("c02101010010010405d40506cafe0000")));
        write(session(concat(hex("8281"), text)));
        byte[] body = concat(hex("0021"), ip);
        write(ethernet(0x8864, pppoe(0, 0x1234, body.length - 10, body)));
        write(ethernet(0x8864, pppoe(0, 0x1234, body.length + 10, body)));
        write(ethernet(0x8864, pppoe(0, 0x1234, body.length - 4, body)));
        byte[] lcp = concat(hex("c0210101003c"), new byte[56]);
        write(ethernet(0x8864, pppoe(0, 0x1234, 12, lcp)));
        byte[] cut = session(concat(hex("0021"), ip));
        write(cut, 14 + 4);
        write(cut, 14 + 6 + 1);
        byte[] padi = concat(tag(0x0101, new byte[0]), tag(0x0103, hex("64138518")));
        write(ethernet(0x8863, pppoe(0x09, 0, padi)));
        byte[] pado = concat(tag(0x0103, hex("64138518")), tag(0x0102, ascii("BRAS-1")), tag(0x0101, ascii("internet")),
                tag(0x0104, hex("3d0f0587062484f2")), tag(0x0105, hex("00000009")), tag(0x0105, hex("0000000901020304")),
                tag(0x0106, hex("00050006")), tag(0x0106, hex("0005")), tag(0x0107, hex("00000000")),
                tag(0x0108, hex("0007")), tag(0x0108, hex("000700")), tag(0x0109, hex("0002")), tag(0x0109, hex("02")),
                tag(0x0110, hex("abcd")), tag(0x0111, ascii("http://x")), tag(0x0112, ascii("hello")),
                tag(0x0120, hex("05dc")), tag(0x0121, hex("0a000000080a000001")));
        write(ethernet(0x8863, pppoe(0x07, 0, pado)));
        byte[] pads = concat(tag(0x0201, ascii("no such service")), tag(0x0202, ascii("busy")),
                tag(0x0203, ascii("error")), tag(0x0999, hex("0102")), tag(0x0999, new byte[0]), tag(0x0000, new byte[0]),
                tag(0x0102, ascii("after the end")));
        write(ethernet(0x8863, pppoe(0x65, 0x0011, pads)));
        write(ethernet(0x8863, pppoe(0x42, 0, tag(0x0102, ascii("odd code")))));
        byte[] past = concat(tag(0x0102, ascii("AC")), hex("01030020aabb"));
        write(ethernet(0x8863, pppoe(0x19, 0, past)));
        write(ethernet(0x8863, pppoe(0xa7, 0x0011, new byte[0])));
        byte[] gre = hex("3081880b");
        byte[] key = ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 7).putInt(1).array();
        byte[] inner = ipv4(17, A, B, udp4(7000, 8000, ascii("pptp")));
        byte[] ppp1 = concat(hex("ff030021"), inner);
        key = ByteBuffer.allocate(8).putShort((short) ppp1.length).putShort((short) 7).putInt(1).array();
        write(ethernet(0x0800, ipv4(47, A, B, concat(gre, key, ppp1))));
        byte[] ppp2 = concat(hex("21"), inner);
        key = ByteBuffer.allocate(8).putShort((short) ppp2.length).putShort((short) 7).putInt(2).array();
        write(ethernet(0x0800, ipv4(47, B, A, concat(gre, key, ppp2))));
        byte[] ppp3 = hex("ff03c021010100040000");
        key = ByteBuffer.allocate(8).putShort((short) ppp3.length).putShort((short) 7).putInt(3).array();
        write(ethernet(0x0800, ipv4(47, A, B, concat(gre, key, ppp3))));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PppScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            PppScenarios s = new PppScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
