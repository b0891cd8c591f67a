package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Saves records read from a {@link CaptureReader} to a new capture, as {@code tshark -w} does
 * ({@code tshark.c}'s {@code process_new_idbs} and {@code wtap_dump}): the interfaces the
 * reader has described so far are written before each record, records keep their original
 * time stamps, lengths and bytes, and a pcapng record keeps its comments and flags.
 */
public sealed interface CaptureWriter extends Closeable permits PcapngWriter, PcapWriter {

    /** The file types {@code -F} accepts, named as tshark names them. */
    enum Type {
        PCAPNG("pcapng"), PCAP("pcap"), NSECPCAP("nsecpcap");

        private final String tsharkName;

        Type(String tsharkName) {
            this.tsharkName = tsharkName;
        }

        /** tshark's name for the type, e.g. {@code "pcapng"}. */
        public String tsharkName() { return tsharkName; }

        /** The type tshark's {@code -F NAME} selects, or null when tcpscope does not write it. */
        public static Type named(String name) {
            return switch (name) {
                case "pcapng", "ntar" -> PCAPNG;
                case "pcap", "libpcap" -> PCAP;
                case "nsecpcap" -> NSECPCAP;
                default -> null;
            };
        }
    }

    /** Opens a writer of {@code type} on {@code out} (closed by {@link #close()}). */
    static CaptureWriter open(Type type, OutputStream out) throws IOException {
        return switch (type) {
            case PCAPNG -> new PcapngWriter(out);
            case PCAP -> new PcapWriter(out, false);
            case NSECPCAP -> new PcapWriter(out, true);
        };
    }

    /**
     * Writes the record {@code reader} returned last ({@code frame}).
     *
     * @throws UnwritableFrameException when the record cannot be saved in this file type
     */
    void write(CaptureReader reader, Frame frame) throws IOException;

    /** Hands everything written so far to the stream and flushes it. */
    void flush() throws IOException;

    /** A record this file type cannot hold; the message is tshark's, without the program name. */
    final class UnwritableFrameException extends IOException {
        public UnwritableFrameException(String message) {
            super(message);
        }
    }
}
