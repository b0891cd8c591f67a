package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code read --color} against {@code tshark --color} (goldens by scripts/make-color-goldens.sh),
 * {@code --colorfilters}, and when colors are on: asked, on a terminal, never with NO_COLOR.
 */
class ReadColorTest {
    private static final Path ANSI = Path.of("src/test/resources/golden/color/ansi");
    private static final String ESC = "\u001b[";

    private record Run(int rc, byte[] out, String err) {
        String text() { return new String(out, StandardCharsets.UTF_8); }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Main.run(o, e, args);
        }
        return new Run(rc, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void colorsAreTsharksBytes() throws IOException {
        List<Path> goldens;
        try (Stream<Path> s = Files.list(ANSI)) {
            goldens = s.filter(p -> p.toString().endsWith(".ansi")).sorted().toList();
        }
        assertThat(goldens).hasSizeGreaterThanOrEqualTo(8);
        for (Path golden : goldens) {
            String name = golden.getFileName().toString().replaceFirst("\\.ansi$", "");
            Run r = run("read", "--color", "captures/" + name);
            assertThat(r.rc()).as(name).isZero();
            // compared as text for a readable diff; the bytes are the same when the text is
            assertThat(r.text()).as(name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
            assertThat(r.out()).as(name).isEqualTo(Files.readAllBytes(golden));
        }
    }

    @Test
    void theLayoutResetsAfterEachNewlineAndOnceMoreAtTheEnd() {
        String out = run("read", "--color", "-c", "2", "captures/learn_tcp.pcapng").text();
        String[] lines = out.split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith(ESC + "38;2;18;39;46m" + ESC + "48;2;160;160;160m    1 ").endsWith(ESC + "K");
        assertThat(lines[1]).startsWith(ESC + "0m" + ESC + "38;2;");
        assertThat(lines[2]).isEqualTo(ESC + "0m" + ESC + "0m");
        // nothing shown: only the final reset, as tshark
        assertThat(run("read", "--color", "-Y", "udp", "captures/learn_tcp.pcapng").text()).isEqualTo(ESC + "0m");
        // -T fields and -q are never colored
        assertThat(run("read", "--color", "-T", "fields", "-e", "frame.number", "-c", "2", "captures/learn_tcp.pcapng").text())
                .isEqualTo("1\n2\n");
        assertThat(run("read", "--color", "-q", "captures/learn_tcp.pcapng").text()).isEmpty();
    }

    @Test
    void aColorfiltersFileChoosesTheRules(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("colorfilters");
        Files.writeString(file, """
                # only SYNs, in red on white; everything else is uncolored
                !@Disabled@tcp@[0,0,0][0,0,0]
                @SYN@tcp.flags.syn == 1 || smb.cmd == 4@[65535,65535,65535][65535,0,0]
                """);
        Run r = run("read", "--color", "--colorfilters", file.toString(), "-c", "4", "captures/learn_tcp.pcapng");
        assertThat(r.rc()).as(r.err()).isZero();
        String[] lines = r.text().split("\n", -1);
        assertThat(lines[0]).startsWith(ESC + "38;2;255;0;0m" + ESC + "48;2;255;255;255m    1 ");
        assertThat(lines[1]).startsWith(ESC + "0m" + ESC + "38;2;255;0;0m");
        assertThat(lines[2]).startsWith(ESC + "0m    3 ").doesNotContain(ESC + "38");
        assertThat(lines[3]).startsWith("    4 ");
        assertThat(lines[4]).isEqualTo(ESC + "0m");
    }

    @Test
    void aBadColorfiltersFileIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path syntax = dir.resolve("syntax");
        Files.writeString(syntax, "# ok\n@Good@tcp@[0,0,0][0,0,0]\n@Bad@tcp.port ==@[0,0,0][0,0,0]\n");
        Run r = run("read", "--colorfilters", syntax.toString(), "captures/learn_tcp.pcapng");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("tcpscope: --colorfilters " + syntax + " line 3: rule \"Bad\": filter \"tcp.port ==\" does not compile: ")
                .hasLineCount(1);
        Path shape = dir.resolve("shape");
        Files.writeString(shape, "@Name@tcp@[0,0,0]\n");
        Run s = run("read", "--color", "--colorfilters", shape.toString(), "captures/learn_tcp.pcapng");
        assertThat(s.rc()).isEqualTo(2);
        assertThat(s.err()).startsWith("tcpscope: --colorfilters " + shape + " line 1: colors of rule \"Name\"").hasLineCount(1);
        Run missing = run("read", "--colorfilters", dir.resolve("none").toString(), "captures/learn_tcp.pcapng");
        assertThat(missing.rc()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("tcpscope: --colorfilters " + dir.resolve("none") + ": no such file\n");
    }

    /** Runs tcpscope in its own JVM, as a user would, with {@code env} added. */
    private static String process(List<String> prefix, String env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(prefix);
        List<String> jvm = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        jvm.addAll(List.of(args));
        if (prefix.isEmpty()) {
            cmd.addAll(jvm);
        } else {
            // script -qec "COMMAND" /dev/null: the command runs on a pseudo-terminal
            cmd.add(String.join(" ", jvm.stream().map(a -> "'" + a + "'").toList()));
            cmd.add("/dev/null");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("NO_COLOR");
        if (env != null) {
            pb.environment().put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void colorsWhenAskedOrOnATerminalButNeverWithNoColor() throws Exception {
        String[] read = {"read", "-c", "2", "captures/learn_tcp.pcapng"};
        String[] forced = {"read", "--color", "-c", "2", "captures/learn_tcp.pcapng"};
        assertThat(process(List.of(), null, read)).doesNotContain(ESC); // piped
        assertThat(process(List.of(), null, forced)).startsWith(ESC + "38;2;");
        assertThat(process(List.of(), "NO_COLOR=1", forced)).doesNotContain(ESC);
        Path script = Path.of("/usr/bin/script");
        assumeThat(Files.isExecutable(script)).as("util-linux script, for a pseudo-terminal").isTrue();
        List<String> pty = List.of(script.toString(), "-qec");
        assertThat(process(pty, null, read)).startsWith(ESC + "38;2;"); // System.console() is a terminal
        assertThat(process(pty, "NO_COLOR=1", read)).doesNotContain(ESC);
    }
}
