package dev.tcpscope;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tcpscope read [-2] captures/NAME -T fields -E header=y -e ...} prints exactly what
 * tshark printed for the TCP analysis fields (one pass and two passes) and the TCP header and
 * option fields: the goldens in {@code src/test/resources/golden/tcp/} are made by
 * {@code scripts/make-goldens.sh} (see {@code golden/VERSION}). The field list is the golden's
 * header line. Lines not matched yet are listed with a reason in {@code golden/tcp-known-gaps.tsv};
 * a listed line that starts to match fails until it is taken off.
 */
class GoldenTcpFieldsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/tcp");
    private static final Path KNOWN_GAPS = Path.of("src/test/resources/golden/tcp-known-gaps.tsv");

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tsv.gz"))
                    .map(n -> n.substring(0, n.length() - ".tsv.gz".length()))
                    .sorted()
                    .toList();
            assertThat(names).as("goldens in %s", GOLDEN).hasSizeGreaterThan(30);
            return names.stream();
        }
    }

    private static Set<String> knownGaps() throws IOException {
        Set<String> gaps = new HashSet<>();
        for (String row : Files.readAllLines(KNOWN_GAPS, StandardCharsets.UTF_8)) {
            if (!row.isBlank() && !row.startsWith("#")) {
                String[] f = row.split("\t");
                gaps.add(f[0] + ":" + f[1]);
            }
        }
        return gaps;
    }

    /** {@code name} is {@code <capture>.<kind>}, kind 1 (one pass), 2 (-2) or hdr (header fields). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void fieldsAreWhatTsharkPrints(String name) throws IOException {
        String capture = name.substring(0, name.lastIndexOf('.'));
        String kind = name.substring(name.lastIndexOf('.') + 1);
        String expected;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN.resolve(name + ".tsv.gz")))) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> args = new ArrayList<>(List.of("read"));
        if (kind.equals("2")) {
            args.add("-2");
        }
        args.addAll(List.of(Path.of("captures", capture).toString(), "-T", "fields", "-E", "header=y"));
        for (String field : expected.lines().findFirst().orElseThrow().split("\t")) {
            args.add("-e");
            args.add(field);
        }
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String actual = outBytes.toString(StandardCharsets.UTF_8);
        if (expected.equals(actual)) {
            return;
        }
        Set<String> gaps = knownGaps();
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        assertThat(a.size()).as("%s: number of lines (stderr: %s)", name, errBytes).isEqualTo(e.size());
        List<String> header = List.of(e.get(0).split("\t", -1));
        for (int i = 1; i < e.size(); i++) {
            boolean known = gaps.contains(name + ":" + i);
            boolean same = e.get(i).equals(a.get(i));
            if (known && same) {
                fail("%s: frame line %d now matches tshark; take it off %s", name, i, KNOWN_GAPS);
            }
            if (!known && !same) {
                fail("%s: line %d differs: %s", name, i, firstDifference(header, e.get(i), a.get(i)));
            }
        }
    }

    /** Names the first field that differs, with both values. */
    private static String firstDifference(List<String> header, String expected, String actual) {
        String[] e = expected.split("\t", -1);
        String[] a = actual.split("\t", -1);
        for (int k = 0; k < Math.min(e.length, a.length); k++) {
            if (!e[k].equals(a[k])) {
                return "frame " + e[0] + " " + header.get(k) + ": tshark \"" + e[k] + "\", tcpscope \"" + a[k] + "\"";
            }
        }
        return "tshark: " + expected + " / tcpscope: " + actual;
    }
}
