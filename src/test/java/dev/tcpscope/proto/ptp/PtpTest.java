package dev.tcpscope.proto.ptp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.synth.RawPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PTP is what tshark 4.0.17 prints (goldens by scripts/make-ptp-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y ptp} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on the crafted captures/synth-ptp.pcap (PtpScenarios) and
 * tcpdump's and Arkime's PTP captures; and mutated messages over UDP and Ethernet never end a
 * read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class PtpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/ptp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "ptp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(7 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void ptpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    @Test
    void percentFIsCsRounding() {
        assertThat(PtpWalk.fixed6(36035.0)).isEqualTo("36035.000000");
        assertThat(PtpWalk.fixed6(-1234 + 0.5)).isEqualTo("-1233.500000");
        assertThat(PtpWalk.fixed6(1 / 65536.0)).isEqualTo("0.000015");
        assertThat(PtpWalk.fixed6(0.0000005)).isEqualTo("0.000000"); // the double is just below the half
    }

    /**
     * 20,000 mutations of real PTP messages (every type, TLVs with lengths that may run anywhere),
     * over UDP 319/320 and EtherType 0x88F7: every read ends normally and quickly.
     */
    @Test
    void mutatedMessagesNeverBreakARead(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[][] seeds = seeds();
        Random r = new Random(11);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new dev.tcpscope.synth.PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits && m.length > 0; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                if (r.nextInt(4) == 0) {
                    m = java.util.Arrays.copyOf(m, r.nextInt(m.length + 1));
                }
                byte[] frame = r.nextBoolean()
                        ? RawPackets.ethernet(0x88f7, m)
                        : RawPackets.ethernet(0x0800, RawPackets.ipv4(17, new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2},
                                RawPackets.udp4(319 + r.nextInt(2), 319 + r.nextInt(2), m)));
                int captured = r.nextInt(8) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 20,000 frames").isLessThan(120_000_000_000L);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    /** The PTP messages of the tcpdump captures and of the crafted one, each a seed. */
    private static byte[][] seeds() {
        return new byte[][] {
            hex("0002002c000002000000000000000000000000000002" + "00fffe000001000104" + "2b0000000000000000000000000000"),
            hex("0b020040000000000000000000000000000000000002" + "00fffe0000010001" + "02160501000000000000000000000024"
                    + "0080f8feffff80000200fffe000001" + "0000a0"),
            hex("0c02004c0000000000000000000000000000001b19fffe000001000100050500ffffffffffffffffffff"
                    + "00040006b0fe0000003c" + "0005000800010000012c0001" + "20000004deadbeef"),
            hex("0d020048000000000000000000000000000000000000fffe000011000100010404ffffffffffffffffffff0303000000010014"
                    + "2001000000000000000000000000000000000000"),
            hex("0d02006600000000000000000000000000000000fffe0000120001000104020000000000fffe00001100010101020000010032"
                    + "000180000a49454545203830322e3300060000000000120003000600000000001200000000023b3b023b3b00001b19000200"),
            hex("0b02004c0000000000000000000000000000001b19fffe0000010001000505010000000000000000000000250080062143"
                    + "5d7f001b19fffe00000100012000080008001b19fffe000001"),
            hex("18020036000000080000000000000000000000001b19fffe000001000100020000000000650000000600000003"
                    + "001c0080c20000010000000000000000000000000000000000000000"),
        };
    }
}
