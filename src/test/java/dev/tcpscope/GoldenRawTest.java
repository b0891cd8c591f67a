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
 * {@code tcpscope read captures/NAME -c N -T json -x} prints exactly what tshark 4.0.17 printed
 * under the project's profile: every tree item with its {@code _raw} array (bytes, position in
 * its data source, length, bitmask, type). The goldens in {@code src/test/resources/golden/raw/}
 * (gzipped) are made by {@code scripts/make-detail-goldens.sh --raw} (see its {@code VERSION}); N is the
 * capture's row of {@code golden/details/frames.tsv}; {@code extras.tsv} adds option combinations.
 * Outputs not matched yet are listed in {@code known-gaps.tsv} with the reason; the list only
 * shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class GoldenRawTest {
    private static final Path DIR = Path.of("src/test/resources/golden/raw");

    static Stream<Arguments> goldens() throws IOException {
        return GoldenText.goldens(DIR, List.of(".json"), List.of("-T json -x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void itemsAndTheirBytesAreWhatTsharkPrints(String golden, String capture, String options) throws IOException {
        String expected = GoldenText.gunzip(DIR.resolve(golden + ".gz"));
        GoldenText.sameOrKnownGap(DIR, golden, expected, GoldenText.read(capture, options));
    }
}
