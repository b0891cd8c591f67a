package dev.tcpscope.proto.openflow;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.synth.OpenflowScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenFlow is what tshark 4.0.17 prints (goldens by scripts/make-openflow-goldens.sh: the packet
 * list of every frame and, for the frames the version dissectors show, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields and -q -z expert) on tcpdump's nine OpenFlow 1.0 and 1.3 captures;
 * and 5,000 mutated messages of those captures never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class OpenflowTest {
    private static final Path DIR = Path.of("src/test/resources/golden/openflow");
    private static final String FILTER = "openflow_v1 || openflow_v4 || openflow_v5 || openflow_v6 || openflow.version";
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    /** The goldens whose tshark output is built; the others (docs/OPENFLOW.md, "left") are listed here. */
    private static final List<String> LEFT = List.of(
            // TCP's, not OpenFlow's: the position PDML gives the "Non-zero header padding" expert item of a TCP header
            "tcpdump-of10-inv-OFPST-FLOW.pcap.pdml.gz");

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, FILTER, KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(9 * 8);
        return all.stream().filter(a -> !LEFT.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void openflowIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    /** A segment from port 6633 before the heuristic claimed the connection stays TCP's; frame 6, to 6633, is OpenFlow. */
    @Test
    void theHeuristicTakesSegmentsToTheControllerPort() {
        CliRun run = CliRun.of("read", "captures/tcpdump-of10-p3295.pcap", "-Y", "frame.number == 4 || frame.number == 6", "-T", "fields",
                "-e", "frame.protocols", "-e", "_ws.col.Info");
        assertThat(run.out()).contains("eth:ethertype:ip:tcp:data\t", "eth:ethertype:ip:tcp:openflow:openflow_v1\tType: OFPT_HELLO");
    }

    /** 5,000 mutations of the captures' messages, some cut, some run together: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String c : new String[] {"tcpdump-of10-p3295.pcap", "tcpdump-of10-s4810.pcap", "tcpdump-of10-7050sx-bsn.pcap",
                "tcpdump-of13-ericsson.pcapng"}) {
            CliRun run = CliRun.of("read", "captures/" + c, "-Y", "openflow_v1 || openflow_v4", "-T", "fields", "-e", "tcp.payload");
            for (String line : run.out().split("\n")) {
                if (!line.isBlank()) {
                    messages(HexFormat.of().parseHex(line.strip()), seeds);
                }
            }
        }
        assertThat(seeds).hasSizeGreaterThan(100);
        Path pcap = dir.resolve("mutated.pcap");
        OpenflowScenarios.mutated(pcap, seeds, 6653, 5_000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-2", "-Y", "openflow_v1 || openflow_v4", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 5,000 packets").isLessThan(120_000_000_000L);
    }

    /** The whole messages of a segment's payload, cut by their header's length. */
    private static void messages(byte[] p, List<byte[]> out) {
        int pos = 0;
        while (pos + 8 <= p.length) {
            int len = (p[pos + 2] & 0xff) << 8 | p[pos + 3] & 0xff;
            if (len < 8 || pos + len > p.length) {
                return;
            }
            out.add(java.util.Arrays.copyOfRange(p, pos, pos + len));
            pos += len;
        }
    }
}
