package dev.tcpscope.tcp;

import java.lang.foreign.MemorySegment;

/**
 * An application protocol carried over a TCP byte stream, as TCP's desegmentation sees it
 * (packet-tcp.c hands a subdissector a tvb and reads back {@code pinfo->desegment_offset} and
 * {@code desegment_len}). The implementations live in {@code dev.tcpscope.proto}; TCP only knows
 * this contract:
 *
 * <ul>
 *   <li>{@link #dissect} gets the bytes of one segment (or of one reassembled PDU), dissects the
 *   messages it can, writes the Protocol and Info columns into {@link PduContext#columns}, and,
 *   when the last message is incomplete, sets {@link PduContext#desegmentOffset} (where that
 *   message starts) and {@link PduContext#desegmentLength} (how many more bytes it needs, or
 *   {@link #ONE_MORE_SEGMENT} / {@link #UNTIL_FIN}). It never throws on malformed bytes.</li>
 *   <li>{@link #heuristic} says whether a payload on a port with no dissector is this protocol
 *   (Wireshark's heuristic subdissectors on "tcp"); false when it has no heuristic.</li>
 * </ul>
 */
public interface PduDissector {
    /** Wireshark's DESEGMENT_ONE_MORE_SEGMENT: the PDU's length is unknown, try again with the next segment. */
    int ONE_MORE_SEGMENT = 0x0fffffff;
    /** Wireshark's DESEGMENT_UNTIL_FIN: the PDU runs to the end of the stream. */
    int UNTIL_FIN = 0x0ffffffe;

    /** The protocol's filter name ({@code http}), as in {@code -d tcp.port==8888,http}. */
    String name();

    /**
     * State kept for one TCP conversation (requests awaiting responses ...); may be null, as it
     * is by default for a protocol that keeps none per stream (most datagram protocols).
     */
    default Object newSession() {
        return null;
    }

    /**
     * The state of a conversation that protocol {@code from} (its {@link #name()}) hands over to
     * this one after its first frames ({@link PduContext#handOff}); {@link #newSession()} unless
     * the protocol remembers who came first.
     */
    default Object newSession(String from) {
        return newSession();
    }

    /**
     * Whether the payload {@code [off, off + len)} looks like this protocol (heuristic
     * dissector); a protocol without a heuristic keeps this default.
     */
    default boolean heuristic(MemorySegment s, long off, int len) {
        return false;
    }

    /**
     * The "tcp" heuristic with the segment's {@code tcp.stream} and ports, for a protocol whose
     * heuristic looks at them (packet-openflow.c's takes a segment to port 6633, 6634 or 6653
     * whatever its bytes, and claims the conversation, which tshark's second pass then finds
     * claimed from its first segment); {@link #heuristic(MemorySegment, long, int)} by default.
     */
    default boolean heuristic(int stream, int srcPort, int dstPort, MemorySegment s, long off, int len) {
        return heuristic(s, off, len);
    }

    /**
     * The "udp" heuristic with the datagram's conversation key ({@link PduContext#conversation}),
     * for a protocol whose heuristic remembers what it saw there (packet-rpc.c takes a reply
     * whose call it saw); {@link #heuristic(MemorySegment, long, int)} by default.
     */
    default boolean heuristic(long conversation, MemorySegment s, long off, int len) {
        return heuristic(s, off, len);
    }

    /**
     * Whether the dissection of frame {@code frame} (the frame just decoded) added anything to
     * show; a protocol that takes bytes it cannot read and shows nothing (SSDP) says false, and
     * {@code frame.protocols} then leaves its name out.
     */
    default boolean shows(long frame) {
        return true;
    }

    /**
     * tshark -2: the call just made for frame {@code frame} is one tshark's second pass does not
     * make (the frame carries the start or a part of a PDU the first pass saw end in a later
     * frame, which packet-tcp.c recognises before it would call the dissector), so what that call
     * would show in the frame's tree is dropped. By default nothing: a protocol that shows
     * nothing for bytes it asks more of needs no more.
     */
    default void uncall(long frame) {
    }

    /** Dissects {@code [off, off + len)} of {@code s}; see the interface's contract. */
    void dissect(MemorySegment s, long off, int len, PduContext ctx);
}
