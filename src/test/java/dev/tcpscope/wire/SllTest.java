package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class SllTest {
    /*
     * arkime/gtp-iphone.pcap frame 1, Linux cooked v1 header (tshark: sll.pkttype 0 "Unicast to us",
     * sll.hatype 772 (loopback), sll.halen 6, sll.etype 0x0800):
     * 0000  00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00   ................
     */
    private static final MemorySegment V1 = Fixtures.seg("00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00");
    /*
     * pcap4j/LinuxSllPacketTest.pcap frame 1 (ARP; address length 4 of 8 address bytes):
     * 0000  00 00 00 01 00 04 ff ee dd cc 11 22 33 44 08 06   ..........."3D..
     */
    private static final MemorySegment V1_ARP = Fixtures.seg("00 00 00 01 00 04 ff ee dd cc 11 22 33 44 08 06");
    /*
     * pcapplusplus/Packet++Test/PacketExamples/Sll2Packet.pcap frame 1, Linux cooked v2 header
     * (tshark: sll.etype 0x0800, sll.ifindex 20, sll.hatype 1, sll.pkttype 4 "Sent by us", sll.halen 6):
     * 0000  08 00 00 00 00 00 00 14 00 01 04 06 d2 cf c2 50   ...............P
     * 0010  15 ea 00 00                                       ....
     */
    private static final MemorySegment V2 = Fixtures.seg("08 00 00 00 00 00 00 14 00 01 04 06 d2 cf c2 50 15 ea 00 00");

    @Test
    void v1() {
        assertThat(Sll.v1HaType(V1, 0)).isEqualTo(772);
        assertThat(Sll.v1AddrLength(V1, 0)).isEqualTo(6);
        assertThat(Sll.v1Protocol(V1, 0)).isEqualTo(Ethernet.TYPE_IPV4);
        assertThat(Bytes.u16(V1, Sll.V1_PKTTYPE)).isZero();
    }

    @Test
    void v1Arp() {
        assertThat(Sll.v1HaType(V1_ARP, 0)).isEqualTo(1);
        assertThat(Sll.v1AddrLength(V1_ARP, 0)).isEqualTo(4);
        assertThat(Sll.v1Protocol(V1_ARP, 0)).isEqualTo(Ethernet.TYPE_ARP);
    }

    @Test
    void v2() {
        assertThat(Sll.v2Protocol(V2, 0)).isEqualTo(Ethernet.TYPE_IPV4);
        assertThat(Sll.v2HaType(V2, 0)).isEqualTo(1);
        assertThat(Sll.v2AddrLength(V2, 0)).isEqualTo(6);
        assertThat(Bytes.u32(V2, Sll.V2_IFINDEX)).isEqualTo(20);
        assertThat(Bytes.u8(V2, Sll.V2_PKTTYPE)).isEqualTo(4);
    }

    @Test
    void headerLengths() {
        assertThat(Sll.V1_HEADER_LENGTH).isEqualTo(Sll.V1_PROTOCOL + 2);
        assertThat(Sll.V2_HEADER_LENGTH).isEqualTo(Sll.V2_ADDR + 8);
    }
}
