package dev.tcpscope.proto.pim;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.InternetChecksum;

/**
 * PIMv1 (draft-ietf-idmr-pim-spec), carried in IGMP messages of type 0x14, as packet-pim.c's
 * dissect_pimv1 shows them: the code, the checksum (over the 8-byte header for a Register, else
 * the whole message), and the query, register-stop, join/prune/graft, RP-reachable and assert
 * bodies. A version nibble other than 1 ends the message after the version. A Register's
 * datagram is not handed on (see docs/IPPROTO.md).
 */
public final class PimV1 {
    private PimV1() { }

    /** The IGMP type that carries PIMv1 (IGMP_V1_PIM_ROUTING_MESSAGE). */
    public static final int IGMP_TYPE = 0x14;

    /** The IP version of the datagram a PIMv1 Register in IGMP at {@code off} carries from its byte 8 (4 or 6), else 0. */
    public static int carried(java.lang.foreign.MemorySegment s, long off, int cap, int rep) {
        if (cap < 9 || rep < 9 || !register(s, off, cap)) {
            return 0;
        }
        int v = Text.u8(s, off + 8) >> 4;
        return v == 4 || v == 6 ? v : 0;
    }

    /** Whether the IGMP message at {@code off} is a PIMv1 Register read as far as its version (its columns are then read-only). */
    public static boolean register(java.lang.foreign.MemorySegment s, long off, int cap) {
        return cap >= 5 && Text.u8(s, off) == IGMP_TYPE && Text.u8(s, off + 1) == 1 && Text.u8(s, off + 4) >> 4 == 1;
    }

    /** Walks the IGMP message in {@code t} as PIMv1; a read past the bytes throws {@link Tvb.Stop}. */
    public static void walk(Tvb t, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("PIMv1");
        info.setLength(0);
        Tree pim = t.at(root.protocol("pim", "Protocol Independent Multicast"), 0, t.cap);
        t.at(pim.string("pim.igmp_type", "Type", "PIM (0x14)"), 0, 0);
        int code = t.u8(1);
        info.append(PimNames.v1Type(code));
        t.at(pim.field("pim.code", "Code: " + (code <= 8 ? PimNames.v1Type(code) : "Unknown") + " (" + code + ")", Integer.toString(code)), 1, 1);
        int version = t.u8(4) >> 4;
        if (version != 1) {
            checksum(t, pim, -1);
            version(t, pim);
            return;
        }
        int length = t.rep;
        int pimLength = code == 1 ? 8 : length;
        checksum(t, pim, !fragmented && length >= pimLength && t.cap >= pimLength ? pimLength : -1);
        version(t, pim);
        reserved(t, pim, 5, 3);
        int off = 8;
        if (t.rep - off <= 0) {
            return;
        }
        Tree opts = t.at(pim.none("pim.option", "PIM Options"), off, t.cap - off);
        switch (code) {
            case 0 -> {
                int b = t.u8(off);
                t.at(opts.field("pim.mode", Text.bits(b, 0xf0, 8) + " = Mode: " + PimNames.v1Mode(b >> 4) + " (" + (b >> 4) + ")",
                        Integer.toString(b >> 4)).bitmask(0xf0), off, 1);
                holdtime(t, opts, off + 2);
            }
            case 1 -> {
                int v = t.u8(off) >> 4;
                t.at(opts.field("pim.ip_version", Text.bits(t.u8(off), 0xf0, 8) + " = IP Version: " + PimNames.ipVersion(v)
                        + " (" + v + ")", Integer.toString(v)).bitmask(0xf0), off, 1);
                if (v == 0) {
                    Tree h = t.at(opts.none("pim.dummy_header", "Dummy Header"), off, t.cap - off);
                    h.relabel("Dummy Header IPv4");
                    ipv4(t, opts, "pim.source", "Source", off + 12);
                    ipv4(t, opts, "pim.group", "Group", off + 16);
                }
            }
            case 2 -> {
                ipv4(t, opts, "pim.group", "Group", off);
                ipv4(t, opts, "pim.source", "Source", off + 4);
            }
            case 3, 6, 7 -> joinPrune(t, pim, opts, off);
            case 4 -> {
                ipv4(t, opts, "pim.group_address", "Group Address", off);
                ipv4(t, opts, "pim.group_mask", "Mask", off + 4);
                ipv4(t, opts, "pim.rp", "RP", off + 8);
                reserved(t, pim, off + 12, 2);
                holdtime(t, opts, off + 14);
            }
            case 5 -> {
                ipv4(t, opts, "pim.group_address", "Group Address", off);
                ipv4(t, opts, "pim.group_mask", "Mask", off + 4);
                int b = t.u8(off + 8);
                t.at(opts.field("pim.rpt", Text.bits(b, 0x80, 8) + " = RP Tree: " + ((b & 0x80) != 0 ? "True" : "False"),
                        (b & 0x80) != 0 ? "1" : "0").bitmask(0x80), off + 8, 1);
                long pref = t.u32(off + 8);
                t.at(opts.field("pim.metric_pref", Text.bits((int) pref, 0x7fffffff, 32) + " = Metric Preference: "
                        + (pref & 0x7fffffffL), Long.toString(pref & 0x7fffffffL)).bitmask(0x7fffffffL), off + 8, 4);
                long metric = t.u32(off + 12);
                t.at(opts.field("pim.metric", "Metric: " + metric, Long.toString(metric)), off + 12, 4);
            }
            default -> { }
        }
    }

    private static void joinPrune(Tvb t, Tree pim, Tree opts, int off) {
        ipv4(t, opts, "pim.upstream_neighbor", "Upstream-neighbor", off);
        off += 4;
        reserved(t, pim, off, 2);
        off += 2;
        holdtime(t, opts, off);
        off += 2;
        reserved(t, pim, off, 1);
        off += 1;
        u8(t, opts, "pim.mask_len", "Masklen", off++);
        u8(t, opts, "pim.addr_len", "Address Len", off++);
        int groups = t.u8(off);
        u8(t, opts, "pim.numgroups", "Num Groups", off++);
        for (int i = 0; i < groups; i++) {
            String g = Addr.ipv4(t, off);
            Tree gt = t.at(opts.field("pim.group", "Group " + i + ": " + g, g), off, 4);
            off += 4;
            String m = Addr.ipv4(t, off);
            t.at(gt.field("pim.group_mask", "Group " + i + " Mask: " + m, m), off, 4);
            off += 4;
            int joins = t.u16(off);
            int prunes = t.u16(off + 2);
            Tree jt = t.at(gt.field("pim.numjoins", "Num Joins: " + joins, Integer.toString(joins)), off, 2);
            int o = off + 4;
            // every source takes 6 bytes: a count past the message ends in a bounds exception
            for (int j = 0; j < joins; j++, o += 6) {
                source(t, jt, o, "pim.join_ip");
            }
            Tree pt = t.at(gt.field("pim.numprunes", "Num Prunes: " + prunes, Integer.toString(prunes)), off + 2, 2);
            for (int j = 0; j < prunes; j++, o += 6) {
                source(t, pt, o, "pim.prune_ip");
            }
            off = o;
        }
    }

    /** dissect_pimv1_addr: the source flags as a bitmask list, the mask length and the address. */
    private static void source(Tvb t, Tree parent, int off, String key) {
        int b = t.u8(off);
        String[][] bits = {{"pim.src_flags.a", "Annotated", "8"}, {"pim.src_flags.s", "Sparse", "4"},
            {"pim.src_flags.w", "WC", "2"}, {"pim.src_flags.r", "RP", "1"}, {"pim.src_flags.rsv", "Reserved", "240"}};
        for (String[] f : bits) {
            int mask = Integer.parseInt(f[2]);
            int v = (b & mask) >> Integer.numberOfTrailingZeros(mask);
            t.at(parent.field(f[0], Text.bits(b, mask, 8) + " = " + f[1] + ": " + v, Integer.toString(v)).bitmask(mask), off, 1);
        }
        u8(t, parent, "pim.mask_len", "Masklen", off + 1);
        ipv4(t, parent, key, "IP address", off + 2);
    }

    private static void checksum(Tvb t, Tree pim, int len) {
        int sum = t.u16(2);
        String hex = String.format("0x%04x", sum);
        if (len < 0) {
            t.at(pim.field("pim.cksum", "Checksum: " + hex + " [unverified]", hex), 2, 2);
            t.at(pim.field("pim.cksum.status", "Checksum Status: Unverified", "2").generated(), 2, 0);
            return;
        }
        int computed = InternetChecksum.of(t.s, t.base, len);
        if (computed == 0) {
            t.at(pim.field("pim.cksum", "Checksum: " + hex + " [correct]", hex), 2, 2);
            t.at(pim.field("pim.cksum.status", "Checksum Status: Good", "1").generated(), 2, 0);
        } else {
            String should = String.format("0x%04x", InternetChecksum.shouldBe(sum, computed));
            Tree c = t.at(pim.field("pim.cksum", "Checksum: " + hex + " incorrect, should be " + should, hex), 2, 2);
            c.expert("pim.bad_checksum", Tree.Severity.ERROR, Tree.Group.CHECKSUM, "Bad checksum [should be " + should + "]");
            t.at(pim.field("pim.cksum.status", "Checksum Status: Bad", "0").generated(), 2, 0);
        }
    }

    private static void version(Tvb t, Tree pim) {
        int b = t.u8(4);
        t.at(pim.field("pim.version", Text.bits(b, 0xf0, 8) + " = Version: " + (b >> 4), Integer.toString(b >> 4)).bitmask(0xf0), 4, 1);
    }

    private static void reserved(Tvb t, Tree parent, int off, int len) {
        t.need(off, len);
        t.at(parent.bytes("pim.res_bytes", "Reserved byte(s)", t.s, t.base + off, len), off, len);
    }

    private static void holdtime(Tvb t, Tree parent, int off) {
        int hold = t.u16(off);
        t.at(parent.field("pim.holdtime", "Holdtime: " + (hold == 0xffff ? "Infinity (65535)" : Integer.toString(hold)),
                Integer.toString(hold)), off, 2);
    }

    private static void u8(Tvb t, Tree parent, String key, String name, int off) {
        int v = t.u8(off);
        t.at(parent.field(key, name + ": " + v, Integer.toString(v)), off, 1);
    }

    private static void ipv4(Tvb t, Tree parent, String key, String name, int off) {
        String a = Addr.ipv4(t, off);
        t.at(parent.field(key, name + ": " + a, a), off, 4);
    }
}
