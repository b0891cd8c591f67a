package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

/**
 * The dumpcap backend: a live capture made by dumpcap in a child process, read from its pcapng
 * output; its one-line errors; and, as an unprivileged user, the fallback from libpcap to a
 * dumpcap that holds the capture rights. Skipped without dumpcap or root.
 */
@Timeout(60)
class DumpcapCaptureTest {

    private static DumpcapCapture open(String filter) {
        assumeTrue(DumpcapCapture.find() != null, "no dumpcap");
        try {
            return DumpcapCapture.open("lo", filter, 262_144, false, 32);
        } catch (PcapException e) {
            abort("dumpcap cannot capture here: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    @Test
    void capturesARealExchangeThroughTheFilter() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ServerSocket other = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            other.setSoTimeout(10_000);
            int port = server.getLocalPort();
            List<byte[]> frames = new ArrayList<>();
            try (DumpcapCapture capture = open("tcp port " + port)) {
                assertThat(capture.backend()).isEqualTo("dumpcap");
                assertThat(capture.displayName()).isEqualTo("Loopback: lo");
                assertThat(capture.captureInterface().linkType()).isEqualTo(LinkType.ETHERNET);
                // open returned: dumpcap is capturing, so the handshake below is seen from its SYN
                LiveCaptureTest.exchange(other, List.of("not captured\n"));
                LiveCaptureTest.exchange(server, List.of("ping\n"));
                capture.stopAfter(3);
                CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                    Frame f = new Frame();
                    try {
                        while (capture.next(f)) {
                            frames.add(f.toByteArray());
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, r -> Thread.ofPlatform().daemon().start(r));
                reading.get(20, TimeUnit.SECONDS);
            }
            assertThat(frames).hasSize(3);
            for (byte[] b : frames) {
                int tcp = 14 + (b[14] & 0x0f) * 4;
                int sport = (b[tcp] & 0xff) << 8 | b[tcp + 1] & 0xff;
                int dport = (b[tcp + 2] & 0xff) << 8 | b[tcp + 3] & 0xff;
                assertThat(sport == port || dport == port).isTrue();
            }
            assertThat(frames.get(0)[14 + (frames.get(0)[14] & 0x0f) * 4 + 13] & 0x3f).isEqualTo(0x02); // SYN
        }
    }

    @Test
    void errorsAreOneLineWithTheirKind() {
        assumeTrue(DumpcapCapture.find() != null, "no dumpcap");
        assumeTrue("root".equals(System.getProperty("user.name")), "dumpcap's errors differ without rights");
        PcapException noDevice = catchPcap(() -> DumpcapCapture.open("tcpscope-none0", null, 262_144, false, 0));
        assertThat(noDevice.kind()).isEqualTo(PcapException.Kind.NO_DEVICE);
        assertThat(noDevice.getMessage()).contains("\"tcpscope-none0\"").doesNotContain("\n");
        PcapException filter = catchPcap(() -> DumpcapCapture.open("lo", "tcp port", 262_144, false, 0));
        assertThat(filter.kind()).isEqualTo(PcapException.Kind.FILTER);
        assertThat(filter.getMessage()).contains("Invalid capture filter \"tcp port\"").doesNotContain("\n");
    }

    interface Opening {
        void open() throws PcapException;
    }

    private static PcapException catchPcap(Opening o) {
        try {
            o.open();
        } catch (PcapException e) {
            return e;
        }
        throw new AssertionError("no PcapException");
    }

    /**
     * As {@code nobody}: with the system's dumpcap (no rights) the lab ends with exit code 2 and
     * one line saying to run as root or setcap dumpcap; with a copy of dumpcap given
     * cap_net_raw,cap_net_admin ({@code TCPSCOPE_DUMPCAP}), {@code tcpscope capture} falls back
     * from libpcap to it and captures.
     */
    @Test
    void unprivilegedUserGetsWhatToDoOrFallsBackToDumpcap() throws Exception {
        Path dumpcap = DumpcapCapture.find();
        assumeTrue(dumpcap != null, "no dumpcap");
        Path setpriv = LiveCaptureTest.onPath("setpriv");
        assumeTrue(setpriv != null, "no setpriv");
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot switch users");
        Path shared = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tcpscope-dumpcap",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String classpath = ReadableClasspath.copyTo(shared);
            int[] ports = freePorts();
            Child denied = asNobody(setpriv, shared, classpath, null, "lab", "--port", "" + ports[0], "--client-port", "" + ports[1]);
            assertThat(denied.code()).as(denied.err()).isEqualTo(2);
            assertThat(denied.err().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("tcpscope: You don't have permission to capture on lo")
                    .contains("run as root or give capture rights to dumpcap")
                    .contains("setcap cap_net_raw,cap_net_admin=eip " + dumpcap));

            Path setcap = Stream.of("/usr/sbin/setcap", "/sbin/setcap").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            assumeTrue(setcap != null, "no setcap");
            Path copy = shared.resolve("dumpcap");
            Files.copy(dumpcap, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process sc = new ProcessBuilder(setcap.toString(), "cap_net_raw,cap_net_admin=eip", copy.toString())
                    .redirectErrorStream(true).start();
            String scOut = new String(sc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(sc.waitFor(10, TimeUnit.SECONDS) && sc.exitValue() == 0, "setcap failed: " + scOut);
            Child ok = asNobody(setpriv, shared, classpath, copy, "capture", "-i", "lo", "-f", "tcp port 9", "-a", "duration:1");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.err()).contains("Capturing on 'Loopback: lo'").contains("0 packets captured");
        } finally {
            try (Stream<Path> walk = Files.walk(shared)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    record Child(int code, String out, String err) {}

    private static int[] freePorts() throws java.io.IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static Child asNobody(Path setpriv, Path dir, String classpath, Path dumpcap, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", "--", java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-cp", classpath, "dev.tcpscope.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (dumpcap != null) {
            pb.environment().put(DumpcapCapture.DUMPCAP_ENV, dumpcap.toString());
        }
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tcpscope as nobody did not end within 30 s");
        }
        return new Child(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), err);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

}
