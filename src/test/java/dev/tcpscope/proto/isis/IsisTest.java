package dev.tcpscope.proto.isis;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * IS-IS over 802.2 LLC against tshark 4.0.17 with osi and the isis protocols enabled (goldens by
 * scripts/make-isis-goldens.sh) in the list, -V, -2 -V, -T json -x, -T ek, -T fields and
 * -z expert: the adjacency captures of tcpdump and libpcap and tcpdump's IS-IS tests (many of
 * them fuzzer-made); and 20,000 mutated PDUs never end a read.
 */
@ExtendWith(UtcTimeZone.class)
class IsisTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/isis");

    /** Goldens tcpscope does not print yet, and why (docs/isis.md); each is checked to still differ. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("tcpdump-isis_cap_tlv.pcap V", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_cap_tlv.pcap 2V", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_cap_tlv.pcap jsonx", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_cap_tlv.pcap ek", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_cap_tlv.pcap fields", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_cap_tlv.pcap expert", "router capability (242) and its sub-TLVs, TE CLVs"),
            Map.entry("tcpdump-isis_sid.pcap V", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sid.pcap 2V", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sid.pcap jsonx", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sid.pcap ek", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sid.pcap fields", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sid.pcap expert", "buffer size (14), IPv6 CLVs, TE router ID, router capability, extended IS/IP sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng V", "segment routing sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng 2V", "segment routing sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng jsonx", "segment routing sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng ek", "segment routing sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng fields", "segment routing sub-TLVs"),
            Map.entry("tcpdump-isis_sr.pcapng expert", "segment routing sub-TLVs"),
            Map.entry("tcpdump-spb.pcap V", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"),
            Map.entry("tcpdump-spb.pcap 2V", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"),
            Map.entry("tcpdump-spb.pcap jsonx", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"),
            Map.entry("tcpdump-spb.pcap ek", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"),
            Map.entry("tcpdump-spb.pcap fields", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"),
            Map.entry("tcpdump-spb.pcap expert", "SPB's MT port capability (143) and MT capability (144), NLPID 0xc1's name"));

    static Stream<String[]> cases() throws IOException {
        return GoldenText.layerCases(GOLDEN, 14);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        GoldenText.assertLayerGolden(GOLDEN, KNOWN, capture, format);
    }

    /**
     * 20,000 mutations of real IS-IS PDUs (a LAN and a point-to-point Hello, an LSP with IS and
     * IP reachability, a CSNP and a PSNP): bytes changed in the header, the fixed part and the
     * CLVs, lengths claiming more than there is, cut by the 802.3 length or the snap length:
     * every format reads them to the end.
     */
    @Test
    void mutatedPdusNeverBreakARead(@TempDir Path dir) throws IOException {
        HexFormat h = HexFormat.of();
        // tcpdump's ISIS_level2_adjacency.pcap frames 1 (cut), 8 and 13; isis_iid_tlv.pcap frames 18 (cut), 32 and 34
        String lanHello = "831b01001001000002444444444444001e05d940444444444444018101cc01040349001484040a000002d30300000008ff"
                + "00".repeat(40);
        String p2pHello = "831401001101000003222222222222001e05d9020704000100008101cc010403490001840401010102d30100f00f0100"
                + "0000021111111111110000000208ff" + "00".repeat(40);
        String lsp = "831b010014010000006404af44444444444400000000000af252030104034900148101cc8902523484040a001401800c0a"
                + "8080800a000000fffffffc020c000a8080804444444444440180180a8080800a001400fffffffc14808080c0a81400ffffff00";
        String lsp2 = "831b010014010000006a04af222222222222000000000006d4a7030704000100000104034900018101cc160b111111111111"
                + "0000000a00f20901010102001b02fa0087090000001420020202018408020202020101010287110000000a20020202020000"
                + "000a18010101";
        String csnp = "83210100190100000053444444444444000000000000000000ffffffffffffffff093004a8333333333333000000000009"
                + "24b104aa44444444444400000000000af25204aa4444444444440100000000037ef7";
        String psnp = "831101001a010000002911111111111100070400010000091004af222222222222000000000005e167";
        byte[][] seeds = {h.parseHex(lanHello), h.parseHex(p2pHello), h.parseHex(lsp), h.parseHex(lsp2), h.parseHex(csnp),
            h.parseHex(psnp)};
        Random r = new Random(29);
        Path pcap = dir.resolve("mutated.pcap");
        try (var out = Files.newOutputStream(pcap);
             var w = new dev.tcpscope.synth.PcapWriter(out, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] m = seeds[r.nextInt(seeds.length)].clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
                int length = 3 + (r.nextInt(4) == 0 ? r.nextInt(m.length + 8) : m.length);
                byte[] frame = concat(h.parseHex("0180c2000015c20329a90000"), new byte[] {(byte) (length >> 8), (byte) length},
                        h.parseHex("fefe03"), m);
                if (frame.length < 60) {
                    frame = java.util.Arrays.copyOf(frame, 60);
                }
                int captured = r.nextInt(5) == 0 ? r.nextInt(frame.length + 1) : frame.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, frame, 0, captured, frame.length);
            }
        }
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-2", "-T", "json", "-x"},
                new String[] {"-T", "ek"}, new String[] {"-T", "fields", "-e", "isis.type", "-e", "isis.lsp.lsp_id",
                    "-e", "isis.hello.source_id", "-e", "frame.protocols"}, new String[] {"-Y", "isis.lsp.checksum.status == 1"});
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
