package dev.tcpscope.cli;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The output of {@code tcpscope lab} and {@code tcpscope explain}: each shown packet as its
 * packet-list line (colored by its coloring rule when colors are on), its explanation indented
 * below it, and at the end a summary and optionally a ladder diagram per stream.
 *
 * <p>Each frame is decoded once, by the packet list's {@link Decoder}; the explainer, the coloring
 * rules and the display filter all read that one decoding. The colored line keeps the lab's own
 * layout ({@link Ansi#appendColored}: the reset ends the line), not tshark's reset at the start
 * of the next line, because explanation lines follow each packet line.
 */
final class ExplainOutput {
    static final String INDENT = "        ";

    private final PacketList list;
    private final Decoder decoder;
    private final Explainer explainer;
    private final LineWriter out;
    private final boolean color;
    private final boolean explain;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder colored = new StringBuilder(512);

    /** {@code list} must list the frames {@code decoder} decodes. */
    ExplainOutput(PacketList list, Decoder decoder, Explainer explainer, LineWriter out, boolean color, boolean explain) {
        this.list = list;
        this.decoder = decoder;
        this.explainer = explainer;
        this.out = out;
        this.color = color;
        this.explain = explain;
    }

    /**
     * Decodes and explains {@code f} (every frame, so that the conversation state is whole), and
     * prints it when it passes {@code filter} (null: every frame) and {@code show} accepts its
     * explanation.
     *
     * @return the explanation when the frame was printed, else null
     */
    Explanation frame(Frame f, DisplayFilter filter, java.util.function.Predicate<Explanation> show) throws IOException {
        decoder.decode(f);
        Explanation e = explainer.explain(decoder);
        if (filter != null && !filter.test(decoder) || !show.test(e)) {
            list.skip(decoder); // as read -Y: hidden frames still count for -t dd
            return null;
        }
        line.setLength(0);
        list.appendLine(decoder, line);
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
}
