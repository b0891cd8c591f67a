package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code tcpscope capture}: the live list, the saved file, -D, and the errors with exit code 2. */
@Timeout(30)
class CaptureCommandTest {
    @TempDir
    Path dir;

    /** What a run printed and returned. */
    record Run(int code, String out, String err) {}

    static Run tcpscope(String... args) {
        return tcpscope(new ByteArrayOutputStream(), args);
    }

    /** As above, with standard error going to {@code err} while the command runs. */
    static Run tcpscope(ByteArrayOutputStream err, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assumeLiveCapture() {
        try (var ignored = LiveCapture.open("lo", null, Libpcap.Options.defaults())) {
            // can capture
        } catch (PcapException e) {
            abort("no live capture here: " + e.getMessage());
        }
    }

    /**
     * Ctrl-C ends a capture as tshark's ends: the file is complete, the count is reported on
     * standard error and the exit code is 0.
     */
    @Test
    void ctrlCEndsTheCaptureCleanlyWithExitZero() throws Exception {
        assumeLiveCapture();
        Path kill = Stream.of("/usr/bin/kill", "/bin/kill").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kill != null, "no kill");
        Path file = dir.resolve("interrupted.pcapng");
        Path errFile = dir.resolve("err.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            int port = server.getLocalPort();
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.tcpscope.cli.Main", "capture", "-i", "lo", "-f", "tcp port " + port, "-w", file.toString(), "-P")
                    .redirectError(errFile.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!(Files.exists(errFile) && Files.readString(errFile).contains("Capturing on"))
                        && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                LiveCaptureTest.exchange(server, List.of("ping\n"));
                // interrupt once the handshake is listed (-P), so the packets are surely in the file
                var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null && !line.contains("[ACK]")) {
                    // the SYN and SYN, ACK lines
                }
                new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertThat(ChildThreads.waitOrDump(p, 15, "capture after SIGINT")).isNull();
                String err = Files.readString(errFile);
                assertThat(p.exitValue()).as(err).isZero();
                assertThat(err).containsPattern("[1-9]\\d* packets captured");
            } finally {
                p.destroyForcibly();
            }
            Run read = tcpscope("read", file.toString());
            assertThat(read.code()).as(read.err()).isZero();
            assertThat(read.out()).contains("[SYN]").contains("[SYN, ACK]");
        }
    }

    @Test
    void listsTheHandshakeLiveAndWritesTheSameFrames() throws Exception {
        assumeLiveCapture();
        Path file = dir.resolve("out.pcapng");
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            int port = server.getLocalPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> tcpscope(err, "capture", "-i", "lo",
                    "-f", "tcp port " + port, "-c", "3", "-a", "duration:20", "-w", file.toString(), "-P"),
                    r -> Thread.ofPlatform().start(r));
            // the filter is in place once the command says "Capturing on"
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!err.toString(StandardCharsets.UTF_8).contains("Capturing on") && !run.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            LiveCaptureTest.exchange(server, List.of("ping\n"));
            Run r = run.get(20, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err().lines().toList()).containsExactly("Capturing on 'Loopback: lo'", "3 packets captured");
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("→ " + port + " [SYN] Seq=0");
            assertThat(lines.get(1)).contains(port + " → ").contains("[SYN, ACK] Seq=0 Ack=1");
            assertThat(lines.get(2)).contains("→ " + port + " [ACK] Seq=1 Ack=1");

            Run read = tcpscope("read", file.toString());
            assertThat(read.code()).isZero();
            assertThat(read.out()).isEqualTo(r.out());
            List<String> tshark = LiveCaptureTest.tsharkFrameNumbers(file);
            if (tshark != null) {
                assertThat(tshark).containsExactly("1", "2", "3");
            }
        }
    }

    /** Runs a capture of {@code args} on lo while a connection to a local server exchanges messages. */
    private Run captureDuring(List<String> messages, String... args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            int port = server.getLocalPort();
            List<String> all = new java.util.ArrayList<>(List.of("capture", "-i", "lo", "-f", "tcp port " + port));
            all.addAll(List.of(args));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> tcpscope(err, all.toArray(String[]::new)),
                    r -> Thread.ofPlatform().start(r));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!err.toString(StandardCharsets.UTF_8).contains("Capturing on") && !run.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            LiveCaptureTest.exchange(server, messages);
            return run.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDisplayFilterChoosesThePrintedPackets() throws Exception {
        assumeLiveCapture();
        Run r = captureDuring(List.of("ping\n"), "-Y", "tcp.flags.syn == 1", "-c", "6", "-a", "duration:10");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("[SYN] Seq=0");
        assertThat(lines.get(1)).contains("[SYN, ACK] Seq=0 Ack=1");
        assertThat(r.err()).contains("6 packets captured");
    }

    /** dumpcap's ring buffer: a new file past filesize kB, the newest files:N kept, dumpcap's names. */
    @Test
    void aRingBufferRotatesAndKeepsTheNewestFiles() throws Exception {
        assumeLiveCapture();
        Path file = dir.resolve("ring.pcapng");
        List<String> messages = java.util.Collections.nCopies(12, "x".repeat(600) + "\n");
        Run r = captureDuring(messages, "-w", file.toString(), "-b", "filesize:2", "-b", "files:3", "-a", "duration:10",
                "-c", "20");
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> files;
        try (var listing = java.nio.file.Files.list(dir)) {
            files = listing.sorted().toList();
        }
        assertThat(files).hasSize(3);
        int total = 0;
        for (Path f : files) {
            assertThat(f.getFileName().toString()).matches("ring_\\d{5}_\\d{14}\\.pcapng");
            assertThat(java.nio.file.Files.size(f)).isLessThan(2000 + 1700); // rotated once past 2 kB
            Run read = tcpscope("read", f.toString());
            assertThat(read.code()).as(read.err()).isZero();
            total += (int) read.out().lines().count();
        }
        assertThat(total).isLessThan(20); // the oldest files are gone
        assertThat(files.getLast().getFileName().toString()).doesNotStartWith("ring_00001_");
    }

    @Test
    void anInterfaceByItsIndexInTheList() throws Exception {
        assumeLiveCapture();
        Run list = tcpscope("capture", "-D");
        String lo = list.out().lines().filter(l -> l.contains(". lo")).findFirst().orElseThrow();
        String index = lo.substring(0, lo.indexOf('.'));
        Run r = tcpscope("capture", "-i", index, "-c", "1", "-a", "duration:1");
        assertThat(r.err()).contains("Capturing on 'Loopback: lo'");
        Run bad = tcpscope("capture", "-i", "999", "-c", "1");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("tcpscope: There is no interface with that adapter index\n");
    }

    @Test
    void ringAndFilterOptionsAreCheckedFirst() {
        Run r = tcpscope("capture", "-i", "lo", "-w", dir.resolve("a").toString(), "-Y", "tcp");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpscope: Display filters aren't supported when capturing and saving the captured packets.\n");
        r = tcpscope("capture", "-i", "lo", "-b", "filesize:1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("give -w FILE");
        r = tcpscope("capture", "-i", "lo", "-w", dir.resolve("a").toString(), "-b", "files:2");
        assertThat(r.err()).contains("no maximum capture file size or duration");
        r = tcpscope("capture", "-i", "lo", "-w", dir.resolve("a").toString(), "-b", "size:-1");
        assertThat(r.err()).contains("invalid -b ring buffer option \"size:-1\"");
        r = tcpscope("capture", "-i", "lo", "-F", "erf");
        assertThat(r.code()).isEqualTo(2);
        r = tcpscope("capture", "-i", "lo", "-Y", "tcp.prot == 1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("tcpscope: Left side of \"==\" expression must be a field or function");
    }

    @Test
    void listsInterfacesAsTsharkDoes() throws Exception {
        Run r = tcpscope("capture", "-D");
        if (r.code() == 2 && r.err().contains("libpcap0.8")) {
            abort(r.err());
        }
        assertThat(r.code()).as(r.err()).isZero();
        List<String> ours = r.out().lines().toList();
        assertThat(ours).contains(ours.stream().filter(l -> l.matches("\\d+\\. lo \\(Loopback\\)")).findFirst()
                .orElseThrow(() -> new AssertionError("no loopback in " + ours)));
        Path tshark = LiveCaptureTest.onPath("tshark");
        assumeTrue(tshark != null, "tshark not installed");
        Process p = new ProcessBuilder(tshark.toString(), "-D").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // tshark lists libpcap's devices first, then its extcap interfaces
        assertThat(text.lines().limit(ours.size()).toList()).isEqualTo(ours);
    }

    @Test
    void anUnknownInterfaceIsExitTwoWithOneLine() {
        Run r = tcpscope("capture", "-i", "tcpscope-none0", "-c", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .satisfiesAnyOf(s -> assertThat(s).contains("\"tcpscope-none0\"").contains("tcpscope capture -D"),
                        s -> assertThat(s).contains("install libpcap0.8")));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badOptionsAreExitTwo() {
        assertThat(tcpscope("capture").code()).isEqualTo(2);
        Run r = tcpscope("capture", "-i", "lo", "-a", "filesize:10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("duration:S");
    }

    /**
     * As an unprivileged user the capture must fail with exit code 2 and one line that says
     * what to do. Runs {@code Main} in a child JVM under {@code setpriv} (or {@code runuser}) as
     * {@code nobody}, with the classes copied where that user can read them.
     */
    @Test
    void withoutCapturePermissionItIsExitTwoWithWhatToDo() throws Exception {
        assumeLiveCapture(); // root, libpcap present
        Path setpriv = LiveCaptureTest.onPath("setpriv");
        Path runuser = Stream.of("runuser").map(LiveCaptureTest::onPath).filter(p -> p != null).findFirst()
                .orElse(Files.isExecutable(Path.of("/usr/sbin/runuser")) ? Path.of("/usr/sbin/runuser") : null);
        assumeTrue(setpriv != null || runuser != null, "neither setpriv nor runuser");
        Process id = new ProcessBuilder("id", "-u", "nobody").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 && uid.matches("\\d+"), "no user nobody");

        Path shared = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tcpscope-perm",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String classpath = ReadableClasspath.copyTo(shared);
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = new ArrayList<>();
            if (setpriv != null) {
                command.addAll(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                        "--inh-caps=-all", "--"));
            } else {
                command.addAll(List.of(runuser.toString(), "-u", "nobody", "--"));
            }
            command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-cp", classpath,
                    "dev.tcpscope.cli.Main", "capture", "-i", "lo", "-c", "1"));
            Process p = new ProcessBuilder(command).directory(shared.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("capture as nobody did not end within 20 s");
            }
            assertThat(p.exitValue()).as(err).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err.lines().toList()).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("tcpscope: You don't have permission to capture on lo")
                    .contains("run as root or give capture rights")
                    .contains("setcap cap_net_raw,cap_net_admin=eip"));
        } finally {
            try (Stream<Path> walk = Files.walk(shared)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

}
