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
}
