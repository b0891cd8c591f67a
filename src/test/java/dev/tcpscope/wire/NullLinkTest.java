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
