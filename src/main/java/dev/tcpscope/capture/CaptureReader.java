package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.IOException;
import java.util.List;

/**
 * A source of captured records in capture order: a pcap or pcapng file, a compressed file or a
 * stream. Implementations reuse their buffers, so {@link #next(Frame)} allocates nothing per
 * record on the common path.
 */
public interface CaptureReader extends AutoCloseable {

    /**
     * Refills {@code frame} with the next record.
     *
     * @return false at the clean end of the capture
     * @throws CaptureFormatException when the file is damaged or cut short; records already
     *                                returned stay valid and the caller may report what it has
     */
    boolean next(Frame frame) throws IOException;

    /** The interfaces described so far (pcapng IDBs; one synthetic entry for pcap). */
    List<CaptureInterface> interfaces();

    /**
     * The interface the frame last returned by {@link #next} was captured on, or null for records
     * that have none. Valid until the next call to {@code next} (pcapng interface ids are
     * per section).
     */
    default CaptureInterface interfaceOf(Frame frame) {
        int id = frame.interfaceId();
        List<CaptureInterface> all = interfaces();
        return id >= 0 && id < all.size() ? all.get(id) : null;
    }

    /**
     * The 0-based index of the pcapng section (Section Header Block) the record last returned by
     * {@link #next} came from, which tshark shows 1-based as {@code frame.section_number}; -1
     * for formats without sections (pcap, live captures).
     */
    default int section() {
        return -1;
    }

    /**
     * True when the next {@link #next} may wait for input that has not arrived (a live pipe);
     * callers flush what they have printed first.
     */
    default boolean mayBlock() {
        return false;
    }

    /** True when the capture comes from a stream (standard input, a pipe, a decompressed file), not a file read in place. */
    default boolean streamed() {
        return false;
    }

    /** The file format, e.g. {@code "pcap"}, {@code "pcap-nsec"}, {@code "pcapng"}. */
    String format();

    @Override
    void close() throws IOException;
}
