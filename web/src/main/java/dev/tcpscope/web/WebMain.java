package dev.tcpscope.web;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the web module, run by the launcher for {@code tcpscope web} and
 * {@code tcpscope graph}; no other command loads this module.
 */
@Command(name = "tcpscope", subcommands = {WebCommand.class, LiveWeb.LabWeb.class, LiveWeb.CaptureWeb.class})
public final class WebMain {
    private WebMain() { }

    public static void main(String[] args) {
        dev.tcpscope.cli.HeapGuard.start(); // the server's garbage is collected before the heap grows to its ceiling
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("graph")) {
            return dev.tcpscope.web.graph.GraphCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err);
        }
        CommandLine cl = new CommandLine(new WebMain());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("tcpscope: " + ex.getMessage() + " (see tcpscope " + (a.length > 0 ? a[0] : "web") + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            System.err.println("tcpscope: internal error: " + WebErrors.oneLine(ex) + "; please report it");
            return 3;
        });
        return cl.execute(args);
    }
}
