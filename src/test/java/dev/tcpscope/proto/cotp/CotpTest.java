package dev.tcpscope.proto.cotp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TPKT and COTP against tshark 4.0.17 with TPKT and COTP enabled (goldens by
 * scripts/make-cotp-goldens.sh): the crafted captures/synth-cotp.pcap (CotpScenarios) and its
 * copy cut to 70 bytes a frame, Zeek's
 * ISO-on-TCP traffic (class 0 data units from interleaved connections, their shared
 * destination-reference counter and reassembly) and two RDP connections on port 3389, in the
 * list, -V, -T json, -x, -T ek and (the small ones) -T json -x.
 */
class CotpTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cotp");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "synth-cotp.pcap, list", "synth-cotp.pcap, V", "synth-cotp.pcap, json", "synth-cotp.pcap, x", "synth-cotp.pcap, ek",
        "zeek-modbusBig-2000.pcap, list", "zeek-modbusBig-2000.pcap, V", "zeek-modbusBig-2000.pcap, json",
        "zeek-modbusBig-2000.pcap, x", "zeek-modbusBig-2000.pcap, ek",
        "zeek-rdp-to-ssl.pcap, list", "zeek-rdp-to-ssl.pcap, V", "zeek-rdp-to-ssl.pcap, json", "zeek-rdp-to-ssl.pcap, x",
        "zeek-rdp-to-ssl.pcap, ek",
        "zeek-rdp-no-cookie-mstshash.pcap, list", "zeek-rdp-no-cookie-mstshash.pcap, V", "zeek-rdp-no-cookie-mstshash.pcap, json",
        "zeek-rdp-no-cookie-mstshash.pcap, x", "zeek-rdp-no-cookie-mstshash.pcap, ek",
        "synth-cotp.pcap, jsonx", "zeek-rdp-no-cookie-mstshash.pcap, jsonx",
        "synth-cotp-snap70.pcap, list", "synth-cotp-snap70.pcap, V", "synth-cotp-snap70.pcap, json", "synth-cotp-snap70.pcap, x",
        "synth-cotp-snap70.pcap, ek", "synth-cotp-snap70.pcap, jsonx"})
    void isWhatTsharkPrints(String capture, String format) throws Exception {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        boolean large = capture.equals("zeek-modbusBig-2000.pcap") || capture.equals("zeek-rdp-to-ssl.pcap");
        if (large && !format.equals("list")) {
            args.addAll(List.of("-c", "300"));
        }
        String golden = switch (format) {
            case "list" -> ".list.txt";
            case "V" -> {
                args.add("-V");
                yield ".V.txt";
            }
            case "json" -> {
                args.addAll(List.of("-T", "json"));
                yield ".json";
            }
            case "x" -> {
                args.add("-x");
                yield ".x.txt";
            }
            case "jsonx" -> {
                args.addAll(List.of("-T", "json", "-x"));
                yield ".jsonx.json";
            }
            default -> {
                args.addAll(List.of("-T", "ek"));
                yield ".ek.json";
            }
        };
        List<String> expected = Files.readString(GOLDEN.resolve(capture + golden)).lines().toList();
        assertThat(run(args).lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void aDataUnitOfSeveralTpdusIsShownWhereItEndsWithItsSegments() {
        String out = run(List.of("read", "captures/synth-cotp.pcap", "-Y", "cotp.segment.count", "-T", "fields", "-e", "frame.number",
                "-e", "cotp.segment", "-e", "cotp.reassembled.length", "-e", "data.data"));
        // tshark -T fields writes these as: 9 7,8,9 10 6669727374206c617374 / 10 10,10 2 6162 / 11 10,11 2 6364 / 23 22,23 15 ...
        assertThat(out.lines().toList()).containsExactly("9\t7,8,9\t10\t6669727374206c617374", "10\t10,10\t2\t6162",
                "11\t10,11\t2\t6364", "23\t22,23\t15\t657874207061727465787420656e64");
    }

    @Test
    void hostileTpdusNeverThrowAnythingButTheBoundsMarkerAndEnd() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(2, 40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            b[0] = (byte) rnd.nextInt(0, 20); // a plausible length indicator
            b[1] = (byte) (rnd.nextInt(16) << 4);
            java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(b);
            List<Tpdu> out = new ArrayList<>();
            try {
                new Cotp().dissect(s, 0, b.length, 1, 0, true, new dev.tcpscope.tcp.AppColumns(), out);
                for (Tpdu t : out) {
                    Cotp.tree(t, dev.tcpscope.proto.Tree.NOTHING, p -> { });
                }
            } catch (Cotp.Past expected) {
                // a read past the bytes: tshark's bounds exception, shown as a malformed packet
            }
        }
    }

    private static String run(List<String> args) {
        return dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out();
    }
}
