package dev.tcpscope.proto.ntp;

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
 * NTP is what tshark 4.0.17 prints (goldens by scripts/make-ntp-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y ntp} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek and
 * -T fields) on the crafted captures/synth-ntp.pcap (NtpScenarios) and tcpdump's and Zeek's NTP
 * captures; and mutated messages of every mode never end a read.
 */
@ExtendWith(UtcTimeZone.class)
class NtpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/ntp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "ntp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(7 * 7);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void ntpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    @Test
    void theInfoNamesVersionModeAndAPrivateRequestCode() {
        assertThat(info("e1000000")).isEqualTo("NTP Version 4, symmetric active");
        assertThat(info("0c")).isEqualTo("NTP Version 1, server");
        assertThat(info("16020000")).isEqualTo("NTP Version 2, control");
        assertThat(info("9700032a00000000")).isEqualTo("NTP Version 2, private, Response, MON_GETLIST_1");
        assertThat(info("17000363")).isEqualTo("NTP Version 2, private, Request, Unknown");
        assertThat(info("3f")).isEqualTo("reserved, private"); // the request code was not there to read
    }

    /** 20,000 mutations of messages of every mode: every read ends normally, with and without -2. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat hex = HexFormat.of();
        byte[][] seeds = {
            hex.parseHex("230206e900000bd900000630" + "55c7d663" + "e09b4c8c12dcb6f1".repeat(4) + "010400100000000000000000000000000000000199"),
            hex.parseHex("1602004400000000000000140000000000000000000000000000000000000000"),
            hex.parseHex("1681004500000000000c0000bd12942400000000bd139014"),
            hex.parseHex("970003010001004800000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            hex.parseHex("9700032a0002004800000000"), hex.parseHex("1785031c" + "00".repeat(200))};
        Random r = new Random(123);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits && m.length > 0; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                if (r.nextBoolean()) {
                    m = java.util.Arrays.copyOf(m, 1 + r.nextInt(m.length));
                }
                boolean back = r.nextBoolean();
                byte[] a = {10, 0, 0, 1};
                byte[] b = {10, 0, 0, (byte) (2 + r.nextInt(3))};
                byte[] frame = RawPackets.ethernet(0x0800, RawPackets.ipv4(17, back ? b : a, back ? a : b,
                        RawPackets.udp4(back ? 123 : 40000, back ? 40000 : 123, m)));
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, frame.length, frame.length);
            }
        }
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-2", "-T", "json", "-x"});
    }

    private static String info(String message) {
        byte[] b = HexFormat.of().parseHex(message);
        NtpWalk w = new NtpWalk(new Tvb(MemorySegment.ofArray(b), 0, b.length, b.length), NtpWalk.Pairing.NONE);
        try {
            w.walk(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info.toString();
    }
}
