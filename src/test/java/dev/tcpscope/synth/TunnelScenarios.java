package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-tunnels.pcap}: VXLAN, VXLAN-GPE, Geneve and GTP datagrams for
 * packet-vxlan.c, packet-geneve.c and packet-gtp.c, one a second. Nothing here says what tshark
 * shows; the goldens (scripts/make-tunnel-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.TunnelScenarios captures/synth-tunnels.pcap
 * </pre>
 *
 * Frames: VXLAN carrying ARP, ICMP, a TCP handshake with data, UDP over IPv6, with the group
 * policy flags, reserved bits set; VXLAN-GPE with IPv4, IPv6, Ethernet, NSH and an unknown next
 * protocol; Geneve with Ethernet, IPv4, IPv6 and an unknown protocol type, unknown and Google's
 * options, critical and flagged options, an option longer than the options, version 1, OAM and
 * reserved bits; GTPv1-U T-PDUs with IPv4 and IPv6 inside, with sequence and N-PDU numbers and
 * extension headers (PDCP, UDP port, an unknown one, one of length 0), echo request/response,
 * error indication, an unknown message type, a T-PDU that is not IP, GTPv0 on 3386, GTP',
 * GTPv2 on 2123, GTP inside GTP; VXLAN inside Geneve; and each header cut by the snap length
 * and by the UDP length.
 */
public final class TunnelScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] A = {10, 1, 0, 1};
    private static final byte[] B = {10, 1, 0, 2};
    private static final byte[] IN_A = {192 - 256, 168 - 256, 7, 1};
    private static final byte[] IN_B = {192 - 256, 168 - 256, 7, 2};
    private static final byte[] A6 = hex("20010db8000000000000000000000001");
    private static final byte[] B6 = hex("20010db8000000000000000000000002");
    private static final byte[] INNER_MACS = hex("0a00000000020a0000000001");

    private final PcapWriter out;
    private long frames;

    private TunnelScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, Math.min(captured, frame.length), frame.length);
    }

    /** Outer Ethernet, IPv4 A → B (or back) and UDP between the ports around {@code data}; written whole. */
    private void udp(int sport, int dport, byte[] data) throws IOException {
        byte[] f = outer(sport, dport, data);
        write(f, f.length);
    }

    private static byte[] outer(int sport, int dport, byte[] data) {
        boolean back = sport < dport && sport < 10000;
        return ethernet(0x0800, ipv4(17, back ? B : A, back ? A : B, udp4(sport, dport, data)));
    }

    private static byte[] innerEth(int type, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length).put(INNER_MACS).putShort((short) type).put(payload).array();
    }

    private static byte[] echo(int type, int seq) {
        return icmp(type, 0, new byte[] {0, 7, 0, (byte) seq}, "abcdefgh".getBytes());
    }

    private static byte[] tcp4(int sport, int dport, long seq, long ack, int flags, byte[] data) {
        return ByteBuffer.allocate(20 + data.length).putShort((short) sport).putShort((short) dport).putInt((int) seq)
                .putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 8192).putShort((short) 0)
                .putShort((short) 0).put(data).array();
    }

    private static byte[] vxlan(int flags, int gbp, int vni, byte[] inner) {
        return concat(ByteBuffer.allocate(8).putShort((short) flags).putShort((short) gbp).putInt(vni << 8).array(), inner);
    }

    private static byte[] gpe(int next, int vni, byte[] inner) {
        return concat(ByteBuffer.allocate(8).put((byte) 0x0c).put((byte) 0).put((byte) 0).put((byte) next)
                .putInt(vni << 8).array(), inner);
    }

    private static byte[] geneve(int verOpt, int flags, int type, int vni, int reserved, byte[] opts, byte[] inner) {
        return concat(ByteBuffer.allocate(8).put((byte) verOpt).put((byte) flags).putShort((short) type)
                .putInt(vni << 8 | reserved).array(), opts, inner);
    }

    private static byte[] option(int cls, int type, int flagsLen, byte[] data) {
        return concat(ByteBuffer.allocate(4).putShort((short) cls).put((byte) type).put((byte) flagsLen).array(), data);
    }

    /** GTPv1: flags, type, length of what follows the first 8 bytes, TEID, then {@code rest}. */
    private static byte[] gtp(int flags, int type, long teid, byte[] rest) {
        return concat(ByteBuffer.allocate(8).put((byte) flags).put((byte) type).putShort((short) rest.length)
                .putInt((int) teid).array(), rest);
    }

    private static byte[] seqPart(int seq, int npdu, int next) {
        return new byte[] {(byte) (seq >> 8), (byte) seq, (byte) npdu, (byte) next};
    }

    private void vxlanFrames() throws IOException {
        byte[] arp = hex("0001080006040001" + "0a0000000001" + "c0a80701" + "000000000000" + "c0a80702");
        udp(40001, 4789, vxlan(0x0800, 0, 100, innerEth(0x0806, arp)));
        udp(40001, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 1)))));
        udp(40002, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(1, IN_B, IN_A, echo(0, 1)))));
        // a TCP connection inside, with data: TCP analysis and tcp.stream of the inner flow
        udp(40003, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(6, IN_A, IN_B, tcp4(5555, 80, 1000, 0, 0x02, new byte[0])))));
        udp(40004, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(6, IN_B, IN_A, tcp4(80, 5555, 9000, 1001, 0x12, new byte[0])))));
        udp(40003, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(6, IN_A, IN_B, tcp4(5555, 80, 1001, 9001, 0x18,
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())))));
        udp(40003, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(6, IN_A, IN_B, tcp4(5555, 80, 1001, 9001, 0x18,
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())))));   // a retransmission
        udp(40005, 4789, vxlan(0x0800, 0, 200, innerEth(0x86dd, ipv6(17, A6, B6, udp6(7000, 7001, "hello".getBytes(), A6, B6)))));
        udp(40006, 4789, vxlan(0x88c8, 0x1234, 300, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 2)))));  // G, D, A flags
        udp(40007, 4789, vxlan(0x7fb7, 0, 0xffffff, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 3))))); // reserved bits
        udp(4789, 4789, vxlan(0x0800, 0, 1, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 4)))));
        byte[] cut = outer(40008, 4789, vxlan(0x0800, 0, 100, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 5)))));
        write(cut, 14 + 20 + 8 + 5);               // inside the VXLAN header
        write(cut, 14 + 20 + 8 + 8 + 10);          // inside the inner Ethernet header
        write(cut, 14 + 20 + 8 + 8 + 14 + 30);     // inside the inner ICMP
        udp(40009, 4789, new byte[] {8, 0, 0});    // a VXLAN header the UDP length cuts
        udp(40010, 4789, vxlan(0x0800, 0, 5, new byte[0]));  // nothing after the header
    }

    private void gpeFrames() throws IOException {
        udp(40020, 4790, gpe(1, 7, ipv4(1, IN_A, IN_B, echo(8, 6))));
        udp(40020, 4790, gpe(2, 7, ipv6(17, A6, B6, udp6(7000, 7002, "six".getBytes(), A6, B6))));
        udp(40020, 4790, gpe(3, 7, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 7)))));
        udp(40020, 4790, gpe(4, 7, hex("0fc6010300000111")));
        udp(40020, 4790, gpe(9, 7, hex("deadbeef")));
        udp(40021, 4790, new byte[] {0x0c, 0, 0});
    }

    private void geneveFrames() throws IOException {
        byte[] none = new byte[0];
        udp(40030, 6081, geneve(0, 0, 0x6558, 10, 0, none, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 8)))));
        udp(40030, 6081, geneve(0, 0, 0x0800, 10, 0, none, ipv4(1, IN_B, IN_A, echo(0, 8))));
        udp(40030, 6081, geneve(0, 0, 0x86dd, 10, 0, none, ipv6(6, A6, B6, tcp4(6000, 443, 1, 0, 0x02, none))));
        udp(40030, 6081, geneve(0, 0, 0x0806, 10, 0, none, hex("0001080006040002" + "0a0000000001" + "c0a80701"
                + "0a0000000002" + "c0a80702")));
        udp(40031, 6081, geneve(0, 0, 0x1234, 11, 0, none, hex("0102030405")));  // unknown protocol type: data
        byte[] opts = concat(option(0x0100, 0x01, 0x01, hex("01020304")), option(0x0132, 0x01, 0x01, hex("000000d1")),
                option(0x0132, 0x02, 0x04, hex("0800000dc0a864020000000000000000")),
                option(0x0132, 0x03, 0x02, hex("0000000000001234")), option(0xfff1, 0x85, 0xe0, none),
                option(0x0050, 0x7f, 0x00, none));
        udp(40032, 6081, geneve(opts.length / 4, 0x40, 0x6558, 12, 0, opts, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 9)))));
        byte[] longOpt = option(0x0104, 0x01, 0x03, hex("00000000"));  // says 16 bytes, 8 there
        udp(40033, 6081, geneve(2, 0, 0x0800, 13, 0, longOpt, ipv4(1, IN_A, IN_B, echo(8, 10))));
        udp(40034, 6081, geneve(0x40, 0, 0x0800, 14, 0, none, ipv4(1, IN_A, IN_B, echo(8, 11))));   // version 1
        udp(40035, 6081, geneve(0, 0xbf, 0x0800, 15, 0x5a, none, ipv4(1, IN_A, IN_B, echo(8, 12)))); // OAM, reserved
        udp(40036, 6081, geneve(0, 0, 0x6558, 16, 0, none, innerEth(0x0800, ipv4(17, A, B, udp4(40037, 4789,
                vxlan(0x0800, 0, 17, innerEth(0x0800, ipv4(1, IN_A, IN_B, echo(8, 13))))))))); // VXLAN in Geneve
        byte[] cut = outer(40038, 6081, geneve(3, 0, 0x0800, 18, 0, concat(option(0x0101, 1, 2, hex("0000000000000000"))),
                ipv4(1, IN_A, IN_B, echo(8, 14))));
        write(cut, 14 + 20 + 8 + 6);               // inside the fixed header
        write(cut, 14 + 20 + 8 + 8 + 6);           // inside the options
        write(cut, 14 + 20 + 8 + 20 + 10);         // inside the inner IPv4 header
        udp(40039, 6081, geneve(3, 0, 0x0800, 19, 0, hex("0101"), none));  // options the UDP length cuts
    }

    private void gtpFrames() throws IOException {
        byte[] none = new byte[0];
        udp(2152, 2152, gtp(0x30, 0xff, 1, ipv4(1, IN_A, IN_B, echo(8, 20))));
        udp(2152, 2152, gtp(0x32, 0xff, 2, concat(seqPart(0x1234, 0, 0), ipv4(1, IN_B, IN_A, echo(0, 20)))));
        udp(2152, 2152, gtp(0x33, 0xff, 3, concat(seqPart(5, 0x42, 0), ipv6(17, A6, B6, udp6(7000, 53, hex("00"), A6, B6)))));
        udp(2152, 2152, gtp(0x34, 0xff, 4, concat(seqPart(0, 0, 0xc0), hex("01090400"),
                ipv4(6, IN_A, IN_B, tcp4(5556, 80, 1, 0, 0x02, none)))));           // PDCP PDU number
        udp(2152, 2152, gtp(0x34, 0xff, 5, concat(seqPart(0, 0, 0x40), hex("011f90c0"), hex("01090a00"),
                ipv4(1, IN_A, IN_B, echo(8, 21)))));                                   // UDP port, then PDCP
        udp(2152, 2152, gtp(0x34, 0xff, 6, concat(seqPart(0, 0, 0x99), hex("02aabbccddeeff00"),
                ipv4(1, IN_A, IN_B, echo(8, 22)))));                                   // unknown extension header
        udp(2152, 2152, gtp(0x34, 0xff, 7, concat(seqPart(0, 0, 0xc0), hex("00000000"), ipv4(1, IN_A, IN_B, echo(8, 23)))));
        udp(2152, 2152, gtp(0x32, 0x01, 0, seqPart(9, 0, 0)));                        // echo request
        udp(2152, 2152, gtp(0x32, 0x02, 0, concat(seqPart(9, 0, 0), hex("0e05"))));  // echo response, recovery
        udp(2152, 2152, gtp(0x32, 0x1a, 0, concat(seqPart(0, 0, 0), hex("10a0f22350850004d4c8f540"))));  // error indication
        udp(2152, 2152, gtp(0x30, 0x99, 0, hex("00")));                               // unknown message type
        udp(2152, 2152, gtp(0x30, 0xff, 8, hex("0011223344")));                      // a T-PDU that is not IP
        udp(2123, 2123, gtp(0x32, 0x10, 0, concat(seqPart(1, 0, 0), hex("0e05"))));   // create PDP context request
        udp(3386, 3386, concat(hex("1eff005400000001ffffffff4200012143658709"), ipv4(1, IN_A, IN_B, echo(8, 24)))); // GTPv0
        udp(3386, 3386, hex("0e0100000001"));                                         // GTP' echo request
        udp(2123, 2123, hex("4801000800000000000001000000"));                         // GTPv2 echo request
        udp(2152, 2152, gtp(0x30, 0xff, 9, ipv4(17, A, B, udp4(2152, 2152, gtp(0x30, 0xff, 10,
                ipv4(1, IN_A, IN_B, echo(8, 25)))))));                                  // GTP inside GTP
        byte[] cut = outer(2152, 2152, gtp(0x34, 0xff, 11, concat(seqPart(0, 0, 0xc0), hex("01090400"),
                ipv4(1, IN_A, IN_B, echo(8, 26)))));
        write(cut, 14 + 20 + 8 + 5);               // inside the mandatory header
        write(cut, 14 + 20 + 8 + 14);              // inside the extension header
        write(cut, 14 + 20 + 8 + 16 + 12);         // inside the inner IPv4 header
        write(cut, 14 + 20 + 8 + 16);              // right after the header: the T-PDU's first byte is missing
        udp(2152, 2152, hex("34ff0008000000"));    // a header the UDP length cuts
        udp(2152, 2152, Arrays.copyOf(gtp(0x34, 0xff, 12, concat(seqPart(0, 0, 0xc0), hex("0209"))), 16)); // extension past the end
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TunnelScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            TunnelScenarios s = new TunnelScenarios(os);
            s.vxlanFrames();
            s.gpeFrames();
            s.geneveFrames();
            s.gtpFrames();
            s.out.close();
        }
    }
}
