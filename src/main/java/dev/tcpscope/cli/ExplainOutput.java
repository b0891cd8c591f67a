package dev.tcpscope.cli;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The output of {@code tcpscope lab} and {@code tcpscope explain}: each shown packet as its
 * packet-list line (colored by its coloring rule when colors are on), its explanation indented
 * below it, and at the end a summary and optionally a ladder diagram per stream.
 */
final class ExplainOutput {
    static final String INDENT = "        ";

    private final PacketList list;
    private final Explainer explainer;
    private final LineWriter out;
    private final boolean color;
    private final boolean explain;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder colored = new StringBuilder(512);

    ExplainOutput(PacketList list, Explainer explainer, LineWriter out, boolean color, boolean explain) {
        this.list = list;
        this.explainer = explainer;
        this.out = out;
        this.color = color;
        this.explain = explain;
    }

    /**
     * Lists and explains {@code f}; prints it when {@code show} accepts the explanation.
     *
     * @return the explanation, printed or not
     */
    Explanation frame(Frame f, java.util.function.Predicate<Explanation> show) throws IOException {
        line.setLength(0);
        list.appendLine(f, line);
        Explanation e = explainer.explain(f, list.tcpRecord());
        if (!show.test(e)) {
            return e;
        }
        if (color) {
            colored.setLength(0);
            Ansi.appendColored(colored, line, e.rule());
            out.line(colored);
        } else {
            out.line(line);
        }
        if (explain) {
            for (String l : e.lines()) {
                out.line(INDENT + l);
            }
            out.line("");
        }
        return e;
    }

    /** The summary of each stream, then (when asked) its ladder. */
    void end(Collection<Integer> streams, boolean ladder) throws IOException {
        for (int s : streams) {
            List<String> summary = explainer.summary(s);
            for (int i = 0; i < summary.size(); i++) {
                out.line(i == 0 ? summary.get(i) : "  " + summary.get(i));
            }
            out.line("");
            if (ladder) {
                for (String l : explainer.ladder(s)) {
                    out.line(l);
                }
                out.line("");
            }
        }
        out.flush();
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Colors on a terminal or when asked, never with NO_COLOR set. */
    static boolean colorEnabled(boolean asked) {
        java.io.Console console = System.console();
        return Ansi.enabled(asked, console != null && console.isTerminal(), System.getenv("NO_COLOR"));
    }
}
