package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 16, items 9, 10, 12 and 15: command lines and outputs a hostile or hurried user gives.
 * Messages and exit codes are tshark 4.0.17's for the same command line (checked by hand).
 */
class HostileCliTest {
    private static final String LEARN = "captures/learn_tcp.pcapng";


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The real entry point in a child JVM, standard output sent to {@code stdout}. */
    private static CliRun process(File stdout, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.tcpscope.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CliRun(p.exitValue(), "", err);
    }

    @Test
    void packetCountMustBePositiveAsInTshark() {
        CliRun zero = run("read", LEARN, "-c", "0");
        assertThat(zero.rc()).isEqualTo(1);
        assertThat(zero.err()).isEqualTo("tcpscope: The specified packet count is zero\n");
        CliRun negative = run("read", LEARN, "-c", "-1");
        assertThat(negative.rc()).isEqualTo(1);
        assertThat(negative.err()).isEqualTo("tcpscope: The specified packet count \"-1\" is a negative number\n");
        assertThat(run("explain", LEARN, "-c", "-1").rc()).isEqualTo(1);
        assertThat(run("capture", "-i", "lo", "-c", "-1").rc()).isEqualTo(1); // not an unbounded capture
    }

    @Test
    void aDirectoryIsNotACaptureAndAMissingDirectoryIsNamed(@TempDir Path dir) {
        CliRun r = run("read", dir.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tcpscope: \"" + dir + "\" is a directory (folder), not a file.\n");
        CliRun w = run("capture", "-i", "lo", "-w", "/nonexistent/dir/x");
        assertThat(w.rc()).isEqualTo(2);
        assertThat(w.err()).isEqualTo("tcpscope: The path to the file \"/nonexistent/dir/x\" doesn't exist.\n");
    }

    @Test
    void colorfiltersFilesAreBoundedAndBinaryIsNamed(@TempDir Path dir) throws IOException {
        CliRun zero = run("read", LEARN, "-c", "1", "--colorfilters", "/dev/zero");
        assertThat(zero.rc()).isEqualTo(2);
        assertThat(zero.err()).contains("/dev/zero").contains("larger than 1 MiB");
        Path binary = dir.resolve("bin.cf");
        Files.write(binary, new byte[] {'@', (byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
        CliRun bin = run("read", LEARN, "-c", "1", "--colorfilters", binary.toString());
        assertThat(bin.rc()).isEqualTo(2);
        assertThat(bin.err()).contains("not a text file").doesNotContain("Input length");
        Path latin1 = dir.resolve("latin1.cf");
        Files.write(latin1, new byte[] {'@', (byte) 0xe9, '@', 't', 'c', 'p', '@', '[', '0', ',', '0', ',', '0', ']', '[', '0', ',', '0', ',', '0', ']', '\n'});
        assertThat(run("read", LEARN, "-c", "1", "--colorfilters", latin1.toString()).err()).contains("not UTF-8 text");
        Path longLine = dir.resolve("long.cf");
        Files.writeString(longLine, "@a@" + "tcp or ".repeat(10_000) + "tcp@[0,0,0][0,0,0]\n");
        assertThat(run("read", LEARN, "-c", "1", "--colorfilters", longLine.toString()).err()).contains("line 1: the line is longer than");
    }

    @Test
    void twoPassesRefuseAFifoAsTsharkDoes(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "no mkfifo");
        CliRun r = run("read", "-2", fifo.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tcpscope: The file \"" + fifo
                + "\" is a pipe or FIFO; tcpscope can't read pipe or FIFO files in two-pass mode.\n");
    }

    @Test
    void aFullDiskIsReportedOnEveryOutputPath() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "no /dev/full");
        for (String[] args : new String[][] {
                {"read", LEARN}, {"read", LEARN, "-V"}, {"read", LEARN, "-T", "fields", "-e", "frame.number"},
                {"read", LEARN, "-T", "json"}, {"explain", LEARN}}) {
            CliRun r = process(full, args);
            assertThat(r.rc()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo(
                    "tcpscope: Not all the packets could be printed because there is no space left on the file system.\n");
        }
    }
}
