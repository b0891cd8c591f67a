package dev.tcpscope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpscope read captures/NAME -c N -T pdml} prints exactly what tshark 4.0.17 printed under
 * the project's profile, byte for byte but for the time the document was written (the
 * {@code time} attribute of {@code <pdml>}, which must still read as asctime writes it): the
 * goldens in {@code src/test/resources/golden/details/pdml/} (gzipped) are made by
 * {@code scripts/make-detail-goldens.sh --pdml} (see its {@code VERSION}), N is the capture's row
 * of {@code golden/details/frames.tsv}, and {@code extras.tsv} adds option combinations
 * ({@code -Y}, {@code -2}, {@code -R}, {@code --color}, {@code -e}, {@code -E}). tshark ran with
 * TZ=UTC, so the test runs with UTC as the default zone.
 *
 * <p>Outputs tcpscope does not match yet are listed in {@code known-gaps.tsv} (golden, reason).
 * A listed output must still differ: when it starts to match, the test fails until the row is
 * removed, so the list only shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class GoldenPdmlTest {
    private static final Path DIR = Path.of("src/test/resources/golden/details/pdml");
    /** The header's time attribute: "Sat Dec  5 09:47:00 2026". */
    private static final Pattern TIME = Pattern.compile(
            "(<pdml version=\"0\" creator=\"wireshark/4\\.0\\.17\" time=\")([^\"]*)(\")");
    private static final Pattern ASCTIME = Pattern.compile("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d \\d{4}");

    static Stream<Arguments> goldens() throws IOException {
        return GoldenText.goldens(DIR, List.of(".pdml"), List.of("-T pdml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void outputIsWhatTsharkPrints(String golden, String capture, String options) throws IOException {
        String expected = withoutTime(GoldenText.gunzip(DIR.resolve(golden + ".gz")));
        GoldenText.sameOrKnownGap(DIR, golden, expected, withoutTime(GoldenText.read(capture, options)));
    }

    @Test
    void theHeaderNamesTheFileAsGivenAndTheTimeAsAsctimeWritesIt() {
        String out = GoldenText.read("learn_tcp.pcapng", "-c 1 -T pdml");
        Matcher m = TIME.matcher(out);
        assertThat(m.find()).as("a <pdml> header in %s", out.lines().limit(5).toList()).isTrue();
        assertThat(m.group(2)).matches(ASCTIME);
        assertThat(out).contains("capture_file=\"captures/learn_tcp.pcapng\">\n<packet>\n");
    }

    /** The output with the header's time attribute emptied: it says when the document was written. */
    private static String withoutTime(String pdml) {
        return TIME.matcher(pdml).replaceFirst("$1$3");
    }
}
