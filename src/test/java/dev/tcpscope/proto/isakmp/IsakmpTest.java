package dev.tcpscope.proto.isakmp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ISAKMP/IKE is what tshark 4.0.17 prints (goldens by scripts/make-isakmp-goldens.sh: the packet
 * list of every frame and, for the frames {@code -Y isakmp} keeps, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields and -q -z expert) on Arkime's IKEv1/IKEv2 captures and tcpdump's
 * ISAKMP captures, the fuzzer-made malformed ones among them; mutated messages never end a read,
 * in bounded time, and a payload chain whose lengths loop is walked in linear time.
 */
@ExtendWith(UtcTimeZone.class)
class IsakmpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/isakmp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final String[] MUTATED = {"tcpdump-ISAKMP_sa_setup.pcap", "tcpdump-ikev2four.pcap", "tcpdump-ikev2pI2.pcap",
        "tcpdump-ikev2-id-normal.pcap", "tcpdump-isakmp-identification-segfault.pcap"};

    /**
     * Goldens tcpscope does not match yet, and why: none is ISAKMP's own; they are where -T pdml
     * places items the frame's lower layers add (docs/isakmp.md).
     */
    private static final java.util.Map<String, String> KNOWN_GAPS = java.util.Map.ofEntries(
            java.util.Map.entry("tcpdump-isakmp-various-oobr.pcap.pdml.gz", "pdml's pos of _ws.unreassembled in an IP fragment: 0, tshark 14"),
            java.util.Map.entry("tcpdump-isakmp-ikev1_n_print-oobr.pcap.pdml.gz", "pdml's pos of _ws.unreassembled in an IP fragment: 0, tshark 14"),
            java.util.Map.entry("tcpdump-isakmpv1-attr-oobr.pcap.pdml.gz", "pdml's size of an IPv4 option running past the options: 0, tshark 6"));

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "isakmp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(18 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void isakmpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    @Test
    void theInfoNamesTheExchangeAndForIkev2TheMessage() {
        String v1 = "0011223344556677" + "0000000000000000" + "01" + "10" + "02" + "00" + "00000000" + "0000001c";
        assertThat(info(v1)).isEqualTo("Identity Protection (Main Mode)");
        String v2 = "0011223344556677" + "8899aabbccddeeff" + "2e" + "20" + "23" + "08" + "00000001" + "0000001c";
        assertThat(info(v2)).isEqualTo("IKE_AUTH MID=01 Initiator Request");
        String odd = "0011223344556677" + "0000000000000000" + "01" + "10" + "10" + "00" + "00000000" + "0000001c";
        assertThat(info(odd)).isEqualTo("Unknown 16");
    }

    /** A chain of 4-byte payloads each naming the next: one step each, however long the message. */
    @Test
    void aLongPayloadChainIsWalkedInLinearTime() {
        int n = 16_000;
        String header = "0011223344556677" + "0000000000000000" + "0d" + "10" + "02" + "00" + "00000000"
                + String.format("%08x", 28 + 4 * n);
        byte[] m = HexFormat.of().parseHex(header + "0d000004".repeat(n));
        long start = System.nanoTime();
        IsakmpWalk w = new IsakmpWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length));
        w.message(Tree.NOTHING);
        assertThat(w.info.toString()).isEqualTo("Identity Protection (Main Mode)");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** 6,000 mutations of tcpdump's ISAKMP messages (IKEv1 and IKEv2), some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = dev.tcpscope.synth.PcapRecords.framesOnPort(500, MUTATED);
        assertThat(seeds).hasSizeGreaterThan(5);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 500, 6000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "isakmp", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 6,000 frames").isLessThan(180_000_000_000L);
    }

    private static String info(String hex) {
        byte[] m = HexFormat.of().parseHex(hex);
        IsakmpWalk w = new IsakmpWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length));
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info.toString();
    }
}
