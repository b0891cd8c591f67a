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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The SSH, SMTP, IMF, FTP and FTP-DATA layers of {@code read -V} and {@code read -T json} are
 * what tshark printed: the goldens in {@code src/test/resources/golden/textproto/} are made by
 * {@code scripts/make-textproto-goldens.sh}, which cuts tshark's output with
 * {@code scripts/textproto-cut-V.awk} and {@code textproto-cut-json.awk}; the same cut is applied
 * here to tcpscope's output. Goldens tcpscope does not match yet, with the first line that
 * differs, are in {@code known-gaps.tsv} of that folder (the test fails when one starts to match).
 */
@ExtendWith(UtcTimeZone.class)
class TextProtoGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/textproto");

    static Stream<Arguments> goldens() throws IOException {
        Map<String, Integer> frames = new HashMap<>();
        for (String l : Files.readAllLines(DIR.resolve("frames.tsv"))) {
            if (!l.startsWith("#") && !l.isBlank()) {
                String[] f = l.split("\t");
                frames.put(f[0], Integer.parseInt(f[1]));
            }
        }
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                boolean json = f.endsWith(".json");
                if (!json && !f.endsWith(".V.txt")) {
                    continue;
                }
                // <capture>.2.V.txt: the same with -2 (tshark's second pass)
                String suffix = json ? ".json" : f.endsWith(".2.V.txt") ? ".2.V.txt" : ".V.txt";
                String capture = f.substring(0, f.length() - suffix.length());
                all.add(Arguments.of(capture, frames.get(capture), json, f));
            }
        }
        assertThat(all).as("goldens in %s", DIR).isNotEmpty();
        return all.stream();
    }

    static Map<String, String> knownGaps() throws IOException {
        Map<String, String> gaps = new HashMap<>();
        Path file = DIR.resolve("known-gaps.tsv");
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file)) {
                if (!l.startsWith("#") && !l.isBlank()) {
                    String[] f = l.split("\t");
                    gaps.put(f[0], f.length > 2 ? f[1] : "");
                }
            }
        }
        return gaps;
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("goldens")
    void layersAreWhatTsharkPrints(String capture, Integer frames, boolean json, String golden) throws IOException {
        assertThat(frames).as("%s in frames.tsv", capture).isNotNull();
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture, "-c", Integer.toString(frames)));
        args.addAll(json ? List.of("-T", "json") : golden.endsWith(".2.V.txt") ? List.of("-2", "-V") : List.of("-V"));
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String text = outBytes.toString(StandardCharsets.UTF_8);
        List<String> actual = json ? cutJson(text) : cutV(text);
        List<String> expected = Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8).lines().toList();
        String gap = knownGaps().get(golden);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                if (gap != null && gap.equals(Integer.toString(i + 1))) {
                    return; // the known first difference, listed with its reason
                }
                fail("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, e, a);
            }
        }
        if (gap != null) {
            fail("%s now matches tshark; take it off %s", golden, DIR.resolve("known-gaps.tsv"));
        }
    }

    private static final Pattern FRAME = Pattern.compile("^Frame [0-9]+:.*");
    private static final Pattern PROTOCOLS = Pattern.compile("^    \\[Protocols in frame:.*:(ssh|smtp|ftp|ftp-data)(:.*|\\])$");
    private static final Pattern TOP = Pattern.compile(
            "^(SSH Protocol|Simple Mail Transfer Protocol|Internet Message Format|File Transfer Protocol \\(FTP\\)|FTP Data).*");
    private static final Pattern JSON_TOP = Pattern.compile("^        \"(ssh|smtp|imf|ftp|ftp-data)\": .*");
    private static final Pattern JSON_FIELD = Pattern.compile("^        \"(ftp|ftp-data)\\.[^\"]*\": \".*");

    /** scripts/textproto-cut-V.awk. */
    static List<String> cutV(String text) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : text.lines().toList()) {
            if (FRAME.matcher(line).matches()) {
                out.add(line);
                keep = false;
                continue;
            }
            if (PROTOCOLS.matcher(line).matches()) {
                out.add(line);
                continue;
            }
            if (TOP.matcher(line).matches()) {
                keep = true;
            }
            if (keep) {
                out.add(line);
            }
        }
        return out;
    }

    /** scripts/textproto-cut-json.awk. */
    static List<String> cutJson(String text) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("          \"frame.number\": ") || JSON_FIELD.matcher(line).matches()) {
                out.add(line);
                continue;
            }
            if (JSON_TOP.matcher(line).matches()) {
                keep = true;
            }
            if (keep) {
                out.add(line);
                if (line.startsWith("        }")) {
                    keep = false;
                }
            }
        }
        return out;
    }
}
