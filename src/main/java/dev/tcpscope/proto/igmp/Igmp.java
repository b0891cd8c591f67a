package dev.tcpscope.proto.igmp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.IgmpType;
import dev.tcpscope.wire.InternetChecksum;

import java.util.Locale;

/**
 * IGMP (IP protocol 2) as packet-igmp.c shows it: version 0 (RFC 988), 1 (RFC 1112), 2
 * (RFC 2236) and 3 (RFC 3376) queries and reports, and multicast traceroute; the other types of
 * its "igmp.type" table (DVMRP, PIMv1, MRDISC, MSNIP, IGAP, RGMP) belong to dissectors tcpscope
 * has not built, so, as with those disabled, they are "unknown": the type and the rest as data.
 *
 * <p>One walk makes the Protocol and Info columns and the tree, in packet-igmp.c's order of
 * reads, so that a message cut short stops both where tshark's bounds exception does: the
 * {@link Tvb.Stop} thrown by a read is what the caller shows.
 */
public final class Igmp {
    private Igmp() { }

    private static final int V1_QUERY = 0x11;
    private static final int V1_REPORT = 0x12;
    private static final int V2_REPORT = 0x16;
    private static final int V2_LEAVE = 0x17;
    private static final int V3_REPORT = 0x22;
    private static final int TRACEROUTE_RESPONSE = 0x1e;
    private static final int TRACEROUTE_QUERY = 0x1f;
    private static final int TRACEROUTE_HEADER = 24;
    private static final int TRACEROUTE_BLOCK = 32;

    /**
     * Walks the IGMP message in {@code t}: sets {@code protocol} and {@code info} as the columns
     * end up (before any exception marker) and adds the tree under {@code root}.
     *
     * @param fragmented whether the datagram is an unreassembled fragment (no checksum check)
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        try {
            int type = t.u8(0);
            new Walk(t, fragmented, root, protocol, info).message(type);
            return null;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented);
        }
    }

    private static final class Walk {
        final Tvb t;
        final boolean fragmented;
        final Tree root;
        final StringBuilder protocol;
        final StringBuilder info;
        Tree igmp;

        Walk(Tvb t, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
            this.t = t;
            this.fragmented = fragmented;
            this.root = root;
            this.protocol = protocol;
            this.info = info;
        }

        void message(int type) {
            if (type == dev.tcpscope.proto.pim.PimV1.IGMP_TYPE) {
                dev.tcpscope.proto.pim.PimV1.walk(t, fragmented, root, protocol, info); // "igmp.type" hands it to pim
            } else if (!IgmpType.dispatched(type)) {
                unknown(type);
            } else if (type <= 15) {
                v0(type);
            } else {
                switch (type) {
                    case V1_QUERY -> {
                        if (t.rep >= 12) {
                            v3Query(type);
                        } else if (t.u8(1) != 0) {
                            v2(type);
                        } else {
                            v1(type);
                        }
                    }
                    case V1_REPORT -> v1(type);
                    case V2_REPORT, V2_LEAVE -> v2(type);
                    case V3_REPORT -> v3Report(type);
                    case TRACEROUTE_RESPONSE, TRACEROUTE_QUERY -> traceroute(type);
                    default -> unknown(type);
                }
            }
        }

        /** dissect_igmp_common: the columns, the protocol item, the generated version and the type. */
        private void common(int type, int version) {
            set(protocol, "IGMPv" + version);
            set(info, IgmpNames.command(type));
            igmp = t.at(root.protocol("igmp", "Internet Group Management Protocol"), 0, t.cap);
            t.at(igmp.field("igmp.version", "IGMP Version: " + version, Integer.toString(version)).generated(), 0, 0);
            typeItem(type);
        }

        private void typeItem(int type) {
            t.at(igmp.field("igmp.type", "Type: " + IgmpNames.typeName(type) + " (" + hex2(type) + ")", hex2(type)), 0, 1);
        }

        private void unknown(int type) {
            set(protocol, "IGMP");
            set(info, IgmpNames.command(type));
            igmp = t.at(root.protocol("igmp", "Internet Group Management Protocol"), 0, t.cap);
            typeItem(type);
            // proto_tree_add_item of the rest (length -1) wants at least one byte left
            t.need(1, 1);
            igmp.bytes("igmp.data", "Data", t.s, t.base + 1, t.cap - 1);
        }

        private void v0(int type) {
            common(type, 0);
            int code = t.u8(1);
            if (type == 1) {
                String name = code == 0 ? "Public Group" : code == 1 ? "Private Group" : "Unknown";
                t.at(igmp.field("igmp.group_type", "Type Of Group: " + name + " (" + code + ")", Integer.toString(code)), 1, 1);
            } else if ((type & 1) == 0) {
                if (code < 5) {
                    t.at(igmp.field("igmp.reply", "Reply: " + IgmpNames.reply(code) + " (" + code + ")", Integer.toString(code)), 1, 1);
                } else {
                    t.at(igmp.field("igmp.reply.pending", "Reply Pending: " + code, Integer.toString(code)), 1, 1);
                }
            }
            checksum(20);
            long id = t.u32(4);
            t.at(igmp.field("igmp.identifier", "Identifier: " + id, Long.toString(id)), 4, 4);
            address("igmp.maddr", "Multicast Address", 8);
            t.need(12, 8);
            igmp.bytes("igmp.access_key", "Access Key", t.s, t.base + 12, 8);
        }

        private void v1(int type) {
            common(type, 1);
            t.need(1, 1);
            igmp.bytes("igmp.reserved", "Reserved", t.s, t.base + 1, 1);
            checksum(8);
            address("igmp.maddr", "Multicast Address", 4);
        }

        private void v2(int type) {
            common(type, 2);
            int tsecs = t.u8(1);
            t.at(igmp.field("igmp.max_resp", "Max Resp Time: " + tenths(tsecs) + " sec (" + hex2(tsecs) + ")",
                    Integer.toString(tsecs)), 1, 1);
            checksum(8);
            String group = address("igmp.maddr", "Multicast Address", 4);
            if (t.u32(4) == 0) {
                info.append(", general");
            } else if (type == V2_LEAVE) {
                info.append(' ').append(group);
            } else if (type == V1_QUERY) {
                info.append(", specific for group ").append(group);
            } else {
                info.append(" group ").append(group);
            }
        }

        private void v3Query(int type) {
            common(type, 3);
            int num = t.u16(10);
            maxResponse(1);
            checksum(0);
            String group = address("igmp.maddr", "Multicast Address", 4);
            if (t.u32(4) == 0) {
                info.append(", general");
            } else {
                info.append(", specific for group ").append(group);
            }
            int b = t.u8(8);
            t.at(igmp.field("igmp.s", Text.bits(b, 0x08, 8) + " = S: " + ((b & 0x08) != 0
                    ? "SUPPRESS router side processing" : "Do not suppress router side processing"), (b & 0x08) != 0 ? "1" : "0")
                    .bitmask(0x08), 8, 1);
            t.at(igmp.field("igmp.qrv", Text.bits(b, 0x07, 8) + " = QRV: " + (b & 0x07), Integer.toString(b & 0x07))
                    .bitmask(0x07), 8, 1);
            int qqic = t.u8(9);
            t.at(igmp.field("igmp.qqic", "QQIC: " + qqic, Integer.toString(qqic)), 9, 1);
            t.at(igmp.field("igmp.num_src", "Num Src: " + num, Integer.toString(num)), 10, 2);
            if (num > 0) {
                info.append(", source").append(num > 1 ? "s" : "").append(" {");
            }
            int off = 12;
            for (int k = num; k > 0; k--) {
                String source = ipv4(off);
                info.append(source).append(k > 1 ? ", " : "}");
                t.at(igmp.field("igmp.saddr", "Source Address: " + source, source), off, 4);
                off += 4;
            }
        }

        private void v3Report(int type) {
            common(type, 3);
            t.need(1, 1);
            igmp.bytes("igmp.reserved", "Reserved", t.s, t.base + 1, 1);
            checksum(0);
            t.need(4, 2);
            igmp.bytes("igmp.reserved", "Reserved", t.s, t.base + 4, 2);
            int num = t.u16(6);
            if (num == 0) {
                info.append(" - General query");
            }
            t.at(igmp.field("igmp.num_grp_recs", "Num Group Records: " + num, Integer.toString(num)), 6, 2);
            int off = 8;
            for (int k = 0; k < num; k++) {
                off = groupRecord(off);
            }
        }

        /** dissect_v3_group_record: one record, its Info phrase and its sources. */
        private int groupRecord(int off) {
            int start = off;
            String group = ipv4(off + 4);
            int recordType = t.u8(off);
            Tree r = t.at(igmp.text("Group Record : " + group + "  " + IgmpNames.recordType(recordType, "")), off, t.cap - off);
            t.at(r.field("igmp.record_type", "Record Type: " + IgmpNames.recordType(recordType, "Unknown") + " (" + recordType + ")",
                    Integer.toString(recordType)), off, 1);
            int adl = t.u8(off + 1);
            t.at(r.field("igmp.aux_data_len", "Aux Data Len: " + adl, Integer.toString(adl)), off + 1, 1);
            int num = t.u16(off + 2);
            t.at(r.field("igmp.num_src", "Num Src: " + num, Integer.toString(num)), off + 2, 2);
            t.at(r.field("igmp.maddr", "Multicast Address: " + group, group), off + 4, 4);
            off += 8;
            info.append(IgmpNames.recordPhrase(recordType, group, num));
            for (int k = num; k > 0; k--) {
                String source = ipv4(off);
                info.append(source).append(k > 1 ? ", " : "}");
                t.at(r.field("igmp.saddr", "Source Address: " + source, source), off, 4);
                off += 4;
            }
            if (adl > 0) {
                t.need(off, adl * 4);
                r.bytes("igmp.aux_data", "Aux Data", t.s, t.base + off, adl * 4);
                off += adl * 4;
            }
            r.length(off - start);
            return off;
        }

        /** dissect_v3_max_resp: the code, as a time when its top bit makes it a floating-point value. */
        private void maxResponse(int off) {
            int bits = t.u8(off);
            int tsecs = bits;
            if ((bits & 0x80) != 0) {
                tsecs = ((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3);
            }
            Tree m = t.at(igmp.field("igmp.max_resp", "Max Resp Time: " + tenths(tsecs) + " sec (" + hex2(bits) + ")",
                    Integer.toString(tsecs)), off, 1);
            if ((bits & 0x80) != 0) {
                t.at(m.field("igmp.max_resp.exp", Text.bits(bits, 0x70, 8) + " = Exponent: 0x" + Integer.toHexString((bits & 0x70) >> 4),
                        hex2((bits & 0x70) >> 4)).bitmask(0x70), off, 1);
                t.at(m.field("igmp.max_resp.mant", Text.bits(bits, 0x0f, 8) + " = Mantissa: 0x" + Integer.toHexString(bits & 0x0f),
                        hex2(bits & 0x0f)).bitmask(0x0f), off, 1);
            }
        }

        /** dissect_igmp_mtrace: the fixed header and the response blocks. */
        private void traceroute(int type) {
            igmp = t.at(root.protocol("igmp", "Internet Group Management Protocol"), 0, t.cap);
            set(protocol, "IGMP");
            info.setLength(0);
            String name;
            String blocks = null;
            if (type == TRACEROUTE_RESPONSE) {
                int n = (t.rep - TRACEROUTE_HEADER) / TRACEROUTE_BLOCK;
                blocks = ", " + n + " block" + (n == 1 ? "" : "s");
                name = "Traceroute Response";
            } else if (t.rep == TRACEROUTE_HEADER) {
                name = "Traceroute Query";
            } else {
                name = "Traceroute Request";
            }
            set(info, name);
            if (blocks != null) {
                info.append(blocks);
            }
            t.at(igmp.field("igmp.type", "Type: " + name + " (" + hex2(type) + ")", hex2(type)), 0, 1);
            int hops = t.u8(1);
            t.at(igmp.field("igmp.mtrace.max_hops", "# hops: " + hops, Integer.toString(hops)), 1, 1);
            checksum(0);
            address("igmp.maddr", "Multicast Address", 4);
            address("igmp.mtrace.saddr", "Source Address", 8);
            address("igmp.mtrace.raddr", "Receiver Address", 12);
            address("igmp.mtrace.rspaddr", "Response Address", 16);
            int ttl = t.u8(20);
            t.at(igmp.field("igmp.mtrace.resp_ttl", "Response TTL: " + ttl, Integer.toString(ttl)), 20, 1);
            long id = (long) t.u8(21) << 16 | t.u16(22);
            t.at(igmp.field("igmp.mtrace.q_id", "Query ID: " + id, Long.toString(id)), 21, 3);
            int off = TRACEROUTE_HEADER;
            while (t.rep - off >= TRACEROUTE_BLOCK) {
                Tree b = t.at(igmp.text("Response data block: " + ipv4(off + 4) + " -> " + ipv4(off + 8) + ",  Proto: "
                        + IgmpNames.routing(t.u8(off + 28)) + ",  Forwarding Code: " + IgmpNames.forwarding(t.u8(off + 31))),
                        off, TRACEROUTE_BLOCK);
                long arrival = t.u32(off);
                t.at(b.field("igmp.mtrace.q_arrival", "Query Arrival: " + arrival, Long.toString(arrival)), off, 4);
                blockAddress(b, "igmp.mtrace.q_inaddr", "In itf addr", off + 4);
                blockAddress(b, "igmp.mtrace.q_outaddr", "Out itf addr", off + 8);
                blockAddress(b, "igmp.mtrace.q_prevrtr", "Previous rtr addr", off + 12);
                count(b, "igmp.mtrace.q_inpkt", "In pkts", off + 16);
                count(b, "igmp.mtrace.q_outpkt", "Out pkts", off + 20);
                count(b, "igmp.mtrace.q_total", "S,G pkt count", off + 24);
                int proto = t.u8(off + 28);
                t.at(b.field("igmp.mtrace.q_rtg_proto", "Rtg Protocol: " + IgmpNames.routing(proto) + " (" + proto + ")",
                        Integer.toString(proto)), off + 28, 1);
                int fwdTtl = t.u8(off + 29);
                t.at(b.field("igmp.mtrace.q_fwd_ttl", "FwdTTL: " + fwdTtl, Integer.toString(fwdTtl)), off + 29, 1);
                int m = t.u8(off + 30);
                t.at(b.field("igmp.mtrace.q_mbz", Text.bits(m, 0x80, 8) + " = MBZ: 0x" + Integer.toHexString(m >> 7), hex2(m >> 7))
                        .bitmask(0x80), off + 30, 1);
                t.at(b.field("igmp.mtrace.q_s", Text.bits(m, 0x40, 8) + " = S: 0x" + Integer.toHexString(m >> 6 & 1), hex2(m >> 6 & 1))
                        .bitmask(0x40), off + 30, 1);
                t.at(b.field("igmp.mtrace.q_src_mask", Text.bits(m, 0x3f, 8) + " = Src Mask: 0x" + String.format("%02x", m & 0x3f),
                        hex2(m & 0x3f)).bitmask(0x3f), off + 30, 1);
                int code = t.u8(off + 31);
                t.at(b.field("igmp.mtrace.q_fwd_code", "Forwarding Code: " + IgmpNames.forwarding(code) + " (" + hex2(code) + ")",
                        hex2(code)), off + 31, 1);
                off += TRACEROUTE_BLOCK;
            }
        }

        private void blockAddress(Tree b, String key, String title, int off) {
            String a = ipv4(off);
            t.at(b.field(key, title + ": " + a, a), off, 4);
        }

        private void count(Tree b, String key, String title, int off) {
            long v = t.u32(off);
            t.at(b.field(key, title + ": " + v, Long.toString(v)), off, 4);
        }

        private String address(String key, String title, int off) {
            String a = ipv4(off);
            t.at(igmp.field(key, title + ": " + a, a), off, 4);
            return a;
        }

        /**
         * igmp_checksum: verified over {@code len} bytes (0: the whole message as reported) when
         * the datagram is not a fragment and they were all captured.
         */
        private void checksum(int len) {
            int sum = t.u16(2);
            String hex = "0x" + String.format("%04x", sum);
            int n = len == 0 ? t.rep : len;
            if (!fragmented && t.cap >= n) {
                t.need(0, n);
                int computed = InternetChecksum.of(t.s, t.base, n);
                if (computed == 0) {
                    t.at(igmp.field("igmp.checksum", "Checksum: " + hex + " [correct]", hex), 2, 2);
                    t.at(igmp.field("igmp.checksum.status", "Checksum Status: Good", "1").generated(), 2, 0);
                } else {
                    String should = "0x" + String.format("%04x", InternetChecksum.shouldBe(sum, computed));
                    Tree c = t.at(igmp.field("igmp.checksum", "Checksum: " + hex + " incorrect, should be " + should, hex), 2, 2);
                    c.expert("igmp.bad_checksum", Tree.Severity.ERROR, Tree.Group.CHECKSUM, "Bad checksum [should be " + should + "]");
                    t.at(igmp.field("igmp.checksum.status", "Checksum Status: Bad", "0").generated(), 2, 0);
                }
            } else {
                t.at(igmp.field("igmp.checksum", "Checksum: " + hex + " [unverified]", hex), 2, 2);
                t.at(igmp.field("igmp.checksum.status", "Checksum Status: Unverified", "2").generated(), 2, 0);
            }
        }

        private String ipv4(int off) {
            t.need(off, 4);
            return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
        }
    }

    private static String tenths(int v) {
        return String.format(Locale.ROOT, "%.1f", v * 0.1);
    }

    private static String hex2(int v) {
        return "0x" + String.format("%02x", v);
    }

    private static void set(StringBuilder sb, String s) {
        sb.setLength(0);
        sb.append(s);
    }
}
