package dev.tcpscope.present;

import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Reassembly;

import java.lang.foreign.MemorySegment;

/**
 * The fragment tree of an IP layer whose fragment completed its datagram, as Wireshark's
 * {@code show_fragment_tree} builds it (epan/reassemble.c) for packet-ip.c and packet-ipv6.c:
 * "[N IPv4 Fragments (M bytes): #a(x), #b(y)]" with one item per fragment, its flags when it
 * overlapped or ran long, the count, and the reassembled length and bytes. The upper layer is
 * then dissected over the reassembled bytes (see {@link Reassembly}).
 *
 * <p>In one pass an earlier fragment does not yet know where its datagram will be complete; in
 * a second one ({@code -2}) it shows "[Reassembled IPv4 in frame: N]" instead.
 *
 * <p>The same tree for a PDU TCP reassembled (packet-tcp.c's {@code print_tcp_fragment_tree}):
 * "[N Reassembled TCP Segments (M bytes): #a(x), ...]" at the top of the packet's tree, right
 * behind the TCP item, see {@link #tcpSegments}.
 */
final class ReassemblyDetails {
    private ReassemblyDetails() { }

    /** Adds the fragment tree under {@code ip}, the item of layer {@code i}, when that layer completed a datagram. */
    static void add(Details x, DetailNode ip, int i) {
        Reassembly r = x.d.reassembly();
        if (r == null) {
            if (x.d.reassembledIn > 0 && i == x.d.count() - 1 && !x.inErrorPacket(i)) {
                String in = Long.toString(x.d.reassembledIn);
                boolean v6 = x.d.proto(i) == Proto.IPV6;
                ip.field(v6 ? "ipv6.reassembled.in" : "ip.reassembled_in",
                        "Reassembled " + (v6 ? "IPv6" : "IPv4") + " in frame: " + in, in).generated();
            }
            return;
        }
        if (r.layer() != i) {
            return;
        }
        boolean v6 = r.v6();
        String p = v6 ? "ipv6" : "ip";
        String name = v6 ? "IPv6" : "IPv4";
        MemorySegment s = r.segment();
        long off = r.offset();
        int len = r.length();
        int count = r.count();
        StringBuilder title = new StringBuilder(64).append(count).append(' ').append(name)
                .append(count == 1 ? " Fragment" : " Fragments").append(" (").append(len).append(Details.bytes(len))
                .append("): ");
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                title.append(", ");
            }
            title.append('#').append(r.frame(k)).append('(').append(r.length(k)).append(')');
        }
        String label = Labels.clip(title.toString());
        // ip.fragments is FT_BYTES (JSON shows the datagram), ipv6.fragments FT_NONE.
        DetailNode tree = (v6 ? ip.none(p + ".fragments", label)
                : ip.field(p + ".fragments", label, Labels.hexColons(s, off, len))).generated().at(s, off, len);
        for (int k = 0; k < count; k++) {
            fragment(tree, p, r, k).at(s, off + r.offset(k), r.length(k));
        }
        tree.field(p + ".fragment.count", "Fragment count: " + count, Integer.toString(count)).generated();
        tree.field(p + ".reassembled.length", "Reassembled " + name + " length: " + len, Integer.toString(len))
                .generated();
        tree.field(p + ".reassembled.data", Labels.truncated("Reassembled " + name + " data", Labels.hexShort(s, off, len)),
                Labels.hexColons(s, off, len)).generated().at(s, off, len);
    }

    /**
     * Adds the segment tree of the PDU {@code r} (null: none) under {@code root}: {@code tcp.segments}
     * (FT_NONE), one {@code tcp.segment} per segment in offset order, the count and the PDU's
     * length and bytes; a segment that overlaps those before it gets {@code [Segment overlap:
     * True]}. Conflicting overlaps are not told apart, so the error variants of show_fragment()
     * do not arise.
     */
    static void tcpSegments(DetailNode root, dev.tcpscope.tcp.Desegmenter.Reassembled r) {
        if (r == null) {
            return;
        }
        int count = r.count();
        int len = r.length();
        StringBuilder title = new StringBuilder(64).append(count)
                .append(count == 1 ? " TCP Segment" : " Reassembled TCP Segments").append(" (").append(len)
                .append(Details.bytes(len)).append("): ");
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                title.append(", ");
            }
            title.append('#').append(r.frame(k)).append('(').append(r.segmentLength(k)).append(')');
        }
        MemorySegment s = r.bytes();
        // the items lie in the "Reassembled TCP" data source: the segment tree over all of it,
        // each segment over its part
        DetailNode tree = root.none("tcp.segments", Labels.clip(title.toString())).generated().at(s, 0, len);
        for (int k = 0; k < count; k++) {
            int off = r.segmentOffset(k);
            int n = r.segmentLength(k);
            String frame = Integer.toString(r.frame(k));
            String label = n == 0 ? "Frame: " + frame + " (no data)"
                    : "Frame: " + frame + ", payload: " + off + "-" + (off + n - 1) + " (" + n + Details.bytes(n) + ")";
            DetailNode segment = tree.field("tcp.segment", label, frame).generated().at(s, off, n);
            if (r.overlaps(k)) {
                segment.field("tcp.segment.overlap", "Segment overlap: True", "1").generated();
            }
        }
        tree.field("tcp.segment.count", "Segment count: " + count, count).generated();
        tree.field("tcp.reassembled.length", "Reassembled TCP length: " + len, len).generated();
        tree.hexField("tcp.reassembled.data", Labels.truncated("Reassembled TCP Data", Labels.hexShort(s, 0, len)), s, 0, len)
                .generated().at(s, 0, len);
    }

    private static DetailNode fragment(DetailNode tree, String p, Reassembly r, int k) {
        int flags = r.flags(k);
        int off = r.offset(k);
        int len = r.length(k);
        String frame = Long.toString(r.frame(k));
        String label = len == 0 ? "Frame: " + frame + " (no data)"
                : "Frame: " + frame + ", payload: " + off + "-" + (off + len - 1) + " (" + len + Details.bytes(len) + ")";
        String key = (flags & Reassembly.ERRORS) != 0 ? p + ".fragment.error" : p + ".fragment";
        DetailNode item = tree.field(key, label, frame).generated();
        flag(item, flags, Reassembly.OVERLAP, p + ".fragment.overlap", "Fragment overlap");
        flag(item, flags, Reassembly.OVERLAP_CONFLICT, p + ".fragment.overlap.conflict",
                "Conflicting data in fragment overlap");
        flag(item, flags, Reassembly.MULTIPLE_TAILS, p + ".fragment.multipletails", "Multiple tail fragments found");
        flag(item, flags, Reassembly.TOO_LONG, p + ".fragment.toolongfragment", "Fragment too long");
        return item;
    }

    private static void flag(DetailNode item, int flags, int bit, String key, String name) {
        if ((flags & bit) != 0) {
            item.field(key, name + ": True", "1").generated();
        }
    }
}
