package dev.tcpscope.cli;

import picocli.CommandLine.Option;

/** The terminal options {@code explain} and {@code lab} share: the header figure and the wrap width. */
final class TerminalOptions {
    @Option(names = "--header", description = "Draw each segment's TCP header as RFC 9293's figure, with its values and its set flag bits.")
    boolean header;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Wrap explanations to COLUMNS (default: the terminal's width, or 80 when not on a terminal; 0: never).")
    Integer width;

    /** The columns to wrap to: --width, else the terminal's (see {@link Terminal#columns}). */
    int columns(boolean terminal) {
        return width != null && width >= 0 ? width : Terminal.columns(System.getenv(), terminal);
    }
}
