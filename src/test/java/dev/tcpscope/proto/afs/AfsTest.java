package dev.tcpscope.proto.afs;

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
 * RX and AFS are what tshark 4.0.17 prints (goldens by scripts/make-afs-goldens.sh: the packet
 * list of every frame and, for the RX frames outside ICMP errors, -V, -2 -V, -T json -x, -T pdml,
 * -T ek, -T fields and -q -z expert) on tcpdump's afs.pcap and its two fuzzed RX captures and on
 * the crafted synth-afs.pcap; mutated datagrams never end a read, in bounded time, and counts
 * past the datagram end the walk at once.
 */
@ExtendWith(UtcTimeZone.class)
class AfsTest {
    private static final Path DIR = Path.of("src/test/resources/golden/afs");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    /** Goldens tcpscope does not match yet, and why (docs/afs.md). */
    private static final String OOBR_TIME = "frame 3's time delta and expert items come from frame 2's bogus"
            + " timestamp (a negative fraction tshark prints as it is): the frame layer's, not RX's";
    private static final String FAKED = "frame 21's counted string runs past the datagram: proto.c checks its bytes"
            + " only for a tree that is shown or a field that is asked for, and tcpscope's first pass treats every"
            + " tree as not shown (so -T fields -e afs.fs.name misses the marker tshark's first pass adds)";
    private static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("tcpdump-afs.pcap.txt", "three KRB5 datagrams to udp.port 4444 (krb524) that proto.kerberos does not take"),
            Map.entry("tcpdump-afs.pcap.2.V.txt.gz", "tshark's first pass pairs a reply quoted in an ICMP error: the request's"
                    + " 'reply is in frame' names the ICMP frame; tcpscope shows a quoted datagram's payload as data"),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.txt", "frames 1 and 2 (BOOTP's marker and a bogus Ethernet time) are not RX's"),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.V.txt.gz", OOBR_TIME),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.2.V.txt.gz", OOBR_TIME),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.json.gz", OOBR_TIME),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.pdml.gz", OOBR_TIME),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.ek.json.gz", OOBR_TIME),
            Map.entry("tcpdump-rx_serviceid_oobr.pcap.expert.txt", OOBR_TIME),
            Map.entry("synth-afs.pcap.expert.txt", FAKED),
            Map.entry("synth-afs.pcap.fields.tsv", FAKED));

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "(rx || afs) && !icmp", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(4 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void afsIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    @Test
    void theInfoNamesTheServiceAndOperationOrTheRxPacket() {
        String header = "38000000" + "10000000" + "00000001" + "00000001" + "00000001";
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "00000084", 1799, 7000))
                .isEqualTo("FS Request: fetch-status (132)");
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "00002710", 1799, 7003))
                .isEqualTo("UBIK-VLDB Request: vote-beacon (10000)");
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "90000000", 1799, 7000)).isEqualTo("Encrypted FS Request");
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "00000005", 7001, 7444))
                .isEqualTo("Unknown(7444) Request: Unknown(5) (5)");
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "00000005", 7001, 7010))
                .isEqualTo("Unknown(7010) Request: Unknown(5)");
        assertThat(afsInfo(header + "0105" + "0002" + "0000" + "0001" + "00000005", 1799, 7006))
                .isEqualTo("ERR Request: Unknown(5)");
    }

    /** A count of a million file ids over one file id's bytes: the walk ends where the datagram does. */
    @Test
    void countsPastTheDatagramEndTheWalk() {
        String header = "38000000" + "10000000" + "00000001" + "00000001" + "00000001" + "0105" + "0002" + "0000" + "0001";
        byte[] m = HexFormat.of().parseHex(header + "00000093" + "000f4240" + "000000010000000200000003");
        Tvb b = new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length);
        RxWalk rx = new RxWalk(b, 1799, 7000);
        rx.header(Tree.NOTHING);
        Tvb payload = new Tvb(b.s, RxWalk.HEADER, m.length - RxWalk.HEADER, m.length - RxWalk.HEADER);
        AfsWalk w = new AfsWalk(payload, rx, 1799, 7000, new AfsWalk.Pairing(true, 1, 0, 0, 147), 0);
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.tree(Tree.NOTHING, true)).isSameAs(Tvb.Stop.MALFORMED);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    /** 6,000 mutations of the RX datagrams, some cut: every read ends normally and quickly. */
    @Test
    void mutatedDatagramsNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (int port : new int[] {7000, 7001, 7002, 7003, 7005, 7021}) {
            seeds.addAll(dev.tcpscope.synth.PcapRecords.framesOnPort(port, "tcpdump-afs.pcap", "synth-afs.pcap"));
        }
        assertThat(seeds).hasSizeGreaterThan(100);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 7000, 6000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "rx || afs", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 6,000 frames").isLessThan(180_000_000_000L);
    }

    private static String afsInfo(String hex, int src, int dst) {
        byte[] m = HexFormat.of().parseHex(hex);
        Tvb b = new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length);
        RxWalk rx = new RxWalk(b, src, dst);
        rx.header(Tree.NOTHING);
        Tvb payload = new Tvb(b.s, RxWalk.HEADER, m.length - RxWalk.HEADER, m.length - RxWalk.HEADER);
        long op = payload.u32(0);
        return new AfsWalk(payload, rx, src, dst, new AfsWalk.Pairing(true, 1, 0, 0, (int) op), 0).info;
    }
}
