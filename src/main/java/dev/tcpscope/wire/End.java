package dev.tcpscope.wire;

/** Why dissection of a frame stopped where it did. */
public enum End {
    /** Every layer we know was dissected; any rest is payload ("data"). */
    COMPLETE,
    /**
     * The last layer's header runs past the captured bytes but not past the reported length:
     * the frame was cut by a snap length (tshark: "[Packet size limited during capture]").
     */
    CAPTURE_SHORT,
    /** The last layer's header runs past the reported length (tshark: "[Malformed Packet]"). */
    REPORTED_SHORT,
    /** The last layer's header has an impossible value (see {@link Dissection#bogus}). */
    BOGUS,
    /** An EtherType (or SLL protocol) we do not dissect; see {@link Dissection#etherType}. */
    UNKNOWN_ETHERTYPE,
    /** An IP protocol we do not dissect; see {@link Dissection#ipProto}. */
    UNKNOWN_IP_PROTO,
    /** An IP fragment whose datagram is not (yet) reassembled. */
    IP_FRAGMENT,
    /** A link type we do not dissect. */
    UNSUPPORTED_LINK,
    /** Null/loopback header with an address family we do not dissect. */
    UNKNOWN_FAMILY
}
