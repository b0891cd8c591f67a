package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class Ipv6Test {
    /*
     * pcap4j/IpV6ExtHopByHopOptionsPacketTest.pcap frame 1, from the IPv6 header on
     * (tshark: ipv6.plen 20, ipv6.nxt 0, ipv6.hlim 100, 2001:db8::3:2:1 → 2001:db8::3:2:2, hop-by-hop → UDP):
     * 0000                                            61 21                 a!
     * 0010  23 45 00 14 00 64 20 01 0d b8 00 00 00 00 00 00   #E...d .........
     * 0020  00 03 00 02 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
     * 0030  00 03 00 02 00 02 11 00 00 01 03 00 00 00 00 a2   ................
     * 0040  00 00 00 0c a1 b1 00 01 02 03                     ..........
     */
    private static final MemorySegment S = Fixtures.seg("""
            61 21
            23 45 00 14 00 64 20 01 0d b8 00 00 00 00 00 00
            00 03 00 02 00 01 20 01 0d b8 00 00 00 00 00 00
            00 03 00 02 00 02 11 00 00 01 03 00 00 00 00 a2
            00 00 00 0c a1 b1 00 01 02 03""");

    @Test
    void deconstruct() {
        assertThat(Ipv6.version(S, 0)).isEqualTo(6);
        assertThat(Ipv6.payloadLength(S, 0)).isEqualTo(20);
        assertThat(Ipv6.nextHeader(S, 0)).isEqualTo(Ipv6.EXT_HOP_BY_HOP);
        assertThat(Ipv6.hopLimit(S, 0)).isEqualTo(100);
        assertThat(Bytes.u32(S, Ipv6.VERSION_CLASS_FLOW) & 0xfffff).isEqualTo(0x12345);   // flow label
        assertThat(Bytes.u32(S, Ipv6.SRC)).isEqualTo(0x20010db8L);
        assertThat(Bytes.u32(S, Ipv6.DST + 12)).isEqualTo(0x00020002L);
        // the hop-by-hop header: next header 17, length 0 (8 bytes)
        assertThat(Bytes.u8(S, Ipv6.HEADER_LENGTH)).isEqualTo(17);
        assertThat(Bytes.u8(S, Ipv6.HEADER_LENGTH + 1)).isZero();
    }

    @Test
    void extensionHeaders() {
        assertThat(Ipv6.isExtension(Ipv6.EXT_HOP_BY_HOP)).isTrue();
        assertThat(Ipv6.isExtension(Ipv6.EXT_ROUTING)).isTrue();
        assertThat(Ipv6.isExtension(Ipv6.EXT_FRAGMENT)).isTrue();
        assertThat(Ipv6.isExtension(Ipv6.EXT_DESTINATION)).isTrue();
        assertThat(Ipv6.isExtension(6)).isFalse();
        assertThat(Ipv6.isExtension(17)).isFalse();
        assertThat(Ipv6.isExtension(58)).isFalse();
        assertThat(Ipv6.isExtension(Ipv6.NO_NEXT_HEADER)).isFalse();
    }

    @Test
    void versionIsTheHighNibble() {
        assertThat(Ipv6.version(Fixtures.seg("45"), 0)).isEqualTo(4);
        assertThat(Ipv6.version(Fixtures.seg("ff"), 0)).isEqualTo(15);
    }
}
