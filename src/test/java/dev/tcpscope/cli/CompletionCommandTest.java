package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope completion}: a bash script that real bash sources and completes commands and options with. */
class CompletionCommandTest {
    @Test
    void bashCompletesCommandsAndTheirOptions(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            rc = Main.run(out, err, "completion");
        }
        assertThat(rc).isZero();
        Path script = dir.resolve("tcpscope.bash");
        Files.writeString(script, o.toString(StandardCharsets.UTF_8));

        assertThat(complete(script, "tcpscope", "fo")).isEqualTo("follow");
        assertThat(complete(script, "tcpscope", "re")).isEqualTo("read");
        assertThat(complete(script, "tcpscope", "read", "--colorf")).isEqualTo("--colorfilters");
        assertThat(complete(script, "tcpscope", "lab", "--cli")).isEqualTo("--client-port");
    }

    /** What bash's completion function offers for the last word, the offers joined by spaces. */
    private static String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String cmd = "source '" + script + "'; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_tcpscope tcpscope '" + words[words.length - 1] + "' '" + words[words.length - 2]
                + "' 2>/dev/null; echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
