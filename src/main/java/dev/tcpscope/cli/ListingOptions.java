package dev.tcpscope.cli;

import picocli.CommandLine.Option;

/** tshark's {@code -n} and {@code -q}, shared by the commands that print a packet list (a picocli mixin). */
final class ListingOptions {
    @Option(names = "-n", description = "Disable network name resolution (tcpscope never resolves host names; accepted for tshark compatibility).")
    boolean noResolve;

    @Option(names = "-q", description = "Quiet: do not print the packet list.")
    boolean quiet;
}
