package dev.tcpscope.field;

/**
 * The value type of a field, after Wireshark's {@code ftenum}: it decides how a value is
 * compared in a filter and written by {@code -T fields}.
 */
public enum FieldType {
    /** A protocol: present or not ({@code tcp}, {@code ip}). */
    PROTOCOL,
    /** A label with no value ({@code tcp.analysis.retransmission}); -T fields writes 1. */
    NONE,
    BOOLEAN,
    /** Unsigned integers of 8 to 64 bits ({@link Field#bits()} says which). */
    UINT,
    /** Signed integers. */
    INT,
    /** A frame number, written in decimal. */
    FRAMENUM,
    /** A duration in nanoseconds, written as seconds with nine decimals. */
    RELATIVE_TIME,
    /** A point in time (epoch nanoseconds). */
    ABSOLUTE_TIME,
    DOUBLE,
    IPV4,
    IPV6,
    ETHER,
    BYTES,
    STRING
}
