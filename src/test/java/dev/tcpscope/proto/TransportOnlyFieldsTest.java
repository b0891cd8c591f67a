package dev.tcpscope.proto;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldText;
import dev.tcpscope.field.Values;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FieldTable#transportOnly} is a promise: a field it names has the same values in every
 * frame whether the protocols above TCP and UDP are dissected or not, so a filter on such fields
 * alone may skip that dissection (the web view's filter does). Checked frame by frame, field by
 * field, over every capture of the repository, with both decoders reading the same frames.
 */
class TransportOnlyFieldsTest {
    private static final int MAX_FRAMES = 3000;

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("captures"))) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)(\\.gz|\\.zst|\\.lz4)?$"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void sameValuesWithoutThePayloadsProtocols(Path capture) throws IOException {
        List<Field> fields = FieldTable.standard().all().stream().filter(f -> FieldTable.transportOnly(f.name())).toList();
        Decoder with = new Decoder().payloads(Protocols.table());
        Decoder without = new Decoder();
        Values a = new Values();
        Values b = new Values();
        List<String> differences = new ArrayList<>();
        try (CaptureReader r1 = Captures.open(capture.toString()); CaptureReader r2 = Captures.open(capture.toString())) {
            Frame f1 = new Frame();
            Frame f2 = new Frame();
            for (int n = 0; n < MAX_FRAMES && r1.next(f1) && r2.next(f2); n++) {
                with.decode(f1);
                without.decode(f2);
                for (Field f : fields) {
                    String x = text(f, with, a);
                    String y = text(f, without, b);
                    if (!x.equals(y) && differences.size() < 10) {
                        differences.add("frame " + (n + 1) + " " + f.name() + ": " + x + " | without: " + y);
                    }
                }
            }
        } catch (IOException | RuntimeException damaged) {
            // a damaged capture: the frames before the damage were compared
        }
        assertThat(differences).as(capture.toString()).isEmpty();
    }

    private static String text(Field f, Decoder d, Values v) {
        v.clear();
        f.extractor().extract(d, v);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            FieldText.append(sb, f, v, i);
        }
        return sb.toString();
    }

    @Test
    void aFilterNamesTheFieldsItUses() {
        DisplayFilter f = DisplayFilter.compile("tcp.port == 80 && !(http.host contains \"x\") || len(ip.src) > 3",
                Protocols.fields());
        assertThat(f.fields()).containsExactlyInAnyOrder("tcp.port", "http.host", "ip.src");
        assertThat(f.fields().stream().allMatch(FieldTable::transportOnly)).isFalse();
        assertThat(DisplayFilter.compile("tcp.analysis.flags || frame.len > 100", Protocols.fields()).fields()
                .stream().allMatch(FieldTable::transportOnly)).isTrue();
        assertThat(FieldTable.transportOnly("tcp.reassembled_in")).isFalse();
        assertThat(FieldTable.transportOnly("frame.protocols")).isFalse();
        assertThat(FieldTable.transportOnly("tcp.completeness")).isFalse(); // FTP's PASV data connections
        assertThat(FieldTable.transportOnly("http.host")).isFalse();
    }
}
