package dev.tcpscope.filter;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.tcp.Decoder;

import java.util.Optional;

/**
 * A Wireshark 4.0 display filter, compiled once and tested against each decoded frame:
 *
 * <pre>
 *   DisplayFilter f = DisplayFilter.compile("tcp.analysis.retransmission || tcp.flags.reset == 1",
 *                                           FieldTable.standard());
 *   while (reader.next(frame)) { decoder.decode(frame); if (f.test(decoder)) { ... } }
 * </pre>
 *
 * The language is Wireshark's (https://www.wireshark.org/docs/man-pages/wireshark-filter.html
 * for 4.0); {@link #compile} throws {@link FilterSyntaxException} with tshark's message and the
 * span to put a caret under ({@link FilterSyntaxException#render}). A compiled filter keeps
 * buffers for the values it loads, so one instance is for one thread; {@link #test} allocates
 * nothing for the common filters (fields, constants, comparisons, single-range slices).
 * A blank filter matches every frame, as in tshark.
 */
public final class DisplayFilter {
    private final String text;
    private final Compiler.Node root;
    private final java.util.Set<String> fields;

    private DisplayFilter(String text, Compiler.Node root, java.util.Set<String> fields) {
        this.text = text;
        this.root = root;
        this.fields = java.util.Collections.unmodifiableSet(fields);
    }

    /** The names of the fields and protocols the filter refers to (none for an empty filter). */
    public java.util.Set<String> fields() {
        return fields;
    }

    /**
     * Parses, type-checks against {@code table} and compiles {@code filter}; a name not in the
     * table is tshark's error.
     */
    public static DisplayFilter compile(String filter, FieldTable table) {
        return compile(filter, table, Unknown.ERROR);
    }

    /**
     * Parses, type-checks against {@code table} and compiles {@code filter}, taking names not in
     * the table as {@code unknown} says: {@link Unknown#ABSENT} for filters written for
     * Wireshark's full set of protocols (coloring rules), where such a name is a field that
     * tcpscope's frames never have. Syntax errors and type errors on known fields are thrown
     * in both modes.
     *
     * @throws FilterSyntaxException with tshark's message and the span of the offending text
     */
    public static DisplayFilter compile(String filter, FieldTable table, Unknown unknown) {
        if (filter.length() < LONG) {
            return compileHere(filter, table, unknown);
        }
        // Nesting is bounded by the parser (Parser.MAX_DEPTH) and and/or chains are walked in
        // loops, but a long arithmetic chain (tshark takes a 2,000-term sum) is still checked
        // and compiled recursively: a long filter gets a thread with a deep stack for that.
        DisplayFilter[] out = new DisplayFilter[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                out[0] = compileHere(filter, table, unknown);
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "filter-compile", DEEP_STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FilterSyntaxException("interrupted while compiling the filter", new Span(0, 0));
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return out[0];
    }

    /** Filters at least this long compile on a thread of {@link #DEEP_STACK} bytes. */
    private static final int LONG = 2048;
    /** Stack reserved for compiling a long filter; only the pages used are committed. */
    public static final long DEEP_STACK = 512L << 20;

    private static DisplayFilter compileHere(String filter, FieldTable table, Unknown unknown) {
        Optional<Expr> tree = Parser.parseSentence(filter);
        if (tree.isEmpty()) {
            return new DisplayFilter(filter, null, java.util.Set.of());
        }
        java.util.Set<String> used = new java.util.TreeSet<>();
        Compiler.Node root = Compiler.compile(Checker.check(tree.get(), table, filter, unknown, used));
        return new DisplayFilter(filter, root, used);
    }

    /** Whether the frame {@code d} has just decoded passes the filter. */
    public boolean test(Decoder d) {
        return root == null || root.test(d);
    }

    /** The filter's text. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
