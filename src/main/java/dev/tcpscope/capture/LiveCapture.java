package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapDevice;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapHandle;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Packets as they arrive on a device, through libpcap: a {@link CaptureReader} whose
 * {@link #next(Frame)} blocks until the next packet, {@link #stop()}, the packet limit or the
 * duration ends the capture.
 *
 * <p>A frame returned by {@code next} points straight into libpcap's ring buffer (a
 * {@code MemorySegment} of {@code caplen} bytes over the pointer {@code pcap_next_ex} returned);
 * nothing is copied. Its bytes are valid only until the next call to {@code next} or
 * {@code close}: copy them ({@link Frame#toByteArray()}) or write them out before.
 *
 * <p>Threads: one platform thread calls {@code next} and finally {@code close}; {@link #stop()}
 * may be called from any thread (a shutdown hook, a timer) and makes a blocked {@code next}
 * return false.
 */
public final class LiveCapture implements LiveSource {
    private final PcapHandle handle;
    private final String displayName;
    private final CaptureInterface iface;
    private final List<CaptureInterface> interfaces;
    private final int linkType;
    private final int digits;
    private final int fractionScale;
    private volatile boolean stopped;
    private long limit = -1;
    private long deadline = Long.MAX_VALUE;
    private Thread timer;
    private long number;
    private PcapStats lastStats = new PcapStats(0, 0, 0);
    private boolean closed;

    private LiveCapture(PcapHandle handle, PcapDevice device) {
        this.handle = handle;
        this.displayName = device != null ? device.displayName() : handle.device();
        this.linkType = linkTypeOf(handle.datalink());
        this.digits = handle.nanoseconds() ? 9 : 6;
        this.fractionScale = handle.nanoseconds() ? 1 : 1000;
        this.iface = new CaptureInterface(linkType, handle.snaplen(), handle.device(),
                device != null ? device.description() : null, digits);
        this.interfaces = List.of(iface);
    }

    /**
     * Opens {@code device} with {@code options} and, unless {@code filter} is null or blank,
     * installs that BPF capture filter before the first packet.
     *
     * @throws PcapException with a one-line message: no libpcap, no such device, no permission,
     *                       a filter that does not compile
     */
    public static LiveCapture open(String device, String filter, Libpcap.Options options) throws PcapException {
        Libpcap pcap = Libpcap.load();
        PcapDevice found = null;
        for (PcapDevice d : pcap.devices()) {
            if (d.name().equals(device)) {
                found = d;
                break;
            }
        }
        PcapHandle handle = pcap.open(device, options);
        try {
            if (filter != null && !filter.isBlank()) {
                handle.setFilter(filter);
            }
        } catch (PcapException | RuntimeException e) {
            handle.close();
            throw e;
        }
        return new LiveCapture(handle, found);
    }

    /** Ends the capture after {@code packets} packets (tshark's {@code -c}); negative for no limit. */
    @Override
    public LiveCapture stopAfter(long packets) {
        this.limit = packets;
        return this;
    }

    /**
     * Ends the capture once {@code duration} has passed since this call (tshark's
     * {@code -a duration:S}). A daemon timer calls {@link #stop()}, so a {@code next} blocked in
     * immediate mode wakes up too.
     */
    @Override
    public LiveCapture stopAfter(Duration duration) {
        this.deadline = System.nanoTime() + duration.toNanos();
        Thread t = Thread.ofPlatform().daemon().name("tcpscope-capture-timer").unstarted(() -> {
            try {
                Thread.sleep(duration);
                stop();
            } catch (InterruptedException closedFirst) {
                // the capture ended before the duration; nothing to stop
            }
        });
        this.timer = t;
        t.start();
        return this;
    }

    /**
     * Fills {@code frame} with the next packet: time stamp with nanosecond precision when
     * libpcap grants it ({@code timestampDigits} 9, else 6), {@code caplen}, {@code len}, the
     * link type, interface 0 and the packet bytes in libpcap's buffer (valid until the next call).
     *
     * @return false once {@link #stop()} was called, the packet limit was reached, the
     *         duration has passed or the capture was closed
     * @throws IOException when libpcap reports an error, e.g. the device went away
     */
    @Override
    public boolean next(Frame frame) throws IOException {
        while (true) {
            if (closed || stopped || (limit >= 0 && number >= limit) || System.nanoTime() - deadline >= 0) {
                return false;
            }
            PcapHandle.Next result;
            try {
                result = handle.next();
            } catch (PcapException e) {
                throw new IOException(e.getMessage(), e);
            }
            switch (result) {
                case PACKET -> {
                    frame.set(++number, handle.seconds(), handle.fraction() * fractionScale, digits, linkType, 0,
                            handle.data(), 0, handle.capturedLength(), handle.originalLength());
                    return true;
                }
                case TIMEOUT -> { }
                case BREAK -> {
                    return false;
                }
            }
        }
    }

    /** Makes the current or next {@link #next} return false ({@code pcap_breakloop}); any thread. */
    @Override
    public void stop() {
        stopped = true;
        handle.breakLoop();
    }

    /**
     * {@code pcap_stats}: packets received and dropped since the capture started; after
     * {@link #close()} the last counters read before closing.
     */
    @Override
    public PcapStats stats() throws IOException {
        if (closed) {
            return lastStats;
        }
        try {
            lastStats = handle.stats();
            return lastStats;
        } catch (PcapException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** How tshark names the device in messages: {@code Loopback: lo}, {@code eth0}. */
    @Override
    public String displayName() { return displayName; }

    /** The one interface of a live capture, as a pcapng writer describes it. */
    @Override
    public CaptureInterface captureInterface() { return iface; }

    @Override
    public String backend() { return "libpcap"; }

    @Override
    public List<CaptureInterface> interfaces() { return interfaces; }

    @Override
    public String format() { return "live"; }

    /** Reads the final statistics, stops the timer and closes libpcap's handle. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            lastStats = handle.stats();
        } catch (PcapException | RuntimeException e) {
            // keep the last counters read
        }
        closed = true;
        if (timer != null) {
            timer.interrupt();
        }
        handle.close();
    }

    /**
     * The LINKTYPE_ value for a DLT_ value: the same number except the few DLTs whose values
     * differ between platforms (libpcap's dlt_to_linktype); on Linux that is DLT_RAW (12 or 14).
     */
    static int linkTypeOf(int dlt) {
        return dlt == LinkType.RAW_DLT12 || dlt == LinkType.RAW_DLT14 ? LinkType.RAW : dlt;
    }
}
