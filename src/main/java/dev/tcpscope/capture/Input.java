package dev.tcpscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The bytes of a capture as the readers see them: a cursor over either a regular file read
 * into a native buffer ({@link FileInput}) or a stream read through one reused, growing buffer ({@link StreamInput}).
 *
 * <p>Contract: after {@code fill(n)} returned {@code n}, the bytes
 * {@code segment()[base(), base()+n)} are the next {@code n} bytes of the capture and stay valid
 * until the next {@code fill} or {@code skip}. All positions are {@code long}, so inputs larger
 * than 2 GB work.
 */
sealed interface Input extends Closeable permits FileInput, StreamInput {

    /**
     * Makes up to {@code n} bytes from the current position addressable.
     *
     * @param n at most {@link #MAX_FILL}
     * @return how many bytes are available: {@code n}, or fewer only at the end of the input
     */
    long fill(long n) throws IOException;

    /** The memory holding the filled bytes; may change after {@link #fill}. */
    MemorySegment segment();

    /** Where the current position is inside {@link #segment()}. */
    long base();

    /** How many bytes of the capture lie before the current position (for messages). */
    long position();

    /** Advances past {@code n} bytes that a previous {@link #fill} made available. */
    void skip(long n);

    /**
     * True when reading past the bytes already filled would wait for more input: a pipe or
     * terminal with nothing pending. A file never waits. A printer flushes its output then, so
     * that a live pipe ({@code tcpdump -U -w - | tcpscope read -}) shows each packet as it arrives.
     */
    default boolean mayBlock() {
        return false;
    }

    /** True for a stream (standard input, a pipe, a decompressed file), whose {@link #mayBlock} changes as it is read. */
    default boolean streamed() {
        return false;
    }

    /**
     * The file whose bytes {@link #segment()} holds, to read bytes again later, or null (a stream, whose
     * buffer is reused).
     */
    default dev.tcpscope.frame.FileBytes file() {
        return null;
    }

    /** The file position of {@link #segment()}'s offset 0, when {@link #file()} is not null. */
    default long origin() {
        return 0;
    }

    /** The largest request a reader makes: a record is never bigger than this. */
    int MAX_FILL = 256 * 1024 * 1024;
}
