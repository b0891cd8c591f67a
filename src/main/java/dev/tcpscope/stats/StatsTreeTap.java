package dev.tcpscope.stats;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.util.List;

/** What every statistics-tree tap shares: its tree, its optional filter, its drawing. */
abstract class StatsTreeTap implements Tap {
    final StatsTree tree;
    private final String filterText;
    private final DisplayFilter filter;

    StatsTreeTap(String title, String filterText, DisplayFilter filter) {
        this.tree = new StatsTree(title);
        this.filterText = filterText;
        this.filter = filter;
    }

    /** Whether the frame {@code d} has just decoded passes the tree's filter. */
    final boolean passes(Decoder d) {
        return filter == null || filter.test(d);
    }

    @Override
    public final void draw(Appendable out) throws IOException {
        tree.draw(out);
    }

    @Override
    public final List<String> filters() { return filterText == null ? List.of() : List.of(filterText); }
}
