package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class TcpTest {
    /*
     * /work/main/captures/learn_tcp.pcapng frame 1, the TCP header (tshark: "5201 → 5200 [SYN] Seq=0
     * Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3503373003 TSecr=0 WS=1024", tcp.seq_raw 194020095,
     * tcp.hdr_len 40, tcp.checksum 0xfe30):
     * 0020        14 51 14 50 0b 90 82 ff 00 00 00 00 a0 02     .Q.P..........
     * 0030  ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d0 d1   ...0............
     * 0040  3a cb 00 00 00 00 01 03 03 0a                     :.........
     */
    private static final MemorySegment SYN = Fixtures.seg("""
            14 51 14 50 0b 90 82 ff 00 00 00 00 a0 02
            ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d0 d1
            3a cb 00 00 00 00 01 03 03 0a""");

    @Test
    void deconstruct() {
        assertThat(Tcp.srcPort(SYN, 0)).isEqualTo(5201);
        assertThat(Tcp.dstPort(SYN, 0)).isEqualTo(5200);
        assertThat(Tcp.seq(SYN, 0)).isEqualTo(194_020_095L);
        assertThat(Tcp.ack(SYN, 0)).isZero();
        assertThat(Tcp.headerLength(SYN, 0)).isEqualTo(40);
        assertThat(Tcp.flags(SYN, 0)).isEqualTo(Tcp.SYN);
        assertThat(Tcp.window(SYN, 0)).isEqualTo(65495);
        assertThat(Bytes.u16(SYN, Tcp.CHECKSUM)).isEqualTo(0xfe30);
        assertThat(Tcp.urgentPointer(SYN, 0)).isZero();
        // options: MSS 65495, SACK_PERM, timestamps, NOP, WS 10
        assertThat(Bytes.u8(SYN, 20)).isEqualTo(Tcp.OPT_MSS);
        assertThat(Bytes.u16(SYN, 22)).isEqualTo(65495);
        assertThat(Bytes.u8(SYN, 24)).isEqualTo(Tcp.OPT_SACK_PERM);
        assertThat(Bytes.u8(SYN, 26)).isEqualTo(Tcp.OPT_TIMESTAMP);
        assertThat(Bytes.u32(SYN, 28)).isEqualTo(3_503_373_003L);
        assertThat(Bytes.u8(SYN, 36)).isEqualTo(Tcp.OPT_NOP);
        assertThat(Bytes.u8(SYN, 37)).isEqualTo(Tcp.OPT_WS);
        assertThat(Bytes.u8(SYN, 39)).isEqualTo(10);
    }

    @Test
    void largeUnsignedValues() {
        // seq and ack with the high bit set, every flag bit and the reserved bits, all-ones window and urgent
        MemorySegment s = Fixtures.seg("ffff 0001 fffffffe 80000000 5fff ffff 0000 ffff");
        assertThat(Tcp.srcPort(s, 0)).isEqualTo(65535);
        assertThat(Tcp.dstPort(s, 0)).isEqualTo(1);
        assertThat(Tcp.seq(s, 0)).isEqualTo(0xfffffffeL);
        assertThat(Tcp.ack(s, 0)).isEqualTo(0x80000000L);
        assertThat(Tcp.headerLength(s, 0)).isEqualTo(20);
        assertThat(Tcp.flags(s, 0)).isEqualTo(0xfff);
        assertThat(Tcp.flags(s, 0) & Tcp.RESERVED).isEqualTo(Tcp.RESERVED);
        assertThat(Tcp.window(s, 0)).isEqualTo(65535);
        assertThat(Tcp.urgentPointer(s, 0)).isEqualTo(65535);
    }

    @Test
    void flagBitsAreWhereRfc9293PutsThem() {
        // 0x50 0x12: data offset 5, SYN+ACK; 0x51 0x00: NS only; 0xf0 0x29: offset 60, URG+PSH+FIN
        assertThat(Tcp.flags(Fixtures.seg("000000000000000000000000 5012"), 0)).isEqualTo(Tcp.SYN | Tcp.ACK_FLAG);
        assertThat(Tcp.flags(Fixtures.seg("000000000000000000000000 5100"), 0)).isEqualTo(Tcp.NS);
        MemorySegment s = Fixtures.seg("000000000000000000000000 f029");
        assertThat(Tcp.flags(s, 0)).isEqualTo(Tcp.URG | Tcp.PSH | Tcp.FIN);
        assertThat(Tcp.headerLength(s, 0)).isEqualTo(60);
    }
}
