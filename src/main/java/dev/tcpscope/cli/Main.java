package dev.tcpscope.cli;

import picocli.CommandLine;

/** Entry point: {@code tcpscope <command> ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return new CommandLine(new TcpscopeCommand()).execute(args);
    }
}
