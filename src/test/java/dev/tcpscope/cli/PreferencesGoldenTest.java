package dev.tcpscope.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code read -o tcp.NAME:VALUE}: the packet list equals tshark's with the same preference, and a
 * refused argument gets tshark's message (goldens from {@code scripts/make-pref-goldens.sh}).
 */
class PreferencesGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/prefs");


    @TestFactory
    Stream<DynamicTest> listsEqualTsharksWithEachPreference() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = f.getFileName().toString();
                String rest = name.substring(0, name.length() - ".txt".length());
                int split = rest.indexOf(".tcp.");
                String capture = rest.substring(0, split);
                String pref = rest.substring(split + 1);
                tests.add(DynamicTest.dynamicTest(capture + " -o " + pref, () -> {
                    TimeZone zone = TimeZone.getDefault();
                    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
                    try {
                        CliRun r = CliRun.of("read", "captures/" + capture, "-o", pref);
                        assertThat(r.err()).isEmpty();
                        java.util.Set<Integer> gaps = knownGaps(capture, pref);
                        List<String> mine = r.out().lines().toList();
                        List<String> theirs = Files.readString(f).lines().toList();
                        assertThat(mine).hasSameSizeAs(theirs);
                        for (int i = 0; i < theirs.size(); i++) {
                            if (gaps.contains(i + 1)) {
                                assertThat(mine.get(i)).as("known gap now matches: line %d", i + 1).isNotEqualTo(theirs.get(i));
                            } else {
                                assertThat(mine.get(i)).as("line %d", i + 1).isEqualTo(theirs.get(i));
                            }
                        }
                    } finally {
                        TimeZone.setDefault(zone);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Lines of a golden not matched yet (golden/prefs/known-gaps.tsv: capture, preference, line
     * numbers, reason); a listed line that starts to match fails the test.
     */
    private static java.util.Set<Integer> knownGaps(String capture, String pref) throws IOException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (String l : Files.readAllLines(GOLDEN.resolve("known-gaps.tsv"))) {
            String[] c = l.split("\t");
            if (l.startsWith("#") || c.length < 4 || !c[0].equals(capture) || !c[1].equals(pref)) {
                continue;
            }
            for (String n : c[2].split(",")) {
                out.add(Integer.parseInt(n.trim()));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> refusedArgumentsGetTsharksMessage() throws IOException {
        return Files.readAllLines(GOLDEN.resolve("refused.tsv")).stream().filter(l -> !l.startsWith("#")).map(l -> {
            String[] c = l.split("\t");
            return DynamicTest.dynamicTest(c[0], () -> {
                CliRun r = CliRun.of("read", "captures/learn_tcp.pcapng", "-c", "1", "-o", c[0]);
                assertThat(r.rc()).isEqualTo(2);
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).isEqualTo(c[2].replaceFirst("^tshark: ", "tcpscope: ") + "\n");
            });
        });
    }
}
