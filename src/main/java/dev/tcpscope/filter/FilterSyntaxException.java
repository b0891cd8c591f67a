package dev.tcpscope.filter;

/**
 * A display filter that does not lex or parse. The message is one line naming the problem and
 * the span; {@link #render(String)} adds tshark's two lines under it: the filter, indented by four
 * spaces, and a caret line ({@code ^~~~}) under the offending text.
 */
public final class FilterSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String INDENT = "    ";

    private final String problem;
    private final Span span;

    public FilterSyntaxException(String problem, Span span) {
        super(problem + " (at " + span + ")");
        this.problem = problem;
        this.span = span;
    }

    /** The problem alone, without the span. */
    public String problem() {
        return problem;
    }

    public Span span() {
        return span;
    }

    /**
     * Three lines as tshark prints them for a bad filter: the problem, the filter, the caret line.
     * tshark prints no caret for "Unexpected end of filter expression"; we put one just past the
     * last character instead, which points at the same place and is easier to read.
     */
    public String render(String filter) {
        int start = Math.min(span.start(), filter.length());
        int len = Math.max(1, Math.min(span.end(), filter.length()) - start);
        return problem + "\n" + INDENT + filter + "\n" + INDENT + " ".repeat(start) + "^" + "~".repeat(len - 1);
    }
}
