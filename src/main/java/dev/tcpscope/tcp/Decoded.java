package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.EtherTrailer;

/**
 * What the packet list reads of one decoded frame: the {@link Decoder} right after it decoded
 * the frame, or a {@link FrameCopy} of that moment, which another thread may list while the
 * decoder goes on.
 */
public interface Decoded {
    /** The frame. */
    Frame frame();

    /** Its layers. */
    Dissection dissection();

    /** The analysis of its TCP segment, or null. */
    TcpRecord tcp();

    /** What the protocols above TCP or UDP wrote in its columns, or null. */
    AppColumns appColumns();

    /** The echo matching's answer about it ({@link IcmpEchoes#about}). */
    IcmpEchoes echoes();

    /** What follows its EtherType payload, as far as the Info column shows it. */
    EtherTrailer.Outcome trailerOutcome();

    /** Whether the protocols build a tree for it (a filter, details or fields want one). */
    boolean treeWanted();

    /**
     * The first TSNs of the frame's SCTP half association and of its peer ({@code SctpTsns}),
     * -1 where tshark shows no relative TSN.
     */
    default long[] sctpBases() {
        return new long[] {-1, -1};
    }
}
