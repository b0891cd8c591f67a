package dev.tcpscope.proto;

import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** What the protocols above TCP share beyond their own packages: the matched port, the data item, their fields' cache. */
public final class Items {
    private Items() { }

    /**
     * {@code pinfo->match_uint}: the port through which TCP found {@code d} (the lower port first,
     * as {@code tcp.Desegmenter} looks them up); a segment to it is the client's.
     */
    public static int matchPort(IntFunction<PduDissector> byPort, PduDissector d, int srcPort, int dstPort) {
        int low = Math.min(srcPort, dstPort);
        int high = Math.max(srcPort, dstPort);
        return low != 0 && byPort.apply(low) == d ? low : high;
    }

    /**
     * One PDU tcp_dissect_pdus handed to a dissector in the frame: its bytes ({@code rep} reported
     * from {@code base} of {@code s}), which of the frame's calls carried it, and whether that
     * call's bytes were a reassembled PDU.
     */
    public record PduSize(MemorySegment s, long base, int rep, int call, boolean reassembled) { }

    /**
     * tcp_dissect_pdus's "[PDU Size: N]" items under TCP for {@code pdus} (in the frame's order):
     * with {@code before}, those desegment_tcp adds before TCP's segment data (all of them, or,
     * when the first call got a reassembled PDU, that call's), else the later calls' ones, which
     * come after it ({@link LayerTree#underTcpAfterData}).
     */
    public static void pduSizes(Tree tcp, List<PduSize> pdus, boolean before) {
        if (pdus.isEmpty()) {
            return;
        }
        boolean split = pdus.get(0).reassembled();
        int firstCall = pdus.get(0).call();
        for (PduSize p : pdus) {
            if (before == (!split || p.call() == firstCall)) {
                tcp.field("tcp.pdu.size", "PDU Size: " + p.rep(), Integer.toString(p.rep())).generated().at(p.s(), p.base(), p.rep());
            }
        }
    }

    /** packet-data.c's item for {@code len} bytes: "Data (N bytes)", its bytes and length. */
    public static void data(Tree parent, MemorySegment s, long off, int len, Consumer<String> protocols) {
        if (len <= 0) {
            return;
        }
        protocols.accept("data");
        Tree d = parent.protocol("data", "Data (" + len + (len == 1 ? " byte)" : " bytes)")).dump(s, off, len).at(s, off, len);
        d.bytes("data.data", "Data", s, off, len);
        d.field("data.len", "Length: " + len, Integer.toString(len)).generated();
    }

    /** The fields of a protocol's tree for the frame being read, built once per frame when asked for. */
    public static final class Fields {
        private Collected collected;
        private long frame = -1;

        /** The collected items of {@code t} for {@code frame}, or null when it shows nothing there. */
        public Collected of(LayerTree t, long frame) {
            if (!t.shows(frame)) {
                return null;
            }
            if (frame != this.frame || collected == null) {
                collected = new Collected();
                this.frame = frame;
                t.tree(frame, collected, p -> { });
            }
            return collected;
        }
    }
}
