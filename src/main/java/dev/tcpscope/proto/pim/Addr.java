package dev.tcpscope.proto.pim;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * PIMv2's encoded unicast, group and source addresses (RFC 7761 §4.9.1; the join attributes of
 * RFC 5384), as packet-pim.c's dissect_pim_addr shows them: an item for the address with the
 * family, encoding type, flags, mask length and address under it. A family other than IPv4 or
 * IPv6, or an encoding type other than native (0) or native with join attributes (1), ends the
 * message's walk quietly (the address has no length to step over): the methods return 0.
 */
final class Addr {
    private final Tvb t;

    Addr(Tvb t) {
        this.t = t;
    }

    static String ipv4(Tvb t, int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }

    private String address(int af, int off) {
        return af == Pim.AFNUM_INET ? ipv4(t, off) : Text.ipv6(t.copy(off, 16));
    }

    /** The family and encoding type, or -1 when packet-pim.c gives up on them. */
    private int family(int off) {
        int af = t.u8(off);
        if (af != Pim.AFNUM_INET && af != Pim.AFNUM_INET6) {
            return -1;
        }
        int et = t.u8(off + 1);
        return et == 0 || et == 1 ? af : -1;
    }

    private void familyItems(Tree a, int off) {
        int af = t.u8(off);
        t.at(a.field("pim.addr_address_family", "Address Family: " + PimNames.family(af) + " (" + af + ")",
                Integer.toString(af)), off, 1);
        int et = t.u8(off + 1);
        t.at(a.field("pim.addr_encoding_type", "Encoding Type: " + PimNames.encoding(et) + " (" + et + ")",
                Integer.toString(et)), off + 1, 1);
    }

    /** An encoded unicast address: the bytes it takes, or 0. */
    int unicast(Tree parent, int off, String label, String title, String key4, String key6) {
        int af = family(off);
        if (af < 0) {
            return 0;
        }
        int len = af == Pim.AFNUM_INET ? 4 : 16;
        String a = address(af, off + 2);
        Tree item = t.at(parent.field(af == Pim.AFNUM_INET ? key4 : key6, (label != null ? label : title) + ": " + a, a), off, 2 + len);
        familyItems(item, off);
        t.at(item.field(af == Pim.AFNUM_INET ? "pim.unicast" : "pim.unicast_ipv6", "Unicast: " + a, a), off + 2, len);
        return 2 + len;
    }

    int group(Tree parent, int off, String label, String key4, String key6) {
        return group(parent, off, label, key4, key6, null);
    }

    /** An encoded group address: the bytes it takes, or 0; its item in {@code item[0]} when asked. */
    int group(Tree parent, int off, String label, String key4, String key6, Tree[] item) {
        int af = family(off);
        if (af < 0) {
            return 0;
        }
        int mask = t.u8(off + 3);
        int len = af == Pim.AFNUM_INET ? 4 : 16;
        String a = address(af, off + 4);
        String key = af == Pim.AFNUM_INET ? key4 : key6;
        Tree g = t.at(parent.field(key, (label != null ? label : "Group") + ": " + a + "/" + mask, a), off, 4 + len);
        familyItems(g, off);
        int flags = t.u8(off + 2);
        StringBuilder head = new StringBuilder("Flags: ").append(String.format("0x%02x", flags));
        if ((flags & 0x80) != 0) {
            head.append(", Bidirectional PIM");
        }
        if ((flags & 0x01) != 0) {
            head.append(", Admin Scope Zone");
        }
        Tree f = t.at(g.field("pim.group_addr.flags", head.toString(), String.format("0x%02x", flags)), off + 2, 1);
        t.at(f.field("pim.group_addr.flags.b", Text.bits(flags, 0x80, 8) + " = Bidirectional PIM: " + set(flags, 0x80),
                bit(flags, 0x80)).bitmask(0x80), off + 2, 1);
        t.at(f.field("pim.group_addr.flags.reserved", Text.bits(flags, 0x7e, 8) + " = Reserved: "
                + String.format("0x%02x", (flags & 0x7e) >> 1), String.format("0x%02x", (flags & 0x7e) >> 1)).bitmask(0x7e), off + 2, 1);
        t.at(f.field("pim.group_addr.flags.z", Text.bits(flags, 0x01, 8) + " = Admin Scope Zone: " + set(flags, 0x01),
                bit(flags, 0x01)).bitmask(0x01), off + 2, 1);
        t.at(g.field("pim.mask_len", "Masklen: " + mask, Integer.toString(mask)), off + 3, 1);
        t.at(g.field(key, "Group: " + a, a), off + 4, len);
        if (item != null) {
            item[0] = g;
        }
        return 4 + len;
    }

    /** An encoded source address (a joined or pruned source) and its join attributes: the bytes it takes, or 0. */
    int source(Tree parent, int off, String key4, String key6) {
        int af = family(off);
        if (af < 0) {
            return 0;
        }
        int et = t.u8(off + 1);
        int flags = t.u8(off + 2);
        int mask = t.u8(off + 3);
        int len = af == Pim.AFNUM_INET ? 4 : 16;
        String a = address(af, off + 4);
        StringBuilder label = new StringBuilder("IP address: ").append(a).append('/').append(mask);
        if (flags != 0) {
            label.append(" (").append((flags & 4) != 0 ? "S" : "").append((flags & 2) != 0 ? "W" : "")
                    .append((flags & 1) != 0 ? "R" : "").append(')');
        }
        Tree s = t.at(parent.field(af == Pim.AFNUM_INET ? key4 : key6, label.toString(), a), off, 4 + len);
        familyItems(s, off);
        sourceFlags(s, off, flags);
        t.at(s.field("pim.mask_len", "Masklen: " + mask, Integer.toString(mask)), off + 3, 1);
        t.at(s.field(af == Pim.AFNUM_INET ? "pim.source" : "pim.source_ip6", "Source: " + a, a), off + 4, len);
        int sum = 0;
        if (et == 1) {
            sum = joinAttributes(s, off + 4 + len);
        }
        return 4 + len + sum;
    }

    /*
     * source is cut in three (sourceFlags, joinAttributes): each label's string concatenation is
     * a call site that C1 inlines whole, and the method in one piece took 11 MB to compile with
     * C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The source's flags byte at {@code off + 2}. */
    private void sourceFlags(Tree s, int off, int flags) {
        StringBuilder head = new StringBuilder("Flags: ").append(String.format("0x%02x", flags));
        if ((flags & 0x04) != 0) {
            head.append(", Sparse");
        }
        if ((flags & 0x02) != 0) {
            head.append(", WildCard");
        }
        if ((flags & 0x01) != 0) {
            head.append(", Rendezvous Point Tree");
        }
        Tree f = t.at(s.field("pim.source_addr.flags", head.toString(), String.format("0x%02x", flags)), off + 2, 1);
        t.at(f.field("pim.source_addr.flags.reserved", Text.bits(flags, 0xf8, 8) + " = Reserved: "
                + String.format("0x%02x", (flags & 0xf8) >> 3), String.format("0x%02x", (flags & 0xf8) >> 3)).bitmask(0xf8), off + 2, 1);
        t.at(f.field("pim.source_addr.flags.s", Text.bits(flags, 0x04, 8) + " = Sparse: " + set(flags, 0x04),
                bit(flags, 0x04)).bitmask(0x04), off + 2, 1);
        t.at(f.field("pim.source_addr.flags.w", Text.bits(flags, 0x02, 8) + " = WildCard: " + set(flags, 0x02),
                bit(flags, 0x02)).bitmask(0x02), off + 2, 1);
        t.at(f.field("pim.source_addr.flags.r", Text.bits(flags, 0x01, 8) + " = Rendezvous Point Tree: " + set(flags, 0x01),
                bit(flags, 0x01)).bitmask(0x01), off + 2, 1);
    }

    /** The join attributes from {@code ja}; returns the bytes they take. */
    private int joinAttributes(Tree s, int ja) {
        int sum = 0;
        int eos = 0;
        // each attribute advances at least 2 bytes: the loop ends with the message
        while ((eos & 0x40) == 0 && t.rep - ja >= 2) {
            int alen = t.u8(ja + 1);
            Tree at = t.at(s.none("pim.source_ja", "Join Attribute"), ja, alen + 2);
            eos = t.u8(ja);
            int type = eos & 0x3f;
            StringBuilder jh = new StringBuilder("Flags: ").append(String.format("0x%02x", eos));
            if ((eos & 0x80) != 0) {
                jh.append(", Forward");
            }
            if ((eos & 0x40) != 0) {
                jh.append(", End of Attributes");
            }
            jh.append(", Attribute Type: ").append(PimNames.joinAttribute(type));
            Tree jf = t.at(at.field("pim.source_ja.flags", jh.toString(), String.format("0x%02x", eos)), ja, 1);
            t.at(jf.field("pim.source_ja.flags.f", Text.bits(eos, 0x80, 8) + " = Forward: " + set(eos, 0x80),
                    bit(eos, 0x80)).bitmask(0x80), ja, 1);
            t.at(jf.field("pim.source_ja.flags.e", Text.bits(eos, 0x40, 8) + " = End of Attributes: " + set(eos, 0x40),
                    bit(eos, 0x40)).bitmask(0x40), ja, 1);
            t.at(jf.field("pim.source_ja.flags.attr_type", Text.bits(eos, 0x3f, 8) + " = Attribute Type: "
                    + PimNames.joinAttribute(type) + " (" + type + ")", Integer.toString(type)).bitmask(0x3f), ja, 1);
            at.relabel("Join Attribute: " + PimNames.joinAttributeOr(type, "Unknown"));
            t.at(at.field("pim.source_ja.length", "Length: " + alen, Integer.toString(alen)), ja + 1, 1);
            int v = ja + 2;
            if (type == 0 && (alen == 6 || alen == 18)) {
                unicast(at, v, null, "Unicast", "pim.unicast", "pim.unicast_ipv6");
            } else {
                t.need(v, alen);
                t.at(at.bytes("pim.source_ja.value", "Value", t.s, t.base + v, alen), v, alen);
            }
            ja = v + alen;
            sum += 2 + alen;
        }
        return sum;
    }

    private static String set(int b, int mask) {
        return (b & mask) != 0 ? "Set" : "Not set";
    }

    private static String bit(int b, int mask) {
        return (b & mask) != 0 ? "1" : "0";
    }
}
