package dev.tcpscope.proto.tftp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.synth.RawPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TFTP is what tshark 4.0.17 prints (goldens by scripts/make-tftp-goldens.sh: the packet list of
 * every frame and, for the frames {@code -Y tftp} keeps, -V, -2 -V, -T json -x, -T pdml, -T ek
 * and -T fields) on the crafted captures/synth-tftp.pcap (TftpScenarios) and Arkime's and
 * tcpdump's TFTP captures; and random bytes to port 69 and to the heuristic never end a read.
 */
@ExtendWith(UtcTimeZone.class)
class TftpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/tftp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "tftp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(4 * 7);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void tftpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    @Test
    void theHeuristicWantsARequestsBody() {
        assertThat(TftpWalk.validRequestBody(tvb("\0\1file\0octet\0"))).isTrue();
        assertThat(TftpWalk.validRequestBody(tvb("\0\3file\0NetAscii\0"))).isTrue(); // the opcode is not looked at
        assertThat(TftpWalk.validRequestBody(tvb("\0\1file\0binary\0"))).isFalse();
        assertThat(TftpWalk.validRequestBody(tvb("\0\1file\0octet\0x\0"))).isFalse(); // three NULs
        assertThat(TftpWalk.validRequestBody(tvb("\0\1fi\u00e9\0octet\0"))).isFalse();
        assertThat(TftpWalk.validRequestBody(tvb("\0\1"))).isFalse();
    }

    @Test
    void blockNumbersGoOnPastTheWrapButNotBackAcrossZero() {
        assertThat(TftpWalk.fullBlock(1, 1)).isEqualTo(1);
        assertThat(TftpWalk.fullBlock(0, 65536)).isEqualTo(65536);
        assertThat(TftpWalk.fullBlock(2, 65537)).isEqualTo(65538);
        assertThat(TftpWalk.fullBlock(65535, 1)).isEqualTo(65535);
        assertThat(TftpWalk.strtol(" +12x")).isEqualTo(12);
        assertThat(TftpWalk.strtol("-5")).isEqualTo(-5);
        assertThat(TftpWalk.strtol("99999999999999999999")).isEqualTo((int) Long.MAX_VALUE);
        assertThat(TftpWalk.strtol("blk")).isZero();
    }

    /** 20,000 mutations of real TFTP messages, to port 69 and between two other ports: every read ends normally. */
    @Test
    void mutatedMessagesNeverBreakARead(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[][] seeds = {
            bytes("\0\1rfc1350.txt\0octet\0blksize\0001024\0tsize\0000\0"), bytes("\0\6blksize\0001024\0windowsize\0004\0"),
            bytes("\0\3\0\1hello"), bytes("\0\4\0\1\4"), bytes("\0\5\0\1File not found\0"),
            bytes("\0\2up\0netascii\0msftwindow\00031416\0")};
        Random r = new Random(7);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new dev.tcpscope.synth.PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits && m.length > 0; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                if (r.nextBoolean()) {
                    m = java.util.Arrays.copyOf(m, r.nextInt(m.length + 1));
                }
                int client = 1024 + r.nextInt(8);
                boolean toServer = r.nextBoolean();
                int server = r.nextInt(3) == 0 ? 69 : 5000 + r.nextInt(4);
                byte[] frame = udpFrame(toServer ? client : server, toServer ? server : client, m);
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, frame.length, frame.length);
            }
        }
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-2", "-T", "json", "-x"});
    }

    /** Ethernet, IPv4 10.0.0.1 → 10.0.0.2 (or back, by the ports' roles) and UDP around {@code data}. */
    private static byte[] udpFrame(int sport, int dport, byte[] data) {
        byte[] client = {10, 0, 0, 1};
        byte[] server = {10, 0, 0, 2};
        boolean fromClient = sport >= 1024 && sport < 1032;
        return RawPackets.ethernet(0x0800, RawPackets.ipv4(17, fromClient ? client : server, fromClient ? server : client,
                RawPackets.udp4(sport, dport, data)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Tvb tvb(String s) {
        byte[] b = bytes(s);
        return new Tvb(MemorySegment.ofArray(b), 0, b.length, b.length);
    }
}
