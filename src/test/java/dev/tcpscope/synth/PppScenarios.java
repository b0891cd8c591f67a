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
 * Then PPP's control protocols: LCP's codes (configure with every option built (the async map
 * empty, full and partial) and an unknown
 * one, wrong option lengths, an option past the end, terminate, code and protocol reject, echo,
 * discard, identification, time remaining, an unknown code), IPCP's addresses and compression
 * (IPHC and ROHC suboptions, Van Jacobson), IPV6CP's interface identifier, PAP's codes and a cut
 * request, CHAP's challenge, response (a long name), success, failure, bad value sizes and lengths.
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

    /** A PPP protocol field, then a code, identifier and length (the body's plus 4) and the body. */
    private static byte[] cp(String protocol, int code, int id, String body) {
        return hex(protocol + String.format("%02x%02x%04x", code, id, 4 + body.length() / 2) + body);
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
        // PPP's control protocols (packet-ppp.c): LCP's codes and options, IPCP, IPV6CP, PAP, CHAP
        write(session(cp("c021", 1, 7, "010405dc" + "0305c22305" + "0304c023" + "0404c025" + "0506a1b2c3d4"
                + "0702" + "0802" + "fe03aa" + "0306c0230102")));
        write(session(cp("c021", 4, 8, "010305" + "0506a1b2c3d4" + "0702")));
        write(session(cp("c021", 1, 18, "0d0306" + "0d0501abcd" + "110405dc" + "130701aabbccdd" + "1307020a000001" + "130300"
                + "1305053132" + "130409ff" + "0d02")));
        write(session(cp("c021", 2, 19, "0206000a0000" + "0206ffffffff" + "020600000000" + "060600002710" + "060600000000"
                + "0205aaaaaa")));
        write(session(cp("c021", 1, 20, "090303" + "0a0300" + "0a0305" + "0b0304" + "0b0380" + "0b0504aabb" + "0f02" + "1002"
                + "1202" + "150301" + "1604aabb" + "170400aa" + "1d02" + "1402")));
        write(session(cp("c021", 3, 9, "0702" + "03")));
        write(session(cp("c021", 3, 10, "0702" + "0509a1b2")));
        write(session(cp("c021", 3, 11, "0702" + "0100")));
        write(session(cp("c021", 5, 9, "627965627965")));
        write(session(cp("c021", 6, 10, "")));
        write(session(cp("c021", 7, 11, "0c0100040001")));
        write(session(cp("c021", 8, 12, "8021")));
        write(session(cp("c021", 8, 12, "80fd01020304")));
        write(session(cp("c021", 11, 13, "a1b2c3d4" + "01020304")));
        write(session(cp("c021", 12, 14, "a1b2c3d4" + "68656c6c6f")));
        write(session(cp("c021", 13, 15, "a1b2c3d4" + "0000012c" + "627965")));
        write(session(cp("c021", 13, 16, "a1b2c3d4" + "ffffffff")));
        write(session(cp("c021", 0x20, 17, "01020304")));
        write(session(hex("c021" + "0112003c" + "010405dc")));
        write(session(cp("8021", 1, 1, "03060a000001" + "81060a000035" + "83060a000036" + "82060a000037"
                + "84060a000038" + "04060a000039" + "02140061001000100000000000050102030301")));
        write(session(cp("8021", 3, 2, "020e0003000f05dc0028" + "01040002" + "0206002d0f01")));
        write(session(cp("8021", 4, 3, "0208002d0f01aabb" + "0306" + "0a00")));
        write(session(cp("8021", 9, 3, "01020304" + "05060708")));
        write(session(cp("8057", 1, 1, "010a020000fffe000001" + "0904aabb")));
        write(session(cp("8057", 4, 2, "010602000000")));
        write(session(cp("c023", 3, 2, "0462616421")));
        write(session(cp("c023", 7, 3, "0102")));
        write(session(hex("c023" + "01040010" + "05" + "636973636f" + "09")));
        write(session(cp("c223", 1, 1, "10" + "00112233445566778899aabbccddeeff" + "726f75746572")));
        write(session(cp("c223", 2, 1, "10" + "0f0e0d0c0b0a09080706050403020100"
                + "612d766572792d6c6f6e672d757365722d6e616d65")));
        write(session(cp("c223", 3, 1, "57656c636f6d65")));
        write(session(cp("c223", 4, 2, "")));
        write(session(cp("c223", 1, 3, "20616263")));
        write(session(hex("c223" + "01040002")));
        write(session(cp("c223", 9, 5, "01020304")));
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
