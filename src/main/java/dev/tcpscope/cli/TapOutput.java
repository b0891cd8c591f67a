package dev.tcpscope.cli;

import dev.tcpscope.present.LineWriter;
import dev.tcpscope.stats.Taps;

import java.io.IOException;

/** Writes the -z reports (and tcpscope follow's) through the command's {@link LineWriter}, in 64 KiB pieces. */
final class TapOutput implements Appendable {
    private final LineWriter out;
    private final StringBuilder buffer = new StringBuilder(1 << 16);

    private TapOutput(LineWriter out) {
        this.out = out;
    }

    /**
     * Prints every report of {@code taps} (nothing without -z) and returns the one-line errors of
     * those that could not be made.
     */
    static java.util.List<String> draw(Taps taps, LineWriter out) throws IOException {
        if (taps == null || taps.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<String> failed = new java.util.ArrayList<>();
        print(out, to -> failed.addAll(taps.draw(to)));
        return failed;
    }

    /** A report that writes itself to an Appendable (a -z tap's, the followed streams). */
    interface Report {
        void write(Appendable to) throws IOException;
    }

    /** Prints {@code report} through {@code out} and flushes. */
    static void print(LineWriter out, Report report) throws IOException {
        TapOutput o = new TapOutput(out);
        report.write(o);
        out.text(o.buffer);
        out.flush();
    }

    /** After a read error: prints the reports if the output still takes them. */
    static void drawQuietly(Taps taps, LineWriter out) {
        try {
            draw(taps, out);
        } catch (IOException | RuntimeException ignored) {
            // the read error already said why the run ended
        }
    }

    @Override
    public Appendable append(CharSequence cs) throws IOException {
        buffer.append(cs);
        if (buffer.length() >= 1 << 16) {
            out.text(buffer);
            buffer.setLength(0);
        }
        return this;
    }

    @Override
    public Appendable append(CharSequence cs, int start, int end) throws IOException {
        return append(cs.subSequence(start, end));
    }

    @Override
    public Appendable append(char c) throws IOException {
        buffer.append(c);
        return this;
    }
}
