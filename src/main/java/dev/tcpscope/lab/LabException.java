package dev.tcpscope.lab;

/** The lab cannot start or went wrong; the message is one line that says what to do. */
public final class LabException extends Exception {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
