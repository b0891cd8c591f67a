package dev.tcpscope.present;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacNamesTest {
    private static final Path DATA = Path.of("/usr/share/wireshark");
    private static MacNames system;

    private static synchronized MacNames systemNames() {
        if (system == null) system = MacNames.load(DATA, null);
        return system;
    }

    /**
     * Expected texts are tshark 4.0.17's Destination column (its default name resolution, with
     * the manuf/wka files of Debian's libwireshark-data 4.0.17) for Ethernet frames to these
     * addresses.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        ffffffffffff | Broadcast
        01005e0000fb | IPv4mcast_fb
        01005e7fffff | IPv4mcast_7f:ff:ff
        01005e000102 | IPv4mcast_01:02
        01005e000000 | IPv4mcast_00
        01005e800001 | IPv4mcast_80:00:01
        333300000001 | IPv6mcast_01
        3333ff000001 | IPv6mcast_ff:00:00:01
        333301000000 | IPv6mcast_01:00:00:00
        000c29aabbcc | VMware_aa:bb:cc
        000c29000000 | VMware_00:00:00
        001bc5000123 | Convergi_01:23
        001bc5000000 | Convergi_00
        001bc5000fff | Convergi_0f:ff
        0050c2000abc | TLS_0a:bc
        0180c2000000 | Spanning-tree-(for-bridges)_00
        0180c200000e | LLDP_Multicast
        0180c2000031 | OAM-Multicast-DA-Class-1_01
        01003c123456 | Auspex-Systems-(Serverguard)_12:34:56
        0100ccdddddd | Densan_dd:dd:dd
        020000000001 | 02:00:00:00:00:01
        030000000000 | 03:00:00:00:00:00
        00000c07ac05 | All-HSRP-routers_05
        00005e000105 | IETF-VRRP-VRID_05
        0000000000fe | 00:00:00_00:00:fe
        0c0c0c0c0c0c | 0c:0c:0c:0c:0c:0c
        01000c000001 | ISL-Frame_01
        00bf00000100 | MS-NLB-VirtServer_01:00
        00bf01020304 | MS-NLB-VirtServer_01:02:03:04
        020496000001 | ExtremeNetworks_01
        020496010203 | ExtremeNetworks_01:02:03
        0110180000ff | FCoE-group_ff
        cf0000000000 | Ethernet-Configuration-Test-protocol-(Loopback)
        090007ffffff | AppleTalk-broadcast-address
        """)
    void namesLikeTshark(String hex, String expected) {
        assumeTrue(Files.isReadable(DATA.resolve("manuf")), "Wireshark's manuf is not installed");
        MacNames names = systemNames();
        assertThat(names.loaded()).isTrue();
        assertThat(names.name(Hex.seg("ee" + hex), 1)).isEqualTo(expected);
        assertThat(names.name(Hex.seg(hex), 0)).as("cached").isEqualTo(expected);
    }

    @Test
    void noneResolvesNothing() {
        MacNames none = MacNames.none();
        assertThat(none.loaded()).isFalse();
        assertThat(none.name(Hex.seg("ffffffffffff"), 0)).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(none.name(Hex.seg("000c29aabbcc"), 0)).isEqualTo("00:0c:29:aa:bb:cc");
    }

    @Test
    void smallFilesEthersFirstThenRangesThenOui(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("manuf"), """
            # comment
            00:00:0C\tCisco\tCisco Systems, Inc
            00:1B:C5:00:00:00/36\tConvergi\tConverging Systems Inc.
            zz:zz:zz\tBad
            """);
        Files.writeString(dir.resolve("wka"), "FF-FF-FF-FF-FF-FF\tBroadcast\n01-00-5E/25\t\tIPv4mcast\n");
        Path ethers = dir.resolve("ethers");
        Files.writeString(ethers, "00:00:0c:12:34:56 router # mine\n00-00-0c-12-34-56 second\n");
        MacNames names = MacNames.load(dir, ethers);
        assertThat(names.name(0x00000c123456L)).isEqualTo("router");
        assertThat(names.name(0x00000c123457L)).isEqualTo("Cisco_12:34:57");
        assertThat(names.name(0x01000c123457L)).isEqualTo("Cisco_12:34:57");
        assertThat(names.name(0x001bc5000123L)).isEqualTo("Convergi_01:23");
        assertThat(names.name(0xffffffffffffL)).isEqualTo("Broadcast");
        assertThat(names.name(0x01005e0000fbL)).isEqualTo("IPv4mcast_fb");
        assertThat(names.name(0x123456789abcL)).isEqualTo("12:34:56:78:9a:bc");
    }

    @Test
    void ouiNamesAreManufsLongNamesOfWholeOuisOnly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("manuf"), """
            00:00:0C\tCisco\tCisco Systems, Inc # a comment
            00:00:0D\tFibronic
            00:1B:C5:00:00:00/36\tConvergi\tConverging Systems Inc.
            00:00:0E\tFirst\tFirst long
            00:00:0E\tSecond\tSecond long
            """);
        Files.writeString(dir.resolve("wka"), "01-00-3C\tAuspex\n");
        OuiNames ouis = MacNames.load(dir, null).ouiNames();
        assertThat(ouis.name(0x00000c)).isEqualTo("Cisco Systems, Inc");
        assertThat(ouis.name(0x00000d)).isEqualTo("Fibronic");
        assertThat(ouis.name(0x00000e)).isEqualTo("Second long");
        assertThat(ouis.name(0x001bc5)).isNull();
        assertThat(ouis.name(0x01003c)).isNull();
        assertThat(MacNames.none().ouiNames().name(0x00000c)).isNull();
    }

    @Test
    void missingDirectoryResolvesNothing(@TempDir Path dir) {
        assertThat(MacNames.load(dir.resolve("absent"), null).loaded()).isFalse();
    }
}
