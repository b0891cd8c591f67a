package dev.tcpscope.proto.tunnel;

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
 * Teredo is what tshark 4.0.17 prints (goldens by scripts/make-teredo-goldens.sh: the packet
 * list of every frame and, for the frames {@code -Y "teredo || udp.port == 3544"} keeps, -V,
 * -2 -V, -T json -x, -T pdml, -T ek, -T fields and -q -z expert) on Zeek's four Teredo captures,
 * the 13 Teredo frames of rusticata's wireshark_samples-test.pcapng and the crafted
 * captures/synth-teredo.pcap (scripts/teredo-crafted.py); and thousands of mutated Teredo
 * datagrams never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class TeredoTest {
    private static final Path DIR = Path.of("src/test/resources/golden/teredo");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final List<String> CAPTURES = List.of("zeek-Teredo.pcap", "zeek-teredo_bubble_with_payload.pcap",
            "zeek-teredo-udp-in-udp.pcap", "zeek-gtp8_teredo.pcap", "rusticata-wireshark_samples-test.pcapng",
            "synth-teredo.pcap");

    /**
     * Goldens tcpscope does not match yet, and why (docs/teredo.md, "Left"): none is Teredo's.
     * -z expert counts every frame's expert items, and IPv4's "Time To Live != 255 for a packet
     * sent to the Local Network Control Block" note (12 mDNS datagrams of rusticata's sample) is
     * not built (the same gap as Dhcpv6Test's).
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of(
            "rusticata-wireshark_samples-test.pcapng.expert.txt", "IPv4's TTL note for 224.0.0.0/24 is not built");

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "teredo || udp.port == 3544", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(CAPTURES.size() * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void teredoIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    /** The origin indication's port and address are shown de-obfuscated (RFC 4380 §5.1.1). */
    @Test
    void fieldsFilter() {
        CliRun run = CliRun.of("read", "captures/zeek-Teredo.pcap", "-Y", "teredo.orig.addr == 70.55.215.234",
                "-T", "fields", "-e", "frame.number", "-e", "teredo.orig.port");
        assertThat(run.out()).isEqualTo("7\t3797\n");
    }

    /** Mutations of every Teredo datagram of the pcap captures: every read ends normally and quickly. */
    @Test
    void mutatedPayloadsNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = dev.tcpscope.synth.PcapRecords.framesOnPort(3544, "zeek-Teredo.pcap",
                "zeek-teredo_bubble_with_payload.pcap", "synth-teredo.pcap");
        assertThat(seeds.size()).isGreaterThan(20);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 3544, 4000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-T", "ek"}, new String[] {"-2", "-Y", "teredo", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("five reads of the mutated packets").isLessThan(180_000_000_000L);
    }
}
