package dev.tcpscope.proto.enip;

import dev.tcpscope.proto.Tvb;

/**
 * tvb_new_subset_length as Wireshark 4.0 makes it: a subset may announce more bytes than its
 * parent holds (a CPF item longer than its message). Its "contained length" is what the parent
 * holds; a read past it but within the subset's own length is a ContainedBoundsError, shown as
 * "[Malformed Packet: length of contained item exceeds length of containing item]".
 */
final class SubTvb extends Tvb {
    /** The message tshark appends to "Malformed Packet" for a ContainedBoundsError. */
    static final String CONTAINED = "length of contained item exceeds length of containing item";

    /** The exception of a read past the contained length. */
    static final class Contained extends RuntimeException {
        static final Contained INSTANCE = new Contained();

        private Contained() {
            super(null, null, false, false);
        }
    }

    private final int contained;

    private SubTvb(Tvb parent, int off, int len, int contained) {
        super(parent.s, parent.base + off, Math.max(0, Math.min(len, parent.cap - off)), Math.max(0, len), parent.fragment);
        this.contained = contained;
    }

    /** {@code len} bytes from {@code off} of {@code parent}; throws as Wireshark does for an offset past it. */
    static Tvb of(Tvb parent, int off, int len) {
        if (off < 0 || off > parent.rep) {
            throw Tvb.Stop.MALFORMED;
        }
        if (off > parent.cap) {
            throw parent.fragment ? Tvb.Stop.FRAGMENT : Tvb.Stop.SHORT;
        }
        int parentContained = parent instanceof SubTvb p ? p.contained : parent.rep;
        int contained = Math.max(0, Math.min(Math.max(0, len), parentContained - off));
        return new SubTvb(parent, off, len, contained);
    }

    @Override
    public void need(int off, int len) {
        long end = (long) off + len;
        if (off >= 0 && len >= 0 && end > cap && end > contained && end <= rep) {
            throw Contained.INSTANCE;
        }
        super.need(off, len);
    }
}
