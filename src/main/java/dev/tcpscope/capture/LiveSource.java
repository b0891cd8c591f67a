package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.PcapStats;

import java.io.IOException;
import java.time.Duration;

/**
 * A live capture, whichever program holds the capture rights: our libpcap binding in this
 * process ({@link LiveCapture}) or a {@code dumpcap} child process ({@link DumpcapCapture}).
 * {@link #next} blocks until the next packet; it returns false once the capture has ended.
 *
 * <p>Threads: one thread calls {@code next} and finally {@code close}; {@link #stop()} may be
 * called from any thread (a shutdown hook, a timer).
 */
public interface LiveSource extends CaptureReader {
    /** Ends the capture after {@code packets} packets (tshark's {@code -c}); negative for no limit. */
    LiveSource stopAfter(long packets);

    /** Ends the capture once {@code duration} has passed since this call (tshark's {@code -a duration:S}). */
    LiveSource stopAfter(Duration duration);

    /** Ends the capture from any thread; a blocked {@link #next} returns false soon after. */
    void stop();

    /**
     * Packets received and dropped as the capture engine counts them ({@code pcap_stats}); for
     * dumpcap the counts it reports when it ends, zero before that.
     */
    PcapStats stats() throws IOException;

    /** How tshark names the device in messages: {@code Loopback: lo}, {@code eth0}. */
    String displayName();

    /** The one interface of the capture, as a pcapng writer describes it. */
    CaptureInterface captureInterface();

    /** Which backend captures: {@code libpcap} or {@code dumpcap}. */
    String backend();
}
