package dev.tcpscope.stats;

/**
 * A {@code -z} argument tshark refuses: {@link #getMessage()} is the text tshark writes to standard
 * error (one or more lines, without the trailing newline), {@link #exitCode()} the status it exits with.
 */
public final class TapArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public TapArgumentException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** tshark's exit status for this error (1 for most, 10 for io,stat field errors). */
    public int exitCode() { return exitCode; }
}
