package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NullLinkTest {
    /*
     * pcap4j/BsdLoopbackPacketTest.pcap frame 1 (LINKTYPE_NULL, little-endian host; tshark: null.family 2):
     * 0000  02 00 00 00 45 00 00 20                           ....E..
     */
    @Test
    void littleEndianHost() {
        assertThat(NullLink.family(Fixtures.seg("02000000 4500"), 0, false)).isEqualTo(NullLink.AF_INET);
        assertThat(NullLink.family(Fixtures.seg("1e000000"), 0, false)).isEqualTo(30);
    }

    @Test
    void bigEndianHostIsSwappedBack() {
        assertThat(NullLink.family(Fixtures.seg("00000002"), 0, false)).isEqualTo(NullLink.AF_INET);
        assertThat(NullLink.family(Fixtures.seg("0000001e"), 0, false)).isEqualTo(30);
    }

    /*
     * pcapplusplus-null_loopback.pcap frame 3: an EtherType where the family should be (tshark:
     * null.type 0x0800, then IPv4):
     * 0000  0f 00 08 00 45 00 01 89                           ....E...
     */
    @Test
    void aWordWithTheUpperHalfSetIsSwappedAndMayBeAnEtherType() {
        long v = NullLink.family(Fixtures.seg("0f000800 4500"), 0, false);
        assertThat(v).isEqualTo(0x0f000800L);
        assertThat(NullLink.isEtherType(v)).isTrue();
        assertThat(v & 0xffff).isEqualTo(0x0800);
        assertThat(NullLink.isEtherType(NullLink.AF_INET)).isFalse();
    }

    @Test
    void sixteenBitFamiliesOfIrixAndUnicos() {
        // the family in the upper half, host order
        assertThat(NullLink.family(Fixtures.seg("00000200"), 0, false)).isEqualTo(NullLink.AF_INET);
        // the family in the lower half, written big-endian
        assertThat(NullLink.family(Fixtures.seg("00020000"), 0, false)).isEqualTo(NullLink.AF_INET);
    }

    @Test
    void loopIsNetworkOrder() {
        assertThat(NullLink.family(Fixtures.seg("00000002"), 0, true)).isEqualTo(NullLink.AF_INET);
        // in network order the little-endian bytes are a different, unknown family
        assertThat(NullLink.family(Fixtures.seg("02000000"), 0, true)).isEqualTo(0x02000000L);
    }

    @Test
    void offset() {
        assertThat(NullLink.family(Fixtures.seg("ffff 18000000"), 2, false)).isEqualTo(24);
    }

    @Test
    void inet6Values() {
        // BSD AF_INET6 values: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (Darwin); Linux 10, Windows 23
        assertThat(NullLink.isInet6(24)).isTrue();
        assertThat(NullLink.isInet6(28)).isTrue();
        assertThat(NullLink.isInet6(30)).isTrue();
        assertThat(NullLink.isInet6(10)).isTrue();
        assertThat(NullLink.isInet6(23)).isTrue();
        assertThat(NullLink.isInet6(2)).isFalse();
        assertThat(NullLink.isInet6(0)).isFalse();
    }
}
