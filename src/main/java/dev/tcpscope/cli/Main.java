package dev.tcpscope.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;

/** Entry point: {@code tcpscope <command> ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        WriteErrors sink = new WriteErrors(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintStream out = new PrintStream(sink, false, java.nio.charset.StandardCharsets.UTF_8);
        // The command runs on a thread with a deep stack: a filter of thousands of arithmetic
        // terms (which tshark accepts) is evaluated recursively, frame by frame.
        int[] code = {3};
        Thread t = new Thread(null, () -> {
            try {
                code[0] = run(out, System.err, args);
            } catch (OutOfMemoryError e) {
                out.flush();
                System.err.println("tcpscope: out of memory: the Java heap is full (the launcher gives it 1 GiB);"
                        + " give it more with TCPSCOPE_HEAP=4g, or read less at once (-c, -Y)");
                code[0] = 2;
            }
        }, "main", dev.tcpscope.filter.DisplayFilter.DEEP_STACK);
        t.start();
        HeapGuard.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        if (out.checkError() && sink.noSpace()) {
            // tshark's words and exit code for a full file system (print_packet's ENOSPC path)
            System.err.println("tcpscope: Not all the packets could be printed because there is no space left on the file system.");
            code[0] = 2;
        }
        System.exit(code[0]);
    }

    /** Standard output that remembers why a write failed (PrintStream keeps only that it did). */
    private static final class WriteErrors extends java.io.FilterOutputStream {
        private volatile IOException failure;

        WriteErrors(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        boolean noSpace() {
            IOException e = failure;
            return e != null && e.getMessage() != null && e.getMessage().contains("No space left");
        }
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
        if (args[0].equals("-G") && args.length <= 2) {
            // tshark -G [fields|protocols]: the glossaries of what tcpscope knows
            String report = args.length == 2 ? args[1] : "fields";
            return switch (report) {
                case "fields" -> new String[] {"fields"};
                case "protocols" -> new String[] {"fields", "--protocols"};
                default -> new String[] {"fields", "--glossary=" + report};
            };
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

    /**
     * Adds the subcommand {@code name} alone when it is one (the model of one command is all a
     * run needs, and building every command's model was most of tcpscope's start-up), else all.
     */
    static void addSubcommands(CommandLine cl, String name) {
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
