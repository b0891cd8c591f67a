package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class EthernetTest {
    /*
     * pcap4j/ArpPacketTest.pcap frame 1 (tshark: "fe:00:00:00:00:01 → Broadcast ARP 60 Who has 192.0.2.2? Tell 192.0.2.1"):
     * 0000  ff ff ff ff ff ff fe 00 00 00 00 01 08 06 00 01   ................
     */
    private static final String ARP_HEAD = "ffffffffffff fe0000000001 0806 0001";
    /*
     * /work/main/captures/learn_tcp.pcapng frame 1, the first 16 bytes (loopback: zero MACs):
     * 0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.
     */
    private static final String IPV4_HEAD = "000000000000 000000000000 0800 4500";

    @Test
    void typeIsTheTwoBytesAfterTheAddresses() {
        assertThat(Ethernet.type(Fixtures.seg(ARP_HEAD), 0)).isEqualTo(Ethernet.TYPE_ARP);
        assertThat(Ethernet.type(Fixtures.seg(IPV4_HEAD), 0)).isEqualTo(Ethernet.TYPE_IPV4);
    }

    @Test
    void offsetsAreRelativeToTheHeader() {
        MemorySegment s = Fixtures.seg("aabbcc" + ARP_HEAD);
        assertThat(Ethernet.type(s, 3)).isEqualTo(0x0806);
        assertThat(Ethernet.DST).isZero();
        assertThat(Ethernet.SRC).isEqualTo(6);
        assertThat(Ethernet.HEADER_LENGTH).isEqualTo(14);
    }

    @Test
    void an802_3LengthIsAtMost1500() {
        // IEEE 802.3 clause 3.2.6: 0x05dc is the largest length, 0x0600 the smallest type
        assertThat(Ethernet.type(Fixtures.seg("ffffffffffff 000000000001 05dc"), 0))
                .isLessThanOrEqualTo(Ethernet.MAX_802_3_LENGTH);
        assertThat(Ethernet.type(Fixtures.seg("ffffffffffff 000000000001 0600"), 0))
                .isGreaterThan(Ethernet.MAX_802_3_LENGTH);
    }
}
