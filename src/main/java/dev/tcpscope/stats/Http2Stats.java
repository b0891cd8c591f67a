package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.proto.http2.Http2;
import dev.tcpscope.tcp.Decoder;

/**
 * {@code -z http2,tree[,FILTER]}: packet-http2.c's statistics tree "HTTP2" (http2_stats_tree_init
 * and _packet): each frame the dissector queues on its tap (every HTTP/2 frame dissected to its
 * end; not the preface, not one that ended in an exception) counts under HTTP2 and, by its type's
 * name, under the Type pivot.
 */
final class Http2Stats extends StatsTreeTap {
    private static final String TITLE = "HTTP2";
    private final StatsTree.Node types;

    private Http2Stats(String filterText, DisplayFilter filter) {
        super(TITLE, filterText, filter);
        StatsTree.Node http2 = tree.node(TITLE, null, true);
        types = tree.node("Type", http2, true);
    }

    static Tap parse(String arg, FieldTable table) {
        String f = arg.length() > "http2,tree".length() && arg.charAt("http2,tree".length()) == ',' ? arg.substring("http2,tree".length() + 1) : null;
        DisplayFilter filter = Taps.filter(f, table, "tcpscope: stats_tree for: " + TITLE + " failed to attach to the tap: ", "", 0);
        return new Http2Stats(f, filter);
    }

    @Override
    public void packet(Decoder d) {
        var frames = Http2.tapped(d);
        if (frames.isEmpty() || !passes(d)) {
            return;
        }
        for (String type : frames) {
            tree.clock(d.relativeMillis());
            tree.tick(TITLE, null);
            tree.tickPivot(types, type);
        }
    }
}
