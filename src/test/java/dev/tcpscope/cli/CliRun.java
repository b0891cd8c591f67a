package dev.tcpscope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: its exit code, standard output and standard error. */
public record CliRun(int rc, String out, String err) {

    /** Runs {@code tcpscope ARGS} through {@link Main#run} and keeps what it printed. */
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Main.run(o, e, args);
        }
        return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code capture} once with each set of {@code read} options and wants each run to end
     * normally: exit code 0, nothing on standard error (no exception, no complaint).
     */
    public static void readsCleanly(java.nio.file.Path capture, String[]... optionSets) {
        for (String[] opts : optionSets) {
            String[] args = new String[2 + opts.length];
            args[0] = "read";
            args[1] = capture.toString();
            System.arraycopy(opts, 0, args, 2, opts.length);
            CliRun run = of(args);
            org.assertj.core.api.Assertions.assertThat(run.rc()).as(String.join(" ", opts)).isZero();
            org.assertj.core.api.Assertions.assertThat(run.err()).isEmpty();
        }
    }
}
