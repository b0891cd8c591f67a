package dev.tcpscope.cli;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.proto.Protocols;

import java.io.PrintStream;

/**
 * A {@code -Y} option compiled for a command: the filter (null when none was given), or, when it
 * does not compile, {@code failed} after tshark's message with its caret went to {@code err}.
 */
record FilterOption(DisplayFilter filter, boolean failed) {
    static FilterOption of(String text, PrintStream err) {
        if (text == null) {
            return new FilterOption(null, false);
        }
        try {
            return new FilterOption(DisplayFilter.compile(text, Protocols.fields()), false);
        } catch (FilterSyntaxException e) {
            err.println("tcpscope: " + e.render(text));
            return new FilterOption(null, true);
        }
    }
}
