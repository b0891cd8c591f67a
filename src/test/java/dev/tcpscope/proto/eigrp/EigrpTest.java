package dev.tcpscope.proto.eigrp;

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
 * EIGRP is what tshark 4.0.17 prints (goldens by scripts/make-bfdeigrp-goldens.sh: the packet
 * list of every frame and, for the frames {@code -Y eigrp} keeps, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields and -q -z expert) on tcpdump's six EIGRP captures and Arkime's
 * mpls-basic; and mutated messages never end a read, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class EigrpTest {
    private static final Path DIR = Path.of("src/test/resources/golden/bfdeigrp/eigrp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    private static final String HEADER = "0205" + "0000" + "00000000" + "00000000" + "00000000" + "00000064";
    private static final String PARAMS = "0001000c" + "010001000000" + "000f";
    private static final String VERSION = "00040008" + "0c040102";
    private static final String ROUTE = "0102001c" + "00000000" + "00000a00" + "00006400" + "0005dc00" + "ff010000" + "18" + "c0a801";

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "eigrp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(7 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void eigrpIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    @Test
    void theInfoNamesTheOpcodeAndAHelloThatAcknowledges() {
        assertThat(info(HEADER + PARAMS)).isEqualTo("Hello");
        assertThat(info(HEADER.substring(0, 24) + "00000007" + HEADER.substring(32))).isEqualTo("Hello (Ack)");
        assertThat(info("0201" + HEADER.substring(4) + ROUTE)).isEqualTo("Update");
        assertThat(info("0263" + HEADER.substring(4))).isEqualTo("Unknown OpCode (0x0063)");
    }

    @Test
    void aMessageFullOfTlvsIsWalkedInLinearTime() {
        byte[] m = HexFormat.of().parseHex(HEADER + ("00050008" + "00000001").repeat(8_000));
        long start = System.nanoTime();
        Tvb.Stop stop = Eigrp.walk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), false, Tree.NOTHING,
                new StringBuilder(), new StringBuilder());
        assertThat(stop).isNull();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** 20,000 mutations of Hellos, Updates and sequence Hellos over IPv4, some cut: every read ends normally and quickly. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat hex = HexFormat.of();
        byte[][] seeds = {hex.parseHex(HEADER + PARAMS + VERSION), hex.parseHex("0201" + HEADER.substring(4) + ROUTE + ROUTE),
            hex.parseHex(HEADER + PARAMS + VERSION + "00030009040a000001" + "0005000800000019"),
            hex.parseHex("0203" + HEADER.substring(4) + "0103003000000000" + "0a0000010000006400000000000000000000" + "0000" + "0b00"
                    + "00000a000000640005dc00ff010000" + "18c0a801")};
        byte[] a = {10, 0, 0, 1};
        byte[] g = {(byte) 224, 0, 0, 10};
        Random r = new Random(88);
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
                byte[] frame = RawPackets.ethernet(0x0800, RawPackets.ipv4(88, a, g, m));
                int captured = r.nextInt(8) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "eigrp", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 20,000 frames").isLessThan(120_000_000_000L);
    }

    private static String info(String message) {
        byte[] m = HexFormat.of().parseHex(message);
        StringBuilder info = new StringBuilder();
        Eigrp.walk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), false, Tree.NOTHING, new StringBuilder(), info);
        return info.toString();
    }
}
