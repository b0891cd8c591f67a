package dev.tcpscope.proto.ppp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * PPP over Ethernet and PPP in GRE against tshark 4.0.17 with pppoes, pppoed, pppoe and ppp
 * enabled (goldens by scripts/make-ppp-goldens.sh), in the list, -V, -2 -V, -T json -x, -T ek,
 * -T fields and -z expert: the crafted captures/synth-ppp.pcap (PppScenarios: both protocol
 * field widths, IPv6, control and unknown protocols, payload lengths that disagree with the frame,
 * cut headers, every Discovery tag kind and wrong lengths, PPP in GRE), the PPPoE and PPTP
 * captures of Arkime, Zeek, tcpdump and PcapPlusPlus, and captures of the PPP link types (pcap4j,
 * tcpdump's MPLS over PPP and ICMP extensions, Zeek's QUIC over PPP); and 20,000 mutated frames
 * never end a read.
 */
@ExtendWith(UtcTimeZone.class)
class PppTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/ppp");

    static Stream<String[]> cases() throws IOException {
        return GoldenText.layerCases(GOLDEN, 14);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        GoldenText.assertLayerGolden(GOLDEN, Map.of(), capture, format);
    }

    /**
     * 20,000 mutations of PPPoE Session and Discovery frames and of PPP in GRE, bytes changed in
     * the headers, the tags and the protocol field, cut short by the snap length: every format
     * reads them to the end, and a tag length of 65,535 costs no more than the bytes there are.
     */
    @Test
    void mutatedFramesNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat h = HexFormat.of();
        String ip = "4500001c000100004011000a0a0400010a04000213881770000800000000";
        byte[][] seeds = {
            h.parseHex("8864" + "1100123400200021" + ip),
            h.parseHex("8864" + "11001234001f21" + ip),
            h.parseHex("8864" + "110012340010c0210101000e010405d40506cafe"),
            h.parseHex("8863" + "110700000020010100000103000464138518010200044252415301040004aabbccdd0000"),
            h.parseHex("8863" + "11650011000c01050008000000090102030401100002abcd"),
            h.parseHex("0800" + "4500003800010000402f0000" + "0a0400010a040002" + "3081880b001c00070000000100000001" + "ff030021" + ip),
        };
        Random r = new Random(23);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new dev.tcpscope.synth.PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    m[2 + r.nextInt(Math.min(m.length - 2, 48))] = (byte) (r.nextInt(4) == 0 ? 0xff : r.nextInt(256));
                }
                byte[] frame = new byte[12 + m.length];
                System.arraycopy(h.parseHex("020000000002020000000001"), 0, frame, 0, 12);
                System.arraycopy(m, 0, frame, 12, m.length);
                if (frame.length < 60) {
                    frame = java.util.Arrays.copyOf(frame, 60);
                }
                int captured = r.nextInt(5) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-2", "-T", "json", "-x"},
                new String[] {"-T", "ek"}, new String[] {"-T", "fields", "-e", "pppoe.payload_length", "-e", "pppoed.tags.ac_name",
                    "-e", "ppp.protocol", "-e", "frame.protocols"});
    }
}
