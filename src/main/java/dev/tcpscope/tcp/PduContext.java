package dev.tcpscope.tcp;

/**
 * What a {@link PduDissector} is told about the bytes it dissects and what it answers
 * (packet-tcp.c's {@code struct tcpinfo} and the {@code pinfo->desegment_*} pair). Reused.
 */
public final class PduContext {
    /** The conversation's session state ({@link PduDissector#newSession()}). */
    public Object session;
    /** The frame being dissected and its time (epoch ns). */
    public int frame;
    public long time;
    /** {@code tcp.stream} and whether the bytes go low→high in the conversation's key. */
    public int stream;
    public boolean forward;
    /** The relative sequence number of the first byte handed over. */
    public long seq;
    /** The segment carries FIN (end of stream), and whether the bytes were reassembled. */
    public boolean fin, reassembled;
    /**
     * In a second pass ({@code -2}), the reassembled bytes are a PDU the first pass reassembled
     * again in a later frame: tshark's second pass dissects a PDU only in the frame of its last
     * reassembly, so whatever the dissector shows here it does not show.
     */
    public boolean laterReassembly;
    /** Whether the dissector may ask for more bytes (false when the segment was cut short). */
    public boolean canDesegment;
    /** The segment's payload was cut short by the capture's snap length. */
    public boolean truncated;
    /** The source and destination ports of the segment. */
    public int srcPort, dstPort;
    /** The segment's urgent pointer when its URG flag is set (tcpinfo's flags and urgent_pointer), else -1. */
    public int urgentPointer = -1;
    /** Where the columns go. */
    public AppColumns columns;
    /**
     * A UDP datagram rather than TCP bytes (no desegmentation, no session; {@link #stream} is -1):
     * its payload's reported length (the bytes handed over are the captured ones), and a key of
     * its conversation (both addresses and ports, either direction).
     */
    public boolean datagram;
    public int reportedLength;
    public long conversation;
    /** A datagram's source and destination endpoints (address and port), each as a 64-bit key. */
    public long source, destination;
    /** A datagram's source and destination addresses alone (any port), each as a 64-bit key. */
    public long sourceHost, destinationHost;
    /**
     * A datagram's source address with another port, as a key like {@link #source} (a port mapper's
     * answer names the port its program listens on at the answering address).
     */
    public java.util.function.IntToLongFunction sourceEndpoint;
    /**
     * Where the segment's source IP address is ({@code pinfo->src}): its memory and offset, and 4
     * or 16 for its length (0: no IP layer). Read only by the few dissectors that show it (FTP's
     * EPSV answer), so nothing is made per segment.
     */
    public java.lang.foreign.MemorySegment sourceAddressSegment;
    public long sourceAddressOffset;
    public int sourceAddressLength;
    /** A datagram's addresses are IPv6 ones (Wireshark's {@code pinfo->dst.type == AT_IPv6}). */
    public boolean ipv6;
    /**
     * The bytes are the start of an IP fragment nothing reassembled (Wireshark's
     * {@code pinfo->fragmented}): reading past them is a FragmentBoundsError.
     */
    public boolean fragment;
    /** The answer: where an incomplete message starts and how much more it needs (0: none). */
    public int desegmentOffset, desegmentLength;
    /**
     * The answer of a protocol whose conversation turns into another after this frame (STARTTLS
     * acknowledged, packet-tls.c {@code ssl_starttls_ack}: the conversation's dissector becomes
     * TLS, which takes every later frame): that protocol's dissector, or null. Once a
     * conversation: a second hand-off is ignored, as {@code last_nontls_frame} is set only once.
     */
    public PduDissector handOff;
    /**
     * With {@link #handOff}, the state the new protocol's dissector already keeps for the
     * conversation (a dissector that handed these very bytes to it, as IMAP's TLS heuristic does
     * with ssl_starttls_post_ack), or null for {@link PduDissector#newSession(String)}'s.
     */
    public Object handOffSession;
    /**
     * The answer of a dissector that does not take the bytes (dissect_ssl returns 0 for four
     * printable bytes): after a hand-off TCP then gives them to the conversation's first protocol,
     * as packet-tcp.c tries the port's dissector when the conversation's declines.
     */
    public boolean declined;
    /**
     * With {@link #declined}: what the dissector wrote in the columns before it returned 0 stays
     * (packet-isakmp.c names ISAKMP and clears Info before it checks the length), while the
     * bytes go to data.
     */
    public boolean keepColumns;
    /**
     * The answer of a port's dissector that returns 0 for bytes that do not look like its
     * protocol (dissect_mbtcp): packet-tcp.c's decode_tcp_ports then tries the "tcp" heuristics,
     * and the one that takes the bytes takes the conversation (TLS's and HTTP's heuristics set
     * the conversation's dissector), the port's dissector getting what it declines afterwards.
     */
    public boolean tryHeuristics;
    /**
     * The answer of a dissector whose dissection ended on an exception (a malformed packet):
     * packet-tcp.c then adds nothing more for the segment (a reassembled PDU shows no reassembly
     * tree).
     */
    public boolean exception;
}
