package dev.tcpscope.stats;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FollowStreams} with memory budgets of a page or two, so that every chunk goes through a
 * spill of the spools or a write-out of all output buffers: what comes out is what comes out with
 * the normal budgets.
 */
class FollowStreamsTest {
    private static final String CAPTURE = "captures/zeek-http-bro.org.pcap";

    private static void run(FollowStreams f, boolean filter) throws IOException {
        Decoder d = filter ? new Decoder().payloads(Protocols.table()) : new Decoder();
        Frame frame = new Frame();
        try (CaptureReader r = Captures.open(CAPTURE)) {
            while (r.next(frame)) {
                d.decode(frame);
                f.packet(d);
            }
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void printedStreamsAreTheSameWhenEveryChunkIsSpilled() throws IOException {
        StringBuilder normal = new StringBuilder();
        StringBuilder tiny = new StringBuilder();
        try (FollowStreams f = new FollowStreams(true, FollowText.Mode.YAML, null, null, null, false)) {
            run(f, false);
            f.print(normal);
        }
        try (FollowStreams f = new FollowStreams(true, FollowText.Mode.YAML, null, null, null, false, 5000, 5000)) {
            run(f, false);
            f.print(tiny);
        }
        assertThat(tiny.toString()).isEqualTo(normal.toString()).contains("peer: 1");
    }

    @Test
    void filesAreTheSameWhenTheBuffersAreWrittenOutAtEveryPage(@TempDir Path tmp) throws IOException {
        DisplayFilter css = DisplayFilter.compile("http.request.uri contains \"css\"", Protocols.fields());
        for (FollowText.Mode mode : new FollowText.Mode[] {FollowText.Mode.RAW, FollowText.Mode.HEX}) {
            Path normal = tmp.resolve(mode + "-normal");
            Path tiny = tmp.resolve(mode + "-tiny");
            Files.createDirectories(normal);
            Files.createDirectories(tiny);
            try (FollowStreams f = new FollowStreams(true, mode, null, css, normal, false)) {
                run(f, true);
                f.finish();
            }
            try (FollowStreams f = new FollowStreams(true, mode, null, css, tiny, false, 5000, 9000)) {
                run(f, true);
                f.finish();
            }
            Map<String, byte[]> a = files(normal);
            Map<String, byte[]> b = files(tiny);
            assertThat(b.keySet()).isEqualTo(a.keySet()).hasSize(9);
            for (String name : a.keySet()) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
        }
    }
}
