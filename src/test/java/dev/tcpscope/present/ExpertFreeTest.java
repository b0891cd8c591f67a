package dev.tcpscope.present;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExpertFree} is a promise that {@code -z expert} relies on to skip building trees: a
 * frame it calls expert-free has no {@code _ws.expert} item anywhere in its tree. Checked frame by
 * frame over every capture of the repository and the test resources (real captures, the fuzz
 * corpora's damaged ones, the protocol excerpts), with the trees built as {@code -V} builds them;
 * and the promise must be worth something: most plain segments are recognised.
 */
class ExpertFreeTest {
    private static final int MAX_FRAMES = 5000;

    @Test
    void aFrameCalledExpertFreeHasNoExpertItem() throws IOException {
        List<Path> captures = RepositoryCaptures.all();
        List<String> wrong = new ArrayList<>();
        long free = 0;
        long withExperts = 0;
        long frames = 0;
        long synthFree = 0;
        long synthMissed = 0;
        for (Path capture : captures) {
            Decoder decoder = new Decoder().payloads(Protocols.table());
            Details details = new Details(ZoneOffset.UTC, MacNames::none);
            try (CaptureReader r = Captures.open(capture.toString())) {
                Frame f = new Frame();
                for (int n = 0; n < MAX_FRAMES && r.next(f); n++) {
                    decoder.decode(f);
                    frames++;
                    boolean certain = ExpertFree.certain(decoder);
                    // every frame's tree is built, as -V builds them all (the TCP tree keeps state across frames)
                    String expert = firstExpert(details.build(decoder, null, -1));
                    if (certain) {
                        free++;
                        if (capture.endsWith("synth-traffic-12k.pcap")) {
                            synthFree++;
                        }
                        if (expert != null && wrong.size() < 20) {
                            wrong.add(capture + " frame " + f.number() + ": " + expert);
                        }
                    } else if (expert != null) {
                        withExperts++;
                    } else if (capture.endsWith("synth-traffic-12k.pcap")) {
                        synthMissed++;
                    }
                }
            } catch (IOException | RuntimeException damaged) {
                // a damaged capture: the frames before the damage were checked
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(frames).isGreaterThan(10_000);
        assertThat(free).isGreaterThan(5_000);
        // to be worth having, the fast path carries nearly all plain segments of bulk TCP traffic
        assertThat(synthFree).as("plain segments of the synthetic capture recognised (%d not)", synthMissed)
                .isGreaterThan(20 * synthMissed);
    }

    private static String firstExpert(DetailNode node) {
        for (DetailNode c : node.children()) {
            if (c.kind() == DetailNode.Kind.PROTOCOL && "_ws.expert".equals(c.key())) {
                return c.label();
            }
            String below = firstExpert(c);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
