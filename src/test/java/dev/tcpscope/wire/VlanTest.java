package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class VlanTest {
    /*
     * arkime/twovlan.pcap frame 1, Ethernet + two 802.1Q tags (tshark: VLAN 201 PRI 0, VLAN 200 PRI 4 DEI 1):
     * 0000  00 09 0f db f4 3e 00 0c 29 c1 2d 24 81 00 00 c9   .....>..).-$....
     * 0010  81 00 90 c8 08 00 45 00                           ......E.
     */
    private static final MemorySegment S = Fixtures.seg("""
            00 09 0f db f4 3e 00 0c 29 c1 2d 24 81 00 00 c9
            81 00 90 c8 08 00 45 00""");

    @Test
    void outerTag() {
        assertThat(Ethernet.type(S, 0)).isEqualTo(Ethernet.TYPE_VLAN);
        assertThat(Vlan.priority(S, 14)).isZero();
        assertThat(Vlan.dei(S, 14)).isZero();
        assertThat(Vlan.id(S, 14)).isEqualTo(201);
        assertThat(Vlan.type(S, 14)).isEqualTo(Ethernet.TYPE_VLAN);
    }

    @Test
    void innerTag() {
        assertThat(Vlan.priority(S, 18)).isEqualTo(4);
        assertThat(Vlan.dei(S, 18)).isEqualTo(1);
        assertThat(Vlan.id(S, 18)).isEqualTo(200);
        assertThat(Vlan.type(S, 18)).isEqualTo(Ethernet.TYPE_IPV4);
    }

    @Test
    void allBitsSet() {
        MemorySegment s = Fixtures.seg("ffff 86dd");
        assertThat(Vlan.priority(s, 0)).isEqualTo(7);
        assertThat(Vlan.dei(s, 0)).isEqualTo(1);
        assertThat(Vlan.id(s, 0)).isEqualTo(4095);
        assertThat(Vlan.type(s, 0)).isEqualTo(Ethernet.TYPE_IPV6);
    }
}
