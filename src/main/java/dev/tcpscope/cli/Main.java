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
        return cl.execute(asTsharkRead(cl, args));
    }

    /**
     * {@code tcpscope -r FILE ...}, as a tshark user types it, runs {@code read}: when the first
     * argument names no command and {@code -r} is among the arguments, {@code read} is put in
     * front. Anything else is left to picocli (and its usage message).
     */
    static String[] asTsharkRead(CommandLine cl, String... args) {
        if (args.length == 0 || cl.getSubcommands().containsKey(args[0])) {
            return args;
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-r") || a.startsWith("-r") && !a.startsWith("--")) {
                String[] read = new String[args.length + 1];
                read[0] = "read";
                System.arraycopy(args, 0, read, 1, args.length);
                return read;
            }
        }
        return args;
    }
}
