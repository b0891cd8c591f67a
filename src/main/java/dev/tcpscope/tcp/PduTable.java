package dev.tcpscope.tcp;

/**
 * Which {@link PduDissector} TCP hands a segment's payload to: Wireshark's {@code tcp.port}
 * dissector table and its "tcp" heuristic list (packet-tcp.c {@code decode_tcp_ports}).
 * Built in {@code dev.tcpscope.proto}; {@link #NONE} dissects nothing above TCP.
 */
public interface PduTable {
    /** The dissector registered (or decoded-as) for {@code port}, or null. */
    PduDissector byPort(int port);

    /** The heuristic dissectors, tried in order when neither port has one. */
    PduDissector[] heuristics();

    /**
     * Whether a dissector made the conversation of a connection between these ports before it
     * began (TcpAnalyzer.Precreated): packet-ftp.c's data conversation of a PASV or EPSV answer.
     */
    default boolean precreated(int srcPort, int dstPort) {
        return false;
    }

    /** The registered dissector whose filter name is {@code name} (one a protocol calls by name), or null. */
    default PduDissector byName(String name) { return null; }

    /** Whether TCP desegments for its subdissectors ({@code tcp.desegment_tcp_streams}, default true). */
    default boolean desegment() { return true; }

    /**
     * Whether the frames are dissected with a tree, as tshark does when a display or read filter,
     * details, fields or coloring need one; without, some dissectors read less (file-jpeg.c's
     * {@code if (!tree) return;}) and so stop short less often. False by default: the packet list.
     */
    default boolean tree() { return false; }

    /**
     * The dissector a UDP datagram from {@code srcPort} to {@code dstPort} goes to (Wireshark's
     * {@code udp.port} table and "udp" heuristics, packet-udp.c {@code decode_udp_ports}), or null
     * for none: the payload stays data.
     */
    default PduDissector forDatagram(int srcPort, int dstPort, java.lang.foreign.MemorySegment s, long off, int len) {
        return null;
    }

    /** Whether a dissector owns {@code udp.port == port} (registered or decoded-as, not a heuristic). */
    default boolean claimsUdpPort(int port) {
        return false;
    }

    /**
     * As {@link #forDatagram(int, int, java.lang.foreign.MemorySegment, long, int)}, knowing the
     * datagram's conversation key: a dissector a heuristic made the conversation's
     * ({@code conversation_set_dissector}) takes it first, as packet-udp.c tries the conversation first.
     */
    default PduDissector forDatagram(int srcPort, int dstPort, long conversation, java.lang.foreign.MemorySegment s, long off, int len) {
        return forDatagram(srcPort, dstPort, s, off, len);
    }

    /**
     * As {@link #forDatagram(int, int, long, java.lang.foreign.MemorySegment, long, int)}, knowing
     * the datagram's endpoints from {@code c} ({@link PduContext#source}, {@link PduContext#sourceHost}
     * ...): a conversation a protocol announced with one port unknown (packet-tftp.c's
     * {@code conversation_new} with {@code NO_PORT2}) takes it first.
     */
    default PduDissector forDatagram(PduContext c, java.lang.foreign.MemorySegment s, long off, int len) {
        return forDatagram(c.srcPort, c.dstPort, c.conversation, s, off, len);
    }

    /**
     * The dissector UDP tries after {@code declined}, chosen by a datagram's lower port, took
     * nothing: the higher port's (packet-udp.c's decode_udp_ports tries the low port, then the
     * high one), or null.
     */
    default PduDissector afterDeclined(PduDissector declined, int srcPort, int dstPort) {
        return null;
    }

    /**
     * The conversation the last datagram's dissector announced ({@link UdpKeys#announced}), or 0;
     * asking clears it. UDP's own conversations then number the announced one's datagrams as one
     * stream, as packet-udp.c finds the announced conversation for them.
     */
    default long takeAnnounced() { return 0; }

    /**
     * A second conversation between the last datagram's two endpoints that its dissector created
     * ({@link UdpKeys#announced} of the source and destination endpoints), or 0; asking clears it.
     * packet-snmp.c makes one at a pair's first SNMP datagram; Wireshark 4.0 finds the newest
     * conversation of a key first, so the pair's later datagrams start a new {@code udp.stream}.
     */
    default long takeWildcard() { return 0; }

    /**
     * For {@code -T fields}: names, in {@code frame.protocols} order, the protocols above TCP that
     * show something in {@code frame} (the frame just decoded), and hands {@code data} the bytes
     * of each data item they show (packet-data.c's, for {@code data.data}). None by default.
     */
    default void above(long frame, java.util.function.Consumer<String> protocols, Bytes data) { }

    /** Where bytes go: a memory, an offset in it and a length. */
    @FunctionalInterface
    interface Bytes {
        void add(java.lang.foreign.MemorySegment s, long offset, int length);
    }

    /** No protocol above TCP. */
    PduTable NONE = new PduTable() {
        @Override
        public PduDissector byPort(int port) { return null; }

        @Override
        public PduDissector[] heuristics() { return new PduDissector[0]; }
    };
}
