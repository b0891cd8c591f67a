package dev.tcpscope.capture;

import java.io.IOException;

/**
 * The capture is not a file we can read, or it is damaged or cut short. The message is one line
 * a user can act on, in the spirit of tshark's ("appears to have been cut short in the middle
 * of a packet", "isn't a capture file in a format TShark understands").
 */
public class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }

    /** Not pcap or pcapng, plain or compressed (tshark: "isn't a capture file in a format TShark understands"). */
    static CaptureFormatException notACapture(String name) {
        return new CaptureFormatException("\"" + name
                + "\" is not a capture file in a format tcpscope reads (pcap, pcapng; gzip, zstd or lz4 compressed)");
    }

    /** The input ended inside a record (tshark's WTAP_ERR_SHORT_READ wording). */
    static CaptureFormatException cutShort(String name) {
        return new CaptureFormatException("The file \"" + name
                + "\" appears to have been cut short in the middle of a packet.");
    }

    /** The compressed data is corrupt (tshark's WTAP_ERR_DECOMPRESS); {@code detail} is the decoder's reason. */
    static CaptureFormatException undecompressable(String name, String detail) {
        return new CaptureFormatException("The file \"" + name
                + "\" cannot be decompressed; it may be damaged or corrupt (" + detail + ").");
    }

    /** A structural impossibility (tshark's WTAP_ERR_BAD_FILE); {@code detail} names it. */
    static CaptureFormatException damaged(String name, String detail) {
        return new CaptureFormatException("The file \"" + name
                + "\" appears to be damaged or corrupt (" + detail + ").");
    }

    /** Well-formed but something we, like tshark, do not read (WTAP_ERR_UNSUPPORTED). */
    static CaptureFormatException unsupported(String name, String detail) {
        return new CaptureFormatException("The file \"" + name
                + "\" contains record data that tcpscope doesn't support (" + detail + ").");
    }
}
