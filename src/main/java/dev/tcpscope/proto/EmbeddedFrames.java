package dev.tcpscope.proto;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * A link-layer frame a protocol above TCP carries inside its own message (packet-openflow's
 * PACKET_IN and PACKET_OUT hand theirs to {@code eth_withoutfcs}), dissected under that
 * protocol's item by the same link and network layer builders the frame's own layers use. Those
 * builders are the present stage's: it installs itself as {@link #CURRENT} while it builds the
 * trees of the protocols above TCP, so that this package needs nothing from it. Elsewhere (a tree
 * built only for its fields, as for frame.protocols) {@link #NAMES} names the frame's protocols
 * and adds no item.
 */
public interface EmbeddedFrames {
    /**
     * Adds under {@code parent} the layers of the Ethernet frame without FCS at {@code off} of
     * {@code s}, {@code cap} bytes captured of {@code rep}, and names them in frame.protocols
     * ({@code protocols}). An exception inside it is shown there (packet-ethertype.c catches what
     * its payload throws).
     */
    void ethernet(Tree parent, MemorySegment s, long off, int cap, int rep, Consumer<String> protocols);

    /** Names the frame's protocols only. */
    EmbeddedFrames NAMES = new EmbeddedNames();

    /** Leaves the Source and Destination columns as the frame at {@code off} leaves pinfo's addresses. */
    static void addresses(MemorySegment s, long off, int cap, int rep, dev.tcpscope.tcp.AppColumns col) {
        EmbeddedNames.addresses(s, off, cap, rep, col);
    }

    /** The builder of the tree being built on this thread. */
    ThreadLocal<EmbeddedFrames> CURRENT = ThreadLocal.withInitial(() -> NAMES);
}
