package dev.tcpscope.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope manpage}: a troff page of every command and option that groff renders without a warning. */
class ManPageCommandTest {
    @Test
    void thePageNamesEveryCommandAndEveryVisibleOption() {
        CliRun run = CliRun.of("manpage");
        assertThat(run.rc()).isZero();
        assertThat(run.err()).isEmpty();
        String page = run.out();
        assertThat(page).startsWith(".TH TCPSCOPE 1 ");
        CommandLine all = new CommandLine(new TcpscopeCommand(new PrintStream(new ByteArrayOutputStream()), System.err));
        Main.addSubcommands(all, null);
        for (CommandLine sub : all.getSubcommands().values()) {
            assertThat(page).contains(".SS \"tcpscope " + sub.getCommandName());
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(page).as(sub.getCommandName() + " " + o.longestName())
                            .contains("\\fB" + ManPageCommand.escape(o.longestName()) + "\\fR");
                }
            }
        }
        assertThat(page).contains("LAUNCHER COMMANDS").contains("web FILE");
    }

    @Test
    void textIsEscapedForTroff() {
        assertThat(ManPageCommand.escape("-Y 'tcp.port == 80'")).isEqualTo("\\-Y 'tcp.port == 80'");
        assertThat(ManPageCommand.escape(".hidden request")).isEqualTo("\\&.hidden request");
        assertThat(ManPageCommand.escape("a\\b")).isEqualTo("a\\eb");
    }

    @Test
    void groffRendersThePageWithoutWarnings(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
        Path page = dir.resolve("tcpscope.1");
        Files.writeString(page, CliRun.of("manpage").out());
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEmpty();
    }
}
