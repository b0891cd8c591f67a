package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * The fields of TCP's desegmentation (packet-tcp.c's {@code desegment_tcp} and its
 * {@code tcp_segment_items}, shown by epan/reassemble.c's {@code show_fragment_tree}):
 * {@code tcp.segment_data} for the bytes of a segment that went into a PDU (or were
 * retransmitted), {@code tcp.reassembled_in} on an earlier segment of a PDU (tshark's second
 * pass only), and, in the frame that completed a PDU, {@code tcp.segments} with one
 * {@code tcp.segment} per segment, their count and the PDU's length and bytes. All are read
 * from the {@link Desegmenter}'s results for the current frame.
 *
 * <p>{@code tcp.segment.overlap} marks a segment that overlaps those before it; the other segment
 * flags ({@code tcp.segment.overlap.conflict} ...) are registered, with tshark's names and types,
 * so filters naming them compile, but never present (see docs/REASSEMBLY.md).
 */
final class TcpReassemblyFields {
    private TcpReassemblyFields() { }

    static List<Field> all() {
        return List.of(
                Field.of("tcp.segment.overlap", "Segment overlap", BOOLEAN, (d, v) -> {
                    Desegmenter.Reassembled r = reassembled(d);
                    if (r != null) {
                        for (int i = 0; i < r.count(); i++) {
                            if (r.overlaps(i)) {
                                v.addLong(1);
                            }
                        }
                    }
                }),
                Field.of("tcp.segment.overlap.conflict", "Conflicting data in segment overlap", BOOLEAN, (d, v) -> { }),
                Field.of("tcp.segment.multipletails", "Multiple tail segments found", BOOLEAN, (d, v) -> { }),
                Field.of("tcp.segment.toolongfragment", "Segment too long", BOOLEAN, (d, v) -> { }),
                Field.integer("tcp.segment.error", "Reassembling error", FRAMENUM, 32, Base.DEC, (d, v) -> { }),
                Field.integer("tcp.segment.count", "Segment count", UINT, 32, Base.DEC, (d, v) -> {
                    Desegmenter.Reassembled r = reassembled(d);
                    if (r != null) {
                        v.addLong(r.count());
                    }
                }),
                Field.integer("tcp.segment", "TCP Segment", FRAMENUM, 32, Base.DEC, (d, v) -> {
                    Desegmenter.Reassembled r = reassembled(d);
                    if (r != null) {
                        for (int i = 0; i < r.count(); i++) {
                            v.addLong(r.frame(i));
                        }
                    }
                }),
                Field.of("tcp.segments", "Reassembled TCP Segments", NONE, (d, v) -> {
                    if (reassembled(d) != null) {
                        v.addPresent();
                    }
                }),
                Field.integer("tcp.reassembled_in", "Reassembled PDU in frame", FRAMENUM, 32, Base.DEC, (d, v) -> {
                    Desegmenter g = d.desegmented();
                    if (g != null && g.handled()) {
                        for (int i = 0; i < g.items(); i++) {
                            if (g.item(i) == Desegmenter.Item.REASSEMBLED_IN) {
                                v.addLong(g.itemOffset(i));
                            }
                        }
                    }
                }),
                Field.integer("tcp.reassembled.length", "Reassembled TCP length", UINT, 32, Base.DEC, (d, v) -> {
                    Desegmenter.Reassembled r = reassembled(d);
                    if (r != null) {
                        v.addLong(r.length());
                    }
                }),
                Field.of("tcp.reassembled.data", "Reassembled TCP Data", BYTES, (d, v) -> {
                    Desegmenter.Reassembled r = reassembled(d);
                    if (r != null) {
                        v.addBytes(r.bytes(), 0, r.length());
                    }
                }),
                Field.of("tcp.segment_data", "TCP segment data", BYTES, (d, v) -> segmentData(d, v::addBytes)));
    }

    private static Desegmenter.Reassembled reassembled(Decoder d) {
        Desegmenter g = d.desegmented();
        return g == null ? null : g.reassembled();
    }

    /** Where segment data goes: a memory, an offset in it and a length. */
    @FunctionalInterface
    interface Sink {
        void add(MemorySegment s, long offset, int length);
    }

    /**
     * Each {@code tcp.segment_data} of the current frame, in order: what {@code desegment_tcp}
     * showed for a conversation with a dissector above TCP, else (no dissector: the bytes go to
     * {@code data}) only a retransmission's bytes, which {@code desegment_tcp} shows as
     * "Retransmitted TCP segment data" before anything else.
     */
    static void segmentData(Decoder d, Sink sink) {
        TcpRecord r = d.tcp();
        if (r == null || !r.optionsComplete || !r.haveSegmentLength || (r.flags & Tcp.RST) != 0) {
            return;
        }
        int layer = d.tcpLayer();
        var x = d.dissection();
        int captured = x.captured(layer) - r.headerLength;
        if (captured <= 0) {
            return;
        }
        MemorySegment s = x.segment(layer);
        long at = x.offset(layer) + r.headerLength;
        Desegmenter g = d.desegmented();
        if (g != null && g.handled()) {
            for (int i = 0; i < g.items(); i++) {
                if (g.item(i) != Desegmenter.Item.REASSEMBLED_IN) {
                    int off = g.itemOffset(i);
                    int len = Math.min(g.itemLength(i), captured - off);
                    if (len > 0) {
                        sink.add(s, at + off, len);
                    }
                }
            }
            return;
        }
        boolean canDesegment = d.desegmenting() && !x.fragmented && x.captured(layer) >= x.reported(layer);
        if (canDesegment && r.analysed && !r.has(TcpRecord.KEEP_ALIVE) && !r.has(TcpRecord.SPURIOUS_RETRANSMISSION)
                && r.has(TcpRecord.RETRANSMISSION)) {
            sink.add(s, at, captured);
        }
    }
}
