package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Live capture on {@code lo} of a real TCP exchange on 127.0.0.1: the frames libpcap delivers,
 * saved as pcapng and read back by our reader and by tshark. Skipped when libpcap is missing or
 * the test does not run as root.
 */
@Timeout(30)
class LiveCaptureTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int ETHERNET_HEADER = 14;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;

    @TempDir
    Path dir;

    /** A packet copied out of libpcap's buffer, with its header fields. */
    record Captured(long number, long seconds, int nanos, int digits, int linkType, int capturedLength,
                    int originalLength, byte[] bytes) {
        static Captured of(Frame f) {
            return new Captured(f.number(), f.seconds(), f.nanos(), f.timestampDigits(), f.linkType(),
                    f.capturedLength(), f.originalLength(), f.toByteArray());
        }

        long epochNanos() { return seconds * 1_000_000_000L + nanos; }

        /** TCP header offset in an Ethernet/IPv4 frame. */
        int tcp() { return ETHERNET_HEADER + (bytes[ETHERNET_HEADER] & 0x0f) * 4; }

        int sourcePort() { return u16(tcp()); }

        int destinationPort() { return u16(tcp() + 2); }

        int flags() { return bytes[tcp() + 13] & 0xff; }

        private int u16(int at) { return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff; }
    }

    private static LiveCapture openLoopback(String filter) {
        try {
            return LiveCapture.open("lo", filter, Libpcap.Options.defaults());
        } catch (PcapException e) {
            switch (e.kind()) {
                case NO_LIBRARY, PERMISSION -> abort("no live capture here: " + e.getMessage());
                case NO_DEVICE, FILTER, OTHER -> throw new AssertionError(e.getMessage(), e);
            }
            throw new AssertionError("unreachable");
        }
    }

    @Test
    void capturesARealExchangeOnLoopbackAndSavesItAsPcapng() throws Exception {
        List<String> messages = List.of("hello 1\n", "hello 2\n", "hello 3\n");
        List<Captured> frames = new ArrayList<>();
        Path file = dir.resolve("live.pcapng");
        PcapStats stats;
        try (ServerSocket server = new ServerSocket(0, 8, LOOPBACK)) {
            server.setSoTimeout(10_000);
            int port = server.getLocalPort();
            LiveCapture capture = openLoopback("tcp port " + port);
            capture.stopAfter(Duration.ofSeconds(20)).stopAfter(1_000);
            CompletableFuture<Void> loop;
            try (PcapngWriter writer = PcapngWriter.create(file)) {
                assertThat(writer.addInterface(capture.captureInterface())).isZero();
                loop = CompletableFuture.runAsync(() -> {
                    Frame frame = new Frame();
                    try {
                        while (capture.next(frame)) {
                            frames.add(Captured.of(frame));
                            writer.write(frame);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofPlatform().name("capture-loop").start(r));
                exchange(server, messages);
                Thread.sleep(300); // let the FIN/ACKs reach the ring
                capture.stop();
                loop.get(10, TimeUnit.SECONDS);
            }
            stats = capture.stats();
            capture.close();
        }

        assertThat(frames).isNotEmpty();
        Captured first = frames.getFirst();
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(f.digits()).isEqualTo(9);
            assertThat(f.capturedLength()).isEqualTo(f.originalLength()).isEqualTo(f.bytes().length);
        });
        // the three-way handshake, in order, client port → server port and back
        int client = first.sourcePort();
        int serverPort = first.destinationPort();
        assertThat(first.flags()).isEqualTo(SYN);
        assertThat(frames.get(1).flags()).isEqualTo(SYN | ACK);
        assertThat(frames.get(1).sourcePort()).isEqualTo(serverPort);
        assertThat(frames.get(1).destinationPort()).isEqualTo(client);
        assertThat(frames.get(2).flags() & (SYN | ACK)).isEqualTo(ACK);
        assertThat(frames.get(2).sourcePort()).isEqualTo(client);
        // every message, both ways (the echo), somewhere in the captured bytes
        for (String m : messages) {
            byte[] payload = m.getBytes(StandardCharsets.US_ASCII);
            assertThat(frames.stream().filter(f -> contains(f.bytes(), payload)).count())
                    .as("frames carrying %s", m.strip()).isGreaterThanOrEqualTo(2);
        }
        assertThat(frames).extracting(Captured::number).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, frames.size()).boxed().toList());
        assertThat(frames).extracting(Captured::epochNanos).isSorted();
        assertThat(frames.getLast().epochNanos()).isGreaterThan(first.epochNanos());
        assertThat(Math.abs(first.seconds() - System.currentTimeMillis() / 1000)).isLessThan(60);
        assertThat(stats.received()).isGreaterThanOrEqualTo(frames.size());
        assertThat(stats.dropped()).isZero();

        // read back: same frames, same times, same bytes
        List<Captured> back = new ArrayList<>();
        try (CaptureReader reader = Captures.open(file.toString())) {
            assertThat(reader.format()).isEqualTo("pcapng");
            Frame frame = new Frame();
            while (reader.next(frame) && back.size() < 10_000) {
                back.add(Captured.of(frame));
            }
            assertThat(reader.interfaces()).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("lo");
                assertThat(i.timestampDigits()).isEqualTo(9);
                assertThat(i.linkType()).isEqualTo(LinkType.ETHERNET);
            });
        }
        assertThat(back).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            Captured a = frames.get(i);
            Captured b = back.get(i);
            assertThat(b).usingRecursiveComparison().ignoringFields("bytes").isEqualTo(a);
            assertThat(b.bytes()).as("frame %d", i + 1).isEqualTo(a.bytes());
        }

        // and tshark reads as many packets
        List<String> tshark = tsharkFrameNumbers(file);
        if (tshark != null) {
            assertThat(tshark).hasSize(frames.size());
        }
    }

    @Test
    void stopWakesABlockedNextAndDurationEndsTheCapture() throws Exception {
        try (ServerSocket unused = new ServerSocket(0, 1, LOOPBACK)) {
            // a port nobody talks to: next() blocks in immediate mode until stopped
            LiveCapture capture = openLoopback("tcp port " + unused.getLocalPort());
            long start = System.nanoTime();
            capture.stopAfter(Duration.ofMillis(300));
            Frame frame = new Frame();
            try (capture) {
                assertThat(capture.next(frame)).isFalse();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(250L, 5_000L);
            assertThat(capture.next(frame)).isFalse();
        }
    }

    @Test
    void packetLimitEndsTheCapture() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, LOOPBACK)) {
            server.setSoTimeout(10_000);
            LiveCapture capture = openLoopback("tcp port " + server.getLocalPort());
            capture.stopAfter(2).stopAfter(Duration.ofSeconds(10));
            CompletableFuture<Long> loop = CompletableFuture.supplyAsync(() -> {
                Frame frame = new Frame();
                long n = 0;
                try (capture) {
                    while (capture.next(frame)) {
                        n++;
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                return n;
            }, r -> Thread.ofPlatform().start(r));
            exchange(server, List.of("x"));
            assertThat(loop.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void aFilterThatDoesNotCompileIsAOneLineError() {
        try {
            LiveCapture.open("lo", "tcp prt 1", Libpcap.Options.defaults()).close();
            throw new AssertionError("expected a filter error");
        } catch (PcapException e) {
            assumeTrue(e.kind() != PcapException.Kind.NO_LIBRARY && e.kind() != PcapException.Kind.PERMISSION,
                    e.getMessage());
            assertThat(e.kind()).isEqualTo(PcapException.Kind.FILTER);
            assertThat(e.getMessage()).startsWith("Invalid capture filter \"tcp prt 1\"").doesNotContain("\n");
        }
    }

    @Test
    void anUnknownDeviceNamesItselfAndPointsToTheList() {
        try {
            LiveCapture.open("tcpscope-none0", null, Libpcap.Options.defaults()).close();
            throw new AssertionError("expected a device error");
        } catch (PcapException e) {
            assumeTrue(e.kind() != PcapException.Kind.NO_LIBRARY && e.kind() != PcapException.Kind.PERMISSION,
                    e.getMessage());
            assertThat(e.kind()).isEqualTo(PcapException.Kind.NO_DEVICE);
            assertThat(e.getMessage()).contains("\"tcpscope-none0\"").contains("tcpscope capture -D")
                    .doesNotContain("\n");
        }
    }

    /** Client connects, sends each message, reads the echo, closes; the server echoes. */
    static void exchange(ServerSocket server, List<String> messages) throws Exception {
        CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
            client.setSoTimeout(10_000);
            client.setTcpNoDelay(true);
            for (String m : messages) {
                byte[] bytes = m.getBytes(StandardCharsets.US_ASCII);
                client.getOutputStream().write(bytes);
                client.getOutputStream().flush();
                byte[] back = client.getInputStream().readNBytes(bytes.length);
                assertThat(back).isEqualTo(bytes);
            }
        }
        echo.get(10, TimeUnit.SECONDS);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** {@code tshark -r FILE -T fields -e frame.number}, or null when tshark is not installed. */
    static List<String> tsharkFrameNumbers(Path file) throws Exception {
        Path tshark = onPath("tshark");
        if (tshark == null) {
            return null;
        }
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        return text.isBlank() ? List.of() : text.lines().toList();
    }

    static Path onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
