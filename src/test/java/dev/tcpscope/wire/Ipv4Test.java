package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class Ipv4Test {
    /*
     * arkime/twovlan.pcap frame 1, the IPv4 header (after Ethernet and two VLAN tags)
     * (tshark: ip.len 60, ip.id 0x13e4, ip.flags.df 1, ip.ttl 64, ip.proto 6, 10.0.0.1 → 10.0.0.2):
     * 0010                    45 00 00 3c 13 e4 40 00 40 06         E..<..@.@.
     * 0020  ef 4c 0a 00 00 01 0a 00 00 02                     .L........
     */
    private static final MemorySegment TCP = Fixtures.seg("45 00 00 3c 13 e4 40 00 40 06 ef 4c 0a 00 00 01 0a 00 00 02");
    /*
     * pcapplusplus/Packet++Test/PacketExamples/IPv4Frag.pcap frame 2, the IPv4 header
     * (tshark: ip.len 1500, ip.id 0x9c89, ip.flags.mf 1, ip.frag_offset 1480, ip.proto 17, 192.168.0.254 → 192.168.0.2):
     * 0000                                            45 00                 E.
     * 0010  05 dc 9c 89 20 b9 40 11 35 7e c0 a8 00 fe c0 a8   .... .@.5~......
     * 0020  00 02                                             ..
     */
    private static final MemorySegment FRAGMENT = Fixtures.seg("45 00 05 dc 9c 89 20 b9 40 11 35 7e c0 a8 00 fe c0 a8 00 02");

    @Test
    void deconstruct() {
        assertThat(Ipv4.version(TCP, 0)).isEqualTo(4);
        assertThat(Ipv4.headerLength(TCP, 0)).isEqualTo(20);
        assertThat(Ipv4.totalLength(TCP, 0)).isEqualTo(60);
        assertThat(Ipv4.id(TCP, 0)).isEqualTo(0x13e4);
        assertThat(Ipv4.moreFragments(TCP, 0)).isFalse();
        assertThat(Ipv4.fragmentOffset(TCP, 0)).isZero();
        assertThat(Bytes.u16(TCP, Ipv4.FLAGS_FRAGMENT) & Ipv4.FLAG_DF).isNotZero();
        assertThat(Ipv4.ttl(TCP, 0)).isEqualTo(64);
        assertThat(Ipv4.protocol(TCP, 0)).isEqualTo(6);
        assertThat(Ipv4.src(TCP, 0)).isEqualTo(0x0a000001);
        assertThat(Ipv4.dst(TCP, 0)).isEqualTo(0x0a000002);
        assertThat(Bytes.u16(TCP, Ipv4.CHECKSUM)).isEqualTo(0xef4c);
    }

    @Test
    void fragment() {
        assertThat(Ipv4.totalLength(FRAGMENT, 0)).isEqualTo(1500);
        assertThat(Ipv4.id(FRAGMENT, 0)).isEqualTo(0x9c89);
        assertThat(Ipv4.moreFragments(FRAGMENT, 0)).isTrue();
        assertThat(Ipv4.fragmentOffset(FRAGMENT, 0)).isEqualTo(1480);
        assertThat(Ipv4.protocol(FRAGMENT, 0)).isEqualTo(17);
        assertThat(Ipv4.src(FRAGMENT, 0)).isEqualTo(0xc0a800fe);   // negative as an int: 192.x
        assertThat(Ipv4.dst(FRAGMENT, 0)).isEqualTo(0xc0a80002);
    }

    @Test
    void headerLengthWithOptionsAndTheLargestOffset() {
        // IHL 15 (60 bytes), DF clear, MF set, offset all ones: 8191 × 8
        MemorySegment s = Fixtures.seg("4f 00 00 3c 00 01 3f ff");
        assertThat(Ipv4.headerLength(s, 0)).isEqualTo(60);
        assertThat(Ipv4.moreFragments(s, 0)).isTrue();
        assertThat(Ipv4.fragmentOffset(s, 0)).isEqualTo(8191 * 8);
        // version nibble and IHL nibble are independent
        assertThat(Ipv4.version(Fixtures.seg("64"), 0)).isEqualTo(6);
        assertThat(Ipv4.headerLength(Fixtures.seg("64"), 0)).isEqualTo(16);
    }
}
