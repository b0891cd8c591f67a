package dev.tcpscope.proto.lldp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * An LLDPDU (IEEE 802.1AB) as Wireshark 4.0.17's packet-lldp.c shows it: Protocol "LLDP", Info
 * built from the Chassis ID, Port ID, Time To Live, System Name and Description TLVs ("MA/mac
 * IN/name 120 SysN=... SysD=... "), replaced by "Invalid ... TLV" or "Duplicate ... TLV" when a
 * mandatory TLV is wrong or repeated. One walk makes the columns, the tree and the fields. Each
 * TLV is read through a tvb of its own length (a length past the payload ends the walk as
 * malformed), and every TLV moves the walk at least two bytes, so it is bounded by the payload.
 */
public final class LldpWalk {
    private LldpWalk() { }

    /** packet-lldp.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry REGISTRY = Registry.load(LldpWalk.class, "lldp");

    static final int END = 0;
    static final int CHASSIS = 1;
    static final int PORT = 2;
    static final int TTL = 3;
    static final int PORT_DESC = 4;
    static final int SYS_NAME = 5;
    static final int SYS_DESC = 6;
    static final int SYS_CAP = 7;
    static final int MGMT = 8;
    static final int ORG = 127;

    /**
     * Walks the LLDPDU in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        return walk(t, root, protocol, info, new int[2]);
    }

    /** "[Malformed Packet: ...]"'s reason for a ContainedBoundsError (a read past the payload within a TLV's length). */
    public static final String CONTAINED = "length of contained item exceeds length of containing item";

    /**
     * The walk, telling in {@code result} where 4.0.17 sets LLDP's length ({@code result[0]}: one
     * byte before the TLV that stopped the walk, or -1 when it leaves the whole payload) and
     * whether the exception that ended it was a ContainedBoundsError ({@code result[1]} = 1).
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info, int[] result) {
        result[0] = -1;
        result[1] = 0;
        protocol.setLength(0);
        protocol.append("LLDP");
        info.setLength(0);
        Tree lldp = t.at(root.protocol("lldp", "Link Layer Discovery Protocol"), 0, t.cap);
        try {
            int off = 0;
            String[] invalid = {"Invalid Chassis ID TLV", "Invalid Port ID TLV", "Invalid Time-to-Live TLV"};
            for (int want = CHASSIS; want <= TTL; want++) {
                Tvb tlv = tlv(t, off);
                int r = switch (want) {
                    case CHASSIS -> chassis(tlv, lldp, info);
                    case PORT -> port(tlv, lldp, info);
                    default -> ttl(tlv, lldp, info);
                };
                if (r < 0) {
                    set(info, invalid[want - 1]);
                    return null;
                }
                off += r;
            }
            while (off < t.cap) { // the walk ends quietly where the captured payload does (measured on mutated frames)
                Tvb tlv = tlv(t, off);
                tlv.need(0, tlv.rep); // 4.0.17 reads a TLV's whole length before its items (measured on mutated frames)
                int type = tlv.u16(0) >>> 9;
                int r;
                switch (type) {
                    case CHASSIS -> {
                        chassis(tlv, lldp, new StringBuilder());
                        set(info, "Duplicate Chassis ID TLV");
                        result[0] = off - 1;
                        return null;
                    }
                    case PORT -> {
                        port(tlv, lldp, new StringBuilder());
                        set(info, "Duplicate Port ID TLV");
                        result[0] = off - 1;
                        return null;
                    }
                    case TTL -> {
                        ttl(tlv, lldp, new StringBuilder());
                        set(info, "Duplicate Time-To-Live TLV");
                        result[0] = off - 1;
                        return null;
                    }
                    case END -> {
                        Tree e = t.at(lldp.text("End of LLDPDU"), off, Math.min(t.cap - off, tlv.rep));
                        header(tlv, e);
                        result[0] = off - 1;
                        return null;
                    }
                    case PORT_DESC -> r = string(tlv, lldp, "lldp.port.desc", "Port Description", null, info);
                    case SYS_NAME -> r = string(tlv, lldp, "lldp.tlv.system.name", "System Name", "SysN=", info);
                    case SYS_DESC -> r = string(tlv, lldp, "lldp.tlv.system.desc", "System Description", "SysD=", info);
                    case SYS_CAP -> r = capabilities(tlv, lldp);
                    case MGMT -> r = management(tlv, lldp);
                    case ORG -> r = LldpOrg.tlv(tlv, lldp);
                    default -> {
                        Tree u = tlv.at(lldp.text("Unknown TLV"), 0, tlv.cap);
                        header(tlv, u);
                        r = tlv.rep;
                    }
                }
                off += r;
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        } catch (Contained c) {
            result[1] = 1;
            return Tvb.Stop.MALFORMED;
        }
    }

    /** A ContainedBoundsError: a read past the payload's reported bytes but within the TLV's own length. */
    static final class Contained extends RuntimeException {
        static final Contained INSTANCE = new Contained();

        private Contained() {
            super(null, null, false, false);
        }
    }

    /**
     * A TLV's tvb as tvb_new_subset_length makes it: its own length reported, {@code contained}
     * of it within the payload; a read past the captured bytes and past {@code contained} (but
     * within the TLV) is a ContainedBoundsError.
     */
    static final class TlvTvb extends Tvb {
        final int contained;

        TlvTvb(java.lang.foreign.MemorySegment s, long base, int cap, int rep, int contained) {
            super(s, base, cap, rep);
            this.contained = contained;
        }

        @Override
        public void need(int off, int len) {
            if (off >= 0 && len >= 0 && (long) off + len > cap && (long) off + len <= rep && (long) off + len > contained) {
                throw Contained.INSTANCE;
            }
            super.need(off, len);
        }
    }

    /** The LLDP length 4.0.17 sets for the payload at {@code off} ({@code cap} of {@code rep} bytes), or -1 for all of it. */
    public static int extent(java.lang.foreign.MemorySegment s, long off, int cap, int rep) {
        int[] result = new int[2];
        Tvb.Stop stop = walk(new Tvb(s, off, cap, rep), Tree.NOTHING, new StringBuilder(), new StringBuilder(), result);
        return stop == null ? result[0] : -1;
    }

    /**
     * The bytes packet-lldp.c walks for layer {@code i} of {@code x}: the whole payload the layer
     * below hands it (the layer itself ends where the walk left the rest to the Ethernet trailer).
     */
    public static Tvb tvb(dev.tcpscope.wire.Dissection x, int i) {
        if (i == 0) {
            return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
        }
        long start = x.offset(i);
        int cap = (int) Math.max(x.captured(i), x.offset(i - 1) + x.captured(i - 1) - start);
        int rep = (int) Math.max(x.reported(i), x.offset(i - 1) + x.reported(i - 1) - start);
        return new Tvb(x.segment(i), start, cap, Math.max(cap, rep));
    }

    /** tvb_new_subset_length over the TLV at {@code off}: its two header bytes and its length. */
    static Tvb tlv(Tvb t, int off) {
        int len = (t.u16(off) & 0x1ff) + 2;
        return new TlvTvb(t.s, t.base + off, Math.min(t.cap - off, len), len, Math.min(t.rep - off, len));
    }

    private static void set(StringBuilder info, String text) {
        info.setLength(0);
        info.append(text);
    }

    /** The TLV Type and TLV Length items of the TLV at the start of {@code t}. */
    static Tree header(Tvb t, Tree parent) {
        item(t, parent, "lldp.tlv.type", 0, 2);
        return item(t, parent, "lldp.tlv.len", 0, 2);
    }

    /** proto_tree_add_item of integer field {@code name} over {@code len} bytes at {@code off}. */
    static Tree item(Tvb t, Tree parent, String name, int off, int len) {
        Registry.Row f = REGISTRY.row(name);
        return REGISTRY.integerItem(t, parent, f, off, len, (v, number) -> {
            if (f.base().equals("BASE_OUI")) {
                String org = EtherNames.oui((int) v);
                String colons = Registry.hex(v >> 16 & 0xff, 2) + ":" + Registry.hex(v >> 8 & 0xff, 2) + ":" + Registry.hex(v & 0xff, 2);
                // BASE_OUI's value text is cut to 31 characters (a 32-byte buffer; measured on tshark 4.0.17)
                String text = org == null ? colons : colons + " (" + org + ")";
                return text.length() > 31 ? text.substring(0, 31) : text;
            }
            String n = REGISTRY.name(name, v);
            if (f.base().equals("BASE_DEC_HEX")) {
                number = number + " (0x" + Registry.hex(v, len * 2) + ")";
            }
            return n == null ? number : n + " (" + number + ")";
        });
    }

    /** proto_tree_add_expert: a text item over the bytes, its expert item under it. */
    static void expert(Tvb t, Tree parent, String key, Tree.Group group, String msg, int off, int len) {
        t.at(parent.text(msg), off, Math.max(0, Math.min(len, t.cap - off))).expert(key, Tree.Severity.WARNING, group, msg);
    }

    static String mac(Tvb t, int off) {
        t.need(off, 6);
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | t.u8(off + i);
        }
        return EtherNames.plain(m);
    }

    static Tree macItem(Tvb t, Tree parent, String key, String title, int off) {
        t.need(off, 6);
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | t.u8(off + i);
        }
        String plain = EtherNames.plain(m);
        return t.at(parent.field(key, title + ": " + EtherNames.name(m) + " (" + plain + ")", plain), off, 6);
    }

    static String ipv4(Tvb t, int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }

    /** Chassis ID (1): returns the TLV's length or -1 when packet-lldp.c finds it invalid. */
    private static int chassis(Tvb t, Tree lldp, StringBuilder info) {
        return id(t, lldp, info, true);
    }

    private static int port(Tvb t, Tree lldp, StringBuilder info) {
        return id(t, lldp, info, false);
    }

    /** The Chassis ID or Port ID TLV: subtype, then a MAC, a network address or a string. */
    private static int id(Tvb t, Tree lldp, StringBuilder info, boolean chassis) {
        int h = t.u16(0);
        int type = h >>> 9;
        int len = h & 0x1ff;
        int want = chassis ? CHASSIS : PORT;
        String what = chassis ? "Chassis" : "Port";
        t.need(0, t.rep); // the whole TLV before its type is checked (measured on mutated frames; TTL's after)
        if (type != want) {
            expert(t, lldp, "lldp.bad_type", Tree.Group.MALFORMED,
                    "Invalid " + what + " ID (0x" + hex2u(type) + "), expected (0x0" + want + ")", 0, len);
            return -1;
        }
        int subtype = t.u8(2); // read before the length is checked: a TLV of length 0 is malformed (measured)
        if (len < 2) {
            expert(t, lldp, "lldp.bad_length", Tree.Group.MALFORMED,
                    "Invalid " + what + " ID Length (" + len + "), expected > (2)", 0, 2);
            return -1;
        }
        String prefix = chassis ? "lldp.chassis" : "lldp.port";
        String subName = chassis && (subtype == 0 || subtype > 7) ? "Reserved" : REGISTRY.name(prefix + ".subtype", subtype); // measured
        int macType = chassis ? 4 : 3;
        int netType = chassis ? 5 : 4;
        String abbr;
        String id;
        Tree tree;
        if (subtype == macType) {
            if (len != 7) {
                return -1;
            }
            id = mac(t, 3);
            tree = t.at(lldp.text(what + " Subtype = " + subName + ", Id: " + id), 0, t.cap);
            header(t, tree);
            item(t, tree, prefix + ".subtype", 2, 1);
            macItem(t, tree, prefix + ".id.mac", what + " Id", 3);
            abbr = "MA";
        } else if (subtype == netType) {
            int family = t.u8(3);
            if (family == 1 && len == 6) {
                id = ipv4(t, 4);
                tree = t.at(lldp.text(what + " Subtype = " + subName + ", Id: " + id), 0, t.cap);
                header(t, tree);
                item(t, tree, prefix + ".subtype", 2, 1);
                item(t, tree, "lldp.network_address.subtype", 3, 1);
                t.at(tree.field(prefix + ".id.ip4", what + " Id: " + id, id), 4, 4);
            } else {
                return -1; // other families: not measured yet (docs/lldp.md)
            }
            abbr = "NA";
        } else {
            int n = len - 1;
            t.need(3, n);
            // a reserved subtype shows the word "Reserved" as its ID (measured on mutated frames)
            boolean reserved = subtype == 0 || subtype > 7;
            id = reserved ? "Reserved" : Text.format(t.s, t.base + 3, zpad(t, 3, n));
            tree = t.at(lldp.text(what + " Subtype = " + subName + ", Id: " + id), 0, t.cap);
            header(t, tree);
            item(t, tree, prefix + ".subtype", 2, 1);
            if (chassis) {
                t.at(tree.bytes("lldp.chassis.id", "Chassis Id", t.s, t.base + 3, n), 3, n);
            } else {
                t.string(tree, "lldp.port.id", "Port Id", 3, n);
            }
            abbr = abbr(subtype, chassis);
        }
        info.append(abbr).append('/').append(id).append(' ');
        return len + 2;
    }

    /** The Info column's two letters for a string subtype. */
    private static String abbr(int subtype, boolean chassis) {
        if (chassis) {
            return switch (subtype) {
                case 1 -> "CC";
                case 2 -> "IA";
                case 3 -> "PC";
                case 6 -> "IN";
                case 7 -> "LA";
                default -> "Rs";
            };
        }
        return switch (subtype) {
            case 1 -> "IA";
            case 2 -> "PC";
            case 5 -> "IN";
            case 6 -> "AC";
            case 7 -> "LA";
            default -> "Rs";
        };
    }

    private static String hex2u(int v) {
        return String.format("%02X", v);
    }

    /** Time To Live (3). */
    private static int ttl(Tvb t, Tree lldp, StringBuilder info) {
        int h = t.u16(0);
        int type = h >>> 9;
        int len = h & 0x1ff;
        if (type != TTL) {
            return -1; // 4.0.17 adds no item for it (measured on mutated frames)
        }
        int seconds = t.u16(2); // read before the length is checked: a TLV of length 0 is malformed (measured)
        info.append(seconds).append(' '); // in Info before the TLV's whole length is read (measured)
        t.need(0, t.rep);
        if (len < 2) {
            return -1;
        }
        Tree tree = t.at(lldp.text("Time To Live = " + seconds + " sec"), 0, t.cap);
        header(t, tree);
        item(t, tree, "lldp.time_to_live", 2, 2);
        return len + 2;
    }

    /** Port Description, System Name and System Description: a string over the TLV's value. */
    private static int string(Tvb t, Tree lldp, String key, String title, String column, StringBuilder info) {
        int len = t.u16(0) & 0x1ff;
        t.need(2, len);
        int shown = zpad(t, 2, len);
        String raw = Text.ascii(t.s, t.base + 2, shown);
        Tree tree = t.at(lldp.line(null, title + " = " + raw, null), 0, t.cap);
        header(t, tree);
        t.string(tree, key, title, 2, len);
        if (column != null) {
            info.append(column).append(Text.format(t.s, t.base + 2, shown)).append(' ');
        }
        return len + 2;
    }

    /** tvb_format_stringzpad's extent: the bytes before the first NUL of the {@code n} at {@code off}. */
    static int zpad(Tvb t, int off, int n) {
        int z = t.find(off, n, 0);
        return z < 0 ? n : z - off;
    }

    /** System Capabilities (7): the capabilities and the enabled ones, each with its bits. */
    private static int capabilities(Tvb t, Tree lldp) {
        int len = t.u16(0) & 0x1ff;
        Tree tree = t.at(lldp.text("Capabilities"), 0, t.cap);
        header(t, tree);
        String[] bits = {"other", "repeater", "bridge", "wlan_access_pt", "router", "telephone", "docsis_cable_device", "station_only"};
        for (String which : new String[] {"lldp.tlv.system_cap", "lldp.tlv.enable_system_cap"}) {
            int off = which.equals("lldp.tlv.system_cap") ? 2 : 4;
            Tree c = item(t, tree, which, off, 2);
            for (String b : bits) {
                item(t, c, which + "." + b, off, 2);
            }
        }
        return len + 2;
    }

    /** Management Address (8): the address by its subtype, the interface, the OID. */
    private static int management(Tvb t, Tree lldp) {
        int len = t.u16(0) & 0x1ff;
        Tree tree = t.at(lldp.text("Management Address"), 0, t.cap);
        header(t, tree);
        int addrLen = t.u8(2);
        item(t, tree, "lldp.mgn.address.len", 2, 1);
        int subtype = t.u8(3);
        item(t, tree, "lldp.mgn.address.subtype", 3, 1);
        int n = addrLen - 1;
        if (subtype == 1 && n == 4) {
            String a = ipv4(t, 4);
            t.at(tree.field("lldp.mgn.addr.ip4", "Management Address: " + a, a), 4, 4);
        } else if (subtype == 2 && n == 16) {
            String a = Text.ipv6(t.copy(4, 16));
            t.at(tree.field("lldp.mgn.addr.ip6", "Management Address: " + a, a), 4, 16);
        } else {
            t.need(4, Math.max(0, n));
            t.at(tree.bytes("lldp.mgn.addr.hex", "Management Address", t.s, t.base + 4, Math.max(0, n)), 4, Math.max(0, n));
        }
        int off = 4 + Math.max(0, n);
        item(t, tree, "lldp.mgn.interface.subtype", off, 1);
        item(t, tree, "lldp.mgn.interface.number", off + 1, 4);
        int oidLen = t.u8(off + 5);
        item(t, tree, "lldp.mgn.obj.len", off + 5, 1);
        if (oidLen > 0) {
            t.need(off + 6, oidLen);
            t.at(tree.bytes("lldp.mgn.obj.id", "Object Identifier", t.s, t.base + off + 6, oidLen), off + 6, oidLen);
        }
        return len + 2;
    }
}
