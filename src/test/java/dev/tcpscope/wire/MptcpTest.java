package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class MptcpTest {
    /* captures/tcpdump-mptcp-fclose.pcap frame 6: a DSS with a 4-byte data ACK and a mapping. */
    private static final MemorySegment DSS = Fixtures.seg("1e142005c9dc1c61b1712fb60000000100019e91");

    /* captures/tcpdump-mptcp-dss-oobr.pcap frame 1: a DSS of 3 bytes, no room for its flags. */
    private static final MemorySegment SHORT_DSS = Fixtures.seg("1e0320");

    @Test
    void deconstruct() {
        assertThat(Mptcp.subtype(DSS, 0)).isEqualTo(Mptcp.DSS);
        assertThat(Bytes.u8(DSS, 3) & 0x1f).isEqualTo(Mptcp.DSS_MAPPING | Mptcp.DSS_DATA_ACK);
        assertThat(Mptcp.u64(Fixtures.seg("ffffffff00000001"), 0)).isEqualTo(0xffffffff00000001L);
        assertThat(Mptcp.subtypeName(7)).isEqualTo("Fast Close");
        assertThat(Mptcp.subtypeName(12)).isEqualTo("Unknown (12)");
    }

    @Test
    void readsWithinTheOption() {
        assertThat(Mptcp.firstFailingRead(DSS, 0, 20, 20)).isZero();
        // MP_CAPABLE of a SYN (12 bytes) and Fast Close (12 bytes)
        assertThat(Mptcp.firstFailingRead(Fixtures.seg("1e0c00819b59be3d695e66a7"), 0, 12, 12)).isZero();
        assertThat(Mptcp.firstFailingRead(Fixtures.seg("1e0c7000d005b1ab34bad344"), 0, 12, 12)).isZero();
    }

    @Test
    void readsPastTheOption() {
        assertThat(Mptcp.firstFailingRead(SHORT_DSS, 0, 3, 3)).isEqualTo(4);
        // a DSS announcing an 8-byte data ACK in 8 bytes
        assertThat(Mptcp.firstFailingRead(Fixtures.seg("1e08200300000000"), 0, 8, 8)).isEqualTo(12);
        // Fast Close without its key
        assertThat(Mptcp.firstFailingRead(Fixtures.seg("1e047000"), 0, 4, 4)).isEqualTo(12);
        // two bytes: not even the subtype
        assertThat(Mptcp.firstFailingRead(Fixtures.seg("1e02"), 0, 2, 2)).isEqualTo(3);
    }

    @Test
    void readsPastTheCapturedBytes() {
        // the DSS's mapping cut by the capture: the read fails inside the option
        assertThat(Mptcp.firstFailingRead(DSS, 0, 20, 10)).isEqualTo(12);
    }

    @Test
    void theWalkStopsAfterAShortMptcpOption() {
        // tcpdump-mptcp-dss-oobr.pcap frame 1's options: MSS, SACK_PERM, timestamps, the short DSS, EOL
        MemorySegment h = Fixtures.seg("e01a0017000000000000000000a002801800000000"
                .substring(0, 40) + "0204400c0402080a23975534000000001e032000");
        TcpOptionWalk w = new TcpOptionWalk().reset(h, 0, 40, 40);
        assertThat(w.next()).isEqualTo(Tcp.OPT_MSS);
        assertThat(w.next()).isEqualTo(Tcp.OPT_SACK_PERM);
        assertThat(w.next()).isEqualTo(Tcp.OPT_TIMESTAMP);
        assertThat(w.next()).isEqualTo(Tcp.OPT_MPTCP);
        assertThat(w.length()).isEqualTo(3);
        assertThat(w.next()).isEqualTo(TcpOptionWalk.MALFORMED);
        assertThat(w.next()).isEqualTo(TcpOptionWalk.MALFORMED);
    }
}
