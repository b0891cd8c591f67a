package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads every file of the pcapng conformance suite (hadrielk/pcapng-test-generator, see
 * PROVENANCE.md) mapped, streamed and gzip-streamed, and compares the records with what tshark
 * printed ({@code conformance-expected.tsv}, written by scripts/conformance-expect.sh) and the
 * block counts the suite's .txt files describe.
 */
class ConformanceTest {
    private static final Path ROOT = resource("pcapng-test-generator");
    private static final Map<String, List<String>> EXPECTED = expected();

    static List<String> files() {
        return List.copyOf(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("files")
    void mappedMatchesTshark(String file) throws IOException {
        try (CaptureReader reader = Captures.open(ROOT.resolve(file), file)) {
            assertThat(rows(reader)).isEqualTo(EXPECTED.get(file));
            assertThat(reader.format()).isEqualTo("pcapng");
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void streamedMatchesTshark(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(ROOT.resolve(file));
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(bytes), file)) {
            assertThat(rows(reader)).isEqualTo(EXPECTED.get(file));
        }
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(gzip(bytes)), file)) {
            assertThat(rows(reader)).isEqualTo(EXPECTED.get(file));
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void blockCountsMatchTheDescription(String file) throws IOException {
        String txt = Files.readString(ROOT.resolve(file.replace(".pcapng", ".txt")));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\t(\\w+): (\\d+)$", Pattern.MULTILINE).matcher(txt);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        try (CaptureReader reader = Captures.open(ROOT.resolve(file), file)) {
            Frame frame = new Frame();
            int packets = 0;
            int custom = 0;
            while (reader.next(frame)) {
                if (frame.kind() == Frame.Kind.PACKET) {
                    packets++;
                } else {
                    custom++;
                }
            }
            assertThat(packets).isEqualTo(counts.getOrDefault("EPB", 0) + counts.getOrDefault("SPB", 0)
                    + counts.getOrDefault("PB", 0));
            assertThat(custom).isEqualTo(counts.getOrDefault("CB", 0) + counts.getOrDefault("DCB", 0));
            assertThat(reader.interfaces()).hasSize(counts.getOrDefault("IDB", 0));
        }
    }

    /** The five tshark fields, tab-separated, as the expected file holds them. */
    private static List<String> rows(CaptureReader reader) throws IOException {
        List<String> rows = new ArrayList<>();
        Frame f = new Frame();
        while (reader.next(f)) {
            String epoch = f.hasTimestamp() ? f.seconds() + "." + String.format("%09d", f.nanos()) : "";
            String iface = f.interfaceId() == Frame.NO_INTERFACE ? "" : Integer.toString(f.interfaceId());
            rows.add(f.number() + "\t" + epoch + "\t" + iface + "\t" + f.capturedLength() + "\t" + f.originalLength());
            assertThat(f.toByteArray()).hasSize(f.capturedLength());
        }
        return rows;
    }

    private static Map<String, List<String>> expected() {
        try {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (String line : Files.readAllLines(resource("conformance-expected.tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 2);
                List<String> rows = expected.computeIfAbsent(cols[0], k -> new ArrayList<>());
                if (cols[1].startsWith("#rc\t")) {
                    assertThat(cols[1]).isEqualTo("#rc\t0"); // the suite has no damaged file
                } else {
                    rows.add(cols[1]);
                }
            }
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(ConformanceTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3)); // short reads, as pipes give
            }
        };
    }
}
