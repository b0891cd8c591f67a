package dev.tcpscope.tcp;

/**
 * What the analyzer decided about one TCP segment: the values printers and filters read.
 * Reused for every frame.
 */
public final class TcpRecord {
    /** {@code tcp.stream}. */
    public int stream;
    /** Raw header values. */
    public long seqRaw, ackRaw;
    public int flags, windowRaw, headerLength;
    /** Whether the segment length is known (the reported length covers the header, not an IP fragment). */
    public boolean haveSegmentLength;
    /** {@code tcp.len}: payload bytes on the wire. */
    public int segmentLength;
    /** {@code tcp.seq} / {@code tcp.ack}: relative when the length is known, else raw. */
    public long seq, ack;
    /** {@code tcp.window_size}: scaled by the sender's window scale when known. */
    public long window;
    /** The base the SACK edges of this segment are relative to (the receiver's base sequence). */
    public long sackBase;
    /** Whether this segment's direction is the low→high one of its conversation. */
    public boolean forward;
}
