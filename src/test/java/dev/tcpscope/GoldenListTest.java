package dev.tcpscope;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tcpscope read captures/NAME} prints exactly what {@code tshark -r} printed under the
 * transport-only profile: the goldens in {@code src/test/resources/golden/list/} are made by
 * {@code scripts/make-goldens.sh} (see {@code golden/VERSION}). Where tshark stopped on a damaged
 * file (golden rc != 0) we must print what could be read, exit 1 and write one line to err.
 * The working directory is the repository root (Maven's default).
 */
class GoldenListTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/list");
    private static final Path CAPTURES = Path.of("captures");
    /**
     * Lines we know we do not yet print like tshark, one per row: capture, line number, reason.
     * Every other line must match byte for byte, and a listed line that starts matching fails
     * the test until it is taken off the list, so the list can only shrink honestly.
     */
    private static final Path KNOWN_GAPS = Path.of("src/test/resources/golden/known-gaps.tsv");

    static java.util.Set<String> knownGaps() throws IOException {
        java.util.Set<String> gaps = new java.util.HashSet<>();
        for (String row : Files.readAllLines(KNOWN_GAPS, StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            gaps.add(f[0] + ":" + f[1]);
        }
        return gaps;
    }

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .sorted()
                    .toList();
            assertThat(names).as("goldens in %s", GOLDEN).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void readPrintsWhatTsharkPrints(String name) throws IOException {
        Path capture = CAPTURES.resolve(name);
        assertThat(capture).as("capture for golden %s", name).exists();
        String expected = Files.readString(GOLDEN.resolve(name + ".txt"), StandardCharsets.UTF_8);
        int tsharkRc = Integer.parseInt(Files.readString(GOLDEN.resolve(name + ".rc")).strip());

        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            rc = Main.run(out, err, "read", capture.toString());
        }
        String actual = outBytes.toString(StandardCharsets.UTF_8);
        String errText = errBytes.toString(StandardCharsets.UTF_8);

        assertSameLines(name, expected, actual, errText);
        if (tsharkRc == 0) {
            assertThat(rc).as("exit code for %s (stderr: %s)", name, errText).isZero();
        } else {
            assertThat(rc).as("exit code for %s, which tshark could not read to the end (rc %d)", name, tsharkRc)
                    .isEqualTo(1);
            assertThat(errText.strip()).as("error message for %s", name).isNotEmpty();
            assertThat(errText.strip().lines().count()).as("error for %s must be one line: %s", name, errText)
                    .isEqualTo(1);
        }
    }

    /** Compares line by line and names the first differing line with both versions. */
    private static void assertSameLines(String name, String expected, String actual, String err) throws IOException {
        java.util.Set<String> gaps = knownGaps();
        if (expected.equals(actual)) {
            List<String> stale = gaps.stream().filter(g -> g.startsWith(name + ":")).sorted().toList();
            assertThat(stale).as("%s now matches tshark entirely; take these rows off %s", name, KNOWN_GAPS).isEmpty();
            return;
        }
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        assertThat(a.size()).as("%s: number of lines (stderr: %s)", name, err.strip()).isEqualTo(e.size());
        for (int i = 0; i < e.size(); i++) {
            String el = e.get(i);
            String al = a.get(i);
            boolean known = gaps.contains(name + ":" + (i + 1));
            if (known && el.equals(al)) {
                fail("%s: line %d now matches tshark; take it off %s", name, i + 1, KNOWN_GAPS);
            }
            if (!known && !el.equals(al)) {
                fail("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s%n(stderr: %s)",
                        name, i + 1, e.get(i), al, err.strip());
            }
        }
        assertThat(actual.endsWith("\n")).as("%s: final newline", name).isEqualTo(expected.endsWith("\n"));
    }
}
