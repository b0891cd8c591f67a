package dev.tcpscope.wire;

import dev.tcpscope.frame.Frame;

import java.lang.foreign.MemorySegment;

/**
 * The layers of one frame: which protocol starts where, and how many of its bytes were
 * captured and reported. Filled by {@link Dissector} and reused for every frame, so that
 * dissection allocates nothing.
 *
 * <p>Each layer is described the way Wireshark's tvbuff chain describes it: {@code captured}
 * is how many bytes from the layer's first byte are in the capture, {@code reported} how many
 * were on the wire as far as the enclosing headers say (an IPv4 total length trims the Ethernet
 * padding away, for instance). A header that runs past {@code captured} but not past
 * {@code reported} was cut by the snap length; one that runs past {@code reported} is malformed.
 */
public final class Dissection {
    /**
     * Most layers a frame can have (Ethernet, two VLAN tags, IP in IP in IP, transport...; a
     * VXLAN tunnel adds four: UDP, VXLAN, Ethernet, IP). Deeper layers are cut off.
     */
    public static final int MAX_LAYERS = 24;

    private MemorySegment segment = MemorySegment.NULL;
    private final MemorySegment[] segments = new MemorySegment[MAX_LAYERS];
    private final Proto[] proto = new Proto[MAX_LAYERS];
    private final long[] offset = new long[MAX_LAYERS];
    private final int[] captured = new int[MAX_LAYERS];
    private final int[] reported = new int[MAX_LAYERS];
    private final int[] ipv6Upper = new int[MAX_LAYERS];
    private final int[] ipv6Destination = new int[MAX_LAYERS];
    private final int[] ipv6Source = new int[MAX_LAYERS];
    private int count;

    /** Why dissection stopped. */
    public End end = End.COMPLETE;
    /** With {@link End#BOGUS}: the value that was impossible (a version, a header length...). */
    public int bogus;
    /** With {@link End#BOGUS}: which check failed. */
    public Bogus bogusKind = Bogus.NONE;
    /** The last EtherType / SLL protocol / length seen ({@link End#UNKNOWN_ETHERTYPE}). */
    public int etherType;
    /** Whether the last Ethernet header carried an 802.3 length instead of an EtherType. */
    public boolean ieee8023;
    /** The upper-layer protocol number of the innermost IP header (after IPv6 extension headers). */
    public int ipProto = -1;
    /** Byte offset of the IPv6 fragment header when the innermost IPv6 packet has one, else -1. */
    public long ipv6FragmentHeader = -1;
    /**
     * The transport layer came from the first fragment of an IP datagram that is not reassembled
     * (Wireshark's {@code pinfo->fragmented}): its length is unknown.
     */
    public boolean fragmented;
    /** The last IP layer was reassembled from fragments; the transport layer's segment is a buffer. */
    public boolean reassembled;
    /** With {@link #reassembled}: the datagram this frame completed (what it was made of, its bytes). */
    private Reassembly reassembly;
    /**
     * By layer: what an IPComp layer's payload inflated to ({@link Proto#IPCOMP}), or null; each
     * a data source of its own, tshark's "IPcomp inflated data", holding the layers after it.
     */
    private final byte[][] inflated = new byte[MAX_LAYERS][];
    /** Whether any entry of {@link #inflated} is set. */
    private boolean anyInflated;
    /**
     * In a second pass, for a frame whose fragment (the last IP layer) did not complete its
     * datagram: the frame that did, as the first pass saw it; else 0.
     */
    public long reassembledIn;
    /**
     * With {@link End#REPORTED_SHORT}: the header that ran out stayed within its own length
     * field but past the packet's (tshark: "[Malformed Packet: length of contained item exceeds
     * length of containing item]").
     */
    public boolean containedShort;
    /**
     * The version nibble of an IPv6 header inside IP (next header 41) that is not 6, or -1:
     * packet-ipv6.c then adds its item with the version and an error, and the outer IP layer
     * ends as for an unknown protocol (Info "Unknown IP Protocol: IPv6 (41)", data after it).
     */
    public int nestedIpv6Version = -1;
    /** The value of a null/loopback header: an address family, or an EtherType ({@link NullLink#family}). */
    public long family;

    /** Impossible header values, each printed its own way by tshark. */
    public enum Bogus {
        NONE,
        /** IPv4 header whose version nibble is not 4. */
        IPV4_VERSION,
        /** IPv4 IHL below 5. */
        IPV4_HEADER_LENGTH,
        /** IPv4 total length below the header length. */
        IPV4_TOTAL_LENGTH,
        /** IPv6 header whose version nibble is not 6. */
        IPV6_VERSION,
        /** Raw IP whose version nibble is neither 4 nor 6. */
        RAW_VERSION,
        /** TCP data offset below 5. */
        TCP_HEADER_LENGTH
    }

    public void reset(Frame f) {
        reset(f.segment());
    }

    /** Forgets the layers, for bytes of {@code segment}. */
    public void reset(java.lang.foreign.MemorySegment seg) {
        segment = seg;
        count = 0;
        quote = null;
        end = End.COMPLETE;
        bogus = 0;
        bogusKind = Bogus.NONE;
        etherType = 0;
        ieee8023 = false;
        ipProto = -1;
        ipv6FragmentHeader = -1;
        family = 0;
        fragmented = false;
        reassembled = false;
        reassembly = null;
        if (anyInflated) {
            java.util.Arrays.fill(inflated, null);
            anyInflated = false;
        }
        reassembledIn = 0;
        containedShort = false;
        nestedIpv6Version = -1;
    }

    void reassembly(Reassembly r) {
        reassembled = true;
        reassembly = r;
    }

    /**
     * The IP datagram this frame's last fragment completed, or null. Its bytes are a second data
     * source besides the frame (tshark's "Reassembled IPv4"), in which the layers after the IP
     * layer {@link Reassembly#layer()} lie.
     */
    public Reassembly reassembly() { return reassembly; }

    void inflated(int layer, byte[] b) {
        inflated[layer] = b;
        anyInflated = true;
    }

    /** The bytes IPComp layer {@code layer} inflated to, or null ({@link #inflated}). */
    public byte[] inflated(int layer) { return inflated[layer]; }

    /** Whether an IPComp layer of this frame inflated its payload. */
    public boolean anyInflated() { return anyInflated; }

    /** Adds a layer; returns its index, or -1 when there is no room (the frame is then cut there). */
    int push(Proto p, MemorySegment seg, long off, int cap, int rep) {
        if (count == MAX_LAYERS) {
            return -1;
        }
        segments[count] = seg;
        proto[count] = p;
        offset[count] = off;
        captured[count] = Math.max(0, cap);
        reported[count] = Math.max(0, rep);
        ipv6Upper[count] = Ipv6.HEADER_LENGTH;
        ipv6Destination[count] = Ipv6.DST;
        ipv6Source[count] = Ipv6.SRC;
        return count++;
    }

    /** Narrows the last layer, when a length field inside it says it is shorter. */
    void setLast(int cap, int rep) {
        captured[count - 1] = Math.max(0, cap);
        reported[count - 1] = Math.max(0, rep);
    }

    /** Records what the extension header walk of the last layer (IPv6) found. */
    void setIpv6Chain(int upper, int source, int destination) {
        ipv6Upper[count - 1] = upper;
        ipv6Source[count - 1] = source;
        ipv6Destination[count - 1] = destination;
    }

    /**
     * For an IPv6 layer: where its upper-layer header starts after the extension headers
     * (relative to the layer), or where the walk over them stopped.
     */
    public int ipv6Upper(int i) { return ipv6Upper[i]; }

    /**
     * For an IPv6 layer: where (relative to the layer) the address it is finally bound for is,
     * the last hop of a routing header with segments left, else the header's destination.
     */
    public int ipv6Destination(int i) { return ipv6Destination[i]; }

    /**
     * For an IPv6 layer: where (relative to the layer) the address it comes from is, as
     * Wireshark's {@code pinfo->src} has it: a Mobile IPv6 Home Address option's (RFC 6275
     * §6.3), which replaces the header's source, else the header's source.
     */
    public int ipv6Source(int i) { return ipv6Source[i]; }

    /** The frame's memory. */
    public MemorySegment segment() { return segment; }

    /**
     * The memory layer {@code i} is in: the frame's, or for a layer inside a reassembled IP
     * datagram, a buffer holding a copy of the IP header followed by the whole datagram.
     */
    public MemorySegment segment(int i) { return segments[i]; }

    public int count() { return count; }

    public Proto proto(int i) { return proto[i]; }

    public long offset(int i) { return offset[i]; }

    public int captured(int i) { return captured[i]; }

    public int reported(int i) { return reported[i]; }

    private Dissection quote;

    /**
     * The layers of the datagram quoted by the ICMP or ICMPv6 error message this frame ends
     * with, or null when it does not end with one. Wireshark dissects the quote inside the
     * message (with {@code in_error_pkt} set), so its fields follow the frame's own in the tree.
     * The quote's own {@link #quote()} is always null.
     */
    public Dissection quote() { return quote; }

    void setQuote(Dissection q) {
        quote = q;
    }

    /**
     * Notes in {@code c} the memory the packet list reads of the layers (and the quote's): the
     * frame's, {@code [frameStart, frameEnd)} of {@code frameMemory}, less a TCP or UDP payload
     * ({@link #listedEnd}); any other segment (a reassembled datagram, inflated bytes) from its
     * start, which holds the IP header read before a layer, to the end of its last layer.
     */
    public void gather(SegmentCopies c, MemorySegment frameMemory, long frameStart, long frameEnd) {
        c.need(frameMemory, frameStart, listedEnd(frameMemory, frameEnd));
        if (segment != frameMemory) {
            c.need(segment, 0, 0);
        }
        for (int i = 0; i < count; i++) {
            if (segments[i] != frameMemory) {
                c.need(segments[i], 0, offset[i] + captured[i]);
            }
        }
        if (quote != null) {
            quote.gather(c, frameMemory, frameStart, frameEnd);
        }
    }

    /**
     * Where the bytes the packet list reads of the frame end: {@code frameEnd}, but when the
     * last layer is a TCP or UDP header in the frame whose datagram runs to its end, the end of
     * that header (60 bytes at most; the payload's columns are text by then), which spares
     * copying payloads. Bytes after the datagram (an Ethernet trailer) keep the whole frame.
     */
    private long listedEnd(MemorySegment frameMemory, long frameEnd) {
        int i = count - 1;
        if (i < 0 || segments[i] != frameMemory || offset[i] + reported[i] < frameEnd) {
            return frameEnd;
        }
        int header = proto[i] == Proto.TCP ? 60 : proto[i] == Proto.UDP ? Udp.HEADER_LENGTH : -1;
        return header < 0 ? frameEnd : Math.min(frameEnd, offset[i] + Math.min(captured[i], header));
    }

    /**
     * Makes this a copy of {@code o} whose layers lie in the copies {@code c} made after
     * {@link #gather}: everything the packet list reads; the IP reassembly's record is left out
     * (its buffer is the reassembler's), and {@code quoteCopy} (may be null) receives the quote.
     */
    public void copyOf(Dissection o, SegmentCopies c, Dissection quoteCopy) {
        segment = c.to(o.segment);
        count = o.count;
        for (int i = 0; i < count; i++) {
            segments[i] = c.to(o.segments[i]);
            offset[i] = o.offset[i] - c.shift(o.segments[i]);
        }
        System.arraycopy(o.proto, 0, proto, 0, count);
        System.arraycopy(o.captured, 0, captured, 0, count);
        System.arraycopy(o.reported, 0, reported, 0, count);
        System.arraycopy(o.ipv6Upper, 0, ipv6Upper, 0, count);
        System.arraycopy(o.ipv6Destination, 0, ipv6Destination, 0, count);
        System.arraycopy(o.ipv6Source, 0, ipv6Source, 0, count);
        end = o.end;
        bogus = o.bogus;
        bogusKind = o.bogusKind;
        etherType = o.etherType;
        ieee8023 = o.ieee8023;
        ipProto = o.ipProto;
        int v6 = o.last(Proto.IPV6);
        ipv6FragmentHeader = o.ipv6FragmentHeader < 0 || v6 < 0 ? o.ipv6FragmentHeader
                : o.ipv6FragmentHeader - c.shift(o.segments[v6]);
        fragmented = o.fragmented;
        reassembled = o.reassembled;
        reassembly = null;
        System.arraycopy(o.inflated, 0, inflated, 0, MAX_LAYERS);
        anyInflated = o.anyInflated;
        reassembledIn = o.reassembledIn;
        containedShort = o.containedShort;
        nestedIpv6Version = o.nestedIpv6Version;
        family = o.family;
        if (o.quote != null && quoteCopy != null) {
            quoteCopy.copyOf(o.quote, c, null);
            quote = quoteCopy;
        } else {
            quote = null;
        }
    }

    /** Index of the last layer of this protocol, or -1. */
    public int last(Proto p) {
        for (int i = count - 1; i >= 0; i--) {
            if (proto[i] == p) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the last layer is complete, i.e. dissection did not stop inside it. */
    public boolean lastComplete() {
        return end != End.CAPTURE_SHORT && end != End.REPORTED_SHORT && end != End.BOGUS;
    }
}
