package dev.tcpscope.wire;

import dev.tcpscope.frame.Frame;

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

    /** Splits what follows the EtherType payload of {@code f}, dissected as {@code d}. */
    public EtherTrailer compute(Frame f, Dissection d) {
        outcome = Outcome.NONE;
        layer = -1;
        tagged = false;
        padding = 0;
        trailer = 0;
        maybePadded = false;
        fcs = false;
        int el = etherLayer(d);
        int next = el + 1;
        int payloadEnd;
        if (el >= 0 && d.ieee8023 && d.proto(el) == Proto.ETH && d.segment(el) == f.segment()) {
            // an IEEE 802.3 header's length field ends its payload (the layer was cut to it)
            payloadEnd = (int) (d.offset(el) - f.offset()) + d.reported(el);
        } else {
            if (el < 0 || next >= d.count() || d.segment(next) != f.segment()) {
                return this;
            }
            int length = switch (d.proto(next)) {
                case IPV4, IPV6 -> d.reported(next);
                case ARP -> arpLength(d, next);
                default -> -1;
            };
            if (length < 0) {
                return this;
            }
            payloadEnd = (int) (d.offset(next) - f.offset()) + length;
        }
        int frameLen = f.originalLength();
        int trailerReported = frameLen - payloadEnd;
        int trailerCaptured = f.capturedLength() - payloadEnd;
        if (trailerReported <= 0 || trailerCaptured <= 0) {
            return this; // no trailer, or none of it captured (Wireshark shows nothing then)
        }
        layer = el;
        tagged = d.proto(el) == Proto.VLAN;
        start = f.offset() + payloadEnd;
        outcome = Outcome.OK;
        maybePadded = frameLen >= MIN_FRAME && frameLen - trailerReported < MIN_FRAME;
        if (maybePadded) {
            int pad = MIN_FRAME - (frameLen - trailerReported);
            for (int k = 0; k < pad; k++) {
                if (k >= trailerCaptured) {
                    outcome = Outcome.TRUNCATED; // the zero check reads past the captured bytes
                    return this;
                }
                if (Bytes.u8(f.segment(), start + k) != 0) {
                    pad = 0;
                    break;
                }
            }
            padding = pad;
        }
        int tCap = trailerCaptured - padding;
        int tRep = trailerReported - padding;
        int fcsLength = tagged ? 0 : f.fcsLength();
        int etherReported = (int) (frameLen - (d.offset(el) - f.offset()));
        if (fcsLength != 0 && (fcsLength == 4 || etherReported >= 64 && tRep >= 4)) {
            if (tRep < 4) {
                outcome = Outcome.MALFORMED; // only with an FCS the file promises
                return this;
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
                return this;
            }
            fcs = true;
            return this;
        }
        trailer = tCap;
        return this;
    }

    /** The last Ethernet II header or VLAN tag in front of the payload, or -1. */
    private static int etherLayer(Dissection d) {
        int el = -1;
        for (int i = 0; i < d.count(); i++) {
            Proto p = d.proto(i);
            if (p == Proto.ETH) {
                if (d.captured(i) < Ethernet.HEADER_LENGTH) {
                    return -1;
                }
                if (Ethernet.isLength(Ethernet.type(d.segment(i), d.offset(i)))) {
                    return i == 0 && d.ieee8023 ? i : -1; // IEEE 802.3: the payload ends the layer
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

    /** Where the bytes after the payload start, in the frame's segment. */
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
