package dev.tcpscope.present.explain;

import dev.tcpscope.present.color.FilterColorizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Explaining with streams written out to the spill file and read back says exactly what
 * explaining with every stream in memory says: each packet's explanation, each stream's summary
 * and ladder, and the reuse of a connection's ports (the earlier stream is read back for it).
 */
class StreamSpillTest {
    @ParameterizedTest
    @ValueSource(strings = {"synth-traffic-12k.pcap", "zeek-http-bro.org.pcap", "arkime-wireshark-retrans.pcap",
            "pcapplusplus-three_http_streams.pcap", "arkime-tcp_handshake_synthetic.pcap", "learn_tcp.pcapng"})
    void twoStreamsInMemorySayWhatAllDo(String name) throws IOException {
        Path capture = Path.of("captures", name);
        Explained all = Explained.file(capture, Lang.EN);
        Explainer small = new Explainer(Lang.EN, FilterColorizer.defaults()).liveStreams(2);
        Explained spilled = Explained.file(capture, Lang.EN, small);
        if (all.explainer.streamCount() > 2) {
            assertThat(small.spilledStreams()).as("streams written out").isPositive();
        }
        assertThat(said(spilled)).isEqualTo(said(all));
    }

    private static List<String> said(Explained x) {
        List<String> out = new ArrayList<>();
        for (Explanation e : x.explanations) {
            out.addAll(e.lines());
        }
        for (int s : x.explainer.streams()) {
            out.addAll(x.explainer.summary(s));
            out.addAll(x.explainer.ladder(s));
            out.add(String.join(" ", x.explainer.states(s)));
        }
        return out;
    }
}
