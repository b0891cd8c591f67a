package dev.tcpscope;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;


/**
 * {@code tcpscope read captures/NAME -c N -T ek} and {@code -T psml} print exactly what tshark
 * 4.0.17 printed under the project's profile, byte for byte: the goldens in
 * {@code src/test/resources/golden/details/ek/} (gzipped) are made by
 * {@code scripts/make-detail-goldens.sh --ek} (see its {@code VERSION}), N is the capture's row
 * of {@code golden/details/frames.tsv}, and {@code extras.tsv} adds option combinations
 * ({@code -P}, {@code -e}, {@code -E}, {@code -Y}, {@code -2}, {@code -R}, {@code --color}).
 * tshark ran with TZ=UTC, so the test runs with UTC as the default zone.
 *
 * <p>Outputs tcpscope does not match yet are listed in {@code known-gaps.tsv} (golden, reason).
 * A listed output must still differ: when it starts to match, the test fails until the row is
 * removed, so the list only shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class GoldenEkTest {
    private static final Path DIR = Path.of("src/test/resources/golden/details/ek");

    static Stream<Arguments> goldens() throws IOException {
        return GoldenText.goldens(DIR, List.of(".ek.json", ".psml"), List.of("-T ek", "-T psml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void outputIsWhatTsharkPrints(String golden, String capture, String options) throws IOException {
        String expected = GoldenText.gunzip(DIR.resolve(golden + ".gz"));
        GoldenText.sameOrKnownGap(DIR, golden, expected, GoldenText.read(capture, options));
    }
}
