package dev.tcpscope.proto.radius;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RADIUS is what tshark 4.0.17 prints (goldens by scripts/make-radius-goldens.sh: the packet list
 * of every frame and, for the frames {@code -Y radius} keeps, -V, -2 -V, -T json -x, -T pdml,
 * -T ek, -T fields and -q -z expert) on Arkime's accounting with Aruba VSAs, Zeek's EAP and
 * duplicate requests, PcapPlusPlus's and tcpdump's RFC 3162/4675/5176/5447/5580 captures, the
 * message whose length passes its datagram and two datagrams that are not RADIUS; mutated
 * messages never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class RadiusTest {
    private static final Path DIR = Path.of("src/test/resources/golden/radius");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    /** Goldens tcpscope does not match yet, and why (docs/radius.md). */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "radius", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(16 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void radiusIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    /** AVPs of length 0 and 1, a length past the list and a VSA shorter than its header end the list with the expert item. */
    @Test
    void badLengthsEndTheAttributeListWithAnExpertItem() {
        assertThat(walk("0100")).containsExactly("AVP too short: length 0 < 2");
        assertThat(walk("0101")).containsExactly("AVP too short: length 1 < 2");
        assertThat(walk("01ff61")).containsExactly("Not enough room in packet for AVP");
        assertThat(walk("0103610b")).containsExactly("Not enough room in packet for AVP header");
        assertThat(walk("1a0c000039e7010161616161")).containsExactly("VSA too short");
        assertThat(walk("1a05000039")).containsExactly("AVP too short; no room for vendor ID");
    }

    /** 4,096 bytes of two-byte AVPs, then of VSAs each two bytes long: the walk ends at the list's end, at once. */
    @Test
    void theLongestListsEndAtOnce() {
        long start = System.nanoTime();
        assertThat(walk("0102".repeat(2038))).isEmpty();
        try {
            walk(("1aff000039e7" + "0102".repeat(124) + "01").repeat(16)); // the last VSA runs past the message
        } catch (Tvb.Stop stop) {
            assertThat(stop).isSameAs(Tvb.Stop.MALFORMED);
        }
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** The expert messages of a walk over {@code avps} (hex) as the attribute list of an Access-Request. */
    private static List<String> walk(String avps) {
        byte[] a = HexFormat.of().parseHex(avps);
        List<String> experts = new ArrayList<>();
        Tree tree = new Experts(experts);
        RadiusWalk w = new RadiusWalk(new Tvb(MemorySegment.ofArray(message(a)), 0, a.length + 20, a.length + 20), true, p -> { }, null);
        w.avps(tree, a.length);
        return experts;
    }

    /**
     * Found by a differential check of mutated datagrams against tshark: an empty EAP-Message is
     * a "Segment" (packet-radius.c has no buffer while nothing is in it), an empty octets value is
     * "[wrong length]", an extended type 0 is the plain attribute, and the AVP after a
     * Vendor-Specific starts where its last VSA ended.
     */
    @Test
    void edgeCasesFoundByTheDifferentialCheck() {
        assertThat(labels("4f02" + "4f0301")).containsExactly("AVP: t=EAP-Message(79) l=2 Segment[1]",
                "AVP: t=EAP-Message(79) l=3 Last Segment[2]");
        assertThat(labels("1802")).containsExactly("AVP: t=State(24) l=2 val=[wrong length]");
        assertThat(labels("f5040000")).containsExactly("AVP: t=Extended-Attribute-5(245.0) l=4 val=[wrong length]");
        // the VSA says 6 bytes in an AVP of 8: the next AVP is read at the VSA's end, 4 bytes on
        assertThat(labels("1a08000039e70106" + "01066162" + "01037a")).containsExactly(
                "AVP: t=Vendor-Specific(26) l=8 vnd=Aruba, a Hewlett Packard Enterprise company(14823)",
                "VSA: t=Aruba-User-Role(1) l=6 val=\\001\\006ab", "AVP: t=User-Name(1) l=3 val=z");
    }

    /** The labels set on the items of a walk over {@code avps} (hex), in order. */
    private static List<String> labels(String avps) {
        byte[] a = HexFormat.of().parseHex(avps);
        Experts tree = new Experts(new ArrayList<>());
        RadiusWalk w = new RadiusWalk(new Tvb(MemorySegment.ofArray(message(a)), 0, a.length + 20, a.length + 20), true, p -> { }, null);
        try {
            w.avps(tree, a.length);
        } catch (Tvb.Stop stop) {
            // the labels as far as the walk got
        }
        return tree.labels();
    }

    /** A tree that keeps its expert items' messages and the labels set on its items. */
    private record Experts(List<String> messages, List<String> labels) implements Tree {
        Experts(List<String> messages) {
            this(messages, new ArrayList<>());
        }

        @Override public Tree protocol(String key, String label) { return this; }
        @Override public Tree field(String key, String label, String value) { return this; }
        @Override public Tree none(String key, String label) { return this; }
        @Override public Tree text(String label) { return this; }
        @Override public Tree hidden(String key, String value) { return this; }
        @Override
        public Tree relabel(String label) {
            labels.add(label);
            return this;
        }

        @Override public Tree generated() { return this; }
        @Override public Tree hide() { return this; }
        @Override public Tree line(String key, String rawText, String value) { return this; }
        @Override public Tree string(String key, String name, String value) { return this; }
        @Override public Tree bytes(String key, String name, MemorySegment s, long off, int len) { return this; }
        @Override public Tree dump(MemorySegment s, long off, int len) { return this; }

        @Override
        public Tree expert(String key, Severity severity, Group group, String message) {
            messages.add(message);
            return this;
        }
    }

    private static byte[] message(byte[] avps) {
        byte[] m = new byte[20 + avps.length];
        m[0] = 1;
        m[2] = (byte) (m.length >> 8);
        m[3] = (byte) m.length;
        System.arraycopy(avps, 0, m, 20, avps.length);
        return m;
    }

    /** 6,000 mutations of the RADIUS datagrams, some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.addAll(dev.tcpscope.synth.PcapRecords.framesOnPort(1812, "zeek-radius.pcap", "tcpdump-RADIUS.pcap"));
        seeds.addAll(dev.tcpscope.synth.PcapRecords.framesOnPort(3799, "tcpdump-RADIUS-RFC5176.pcap"));
        seeds.addAll(dev.tcpscope.synth.PcapRecords.framesOnPort(1700, "tcpdump-RADIUS-port1700.pcap"));
        assertThat(seeds).hasSizeGreaterThan(10);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 1812, 6000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "radius", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 6,000 frames").isLessThan(180_000_000_000L);
    }
}
