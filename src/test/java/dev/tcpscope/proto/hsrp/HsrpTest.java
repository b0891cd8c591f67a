package dev.tcpscope.proto.hsrp;

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
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HSRP is what tshark 4.0.17 prints (goldens by scripts/make-hsrp-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y hsrp} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on the crafted captures/synth-hsrp.pcap (HsrpScenarios) and
 * tcpdump's three HSRP captures; and mutated HSRPv1 and HSRPv2 messages never end a read, in
 * bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class HsrpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/hsrp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    private static final String HELLO = "00001003" + "0a640100" + "636973636f000000" + "c0a80001";
    private static final String GROUP = "0128" + "02000604" + "012c" + "001b2b8f1a40" + "0000006e" + "00000bb8" + "00002710"
            + "0a000001" + "00".repeat(12);

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "hsrp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(4 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void hsrpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    @Test
    void theInfoNamesOpCodeAndState() {
        assertThat(v1(HELLO, false)).isEqualTo("Hello (state Active)");
        assertThat(v1("00030001000a0200", false)).isEqualTo("Advertise (state Passive)");
        assertThat(v1("0009", false)).isEqualTo("Unknown"); // no state after an unknown op code
        assertThat(v1("00", false)).isNull(); // the op code was not there to read
        assertThat(v2(GROUP, false)).isEqualTo("Hello (state Active)");
        assertThat(v2(GROUP + "020400020003", false)).isEqualTo("Interface State TLV (Act=2 Pass=3)");
        assertThat(v2("0308636973636f000000", false)).isNull(); // no Group or Interface State TLV: UDP's Info stays
    }

    /** Frame 55 goes to port 1985 of a unicast address (taken, nothing shown), 56 from 1985 to port 40000 (declined: data). */
    @Test
    void anotherAddressShowsNothingAndAnotherPortShowsData() {
        CliRun unicast = CliRun.of("read", "captures/synth-hsrp.pcap", "-Y", "frame.number == 55", "-V");
        assertThat(unicast.out()).contains("[Protocols in frame: eth:ethertype:ip:udp]").doesNotContain("Data (").doesNotContain("Hot Standby");
        CliRun declined = CliRun.of("read", "captures/synth-hsrp.pcap", "-Y", "frame.number == 56", "-V");
        assertThat(declined.out()).contains("[Protocols in frame: eth:ethertype:ip:udp:data]").contains("Data (20 bytes)");
    }

    @Test
    void anUnknownIpVersionEndsTheWalkOnlyWithATree() {
        String unknown = GROUP.substring(0, 10) + "05" + GROUP.substring(12) + "020400020003";
        assertThat(v2(unknown, false)).isEqualTo("Interface State TLV (Act=2 Pass=3)");
        assertThat(v2(unknown, true)).isEqualTo("Hello (state Active)");
    }

    @Test
    void aDatagramFullOfTlvsIsWalkedInLinearTime() {
        byte[] m = HexFormat.of().parseHex("020400010002".repeat(10_900));
        long start = System.nanoTime();
        HsrpWalk w = new HsrpWalk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), true, p -> { });
        w.v2(Tree.NOTHING);
        assertThat(w.info).isEqualTo("Interface State TLV (Act=1 Pass=2)");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** 20,000 mutations of HSRPv1 and HSRPv2 messages (IPv4 and IPv6), some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat hex = HexFormat.of();
        byte[][] seeds = {
            hex.parseHex(HELLO), hex.parseHex("00030001000a020000010000" + "00000000"),
            hex.parseHex(HELLO + "041c0100" + "0000" + "0a000002" + "00000007" + "0123456789abcdeffedcba9876543210"),
            hex.parseHex(GROUP + "0308636973636f000000"),
            hex.parseHex(GROUP + "020400010000" + "041c0100" + "0000" + "0a000002" + "00000007" + "0123456789abcdeffedcba9876543210"),
            hex.parseHex(GROUP.substring(0, 10) + "06" + GROUP.substring(12, 52) + "fe800000000000000000000000000001")};
        byte[] r1 = {10, 0, 0, 2};
        byte[] r6 = hex.parseHex("fe800000000000000000000000000002");
        byte[] g6 = hex.parseHex("ff020000000000000000000000000066");
        Random r = new Random(1985);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                int s = r.nextInt(seeds.length);
                byte[] m = seeds[s].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits && m.length > 0; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                if (r.nextInt(4) == 0) {
                    m = java.util.Arrays.copyOf(m, 1 + r.nextInt(m.length));
                }
                byte[] frame;
                if (s == seeds.length - 1) {
                    byte[] u = RawPackets.udp4(2029, 2029, m); // no checksum: tshark does not check it
                    frame = RawPackets.ethernet(0x86dd, java.nio.ByteBuffer.allocate(40 + u.length).putInt(0x60000000)
                            .putShort((short) u.length).put((byte) 17).put((byte) 255).put(r6).put(g6).put(u).array());
                } else {
                    byte[] dst = {(byte) 224, 0, 0, (byte) (s < 3 ? 2 : 102)};
                    frame = RawPackets.ethernet(0x0800, RawPackets.ipv4(17, r1, dst, RawPackets.udp4(1985, 1985, m)));
                }
                int captured = r.nextInt(8) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "hsrp", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 20,000 frames").isLessThan(120_000_000_000L);
    }

    private static String v1(String message, boolean tree) {
        HsrpWalk w = walk(message, tree);
        try {
            w.v1(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info;
    }

    private static String v2(String message, boolean tree) {
        HsrpWalk w = walk(message, tree);
        try {
            w.v2(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info;
    }

    private static HsrpWalk walk(String message, boolean tree) {
        byte[] b = HexFormat.of().parseHex(message);
        return new HsrpWalk(new Tvb(MemorySegment.ofArray(b), 0, b.length, b.length), tree, p -> { });
    }
}
