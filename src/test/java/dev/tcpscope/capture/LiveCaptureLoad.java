package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures live capture on {@code lo} (not a test; needs root):
 * <ol>
 *   <li>latency: from calling {@link LiveCapture#open} to the first packet delivered while a
 *       sender already sends one UDP datagram per millisecond, and from a datagram's kernel
 *       time stamp to its delivery;</li>
 *   <li>load: a UDP sender on 127.0.0.1 paced at RATE packets/s for SECONDS seconds while we
 *       capture with a filter, then {@code pcap_stats}: received and dropped.</li>
 * </ol>
 * On {@code lo} the kernel hands libpcap every packet twice (outgoing and incoming); libpcap
 * drops the outgoing copy after counting, so {@code pcap_stats} received and dropped count both
 * copies: delivered + dropped / 2 = sent.
 * <pre>
 * ./mvnw -q -B -ntp test-compile
 * java --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:$PICOCLI \
 *     dev.tcpscope.capture.LiveCaptureLoad [RATE [SECONDS]]
 * </pre>
 * Every loop is bounded by a deadline; sockets bind to 127.0.0.1 only.
 */
public final class LiveCaptureLoad {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PAYLOAD = 64;

    private LiveCaptureLoad() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(Libpcap.load().version());
        firstPacketLatency(7);
        Libpcap.Options defaults = Libpcap.Options.defaults();
        load("immediate, 2 MB ring (defaults), count only", defaults, rate, seconds, false);
        load("immediate, 2 MB ring (defaults), packet-list line per packet", defaults, rate, seconds, true);
        load("immediate, 32 MB ring, count only",
                new Libpcap.Options(262_144, true, true, 100, 32 << 20, true), rate, seconds, false);
        load("immediate, 32 MB ring, packet-list line per packet",
                new Libpcap.Options(262_144, true, true, 100, 32 << 20, true), rate, seconds, true);
        load("buffered (not immediate, 100 ms), 2 MB ring, packet-list line per packet",
                new Libpcap.Options(262_144, true, false, 100, 0, true), rate, seconds, true);
        load("buffered (not immediate, 10 ms), 2 MB ring, packet-list line per packet",
                new Libpcap.Options(262_144, true, false, 10, 0, true), rate, seconds, true);
    }

    /** open() → first packet, while datagrams already flow every millisecond. */
    static void firstPacketLatency(int runs) throws Exception {
        double[] openMs = new double[runs];
        double[] firstMs = new double[runs];
        double[] deliveryUs = new double[runs];
        for (int run = 0; run < runs; run++) {
            try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                 DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
                int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
                long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                CompletableFuture<Void> ticks = CompletableFuture.runAsync(() -> {
                    ByteBuffer b = ByteBuffer.allocate(PAYLOAD);
                    try {
                        while (System.nanoTime() < stopAt) {
                            sender.send(b.clear(), new InetSocketAddress(LOOPBACK, port));
                            Thread.sleep(1);
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                Thread.sleep(50);
                long t0 = System.nanoTime();
                LiveCapture capture = LiveCapture.open("lo", "udp port " + port, Libpcap.Options.defaults());
                long t1 = System.nanoTime();
                capture.stopAfter(Duration.ofSeconds(3));
                Frame frame = new Frame();
                boolean got = capture.next(frame);
                long t2 = System.nanoTime();
                java.time.Instant now = java.time.Instant.now();
                capture.close();
                ticks.cancel(true);
                if (!got) {
                    throw new IllegalStateException("no packet within 3 s");
                }
                openMs[run] = (t1 - t0) / 1e6;
                firstMs[run] = (t2 - t0) / 1e6;
                long stamp = frame.seconds() * 1_000_000_000L + frame.nanos();
                deliveryUs[run] = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - stamp) / 1e3;
            }
        }
        System.out.printf("open→first packet (%d runs, median [min..max]): open() %.2f ms [%.2f..%.2f], "
                        + "first packet %.2f ms [%.2f..%.2f]; kernel stamp→delivery %.0f µs [%.0f..%.0f] "
                        + "(first run includes class loading and linking)%n", runs,
                median(openMs), min(openMs), max(openMs), median(firstMs), min(firstMs), max(firstMs),
                median(deliveryUs), min(deliveryUs), max(deliveryUs));
    }

    /** A paced UDP flood on 127.0.0.1 while capturing it, then pcap_stats. */
    static void load(String label, Libpcap.Options options, int rate, int seconds, boolean format) throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            LiveCapture capture = LiveCapture.open("lo", "udp port " + to.getPort(), options);
            capture.stopAfter(Duration.ofSeconds(seconds + 2L));
            AtomicLong delivered = new AtomicLong();
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                Frame frame = new Frame();
                PacketList list = format ? new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.systemDefault()),
                        MacNames.system()) : null;
                StringBuilder line = new StringBuilder(256);
                long n = 0;
                long chars = 0;
                try {
                    while (capture.next(frame)) {
                        n++;
                        if (list != null) {
                            line.setLength(0);
                            list.appendLine(frame, line);
                            chars += line.length();
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                delivered.set(n + (chars < 0 ? 1 : 0));
            }, r -> Thread.ofPlatform().name("capture-loop").start(r));

            ByteBuffer b = ByteBuffer.allocate(PAYLOAD);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long sent = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                long due = (now - start) * rate / 1_000_000_000L;
                if (sent < due) {
                    sender.send(b.clear(), to);
                    sent++;
                } else {
                    Thread.onSpinWait();
                }
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(500); // let the loop drain the ring
            capture.stop();
            loop.get(10, TimeUnit.SECONDS);
            PcapStats stats = capture.stats();
            capture.close();
            System.out.printf("%s: sent %d in %.2f s (%.0f/s); delivered %d; pcap_stats received %d, dropped %d, ifdropped %d%n",
                    label, sent, sendSeconds, sent / sendSeconds, delivered.get(), stats.received(), stats.dropped(),
                    stats.interfaceDropped());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(0); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(0); }
}
