package dev.tcpscope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ESP against tshark 4.0.17 with esp enabled (goldens by scripts/make-esp-goldens.sh): the
 * crafted captures/synth-esp.pcap (EspScenarios: repeated, skipped and earlier sequence numbers,
 * a 32-bit wrap, headers cut short, an ICMP error quoting ESP) and Arkime's ESP capture over
 * IPv4 and IPv6, in the list, -V, -2 -V, -T json -x, -T ek, -T fields and -z expert.
 */
class EspTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/esp");
    private static final String FIELDS = "frame.number esp esp.spi esp.sequence esp.sequence-analysis.expected-sn "
            + "esp.sequence-analysis.previous-frame frame.protocols _ws.col.Info _ws.expert.message";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "synth-esp.pcap, list", "synth-esp.pcap, V", "synth-esp.pcap, 2V", "synth-esp.pcap, jsonx", "synth-esp.pcap, ek",
        "synth-esp.pcap, fields", "synth-esp.pcap, expert",
        "arkime-wireshark-esp.pcap, list", "arkime-wireshark-esp.pcap, V", "arkime-wireshark-esp.pcap, 2V",
        "arkime-wireshark-esp.pcap, jsonx", "arkime-wireshark-esp.pcap, ek", "arkime-wireshark-esp.pcap, fields",
        "arkime-wireshark-esp.pcap, expert"})
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        String golden = switch (format) {
            case "list" -> ".list.txt";
            case "V" -> {
                args.add("-V");
                yield ".V.txt.gz";
            }
            case "2V" -> {
                args.addAll(List.of("-2", "-V"));
                yield ".2.V.txt.gz";
            }
            case "jsonx" -> {
                args.addAll(List.of("-T", "json", "-x"));
                yield ".jsonx.json.gz";
            }
            case "ek" -> {
                args.addAll(List.of("-T", "ek"));
                yield ".ek.json.gz";
            }
            case "fields" -> {
                args.addAll(List.of("-T", "fields", "-E", "header=y"));
                for (String f : FIELDS.split(" ")) {
                    args.addAll(List.of("-e", f));
                }
                yield ".fields.tsv";
            }
            default -> {
                args.addAll(List.of("-q", "-z", "expert"));
                yield ".expert.txt";
            }
        };
        assertThat(run(args).lines().toList()).containsExactlyElementsOf(golden(capture + golden).lines().toList());
    }

    private static String golden(String name) throws IOException {
        Path p = GOLDEN.resolve(name);
        if (!name.endsWith(".gz")) {
            return Files.readString(p);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String run(List<String> args) {
        return dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out();
    }
}
