package dev.tcpscope.present;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * ARP bodies (after a 14-byte Ethernet header) built by hand and run through tshark 4.0.17,
 * whose Protocol and Info are the expected values.
 */
class ArpInfoTest {
    private final ArpInfo arp = new ArpInfo(MacNames.none());

    private String run(String body, String protocol) {
        MemorySegment seg = Hex.seg("ffffffffffff0011223344550806" + body.replace(" ", ""));
        StringBuilder sb = new StringBuilder();
        int len = (int) seg.byteSize() - 14;
        assertThat(arp.append(sb, seg, 14, len, len)).isEqualTo(protocol);
        return sb.toString();
    }

    @Test
    void requestsRepliesAndTheirVariants() {
        assertThat(run("0001080006040001 001122334455 0a0a0a02 000000000000 0a0a0a01", "ARP"))
                .isEqualTo("Who has 10.10.10.1? Tell 10.10.10.2");
        assertThat(run("0001080006040002 001d09f092ab 0a0a0a01 001122334455 0a0a0a02", "ARP"))
                .isEqualTo("10.10.10.1 is at 00:1d:09:f0:92:ab");
        assertThat(run("0001080006040001 001122334455 0a0a0a02 ffffffffffff 0a0a0a02", "ARP"))
                .isEqualTo("Gratuitous ARP for 10.10.10.2 (Request)");
        assertThat(run("0001080006040001 001122334455 0a0a0a05 000000000000 0a0a0a05", "ARP"))
                .isEqualTo("ARP Announcement for 10.10.10.5");
        assertThat(run("0001080006040001 001122334455 00000000 000000000000 0a0a0a07", "ARP"))
                .isEqualTo("Who has 10.10.10.7? (ARP Probe)");
        assertThat(run("0001080006040002 001122334455 0a0a0a02 ffffffffffff 0a0a0a02", "ARP"))
                .isEqualTo("Gratuitous ARP for 10.10.10.2 (Reply)");
        assertThat(run("0001080006040001 00aabbccddee 0a0a0a02 000000000000 0a0a0a01", "ARP"))
                .isEqualTo("Who has 10.10.10.1? Tell 10.10.10.2 (duplicate use of 10.10.10.2 detected!)");
        assertThat(run("0001080006040003 001122334455 00000000 001122334455 00000000", "RARP"))
                .isEqualTo("Who is 00:11:22:33:44:55? Tell 00:11:22:33:44:55");
    }

    @Test
    void opcodesWithoutAddressesInInfo() {
        String rest = " 001122334455 01020304 000000000000 01020305";
        assertThat(run("0001080006040007" + rest, "DRARP")).isEqualTo("DRARP Error");
        assertThat(run("000108000604000a" + rest, "ARP")).isEqualTo("ARP NAK");
        assertThat(run("0001080006040018" + rest, "ARP")).isEqualTo("Experimental 1 ( opcode 24 )");
        assertThat(run("0001080006040000" + rest, "ARP")).isEqualTo("Reserved opcode 0");
        assertThat(run("000108000604ffff" + rest, "ARP")).isEqualTo("Reserved opcode 65535");
        assertThat(run("0001080006040064" + rest, "ARP")).isEqualTo("Unknown ARP opcode 0x0064");
        assertThat(run("000108000604000b" + rest, "MARS"))
                .isEqualTo("MARS request from 00:11:22:33:44:55 at 1.2.3.4");
    }

    @Test
    void cutByTheSnapLength() {
        MemorySegment seg = Hex.seg("0001080006040003 001122334455 01020304 000000000000 01020305".replace(" ", ""));
        StringBuilder sb = new StringBuilder();
        // Info reads the target hardware address: cut there, the Protocol is already RARP
        assertThat(arp.append(sb, seg, 0, 16, 28)).isNull();
        assertThat(arp.failedProtocol()).isEqualTo("RARP");
        assertThat(arp.failure()).isEqualTo(PacketList.LIMITED);
        // a DRARP error names no address, so the cut does not show in the list
        seg = Hex.seg("0001080006040007 001122334455 01020304 000000000000 01020305".replace(" ", ""));
        assertThat(arp.append(sb, seg, 0, 16, 28)).isEqualTo("DRARP");
        assertThat(sb).hasToString("DRARP Error");
        // fewer bytes reported than the sizes need: malformed, whatever the capture
        assertThat(arp.append(new StringBuilder(), seg, 0, 16, 20)).isNull();
        assertThat(arp.failedProtocol()).isEqualTo("ARP");
        assertThat(arp.failure()).isEqualTo(PacketList.MALFORMED);
    }

    @Test
    void tooShortIsMalformed() {
        MemorySegment seg = Hex.seg("00010800060400");
        assertThat(arp.append(new StringBuilder(), seg, 0, 7, 7)).isNull();
        assertThat(arp.failure()).isEqualTo(PacketList.MALFORMED);
        assertThat(arp.append(new StringBuilder(), seg, 0, 7, 28)).isNull();
        assertThat(arp.failure()).isEqualTo(PacketList.LIMITED);
    }
}
