package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class UdpTest {
    /*
     * arkime/gtp-iphone.pcap frame 1, the outer UDP header (tshark: udp.srcport 2152, udp.dstport 2152,
     * udp.length 89, udp.checksum 0x00d0):
     * 0020              08 68 08 68 00 59 00 d0               .h.h.Y..
     */
    private static final MemorySegment GTP = Fixtures.seg("08 68 08 68 00 59 00 d0");

    @Test
    void deconstruct() {
        assertThat(Udp.srcPort(GTP, 0)).isEqualTo(2152);
        assertThat(Udp.dstPort(GTP, 0)).isEqualTo(2152);
        assertThat(Udp.length(GTP, 0)).isEqualTo(89);
        assertThat(Bytes.u16(GTP, Udp.CHECKSUM)).isEqualTo(0x00d0);
    }

    @Test
    void unsignedAndOffset() {
        // pcap4j/IpV6ExtHopByHopOptionsPacketTest.pcap frame 1: 162 → 0, length 12, after 3 other bytes
        MemorySegment s = Fixtures.seg("112233 00a2 0000 000c a1b1 ffff ffff ffff");
        assertThat(Udp.srcPort(s, 3)).isEqualTo(162);
        assertThat(Udp.dstPort(s, 3)).isZero();
        assertThat(Udp.length(s, 3)).isEqualTo(12);
        assertThat(Udp.srcPort(s, 11)).isEqualTo(65535);
        assertThat(Udp.length(s, 11)).isEqualTo(65535);
    }
}
