package dev.tcpscope.proto.dhcpv6;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DHCPv6 is what tshark 4.0.17 prints (goldens by scripts/make-dhcpv6-goldens.sh: the packet list
 * of every frame and, for the frames {@code -Y dhcpv6} keeps, -V, -2 -V, -T json -x, -T pdml,
 * -T ek, -T fields and -q -z expert) on Arkime's, PcapPlusPlus's, tcpdump's and Zeek's DHCPv6
 * captures, the fuzzer-made malformed one among them; mutated messages never end a read, in
 * bounded time, and a deep chain of relayed messages is walked without overflowing the stack.
 */
@ExtendWith(UtcTimeZone.class)
class Dhcpv6Test {
    private static final Path DIR = Path.of("src/test/resources/golden/dhcpv6");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};
    private static final String[] MUTATED = {"arkime-wireshark-dhcpv6.pcap", "pcapplusplus-dhcpv6.pcap",
        "tcpdump-dhcpv6-mud.pcap", "tcpdump-dhcpv6-vendor-specific-information.pcap", "tcpdump-dhcpv6-ntp-server.pcap",
        "tcpdump-dhcpv6-AFTR-Name-RFC6334.pcap", "tcpdump-dhcpv6-domain-list.pcap", "tcpdump-dhcpv6-ia-pd.pcap",
        "tcpdump-dhcpv6-rfc6355-duid-uuid.pcap", "tcpdump-dhcpv6-sip-server-d.pcap"};

    /**
     * Goldens tcpscope does not match yet, and why (docs/dhcpv6.md): none is DHCPv6's. -z expert
     * counts every frame's expert items, and IPv4's "Time To Live != 255 for a packet sent to the
     * Local Network Control Block" note (12 datagrams to 224.0.0.x of rusticata's sample) is not built.
     */
    private static final java.util.Map<String, String> KNOWN_GAPS = java.util.Map.of(
            "rusticata-wireshark_samples-test.pcapng.expert.txt", "IPv4's TTL note for 224.0.0.0/24 is not built");

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "dhcpv6", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(20 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void dhcpv6IsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrintsOrKnownGap(DIR, KNOWN_GAPS, golden, capture, options);
    }

    @Test
    void theInfoNamesTheMessageTheTransactionAndTheClient() {
        String solicit = "01" + "123456" + "0001" + "000a" + "00030001000102030405" + "0008" + "0002" + "0000";
        assertThat(info(solicit)).isEqualTo("Solicit XID: 0x123456 CID: 00030001000102030405 ");
        String relay = "0c00" + "20010db8000000000000000000000001" + "fe800000000000000000000000000001"
                + "0009" + "0004" + "07abcdef";
        assertThat(info(relay)).isEqualTo("Relay-forw L: 2001:db8::1 Reply XID: 0xabcdef ");
        assertThat(info("63000001")).isEqualTo("Message Type 99 XID: 0x000001 ");
    }

    /** Relay messages nested as deep as a datagram allows: the walk stops, it does not overflow the stack. */
    @Test
    void aDeepRelayChainIsBounded() {
        int n = 1700; // 38 bytes a level: the outermost length stays below 65,536
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int rest = (n - i - 1) * 38 + 4;
            hex.append("0c00").append("00".repeat(32)).append("0009").append(String.format("%04x", rest));
        }
        hex.append("01000001");
        byte[] m = HexFormat.of().parseHex(hex.toString());
        Dhcpv6Walk w = new Dhcpv6Walk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), true);
        try {
            w.walk(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the depth limit ends the walk as a malformed message
        }
        assertThat(w.info.toString()).startsWith("Relay-forw L: :: Relay-forw L: :: ");
    }

    /** 6,000 mutations of the corpus's DHCPv6 messages (relayed ones and CableLabs options among them), some cut. */
    @Test
    void mutatedMessagesNeverBreakARead(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String c : MUTATED) {
            for (byte[] payload : udpPayloads(Files.readAllBytes(Path.of("captures", c)))) {
                seeds.add(overIpv4(payload));
            }
        }
        assertThat(seeds).hasSizeGreaterThan(20);
        Path pcap = dir.resolve("mutated.pcap");
        dev.tcpscope.synth.PcapRecords.mutateFrames(pcap, seeds, 547, 6000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-Y", "dhcpv6", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 6,000 frames").isLessThan(180_000_000_000L);
    }

    /** The UDP payloads to or from port 546/547 of a little-endian pcap's Ethernet/IPv6 frames. */
    private static List<byte[]> udpPayloads(byte[] pcap) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        while (pos + 16 <= pcap.length) {
            int incl = b.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > pcap.length) {
                break;
            }
            byte[] f = Arrays.copyOfRange(pcap, pos + 16, pos + 16 + incl);
            pos += 16 + incl;
            if (f.length > 62 && (f[12] & 0xff) == 0x86 && (f[13] & 0xff) == 0xdd && f[20] == 17) {
                int dst = (f[56] & 0xff) << 8 | f[57] & 0xff;
                if (dst == 546 || dst == 547) {
                    out.add(Arrays.copyOfRange(f, 62, f.length));
                }
            }
        }
        return out;
    }

    /** An Ethernet/IPv4/UDP frame from port 547 to 546 carrying {@code payload} (checksums zero). */
    private static byte[] overIpv4(byte[] payload) {
        byte[] f = new byte[42 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00});
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).put(new byte[] {10, 0, 0, 1, 10, 0, 0, 2});
        b.putShort((short) 547).putShort((short) 546).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return f;
    }

    private static String info(String hex) {
        byte[] m = HexFormat.of().parseHex(hex);
        Dhcpv6Walk w = new Dhcpv6Walk(new Tvb(MemorySegment.ofArray(m), 0, m.length, m.length), false);
        try {
            w.walk(Tree.NOTHING);
        } catch (Tvb.Stop stop) {
            // the Info as far as the walk got
        }
        return w.info.toString();
    }
}
