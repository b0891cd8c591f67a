package dev.tcpscope.proto.pim;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.wire.InternetChecksum;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * PIM as packet-pim.c (Wireshark 4.0) shows it: version 2 over IP protocol 103 (RFC 7761 sparse
 * mode, RFC 3973 dense mode, RFC 5015 bidirectional DF election) and version 1 inside IGMP type
 * 0x14, which packet-igmp.c hands to it through its "igmp.type" table ({@link PimV1}).
 *
 * <p>One walk makes the Protocol and Info columns, the tree and the fields, in packet-pim.c's
 * order of reads, so that a message cut short stops where tshark's bounds exception does: the
 * {@link Tvb.Stop} a read throws is what the caller shows. A Register's encapsulated datagram is
 * not walked here: {@link #carried} tells the dissector which IP version to hand it to, as
 * packet-pim.c calls the ip or ipv6 dissector, and the columns stay PIM's (col_set_writable).
 */
public final class Pim {
    private Pim() { }

    static final int AFNUM_INET = 1;
    static final int AFNUM_INET6 = 2;

    /** The IP version of the datagram a PIMv2 Register at {@code off} carries from its byte 8 (4 or 6), else 0. */
    public static int carried(MemorySegment s, long off, int cap, int rep) {
        if (cap < 9 || rep < 9) {
            return 0; // the walk stops on the flags or the version before handing anything on
        }
        int b0 = s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
        if (b0 != 0x21) {
            return 0;
        }
        int v = (s.get(ValueLayout.JAVA_BYTE, off + 8) & 0xff) >> 4;
        return v == 4 || v == 6 ? v : 0;
    }

    /** Whether the PIMv2 message at {@code off} is a Register (its columns are then no longer written). */
    public static boolean register(MemorySegment s, long off, int cap) {
        return cap >= 1 && (s.get(ValueLayout.JAVA_BYTE, off) & 0xff) == 0x21;
    }

    /**
     * Walks the PIM message (IP protocol 103) in {@code t}: sets the columns and adds the tree
     * under {@code root}.
     *
     * @param ip the addresses of the IP layer below (the IPv6 checksum's pseudo-header)
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Vrrp.Ip ip, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("PIM");
        info.setLength(0);
        try {
            new Walk(t, ip, fragmented, root).message(protocol, info);
            return null;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented);
        }
    }

    private static final class Walk {
        final Tvb t;
        final Vrrp.Ip ip;
        final boolean fragmented;
        final Tree root;
        final Addr addr;
        Tree pim;
        Tree opts;

        Walk(Tvb t, Vrrp.Ip ip, boolean fragmented, Tree root) {
            this.t = t;
            this.ip = ip;
            this.fragmented = fragmented;
            this.root = root;
            this.addr = new Addr(t);
        }

        void message(StringBuilder protocol, StringBuilder info) {
            int typever = t.u8(0);
            int version = typever >> 4;
            int type = typever & 0x0f;
            protocol.setLength(0);
            protocol.append("PIMv").append(version);
            info.append(version == 2 ? PimNames.type(type) : "Unknown");
            pim = t.at(root.protocol("pim", "Protocol Independent Multicast"), 0, t.cap);
            t.at(pim.field("pim.version", Text.bits(typever, 0xf0, 8) + " = Version: " + version, Integer.toString(version))
                    .bitmask(0xf0), 0, 1);
            t.at(pim.field("pim.type", Text.bits(typever, 0x0f, 8) + " = Type: " + PimNames.typeItem(type) + " (" + type + ")",
                    Integer.toString(type)).bitmask(0x0f), 0, 1);
            if (type == 10) {
                int b = t.u8(1);
                t.at(pim.field("pim.df_elect.subtype", Text.bits(b, 0xf0, 8) + " = DF Subtype: " + PimNames.df(b >> 4)
                        + " (" + (b >> 4) + ")", Integer.toString(b >> 4)).bitmask(0xf0), 1, 1);
                t.at(pim.field("pim.df_elect.rsvd", Text.bits(b, 0x0f, 8) + " = DF reserved: " + (b & 0x0f),
                        Integer.toString(b & 0x0f)).bitmask(0x0f), 1, 1);
            } else {
                if (type == 12) {
                    int b = t.u8(1);
                    t.at(pim.field("pim.pfmnoforwardbit", Text.bits(b, 0x80, 8) + " = Pfm no forward bit: "
                            + ((b & 0x80) != 0 ? "True" : "False"), (b & 0x80) != 0 ? "1" : "0").bitmask(0x80), 1, 1);
                }
                reserved(pim, 1, 1);
            }
            if (version != 2) {
                checksum(pim, 2, -1);
                if (t.rep > 0) {
                    t.at(pim.none("pim.option", "PIM Options"), 0, t.cap);
                }
                return;
            }
            int length = t.rep;
            int pimLength = type == 1 ? 8 : length;
            checksum(pim, 2, !fragmented && length >= pimLength && t.cap >= pimLength ? pimLength : -1);
            int off = 4;
            if (t.rep - off <= 0) {
                return;
            }
            opts = t.at(pim.none("pim.option", "PIM Options"), off, t.cap - off);
            switch (type) {
                case 0 -> hello(off);
                case 1 -> register(off);
                case 2 -> {
                    int a = addr.group(opts, off, null, "pim.group", "pim.group_ip6");
                    if (a > 0) {
                        addr.unicast(opts, off + a, null, "Source", "pim.source", "pim.source_ip6");
                    }
                }
                case 3, 6, 7 -> joinPrune(off);
                case 4 -> bootstrap(off);
                case 5 -> assertion(off);
                case 8 -> candidateRp(off);
                case 9 -> stateRefresh(off);
                case 10 -> dfElection(off);
                default -> { }
            }
        }

        /** A "Reserved byte(s)" item ({@code pim.res_bytes}). */
        void reserved(Tree parent, int off, int len) {
            t.need(off, len);
            t.at(parent.bytes("pim.res_bytes", "Reserved byte(s)", t.s, t.base + off, len), off, len);
        }

        /** proto_tree_add_checksum: verified over {@code [0, len)} (and IPv6's pseudo-header), or unverified for -1. */
        void checksum(Tree parent, int off, int len) {
            int sum = t.u16(off);
            String hex = String.format("0x%04x", sum);
            if (len < 0) {
                t.at(parent.field("pim.cksum", "Checksum: " + hex + " [unverified]", hex), off, 2);
                t.at(parent.field("pim.cksum.status", "Checksum Status: Unverified", "2").generated(), off, 0);
                return;
            }
            int computed;
            if (ip != null && ip.src().length == 16) {
                byte[] pseudo = new byte[40];
                System.arraycopy(ip.src(), 0, pseudo, 0, 16);
                System.arraycopy(ip.dst(), 0, pseudo, 16, 16);
                pseudo[32] = (byte) (len >>> 24);
                pseudo[33] = (byte) (len >>> 16);
                pseudo[34] = (byte) (len >>> 8);
                pseudo[35] = (byte) len;
                pseudo[39] = 103;
                computed = combined(pseudo, len);
            } else {
                computed = InternetChecksum.of(t.s, t.base, len);
            }
            if (computed == 0) {
                t.at(parent.field("pim.cksum", "Checksum: " + hex + " [correct]", hex), off, 2);
                t.at(parent.field("pim.cksum.status", "Checksum Status: Good", "1").generated(), off, 0);
            } else {
                String should = String.format("0x%04x", InternetChecksum.shouldBe(sum, computed));
                Tree c = t.at(parent.field("pim.cksum", "Checksum: " + hex + " incorrect, should be " + should, hex), off, 2);
                c.expert("pim.bad_checksum", Tree.Severity.ERROR, Tree.Group.CHECKSUM, "Bad checksum [should be " + should + "]");
                t.at(parent.field("pim.cksum.status", "Checksum Status: Bad", "0").generated(), off, 0);
            }
        }

        /** in_cksum over the pseudo-header then the message (an odd message length pads its last byte). */
        private int combined(byte[] pseudo, int len) {
            byte[] all = new byte[pseudo.length + len];
            System.arraycopy(pseudo, 0, all, 0, pseudo.length);
            MemorySegment.copy(t.s, ValueLayout.JAVA_BYTE, t.base, all, pseudo.length, len);
            return InternetChecksum.of(MemorySegment.ofArray(all), 0, all.length);
        }

        void hello(int off) {
            int count = 0;
            while (t.rep - off >= 2) {
                count++;
                int opt = t.u16(off);
                int len = t.u16(off + 2);
                t.need(off, 4 + len); // the option's subtree covers it
                Tree o = t.at(opts.text("Option " + opt + ": " + PimNames.option(opt)), off, 4 + len);
                String title = "Option " + opt + ": " + PimNames.option(opt);
                t.at(o.field("pim.optiontype", "Type: " + opt, Integer.toString(opt)), off, 2);
                t.at(o.field("pim.optionlength", "Length: " + len, Integer.toString(len)), off + 2, 2);
                int v = off + 4;
                helloValue(o, title, opt, off, v, len);
                off += 4 + len;
            }
            opts.relabel("PIM Options: " + count);
        }

        /*
         * hello is cut into pieces (helloValue, lanPruneDelay, stateRefresh): each label's string
         * concatenation is a call site that C1 inlines whole, and the method in one piece took
         * 12.5 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran
         * interpreted.
         */

        /** A Hello option's value, {@code len} bytes at {@code v}, under its item {@code o}. */
        private void helloValue(Tree o, String title, int opt, int off, int v, int len) {
            switch (opt) {
                case 1 -> {
                    int hold = t.u16(v);
                    String special = hold == 0 ? "goodbye" : hold == 0xffff ? "Infinity" : null;
                    t.at(o.field("pim.holdtime", "Holdtime: " + (special == null ? Integer.toString(hold)
                            : special + " (" + hold + ")"), Integer.toString(hold)), v, 2);
                    o.relabel(title + ": " + hold + (special == null ? "" : " (" + special + ")"));
                }
                case 2 -> lanPruneDelay(o, title, v);
                case 19, 20 -> {
                    long n = t.u32(v);
                    String key = opt == 19 ? "pim.dr_priority" : "pim.generation_id";
                    String name = opt == 19 ? "DR Priority" : "Generation ID";
                    t.at(o.field(key, name + ": " + n, Long.toString(n)), v, 4);
                    o.relabel(title + ": " + t.u32(v));
                }
                case 21 -> stateRefresh(o, title, v);
                case 24, 65001 -> {
                    Tree list = t.at(o.text((opt == 65001 ? "old " : "") + "Address List (" + opt + ")"), off, 4 + len);
                    // bounded by the option's length: each address advances at least 6 bytes
                    for (int i = v; i < v + len; ) {
                        int a = addr.unicast(list, i, null, "Address", "pim.address_list", "pim.address_list_ip6");
                        if (a <= 0) {
                            break;
                        }
                        i += a;
                    }
                }
                default -> {
                    if (len > 0) {
                        t.need(v, len);
                        t.at(o.bytes("pim.optionvalue", "Unknown", t.s, t.base + v, len), v, len);
                    }
                }
            }
        }

        /** Option 2, LAN Prune Delay. */
        private void lanPruneDelay(Tree o, String title, int v) {
            int b = t.u8(v);
            t.at(o.field("pim.t", Text.bits(b, 0x80, 8) + " = T: " + ((b & 0x80) != 0 ? "True" : "False"),
                    (b & 0x80) != 0 ? "1" : "0").bitmask(0x80), v, 1);
            int w = t.u16(v);
            t.at(o.field("pim.propagation_delay", Text.bits(w, 0x7fff, 16) + " = Propagation Delay: " + (w & 0x7fff),
                    Integer.toString(w & 0x7fff)).bitmask(0x7fff), v, 2);
            int oi = t.u16(v + 2);
            t.at(o.field("pim.override_interval", "Override Interval: " + oi, Integer.toString(oi)), v + 2, 2);
            o.relabel(title + ": T = " + ((t.u8(v) & 0x80) != 0 ? 1 : 0) + ", Propagation Delay = "
                    + (t.u16(v) & 0x7fff) + "ms, Override Interval = " + t.u16(v + 2) + "ms");
        }

        /** Option 21, State Refresh Capable. */
        private void stateRefresh(Tree o, String title, int v) {
            int ver = t.u8(v);
            t.at(o.field("pim.state_refresh_version", "Version: " + ver, Integer.toString(ver)), v, 1);
            int iv = t.u8(v + 1);
            t.at(o.field("pim.state_refresh_interval", "Interval: " + iv, Integer.toString(iv)), v + 1, 1);
            int r = t.u16(v + 2);
            t.at(o.field("pim.state_refresh_reserved", "Reserved: " + r, Integer.toString(r)), v + 2, 2);
            o.relabel(title + ": Version = " + t.u8(v) + ", Interval = " + t.u8(v + 1) + "s");
        }

        void register(int off) {
            long flags = t.u32(off);
            Tree f = t.at(opts.field("pim.register_flag", "Flags: " + String.format("0x%08x", flags),
                    String.format("0x%08x", flags)), off, 4);
            int hi = (int) flags;
            t.at(f.field("pim.register_flag.border", Text.bits(hi, 0x80000000, 32) + " = Border: "
                    + ((flags & 0x80000000L) != 0 ? "Yes" : "No"), (flags & 0x80000000L) != 0 ? "1" : "0").bitmask(0x80000000L), off, 4);
            t.at(f.field("pim.register_flag.null_register", Text.bits(hi, 0x40000000, 32) + " = Null-Register: "
                    + ((flags & 0x40000000L) != 0 ? "Yes" : "No"), (flags & 0x40000000L) != 0 ? "1" : "0").bitmask(0x40000000L), off, 4);
            off += 4;
            int vhl = t.u8(off);
            int v = vhl >> 4;
            t.at(opts.field("pim.ip_version", Text.bits(vhl, 0xf0, 8) + " = IP Version: " + PimNames.ipVersion(v) + " (" + v + ")",
                    Integer.toString(v)).bitmask(0xf0), off, 1);
            if (v == 0) {
                Tree h = t.at(opts.none("pim.dummy_header", "Dummy Header"), off, t.cap - off);
                if (ip != null && ip.src().length == 16) {
                    h.relabel("Dummy HeaderIPv6");
                    ipv6(opts, "pim.source_ip6", "Source", off + 8);
                    ipv6(opts, "pim.group_ip6", "Group", off + 24);
                } else {
                    h.relabel("Dummy HeaderIPv4");
                    ipv4(opts, "pim.source", "Source", off + 12);
                    ipv4(opts, "pim.group", "Group", off + 16);
                }
            }
            // versions 4 and 6: the datagram is the ip or ipv6 dissector's (Pim.carried)
        }

        void joinPrune(int off) {
            int a = addr.unicast(opts, off, null, "Upstream-neighbor", "pim.upstream_neighbor", "pim.upstream_neighbor_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            reserved(opts, off, 1);
            off += 1;
            int groups = t.u8(off);
            t.at(opts.field("pim.numgroups", "Num Groups: " + groups, Integer.toString(groups)), off, 1);
            off += 1;
            holdtime(opts, off);
            off += 2;
            for (int i = 0; i < groups; i++) {
                // proto_tree_add_string_format with length -1: to the end of the captured bytes
                if (off > t.cap) {
                    t.need(off, 0);
                }
                Tree g = t.at(opts.field("pim.group_set", "Group " + i, ""), off, Math.max(0, t.cap - off));
                a = addr.group(g, off, "Group " + i, "pim.group", "pim.group_ip6");
                if (a <= 0) {
                    return;
                }
                off += a;
                int joins = t.u16(off);
                int prunes = t.u16(off + 2);
                Tree jt = t.at(g.field("pim.numjoins", "Num Joins: " + joins, Integer.toString(joins)), off, 2);
                int o = off + 4;
                for (int j = 0; j < joins; j++) {
                    a = addr.source(jt, o, "pim.join_ip", "pim.join_ip6");
                    if (a <= 0) {
                        return;
                    }
                    o += a;
                }
                Tree pt = t.at(g.field("pim.numprunes", "Num Prunes: " + prunes, Integer.toString(prunes)), off + 2, 2);
                for (int j = 0; j < prunes; j++) {
                    a = addr.source(pt, o, "pim.prune_ip", "pim.prune_ip6");
                    if (a <= 0) {
                        return;
                    }
                    o += a;
                }
                off = o;
            }
        }

        void bootstrap(int off) {
            int tag = t.u16(off);
            t.at(opts.field("pim.fragment_tag", "Fragment tag: " + String.format("0x%04x", tag), String.format("0x%04x", tag)), off, 2);
            off += 2;
            off = u8(opts, "pim.hash_mask_len", "Hash mask len", off);
            off = u8(opts, "pim.bsr_priority", "BSR priority", off);
            int a = addr.unicast(opts, off, null, "BSR", "pim.bsr", "pim.bsr_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            // each group advances at least 12 bytes: the loop ends with the message
            for (int i = 0; t.rep - off > 0; i++) {
                Tree[] item = new Tree[1];
                a = addr.group(opts, off, "Group " + i, "pim.group", "pim.group_ip6", item);
                if (a <= 0) {
                    return;
                }
                Tree g = item[0];
                off += a;
                off = u8(g, "pim.rp_count", "RP count", off);
                int frp = t.u8(off);
                u8(g, "pim.frp_count", "FRP count", off);
                off += 3;
                for (int j = 0; j < frp; j++) {
                    a = addr.unicast(opts, off, "RP " + j, "RP", "pim.rp", "pim.rp_ip6");
                    if (a <= 0) {
                        return;
                    }
                    off += a;
                    holdtime(opts, off);
                    off += 2;
                    off = u8(g, "pim.priority", "Priority", off);
                    reserved(pim, off, 1);
                    off += 1;
                }
            }
        }

        void assertion(int off) {
            int a = addr.group(opts, off, null, "pim.group", "pim.group_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            a = addr.unicast(opts, off, null, "Source", "pim.source", "pim.source_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            metrics(off);
        }

        /** The RP-tree bit, the 31-bit metric preference and the metric. */
        private void metrics(int off) {
            int b = t.u8(off);
            t.at(opts.field("pim.rpt", Text.bits(b, 0x80, 8) + " = RP Tree: " + ((b & 0x80) != 0 ? "True" : "False"),
                    (b & 0x80) != 0 ? "1" : "0").bitmask(0x80), off, 1);
            long pref = t.u32(off);
            t.at(opts.field("pim.metric_pref", Text.bits((int) pref, 0x7fffffff, 32) + " = Metric Preference: " + (pref & 0x7fffffffL),
                    Long.toString(pref & 0x7fffffffL)).bitmask(0x7fffffffL), off, 4);
            long metric = t.u32(off + 4);
            t.at(opts.field("pim.metric", "Metric: " + metric, Long.toString(metric)), off + 4, 4);
        }

        void candidateRp(int off) {
            int prefixes = t.u8(off);
            off = u8(opts, "pim.prefix_count", "Prefix-count", off);
            off = u8(opts, "pim.priority", "Priority", off);
            holdtime(opts, off);
            off += 2;
            int a = addr.unicast(opts, off, null, "RP", "pim.rp", "pim.rp_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            for (int i = 0; i < prefixes; i++) {
                a = addr.group(opts, off, "Group " + i, "pim.group", "pim.group_ip6");
                if (a <= 0) {
                    return;
                }
                off += a;
            }
        }

        void stateRefresh(int off) {
            int a = addr.group(opts, off, null, "pim.group", "pim.group_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            a = addr.unicast(opts, off, null, "Source", "pim.source", "pim.source_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            a = addr.unicast(opts, off, null, "Originator", "pim.originator", "pim.originator_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            metrics(off);
            off += 8;
            off = u8(opts, "pim.mask_len", "Masklen", off);
            off = u8(opts, "pim.ttl", "TTL", off);
            int b = t.u8(off);
            flag(opts, "pim.prune_indicator", "Prune indicator", b, 0x80, off);
            flag(opts, "pim.prune_now", "Prune now", b, 0x40, off);
            flag(opts, "pim.assert_override", "Assert override", b, 0x20, off);
            off += 1;
            u8(opts, "pim.interval", "Interval", off);
        }

        private void flag(Tree parent, String key, String name, int b, int mask, int off) {
            t.at(parent.field(key, Text.bits(b, mask, 8) + " = " + name + ": " + ((b & mask) != 0 ? "Set" : "Not set"),
                    (b & mask) != 0 ? "1" : "0").bitmask(mask), off, 1);
        }

        void dfElection(int off) {
            int a = addr.unicast(opts, off, null, "RP", "pim.rp", "pim.rp_ip6");
            if (a <= 0) {
                return;
            }
            off += a;
            long pref = t.u32(off);
            t.at(opts.field("pim.metric_pref", "DF Metric Preference: " + pref, Long.toString(pref)).bitmask(0), off, 4);
            long metric = t.u32(off + 4);
            t.at(opts.field("pim.metric", "Metric: " + metric, Long.toString(metric)), off + 4, 4);
            // packet-pim.c takes the subtype from the type byte, whose low nibble is 10 here:
            // the Backoff and Pass fields are never shown
        }

        private void holdtime(Tree parent, int off) {
            int hold = t.u16(off);
            t.at(parent.field("pim.holdtime", "Holdtime: " + (hold == 0xffff ? "Infinity (65535)" : Integer.toString(hold)),
                    Integer.toString(hold)), off, 2);
        }

        private int u8(Tree parent, String key, String name, int off) {
            int v = t.u8(off);
            t.at(parent.field(key, name + ": " + v, Integer.toString(v)), off, 1);
            return off + 1;
        }

        private void ipv4(Tree parent, String key, String name, int off) {
            String a = Addr.ipv4(t, off);
            t.at(parent.field(key, name + ": " + a, a), off, 4);
        }

        private void ipv6(Tree parent, String key, String name, int off) {
            String a = Text.ipv6(t.copy(off, 16));
            t.at(parent.field(key, name + ": " + a, a), off, 16);
        }
    }
}
