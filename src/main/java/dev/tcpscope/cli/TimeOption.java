package dev.tcpscope.cli;

import dev.tcpscope.present.TimeFormat;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/** tshark's {@code -t} option, shared by the commands that print a packet list (a picocli mixin). */
final class TimeOption {
    @Option(names = "-t", paramLabel = "FORMAT", defaultValue = "r",
            description = "Time format: r (relative, default), a (absolute), ad (absolute with date), d (delta), dd (delta displayed), e (epoch), u, ud (UTC).")
    String format;

    /** The format asked for, or null after one error line on {@code err} (the caller exits 2). */
    TimeFormat.Kind kind(PrintStream err) {
        TimeFormat.Kind kind = TimeFormat.Kind.of(format);
        if (kind == null) {
            err.println("tcpscope: invalid -t format \"" + format + "\"; use one of r, a, ad, d, dd, e, u, ud");
        }
        return kind;
    }
}
