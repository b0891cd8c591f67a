package dev.tcpscope.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope web}'s bad input: one line on standard error and an exit code, no server. */
class WebCommandTest {
    private record Run(int code, String err) { }

    private static Run run(String... args) {
        WebCommand c = new WebCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        c.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = new picocli.CommandLine(c).execute(args);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        Run missing = run(dir.resolve("nope.pcap").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("tcpscope: no such file: " + dir.resolve("nope.pcap") + "\n");
        Run notCapture = run("README.md");
        assertThat(notCapture.code()).isEqualTo(1);
        assertThat(notCapture.err()).isEqualTo("tcpscope: \"README.md\" is not a capture file in a format tcpscope reads"
                + " (pcap, pcapng; gzip, zstd or lz4 compressed)\n");
        Run directory = run(dir.toString());
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.err()).contains("is not a readable capture file");
        Run host = run("captures/learn_tcp.pcapng", "--bind", "no-such-host.invalid");
        assertThat(host.code()).isEqualTo(2);
        assertThat(host.err()).isEqualTo("tcpscope: --bind: unknown address no-such-host.invalid\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run inUse = run("captures/learn_tcp.pcapng", "--port", Integer.toString(busy.getLocalPort()));
            assertThat(inUse.code()).isEqualTo(2);
            assertThat(inUse.err()).isEqualTo("tcpscope: port " + busy.getLocalPort()
                    + " on 127.0.0.1 is in use; choose another with --port, or leave it out for a free one\n");
        }
    }
}
