package dev.tcpscope.proto;

import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The TLS layer of {@code read -V} and {@code read -T json}, and the TLS fields of
 * {@code read -T fields}, are what tshark printed: the goldens in
 * {@code src/test/resources/golden/tls/} are made by {@code scripts/make-tls-goldens.sh}, which
 * cuts tshark's output to the TLS items with {@code scripts/tls-cut-V.awk} and
 * {@code tls-cut-json.awk}; the same awk scripts cut tcpscope's output here. Goldens listed in
 * {@code golden/tls-known-gaps.tsv} (with the reason) may differ, and must: a listed golden that
 * starts to match fails, so the list only shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class TlsGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/tls");
    private static final Path GAPS = Path.of("src/test/resources/golden/tls-known-gaps.tsv");
    private static final int FRAMES = 150;

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                String kind = f.endsWith(".V.txt") ? "V" : f.endsWith(".json") ? "json" : f.endsWith(".fields.tsv") ? "fields" : null;
                if (kind == null) {
                    continue;
                }
                String capture = f.substring(0, f.length() - switch (kind) {
                    case "V" -> ".V.txt".length();
                    case "json" -> ".json".length();
                    default -> ".fields.tsv".length();
                });
                all.add(Arguments.of(capture, kind, f));
            }
        }
        assertThat(all).as("goldens in %s", DIR).isNotEmpty();
        return all.stream();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void tlsLayerIsWhatTsharkPrints(String capture, String kind, String golden) throws Exception {
        List<String> expected = Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8).lines().toList();
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture, "-c", Integer.toString(FRAMES)));
        switch (kind) {
            case "V" -> args.add("-V");
            case "json" -> args.addAll(List.of("-T", "json"));
            default -> {
                args.addAll(List.of("-T", "fields", "-E", "header=y"));
                for (String field : expected.getFirst().split("\t")) {
                    args.addAll(List.of("-e", field));
                }
            }
        }
        String text = run(args);
        List<String> actual = switch (kind) {
            case "V" -> awk("scripts/tls-cut-V.awk", text);
            case "json" -> awk("scripts/tls-cut-json.awk", text);
            default -> text.lines().toList();
        };
        String gap = knownGaps().get(golden);
        String difference = null;
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && difference == null; i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                difference = String.format("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, e, a);
            }
        }
        if (gap == null && difference != null) {
            fail(difference);
        }
        if (gap != null && difference == null) {
            fail("%s now matches tshark: remove it from %s (it was listed: %s)", golden, GAPS, gap);
        }
    }

    private static String run(List<String> args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** Applies the golden script's own cut (awk) to tcpscope's output. */
    private static List<String> awk(String script, String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("awk", "-f", script).redirectErrorStream(true).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (var in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // awk ended early; its output says why
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("awk ends").isTrue();
        feeder.join();
        return out.lines().toList();
    }

    private static Map<String, String> knownGaps() throws IOException {
        Map<String, String> gaps = new HashMap<>();
        for (String line : Files.readAllLines(GAPS, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            gaps.put(cols[0], cols.length > 1 ? cols[1] : "");
        }
        return gaps;
    }
}
