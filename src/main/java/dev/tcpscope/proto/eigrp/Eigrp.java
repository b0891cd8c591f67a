package dev.tcpscope.proto.eigrp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.InternetChecksum;

/**
 * Cisco's EIGRP (IP protocol 88; RFC 7868) as Wireshark 4.0.17's packet-eigrp.c shows it: the
 * Protocol {@code EIGRP}, Info from the opcode ("Hello (Ack)" for a Hello that acknowledges),
 * the 20-byte header with its checksum and flags, then the TLVs: Parameters, Sequence, Software
 * Version, Next Multicast Sequence and the classic IPv4 routes (internal and external, legacy
 * metric, destinations). Other TLVs show their type and length. One walk makes the columns, the
 * tree and the fields; labels come from tshark's registry ({@link #REGISTRY}).
 *
 * <p>Bounds: each TLV moves the walk on by its length, at least 4 (a smaller one ends it), and
 * the loop ends at the reported end; a TLV's items read a buffer cut at its own length, so a
 * length that runs past the message ends the walk as tshark's bounds exception does.
 */
public final class Eigrp {
    private Eigrp() { }

    /** packet-eigrp.c's fields and value strings (scripts/gen-registry-tables.sh eigrp). */
    static final Registry REGISTRY = Registry.load(Eigrp.class, "eigrp");

    static final int HEADER_LENGTH = 20;
    static final int OPC_HELLO = 5;
    static final int OPC_ACK = 8;

    /**
     * Walks the message in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        try {
            protocol.setLength(0);
            protocol.append("EIGRP");
            info.setLength(0);
            int opcode = t.u8(1);
            long ack = t.u32(12);
            if (opcode == OPC_HELLO && ack != 0) {
                opcode = OPC_ACK;
            }
            String name = REGISTRY.value("eigrp.opcode", opcode);
            info.append(name != null ? name : "Unknown OpCode (0x" + Registry.hex(opcode, 4) + ")");
            new Walk(t, root).message();
            return null;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented);
        }
    }

    private static final class Walk {
        private final Tvb t;
        private final Tree root;
        /** The current TLV item's label, which packet-eigrp.c appends to (proto_item_append_text). */
        private String tlvLabel;

        Walk(Tvb t, Tree root) {
            this.t = t;
            this.root = root;
        }

        void message() {
            Tree e = t.at(root.protocol("eigrp", "Cisco EIGRP"), 0, t.cap);
            item(t, e, "eigrp.version", 0, 1);
            item(t, e, "eigrp.opcode", 1, 1);
            checksum(e);
            flags(e);
            item(t, e, "eigrp.seq", 8, 4);
            item(t, e, "eigrp.ack", 12, 4);
            int vrid = t.u16(16);
            String family = switch (vrid & 0x8001) {
                case 0x0000 -> "(Address-Family)";
                case 0x8000 -> "(Service-Family)";
                case 0x0001 -> "(Multi-Cast)";
                default -> "";
            };
            Registry.Row r = REGISTRY.row("eigrp.vrid");
            t.at(e.field(r.name(), r.title() + ": " + vrid + " " + family, Integer.toString(vrid)), 16, 2);
            item(t, e, "eigrp.as", 18, 2);
            int off = HEADER_LENGTH;
            while (off < t.rep) {
                int type = t.u16(off);
                if (type == 0x00f5) {
                    type = 0x0008; // the MTR TID list is the peer TID list
                }
                int size = t.u16(off + 2);
                if (size < 4) {
                    Tree x = t.at(e.text("Corrupt TLV (Length field less than 4)"), off, Math.max(0, Math.min(t.cap - off, t.rep - off)));
                    x.expert("eigrp.tlv.len.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Corrupt TLV (Length field less than 4)");
                    return;
                }
                String tlvName = REGISTRY.value("eigrp.tlv_type", type);
                tlvLabel = tlvName != null ? tlvName : "Unknown TLV (0x" + Registry.hex(type, 4) + ")";
                if (root != Tree.NOTHING) {
                    t.need(off, size); // with a tree the TLV's text item needs its bytes
                }
                Tree tlv = t.at(e.text(tlvLabel),
                        off, Math.max(0, Math.min(size, t.cap - off)));
                item(t, tlv, "eigrp.tlv_type", off, 2);
                item(t, tlv, "eigrp.tlv.len", off + 2, 2);
                Tvb v = sub(off + 4, size - 4);
                switch (type & 0xfff0) {
                    case 0x0000 -> general(tlv, v, type);
                    case 0x0100 -> ipv4(tlv, v, type);
                    case 0x0200, 0x0300, 0x0400, 0x0600, 0x00f0 -> { } // AppleTalk, IPX, IPv6, multi-protocol, MTR: not built
                    default -> unknown(tlv, "Unknown TLV Group (0x" + Registry.hex(type, 4) + ")");
                }
                off += size;
            }
        }

        /** tvb_new_subset_length: {@code len} bytes at {@code off}, which must lie within the reported bytes. */
        private Tvb sub(int off, int len) {
            if ((long) off + len > t.rep) {
                throw Tvb.Stop.MALFORMED;
            }
            int cap = Math.max(0, Math.min(len, t.cap - off));
            return new Tvb(t.s, t.base + off, cap, len, t.fragment);
        }

        /** proto_tree_add_checksum over the captured message (PROTO_CHECKSUM_IN_CKSUM). */
        private void checksum(Tree e) {
            int sum = t.u16(2);
            String hex = "0x" + Registry.hex(sum, 4);
            int computed = InternetChecksum.of(t.s, t.base, t.cap);
            if (computed == 0) {
                t.at(e.field("eigrp.checksum", "Checksum: " + hex + " [correct]", hex), 2, 2);
                t.at(e.field("eigrp.checksum.status", "Checksum Status: Good", "1").generated(), 2, 0);
            } else {
                String should = "0x" + Registry.hex(InternetChecksum.shouldBe(sum, computed), 4);
                Tree c = t.at(e.field("eigrp.checksum", "Checksum: " + hex + " incorrect, should be " + should, hex), 2, 2);
                c.expert("eigrp.checksum.bad", Tree.Severity.WARNING, Tree.Group.CHECKSUM, "Bad Checksum [should be " + should + "]");
                t.at(e.field("eigrp.checksum.status", "Checksum Status: Bad", "0").generated(), 2, 0);
            }
        }

        /** proto_tree_add_bitmask on the 32-bit flags: the names of those set after the value. */
        private void flags(Tree e) {
            long v = t.u32(4);
            String[] names = {"eigrp.flags.init", "eigrp.flags.condrecv", "eigrp.flags.restart", "eigrp.flags.eot"};
            StringBuilder label = new StringBuilder("Flags: 0x").append(Registry.hex(v, 8));
            for (String n : names) {
                Registry.Row b = REGISTRY.row(n);
                if ((v & b.mask()) != 0) {
                    label.append(", ").append(b.title());
                }
            }
            Tree f = t.at(e.field("eigrp.flags", label.toString(), "0x" + Registry.hex(v, 8)), 4, 4);
            for (String n : names) {
                REGISTRY.integerItem(t, f, REGISTRY.row(n), 4, 4, (x, s) -> s);
            }
        }

        /** dissect_eigrp_general_tlv. */
        private void general(Tree tlv, Tvb v, int type) {
            switch (type) {
                case 0x0001 -> {
                    for (int k = 1; k <= 6; k++) {
                        item(v, tlv, "eigrp.par.k" + k, k - 1, 1);
                    }
                    item(v, tlv, "eigrp.par.holdtime", 6, 2);
                    if (v.u8(0) == 255 && v.u8(1) == 255 && v.u8(2) == 255 && v.u8(3) == 255 && v.u8(4) == 255) {
                        // K1 to K5 all 255: the neighbour is going down (a goodbye)
                        append(tlv, ": Peer Termination");
                        tlv.expert("eigrp.peer_termination", Tree.Severity.NOTE, Tree.Group.RESPONSE_CODE, "Peer Termination");
                    }
                }
                case 0x0003 -> sequence(tlv, v);
                case 0x0004 -> {
                    int iosMajor = v.u8(0);
                    int iosMinor = v.u8(1);
                    release(tlv, v, "eigrp.release_version", 0);
                    int tlvMajor = v.u8(2);
                    int tlvMinor = v.u8(3);
                    release(tlv, v, "eigrp.tlv_version", 2);
                    append(tlv, ": EIGRP=" + iosMajor + "." + iosMinor + ", TLV=" + tlvMajor + "." + tlvMinor);
                }
                case 0x0005 -> {
                    long seq = v.u32(0);
                    item(v, tlv, "eigrp.next_mcast_seq", 0, 4);
                    append(tlv, ": " + seq);
                }
                case 0x0002, 0x0006, 0x0007, 0x0008 -> { } // authentication, stub, peer termination, TID list: not built
                default -> unknown(tlv, "Unknown Generic TLV (0x" + Registry.hex(type, 4) + ")");
            }
        }

        /** expert_add_info_format(ei_eigrp_tlv_type) on the TLV item. */
        private void unknown(Tree tlv, String msg) {
            tlv.expert("eigrp.tlv_type.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, msg);
        }

        /** dissect_eigrp_seq_tlv: address length and address, to the TLV's end. */
        private void sequence(Tree tlv, Tvb v) {
            int off = 0;
            while (off < v.rep) {
                int len = v.u8(off);
                Tree at = item(v, tlv, "eigrp.seq.addrlen", off, 1);
                off += 1;
                if (v.rep - off < len) {
                    tlv.expert("eigrp.tlv.truncated", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Corrupt TLV (Truncated prematurely)");
                    return;
                }
                switch (len) {
                    case 4 -> item(v, tlv, "eigrp.seq.ipv4addr", off, 4);
                    case 16 -> item(v, tlv, "eigrp.seq.ipv6addr", off, 16);
                    default -> at.expert("eigrp.seq.addrlen.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                            "Invalid address length");
                }
                off += len;
            }
        }

        /** dissect_eigrp_ipv4_tlv: next hop, (external data,) legacy metric, destinations. */
        private void ipv4(Tree tlv, Tvb v, int type) {
            int kind = type & 0x000f;
            if (kind != 2 && kind != 3) {
                return;
            }
            int off = 0;
            item(v, tlv, "eigrp.ipv4.nexthop", off, 4);
            off += 4;
            if (kind == 3) {
                off = extdata(tlv, v, off);
            }
            off = legacyMetric(tlv, v, off);
            destinations(tlv, v, off);
        }

        /** dissect_eigrp_extdata: the redistributing router, its AS, tag, metric, protocol and flags. */
        private int extdata(Tree tlv, Tvb v, int off) {
            Tree x = v.at(tlv.text("External Data"), off, Math.max(0, Math.min(20, v.cap - off)));
            item(v, x, "eigrp.extdata.origrid", off, 4);
            item(v, x, "eigrp.extdata.as", off + 4, 4);
            item(v, x, "eigrp.extdata.tag", off + 8, 4);
            item(v, x, "eigrp.extdata.metric", off + 12, 4);
            item(v, x, "eigrp.extdata.reserved", off + 16, 2);
            item(v, x, "eigrp.extdata.proto", off + 18, 1);
            Tree f = v.at(x.text("External Flags"), off + 19, Math.max(0, Math.min(1, v.cap - off - 19)));
            REGISTRY.integerItem(v, f, REGISTRY.row("eigrp.opaque.flag.ext"), off + 19, 1, (a, s) -> s);
            REGISTRY.integerItem(v, f, REGISTRY.row("eigrp.opaque.flag.cd"), off + 19, 1, (a, s) -> s);
            return off + 20;
        }

        /** dissect_eigrp_legacy_metric: 16 bytes of scaled delay and bandwidth, MTU, hops, reliability, load, tag, flags. */
        private int legacyMetric(Tree tlv, Tvb v, int off) {
            Tree m = v.at(tlv.text("Legacy Metric"), off, Math.max(0, Math.min(16, v.cap - off)));
            item(v, m, "eigrp.old_metric.delay", off, 4);
            item(v, m, "eigrp.old_metric.bw", off + 4, 4);
            item(v, m, "eigrp.old_metric.mtu", off + 8, 3);
            item(v, m, "eigrp.old_metric.hopcount", off + 11, 1);
            item(v, m, "eigrp.old_metric.rel", off + 12, 1);
            item(v, m, "eigrp.old_metric.load", off + 13, 1);
            item(v, m, "eigrp.old_metric.intag", off + 14, 1);
            Tree f = v.at(m.text("Flags"), off + 15, Math.max(0, Math.min(1, v.cap - off - 15)));
            for (String n : new String[] {"eigrp.metric.flags.srcwd", "eigrp.metric.flags.cd", "eigrp.metric.flags.active",
                    "eigrp.metric.flags.repl"}) {
                REGISTRY.integerItem(v, f, REGISTRY.row(n), off + 15, 1, (a, s) -> s);
            }
            return off + 16;
        }

        /** dissect_eigrp_ipv4_addrs: prefix length and the prefix's bytes, to the TLV's end; each named in the TLV's label. */
        private void destinations(Tree tlv, Tvb v, int off) {
            boolean first = true;
            while (off < v.rep) {
                int plen = v.u8(off);
                Tree pl = item(v, tlv, "eigrp.ipv4.prefixlen", off, 1);
                off += 1;
                if (plen > 32) {
                    pl.expert("eigrp.prefixlen.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                            "Invalid prefix length " + plen + ", must be <= 32");
                    return;
                }
                int n = (plen + 7) / 8;
                byte[] a = new byte[4];
                v.need(off, n);
                for (int k = 0; k < n; k++) {
                    a[k] = (byte) v.u8(off + k);
                }
                String addr = (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
                Registry.Row r = REGISTRY.row("eigrp.ipv4.destination");
                v.at(tlv.field(r.name(), r.title() + ": " + addr, addr), off, n);
                append(tlv, "  " + (first ? '=' : ',') + "   " + addr + "/" + plen);
                first = false;
                off += n;
            }
        }

        private void append(Tree tlv, String text) {
            tlvLabel = tlvLabel + text;
            tlv.relabel(tlvLabel);
        }

        /** An FT_UINT16 BASE_CUSTOM version: "major.minor" with the minor in two digits. */
        private void release(Tree parent, Tvb v, String name, int off) {
            int hi = v.u8(off);
            int lo = v.u8(off + 1);
            Registry.Row r = REGISTRY.row(name);
            String shown = hi + "." + (lo < 10 ? "0" : "") + lo;
            v.at(parent.field(name, r.title() + ": " + shown, Integer.toString(hi << 8 | lo)), off, 2);
        }
    }

    /** proto_tree_add_item of field {@code name}: integers in their base with value names, addresses, bytes. */
    static Tree item(Tvb t, Tree parent, String name, int off, int len) {
        Registry.Row r = REGISTRY.row(name);
        switch (r.type()) {
            case "FT_IPv4" -> {
                t.need(off, 4);
                String a = t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
                return t.at(parent.field(name, r.title() + ": " + a, a), off, 4);
            }
            case "FT_IPv6" -> {
                String a = Text.ipv6(t.copy(off, 16));
                return t.at(parent.field(name, r.title() + ": " + a, a), off, 16);
            }
            case "FT_BYTES" -> {
                t.need(off, len);
                return t.at(parent.bytes(name, r.title(), t.s, t.base + off, len), off, len);
            }
            default -> {
                return REGISTRY.integerItem(t, parent, r, off, len, (v, n) -> {
                    if (!REGISTRY.hasValues(name)) {
                        return n;
                    }
                    String s = REGISTRY.value(name, v);
                    return (s == null ? "Unknown" : s) + " (" + n + ")";
                });
            }
        }
    }
}
