package dev.tcpscope.proto.snmp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.synth.RawPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SNMP is what tshark 4.0.17 prints (goldens by scripts/make-snmp-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y snmp} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on the Zeek, Arkime and tcpdump SNMP captures and the crafted
 * captures/synth-snmp.pcap (scripts/snmp-crafted.py), but for the two goldens in
 * {@link #KNOWN_GAPS}; and mutated messages never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class SnmpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/snmp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    /** Goldens tcpscope does not match yet, each with why (docs/snmp.md, "Left"). */
    private static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("synth-snmp.pcap.expert.txt", "expert items packet-snmp.c adds under a NULL tree (a wrong-length integral"
                    + " value: no value item) count in -z expert but show nowhere; tcpscope has no such item"),
            Map.entry("synth-snmp.pcap.pdml.gz", "pdml's pos of a zero-length subtree at offset 0 of a VarBind's tvb"
                    + " (\"Wrong tag for Error Value\"): tshark writes the tvb's start twice over"));

    /** A v2c get-request of sysDescr.0 (community "public"). */
    static final String V2C_GET = "302902010104067075626c6963a01c02040bad1dea020100020100300e300c06082b060102010101000500";
    /** A v1 trap: enterprise, agent-addr, coldStart, one Integer32 binding. */
    static final String V1_TRAP = "303d020100040670756" + "26c6963a43006082b0601040181f4690040047f000001020100020100430100"
            + "300f300d06082b060102010201000201" + "21";
    /** A v3 get-request with USM parameters and a Net-SNMP engine ID. */
    static final String V3_GET = "303e020103301002042079f2720202400004010402010304103" + "00e04008001f888000201000201000400040004003015"
            + "0400" + "0400a00f0204207b2f72020100020100300130";

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "snmp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(19 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void snmpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    @Test
    void varbindNamesAreLabelledAsWithoutMibs() {
        Tvb b = tvb("2b060102010101" + "00");
        long[] a = SnmpOids.arcs(b, 0, 8);
        assertThat(SnmpOids.varbind(a)).containsExactly("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.1.0");
        assertThat(SnmpOids.label(a)).isEqualTo("1.3.6.1.2.1.1.1.0 (iso.3.6.1.2.1.1.1.0)");
        long[] itu = SnmpOids.arcs(tvb("01"), 0, 1);
        assertThat(SnmpOids.varbind(itu)).containsExactly("itu-t.1 (0.1)", "itu-t.1");
        long[] cn = SnmpOids.arcs(tvb("550403"), 0, 3);
        assertThat(SnmpOids.varbind(cn)).as("a registered name").containsExactly("id-at-commonName (2.5.4.3)", "id-at-commonName");
        assertThat(SnmpOids.arcs(tvb("2b8f"), 0, 2)).as("an encoding that ends inside an arc").isNull();
        assertThat(SnmpOids.arcs(tvb("2b8fffffffff7f"), 0, 7)).as("an arc past 32 bits").isNull();
    }

    @Test
    void theInfoNamesThePduAndItsBindings() {
        assertThat(info(V2C_GET)).isEqualTo("get-request 1.3.6.1.2.1.1.1.0");
    }

    /** Deeply nested BER in an undecodable VarBind ends as a malformed message, not a stack overflow. */
    @Test
    void deepNestingIsBounded() {
        StringBuilder nest = new StringBuilder();
        int depth = 5000;
        for (int i = 0; i < depth; i++) {
            nest.append("3080");
        }
        byte[] m = HexFormat.of().parseHex("3082ffff020101" + "04067075626c6963" + "a082fff0020101020100020100" + "3082ffe0" + "3082ffd0"
                + "0482ffc0" + nest);
        Tvb b = new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length);
        SnmpWalk w = new SnmpWalk(b, (t, at) -> { });
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // how tshark ends it
        }
    }

    /** 20,000 mutations of v1, v2c and v3 messages, some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat hex = HexFormat.of();
        byte[][] seeds = {hex.parseHex(V2C_GET), hex.parseHex(V1_TRAP), hex.parseHex(V3_GET),
            firstPayload("captures/zeek-snmp-snmpv3_get_next.pcap", 2), firstPayload("captures/zeek-snmp-snmpv1_get.pcap", 4),
            firstPayload("captures/zeek-snmp-snmp-crash-62790.pcap", 1), firstPayload("captures/arkime-snmpv3_synthetic.pcap", 8)};
        byte[] a = {10, 0, 0, 1};
        byte[] c = {10, 0, 0, 2};
        Random r = new Random(161);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits && m.length > 0; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                if (r.nextInt(4) == 0) {
                    m = java.util.Arrays.copyOf(m, 1 + r.nextInt(m.length));
                }
                boolean toAgent = r.nextBoolean();
                byte[] frame = RawPackets.ethernet(0x0800, RawPackets.ipv4(17, toAgent ? c : a, toAgent ? a : c,
                        RawPackets.udp4(toAgent ? 40000 + i % 7 : 161, toAgent ? 161 : 40000 + i % 7, m)));
                int captured = r.nextInt(8) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "snmp", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 20,000 frames").isLessThan(120_000_000_000L);
    }

    /** The UDP payload of frame {@code n} of a capture (Ethernet, IPv4 without options). */
    private static byte[] firstPayload(String capture, int n) throws IOException {
        CliRun run = CliRun.of("read", capture, "-Y", "frame.number == " + n, "-T", "fields", "-e", "udp.payload");
        return HexFormat.of().parseHex(run.out().strip().replace(":", ""));
    }

    private static Tvb tvb(String hex) {
        byte[] m = HexFormat.of().parseHex(hex);
        return new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length);
    }

    private static String info(String message) {
        Tvb b = tvb(message);
        SnmpWalk w = new SnmpWalk(b, (t, at) -> { });
        try {
            w.message(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info;
    }
}
