package dev.tcpscope.proto.quic;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUIC (long and short headers, Initial packets opened, their CRYPTO frames put in order and the
 * TLS handshake in them, Retry, Version Negotiation, v2) is what tshark 4.0.17 prints, in the
 * packet list and in {@code -V}, {@code -T json -x}, {@code -T pdml}, {@code -T ek} and
 * {@code -T fields}: the goldens in {@code src/test/resources/golden/quic/} are made by
 * {@code scripts/make-quic-goldens.sh} (the detail formats for the frames {@code -Y quic} keeps).
 */
@ExtendWith(UtcTimeZone.class)
class QuicGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/quic");
    private static final String[][] KINDS = {
        {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".txt", ""}};

    /** (golden, capture, read options) per golden file. */
    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "quic", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSizeGreaterThanOrEqualTo(11 * 6);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void quicIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }
}
