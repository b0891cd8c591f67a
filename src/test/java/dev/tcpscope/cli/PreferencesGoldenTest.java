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
                        assertThat(r.out()).isEqualTo(Files.readString(f));
                    } finally {
                        TimeZone.setDefault(zone);
                    }
                }));
            }
        }
        return tests.stream();
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
