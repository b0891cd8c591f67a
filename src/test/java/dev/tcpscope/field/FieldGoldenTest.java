package dev.tcpscope.field;

import dev.tcpscope.UtcTimeZone;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * {@code tcpscope read -T fields} prints each field of each protocol group as tshark 4.0 does:
 * the goldens in {@code src/test/resources/golden/fields/} are made by
 * {@code scripts/make-field-goldens.sh} (see its {@code VERSION}). Values are compared cell by
 * cell; a (golden, field) pair listed in {@code known-gaps.tsv} with its reason may differ, and
 * must differ somewhere, so the list only shrinks. The goldens were made with TZ=UTC, which the
 * test sets for {@code frame.time}.
 */
@ExtendWith(UtcTimeZone.class)
class FieldGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fields");
    private static final Path CAPTURES = Path.of("captures");
    /** The pattern rows of known-gaps.tsv that excused a difference in this run. */
    private static final java.util.Set<String> usedPatterns = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static int goldensRun;

    @AfterAll
    static void staleGaps() throws IOException {
        if (goldensRun == goldens().count()) { // a run of every golden: each pattern row must still excuse something
            List<String> stale = knownGaps().keySet().stream().filter(k -> k.contains("*"))
                    .filter(k -> !usedPatterns.contains(k)).sorted().toList();
            assertThat(stale).as("pattern rows of known-gaps.tsv that no longer excuse any difference").isEmpty();
        }
    }

    static Map<String, String> knownGaps() throws IOException {
        Map<String, String> gaps = new HashMap<>();
        for (String row : Files.readAllLines(GOLDEN.resolve("known-gaps.tsv"), StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t", 3);
            gaps.put(f[0] + " " + f[1], f.length > 2 ? f[2] : "");
        }
        return gaps;
    }

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv") && !n.equals("known-gaps.tsv"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void fieldsPrintAsTsharkPrintsThem(String golden) throws IOException {
        String capture = golden.substring(0, golden.lastIndexOf('.'));
        List<String> expected = Files.readAllLines(GOLDEN.resolve(golden + ".tsv"), StandardCharsets.UTF_8);
        String[] names = expected.getFirst().split("\t", -1);
        List<String> args = new ArrayList<>(List.of("read", CAPTURES.resolve(capture).toString(), "-T", "fields", "-E", "header=y"));
        for (String n : names) {
            args.add("-e");
            args.add(n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(o, e, args.toArray(String[]::new));
        }
        List<String> actual = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(actual.size()).as("lines of %s", golden).isEqualTo(expected.size());
        Map<String, String> gaps = knownGaps();
        List<String> problems = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            String firstDiff = null;
            for (int line = 1; line < expected.size() && firstDiff == null; line++) {
                String want = cell(expected.get(line), c);
                String got = cell(actual.get(line), c);
                if (!want.equals(got)) {
                    firstDiff = "line " + (line + 1) + ": tshark \"" + want + "\", tcpscope \"" + got + "\"";
                }
            }
            boolean exact = gaps.containsKey(golden + " " + names[c]);
            String pattern = exact ? null : globbed(gaps, golden, names[c]);
            boolean gap = exact || pattern != null;
            if (firstDiff != null && pattern != null) {
                usedPatterns.add(pattern);
            }
            if (firstDiff != null && !gap) {
                problems.add(names[c] + " differs at " + firstDiff);
            } else if (firstDiff == null && exact) {
                problems.add(names[c] + " now matches: take \"" + golden + "\t" + names[c] + "\" off known-gaps.tsv");
            }
        }
        goldensRun++;
        assertThat(problems).as("%s", golden).isEmpty();
    }

    /**
     * Whether a row with {@code *} in it covers the pair: for a whole group or a whole kind of
     * capture with one reason. Such rows are not retired per pair (a pattern may match pairs that
     * already agree); a run of every golden fails when a pattern row excused no difference at all.
     */
    private static String globbed(Map<String, String> gaps, String golden, String field) {
        for (String key : gaps.keySet()) {
            if (key.contains("*")) {
                String[] k = key.split(" ", 2);
                if (glob(k[0]).matcher(golden).matches() && glob(k[1]).matcher(field).matches()) {
                    return key;
                }
            }
        }
        return null;
    }

    private static java.util.regex.Pattern glob(String g) {
        return java.util.regex.Pattern.compile(java.util.Arrays.stream(g.split("\\*", -1))
                .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")));
    }

    private static String cell(String line, int c) {
        String[] cells = line.split("\t", -1);
        return c < cells.length ? cells[c] : "";
    }

    @Test
    void everyGoldenFieldIsInTheTable() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String g : goldens().toList()) {
            for (String n : Files.readAllLines(GOLDEN.resolve(g + ".tsv")).getFirst().split("\t")) {
                if (dev.tcpscope.proto.Protocols.fields().get(n) == null && !missing.contains(n)) {
                    missing.add(n);
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
