package dev.tcpscope.lab;

import dev.tcpscope.capture.DumpcapCapture;
import dev.tcpscope.capture.LiveCapture;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tcpscope lab} live on {@code lo}: the seed's 20 packets (3 handshake, 13 data/ACK,
 * 4 close) with their explanations, the saved pcapng read identically by {@code tcpscope read}
 * and tshark, the dumpcap backend, and one-line errors for a busy port. Live runs need root and
 * are skipped without it; every test ends within its timeout whatever happens.
 */
@Timeout(60)
class LabCommandTest {
    private static final Pattern PACKET = Pattern.compile("^ *(\\d+) \\S+ +\\S+ \u2192 \\S+ +TCP \\d+ (\\d+) \u2192 (\\d+) (\\[[^]]*]) .* Len=(\\d+)");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> packetLines() {
            return out.lines().filter(l -> PACKET.matcher(l).find()).toList();
        }
    }

    static Run tcpscope(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs in a thread of its own so that a hung lab fails the test instead of blocking it. */
    static Run bounded(String... args) throws Exception {
        return CompletableFuture.supplyAsync(() -> tcpscope(args), r -> Thread.ofPlatform().daemon().start(r))
                .get(50, TimeUnit.SECONDS);
    }

    static void assumeLiveCapture() {
        try (var ignored = LiveCapture.open("lo", null, Libpcap.Options.defaults())) {
            // can capture
        } catch (PcapException e) {
            abort("no live capture here: " + e.getMessage());
        }
    }

    /** Two ports free on 127.0.0.1 right now (the kernel's choice, so parallel runs do not collide). */
    static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    @Test
    void capturesTheSeedsExchangeLiveAndExplainsIt() throws Exception {
        assumeLiveCapture();
        int[] ports = freePorts();
        Path file = dir.resolve("lab.pcapng");
        Run r = bounded("lab", "--delay", "0.2", "--port", "" + ports[0], "--client-port", "" + ports[1],
                "-w", file.toString(), "--lang", "en", "--backend", "libpcap");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Capturing on 'Loopback: lo' with filter \"tcp port " + ports[0] + " or tcp port "
                + ports[1] + "\"").contains("20 packets captured");
        List<String> lines = r.packetLines();
        checkStructure(lines, ports[0], ports[1]);
        String out = r.out();
        assertThat(out).contains("        Three-way handshake, step 1, SYN: the client 127.0.0.1:" + ports[1])
                .contains("        Three-way handshake, step 3, ACK")
                .contains("Payload (6 bytes, text): \"Hello!\"")
                .contains("Payload (21 bytes, text): \"Hi, user3, I got you!\"")
                .contains("        Four-way close, step 1, FIN: the client")
                .contains("        Four-way close, step 4, ACK of the last FIN: the client")
                .contains("The client closed first (active close)")
                .contains("Ladder of stream 0");
        assertThat(out).doesNotContain("\u001b["); // not a terminal, no --color

        Run read = tcpscope("read", file.toString());
        assertThat(read.code()).isZero();
        assertThat(read.out().lines().toList()).isEqualTo(lines);
        List<String> tshark = tshark(file);
        if (tshark != null) {
            assertThat(tshark).isEqualTo(lines);
        }
        // nothing stays bound
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            }
        }
    }

    @Test
    void dumpcapBackendCapturesTheSameExchange() throws Exception {
        assumeLiveCapture();
        assumeTrue(DumpcapCapture.find() != null, "no dumpcap");
        int[] ports = freePorts();
        Run r = bounded("lab", "--delay", "0.1", "--port", "" + ports[0], "--client-port", "" + ports[1],
                "--backend", "dumpcap", "--brief", "--lang", "zh");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Capturing on 'Loopback: lo'").contains("20 packets captured");
        checkStructure(r.packetLines(), ports[0], ports[1]);
        assertThat(r.out()).contains("流 0：客户端 127.0.0.1:" + ports[1]).contains("四次挥手");
    }

    @Test
    void aBusyPortIsOneLineNamingTheOptionAndLeavesNothingBound() throws Exception {
        int[] ports = freePorts();
        try (ServerSocket busy = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            Run r = bounded("lab", "--port", "" + ports[0], "--client-port", "" + ports[1]);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly(
                    "tcpscope: port " + ports[0] + " on 127.0.0.1 is in use; choose another with --port");
            assertThat(r.out()).isEmpty();
        }
        try (ServerSocket busy = new ServerSocket(ports[1], 1, InetAddress.getLoopbackAddress())) {
            Run r = bounded("lab", "--port", "" + ports[0], "--client-port", "" + ports[1]);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly(
                    "tcpscope: port " + ports[1] + " on 127.0.0.1 is in use; choose another with --client-port");
        }
        try (ServerSocket again = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(ports[0]); // the failed lab released its server port
        }
    }

    /**
     * A port held by a live connection but no listener (a second lab while one runs: its server
     * has accepted and closed its listening socket) is busy too, before any capture starts; the
     * lab's SO_REUSEADDR bind alone would succeed and the connect fail mid-capture.
     */
    @Test
    void aPortHeldByALiveConnectionIsBusyToo() throws Exception {
        int[] ports = freePorts();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(ports[0], 1, lo);
             java.net.Socket client = new java.net.Socket(lo, ports[0]);
             java.net.Socket accepted = listener.accept()) {
            listener.close();
            Run r = bounded("lab", "--port", "" + ports[0], "--client-port", "" + ports[1]);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly(
                    "tcpscope: port " + ports[0] + " on 127.0.0.1 is in use; choose another with --port");
            assertThat(r.out()).isEmpty();
        }
        try (ServerSocket listener = new ServerSocket(0, 1, lo);
             java.net.Socket client = new java.net.Socket()) {
            client.bind(new java.net.InetSocketAddress(lo, ports[1]));
            client.connect(listener.getLocalSocketAddress());
            try (java.net.Socket accepted = listener.accept()) {
                Run r = bounded("lab", "--port", "" + ports[0], "--client-port", "" + ports[1]);
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err().lines().toList()).containsExactly(
                        "tcpscope: port " + ports[1] + " on 127.0.0.1 is in use; choose another with --client-port");
            }
        }
    }

    /**
     * Ctrl-C (SIGINT) in the middle of the exchange: the handler closes the sockets and stops the
     * capture, the process ends with exit code 0 (as tshark's does), and both ports can be bound again.
     */
    @Test
    void ctrlCReleasesEverything() throws Exception {
        assumeLiveCapture();
        Path kill = onPath("kill");
        assumeTrue(kill != null, "no kill");
        int[] ports = freePorts();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.tcpscope.cli.Main", "lab", "--delay", "10", "--brief", "--port", "" + ports[0],
                "--client-port", "" + ports[1]).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int packets = 0;
            while (packets < 3 && (line = out.readLine()) != null) {
                if (PACKET.matcher(line).find()) {
                    packets++; // the handshake is done; the server now waits 10 s before answering
                }
            }
            assertThat(packets).isEqualTo(3);
            new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertThat(dev.tcpscope.capture.ChildThreads.waitOrDump(p, 15, "lab after SIGINT")).isNull();
            assertThat(p.exitValue()).as("Ctrl-C ends the lab as its end would, exit 0 as tshark").isZero();
        } finally {
            p.destroyForcibly();
        }
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true); // a closed connection may rest in TIME_WAIT, which is not a binding
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void badOptionsAreExitTwo() {
        assertThat(tcpscope("lab", "--lang", "fr").code()).isEqualTo(2);
        assertThat(tcpscope("lab", "--port", "5300", "--client-port", "5300").code()).isEqualTo(2);
        assertThat(tcpscope("lab", "--delay", "-1").code()).isEqualTo(2);
        assertThat(tcpscope("lab", "--messages", "a,exit").code()).isEqualTo(2);
        assertThat(tcpscope("lab", "--backend", "pcap").code()).isEqualTo(2);
    }

    /**
     * 20 packets: SYN, SYN/ACK, ACK; 13 data and pure ACKs carrying the seed's 8 messages in
     * order; then FIN from the client, ACK, FIN from the server, ACK.
     */
    static void checkStructure(List<String> lines, int server, int client) {
        assertThat(lines).as(String.join("\n", lines)).hasSize(20);
        List<String> flags = new ArrayList<>();
        List<Boolean> fromClient = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (String l : lines) {
            Matcher m = PACKET.matcher(l);
            assertThat(m.find()).isTrue();
            flags.add(m.group(4));
            int src = Integer.parseInt(m.group(2));
            int dst = Integer.parseInt(m.group(3));
            assertThat(src == client && dst == server || src == server && dst == client).as(l).isTrue();
            fromClient.add(src == client);
            lengths.add(Integer.parseInt(m.group(5)));
        }
        assertThat(flags.subList(0, 3)).containsExactly("[SYN]", "[SYN, ACK]", "[ACK]");
        assertThat(fromClient.subList(0, 3)).containsExactly(true, false, true);
        assertThat(flags.subList(3, 16)).allSatisfy(f -> assertThat(f).isIn("[ACK]", "[PSH, ACK]"));
        List<Integer> data = new ArrayList<>();
        List<Boolean> dataFromClient = new ArrayList<>();
        for (int i = 3; i < 16; i++) {
            if (lengths.get(i) > 0) {
                data.add(lengths.get(i));
                dataFromClient.add(fromClient.get(i));
            }
        }
        assertThat(data).containsExactly(6, 5, 21, 5, 21, 5, 21, 4); // Hello!, user1, Hi..., ..., exit
        assertThat(dataFromClient).containsExactly(false, true, false, true, false, true, false, true);
        assertThat(flags.subList(16, 20)).containsExactly("[FIN, ACK]", "[ACK]", "[FIN, ACK]", "[ACK]");
        assertThat(fromClient.subList(16, 20)).containsExactly(true, false, false, true);
    }

    /** tshark's list of {@code file} under the transport-only profile, or null without tshark. */
    static List<String> tshark(Path file) throws Exception {
        Path tshark = onPath("tshark");
        if (tshark == null) {
            return null;
        }
        Path profile = Files.createTempDirectory("tcpscope-profile");
        try {
            Process p = new ProcessBuilder("scripts/tshark-profile.sh", profile.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessBuilder pb = new ProcessBuilder(tshark.toString(), "-r", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("XDG_CONFIG_HOME", profile.toString());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process t = pb.start();
            String text = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return text.lines().toList();
        } finally {
            try (var walk = Files.walk(profile)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
