package dev.tcpscope.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Entry point: {@code tcpscope <command> ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                java.nio.charset.StandardCharsets.UTF_8);
        int code = run(out, System.err, args);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs the command line with the given streams and returns the exit code without exiting:
     * 0 success, 1 a capture that cannot be read (after printing what could be read), 2 bad
     * arguments or a missing file (tshark's convention).
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new TcpscopeCommand(out, err));
        addSubcommands(cl, args.length == 0 ? null : args[0]);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            String sub = ex.getCommandLine().getCommandName();
            err.println("tcpscope: " + ex.getMessage() + " (see tcpscope " + (sub.equals("tcpscope") ? "" : sub + " ") + "--help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err.println("tcpscope: internal error: " + ex + " (please report it with the capture)");
            return 3;
        });
        return cl.execute(args);
    }

    /**
     * Adds the subcommand {@code name} alone when it is one (the model of one command is all a
     * run needs, and building every command's model was most of tcpscope's start-up), else all.
     */
    private static void addSubcommands(CommandLine cl, String name) {
        for (Class<?> c : TcpscopeCommand.SUBCOMMANDS) {
            if (name != null && name.equals(c.getAnnotation(CommandLine.Command.class).name())) {
                cl.addSubcommand(c);
                return;
            }
        }
        for (Class<?> c : TcpscopeCommand.SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
    }
}
