package dev.tcpscope.filter;

/**
 * What a display filter makes of a name that is not in the field table.
 */
public enum Unknown {
    /** tshark's error: "xyz is neither a field nor a protocol name." (user-typed filters). */
    ERROR,
    /**
     * A field of a protocol tcpscope does not dissect, so never present in a frame: a test on it
     * is false and its negation true. For filters written for Wireshark, such as its default
     * coloring rules ({@code hsrp.state != 8}, {@code smb || nbss}), where those names are known
     * fields that are simply absent from TCP/IP-only frames.
     */
    ABSENT
}
