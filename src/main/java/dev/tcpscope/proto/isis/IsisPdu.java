package dev.tcpscope.proto.isis;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The fixed part of each IS-IS PDU type after the common header (ISO 10589 §9.6-9.11; RFC 5303
 * for the point-to-point Hello) as packet-isis-hello.c, -lsp.c and -snp.c show it, then its
 * CLVs through {@link IsisClv}. Info gets the PDU's identifiers as those dissectors append them.
 */
final class IsisPdu {
    private final Tvb t;
    private final Tree root;
    private final StringBuilder protocol;
    private final StringBuilder info;
    private final int type;
    private final int headerLength;
    private final int idLen;
    private final Tree liItem;

    IsisPdu(Tvb t, Tree root, StringBuilder protocol, StringBuilder info, int type, int headerLength, int idLen, Tree liItem) {
        this.t = t;
        this.root = root;
        this.protocol = protocol;
        this.info = info;
        this.type = type;
        this.headerLength = headerLength;
        this.idLen = idLen;
        this.liItem = liItem;
    }

    /**
     * Whether the length indicator covers the fixed part up to {@code upTo}: the dissectors check
     * it before each field and, when it does not, note it on the length indicator and stop.
     */
    private boolean covers(int upTo) {
        if (headerLength >= upTo) {
            return true;
        }
        liItem.expert("isis.length_indicator_too_small", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                "ISIS length indicator value smaller than the fixed length header size");
        return false;
    }

    /** An integer or boolean item of registry {@code r}'s field {@code name}: a value string's name, else the number. */
    static Tree item(Registry r, Tvb t, Tree parent, String name, int off, int len) {
        Registry.Row row = r.row(name);
        return r.integerItem(t, parent, row, off, len, (v, n) -> {
            String named = r.name(name, v); // a value string's or range string's name, or null
            return named != null ? named + " (" + n + ")" : n;
        });
    }

    /** An FT_SYSTEM_ID item of {@code len} bytes. */
    static Tree systemId(Tvb t, Tree parent, String key, String title, int off, int len) {
        String v = Isis.systemId(t, off, len);
        return t.at(parent.field(key, title + ": " + v, v), off, len);
    }

    private void columns(String name) {
        protocol.setLength(0);
        protocol.append(name);
    }

    /** packet-isis-hello.c: LAN (L1, L2) and point-to-point Hellos. */
    void hello() {
        columns("ISIS HELLO");
        Registry r = Isis.HELLO;
        Tree h = t.at(root.protocol("isis.hello", "ISIS HELLO"), Isis.HEADER, Math.max(0, t.cap - Isis.HEADER));
        int off = Isis.HEADER;
        item(r, t, h, "isis.hello.circuit_type", off, 1);
        item(r, t, h, "isis.hello.reserved", off, 1);
        off++;
        if (!covers(off + idLen)) {
            return;
        }
        String source = Isis.systemId(t, off, idLen);
        systemId(t, h, "isis.hello.source_id", "SystemID {Sender of PDU}", off, idLen);
        info.append(", System-ID: ").append(source);
        off += idLen;
        if (!covers(off + 2)) {
            return;
        }
        item(r, t, h, "isis.hello.holding_timer", off, 2);
        off += 2;
        if (!covers(off + 2)) {
            return;
        }
        int pduLength = t.u16(off);
        Tree pl = item(r, t, h, "isis.hello.pdu_length", off, 2);
        off += 2;
        if (!covers(off + 1)) {
            return;
        }
        if (type == Isis.P2P_HELLO) {
            item(r, t, h, "isis.hello.local_circuit_id", off, 1);
            off++;
        } else {
            int p = t.u8(off);
            t.at(h.field("isis.hello.priority", dev.tcpscope.proto.Text.bits(p, 0x7f, 8) + " = Priority: " + (p & 0x7f),
                    Integer.toString(p & 0x7f)).bitmask(0x7f), off, 1);
            t.at(h.field("isis.hello.reserved", dev.tcpscope.proto.Text.bits(p, 0x80, 8) + " = Reserved: " + (p >> 7),
                    Integer.toString(p >> 7)).bitmask(0x80), off, 1);
            off++;
            if (!covers(off + idLen + 1)) {
                return;
            }
            systemId(t, h, "isis.hello.lan_id", "SystemID {Designated IS}", off, idLen + 1);
            off += idLen + 1;
        }
        clvs(h, "isis.hello", off, pduLength, pl);
    }

    /** packet-isis-lsp.c: the LSP's fixed part, its checksum and type block. */
    void lsp() {
        columns("ISIS LSP");
        Registry r = Isis.LSP;
        Tree l = t.at(root.protocol("isis.lsp", "ISO 10589 ISIS Link State Protocol Data Unit"), Isis.HEADER,
                Math.max(0, t.cap - Isis.HEADER));
        int off = Isis.HEADER;
        if (!covers(off + 2)) {
            return;
        }
        int pduLength = t.u16(off);
        Tree pl = item(r, t, l, "isis.lsp.pdu_length", off, 2);
        off += 2;
        if (!covers(off + 2)) {
            return;
        }
        int life = t.u16(off);
        t.at(l.field("isis.lsp.remaining_life", "Remaining lifetime: " + life, Integer.toString(life)), off, 2);
        off += 2;
        int idOff = off;
        if (!covers(off + idLen + 2)) {
            return;
        }
        String lspId = Isis.systemId(t, off, idLen + 2);
        systemId(t, l, "isis.lsp.lsp_id", "LSP-ID", off, idLen + 2);
        off += idLen + 2;
        if (!covers(off + 4)) {
            return;
        }
        long seq = t.u32(off);
        item(r, t, l, "isis.lsp.sequence_number", off, 4);
        off += 4;
        info.append(", LSP-ID: ").append(lspId).append(String.format(", Sequence: 0x%08x, Lifetime: %5ds", seq, life));
        if (!covers(off + 2)) {
            return;
        }
        int checksum = t.u16(off);
        String hex = String.format("0x%04x", checksum);
        // the checksum covers the LSP from its LSP-ID to the PDU length (ISO 10589 §7.3.11)
        if (pduLength < headerLength || pduLength > t.cap || life == 0) {
            t.at(l.field("isis.lsp.checksum", "Checksum: " + hex + " [unverified]", hex), off, 2);
            t.at(l.field("isis.lsp.checksum.status", "Checksum Status: Unverified", "2"), off, 0).generated();
        } else {
            int should = fletcher(idOff, pduLength, off - idOff);
            if (should == checksum) {
                t.at(l.field("isis.lsp.checksum", "Checksum: " + hex + " [correct]", hex), off, 2);
                t.at(l.field("isis.lsp.checksum.status", "Checksum Status: Good", "1"), off, 0).generated();
            } else {
                String right = String.format("0x%04x", should);
                t.at(l.field("isis.lsp.checksum", "Checksum: " + hex + " incorrect, should be " + right, hex), off, 2)
                        .expert("isis.lsp.bad_checksum", Tree.Severity.ERROR, Tree.Group.CHECKSUM, "Bad checksum [should be " + right + "]");
                t.at(l.field("isis.lsp.checksum.status", "Checksum Status: Bad", "0"), off, 0).generated();
                info.append(" [ISIS CHECKSUM INCORRECT]");
            }
        }
        off += 2;
        if (!covers(off + 1)) {
            return;
        }
        int tb = t.u8(off);
        Tree b = t.at(l.text(String.format("Type block(0x%02x): Partition Repair:%d, Attached bits:%d, Overload bit:%d, IS type:%d",
                tb, tb >> 7, (tb >> 3) & 0xf, (tb >> 2) & 1, tb & 3)), off, 1);
        item(r, t, b, "isis.lsp.partition_repair", off, 1);
        Tree att = item(r, t, b, "isis.lsp.att", off, 1);
        item(r, t, att, "isis.lsp.error_metric", off, 1);
        item(r, t, att, "isis.lsp.expense_metric", off, 1);
        item(r, t, att, "isis.lsp.delay_metric", off, 1);
        item(r, t, att, "isis.lsp.default_metric", off, 1);
        item(r, t, b, "isis.lsp.overload", off, 1);
        item(r, t, b, "isis.lsp.is_type", off, 1);
        off++;
        clvs(l, "isis.lsp", off, pduLength, pl);
    }

    /**
     * The ISO 8473 (Annex C) checksum that makes the Fletcher sums of [from, to) zero, the two
     * checksum bytes at {@code at} from {@code from} counted as zero.
     */
    private int fletcher(int from, int to, int at) {
        long c0 = 0;
        long c1 = 0;
        for (int i = from; i < to; i++) {
            int b = i == from + at || i == from + at + 1 ? 0 : t.u8(i);
            c0 = (c0 + b) % 255;
            c1 = (c1 + c0) % 255;
        }
        int len = to - from;
        long x = ((len - at - 1) * c0 - c1) % 255;
        if (x <= 0) {
            x += 255;
        }
        long y = (510 - c0 - x) % 255;
        if (y <= 0) {
            y += 255;
        }
        return (int) (x << 8 | y);
    }

    /** The start both sequence-number PDUs share: their tree, where their own part goes on, the PDU length and its item. */
    private record Snp(Tree tree, int off, int pduLength, Tree lengthItem) { }

    /**
     * packet-isis-snp.c's common start of a CSNP or PSNP ({@code proto} "isis.csnp" or
     * "isis.psnp"): the PDU length, the source ID and its circuit; null when the bytes end first.
     */
    private Snp snp(String column, Registry r, String proto, String title) {
        columns(column);
        Tree tree = t.at(root.protocol(proto, title), Isis.HEADER, Math.max(0, t.cap - Isis.HEADER));
        int off = Isis.HEADER;
        if (!covers(off + 2)) {
            return null;
        }
        int pduLength = t.u16(off);
        Tree pl = item(r, t, tree, proto + ".pdu_length", off, 2);
        off += 2;
        if (!covers(off + idLen + 1)) {
            return null;
        }
        String source = Isis.systemId(t, off, idLen + 1);
        systemId(t, tree, proto + ".source_id", "Source-ID", off, idLen);
        off += idLen;
        circuit(tree, proto + ".source_circuit", off);
        off++;
        info.append(", Source-ID: ").append(source);
        return new Snp(tree, off, pduLength, pl);
    }

    /** packet-isis-snp.c: the CSNP's source and LSP-ID range. */
    void csnp() {
        Snp h = snp("ISIS CSNP", Isis.CSNP, "isis.csnp", "ISO 10589 ISIS Complete Sequence Numbers Protocol Data Unit");
        if (h == null) {
            return;
        }
        Tree c = h.tree();
        int off = h.off();
        if (!covers(off + idLen + 2)) {
            return;
        }
        String start = Isis.systemId(t, off, idLen + 2);
        systemId(t, c, "isis.csnp.start_lsp_id", "Start LSP-ID", off, idLen + 2);
        off += idLen + 2;
        info.append(", Start LSP-ID: ").append(start);
        if (!covers(off + idLen + 2)) {
            return;
        }
        String end = Isis.systemId(t, off, idLen + 2);
        systemId(t, c, "isis.csnp.end_lsp_id", "End LSP-ID", off, idLen + 2);
        off += idLen + 2;
        info.append(", End LSP-ID: ").append(end);
        clvs(c, "isis.csnp", off, h.pduLength(), h.lengthItem());
    }

    /** packet-isis-snp.c: the PSNP's source. */
    void psnp() {
        Snp h = snp("ISIS PSNP", Isis.PSNP, "isis.psnp", "ISO 10589 ISIS Partial Sequence Numbers Protocol Data Unit");
        if (h != null) {
            clvs(h.tree(), "isis.psnp", h.off(), h.pduLength(), h.lengthItem());
        }
    }

    private void circuit(Tree parent, String key, int off) {
        String v = String.format("%02x", t.u8(off));
        t.at(parent.field(key, "Source-ID-Circuit: " + v, v), off, 1);
    }

    /** The CLVs from {@code off} to the PDU length (or the captured end), checked as the dissectors check the length. */
    private void clvs(Tree parent, String prefix, int off, int pduLength, Tree pduItem) {
        if (pduLength < headerLength) {
            pduItem.expert(prefix.equals("isis.hello") ? "isis.lsp.hello_pdu" : prefix + ".short_pdu", Tree.Severity.ERROR,
                    Tree.Group.MALFORMED, "PDU length less than header length");
            return;
        }
        // the dissectors walk PDU length minus the length indicator from where the fixed part ends
        // (not to the PDU length: a length indicator that disagrees with the fixed part moves the end)
        int end = off + pduLength - headerLength; // reads past the bytes there are end the walk (Tvb)
        new IsisClv(t, prefix, idLen, type == Isis.L1_LSP).walk(parent, off, end);
    }
}
