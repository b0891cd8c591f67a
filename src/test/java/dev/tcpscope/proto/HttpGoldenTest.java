package dev.tcpscope.proto;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.Main;
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
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTTP layer of {@code read -V} and {@code read -T json}, in one pass and with {@code -2}, is
 * what tshark printed: the goldens in {@code src/test/resources/golden/http/} are made by
 * {@code scripts/make-http-goldens.sh}, which cuts tshark's output to the HTTP items with
 * {@code scripts/http-cut-V.awk} and {@code http-cut-json.awk}; the same cut is applied here to
 * tcpscope's output (see the script for why the TCP side is left to the detail goldens).
 */
@ExtendWith(UtcTimeZone.class)
class HttpGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/http");
    private static final int FRAMES = 150;

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                boolean json = f.endsWith(".json");
                if (!json && !f.endsWith(".V.txt")) {
                    continue;
                }
                String stem = f.substring(0, f.length() - (json ? ".json".length() : ".V.txt".length()));
                boolean twoPass = stem.endsWith(".2");
                String capture = twoPass ? stem.substring(0, stem.length() - 2) : stem;
                all.add(Arguments.of(capture, twoPass, json, f));
            }
        }
        assertThat(all).as("goldens in %s", DIR).isNotEmpty();
        return all.stream();
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("goldens")
    void httpLayerIsWhatTsharkPrints(String capture, boolean twoPass, boolean json, String golden) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture, "-c", Integer.toString(FRAMES)));
        if (twoPass) {
            args.add("-2");
        }
        args.addAll(json ? List.of("-T", "json") : List.of("-V"));
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String text = outBytes.toString(StandardCharsets.UTF_8);
        List<String> actual = json ? cutJson(text) : cutV(text);
        List<String> expected = Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                fail("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, e, a);
            }
        }
    }

    private static final Pattern FRAME = Pattern.compile("^Frame [0-9]+:.*");
    private static final Pattern PROTOCOLS = Pattern.compile("^    \\[Protocols in frame:.*:http.*");
    private static final Pattern HTTP_TOP = Pattern.compile("^(Hypertext Transfer Protocol|Media Type|Portable Network Graphics|\\[Malformed Packet: (PNG|GIF image|MIME multipart)\\])$|^Compuserve GIF, Version: .*|^MIME Multipart Media Encapsulation, .*");

    /** scripts/http-cut-V.awk. */
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
            if (!line.isEmpty() && line.charAt(0) != ' ') {
                keep = HTTP_TOP.matcher(line).matches();
            }
            if (keep) {
                out.add(line);
            }
        }
        return out;
    }

    /** scripts/http-cut-json.awk. */
    static List<String> cutJson(String text) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("          \"frame.number\": ")) {
                out.add(line);
                continue;
            }
            if (line.startsWith("        \"http\": ") || line.startsWith("        \"media\": ")
                    || line.startsWith("        \"image-gif\": ") || line.startsWith("        \"png\": ")
                    || line.startsWith("        \"mime_multipart\": ")) {
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
