package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tcpscope.cli.ExplainCommandTest.tcpscope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code explain} on a terminal and off it: wrapping to 80 columns off a terminal, --width,
 * --header, the pager (through a real pseudo-terminal made by script(1)) and --step (through a
 * tmux pane, keys sent with send-keys, the screen read with capture-pane).
 */
class ExplainTerminalTest {
    private static final String SEED = "captures/learn_tcp.pcapng";

    @Test
    void offATerminalExplanationsWrapToEightyColumnsWithAHangingIndent() {
        String out = tcpscope("explain", SEED, "--lang", "zh").out();
        List<String> explanation = out.lines().filter(l -> l.startsWith("        ")).toList();
        assertThat(explanation).isNotEmpty()
                .allSatisfy(l -> assertThat(dev.tcpscope.present.explain.Wrap.width(l)).as(l).isLessThanOrEqualTo(80));
        assertThat(explanation).anySatisfy(l -> assertThat(l).startsWith("          ").doesNotStartWith("           "));
        String wide = tcpscope("explain", SEED, "--lang", "en", "--width", "0").out();
        assertThat(wide.lines().filter(l -> l.startsWith("          "))).isEmpty();
        assertThat(tcpscope("explain", SEED, "--width", "-1").code()).isEqualTo(2);
    }

    @Test
    void headerIsRfc9293sFigureWithThePacketsValuesAndLitFlags() {
        String out = tcpscope("explain", SEED, "--lang", "en", "-c", "2", "--header").out();
        assertThat(out).contains("        |          Source Port          |       Destination Port        |")
                .contains("        |             5201              |             5200              |")
                .contains("|                           194020095                           |")
                .contains("|C|E|U|A|P|R|S|F|").contains("| Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |")
                .contains("|  10   |   0   |0|0|0|0|0|0|1|0|             65495             |") // SYN
                .contains("|  10   |   0   |0|0|0|1|0|0|1|0|             65483             |"); // SYN/ACK
        String lit = tcpscope("explain", SEED, "--lang", "en", "-c", "1", "--header", "--color").out();
        assertThat(lit).contains("|\u001b[7m1\u001b[27m|0|").contains("|\u001b[7mS\u001b[27m|");
    }

    @Test
    void thePagerAsGitChoosesIt() {
        assertThat(Terminal.pagerCommand(Map.of(), true, false)).isEqualTo("less");
        assertThat(Terminal.pagerCommand(Map.of("PAGER", "most"), true, false)).isEqualTo("most");
        assertThat(Terminal.pagerCommand(Map.of("PAGER", "most", "TCPSCOPE_PAGER", "cat"), true, false)).isNull();
        assertThat(Terminal.pagerCommand(Map.of(), false, false)).isNull();
        assertThat(Terminal.pagerCommand(Map.of(), true, true)).isNull();
        assertThat(Terminal.columns(Map.of("COLUMNS", "100"), false)).isEqualTo(100);
        assertThat(Terminal.columns(Map.of(), false)).isEqualTo(80);
    }

    /** On a pseudo-terminal the output goes through $PAGER; --no-pager and a pipe bypass it. */
    @Test
    void onATerminalTheOutputGoesThroughThePager() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")));
        String cmd = javaCommand() + " explain " + SEED + " --lang en -c 3";
        String paged = run(List.of("script", "-qec", "PAGER='sed s/^/PAGED:/' " + cmd, "/dev/null"));
        assertThat(paged).contains("PAGED:        Three-way handshake, step 1");
        String noPager = run(List.of("script", "-qec", "PAGER='sed s/^/PAGED:/' " + cmd + " --no-pager", "/dev/null"));
        assertThat(noPager).contains("Three-way handshake").doesNotContain("PAGED:");
        String piped = run(List.of("sh", "-c", "PAGER='sed s/^/PAGED:/' " + cmd + " | cat"));
        assertThat(piped).contains("Three-way handshake").doesNotContain("PAGED:");
    }

    /** --step in a tmux pane: one packet a key, b back, q quits. */
    @Test
    void stepShowsOnePacketPerKeyPress() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")));
        String session = "tcpscope-step-" + ProcessHandle.current().pid();
        Path done = Files.createTempFile("step", ".done");
        Files.delete(done);
        try {
            run(List.of("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50",
                    javaCommand() + " explain " + SEED + " --lang en --step; touch " + done + "; sleep 30"));
            assertThat(waitFor(session, "packet 1 of 20")).contains("Three-way handshake, step 1").doesNotContain("step 2");
            run(List.of("tmux", "send-keys", "-t", session, "n"));
            assertThat(waitFor(session, "packet 2 of 20")).contains("Three-way handshake, step 2");
            run(List.of("tmux", "send-keys", "-t", session, "Space"));
            assertThat(waitFor(session, "packet 3 of 20")).contains("step 3");
            run(List.of("tmux", "send-keys", "-t", session, "b"));
            assertThat(waitFor(session, "packet 2 of 20")).contains("Three-way handshake, step 2");
            run(List.of("tmux", "send-keys", "-t", session, "q"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(done) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(done).exists();
            assertThat(screen(session)).doesNotContain("Stream 0:"); // q quits without the rest
        } finally {
            run(List.of("tmux", "kill-session", "-t", session));
            Files.deleteIfExists(done);
        }
    }

    private static String waitFor(String session, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen(session);
            if (s.contains(text)) {
                return s;
            }
            Thread.sleep(100);
        }
        return s;
    }

    private static String screen(String session) throws Exception {
        return run(List.of("tmux", "capture-pane", "-p", "-t", session));
    }

    /** This JVM and class path running the command line, as the launcher would. */
    private static String javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return java + " --enable-native-access=ALL-UNNAMED -cp " + System.getProperty("java.class.path") + " dev.tcpscope.cli.Main";
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
