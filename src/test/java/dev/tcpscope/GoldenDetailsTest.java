package dev.tcpscope;

import org.junit.jupiter.api.extension.ExtendWith;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tcpscope read captures/NAME -c N -V} (and {@code -x}, {@code -T json}) prints exactly
 * what tshark printed under the transport-only profile: the goldens in
 * {@code src/test/resources/golden/details/} are made by {@code scripts/make-detail-goldens.sh}
 * (see its {@code VERSION}; {@code frames.tsv} gives N per capture). tshark ran with TZ=UTC, so
 * the test runs with UTC as the default zone.
 *
 * <p>Outputs tcpscope does not match yet are listed in {@code known-gaps.tsv} (capture, format,
 * reason). A listed output must still differ: when it starts to match, the test fails until the
 * row is removed, so the list only shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class GoldenDetailsTest {
    private static final Path DIR = Path.of("src/test/resources/golden/details");
    private static final Path CAPTURES = Path.of("captures");

    /** The three outputs: file suffix and the read options that produce it. */
    enum Format {
        V(".V.txt", "-V"), X(".x.txt", "-x"), JSON(".json", "-T", "json");

        final String suffix;
        final String[] options;

        Format(String suffix, String... options) {
            this.suffix = suffix;
            this.options = options;
        }
    }

    static Map<String, String> knownGaps() throws IOException {
        Map<String, String> gaps = new HashMap<>();
        Path file = DIR.resolve("known-gaps.tsv");
        if (!Files.exists(file)) {
            return gaps;
        }
        for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            gaps.put(f[0] + "\t" + f[1], f.length > 2 ? f[2] : "");
        }
        return gaps;
    }

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String row : Files.readAllLines(DIR.resolve("frames.tsv"), StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            for (Format format : Format.values()) {
                all.add(Arguments.of(f[0], format, Integer.parseInt(f[1])));
            }
        }
        assertThat(all).as("goldens in %s", DIR).isNotEmpty();
        return all.stream();
    }

    static Stream<Arguments> extras() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String row : Files.readAllLines(DIR.resolve("extras.tsv"), StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            all.add(Arguments.of(f[0], f[1], f[2]));
        }
        return all.stream();
    }

    /** The option combinations of extras.tsv print what tshark printed with the same options. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("extras")
    void optionCombinationsAreWhatTsharkPrints(String golden, String capture, String options) throws IOException {
        String expected = Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("read", CAPTURES.resolve(capture).toString()));
        args.addAll(List.of(options.split(" ")));
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String actual = outBytes.toString(StandardCharsets.UTF_8);
        if (knownGaps().containsKey(golden + "\textra")) { // rows "golden<TAB>extra<TAB>reason"
            if (expected.equals(actual)) {
                fail("%s now matches tshark; take it off %s", golden, DIR.resolve("known-gaps.tsv"));
            }
            return;
        }
        assertThat(actual).as("%s", golden).isEqualTo(expected);
    }

    static String run(String name, Format format, int frames) {
        List<String> args = new ArrayList<>(List.of("read", CAPTURES.resolve(name).toString(), "-c", Integer.toString(frames)));
        args.addAll(List.of(format.options));
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldens")
    void detailsAreWhatTsharkPrints(String name, Format format, int frames) throws IOException {
        String expected = Files.readString(DIR.resolve(name + format.suffix), StandardCharsets.UTF_8);
        String actual = run(name, format, frames);
        String gap = knownGaps().get(name + "\t" + format);
        if (gap != null) {
            if (expected.equals(actual)) {
                fail("%s %s now matches tshark; take it off %s", name, format, DIR.resolve("known-gaps.tsv"));
            }
            return;
        }
        GoldenText.same(name + " " + format, expected, actual);
    }
}
