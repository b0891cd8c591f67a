package dev.tcpscope.web;

import dev.tcpscope.web.graph.GraphType;
import dev.tcpscope.web.graph.StreamGraph;
import dev.tcpscope.web.graph.StreamGraphs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCP stream graphs the page draws, from {@link StreamGraphs}: one pass over the capture
 * each, counted among the passes that may run at once, and kept (a few) once the capture is
 * complete. A graph holds only its stream's points.
 */
final class Graphs {
    private static final int KEPT = 8;

    private final CaptureIndex index;
    private final Views views;
    private final Map<String, StreamGraph> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StreamGraph> e) {
            return size() > KEPT;
        }
    };

    Graphs(CaptureIndex index, Views views) {
        this.index = index;
        this.views = views;
    }

    StreamGraph graph(int stream, GraphType type, boolean reverse, String tab) throws Exception {
        String key = stream + " " + type + " " + reverse;
        synchronized (kept) {
            StreamGraph g = kept.get(key);
            if (g != null) {
                return g;
            }
        }
        boolean complete = index.done();
        StreamGraph g = views.bounded(() -> StreamGraphs.of(index.file(), stream, type, reverse));
        if (complete) {
            synchronized (kept) {
                kept.put(key, g);
            }
        }
        return g;
    }
}
