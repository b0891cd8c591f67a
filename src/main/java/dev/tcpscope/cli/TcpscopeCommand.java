package dev.tcpscope.cli;

import picocli.CommandLine.Command;

@Command(name = "tcpscope", mixinStandardHelpOptions = true, version = "tcpscope 0.1.0",
        description = "Makes TCP visible: reads captures and shows them the way Wireshark does.",
        subcommands = {})
final class TcpscopeCommand {
}
