package dev.tcpscope.capture.ffi;

/**
 * libpcap could not be loaded or refused a request. The message is one line that says what
 * happened and what to do about it; {@link #kind()} lets a command choose its exit code.
 */
public final class PcapException extends Exception {
    /** Why a capture could not start or go on; closed set, matched exhaustively by callers. */
    public enum Kind {
        /** No libpcap shared library could be loaded. */
        NO_LIBRARY,
        /** The process may not open a capture socket (PCAP_ERROR_PERM_DENIED and friends). */
        PERMISSION,
        /** The device does not exist (PCAP_ERROR_NO_SUCH_DEVICE). */
        NO_DEVICE,
        /** The capture filter does not compile (pcap_compile). */
        FILTER,
        /** Anything else libpcap reports. */
        OTHER
    }

    private final Kind kind;

    public PcapException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
