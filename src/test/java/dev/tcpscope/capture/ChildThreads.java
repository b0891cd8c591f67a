package dev.tcpscope.capture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a child JVM of a test was doing, for the message of a test that waited for it in vain:
 * its threads as {@code jcmd PID Thread.print} prints them (the Ctrl-C tests of live capture
 * once found their child still running 15 s after SIGINT on a loaded machine).
 */
public final class ChildThreads {
    private ChildThreads() { }

    /** Whether {@code p} ended within {@code seconds}; the description says why not, with its threads. */
    public static String waitOrDump(Process p, long seconds, String what) throws Exception {
        if (p.waitFor(seconds, TimeUnit.SECONDS)) {
            return null;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        String threads = "(no jcmd)";
        if (Files.isExecutable(jcmd)) {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(20, TimeUnit.SECONDS);
        }
        return what + " still running " + seconds + " s later; its threads:\n" + threads;
    }
}
