package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-pim.pcap}: PIM messages for packet-pim.c's types, options,
 * address encodings, checksums and bounds, one a second. Nothing here says what tshark shows;
 * the goldens (scripts/make-ipproto-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.PimScenarios captures/synth-pim.pcap
 * </pre>
 *
 * Frames: Hellos with every option kind (hold times 105, 0 and 65535, LAN prune delay, DR
 * priority, generation ID, state refresh, address lists new and old with an unknown family in
 * one, an empty bidir option, unknown options) over IPv4 and IPv6; Registers carrying a dummy
 * header, an IPv4 and an IPv6 datagram, and an unknown version; Register-stop; Join/Prune with
 * two groups, flagged sources and join attributes, and one with an unknown address family;
 * Graft and Graft-Ack; Bootstraps with groups and RPs (IPv4 and IPv6); Assert; C-RP
 * advertisement; State-Refresh; DF elections; ECMP redirect, types 12 and 15 and version 3; bad
 * checksums over both IP versions; a Hello cut by the snap length, a Join/Prune whose IP length
 * ends inside a source, an option longer than the message; PIMv1 in IGMP (query, register-stop,
 * join/prune, RP-reachable, assert, an unknown code, a version 2 nibble, a register); empty PIM
 * payloads over IPv4 and IPv6; a first fragment; an ICMP error quoting a Hello.
 */
public final class PimScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] ROUTER = {10, 0, 0, 2};
    private static final byte[] ALL_PIM = {(byte) 224, 0, 0, 13};
    private static final byte[] RP = {10, 0, 0, 9};
    private static final byte[] ROUTER6 = hex("fe800000000000000000000000000002");
    private static final byte[] ALL_PIM6 = hex("ff02000000000000000000000000000d");
    private static final byte[] GROUP6 = hex("ff0e0000000000000000000000000101");

    private final PcapWriter out;
    private long frames;

    private PimScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void write(byte[] frame) throws IOException {
        write(frame, frame.length);
    }

    private void v4(byte[] m) throws IOException {
        write(ethernet(0x0800, ipv4(103, ROUTER, ALL_PIM, m)));
    }

    private void v6(byte[] m) throws IOException {
        write(ethernet(0x86dd, ipv6(103, ROUTER6, ALL_PIM6, m)));
    }

    /** A PIMv2 message of {@code type} (reserved byte {@code b1}) with {@code body}, its checksum over the message. */
    private static byte[] pim(int type, int b1, byte[] body) {
        byte[] m = concat(new byte[] {(byte) (0x20 | type), (byte) b1, 0, 0}, body);
        return put16(m, 2, checksum(type == 1 ? Arrays.copyOf(m, 8) : m));
    }

    /** The same over IPv6: the checksum covers the pseudo-header. */
    private static byte[] pim6(int type, int b1, byte[] body) {
        byte[] m = concat(new byte[] {(byte) (0x20 | type), (byte) b1, 0, 0}, body);
        return put16(m, 2, checksum6(103, ROUTER6, ALL_PIM6, type == 1 ? Arrays.copyOf(m, 8) : m));
    }

    private static byte[] opt(int type, byte[] value) {
        return concat(ByteBuffer.allocate(4).putShort((short) type).putShort((short) value.length).array(), value);
    }

    private static byte[] u16(int v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    /** Encoded unicast address (RFC 7761 §4.9.1). */
    private static byte[] uni(byte[] a) {
        return concat(new byte[] {(byte) (a.length == 4 ? 1 : 2), 0}, a);
    }

    private static byte[] group(byte[] a, int flags, int mask) {
        return concat(new byte[] {(byte) (a.length == 4 ? 1 : 2), 0, (byte) flags, (byte) mask}, a);
    }

    private static byte[] source(byte[] a, int et, int flags, int mask) {
        return concat(new byte[] {(byte) (a.length == 4 ? 1 : 2), (byte) et, (byte) flags, (byte) mask}, a);
    }

    private static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private void hellos() throws IOException {
        v4(pim(0, 0, concat(opt(1, u16(105)), opt(20, u32(3_000_000_000L)), opt(19, u32(1)), opt(21, hex("01000000")))));
        v4(pim(0, 0, concat(opt(1, u16(0)), opt(2, hex("81f409c4")), opt(22, new byte[0]), opt(99, hex("0102030405")),
                opt(65004, hex("aabb")))));
        v4(pim(0, 0, concat(opt(1, u16(0xffff)), opt(24, concat(uni(ip(10, 0, 1, 1)), uni(ip(10, 0, 2, 1)))),
                opt(65001, concat(uni(ip(10, 0, 3, 1)), hex("0300c0a80001"))), opt(18, hex("00")))));
        v6(pim6(0, 0, concat(opt(1, u16(105)), opt(2, hex("01f401f4")), opt(24, uni(hex("20010db8000000000000000000000001"))),
                opt(20, u32(7)))));
    }

    private void registers() throws IOException {
        byte[] dummy = ipv4(0, ip(10, 1, 1, 1), ip(239, 1, 1, 1), new byte[0]);
        dummy[0] = 0x05; // version 0: a Null-Register's dummy header
        v4(pim(1, 0, concat(u32(0x40000000L), dummy)));
        v4(pim(1, 0, concat(u32(0x80000000L), ipv4(17, ip(10, 1, 1, 1), ip(239, 1, 1, 1), udp4(5000, 6000, hex("68656c6c6f"))))));
        byte[] s6 = hex("20010db8000000000000000000000005");
        v6(pim6(1, 0, concat(u32(0), ipv6(17, s6, GROUP6, udp6(5000, 6000, hex("6869"), s6, GROUP6)))));
        byte[] dummy6 = new byte[40];
        System.arraycopy(s6, 0, dummy6, 8, 16);
        System.arraycopy(GROUP6, 0, dummy6, 24, 16);
        v6(pim6(1, 0, concat(u32(0x40000000L), dummy6)));
        v4(pim(1, 0, concat(u32(0), hex("5000000000000000"))));       // IP version 5
        v4(pim(2, 0, concat(group(ip(239, 1, 1, 1), 0, 32), uni(ip(10, 1, 1, 1)))));
        v6(pim6(2, 0, concat(group(GROUP6, 0x80, 128), uni(s6))));
    }

    private void joins() throws IOException {
        byte[] jp = concat(uni(RP), new byte[] {0, 2}, u16(210),
                group(ip(239, 1, 1, 1), 0, 32), u16(2), u16(1),
                source(ip(10, 9, 9, 9), 0, 0x07, 32), source(ip(10, 1, 1, 1), 0, 0x04, 32), source(ip(10, 1, 1, 2), 0, 0x05, 32),
                group(ip(239, 1, 1, 2), 0x01, 24), u16(1), u16(0),
                source(ip(10, 1, 1, 3), 1, 0x04, 32), hex("0006"), uni(ip(10, 0, 0, 1)), hex("c5020102"));
        v4(pim(3, 0, jp));
        v4(pim(3, 0, concat(hex("0300c0a80001"), hex("0001ffff"))));     // an upstream neighbor of family 3
        v6(pim6(3, 0, concat(uni(ROUTER6), new byte[] {0, 1}, u16(0xffff), group(GROUP6, 0, 128), u16(1), u16(1),
                source(hex("20010db8000000000000000000000005"), 0, 0x04, 128), source(hex("20010db8000000000000000000000006"), 0, 0, 128))));
        byte[] graft = concat(uni(RP), new byte[] {0, 1}, u16(0), group(ip(239, 1, 1, 1), 0, 32), u16(1), u16(0),
                source(ip(10, 1, 1, 1), 0, 0, 32));
        v4(pim(6, 0, graft));
        v4(pim(7, 0, graft));
        v4(pim(6, 0, new byte[0]));                                        // no body at all
    }

    private void others() throws IOException {
        v4(pim(4, 0x80, concat(u16(0x1234), new byte[] {30, 64}, uni(RP),
                group(ip(239, 0, 0, 0), 0x01, 8), new byte[] {2, 2, 0, 0}, uni(ip(10, 0, 0, 5)), u16(150), new byte[] {1, 0},
                uni(ip(10, 0, 0, 6)), u16(0xffff), new byte[] {2, 0},
                group(ip(224, 0, 0, 0), 0x80, 4), new byte[] {0, 0, 0, 0})));
        v6(pim6(4, 0, concat(u16(7), new byte[] {126, 1}, uni(ROUTER6), group(GROUP6, 0, 16), new byte[] {1, 1, 0, 0},
                uni(hex("20010db8000000000000000000000009")), u16(130), new byte[] {5, 0})));
        v4(pim(5, 0, concat(group(ip(239, 1, 1, 1), 0, 32), uni(ip(10, 1, 1, 1)), u32(0x80000065L), u32(20))));
        v6(pim6(5, 0, concat(group(GROUP6, 0, 128), uni(ROUTER6), u32(110), u32(1))));
        v4(pim(8, 0, concat(new byte[] {2, 5}, u16(150), uni(RP), group(ip(239, 0, 0, 0), 0, 8), group(ip(232, 0, 0, 0), 1, 8))));
        v4(pim(9, 0, concat(group(ip(239, 1, 1, 1), 0, 32), uni(ip(10, 1, 1, 1)), uni(ROUTER), u32(0x8000006eL), u32(3),
                new byte[] {32, 15, (byte) 0xa0, 60})));
        v4(pim(10, 0x10, concat(uni(RP), u32(100), u32(10))));
        v4(pim(10, 0x30, concat(uni(RP), u32(100), u32(10), uni(ROUTER), u32(90), u32(5), u16(200))));
        v4(pim(11, 0, hex("0102030405060708")));
        v4(pim(12, 0, hex("01020304")));
        v4(pim(15, 0, new byte[0]));
        byte[] v3 = pim(0, 0, opt(1, u16(105)));
        v3[0] = 0x30;
        v4(v3);
    }

    private void errors() throws IOException {
        byte[] bad = pim(0, 0, opt(1, u16(105)));
        bad[3] ^= 0x5a;
        v4(bad);
        byte[] bad6 = pim(0, 0, opt(1, u16(105)));                       // summed without the pseudo-header
        v6(bad6);
        byte[] hello = ethernet(0x0800, ipv4(103, ROUTER, ALL_PIM, pim(0, 0, concat(opt(1, u16(105)), opt(20, u32(9)), opt(19, u32(1))))));
        write(hello, 14 + 20 + 10);                                       // cut inside the first option
        byte[] jp = pim(3, 0, concat(uni(RP), new byte[] {0, 1}, u16(210), group(ip(239, 1, 1, 1), 0, 32), u16(1), u16(0),
                source(ip(10, 1, 1, 1), 0, 4, 32)));
        v4(Arrays.copyOf(jp, jp.length - 3));                              // IP length ends inside the source
        v4(pim(0, 0, concat(opt(1, u16(105)), hex("00140010"), u32(1)))); // option longer than the message
        v4(pim(0, 0, concat(opt(1, u16(105)), hex("00"))));               // one byte after the last option
        write(ethernet(0x0800, ipv4(103, ROUTER, ALL_PIM, new byte[0])));
        write(ethernet(0x86dd, ipv6(103, ROUTER6, ALL_PIM6, new byte[0])));
        v4(new byte[] {0x20});                                             // a lone byte
        byte[] frag = ipv4(103, ROUTER, ALL_PIM, pim(0, 0, concat(opt(1, u16(105)), opt(20, u32(9)))));
        frag[6] = 0x20;
        frag[10] = 0;
        frag[11] = 0;
        put16(frag, 10, checksum(Arrays.copyOf(frag, 20)));
        write(ethernet(0x0800, frag));
        byte[] quoted = ipv4(103, ROUTER, ALL_PIM, pim(0, 0, concat(opt(1, u16(105)), opt(20, u32(9)))));
        write(ethernet(0x0800, ipv4(1, ip(10, 0, 0, 1), ROUTER, RawPackets.icmp(3, 3, new byte[4], Arrays.copyOf(quoted, 28 + 8)))));
    }

    /** PIMv1 inside IGMP type 0x14: code, checksum, version 1, reserved, then the body. */
    private static byte[] v1(int code, int version, byte[] body) {
        byte[] m = concat(new byte[] {0x14, (byte) code, 0, 0, (byte) (version << 4), 0, 0, 0}, body);
        return put16(m, 2, checksum(code == 1 ? Arrays.copyOf(m, 8) : m));
    }

    private void igmp(byte[] m) throws IOException {
        write(ethernet(0x0800, ipv4(2, ROUTER, ip(224, 0, 0, 2), m)));
    }

    private void pimv1() throws IOException {
        igmp(v1(0, 1, hex("1000ffff")));
        igmp(v1(2, 1, concat(ip(239, 1, 1, 1), ip(10, 1, 1, 1))));
        igmp(v1(3, 1, concat(RP, hex("0000"), u16(210), hex("00"), new byte[] {4, 4, 1}, ip(239, 1, 1, 1), ip(255, 255, 255, 255),
                u16(1), u16(1), new byte[] {0x05, 32}, ip(10, 1, 1, 1), new byte[] {(byte) 0xf8, 24}, ip(10, 1, 2, 0))));
        igmp(v1(4, 1, concat(ip(239, 1, 1, 1), ip(255, 255, 255, 255), RP, hex("0000"), u16(270))));
        igmp(v1(5, 1, concat(ip(239, 1, 1, 1), ip(255, 255, 255, 255), u32(0x80000010L), u32(7))));
        igmp(v1(9, 1, hex("00000000")));
        igmp(v1(3, 2, hex("00000000")));
        igmp(v1(1, 1, ipv4(17, ip(10, 1, 1, 1), ip(239, 1, 1, 1), udp4(1, 2, hex("00")))));
        byte[] cut = ethernet(0x0800, ipv4(2, ROUTER, ip(224, 0, 0, 2), v1(4, 1, concat(ip(239, 1, 1, 1), ip(255, 255, 255, 255),
                RP, hex("0000"), u16(270)))));
        write(cut, 14 + 20 + 14);
    }

    private void scenarios() throws IOException {
        hellos();
        registers();
        joins();
        others();
        errors();
        pimv1();
    }

    /** The capture's bytes (the malformed-input test mutates its messages). */
    public static byte[] bytes() throws IOException {
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        PimScenarios s = new PimScenarios(os);
        s.scenarios();
        s.out.close();
        return os.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PimScenarios OUT.pcap");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), bytes());
    }
}
