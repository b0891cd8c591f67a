package dev.tcpscope.stats;

import java.lang.foreign.MemorySegment;

/**
 * Receives the data of a followed stream in the order Wireshark's follow tap adds it to the
 * stream (epan/follow.c {@code follow_record_t}): which side sent it, the frame that carried it,
 * that frame's time, and the bytes. The bytes are valid only during the call.
 */
public interface ChunkSink {
    /**
     * One chunk. {@code server} is false for the side that sent the first frame followed (Wireshark's
     * "client", node 0); {@code seconds}/{@code nanos} are the frame's absolute time (both 0 for
     * the "[N bytes missing in capture file]" marker, which has none).
     */
    void chunk(boolean server, long frame, long seconds, int nanos, MemorySegment bytes, long offset, int length);
}
