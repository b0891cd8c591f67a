package dev.tcpscope.present;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.RawPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The addresses packet-ipv6.c takes apart: 6to4 (RFC 3056), Teredo (RFC 4380, the client's port
 * and address inverted), SLAAC (RFC 4291) and ISATAP (RFC 5214), in its order (each kind for the
 * source, then the destination). Five crafted IPv6/UDP frames; every expected string was printed
 * by tshark 4.0.17 ({@code tshark -r F -V} and {@code -T fields -e ... -Y ...}) on the same frames.
 */
class Ipv6EmbeddedAddressTest {
    private static final String TEREDO = "2001:0:4136:e378:8000:63bf:3fff:fdd2";

    private static Path capture(Path dir) throws IOException {
        String[][] pairs = {
            {TEREDO, "2002:c000:204::1"},
            {"fe80::5efe:c000:204", "fe80::211:22ff:fe33:4455"},
            {TEREDO, "2001::1"},
            {"fe80::200:5efe:c000:205", TEREDO},
            {"fe80::211:22ff:fe33:4455", "fe80::200:5efe:c000:205"},
        };
        Path f = dir.resolve("ipv6-embedded.pcap");
        try (OutputStream os = Files.newOutputStream(f)) {
            PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
            long t = 1_700_000_000_000_000_000L;
            for (String[] p : pairs) {
                byte[] udp = ByteBuffer.allocate(8).putShort((short) 1000).putShort((short) 2000).putShort((short) 8).array();
                byte[] ip = ByteBuffer.allocate(48).putInt(0x60000000).putShort((short) 8).put((byte) 17).put((byte) 64)
                        .put(InetAddress.getByName(p[0]).getAddress()).put(InetAddress.getByName(p[1]).getAddress()).put(udp).array();
                byte[] frame = RawPackets.ethernet(0x86dd, ip);
                w.write(t, frame, 0, frame.length);
                t += 1_000_000_000L;
            }
            w.close();
        }
        return f;
    }

    private static List<String> embedded(CliRun run) {
        return run.out().lines().filter(l -> l.matches("^    \\[.*(ISATAP|Teredo|6to4|SLAAC).*")).toList();
    }

    @Test
    void eachKindForTheSourceThenTheDestination(@TempDir Path dir) throws IOException {
        Path f = capture(dir);
        assertThat(embedded(CliRun.of("read", f.toString(), "-V", "-Y", "frame.number == 1"))).containsExactly(
                "    [Destination 6to4 Gateway IPv4: 192.0.2.4]",
                "    [Destination 6to4 SLA ID: 0]",
                "    [Source Teredo Server IPv4: 65.54.227.120]",
                "    [Source Teredo Port: 40000]",
                "    [Source Teredo Client IPv4: 192.0.2.45]");
        assertThat(embedded(CliRun.of("read", f.toString(), "-V", "-Y", "frame.number == 4"))).containsExactly(
                "    [Destination Teredo Server IPv4: 65.54.227.120]",
                "    [Destination Teredo Port: 40000]",
                "    [Destination Teredo Client IPv4: 192.0.2.45]",
                "    [Source ISATAP IPv4: 192.0.2.5]");
    }

    @Test
    void theEmbeddedValuesFilterAndPrint(@TempDir Path dir) throws IOException {
        Path f = capture(dir);
        CliRun run = CliRun.of("read", f.toString(), "-T", "fields", "-e", "frame.number", "-e", "ipv6.tc_ipv4",
                "-e", "ipv6.isatap_ipv4", "-e", "ipv6.6to4_sla_id", "-Y", "ipv6.tc_port == 40000 || ipv6.isatap_ipv4");
        assertThat(run.out().lines().toList()).containsExactly(
                "1\t192.0.2.45\t\t0",
                "2\t\t192.0.2.4\t",
                "3\t192.0.2.45,255.255.255.254\t\t",
                "4\t192.0.2.45\t192.0.2.5\t",
                "5\t\t192.0.2.5\t");
    }
}
