package dev.tcpscope.lab;

import dev.tcpscope.capture.LiveSource;
import dev.tcpscope.capture.LiveSources;
import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lab: a live capture on {@code lo} with the filter {@code tcp port P or tcp port C}, and
 * the seed's exchange between a server on 127.0.0.1:P and a client on 127.0.0.1:C in this
 * process. The exchange starts only once the capture is really capturing ({@link LiveSource}
 * returns from opening then), and the capture stops as soon as the captured packets show the
 * connection closed ({@link CloseWatch}), or a short grace period after the exchange ended.
 *
 * <p>Use: {@link #open}, then {@link #run} on the thread that should see the packets, then
 * {@link #close}. {@link #stop()} may be called from any thread (Ctrl-C): it closes the sockets
 * and ends the capture, so {@code run} returns soon and nothing stays bound.
 */
public final class Lab implements AutoCloseable {
    /** The device the lab captures on. */
    public static final String DEVICE = "lo";
    /** How long to wait after the exchange for the closing packets to be captured. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final LabConfig config;
    private final LabExchange exchange;
    private final LiveSource capture;
    private volatile boolean stopped;

    /** What a run saw. */
    public record Result(long packets, LabException failure, boolean closedSeen) {}

    /** Receives each captured packet, in capture order, on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface Listener {
        /** The frame's bytes are valid only during this call. */
        void packet(Frame frame) throws IOException;
    }

    private Lab(LabConfig config, LabExchange exchange, LiveSource capture) {
        this.config = config;
        this.exchange = exchange;
        this.capture = capture;
    }

    /**
     * Binds the lab's two ports (a busy port fails first, before any capture), then opens the
     * capture on {@code lo} and waits until it captures.
     *
     * @throws LabException  a port is in use
     * @throws PcapException the capture cannot start (permission, no libpcap, no dumpcap)
     */
    public static Lab open(LabConfig config, LiveSources.Backend backend) throws LabException, PcapException {
        LabExchange exchange = LabExchange.bind(config);
        try {
            LabExchange.warmUp();
            // Immediate mode, and a 32 MiB ring as tcpscope capture uses, so no packet waits or drops.
            Libpcap.Options options = new Libpcap.Options(262_144, false, true, 100, 32 << 20, true);
            LiveSource capture = LiveSources.open(backend, DEVICE, config.captureFilter(), options);
            return new Lab(config, exchange, capture);
        } catch (PcapException | RuntimeException e) {
            exchange.close();
            throw e;
        }
    }

    /** The capture, for its display name, interface and statistics. */
    public LiveSource capture() { return capture; }

    public LabConfig config() { return config; }

    /**
     * Runs the exchange on a virtual thread and hands every captured packet to {@code listener}
     * on this thread until the connection is seen closed (or the grace period after the exchange
     * ran out, or {@link #stop()}).
     *
     * @throws IOException from the capture or the listener
     */
    public Result run(Listener listener) throws IOException {
        CloseWatch watch = new CloseWatch(config.port(), config.clientPort());
        CountDownLatch closedSeen = new CountDownLatch(1);
        AtomicReference<LabException> failure = new AtomicReference<>();
        Thread talker = Thread.ofVirtual().name("tcpscope-lab-exchange").start(() -> {
            try {
                exchange.run();
            } catch (LabException e) {
                failure.set(e);
            }
            try {
                // The closing packets follow the sockets' close within microseconds on lo; a
                // failed exchange may never send them.
                closedSeen.await(failure.get() == null ? GRACE.toMillis() : GRACE.toMillis() / 4, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // stopping anyway
            }
            capture.stop();
        });
        Frame frame = new Frame();
        long packets = 0;
        try {
            while (!stopped && capture.next(frame)) {
                packets++;
                listener.packet(frame);
                if (watch.observe(frame)) {
                    closedSeen.countDown();
                    capture.stop();
                }
            }
        } finally {
            exchange.close();
            capture.stop();
            try {
                talker.join(GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LabException f = failure.get();
        if (stopped && f != null) {
            f = new LabException("interrupted", f);
        }
        return new Result(packets, f, watch.over());
    }

    /** What the server and the client read, in order. */
    public List<String> transcript() { return exchange.transcript(); }

    /** The capture engine's counts (call after {@link #close()} for dumpcap's final ones). */
    public PcapStats stats() throws IOException { return capture.stats(); }

    /** Ends everything from any thread: closes the sockets and stops the capture. */
    public void stop() {
        stopped = true;
        exchange.close();
        capture.stop();
    }

    /** Closes the sockets and the capture. */
    @Override
    public void close() throws IOException {
        exchange.close();
        capture.close();
    }
}
