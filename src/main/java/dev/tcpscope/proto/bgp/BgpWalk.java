package dev.tcpscope.proto.bgp;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The detail tree of one BGP message as packet-bgp.c (Wireshark 4.0.17) builds it: the header
 * (dissect_bgp_pdu), then OPEN with its optional parameters and capabilities, UPDATE with its
 * withdrawn routes, path attributes and NLRI, NOTIFICATION, KEEPALIVE and ROUTE-REFRESH.
 * Offsets are the message's. A read past the bytes stops the walk ({@link Msg.Stop}) where
 * Wireshark throws; item lengths past the bytes are cut to them, as FT_NONE items are.
 * Work is bounded by the message: every loop moves on by at least one byte of it.
 */
final class BgpWalk {
    private static final int AS_TRANS = 23456;
    private final Msg m;
    private final int capEnd;

    BgpWalk(Msg m) {
        this.m = m;
        this.capEnd = Math.min(m.cap, m.rep);
    }

    /** Builds the message's items under {@code root} (Tree.NOTHING: only how it ends); how the walk ended. */
    LayerTree.End walk(Tree root, Consumer<String> protocols) {
        try {
            pdu(root);
            return LayerTree.End.OK;
        } catch (Msg.Stop stop) {
            return stop.end;
        }
    }

    private Tree at(Tree t, int off, int len) {
        return t.at(m.s, m.base + off, Math.max(0, Math.min(len, capEnd - off)));
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        m.need(off, len);
        return at(t.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private Tree named(Tree t, String key, String name, int off, int len, int v, Map<Integer, String> names) {
        m.need(off, len);
        return at(t.field(key, name + ": " + BgpNames.name(names, v, "Unknown") + " (" + v + ")", Integer.toString(v)), off, len);
    }

    private String ipv4(int off) {
        return m.raw(off) + "." + m.raw(off + 1) + "." + m.raw(off + 2) + "." + m.raw(off + 3);
    }

    private Tree ip(Tree t, String key, String name, int off) {
        m.need(off, 4);
        String a = ipv4(off);
        return at(t.field(key, name + ": " + a, a), off, 4);
    }

    private Tree bytes(Tree t, String key, String name, int off, int len) {
        m.need(off, len);
        return at(t.bytes(key, name, m.s, m.base + off, len), off, len);
    }

    private Tree none(Tree t, String key, String label, int off, int len) {
        return at(t.none(key, label), off, len);
    }

    private void pdu(Tree root) {
        int len = m.u16(Bgp.MARKER);
        int type = m.u8(Bgp.MARKER + 2);
        String typ = BgpNames.name(BgpNames.TYPE, type, String.format("Unknown message type (0x%02x)", type));
        Tree t = at(root.protocol("bgp", "Border Gateway Protocol - " + typ), 0, capEnd);
        Tree mk = bytes(t, "bgp.marker", "Marker", 0, Bgp.MARKER);
        for (int i = 0; i < Bgp.MARKER; i++) {
            if (m.raw(i) != 0xff) {
                mk.expert("bgp.marker_invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Marker is not all ones");
                break;
            }
        }
        Tree tl = uint(t, "bgp.length", "Length", Bgp.MARKER, 2, len);
        if (len < Bgp.HEADER || len > Bgp.MAX) {
            tl.expert("bgp.length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Length is invalid " + len);
            return;
        }
        named(t, "bgp.type", "Type", Bgp.MARKER + 2, 1, type, BgpNames.TYPE);
        switch (type) {
            case 1 -> open(t);
            case 2 -> update(t);
            case 3 -> notification(t);
            case 5, 128 -> routeRefresh(t);
            default -> { }
        }
    }

    // ---- OPEN (dissect_bgp_open, dissect_bgp_capability_item)

    private void open(Tree t) {
        int o = Bgp.HEADER;
        uint(t, "bgp.open.version", "Version", o, 1, m.u8(o));
        int as = m.u16(o + 1);
        Tree ta = uint(t, "bgp.open.myas", "My AS", o + 1, 2, as);
        if (as == AS_TRANS) {
            ta.relabel("My AS: " + as + " (AS_TRANS)");
        }
        uint(t, "bgp.open.holdtime", "Hold Time", o + 3, 2, m.u16(o + 3));
        ip(t, "bgp.open.identifier", "BGP Identifier", o + 5);
        int optlen = m.u8(o + 9);
        uint(t, "bgp.open.opt.len", "Optional Parameters Length", o + 9, 1, optlen);
        o += 10;
        if (optlen == 0) {
            return;
        }
        int oend = o + optlen;
        Tree opts = none(t, "bgp.open.opt", "Optional Parameters", o, optlen);
        while (o < oend) {
            int ptype = m.u8(o);
            String pname = BgpNames.name(BgpNames.PARAM, ptype, "Unknown Parameter " + ptype);
            Tree p = none(opts, "bgp.open.opt.param", "Optional Parameter: " + pname, o, capEnd - o);
            named(p, "bgp.open.opt.param.type", "Parameter Type", o, 1, ptype, BgpNames.PARAM);
            int plen = m.u8(o + 1);
            uint(p, "bgp.open.opt.param.len", "Parameter Length", o + 1, 1, plen);
            at(p, o, plen + 2);
            o += 2;
            switch (ptype) {
                case 1 -> {
                    bytes(p, "bgp.open.opt.param.auth", "Authentication Data", o, plen);
                    o += plen;
                }
                case 2 -> {
                    int cend = o + plen;
                    while (o < cend) {
                        o = capability(p, o);
                    }
                }
                default -> {
                    // added to the parameters' tree, not the parameter's
                    if (plen == 0) {
                        at(opts.field("bgp.open.opt.param.unknown", "Unknown: <MISSING>", ""), o, 0);
                    } else {
                        bytes(opts, "bgp.open.opt.param.unknown", "Unknown", o, plen);
                    }
                    // packet-bgp.c does not step over an unknown parameter's value: the next
                    // parameter is read from it (the loop still moves on by the 2-byte header)
                }
            }
        }
    }

    /** One capability at {@code o}; where the next starts (at least 2 bytes on). */
    private int capability(Tree p, int o) {
        int ctype = m.u8(o);
        String cname = BgpNames.name(BgpNames.CAPABILITY, ctype, "Unknown capability " + ctype);
        Tree c = none(p, "bgp.cap", "Capability: " + cname, o, capEnd - o);
        named(c, "bgp.cap.type", "Type", o, 1, ctype, BgpNames.CAPABILITY);
        int clen = m.u8(o + 1);
        Tree tl = uint(c, "bgp.cap.length", "Length", o + 1, 1, clen);
        at(c, o, clen + 2);
        o += 2;
        int end = o + clen;
        switch (ctype) {
            case 1 -> {
                if (clen != 4) {
                    bad(c, tl, o, clen, "Capability length " + clen + " is wrong, must be = 4");
                } else {
                    named(c, "bgp.cap.mp.afi", "AFI", o, 2, m.u16(o), BgpNames.AFI);
                    bytes(c, "bgp.cap.reserved", "Reserved", o + 2, 1);
                    named(c, "bgp.cap.mp.safi", "SAFI", o + 3, 1, m.u8(o + 3), BgpNames.SAFI);
                }
            }
            case 0, 2, 70, 128 -> {
                if (clen != 0) {
                    bad(c, tl, o, clen, "Capability length " + clen + " wrong, must be = 0");
                }
            }
            case 64 -> {
                if (clen < 2 || (clen - 2) % 4 != 0) {
                    bad(c, tl, o, clen, "Capability length " + clen + " too short, must be greater than 6");
                } else {
                    if (clen == 2) {
                        tl.expert("bgp.cap.gr.helper_mode_only", Tree.Severity.CHAT, Tree.Group.REQUEST_CODE,
                                "Graceful Restart Capability supported in Helper mode only");
                    }
                    int v = m.u16(o);
                    StringBuilder sb = new StringBuilder(String.format("Restart Timers: 0x%04x", v));
                    if ((v & 0x8000) != 0) {
                        sb.append(", Restart state");
                    }
                    if ((v & 0x4000) != 0) {
                        sb.append(", Graceful notification");
                    }
                    Tree tt = at(c.field("bgp.cap.gr.timers", sb.toString(), String.format("0x%04x", v)), o, 2);
                    flag(tt, "bgp.cap.gr.timers.restart_flag", "Restart state", o, 2, v, 0x8000, 16, "Yes", "No");
                    flag(tt, "bgp.cap.gr.timers.notification_flag", "Graceful notification", o, 2, v, 0x4000, 16, "Yes", "No");
                    at(tt.field("bgp.cap.gr.timers.restart_time", Text.bits(v, 0xfff, 16) + " = Time: " + (v & 0xfff),
                            Integer.toString(v & 0xfff)), o, 2).bitmask(0xfff);
                    for (int q = o + 2; q < end; q += 4) {
                        named(c, "bgp.cap.gr.afi", "AFI", q, 2, m.u16(q), BgpNames.AFI);
                        named(c, "bgp.cap.gr.safi", "SAFI", q + 2, 1, m.u8(q + 2), BgpNames.SAFI);
                        int f = m.u8(q + 3);
                        Tree tf = at(c.field("bgp.cap.gr.flag", String.format("Flag: 0x%02x", f)
                                + ((f & 0x80) != 0 ? ", Preserve forwarding state" : ""), String.format("0x%02x", f)), q + 3, 1);
                        flag(tf, "bgp.cap.gr.flag.pfs", "Preserve forwarding state", q + 3, 1, f, 0x80, 8, "Yes", "No");
                    }
                }
            }
            case 65 -> {
                if (clen != 4) {
                    bad(c, tl, o, clen, "Capability length " + clen + " is wrong, must be = 4");
                } else {
                    uint(c, "bgp.cap.4as", "AS Number", o, 4, m.u32(o));
                }
            }
            case 69 -> {
                if (clen % 4 != 0) {
                    bad(c, tl, o, clen, "Capability length " + clen + " is wrong, must be multiple of  4");
                } else {
                    for (int q = o; q < end; q += 4) {
                        named(c, "bgp.cap.ap.afi", "AFI", q, 2, m.u16(q), BgpNames.AFI);
                        named(c, "bgp.cap.ap.safi", "SAFI", q + 2, 1, m.u8(q + 2), BgpNames.SAFI);
                        named(c, "bgp.cap.ap.sendreceive", "Send/Receive", q + 3, 1, m.u8(q + 3), BgpNames.SEND_RECEIVE);
                    }
                }
            }
            default -> {
                if (clen != 0) {
                    bytes(c, "bgp.cap.unknown", "Unknown", o, clen);
                }
            }
        }
        return end;
    }

    private void bad(Tree c, Tree tl, int o, int clen, String message) {
        tl.expert("bgp.cap.length.bad", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
        bytes(c, "bgp.cap.unknown", "Unknown", o, clen);
    }

    private void flag(Tree t, String key, String name, int off, int len, int v, int mask, int width, String yes, String no) {
        boolean set = (v & mask) != 0;
        at(t.field(key, Text.bits(v, mask, width) + " = " + name + ": " + (set ? yes : no), set ? "1" : "0"), off, len).bitmask(mask);
    }

    // ---- UPDATE (dissect_bgp_update, dissect_bgp_path_attr)

    private void update(Tree t) {
        int hlen = m.rep;
        int o = Bgp.HEADER;
        int len = m.u16(o);
        uint(t, "bgp.update.withdrawn_routes.length", "Withdrawn Routes Length", o, 2, len);
        o += 2;
        if (len > 0) {
            Tree w = none(t, "bgp.update.withdrawn_routes", "Withdrawn Routes", o, len);
            int end = o + len;
            boolean addPath = addPath(o, end);
            while (o < end) {
                int i = addPath ? pathPrefix4(w, "bgp.withdrawn_prefix", o, "Withdrawn route", "Withdrawn prefix")
                        : prefix4(w, "bgp.withdrawn_prefix", o, "Withdrawn route", "Withdrawn prefix");
                if (i < 0) {
                    return;
                }
                o += i;
            }
        }
        len = m.u16(o);
        uint(t, "bgp.update.path_attributes.length", "Total Path Attribute Length", o, 2, len);
        if (len == 0) {
            return;
        }
        Tree pa = none(t, "bgp.update.path_attributes", "Path attributes", o + 2, len);
        attributes(pa, len, o + 2);
        o += 2 + len;
        len = hlen - o;
        if (len > 0) {
            Tree n = none(t, "bgp.update.nlri", "Network Layer Reachability Information (NLRI)", o, len);
            int end = o + len;
            boolean addPath = addPath(o, end);
            while (o < end) {
                int i = addPath ? pathPrefix4(n, "bgp.nlri_prefix", o, "NLRI", "NLRI prefix")
                        : prefix4(n, "bgp.nlri_prefix", o, "NLRI", "NLRI prefix");
                if (i < 0) {
                    return;
                }
                o += i;
            }
        }
    }

    /** decode_prefix4: one prefix at {@code o}; its length in bytes, or -1 for a length above 32. */
    private int prefix4(Tree t, String key, int o, String tag, String name) {
        int plen = m.u8(o);
        if (plen > 32) {
            at(t.text(tag + " length " + plen + " invalid (> 32)"), o, 1)
                    .expert("bgp.length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, tag + " length " + plen + " invalid (> 32)");
            return -1;
        }
        int n = (plen + 7) / 8;
        m.need(o + 1, n);
        int[] a = new int[4];
        for (int k = 0; k < n; k++) {
            a[k] = m.raw(o + 1 + k);
        }
        if (plen % 8 != 0) {
            a[n - 1] &= 0xff << (8 - plen % 8);
        }
        String addr = a[0] + "." + a[1] + "." + a[2] + "." + a[3];
        Tree p = at(t.text(addr + "/" + plen), o, 1 + n);
        at(p.field("bgp.prefix_length", tag + " prefix length: " + plen, Integer.toString(plen)), o, 1);
        at(p.field(key, name + ": " + addr, addr), o + 1, n);
        return 1 + n;
    }

    /**
     * detect_add_path_prefix4: whether the IPv4 prefixes of {@code [o, end)} read as Additional
     * Paths (RFC 7911: a 4-byte path identifier before each) and not as plain prefixes. Its reads
     * throw past the message as packet-bgp.c's do; each step moves on by at least one byte.
     */
    private boolean addPath(int offset, int end) {
        for (int o = offset + 4; o < end; o += 4) {
            int plen = m.u8(o);
            if (plen > 32) {
                return false;
            }
            o += 1 + (plen + 7) / 8;
            if (o > end) {
                return false;
            }
            if (plen % 8 > 0 && (m.u8(o - 1) & 0xff >> plen % 8) != 0) {
                return false;
            }
        }
        for (int o = offset; o < end;) {
            int plen = m.u8(o);
            if (plen == 0 && end - offset > 1) {
                return true;
            }
            if (plen > 32) {
                return true;
            }
            o += 1 + (plen + 7) / 8;
            if (o > end) {
                return true;
            }
            if (plen % 8 > 0 && (m.u8(o - 1) & 0xff >> plen % 8) != 0) {
                return true;
            }
        }
        return false;
    }

    /** decode_path_prefix4: a path identifier and a prefix at {@code o}; their length in bytes, or -1. */
    private int pathPrefix4(Tree t, String key, int o, String tag, String name) {
        long id = m.u32(o);
        int plen = m.u8(o + 4);
        if (plen > 32) {
            at(t.text(tag + " length " + plen + " invalid (> 32)"), o + 4, 1)
                    .expert("bgp.length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, tag + " length " + plen + " invalid (> 32)");
            return -1;
        }
        int n = (plen + 7) / 8;
        m.need(o + 5, n);
        int[] a = new int[4];
        for (int k = 0; k < n; k++) {
            a[k] = m.raw(o + 5 + k);
        }
        if (plen % 8 != 0) {
            a[n - 1] &= 0xff << (8 - plen % 8);
        }
        String addr = a[0] + "." + a[1] + "." + a[2] + "." + a[3];
        Tree p = at(t.text(addr + "/" + plen + " PathId " + id + " "), o, 5 + n);
        at(p.field("bgp.nlri_path_id", "NLRI path id: " + id, Long.toString(id)), o, 4);
        at(p.field("bgp.prefix_length", "Prefix Length: " + plen, Integer.toString(plen)), o + 4, 1);
        at(p.field(key, name + ": " + addr, addr), o + 5, n);
        return 5 + n;
    }

    /** decode_prefix6 for MP_REACH/MP_UNREACH IPv6 unicast; its length in bytes, or -1. */
    private int prefix6(Tree t, String key, int o, String tag, String name) {
        int plen = m.u8(o);
        if (plen > 128) {
            at(t.text(tag + " length " + plen + " invalid"), o, 1)
                    .expert("bgp.prefix_length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, tag + " length " + plen + " invalid");
            return -1;
        }
        int n = (plen + 7) / 8;
        m.need(o + 1, n);
        byte[] a = new byte[16];
        for (int k = 0; k < n; k++) {
            a[k] = (byte) m.raw(o + 1 + k);
        }
        if (plen % 8 != 0) {
            a[n - 1] &= (byte) (0xff << (8 - plen % 8));
        }
        String addr = Text.ipv6(a);
        Tree p = at(t.text(addr + "/" + plen), o, 1 + n);
        at(p.field("bgp.prefix_length", tag + " prefix length: " + plen, Integer.toString(plen)), o, 1);
        at(p.field(key, name + ": " + addr, addr), o + 1, n);
        return 1 + n;
    }

    private void attributes(Tree pa, int total, int o) {
        int i = 0;
        // each attribute takes at least its 3-byte header: the loop ends
        while (i < total) {
            int flags = m.u8(o + i);
            int type = m.u8(o + i + 1);
            int aoff;
            int tlen;
            if ((flags & 0x10) != 0) {
                aoff = 4;
                tlen = m.u16(o + i + 2);
            } else {
                aoff = 3;
                tlen = m.u8(o + i + 2);
            }
            String tname = BgpNames.name(BgpNames.ATTRIBUTE, type, "Unknown (" + type + ")");
            current = "Path Attribute - " + tname;
            Tree a = none(pa, "bgp.update.path_attribute", current, o + i, tlen + aoff);
            StringBuilder fl = new StringBuilder(String.format("Flags: 0x%02x", flags));
            if ((flags & 0x80) != 0) {
                fl.append(", Optional");
            }
            if ((flags & 0x40) != 0) {
                fl.append(", Transitive");
            }
            if ((flags & 0x20) != 0) {
                fl.append(", Partial");
            }
            if ((flags & 0x10) != 0) {
                fl.append(", Extended-Length");
            }
            if ((flags & 0x80) == 0) {
                fl.append(", Well-known");
            }
            if ((flags & 0x40) == 0) {
                fl.append(", Non-transitive");
            }
            if ((flags & 0x20) == 0) {
                fl.append(", Complete");
            }
            Tree tf = at(a.field("bgp.update.path_attribute.flags", fl.toString(), String.format("0x%02x", flags)), o + i, 1);
            flag(tf, "bgp.update.path_attribute.flags.optional", "Optional", o + i, 1, flags, 0x80, 8, "Set", "Not set");
            flag(tf, "bgp.update.path_attribute.flags.transitive", "Transitive", o + i, 1, flags, 0x40, 8, "Set", "Not set");
            flag(tf, "bgp.update.path_attribute.flags.partial", "Partial", o + i, 1, flags, 0x20, 8, "Set", "Not set");
            flag(tf, "bgp.update.path_attribute.flags.extended_length", "Extended-Length", o + i, 1, flags, 0x10, 8, "Set", "Not set");
            at(tf.field("bgp.update.path_attribute.flags.unused", Text.bits(flags, 0x0f, 8) + " = Unused: 0x" + Integer.toHexString(flags & 0x0f),
                    String.format("0x%02x", flags & 0x0f)), o + i, 1).bitmask(0x0f);
            named(a, "bgp.update.path_attribute.type_code", "Type Code", o + i + 1, 1, type, BgpNames.ATTRIBUTE);
            Tree tl = uint(a, "bgp.update.path_attribute.length", "Length", o + i + 2, aoff - 2, tlen);
            if (aoff + tlen > total - i) {
                at(a.text("Path attribute length is invalid: " + tlen + (tlen == 1 ? " byte" : " bytes")), o + i + aoff, tlen)
                        .expert("bgp.length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                "Path attribute length is invalid: " + tlen + (tlen == 1 ? " byte" : " bytes"));
                // tshark 4.0.17 ends the message there with a malformed packet
                throw new Msg.Stop(LayerTree.End.MALFORMED);
            }
            attribute(a, tl, type, o + i + aoff, tlen);
            i += aoff + tlen;
        }
    }

    private void attribute(Tree a, Tree tl, int type, int q, int tlen) {
        switch (type) {
            case 1 -> {
                if (tlen != 1) {
                    invalid(a, q, tlen, "Origin (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    int v = m.u8(q);
                    named(a, "bgp.update.path_attribute.origin", "Origin", q, 1, v, BgpNames.ORIGIN);
                    append(a, ": " + BgpNames.name(BgpNames.ORIGIN, v, "Unknown"));
                }
            }
            case 2, 17 -> asPath(a, type, q, tlen);
            case 3 -> {
                if (tlen != 4) {
                    invalid(a, q, tlen, "Next hop (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    ip(a, "bgp.update.path_attribute.next_hop", "Next hop", q);
                    append(a, ": " + ipv4(q) + " ");
                }
            }
            case 4 -> {
                if (tlen != 4) {
                    invalid(a, q, tlen, "Multiple exit discriminator (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    long v = m.u32(q);
                    uint(a, "bgp.update.path_attribute.multi_exit_disc", "Multiple exit discriminator", q, 4, v);
                    append(a, ": " + v);
                }
            }
            case 5 -> {
                if (tlen != 4) {
                    invalid(a, q, tlen, "Local preference (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    long v = m.u32(q);
                    uint(a, "bgp.update.path_attribute.local_pref", "Local preference", q, 4, v);
                    append(a, ": " + v);
                }
            }
            case 6 -> {
                if (tlen != 0) {
                    invalid(a, q, tlen, "Atomic aggregate (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                }
            }
            case 8 -> communities(a, q, tlen);
            case 14 -> mpReach(a, q, tlen);
            case 15 -> mpUnreach(a, q, tlen);
            default -> otherAttribute(a, type, q, tlen);
        }
    }

    /*
     * attribute hands the aggregator, originator, cluster list, large communities and unknown
     * attributes to otherAttribute: each label's string concatenation is a call site that C1
     * inlines whole, and attribute with them took 11 MB to compile with C1, past the launcher's
     * 10 MB cap (MemLimit), so it ran interpreted.
     */
    private void otherAttribute(Tree a, int type, int q, int tlen) {
        switch (type) {
            case 7 -> {
                if (tlen != 6 && tlen != 8) {
                    invalid(a, q, tlen, "Aggregator (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    int asn = tlen - 4;
                    long as = asn == 2 ? m.u16(q) : m.u32(q);
                    uint(a, "bgp.update.path_attribute.aggregator_as", "Aggregator AS", q, asn, as);
                    ip(a, "bgp.update.path_attribute.aggregator_origin", "Aggregator origin", q + asn);
                    append(a, ": AS: " + as + " origin: " + ipv4(q + asn));
                }
            }
            case 9 -> {
                if (tlen != 4) {
                    invalid(a, q, tlen, "Originator identifier (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    ip(a, "bgp.update.path_attribute.originator_id", "Originator identifier", q);
                    append(a, ": " + ipv4(q) + " ");
                }
            }
            case 10 -> {
                if (tlen % 4 != 0) {
                    invalid(a, q, tlen, "Cluster list (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
                } else {
                    StringBuilder ids = new StringBuilder(":");
                    Tree cl = none(a, "bgp.path_attribute.cluster_list", "Cluster List", q, tlen);
                    for (int k = q; k < q + tlen; k += 4) {
                        ip(cl, "bgp.path_attribute.cluster_id", "Cluster ID", k);
                        ids.append(' ').append(ipv4(k));
                    }
                    cl.relabel("Cluster List" + ids);
                    append(a, ids.toString());
                }
            }
            case 32 -> {
                if (tlen % 12 != 0) {
                    return; // packet-bgp.c shows nothing of a length that is not a multiple of 12
                }
                StringBuilder all = new StringBuilder();
                for (int k = q; k + 12 <= q + tlen; k += 12) {
                    long ga = m.u32(k);
                    long l1 = m.u32(k + 4);
                    long l2 = m.u32(k + 8);
                    String c = ga + ":" + l1 + ":" + l2;
                    Tree lc = at(a.field("bgp.large_communities", "Large communities: " + c, "[ Null ]"), k, 12);
                    uint(lc, "bgp.large_communities.ga", "Global Administrator", k, 4, ga);
                    uint(lc, "bgp.large_communities.ldp1", "Local Data Part 1", k + 4, 4, l1);
                    uint(lc, "bgp.large_communities.ldp2", "Local Data Part 2", k + 8, 4, l2);
                    all.append(all.isEmpty() ? ": " : " ").append(c);
                }
                append(a, all.toString());
            }
            default -> none(a, "bgp.update.path_attributes.unknown", "Unknown Path attributes", q, tlen);
        }
    }

    /** COMMUNITIES (RFC 1997): each community as AS:value, or a well-known one by name. */
    private void communities(Tree a, int q, int tlen) {
        if (tlen % 4 != 0) {
            invalid(a, q, tlen, "Communities (invalid): " + tlen + (tlen == 1 ? " byte" : " bytes"));
            return;
        }
        append(a, ": ");
        Tree cs = none(a, "bgp.update.path_attribute.communities", "Communities", q, tlen);
        StringBuilder text = new StringBuilder("Communities: ");
        for (int k = q; k < q + tlen; k += 4) {
            long c = m.u32(k);
            long high = c >>> 16;
            if (high == 0 || high == 0xffff) {
                String name = BgpNames.name(BgpNames.COMMUNITY, (int) c, "Reserved");
                at(cs.field("bgp.update.path_attribute.community_wellknown", "Community Well-known: "
                        + BgpNames.name(BgpNames.COMMUNITY, (int) c, "Unknown")
                        + String.format(" (0x%08x)", c), String.format("0x%08x", c)), k, 4);
                append(a, name + " ");
                text.append(name).append(' ');
            } else {
                int as = m.u16(k);
                int v = m.u16(k + 2);
                Tree one = none(cs, "bgp.update.path_attribute.community", "Community: " + as + ":" + v + " ", k, 4);
                uint(one, "bgp.update.path_attribute.community_as", "Community AS", k, 2, as);
                uint(one, "bgp.update.path_attribute.community_value", "Community value", k + 2, 2, v);
                append(a, as + ":" + v + " ");
                text.append(as).append(':').append(v).append(' ');
            }
        }
        cs.relabel(text.toString());
    }

    /** proto_tree_add_expert_format on the attribute's tree over its value. */
    private void invalid(Tree a, int q, int tlen, String message) {
        at(a.text(message), q, tlen).expert("bgp.length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
    }

    /** The label of the attribute being walked, to which proto_item_append_text adds. */
    private String current = "";

    private void append(Tree a, String text) {
        current = current + text;
        a.relabel(current);
    }

    /** heuristic_as2_or_4_from_as_path: 2 or 4, 0 for an empty path, 255 where neither fits. */
    private int asLength(int start, int end, int type) {
        if (type == 17) {
            return 4;
        }
        if (start == end) {
            return 0;
        }
        int k = start + 1;
        int length = m.u8(k++);
        int check = k + 2 * length;
        int next = m.u8(check);
        int assumed;
        if (check == end) {
            assumed = 2;
        } else if (next >= 1 && next <= 4) {
            boolean nul = false;
            for (int j = 0; j < length && !nul; j++) {
                if (m.u16(k + 2 * j) == 0) {
                    nul = true;
                }
            }
            assumed = nul ? 4 : 2;
        } else {
            assumed = 4;
        }
        k = start;
        while (k < end) {
            k++;
            length = m.u8(k);
            k++;
            k += length * assumed;
        }
        return k == end ? assumed : 255;
    }

    private void asPath(Tree a, int type, int q, int tlen) {
        int end = q + tlen;
        int asn = asLength(q, end, type);
        if (asn == 255) {
            a.expert("bgp.attr.as_path.as_len", Tree.Severity.ERROR, Tree.Group.UNDECODED, "ASN length uncalculated by heuristic : 255");
            return;
        }
        StringBuilder path = new StringBuilder();
        while (q < end) {
            int st = m.u8(q);
            int length = m.u8(q + 1);
            StringBuilder seg = new StringBuilder();
            Tree s = none(a, "bgp.update.path_attribute.as_path_segment", "AS Path segment", q, length * asn + 2);
            named(s, "bgp.update.path_attribute.as_path_segment.type", "Segment type", q, 1, st, BgpNames.SEGMENT);
            uint(s, "bgp.update.path_attribute.as_path_segment.length", "Segment length (number of ASN)", q + 1, 1, length);
            q += 2;
            String open = switch (st) {
                case 1 -> "{";
                case 3 -> "(";
                case 4 -> "[";
                default -> "";
            };
            seg.append(open);
            for (int j = 0; j < length; j++) {
                long v = asn == 2 ? m.u16(q) : m.u32(q);
                String key = asn == 2 ? "bgp.update.path_attribute.as_path_segment.as2" : "bgp.update.path_attribute.as_path_segment.as4";
                Tree ti = uint(s, key, asn == 2 ? "AS2" : "AS4", q, asn, v);
                if (v == AS_TRANS) {
                    ti.relabel((asn == 2 ? "AS2: " : "AS4: ") + v + " (AS_TRANS)");
                }
                seg.append(v).append(j + 1 < length ? " " : "");
                q += asn;
            }
            String close = switch (st) {
                case 1 -> "}";
                case 3 -> ")";
                case 4 -> "]";
                default -> "";
            };
            seg.append(close);
            s.relabel("AS Path segment: " + seg);
            path.append(seg).append(' ');
        }
        append(a, ": " + (path.isEmpty() ? "empty" : path));
    }

    private void mpReach(Tree a, int q, int tlen) {
        int af = m.u16(q);
        named(a, "bgp.update.path_attribute.mp_reach_nlri.afi", "Address family identifier (AFI)", q, 2, af, BgpNames.AFI);
        int saf = m.u8(q + 2);
        named(a, "bgp.update.path_attribute.mp_reach_nlri.safi", "Subsequent address family identifier (SAFI)", q + 2, 1, saf, BgpNames.SAFI);
        int nhlen = m.u8(q + 3);
        nextHop(a, af, q + 4, nhlen);
        int o = q + 4 + nhlen;
        int rest = tlen - nhlen - 4;
        int snpa = m.u8(o);
        Tree ts = uint(a, "bgp.update.path_attribute.mp_reach_nlri.nbr_snpa", "Number of Subnetwork points of attachment (SNPA)", o, 1, snpa);
        int off = 1;
        for (; snpa > 0; snpa--) {
            int sl = m.u8(o + off);
            uint(ts, "bgp.update.path_attribute.mp_reach_nlri.snpa_length", "SNPA Length", o + off, 1, sl);
            off++;
            bytes(ts, "bgp.update.path_attribute.mp_reach_nlri.snpa", "SNPA", o + off, sl);
            off += sl;
        }
        rest -= off;
        o += off;
        Tree n = none(a, "bgp.update.path_attribute.mp_reach_nlri", "Network Layer Reachability Information (NLRI)", o, rest);
        nlri(n, af, saf, o, rest, "MP Reach NLRI", "bgp.mp_reach_nlri_ipv4_prefix", "bgp.mp_reach_nlri_ipv6_prefix");
    }

    private void mpUnreach(Tree a, int q, int tlen) {
        int af = m.u16(q);
        named(a, "bgp.update.path_attribute.mp_unreach_nlri.afi", "Address family identifier (AFI)", q, 2, af, BgpNames.AFI);
        int saf = m.u8(q + 2);
        named(a, "bgp.update.path_attribute.mp_unreach_nlri.safi", "Subsequent address family identifier (SAFI)", q + 2, 1, saf, BgpNames.SAFI);
        int o = q + 3;
        int rest = tlen - 3;
        Tree n = none(a, "bgp.update.path_attribute.mp_unreach_nlri", "Withdrawn Routes", o, rest);
        nlri(n, af, saf, o, rest, "MP Unreach NLRI", "bgp.mp_unreach_nlri_ipv4_prefix", "bgp.mp_unreach_nlri_ipv6_prefix");
    }

    private void nlri(Tree n, int af, int saf, int o, int rest, String tag, String key4, String key6) {
        if (rest <= 0) {
            return;
        }
        if (af != 1 && af != 2 || saf != 1 && saf != 2 && saf != 3) {
            return; // families tcpscope does not decode (docs/BGP.md)
        }
        while (rest > 0) {
            int adv = af == 1 ? prefix4(n, key4, o, tag, tag + " IPv4 prefix") : prefix6(n, key6, o, tag, tag + " IPv6 prefix");
            if (adv < 0) {
                break;
            }
            rest -= adv;
            o += adv;
        }
    }

    /** decode_mp_next_hop for IPv4 and IPv6 unicast/multicast: "IPv6=... Link-local=...". */
    private void nextHop(Tree a, int af, int o, int nhlen) {
        m.need(o, nhlen);
        StringBuilder sb = new StringBuilder();
        if (af == 1 && nhlen == 4) {
            sb.append(ipv4(o));
        } else if (af == 2 && nhlen == 16) {
            sb.append(v6(o));
        } else if (af == 2 && nhlen == 32) {
            sb.append("IPv6=").append(v6(o)).append(" Link-local=").append(v6(o + 16));
        }
        // the item covers the length byte too (decode_mp_next_hop's tvb starts at it)
        Tree nh = at(a.bytes("bgp.update.path_attribute.mp_reach_nlri.next_hop", "Next hop", m.s, m.base + o - 1, nhlen + 1), o - 1, nhlen + 1);
        if (sb.length() > 0) {
            nh.relabel("Next hop: " + sb);
        }
        if (af == 1 && nhlen == 4) {
            ip(nh, "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", "IPv4 Address", o);
        } else if (af == 2 && (nhlen == 16 || nhlen == 32)) {
            String v = v6(o);
            at(nh.field("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6", "IPv6 Address: " + v, v), o, 16);
            if (nhlen == 32) {
                String l = v6(o + 16);
                at(nh.field("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local", "Link-local Address: " + l, l), o + 16, 16);
            }
        }
    }

    private String v6(int o) {
        byte[] b = new byte[16];
        for (int k = 0; k < 16; k++) {
            b[k] = (byte) m.raw(o + k);
        }
        return Text.ipv6(b);
    }

    // ---- NOTIFICATION, ROUTE-REFRESH

    private void notification(Tree t) {
        int hlen = m.rep;
        int o = Bgp.HEADER;
        int major = m.u8(o);
        named(t, "bgp.notify.major_error", "Major error Code", o, 1, major, BgpNames.MAJOR);
        o++;
        int minor = m.u8(o);
        switch (major) {
            case 1 -> named(t, "bgp.notify.minor_error", "Minor error Code (Message Header)", o, 1, minor, BgpNames.MINOR_HEADER);
            case 2 -> named(t, "bgp.notify.minor_error_open", "Minor error Code (Open Message)", o, 1, minor, BgpNames.MINOR_OPEN);
            case 3 -> named(t, "bgp.notify.minor_error_update", "Minor error Code (Update Message)", o, 1, minor, BgpNames.MINOR_UPDATE);
            case 4 -> uint(t, "bgp.notify.minor_error_expired", "Minor error Code (Hold Timer Expired)", o, 1, minor);
            case 5 -> named(t, "bgp.notify.minor_error_state", "Minor error Code (State Machine)", o, 1, minor, BgpNames.MINOR_STATE);
            case 6 -> named(t, "bgp.notify.minor_error_cease", "Minor error Code (Cease)", o, 1, minor, BgpNames.MINOR_CEASE);
            case 7 -> named(t, "bgp.notify.minor_error_capability", "Minor error Code (Capability Message)", o, 1, minor, BgpNames.MINOR_CAPABILITY);
            default -> uint(t, "bgp.notify.minor_error_unknown", "Minor error Code (Unknown)", o, 1, minor)
                    .expert("bgp.notify.minor_error.unknown", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Unknown notification error (" + major + ")");
        }
        o++;
        if (hlen <= 21) {
            return;
        }
        int clen = m.u8(o);
        if (major == 6 && (minor == 2 || minor == 4) && hlen - o == clen + 1) {
            uint(t, "bgp.notify.communication_length", "BGP Shutdown Communication Length", o, 1, clen);
            o++;
            m.need(o, clen);
            String text = new String(readBytes(o, clen), java.nio.charset.StandardCharsets.UTF_8);
            at(t.string("bgp.notify.communication", "Shutdown Communication", text), o, clen);
        } else if (major == 2 && minor == 2 && hlen - 21 >= 1 && hlen - 21 <= 4) {
            int n = hlen - 21;
            m.need(o, n);
            long v = 0;
            for (int k = 0; k < n; k++) {
                v = v << 8 | m.raw(o + k);
            }
            uint(t, "bgp.notify.error_open.bad_peer_as", "Bad Peer AS", o, n, v);
        } else {
            bytes(t, "bgp.notify.minor_data", "Data", o, hlen - 21);
        }
    }

    private byte[] readBytes(int o, int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) m.raw(o + k);
        }
        return b;
    }

    private void routeRefresh(Tree t) {
        int o = Bgp.HEADER;
        named(t, "bgp.route_refresh.afi", "Address family identifier (AFI)", o, 2, m.u16(o), BgpNames.AFI);
        named(t, "bgp.route_refresh.subtype", "Subtype", o + 2, 1, m.u8(o + 2), BgpNames.REFRESH_SUBTYPE);
        named(t, "bgp.route_refresh.safi", "Subsequent address family identifier (SAFI)", o + 3, 1, m.u8(o + 3), BgpNames.SAFI);
    }
}
