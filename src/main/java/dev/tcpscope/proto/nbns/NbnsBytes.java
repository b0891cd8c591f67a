package dev.tcpscope.proto.nbns;

import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;

/**
 * An NBNS message's bytes, checked in tvbuff.c's order: an offset past the captured bytes but
 * within the reported ones is a cut capture (BoundsError) whatever the length asked for, before
 * the end of the range is looked at. packet-nbt.c asks for ranges that start there (an NBSTAT
 * record's "incomplete entry" past a cut name table), where {@link Tvb#need} would find the end
 * past the message first.
 */
final class NbnsBytes extends Tvb {
    NbnsBytes(MemorySegment s, long base, int cap, int rep, boolean fragment) {
        super(s, base, cap, rep, fragment);
    }

    @Override
    public void need(int off, int len) {
        if (off > cap && off <= rep && len >= 0) {
            throw fragment ? Stop.FRAGMENT : Stop.SHORT;
        }
        super.need(off, len);
    }
}
