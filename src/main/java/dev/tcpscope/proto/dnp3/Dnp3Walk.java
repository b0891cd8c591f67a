package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * One link frame as packet-dnp.c's dissect_dnp3_message (Wireshark 4.0.17) walks it: the data
 * link header (start bytes, length, control byte, addresses, header CRC), then for the functions
 * that carry user data the transport byte and the 16-byte data chunks each followed by its CRC
 * (a bad CRC ends the chunks and drops the fragment), then the reassembly items and the
 * application layer ({@link Dnp3App}) of a message this frame completed, or the fragment's bytes.
 * The first pass ({@link #link}) writes Info and keeps the fragment; {@link #tree} builds the items.
 */
final class Dnp3Walk {
    static final Registry REGISTRY = Registry.load(Dnp3Walk.class, "dnp3");
    /** DL_FUNC_LINK_STAT, DL_FUNC_STAT_LINK, DL_FUNC_RESET_LINK and DL_FUNC_ACK carry no user data. */
    private static final int LINK_STAT = 9, STAT_LINK = 11, RESET_LINK = 0;

    private final Dnp3.Msg m;
    private final Tvb t;
    private final Tree root;
    private final Consumer<String> protocols;
    boolean trFir, trFin;
    int trSeq;

    Dnp3Walk(Dnp3.Msg m, Tree root, Consumer<String> protocols) {
        this.m = m;
        this.t = m.t;
        this.root = root;
        this.protocols = protocols;
    }

    /** The first pass: Info through {@code cols}, the fragment into the message when its CRCs are good. */
    void link(Cols cols) {
        walk(Tree.NOTHING, cols);
    }

    /** The items of the link frame; how the walk ended. */
    LayerTree.End tree() {
        protocols.accept("dnp3");
        try {
            // dissect_dnp3_message reads the header before it adds its item: a cut header shows none
            for (int i = 2; i < 8; i++) {
                t.u8(i);
            }
        } catch (Tvb.Stop stop) {
            return stop.end();
        } catch (Dnp3.Contained c) {
            return LayerTree.End.MALFORMED;
        }
        Tree dnp = root.protocol("dnp3", "Distributed Network Protocol 3.0");
        t.at(dnp, 0, Math.max(0, t.cap));
        try {
            int end = walk(dnp, null);
            dnp.length(end);
            return LayerTree.End.OK;
        } catch (Tvb.Stop stop) {
            return stop.end();
        } catch (Dnp3.Contained c) {
            return LayerTree.End.MALFORMED;
        }
    }

    private static String ctlText(int ctl, String func) {
        StringBuilder sb = new StringBuilder();
        boolean prm = (ctl & 0x40) != 0;
        if ((ctl & 0x80) != 0) {
            sb.append("DIR, ");
        }
        if (prm) {
            sb.append("PRM, ");
        }
        if ((ctl & 0x20) != 0) {
            sb.append(prm ? "FCB, " : "RES, ");
        }
        if ((ctl & 0x10) != 0) {
            sb.append(prm ? "FCV, " : "DFC, ");
        }
        return sb.append(func).toString();
    }

    static String func(int ctl) {
        boolean prm = (ctl & 0x40) != 0;
        String n = REGISTRY.value(prm ? "dnp3.ctl.prifunc" : "dnp3.ctl.secfunc", ctl & 0x0f);
        return n != null ? n : String.format("Unknown function (0x%02x)", ctl & 0x0f);
    }

    /** The walk; returns the frame's length as dissect_dnp3_message sets it. */
    private int walk(Tree dnp, Cols info) {
        int dlLen = t.u8(2);
        int ctl = t.u8(3);
        int dst = t.u8(4) | t.u8(5) << 8;
        int src = t.u8(6) | t.u8(7) << 8;
        int fn = ctl & 0x0f;
        String func = func(ctl);
        if (info != null) {
            info.append("from " + src + " to " + dst);
            info.appendSeparated("len=" + dlLen + ", " + func);
        }
        linkLayer(dnp, dlLen, ctl, dst, src, func);
        int offset = Dnp3.HDR;
        if (fn == LINK_STAT || fn == STAT_LINK || fn == RESET_LINK) {
            return offset;
        }
        return transport(dnp, info, dlLen, offset);
    }

    /*
     * walk is cut in four (linkLayer, transport, application): each label's string concatenation
     * is a call site that C1 inlines whole, and the method in one piece took 14 MB to compile with
     * C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The data link layer's header under {@code dnp}. */
    private void linkLayer(Tree dnp, int dlLen, int ctl, int dst, int src, String func) {
        boolean prm = (ctl & 0x40) != 0;
        Tree dl = t.at(dnp.text("Data Link Layer, Len: " + dlLen + ", From: " + src + ", To: " + dst + ", " + ctlText(ctl, func)), 0, Dnp3.HDR);
        uint(dl, "dnp3.start", 0, 2, t.u16(0));
        uint(dl, "dnp3.len", 2, 1, dlLen);
        Tree c = t.at(dl.field("dnp3.ctl", "Control: " + String.format("0x%02x", ctl) + " (" + ctlText(ctl, func) + ")",
                String.format("0x%02x", ctl)), 3, 1);
        flag(c, "dnp3.ctl.dir", 3, ctl, 8);
        flag(c, "dnp3.ctl.prm", 3, ctl, 8);
        if (prm) {
            flag(c, "dnp3.ctl.fcb", 3, ctl, 8);
            flag(c, "dnp3.ctl.fcv", 3, ctl, 8);
            masked(c, "dnp3.ctl.prifunc", 3, ctl, 8);
        } else {
            flag(c, "dnp3.ctl.dfc", 3, ctl, 8);
            masked(c, "dnp3.ctl.secfunc", 3, ctl, 8);
        }
        uint(dl, "dnp3.dst", 4, 2, dst);
        t.at(dl.hidden("dnp3.addr", Integer.toString(dst)), 4, 2);
        uint(dl, "dnp3.src", 6, 2, src);
        t.at(dl.hidden("dnp3.addr", Integer.toString(src)), 6, 2);
        int calc = Crc.dnp(t.s, t.base, Dnp3.HDR - 2);
        checksum(dl, "dnp3.hdr.CRC", "dnp.hdr.CRC.status", "dnp3.hdr.CRC.incorrect", 8, calc);
    }

    /** The transport control and the data chunks from {@code offset}, then the application layer; returns the offset after. */
    private int transport(Tree dnp, Cols info, int dlLen, int offset) {
        int tr = t.u8(offset);
        trSeq = tr & 0x3f;
        trFir = (tr & 0x40) != 0;
        trFin = (tr & 0x80) != 0;
        Tree tc = t.at(dnp.field("dnp3.tr.ctl", "Transport Control: " + String.format("0x%02x", tr)
                + (trFin ? ", Final" : "") + (trFir ? ", First" : "") + "(" + (trFir ? "FIR, " : "") + (trFin ? "FIN, " : "")
                + "Sequence " + trSeq + ")", String.format("0x%02x", tr)), offset, 1);
        flag(tc, "dnp3.tr.fin", offset, tr, 8);
        flag(tc, "dnp3.tr.fir", offset, tr, 8);
        masked(tc, "dnp3.tr.seq", offset, tr, 8);
        int dataStart = offset;
        Tree data = t.at(dnp.text("Data Chunks"), offset, Math.max(0, t.cap - offset));
        int dataLen = (dlLen - 5) & 0xff;
        byte[] al = new byte[dataLen];
        int alLen = 0;
        int skip = 1;
        boolean crcOk = false;
        for (int i = 0; dataLen > 0; i++) { // each chunk takes at least one byte: the loop ends
            int size = Math.min(dataLen, 16);
            t.need(offset, size);
            MemorySegment.copy(t.s, java.lang.foreign.ValueLayout.JAVA_BYTE, t.base + offset + skip, al, alLen, size - skip);
            alLen += size - skip;
            Tree chunk = t.at(data.text("Data Chunk: " + i), offset, size + 2);
            t.at(chunk.bytes("dnp.data_chunk", "Data Chunk", t.s, t.base + offset, size), offset, size);
            t.at(chunk.field("dnp.data_chunk_len", "Data Chunk length: " + size, Integer.toString(size)).generated(), offset, 0);
            int crc = Crc.dnp(t.s, t.base + offset, size);
            offset += size;
            int actual = checksum(chunk, "dnp.data_chunk.CRC", "dnp.data_chunk.CRC.status", "dnp3.data_chunk.CRC.incorrect", offset, crc);
            offset += 2;
            crcOk = crc == actual;
            if (!crcOk) {
                break;
            }
            dataLen -= size;
            skip = 0;
        }
        data.length(offset - dataStart);
        if (!crcOk) {
            return offset;
        }
        return application(dnp, info, al, alLen, offset);
    }

    /** The application layer's fragment, reassembled or not; returns {@code offset}. */
    private int application(Tree dnp, Cols info, byte[] al, int alLen, int offset) {
        byte[] fragment = java.util.Arrays.copyOf(al, alLen);
        if (info != null) {
            m.fragment = fragment;
            return offset;
        }
        if (m.done != null) {
            MemorySegment r = MemorySegment.ofArray(m.done.bytes());
            fragments(dnp, m.done, r);
            new Dnp3App(m.done.bytes(), dnp).walk(null);
        } else {
            byte[] kept = m.fragment != null ? m.fragment : fragment; // the bytes unlistedSources hands on
            MemorySegment f = MemorySegment.ofArray(kept);
            if (m.reassembledIn != 0) {
                dnp.field("dnp3.al.fragment.reassembled_in", "Reassembled PDU In Frame: " + m.reassembledIn,
                        Integer.toString(m.reassembledIn)).generated().at(f, 0, 0);
            }
            dnp.bytes("dnp3.al.frag_data", "DNP3.0 AL Fragment Data", f, 0, kept.length).at(f, 0, kept.length);
        }
        return offset;
    }

    /**
     * show_fragment_seq_tree: "[N DNP 3.0 AL Fragments (B bytes): #frame(len), ...]", each part
     * with its place in the message, a duplicate with its overlap flags, the count and the length.
     */
    private static void fragments(Tree parent, Reassembly.Done done, MemorySegment r) {
        int total = done.bytes().length;
        int count = done.parts().size();
        StringBuilder label = new StringBuilder().append(count).append(' ')
                .append(count == 1 ? "DNP 3.0 AL Fragment" : "DNP 3.0 AL Fragments")
                .append(" (").append(total).append(total == 1 ? " byte)" : " bytes)");
        boolean firstPart = true;
        for (Reassembly.Part p : done.parts()) {
            label.append(firstPart ? ": " : ", ").append('#').append(p.frame()).append('(').append(p.length()).append(')');
            firstPart = false;
        }
        String l = label.length() > 239 ? label.substring(0, 239) : label.toString();
        Tree t = parent.none("dnp3.al.fragments", l).generated().at(r, 0, total);
        for (Reassembly.Part p : done.parts()) {
            int n = p.length();
            // show_fragment: a fragment whose data conflicts is shown under the error field
            Tree f = t.field(p.conflict() ? "dnp3.al.fragment.error" : "dnp3.al.fragment", "Frame: " + p.frame() + ", payload: " + p.offset() + "-" + (p.offset() + n - 1)
                    + " (" + n + (n == 1 ? " byte)" : " bytes)"), Integer.toString(p.frame())).generated()
                    .at(r, Math.min(p.offset(), total), Math.max(0, Math.min(n, total - p.offset())));
            if (p.overlap()) {
                f.field("dnp3.al.fragment.overlap", "Fragment overlap: True", "1").generated();
                if (p.conflict()) {
                    f.field("dnp3.al.fragment.overlap.conflict", "Conflicting data in fragment overlap: True", "1").generated();
                }
            }
        }
        t.field("dnp3.al.fragment.count", "Fragment count: " + count, Integer.toString(count)).generated();
        t.field("dnp3.al.fragment.reassembled.length", "Reassembled DNP length: " + total, Integer.toString(total)).generated();
    }

    // ---- items as proto.c labels them ----------------------------------------------------------

    /** proto_tree_add_checksum with PROTO_CHECKSUM_VERIFY: the value read, its status and, when bad, the expert item. */
    private int checksum(Tree parent, String name, String status, String expert, int off, int calc) {
        int v = t.u8(off) | t.u8(off + 1) << 8;
        String hex = String.format("0x%04x", v);
        String title = REGISTRY.row(name).title();
        if (v == calc) {
            t.at(parent.field(name, title + ": " + hex + " [correct]", hex), off, 2);
            t.at(parent.field(status, REGISTRY.row(status).title() + ": Good", "1").generated(), off, 0);
        } else {
            Tree item = t.at(parent.field(name, title + ": " + hex + " incorrect, should be " + String.format("0x%04x", calc), hex), off, 2);
            t.at(parent.field(status, REGISTRY.row(status).title() + ": Bad", "0").generated(), off, 0);
            item.expert(expert, Tree.Severity.WARNING, Tree.Group.CHECKSUM,
                    REGISTRY.row(expert).title() + " [should be " + String.format("0x%04x", calc) + "]");
        }
        return v;
    }

    private void uint(Tree parent, String name, int off, int len, long v) {
        Registry.Row r = REGISTRY.row(name);
        String value = r.hex() ? hex(v, r.bits()) : Long.toString(v);
        t.at(parent.field(name, r.title() + ": " + value, value), off, len);
    }

    static String hex(long v, int bits) {
        String h = Long.toHexString(v);
        int digits = Math.max(bits / 4, 1);
        return "0x" + "0".repeat(Math.max(digits - h.length(), 0)) + h;
    }

    /** A boolean bit of {@code v} ({@code width} bits wide), labelled with its true/false string. */
    private void flag(Tree parent, String name, int off, int v, int width) {
        Registry.Row r = REGISTRY.row(name);
        boolean set = (v & r.mask()) != 0;
        t.at(parent.field(name, Text.bits(v, (int) r.mask(), width) + " = " + r.title() + ": " + REGISTRY.tfs(name, set),
                set ? "1" : "0"), off, width / 8).bitmask(r.mask());
    }

    /** An integer bitfield of {@code v}: "..00 0111 = Sequence: 7" or with its value's name. */
    private void masked(Tree parent, String name, int off, int v, int width) {
        Registry.Row r = REGISTRY.row(name);
        int mask = (int) r.mask();
        int value = (v & mask) >>> Integer.numberOfTrailingZeros(mask);
        String n = REGISTRY.name(name, value);
        t.at(parent.field(name, Text.bits(v, mask, width) + " = " + r.title() + ": " + (n == null ? Integer.toString(value) : n + " (" + value + ")"),
                Integer.toString(value)), off, width / 8).bitmask(mask);
    }
}
