package dev.tcpscope.cli;

import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;

@Command(name = "tcpscope", mixinStandardHelpOptions = true, version = "tcpscope 0.1.0",
        description = "Makes TCP visible: reads captures and shows them the way Wireshark does.",
        footer = {"", "Through the ./tcpscope launcher, which builds their module on first use:",
                "  web FILE    Show a capture in the browser: Wireshark's window, the teacher",
                "              and the TCP stream graphs (also lab --web, capture --web).",
                "  graph FILE  Draw a TCP stream graph as SVG (--stream N --type T).",
                "  sql QUERY   Spark SQL over captures (table packets); export --parquet."})
final class TcpscopeCommand {
    /**
     * The subcommands. Not in the {@code @Command} annotation: picocli would build the model of
     * every one of them (reflection over all their options) at each start; {@link Main} adds
     * only the one named on the command line, or all of them for help and unknown names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ReadCommand.class, CaptureCommand.class, LabCommand.class,
            ExplainCommand.class, FieldsCommand.class, StatsCommand.class, FollowCommand.class, CompletionCommand.class,
            ManPageCommand.class);

    final PrintStream out;
    final PrintStream err;

    TcpscopeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
