package dev.tcpscope.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run behind the launcher's ahead-of-time cache (JDK 25's {@code -XX:AOTCacheOutput},
 * JEP 483/514/515): runs the common commands over the captures given, output discarded, so that
 * the classes they load and link, and the profiles of their hot methods, are in the cache a later
 * {@code tcpscope} starts from. Started by {@code scripts/make-aot-cache.sh}; not a user command.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] captures) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        int failures = 0;
        for (String capture : captures) {
            for (List<String> args : List.of(
                    List.of("read", capture),
                    List.of("read", capture, "-T", "fields", "-e", "frame.number", "-e", "frame.time_relative",
                            "-e", "ip.src", "-e", "ip.dst", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.len",
                            "-e", "tcp.analysis.flags"),
                    List.of("read", "-2", capture, "-T", "fields", "-e", "tcp.stream", "-e", "tcp.analysis.flags"),
                    List.of("read", capture, "-Y", "tcp.analysis.retransmission || tcp.flags.reset == 1"),
                    // the detail formats run long enough for their tree builders to be profiled as
                    // a long run sees them: C2 then compiles them early in a real run
                    List.of("read", capture, "-c", "3000", "-V"),
                    List.of("read", capture, "-c", "3000", "-T", "json"),
                    List.of("read", capture, "-c", "500", "-T", "ek"),
                    List.of("read", capture, "-c", "500", "-T", "pdml"),
                    List.of("read", capture, "-c", "500", "-x"),
                    List.of("read", capture, "-c", "200", "--color"),
                    List.of("explain", capture, "--stream", "0"))) {
                // 2 is a refusal such as "no TCP stream 0" in a capture of datagrams; 3 an internal error
                if (Main.run(nowhere, nowhere, args.toArray(String[]::new)) > 2) {
                    failures++;
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
