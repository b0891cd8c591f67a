package dev.tcpscope.wire;

/**
 * Whole frames for the dissector tests, copied from real captures with {@code tshark -r F -x}
 * (the file and tshark 4.0's summary line above each) or, where marked, edited by hand and
 * checked with text2pcap + tshark. The arrays are fresh on each call: tests may edit them.
 */
final class WireFrames {
    private WireFrames() {}

    /*
     * /work/main/captures/learn_tcp.pcapng frame 1, LINKTYPE_ETHERNET, 74 bytes:
     * 127.0.0.1 → 127.0.0.1 TCP 74 5201 → 5200 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3503373003 TSecr=0 WS=1024
     * 0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.
     * 0010  00 3c 5c 5d 40 00 40 06 e0 5c 7f 00 00 01 7f 00   .<\]@.@..\......
     * 0020  00 01 14 51 14 50 0b 90 82 ff 00 00 00 00 a0 02   ...Q.P..........
     * 0030  ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d0 d1   ...0............
     * 0040  3a cb 00 00 00 00 01 03 03 0a                     :.........
     */
    static byte[] ethIpv4TcpSyn() {
        return Fixtures.bytes("""
                00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00
                00 3c 5c 5d 40 00 40 06 e0 5c 7f 00 00 01 7f 00
                00 01 14 51 14 50 0b 90 82 ff 00 00 00 00 a0 02
                ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d0 d1
                3a cb 00 00 00 00 01 03 03 0a""");
    }

    /*
     * arkime/twovlan.pcap frame 1, LINKTYPE_ETHERNET, 82 bytes, eth:vlan:vlan:ip:tcp:
     * 10.0.0.1 → 10.0.0.2 TCP 82 54422 → 80 [SYN] Seq=0 Win=29200 Len=0 MSS=1460 SACK_PERM TSval=1057156611 TSecr=0 WS=128
     * 0000  00 09 0f db f4 3e 00 0c 29 c1 2d 24 81 00 00 c9   .....>..).-$....
     * 0010  81 00 90 c8 08 00 45 00 00 3c 13 e4 40 00 40 06   ......E..<..@.@.
     * 0020  ef 4c 0a 00 00 01 0a 00 00 02 d4 96 00 50 c1 27   .L...........P.'
     * 0030  fd e7 00 00 00 00 a0 02 72 10 37 ba 00 00 02 04   ........r.7.....
     * 0040  05 b4 04 02 08 0a 3f 02 ee 03 00 00 00 00 01 03   ......?.........
     * 0050  03 07                                             ..
     */
    static byte[] ethVlanVlanIpv4Tcp() {
        return Fixtures.bytes("""
                00 09 0f db f4 3e 00 0c 29 c1 2d 24 81 00 00 c9
                81 00 90 c8 08 00 45 00 00 3c 13 e4 40 00 40 06
                ef 4c 0a 00 00 01 0a 00 00 02 d4 96 00 50 c1 27
                fd e7 00 00 00 00 a0 02 72 10 37 ba 00 00 02 04
                05 b4 04 02 08 0a 3f 02 ee 03 00 00 00 00 01 03
                03 07""");
    }

    /*
     * Made by hand from pcap4j/IpV6ExtFragmentPacketTest.pcap: an 802.1ad S-tag (VLAN 100), an 802.1Q
     * C-tag (VLAN 200), IPv6 with a hop-by-hop header (PadN) and an atomic fragment header (offset 0,
     * M=0, RFC 6946), then UDP. tshark: eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ipv6:
     * ipv6.hopopts:ipv6.fraghdr:udp:data, "162 → 0 Len=4", 90 bytes:
     * 0000  fe 00 00 00 00 02 fe 00 00 00 00 01 88 a8 00 64   ...............d
     * 0010  81 00 00 c8 86 dd 61 21 23 45 00 1c 00 64 20 01   ......a!#E...d .
     * 0020  0d b8 00 00 00 00 00 00 00 03 00 02 00 01 20 01   .............. .
     * 0030  0d b8 00 00 00 00 00 00 00 03 00 02 00 02 2c 00   ..............,.
     * 0040  01 04 00 00 00 00 11 00 00 00 00 09 fb f1 00 a2   ................
     * 0050  00 00 00 0c a1 b1 00 01 02 03                     ..........
     */
    static byte[] ethQinqIpv6HopFragUdp() {
        return Fixtures.bytes("""
                fe 00 00 00 00 02 fe 00 00 00 00 01 88 a8 00 64
                81 00 00 c8 86 dd 61 21 23 45 00 1c 00 64 20 01
                0d b8 00 00 00 00 00 00 00 03 00 02 00 01 20 01
                0d b8 00 00 00 00 00 00 00 03 00 02 00 02 2c 00
                01 04 00 00 00 00 11 00 00 00 00 09 fb f1 00 a2
                00 00 00 0c a1 b1 00 01 02 03""");
    }

    /*
     * pcap4j/IpV6ExtFragmentPacketTest.pcap frame 2, LINKTYPE_ETHERNET, 70 bytes, the second and last
     * fragment (offset 8, M=0, ident 0x0009fbf1, next header 17):
     * 0000  fe 00 00 00 00 02 fe 00 00 00 00 01 86 dd 61 21   ..............a!
     * 0010  23 45 00 10 2c 64 20 01 0d b8 00 00 00 00 00 00   #E..,d .........
     * 0020  00 03 00 02 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
     * 0030  00 03 00 02 00 02 11 63 00 0a 00 09 fb f1 00 01   .......c........
     * 0040  02 03 04 05 06 07                                 ......
     */
    static byte[] ethIpv6Fragment2() {
        return Fixtures.bytes("""
                fe 00 00 00 00 02 fe 00 00 00 00 01 86 dd 61 21
                23 45 00 10 2c 64 20 01 0d b8 00 00 00 00 00 00
                00 03 00 02 00 01 20 01 0d b8 00 00 00 00 00 00
                00 03 00 02 00 02 11 63 00 0a 00 09 fb f1 00 01
                02 03 04 05 06 07""");
    }

    /*
     * pcapplusplus/Packet++Test/PacketExamples/IPv4Frag.pcap frame 2, LINKTYPE_ETHERNET, 1514 bytes on
     * the wire; only the first 64 are kept here (the frame is given capLen 64, origLen 1514).
     * A middle fragment: ip.flags.mf 1, ip.frag_offset 1480, ip.proto 17, ip.len 1500.
     * 0000  fe fd c0 a8 00 02 ea ac df 23 e8 a4 08 00 45 00   .........#....E.
     * 0010  05 dc 9c 89 20 b9 40 11 35 7e c0 a8 00 fe c0 a8   .... .@.5~......
     * 0020  00 02 00 00 00 00 00 00 00 00 00 00 09 a8 00 00   ................
     * 0030  00 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00   ................
     */
    static byte[] ethIpv4MiddleFragmentHead() {
        return Fixtures.bytes("""
                fe fd c0 a8 00 02 ea ac df 23 e8 a4 08 00 45 00
                05 dc 9c 89 20 b9 40 11 35 7e c0 a8 00 fe c0 a8
                00 02 00 00 00 00 00 00 00 00 00 00 09 a8 00 00
                00 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00""");
    }

    /*
     * arkime/gtp-iphone.pcap frame 1, LINKTYPE_LINUX_SLL, 125 bytes, sll:ethertype:ip:udp:gtp:ip:udp:dns
     * (tcpscope stops at the outer UDP):
     * 0000  00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00   ................
     * 0010  45 00 00 6d 00 00 40 00 40 11 3a 1b 7f 00 01 01   E..m..@.@.:.....
     * 0020  7f 00 01 64 08 68 08 68 00 59 00 d0 30 ff 00 49   ...d.h.h.Y..0..I
     * 0030  7e 10 b5 68 45 00 00 49 49 06 00 00 40 11 04 cb   ~..hE..II...@...
     * 0040  c0 a8 03 81 c0 a8 a8 01 e1 c9 00 35 00 35 63 ed   ...........5.5c.
     * 0050  d3 33 01 00 00 01 00 00 00 00 00 00 0c 73 65 6e   .3...........sen
     * 0060  74 69 74 6c 65 6d 65 6e 74 06 6d 6f 62 69 6c 65   titlement.mobile
     * 0070  03 61 74 74 03 6e 65 74 00 00 01 00 01            .att.net.....
     */
    static byte[] sllIpv4Udp() {
        return Fixtures.bytes("""
                00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00
                45 00 00 6d 00 00 40 00 40 11 3a 1b 7f 00 01 01
                7f 00 01 64 08 68 08 68 00 59 00 d0 30 ff 00 49
                7e 10 b5 68 45 00 00 49 49 06 00 00 40 11 04 cb
                c0 a8 03 81 c0 a8 a8 01 e1 c9 00 35 00 35 63 ed
                d3 33 01 00 00 01 00 00 00 00 00 00 0c 73 65 6e
                74 69 74 6c 65 6d 65 6e 74 06 6d 6f 62 69 6c 65
                03 61 74 74 03 6e 65 74 00 00 01 00 01""");
    }

    /*
     * pcapplusplus/Packet++Test/PacketExamples/Sll2Packet.pcap frame 1, LINKTYPE_LINUX_SLL2, 60 bytes:
     * 7.249.151.114 → 116.63.66.108 TCP 60 57292 → 443 [ACK] Seq=1 Ack=1 Win=1058 Len=0
     * 0000  08 00 00 00 00 00 00 14 00 01 04 06 d2 cf c2 50   ...............P
     * 0010  15 ea 00 00 45 00 00 28 8b 22 40 00 40 06 59 97   ....E..(."@.@.Y.
     * 0020  07 f9 97 72 74 3f 42 6c df cc 01 bb a7 ab 9f bf   ...rt?Bl........
     * 0030  aa ce b5 e9 50 10 04 22 56 31 00 00               ....P.."V1..
     */
    static byte[] sll2Ipv4Tcp() {
        return Fixtures.bytes("""
                08 00 00 00 00 00 00 14 00 01 04 06 d2 cf c2 50
                15 ea 00 00 45 00 00 28 8b 22 40 00 40 06 59 97
                07 f9 97 72 74 3f 42 6c df cc 01 bb a7 ab 9f bf
                aa ce b5 e9 50 10 04 22 56 31 00 00""");
    }

    /*
     * pcap4j/DltRawTest.pcap frame 1, raw IPv4 (no link header), 32 bytes:
     * 192.0.2.1 → 192.0.2.2 ICMP 32 Echo (ping) request  id=0x04d2, seq=4321/57616, ttl=100
     * 0000  45 00 00 20 00 64 00 00 64 01 d2 75 c0 00 02 01   E.. .d..d..u....
     * 0010  c0 00 02 02 08 00 e0 48 04 d2 10 e1 00 01 02 03   .......H........
     * pcap4j/BsdLoopbackPacketTest.pcap frame 1 is the same packet behind a LINKTYPE_NULL header 02 00 00 00.
     */
    static byte[] ipv4Icmp() {
        return Fixtures.bytes("""
                45 00 00 20 00 64 00 00 64 01 d2 75 c0 00 02 01
                c0 00 02 02 08 00 e0 48 04 d2 10 e1 00 01 02 03""");
    }

    /*
     * pcap4j/DltRawTest.pcap frame 2, raw IPv6, 52 bytes:
     * 2001:db8::3:2:1 → 2001:db8::3:2:2 ICMPv6 52 Echo (ping) request id=0x04d2, seq=4321, hop limit=100
     * 0000  61 21 23 45 00 0c 3a 64 20 01 0d b8 00 00 00 00   a!#E..:d .......
     * 0010  00 00 00 03 00 02 00 01 20 01 0d b8 00 00 00 00   ........ .......
     * 0020  00 00 00 03 00 02 00 02 80 00 0c 83 04 d2 10 e1   ................
     * 0030  00 01 02 03                                       ....
     */
    static byte[] ipv6Icmpv6() {
        return Fixtures.bytes("""
                61 21 23 45 00 0c 3a 64 20 01 0d b8 00 00 00 00
                00 00 00 03 00 02 00 01 20 01 0d b8 00 00 00 00
                00 00 00 03 00 02 00 02 80 00 0c 83 04 d2 10 e1
                00 01 02 03""");
    }

    /*
     * pcap4j/ArpPacketTest.pcap frame 1, LINKTYPE_ETHERNET, 60 bytes (18 of them padding):
     * fe:00:00:00:00:01 → Broadcast ARP 60 Who has 192.0.2.2? Tell 192.0.2.1
     * 0000  ff ff ff ff ff ff fe 00 00 00 00 01 08 06 00 01   ................
     * 0010  08 00 06 04 00 01 fe 00 00 00 00 01 c0 00 02 01   ................
     * 0020  ff ff ff ff ff ff c0 00 02 02 00 00 00 00 00 00   ................
     * 0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
     */
    static byte[] ethArp() {
        return Fixtures.bytes("""
                ff ff ff ff ff ff fe 00 00 00 00 01 08 06 00 01
                08 00 06 04 00 01 fe 00 00 00 00 01 c0 00 02 01
                ff ff ff ff ff ff c0 00 02 02 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00""");
    }

    /*
     * Made by hand: ipv4Icmp() in Ethernet, padded to the 60-byte minimum. tshark (text2pcap):
     * eth:ethertype:ip:icmp:data, ip.len 32, eth.padding 0000000000000000000000000000.
     */
    static byte[] ethIpv4IcmpPadded() {
        return Fixtures.concat(Fixtures.bytes("000000000000 000000000000 0800"), ipv4Icmp(), new byte[14]);
    }
}
