package dev.tcpscope.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MptcpAnalysisTest {
    private static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex));
    }

    /*
     * captures/tcpdump-mptcp-fclose.pcap, the MP_CAPABLE options of frames 3 (SYN), 4 (SYN/ACK)
     * and 5 (ACK, both keys). tshark: the client's key 11194187519776155303 gives token
     * 3554470991 and IDSN 7512766147283988405, the server's 14989582283654746948 gives 528961146
     * and 8158535551756803168; MPTCP stream 0, master TCP stream 0, subflows "0 ".
     */
    private static final MemorySegment SYN = seg("1e0c00819b59be3d695e66a7");
    private static final MemorySegment SYN_ACK = seg("1e0c0081d005b1ab34bad344");
    private static final MemorySegment ACK = seg("1e1400819b59be3d695e66a7d005b1ab34bad344");

    @Test
    void keysGiveTokensAndInitialSequenceNumbers() {
        MptcpAnalysis a = new MptcpAnalysis();
        assertThat(a.option(0, true, SYN, 0, 12, 12)).isTrue();
        assertThat(a.option(0, false, SYN_ACK, 0, 12, 12)).isTrue();
        assertThat(a.option(0, true, ACK, 0, 20, 20)).isTrue();
        MptcpAnalysis.Subflow sf = a.subflow(0);
        assertThat(sf.meta(true).token()).isEqualTo(3554470991L);
        assertThat(Long.toUnsignedString(sf.meta(true).baseDsn())).isEqualTo("7512766147283988405");
        assertThat(sf.meta(false).token()).isEqualTo(528961146L);
        assertThat(Long.toUnsignedString(sf.meta(false).baseDsn())).isEqualTo("8158535551756803168");
        assertThat(sf.connection().stream()).isZero();
        assertThat(sf.connection().masterStream()).isZero();
        assertThat(sf.connection().subflowList()).isEqualTo("0 ");
    }

    @Test
    void aJoinFindsItsConnectionByToken() {
        MptcpAnalysis a = new MptcpAnalysis();
        a.option(0, true, SYN, 0, 12, 12);
        a.option(0, false, SYN_ACK, 0, 12, 12);
        // a new subflow (TCP stream 1) joins with the server's token 528961146 = 0x1f874e7a
        assertThat(a.option(1, true, seg("1e0c10011f874e7a00000001"), 0, 12, 12)).isTrue();
        assertThat(a.subflow(1).connection()).isSameAs(a.subflow(0).connection());
        assertThat(a.subflow(1).connection().subflowList()).isEqualTo("1 0 ");
    }

    @Test
    void aDssFirstMakesAConnectionOfItsOwn() {
        MptcpAnalysis a = new MptcpAnalysis();
        assertThat(a.option(3, true, seg("1e0820010000000a"), 0, 8, 8)).isTrue();
        MptcpAnalysis.Connection c = a.subflow(3).connection();
        assertThat(c.stream()).isZero();
        assertThat(c.masterStream()).isEqualTo(-1);
        assertThat(c.subflowList()).isEmpty();
        // an MP_CAPABLE then finds neither direction with a token: Wireshark's assertion
        assertThat(a.option(3, true, SYN, 0, 12, 12)).isFalse();
    }

    @Test
    void operationsBits() {
        assertThat(MptcpAnalysis.operation(0)).isEqualTo(0x01);
        assertThat(MptcpAnalysis.operation(7)).isEqualTo(0x80);
        assertThat(MptcpAnalysis.operation(8)).isZero();
    }
}
