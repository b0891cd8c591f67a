package dev.tcpscope.wire;

import dev.tcpscope.frame.Frame;

import java.lang.foreign.MemorySegment;

/**
 * The bytes of an Ethernet frame after its EtherType payload, split the way Wireshark 4.0's
 * {@code add_ethernet_trailer()} (packet-eth.c) splits them: zero padding up to the 60-byte
 * minimum frame, then a trailer, then a 4-byte frame check sequence when the file says there is
 * one or, when it does not say, when the frame is long enough to have one. The payload's end is
 * where its own length field puts it (an IPv4 total length, an ARP message's size, an IEEE 802.3
 * header's length); a payload
 * that fills the frame leaves no trailer.
 *
 * <p>Wireshark reads these bytes after the payload's dissector has run and outside its
 * exception handler, so when padding or the FCS it expects was not captured the frame ends with
 * an exception of the EtherType dissector: {@link Outcome#TRUNCATED} ("[Packet size limited
 * during capture: Ethertype truncated]"), or {@link Outcome#MALFORMED} for an FCS the file
 * promises that does not fit. An 802.1Q or 802.1ad tag tells its payload's EtherType dissector
 * that there is no FCS (packet-vlan.c, packet-ieee8021ah.c), so a trailer after a tag never
 * ends with one.
 *
 * <p>Reused from frame to frame; {@link #compute} allocates nothing.
 */
public final class EtherTrailer {
    /** How reading the trailer ended. */
    public enum Outcome {
        /** There is no trailer (or no Ethernet II header). */
        NONE,
        /** The padding, trailer and FCS that exist were all read. */
        OK,
        /** Bytes Wireshark reads were cut by the snap length. */
        TRUNCATED,
        /** An FCS the file promises does not fit in what follows the payload. */
        MALFORMED
    }

    /** The smallest Ethernet frame without its FCS, up to which padding may go. */
    private static final int MIN_FRAME = 60;

    private Outcome outcome = Outcome.NONE;
    private int layer = -1;
    private boolean tagged;
    private long start;
    private int padding;
    private int trailer;
    private boolean maybePadded;
    private boolean fcs;

    /**
     * Splits what follows the EtherType payload of {@code f}, dissected as {@code d}. An
     * Ethernet frame carried in a tunnel (GRE's transparent bridging, ERSPAN) has a trailer of
     * its own, inside the tunnel's payload, which is what this describes when there is one
     * (both at once are not described: the outer one is then left out).
     */
    public EtherTrailer compute(Frame f, Dissection d) {
        int inner = -1;
        for (int i = d.count() - 1; i > 0; i--) {
            if (d.proto(i) == Proto.ETH && (d.proto(i - 1) == Proto.GRE || d.proto(i - 1) == Proto.ERSPAN)) {
                inner = i;
                break;
            }
        }
        if (inner > 0) {
            // packet-eth.c's "without FCS" handle: the tunnel says there is none
            // the frame is what the tunnel layer before it holds (its own layer may be cut to an 802.3 length)
            long end = d.offset(inner - 1) - d.offset(inner);
            compute(d, inner, (int) (end + d.reported(inner - 1)), (int) (end + d.captured(inner - 1)), 0,
                    f.originalLength());
            if (outcome != Outcome.NONE) {
                return this;
            }
        }
        if (d.count() > 0 && d.offset(0) == f.offset()) {
            compute(d, 0, f.originalLength(), f.capturedLength(), f.fcsLength(), f.originalLength());
        } else {
            compute(d, -1, 0, 0, 0, 0);
        }
        return this;
    }

    /**
     * Splits what follows the EtherType payload of an Ethernet frame without FCS that another
     * protocol carries ({@code d}, dissected by Dissector.embedded), {@code frameLen} bytes long and
     * {@code frameCap} captured, in a packet of {@code packetLen} bytes.
     */
    public EtherTrailer computeEmbedded(Dissection d, int frameLen, int frameCap, int packetLen) {
        compute(d, d.count() > 0 ? 0 : -1, frameLen, frameCap, 0, packetLen);
        return this;
    }

    /**
     * Splits what follows the payload of the Ethernet frame whose header is layer {@code g},
     * {@code frameLen} bytes long on the wire and {@code frameCap} captured, with an FCS of
     * {@code fcsLength} bytes (-1: unknown, guessed from the frame's size). Whether there may be
     * padding is decided on the length of the whole packet, {@code packetLen}, as packet-eth.c
     * does (pinfo's frame length), also for a frame inside a tunnel, whose zeros then show as
     * trailer.
     */
    private void compute(Dissection d, int g, int frameLen, int frameCap, int fcsLength, int packetLen) {
        outcome = Outcome.NONE;
        layer = -1;
        tagged = false;
        padding = 0;
        trailer = 0;
        maybePadded = false;
        fcs = false;
        if (g < 0) {
            return;
        }
        int el = etherLayer(d, g);
        int next = el + 1;
        long frameStart = d.offset(g);
        int payloadEnd;
        if (el >= 0 && (el == d.count() - 1 || d.proto(el + 1) == Proto.LLC) && d.ieee8023 && lengthField(d, el)) {
            // an IEEE 802.3 length field ends its payload (the header's layer was cut to it)
            payloadEnd = (int) (d.offset(el) - frameStart) + d.reported(el);
        } else {
            if (el < 0 || next >= d.count() || d.segment(next) != d.segment(g)) {
                return;
            }
            int length = switch (d.proto(next)) {
                case IPV4, IPV6, PTP, LLDP -> d.reported(next);
                case ARP -> arpLength(d, next);
                // packet-mpls.c cuts its own length to the IP datagram's, as IP does
                case MPLS -> next + 1 < d.count() && (d.proto(next + 1) == Proto.IPV4 || d.proto(next + 1) == Proto.IPV6)
                        ? (int) (d.offset(next + 1) - d.offset(next)) + d.reported(next + 1) : -1;
                default -> -1;
            };
            if (length < 0) {
                return;
            }
            payloadEnd = (int) (d.offset(next) - frameStart) + length;
        }
        int trailerReported = frameLen - payloadEnd;
        int trailerCaptured = frameCap - payloadEnd;
        if (trailerReported <= 0 || trailerCaptured <= 0) {
            return; // no trailer, or none of it captured (Wireshark shows nothing then)
        }
        MemorySegment s = d.segment(g);
        layer = el;
        tagged = d.proto(el) == Proto.VLAN;
        start = frameStart + payloadEnd;
        outcome = Outcome.OK;
        maybePadded = packetLen >= MIN_FRAME && packetLen - trailerReported < MIN_FRAME;
        if (maybePadded) {
            int pad = MIN_FRAME - (packetLen - trailerReported);
            for (int k = 0; k < pad; k++) {
                if (k >= trailerCaptured) {
                    outcome = Outcome.TRUNCATED; // the zero check reads past the captured bytes
                    return;
                }
                if (Bytes.u8(s, start + k) != 0) {
                    pad = 0;
                    break;
                }
            }
            padding = pad;
        }
        int tCap = trailerCaptured - padding;
        int tRep = trailerReported - padding;
        if (tagged) {
            fcsLength = 0;
        }
        int etherReported = (int) (frameLen - (d.offset(el) - frameStart));
        if (fcsLength != 0 && (fcsLength == 4 || etherReported >= 64 && tRep >= 4)) {
            if (tRep < 4) {
                outcome = Outcome.MALFORMED; // only with an FCS the file promises
                return;
            }
            if (tCap < tRep) {
                tRep -= 4;
                tCap = Math.min(tCap, tRep);
            } else {
                tCap -= 4;
            }
            trailer = tCap;
            if (trailerCaptured < padding + tCap + 4) {
                outcome = Outcome.TRUNCATED;
                return;
            }
            fcs = true;
            return;
        }
        trailer = tCap;
    }

    /** The last Ethernet II header or VLAN tag in front of the payload, from layer {@code g} on, or -1. */
    private static int etherLayer(Dissection d, int g) {
        int el = -1;
        for (int i = g; i < d.count(); i++) {
            Proto p = d.proto(i);
            if (p == Proto.ETH) {
                if (i > g) {
                    return el; // a frame inside a tunnel: the caller looks at it on its own
                }
                if (d.captured(i) < Ethernet.HEADER_LENGTH) {
                    return -1;
                }
                if (Ethernet.isLength(Ethernet.type(d.segment(i), d.offset(i)))) {
                    return d.ieee8023 ? i : -1; // IEEE 802.3: the payload ends the layer
                }
                el = i;
            } else if (p == Proto.VLAN) {
                if (d.captured(i) < Vlan.HEADER_LENGTH) {
                    return el; // the tag is cut short: the trailer check follows its Ethernet header
                }
                el = i;
            } else {
                return el;
            }
        }
        return el;
    }

    /** Whether Ethernet header or VLAN tag {@code i} ends with an 802.3 length instead of an EtherType. */
    private static boolean lengthField(Dissection d, int i) {
        return d.proto(i) == Proto.ETH ? Ethernet.isLength(Ethernet.type(d.segment(i), d.offset(i)))
                : d.captured(i) >= Vlan.HEADER_LENGTH && Vlan.type(d.segment(i), d.offset(i)) <= Ethernet.MAX_802_3_LENGTH;
    }

    /** An ARP message's size when all of it was captured (its dissector then sets it), else -1. */
    private static int arpLength(Dissection d, int i) {
        if (d.captured(i) < 8) {
            return -1;
        }
        int need = 8 + 2 * (Bytes.u8(d.segment(i), d.offset(i) + 4) + Bytes.u8(d.segment(i), d.offset(i) + 5));
        return d.captured(i) >= need ? need : -1;
    }

    /** How reading the trailer ended. */
    public Outcome outcome() { return outcome; }

    /** The layer (Ethernet header or VLAN tag) whose tree holds the items, or -1 without a trailer. */
    public int layer() { return layer; }

    /** Whether that layer is a VLAN tag (802.1Q or 802.1ad) rather than the Ethernet header. */
    public boolean tagged() { return tagged; }

    /** Where the bytes after the payload start, in the frame's segment (also an inner frame's). */
    public long start() { return start; }

    /** Bytes of zero padding ({@code eth.padding}), 0 when there is none. */
    public int padding() { return padding; }

    /** Captured bytes of the trailer after the padding ({@code eth.trailer}), 0 when there is none. */
    public int trailer() { return trailer; }

    /**
     * Whether the frame is one Ethernet may have padded (60 bytes or more, with a payload that
     * ends before byte 60): a trailer without zero padding then gets Wireshark's note.
     */
    public boolean maybePadded() { return maybePadded; }

    /** Whether a frame check sequence follows the trailer ({@code eth.fcs}), at {@link #fcsOffset()}. */
    public boolean hasFcs() { return fcs; }

    /** Where the frame check sequence is, in the frame's segment. */
    public long fcsOffset() { return start + padding + trailer; }
}
