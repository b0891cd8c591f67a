package dev.tcpscope.proto.nbns;

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
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NBNS is what tshark 4.0.17 prints (goldens by scripts/make-nbns-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y nbns} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on Arkime's registrations, tcpdump's cut query, Zeek's queries
 * inside ERSPAN and the crafted synth-nbns.pcap; mutated messages never end a read, in bounded
 * time, and names whose pointers loop or counts past the message end the walk at once.
 */
@ExtendWith(UtcTimeZone.class)
class NbnsTest {
    private static final Path DIR = Path.of("src/test/resources/golden/nbns");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final String[] MUTATED = {"arkime-nbns.pcap", "synth-nbns.pcap"};

    /** Goldens tcpscope does not match yet, and why (docs/nbns.md). */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "nbns", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(8 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void nbnsIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    @Test
    void theInfoNamesTheOperationAndTheQuestionsOrAnswers() {
        String name = "20" + HexFormat.of().formatHex("FHEPFCELEHFCEPFFFACACACACACACABM".getBytes()) + "00"; // WORKGROUP<1c>
        assertThat(info("1001" + "0110" + "0001000000000000" + name + "00200001")).isEqualTo("Name query NB WORKGROUP<1c>");
        assertThat(info("1001" + "8583" + "0000000100000000" + name + "00200001" + "000493e0" + "0006" + "6000" + "0a000001"))
                .isEqualTo("Name query response, Requested name does not exist NB 10.0.0.1");
        assertThat(info("1001" + "1800" + "0001000000000000" + "04" + HexFormat.of().formatHex("ABCD".getBytes()) + "00" + "00210001"))
                .isEqualTo("Unknown operation (3) NBSTAT Illegal NetBIOS name (2 bytes long)");
    }

    @Test
    void processNetbiosNameShowsUnprintableBytesAndDropsTrailingSpaces() {
        byte[] star = new byte[16];
        star[0] = '*';
        assertThat(NbnsWalk.process(star, 0, 379)).isEqualTo("*<00><00><00><00><00><00><00><00><00><00><00><00><00><00>");
        assertThat(NbnsWalk.process("HOST-A          ".getBytes(), 0, 379)).isEqualTo("HOST-A");
        assertThat(NbnsWalk.process("               \0".getBytes(), 0, 379)).isEqualTo(" ".repeat(15));
        assertThat(NbnsWalk.process(star, 0, 10)).isEqualTo("*<00><00>");
    }

    /** 4.0.17's name_len leaves a bitstring label's text out: a name of only one is too short, a malformed message. */
    @Test
    void aNameOfOnlyABitstringLabelEndsTheMessage() {
        byte[] m = HexFormat.of().parseHex("1001" + "0000" + "0001000000000000" + "410c0020" + "00" + "00200001");
        NbnsWalk w = new NbnsWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), false, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.message(Tree.NOTHING)).isSameAs(Tvb.Stop.MALFORMED);
        assertThat(w.info.toString()).isEqualTo("Name query");
    }

    /**
     * As tvbuff.c checks: an item's range that starts past the captured bytes inside the message
     * is a cut capture (the authority section after an answer whose data were stepped over), a
     * read there past the message's end a malformed one (the second answer).
     */
    @Test
    void rangesAndReadsPastTheCapturedBytesAreCheckedAsTvbuffChecksThem() {
        String rr = "00" + "0099" + "0001" + "00000000" + "0005" + "4142434445";
        byte[] auth = HexFormat.of().parseHex("100e" + "8000" + "0000000100010000" + rr);
        byte[] answers = HexFormat.of().parseHex("100e" + "8000" + "0000000200000000" + rr);
        assertThat(stop(auth, 23)).isSameAs(Tvb.Stop.SHORT);
        assertThat(stop(answers, 23)).isSameAs(Tvb.Stop.MALFORMED);
    }

    private static Tvb.Stop stop(byte[] m, int captured) {
        NbnsWalk w = new NbnsWalk(new Tvb(MemorySegment.ofArray(m), 0, captured, m.length), false, false, true);
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            return stop;
        }
        return null;
    }

    /** 65,535 questions announced, each a pointer to itself: the walk ends at the message's end, at once. */
    @Test
    void countsPastTheMessageAndLoopingPointersEndTheWalk() {
        String header = "1001" + "0000" + "ffffffffffffffff";
        byte[] m = HexFormat.of().parseHex(header + "c00c00200001".repeat(2000));
        long start = System.nanoTime();
        NbnsWalk w = new NbnsWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), true, true);
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the walk ends where the bytes do
        }
        assertThat(w.info.toString()).startsWith("Name query NB Illegal NetBIOS name (1st character");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** 6,000 mutations of the NBNS datagrams, some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = dev.tcpscope.synth.PcapRecords.framesOnPort(137, MUTATED);
        assertThat(seeds).hasSizeGreaterThan(20);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 137, 6000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "nbns", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 6,000 frames").isLessThan(180_000_000_000L);
    }

    private static String info(String hex) {
        byte[] m = HexFormat.of().parseHex(hex);
        NbnsWalk w = new NbnsWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), false, true);
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info.toString();
    }
}
