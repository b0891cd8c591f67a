package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 15: a capture whose file name is not UTF-8 (Latin-1 {@code café}, byte 0xE9) is
 * read, as tshark reads it, and a name that differs only in such a byte is still missing. The
 * names are made and passed by bash (a Java string cannot hold those bytes), to a separate JVM
 * whose command line carries them.
 */
class NonUtf8NameTest {
    @Test
    void aLatin1FileNameIsRead(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "cp captures/learn_tcp.pcapng \"$D/$(printf 'caf\\351').pcapng\" && "
                + "\"$J\" -cp \"$CP\" dev.tcpscope.cli.Main read \"$D/$(printf 'caf\\351').pcapng\" -c 1; echo \"rc=$?\"; "
                + "\"$J\" -cp \"$CP\" dev.tcpscope.cli.Main read \"$D/$(printf 'caf\\350').pcapng\" -c 1 2>&1; echo \"rc=$?\"";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().put("J", java);
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("D", dir.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("1 0.000000000    127.0.0.1 → 127.0.0.1    TCP 74 5201 → 5200 [SYN]");
        assertThat(out.lines().filter(l -> l.startsWith("rc="))).containsExactly("rc=0", "rc=2");
        assertThat(out).contains("doesn't exist.");
    }
}
