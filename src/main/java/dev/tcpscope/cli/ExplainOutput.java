package dev.tcpscope.cli;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;
import dev.tcpscope.present.explain.HeaderFigure;
import dev.tcpscope.present.explain.Wrap;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
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
    /** Continuation lines of a wrapped explanation: a hanging indent under its first line. */
    static final String HANGING = INDENT + "  ";

    private final PacketList list;
    private final Decoder decoder;
    private final Explainer explainer;
    private final LineWriter out;
    private final boolean color;
    private final boolean explain;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder colored = new StringBuilder(512);
    /** Columns to wrap the explanations to (0: no wrapping). */
    private int width;
    private boolean header;
    /**
     * Explanation lines already wrapped (at {@link #width}, under {@link #INDENT}): most of a
     * long capture's lines recur word for word (nine in ten over a million SYNs), and wrapping
     * was 40% of {@code explain}'s time there. The least recently used go past
     * {@value #WRAPPED} lines.
     */
    private final java.util.Map<String, List<String>> wrapped = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, List<String>> e) {
            return size() > WRAPPED;
        }
    };
    private static final int WRAPPED = 2048;
    /** With --step: each shown packet's block of lines, kept for paging back. */
    private List<List<String>> blocks;

    /** {@code list} must list the frames {@code decoder} decodes. */
    ExplainOutput(PacketList list, Decoder decoder, Explainer explainer, LineWriter out, boolean color, boolean explain) {
        this.list = list;
        this.decoder = decoder;
        this.explainer = explainer;
        this.out = out;
        this.color = color;
        this.explain = explain;
    }

    /** Wraps explanation and summary lines to {@code columns} (0: never). */
    ExplainOutput width(int columns) {
        this.width = columns;
        wrapped.clear();
        return this;
    }

    /** Draws each segment's TCP header as RFC 9293's figure under its packet line. */
    ExplainOutput header(boolean on) {
        this.header = on;
        return this;
    }

    /** Keeps each packet's lines in {@code into} instead of writing them (for --step). */
    ExplainOutput collect(List<List<String>> into) {
        this.blocks = into;
        return this;
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
        List<String> block = blocks == null ? null : new java.util.ArrayList<>();
        if (color) {
            colored.setLength(0);
            Ansi.appendColored(colored, line, e.rule());
            emit(block, colored);
        } else {
            emit(block, line);
        }
        if (header) {
            for (String l : HeaderFigure.draw(decoder, color)) {
                emit(block, INDENT + l);
            }
        }
        if (explain) {
            for (String l : e.lines()) {
                for (String w : wrapped.computeIfAbsent(l, t -> Wrap.lines(t, width, INDENT, HANGING))) {
                    emit(block, w);
                }
            }
            emit(block, "");
        }
        if (block != null) {
            blocks.add(block);
        }
        return e;
    }

    private void emit(List<String> block, CharSequence l) throws IOException {
        if (block != null) {
            block.add(l.toString());
        } else {
            out.line(l);
        }
    }

    /** The summary of each stream, then (when asked) its ladder. */
    void end(int[] streams, boolean ladder) throws IOException {
        for (int s : streams) {
            List<String> summary = explainer.summary(s);
            for (int i = 0; i < summary.size(); i++) {
                for (String w : i == 0 ? Wrap.lines(summary.get(i), width, "", "    ")
                        : Wrap.lines(summary.get(i), width, "  ", "    ")) {
                    out.line(w);
                }
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
