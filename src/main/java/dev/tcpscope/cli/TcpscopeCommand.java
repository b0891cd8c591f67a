package dev.tcpscope.cli;

import picocli.CommandLine.Command;

import java.io.PrintStream;

@Command(name = "tcpscope", mixinStandardHelpOptions = true, version = "tcpscope 0.1.0",
        description = "Makes TCP visible: reads captures and shows them the way Wireshark does.",
        subcommands = {ReadCommand.class, CaptureCommand.class, LabCommand.class, ExplainCommand.class, FieldsCommand.class,
                StatsCommand.class})
final class TcpscopeCommand {
    final PrintStream out;
    final PrintStream err;

    TcpscopeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
