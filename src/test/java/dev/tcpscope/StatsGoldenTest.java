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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpscope read captures/C OPTIONS} prints the -z statistics exactly as {@code tshark -r
 * captures/C OPTIONS} printed them: goldens in {@code golden/stats/} by
 * {@code scripts/make-stat-goldens.sh} (every capture times each set of {@code sets.tsv}, plus the
 * rows of {@code extras.tsv}: options, filters, errors). Byte for byte, and the exit status: 0
 * where tshark's was 0, non-zero where tshark failed. Outputs not matched yet are listed with a
 * reason in {@code stats/known-gaps.tsv}; a listed output that starts matching fails, so the list
 * only shrinks.
 */
class StatsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/stats");
    private static final Path GAPS = Path.of("src/test/resources/golden/stats-known-gaps.tsv");

    record Case(String capture, String name, List<String> options) {
        @Override
        public String toString() { return capture + " " + name; }
    }

    static Stream<Case> cases() throws IOException {
        Map<String, List<String>> sets = new HashMap<>();
        for (String row : Files.readAllLines(GOLDEN.resolve("sets.tsv"))) {
            if (!row.isBlank()) {
                String[] f = row.split("\t");
                sets.put(f[0], List.of(f[1].split(" ")));
            }
        }
        Map<String, List<String>> extras = new HashMap<>();
        for (String row : Files.readAllLines(GOLDEN.resolve("extras.tsv"))) {
            if (!row.isBlank()) {
                String[] f = row.split("\t");
                extras.put(f[0] + "." + f[1], List.of(f[2].split(" ")));
            }
        }
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (String n : files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList()) {
                String base = n.substring(0, n.length() - 4);
                int dot = base.lastIndexOf('.');
                String capture = base.substring(0, dot);
                String name = base.substring(dot + 1);
                List<String> options = extras.containsKey(base) ? extras.get(base) : sets.get(name);
                assertThat(options).as("options for golden %s", n).isNotNull();
                out.add(new Case(capture, name, options));
            }
        }
        assertThat(out).as("goldens in %s", GOLDEN).hasSizeGreaterThan(10);
        return out.stream();
    }

    private static Map<String, String> gaps() throws IOException {
        Map<String, String> gaps = new HashMap<>();
        if (Files.exists(GAPS)) {
            for (String row : Files.readAllLines(GAPS, StandardCharsets.UTF_8)) {
                if (!row.isBlank() && !row.startsWith("#")) {
                    String[] f = row.split("\t");
                    gaps.put(f[0] + " " + f[1], f.length > 2 ? f[2] : "");
                }
            }
        }
        return gaps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statisticsAreTsharks(Case c) throws IOException {
        String base = c.capture() + "." + c.name();
        String expected = Files.readString(GOLDEN.resolve(base + ".txt"), StandardCharsets.UTF_8);
        Path rcFile = GOLDEN.resolve(base + ".rc");
        int tsharkRc = Files.exists(rcFile) ? Integer.parseInt(Files.readString(rcFile).strip()) : 0;
        List<String> args = new ArrayList<>(List.of("read", Path.of("captures", c.capture()).toString()));
        args.addAll(c.options());
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = Main.run(out, err, args.toArray(String[]::new));
        }
        String actual = o.toString(StandardCharsets.UTF_8);
        String errText = e.toString(StandardCharsets.UTF_8);
        boolean known = gaps().containsKey(c.toString());
        if (known) {
            assertThat(actual).as("%s now matches tshark; take it off %s", c, GAPS).isNotEqualTo(expected);
            return;
        }
        assertThat(actual).as("%s (stderr: %s)", c, errText.strip()).isEqualTo(expected);
        if (tsharkRc == 0) {
            assertThat(rc).as("exit code of %s (stderr: %s)", c, errText.strip()).isZero();
        } else {
            assertThat(rc).as("exit code of %s, where tshark exited %d", c, tsharkRc).isNotZero();
            assertThat(errText.strip()).as("error message of %s", c).isNotEmpty();
        }
    }
}
