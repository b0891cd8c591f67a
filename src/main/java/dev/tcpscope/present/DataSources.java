package dev.tcpscope.present;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.wire.Reassembly;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data sources of one frame, in the order Wireshark's dissectors add them
 * ({@code pinfo->data_src}): the frame's bytes, a reassembled IP datagram, a reassembled TCP PDU,
 * then what the protocols above TCP add (HTTP's de-chunked and uncompressed bodies). {@code -x}
 * dumps each; {@code -T json -x}, {@code -T pdml} and the web view place each tree item within
 * the one that holds its bytes ({@link #locate}).
 */
public final class DataSources {
    /** One source: its name as {@code -x} heads it, and its bytes. */
    public record Source(String name, MemorySegment segment, long offset, int length) { }

    private final List<Source> sources = new ArrayList<>(2);
    /** Bytes items may lie in that are no source of the frame (a PDU TCP reassembled and then dropped). */
    private final List<Source> unlisted = new ArrayList<>(0);

    /** The sources of the frame {@code decoder} has just decoded. */
    public static DataSources of(Decoder decoder) {
        DataSources d = new DataSources();
        Frame f = decoder.frame();
        d.sources.add(new Source("Frame", f.segment(), f.offset(), f.capturedLength()));
        Reassembly r = decoder.dissection().reassembly();
        if (r != null) {
            d.sources.add(new Source(r.sourceName(), r.segment(), r.offset(), r.length()));
        }
        var x = decoder.dissection();
        for (int i = 0; x.anyInflated() && i < x.count(); i++) {
            byte[] inflated = x.inflated(i);
            if (inflated != null) {
                d.sources.add(new Source("IPcomp inflated data", MemorySegment.ofArray(inflated), 0, inflated.length));
            }
        }
        var g = decoder.desegmented();
        Desegmenter.Reassembled pdu = g == null ? null : g.reassembledSource();
        if (pdu != null) {
            d.sources.add(new Source("Reassembled TCP", pdu.bytes(), 0, pdu.length()));
        } else if (g != null && g.reassembledUnkept() != null) {
            Desegmenter.Reassembled u = g.reassembledUnkept();
            d.unlisted.add(new Source("Reassembled TCP", u.bytes(), 0, u.length()));
        }
        for (Map.Entry<String, byte[]> e : Details.aboveSources(decoder)) {
            byte[] b = e.getValue();
            d.sources.add(new Source(e.getKey(), MemorySegment.ofArray(b), 0, b.length));
        }
        for (byte[] b : Details.aboveUnlisted(decoder)) {
            d.unlisted.add(new Source("", MemorySegment.ofArray(b), 0, b.length));
        }
        return d;
    }

    /** One source alone: a frame's bytes for a hand-made tree. */
    static DataSources single(String name, MemorySegment s, long off, int len) {
        DataSources d = new DataSources();
        d.sources.add(new Source(name, s, off, len));
        return d;
    }

    /** The sources in order; the frame's is first. */
    public List<Source> list() { return sources; }

    /**
     * The index of the source that holds the byte at {@code off} of {@code s}, or -1: the one
     * over the same memory (the same array, or native memory) whose range contains it. The end
     * of a source counts as inside it, for an empty item right after the last byte.
     */
    public int locate(MemorySegment s, long off) {
        long at = s.address() + off;
        for (int k = 0; k < sources.size(); k++) {
            Source src = sources.get(k);
            MemorySegment m = src.segment;
            if (m.isNative() != s.isNative() || !m.heapBase().equals(s.heapBase())) {
                continue;
            }
            long start = m.address() + src.offset;
            if (at >= start && at <= start + src.length) {
                return k;
            }
        }
        return -1;
    }

    /** The unlisted bytes ({@link #unlisted}) that hold the byte at {@code off} of {@code s}, or null. */
    public Source unlisted(MemorySegment s, long off) {
        long at = s.address() + off;
        for (Source src : unlisted) {
            MemorySegment m = src.segment;
            if (m.isNative() == s.isNative() && m.heapBase().equals(s.heapBase())
                    && at >= m.address() + src.offset && at <= m.address() + src.offset + src.length) {
                return src;
            }
        }
        return null;
    }

    /** The position of the byte at {@code off} of {@code s} within source {@code k} ({@link #locate}). */
    public int position(int k, MemorySegment s, long off) {
        Source src = sources.get(k);
        return (int) (s.address() + off - src.segment.address() - src.offset);
    }
}
