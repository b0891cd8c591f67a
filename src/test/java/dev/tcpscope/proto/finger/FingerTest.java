package dev.tcpscope.proto.finger;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finger is what tshark 4.0.17 prints (goldens by scripts/make-finger-goldens.sh: the packet list
 * of every frame and, for the frames {@code -Y finger} keeps, -V, -2 -V, -T json -x, -T pdml,
 * -T ek, -T fields and -q -z expert) on Zeek's four finger captures and the crafted
 * captures/synth-finger.pcap (scripts/finger-crafted.py); and thousands of mutated Finger
 * payloads never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class FingerTest {
    private static final Path DIR = Path.of("src/test/resources/golden/finger");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final List<String> CAPTURES = List.of("zeek-finger-standard.pcap", "zeek-finger-verbose.pcap",
            "zeek-finger-long-request.pcapng", "zeek-finger-long-reply-line.pcapng", "synth-finger.pcap");

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "finger", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(CAPTURES.size() * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void fingerIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, Map.of(), golden, capture, options);
    }

    /** The pairing fields filter: a query that got its response, in the second pass only. */
    @Test
    void pairingFilters() {
        assertThat(CliRun.of("read", "captures/zeek-finger-standard.pcap", "-Y", "finger.response_to == 4",
                "-T", "fields", "-e", "frame.number").out()).isEqualTo("10\n");
        assertThat(CliRun.of("read", "-2", "captures/zeek-finger-standard.pcap", "-Y", "finger.response_in",
                "-T", "fields", "-e", "finger.response_in").out()).isEqualTo("10\n");
        assertThat(CliRun.of("read", "captures/zeek-finger-standard.pcap", "-Y", "finger.response_in").out()).isEmpty();
    }

    /** Mutations of every Finger payload, in their connections' order: every read ends normally and quickly. */
    @Test
    void mutatedPayloadsNeverBreakARead(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("mutated.pcap");
        int n = dev.tcpscope.synth.PcapRecords.mutateTcpPayloads(pcap,
                CAPTURES.stream().map(c -> Path.of("captures", c)).toList(), 79, 200);
        assertThat(n).isGreaterThan(3000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-2", "-Y", "finger", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of the mutated packets").isLessThan(120_000_000_000L);
    }
}
