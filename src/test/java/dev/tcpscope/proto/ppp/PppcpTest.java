package dev.tcpscope.proto.ppp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PPP's LCP, IPCP, IPV6CP, PAP and CHAP are what tshark 4.0.17 prints (goldens by
 * scripts/make-pppcp-goldens.sh: the packet list of every frame and, for the frames
 * {@code -Y "lcp || ipcp || ipv6cp || pap || chap"} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on Zeek's pppoe (a whole dialogue), PcapPlusPlus' PPPoESession,
 * tcpdump's pppoes and ppp-invalid-lengths (an IPCP option with IPHC suboptions, lengths past
 * the end), tcpdump's pptp (Callback, MRRU and Endpoint Discriminator options) and the crafted
 * captures/synth-ppp.pcap (PppScenarios); and thousands of mutated
 * control-protocol packets never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class PppcpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/pppcp");
    private static final String FILTER = "lcp || ipcp || ipv6cp || pap || chap";
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final List<String> CAPTURES = List.of("zeek-pppoe.pcap", "pcapplusplus-PPPoESession.pcap",
            "tcpdump-pppoes.pcap", "tcpdump-ppp-invalid-lengths.pcap", "tcpdump-pptp.pcap", "synth-ppp.pcap");

    /** Goldens tcpscope does not match yet, and why (docs/PPP.md, "Not built"). */
    private static final Map<String, String> KNOWN_GAPS = Map.ofEntries();

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, FILTER, KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(CAPTURES.size() * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void controlProtocolsAreWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    /** The fields filter reaches the options' items: the magic numbers of Zeek's LCP requests. */
    @Test
    void fieldsFilter() {
        CliRun run = CliRun.of("read", "captures/zeek-pppoe.pcap", "-Y", "lcp.opt.magic_number == 0x05fcd459 && ppp.code == 1",
                "-T", "fields", "-e", "frame.number", "-e", "ppp.identifier");
        assertThat(run.out()).isEqualTo("5\t1\n");
    }

    /**
     * 8,000 mutations of LCP, IPCP, IPV6CP, PAP and CHAP packets over PPPoE (bytes changed in the
     * code, the lengths and the options, sometimes cut by the snap length): every format reads them
     * to the end, quickly.
     */
    @Test
    void mutatedPacketsNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat h = HexFormat.of();
        String[] seeds = {
            "c0210107002a010405dc0305c223050304c0230404c0250506a1b2c3d407020802fe03aa0306c0230102",
            "c021090c000ca1b2c3d401020304",
            "c0210113002e0206000a0000060600002710090303" + "0a0305" + "0b0504aabb" + "0d0501abcd" + "130701aabbccdd" + "150301" + "170400aa", "c0210d0f0013a1b2c3d40000012c627965", "c021080c000a80fd01020304",
            "802101010034" + "03060a000001810600000000830600000000" + "02140061001000100000000000050102030301",
            "80210302001a020e0003000f05dc002801040002" + "0206002d0f01",
            "805701010012010a020000fffe0000010904aabb",
            "c02301010010056369736f6f0563697363", "c023020100090462616421",
            "c2230101001a1000112233445566778899aabbccddeeff726f75746572", "c2230301000b57656c636f6d65",
        };
        Random r = new Random(29);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new dev.tcpscope.synth.PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 8_000; i++) {
                byte[] ppp = h.parseHex(seeds[r.nextInt(seeds.length)]);
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = 2 + r.nextInt(ppp.length - 2);
                    ppp[at] = (byte) (r.nextInt(4) == 0 ? 0xff : r.nextInt(3) == 0 ? r.nextInt(256) : ppp[at] ^ 1 << r.nextInt(8));
                }
                List<Byte> frame = new ArrayList<>();
                for (byte b : h.parseHex("020000000002020000000001886411001234")) {
                    frame.add(b);
                }
                frame.add((byte) (ppp.length >> 8));
                frame.add((byte) ppp.length);
                for (byte b : ppp) {
                    frame.add(b);
                }
                byte[] f = new byte[Math.max(60, frame.size())];
                for (int k = 0; k < frame.size(); k++) {
                    f[k] = frame.get(k);
                }
                int captured = r.nextInt(5) == 0 ? r.nextInt(f.length + 1) : f.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, f, 0, captured, f.length);
            }
        }
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-2", "-T", "json", "-x"},
                new String[] {"-T", "ek"}, new String[] {"-T", "pdml"}, new String[] {"-T", "fields", "-e", "ppp.code",
                    "-e", "lcp.opt.type", "-e", "ipcp.opt.ip_address", "-e", "pap.peer_id", "-e", "chap.name", "-e", "frame.protocols"},
                new String[] {"-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("seven reads of the mutated packets").isLessThan(180_000_000_000L);
    }
}
