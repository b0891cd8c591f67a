package dev.tcpscope.proto.quic;

import dev.tcpscope.cli.Main;
import dev.tcpscope.UtcTimeZone;
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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * QUIC (long and short headers, Initial packets opened, their CRYPTO frames put in order and the
 * TLS handshake in them, Retry, Version Negotiation, v2) is what tshark 4.0.17 prints, in the
 * packet list and in {@code -V}, {@code -T json -x}, {@code -T pdml}, {@code -T ek} and
 * {@code -T fields}: the goldens in {@code src/test/resources/golden/quic/} are made by
 * {@code scripts/make-quic-goldens.sh} (the detail formats for the frames {@code -Y quic} keeps).
 */
@ExtendWith(UtcTimeZone.class)
class QuicGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/quic");
    private static final String FILTER = "quic";

    /** (golden, capture, read options) per golden file. */
    static Stream<Arguments> goldens() throws IOException {
        String fields = null;
        for (String line : Files.readAllLines(DIR.resolve("VERSION"))) {
            if (line.startsWith("fields: ")) {
                fields = line.substring("fields: ".length());
            }
        }
        assertThat(fields).as("fields in VERSION").isNotNull();
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                String[][] kinds = {{".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
                        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".txt", ""}};
                for (String[] k : kinds) {
                    if (f.endsWith(k[0])) {
                        String capture = f.substring(0, f.length() - k[0].length());
                        List<String> options = new ArrayList<>();
                        if (!k[1].isEmpty()) {
                            options.add("-Y");
                            options.add(FILTER);
                            options.addAll(List.of(k[1].split(" ")));
                        }
                        if (k[0].equals(".fields.tsv")) {
                            for (String e : fields.split(" ")) {
                                options.add("-e");
                                options.add(e);
                            }
                        }
                        all.add(Arguments.of(f, capture, options));
                        break;
                    }
                }
            }
        }
        assertThat(all).as("goldens in %s", DIR).hasSizeGreaterThanOrEqualTo(11 * 6);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void quicIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        args.addAll(options);
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String actual = outBytes.toString(StandardCharsets.UTF_8);
        if (golden.endsWith(".pdml.gz")) {
            actual = actual.replaceFirst("(<pdml [^>]*) time=\"[^\"]*\"", "$1 time=\"\"");
        }
        List<String> a = actual.lines().toList();
        Path file = DIR.resolve(golden);
        String expected;
        if (golden.endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            expected = Files.readString(file, StandardCharsets.UTF_8);
        }
        List<String> e = expected.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                fail(String.format("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, el, al));
            }
        }
    }
}
