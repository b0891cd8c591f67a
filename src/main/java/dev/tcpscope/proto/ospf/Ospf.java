package dev.tcpscope.proto.ospf;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.InternetChecksum;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * OSPF (IP protocol 89) as packet-ospf.c (Wireshark 4.0) shows it: version 2 (RFC 2328) and
 * version 3 (RFC 5340) headers with their checksum and v2's authentication, Hello, Database
 * Description, Link State Request, Update and Acknowledge, the LSA headers and the bodies of
 * router, network, summary, AS-external and NSSA LSAs (v2) and of router, network,
 * inter-area, AS-external, NSSA, link and intra-area-prefix LSAs (v3), the LLS data block and
 * v3's authentication trailer.
 *
 * <p>One walk makes the Protocol and Info columns, the tree and the fields, in packet-ospf.c's
 * order of reads: a read past the captured bytes throws the {@link Tvb.Stop} that the caller
 * shows, where tshark's bounds exception stops the dissector. Every loop advances by at least
 * four bytes or is bounded by a 16-bit count read from the packet, so a mutated packet ends.
 */
public final class Ospf {
    private Ospf() { }

    static final int IPPROTO_OSPF = 89;

    /**
     * Walks the OSPF packet in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @param ip the addresses of the IP layer below (the v3 checksum's pseudo-header)
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Vrrp.Ip ip, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("OSPF");
        info.setLength(0);
        try {
            new Walk(t, ip, fragmented, root).packet(info);
            return null;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented);
        }
    }

    /**
     * pinfo->src and pinfo->dst of layer {@code i}: for IPv6 the source a home address option
     * names and the last hop of a routing header, as the v3 checksum's pseudo-header takes them.
     */
    public static Vrrp.Ip addresses(Dissection d, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (d.proto(k) == Proto.IPV6) {
                MemorySegment s = d.segment(k);
                long off = d.offset(k);
                byte[] src = new byte[16];
                byte[] dst = new byte[16];
                MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off + d.ipv6Source(k), src, 0, 16);
                MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off + d.ipv6Destination(k), dst, 0, 16);
                return new Vrrp.Ip(src, dst);
            }
            if (d.proto(k) == Proto.IPV4) {
                break;
            }
        }
        return Vrrp.Ip.below(d, i);
    }

    /**
     * Where the data dissector takes over an OSPF packet at {@code off} (its header's length),
     * for a known version and an unknown message type whose header is captured; else -1.
     */
    public static int dataStart(MemorySegment s, long off, int cap) {
        if (cap < 2) {
            return -1;
        }
        int version = s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
        int type = s.get(ValueLayout.JAVA_BYTE, off + 1) & 0xff;
        int hlen = version == 2 ? 24 : version == 3 ? 16 : -1;
        return hlen > 0 && (type < 1 || type > 5) && cap >= hlen ? hlen : -1;
    }

    /** One flag of a bit field: its field, name, mask and the words for set and clear. */
    record Bit(String key, String name, long mask, String set, String clear) { }

    static final String[] YES_NO = {"Yes", "No"};

    static Bit bit(String key, String name, long mask, String set, String clear) {
        return new Bit(key, name, mask, set, clear);
    }

    static final Bit[] V2_OPTIONS = {
            bit("ospf.v2.options.dn", "DN", 0x80, "Set", "Not set"),
            bit("ospf.v2.options.o", "O", 0x40, "Set", "Not set"),
            bit("ospf.v2.options.dc", "(DC) Demand Circuits", 0x20, "Supported", "Not supported"),
            bit("ospf.v2.options.l", "(L) LLS Data block", 0x10, "Present", "Not Present"),
            bit("ospf.v2.options.n", "(N) NSSA", 0x08, "Supported", "Not supported"),
            bit("ospf.v2.options.mc", "(MC) Multicast", 0x04, "Capable", "Not capable"),
            bit("ospf.v2.options.e", "(E) External Routing", 0x02, "Capable", "Not capable"),
            bit("ospf.v2.options.mt", "(MT) Multi-Topology Routing", 0x01, "Yes", "No")};

    static final Bit[] V2_OPTIONS_LSA7 = {
            V2_OPTIONS[0], V2_OPTIONS[1], V2_OPTIONS[2], V2_OPTIONS[3],
            bit("ospf.v2.options.p", "(P) Propagate", 0x08, "Set", "Not set"),
            V2_OPTIONS[5], V2_OPTIONS[6], V2_OPTIONS[7]};

    static final Bit[] V3_OPTIONS = {
            bit("ospf.v3.options.at", "AT", 0x400, "Set", "Not set"),
            bit("ospf.v3.options.l", "L", 0x200, "Set", "Not set"),
            bit("ospf.v3.options.af", "AF", 0x100, "Set", "Not set"),
            bit("ospf.v3.options.dc", "DC", 0x20, "Set", "Not set"),
            bit("ospf.v3.options.r", "R", 0x10, "Set", "Not set"),
            bit("ospf.v3.options.n", "N", 0x08, "Set", "Not set"),
            bit("ospf.v3.options.mc", "MC", 0x04, "Set", "Not set"),
            bit("ospf.v3.options.e", "E", 0x02, "Set", "Not set"),
            bit("ospf.v3.options.v6", "V6", 0x01, "Set", "Not set")};

    static final Bit[] DBD = {
            bit("ospf.dbd.r", "(R) OOBResync", 0x08, "Set", "Not set"),
            bit("ospf.dbd.i", "(I) Init", 0x04, "Set", "Not set"),
            bit("ospf.dbd.m", "(M) More", 0x02, "Set", "Not set"),
            bit("ospf.dbd.ms", "(MS) Master", 0x01, "Yes", "No")};

    static final Bit[] LLS_EXT = {
            bit("ospf.lls.ext.options.rs", "(RS) Restart Signal", 0x02, "Set", "Not set"),
            bit("ospf.lls.ext.options.lr", "(LR) LSDB Resynchronization", 0x01, "Set", "Not set")};

    static final Bit[] V2_ROUTER_FLAGS = {
            bit("ospf.v2.router.lsa.flags.h", "(H) flag", 0x80, "Yes", "No"),
            bit("ospf.v2.router.lsa.flags.n", "(N) flag", 0x10, "Yes", "No"),
            bit("ospf.v2.router.lsa.flags.w", "(W) Wild-card multicast receiver", 0x08, "Yes", "No"),
            bit("ospf.v2.router.lsa.flags.v", "(V) Virtual link endpoint", 0x04, "Yes", "No"),
            bit("ospf.v2.router.lsa.flags.e", "(E) AS boundary router", 0x02, "Yes", "No"),
            bit("ospf.v2.router.lsa.flags.b", "(B) Area border router", 0x01, "Yes", "No")};

    static final Bit[] V3_ROUTER_FLAGS = {
            bit("ospf.v3.router.lsa.flags.w", "(W) Wild-card multicast receiver", 0x08, "Yes", "No"),
            bit("ospf.v3.router.lsa.flags.v", "(V) Virtual link endpoint", 0x04, "Yes", "No"),
            bit("ospf.v3.router.lsa.flags.e", "(E) AS boundary router", 0x02, "Yes", "No"),
            bit("ospf.v3.router.lsa.flags.b", "(B) Area border router", 0x01, "Yes", "No")};

    static final Bit[] V3_AS_EXTERNAL_FLAGS = {
            bit("ospf.v3.as.external.flags.e", "(E) External Metric", 0x04, "Type 2", "Type 1"),
            bit("ospf.v3.as.external.flags.f", "(F) Forwarding Address", 0x02, "Present", "Absent"),
            bit("ospf.v3.as.external.flags.t", "(T) External Route Tag", 0x01, "Present", "Absent")};

    static final Bit[] V3_PREFIX_OPTIONS = {
            bit("ospf.v3.prefix.options.p", "(P) Propagate", 0x08, "Set", "Not set"),
            bit("ospf.v3.prefix.options.mc", "(MC) Multicast", 0x04, "Set", "Not set"),
            bit("ospf.v3.prefix.options.la", "(LA) Local Address", 0x02, "Set", "Not set"),
            bit("ospf.v3.prefix.options.nu", "(NU) NoUnicast", 0x01, "Set", "Not set")};

    private static final class Walk {
        final Tvb t;
        final Vrrp.Ip ip;
        final boolean fragmented;
        final Tree root;
        Tree ospf;
        int version;
        boolean af4;

        Walk(Tvb t, Vrrp.Ip ip, boolean fragmented, Tree root) {
            this.t = t;
            this.ip = ip;
            this.fragmented = fragmented;
            this.root = root;
        }

        void packet(StringBuilder info) {
            version = t.u8(0);
            int hlen = version == 2 ? 24 : version == 3 ? 16 : 14;
            int type = t.u8(1);
            info.append(OspfNames.message(type));
            int ospflen = t.u16(2);
            ospf = t.at(root.protocol("ospf", "Open Shortest Path First"), 0, t.cap);
            int hspan = clip(0, hlen);
            Tree h = t.at(ospf.none("ospf.header", "OSPF Header"), 0, hspan);
            uint(h, "ospf.version", "Version", 0, 1);
            t.at(h.field("ospf.msg", "Message Type: " + OspfNames.messageItem(type) + " (" + type + ")",
                    Integer.toString(type)), 1, 1);
            String hidden = switch (type) {
                case 1 -> "ospf.msg.hello:Hello";
                case 2 -> "ospf.msg.dbdesc:Database Description";
                case 3 -> "ospf.msg.lsreq:Link State Adv Request";
                case 4 -> "ospf.msg.lsupdate:Link State Adv Update";
                case 5 -> "ospf.msg.lsack:Link State Adv Acknowledgement";
                default -> null;
            };
            if (hidden != null) {
                hidden(h, hidden, 1, 1);
            }
            uint(h, "ospf.packet_length", "Packet Length", 2, 2);
            ipv4(h, "ospf.srcrouter", "Source OSPF Router", 4);
            Tree area = ipv4(h, "ospf.area_id", "Area ID", 8);
            if (t.u32(8) == 0) {
                area.relabel("Area ID: 0.0.0.0 (Backbone)");
            }
            int cksum = t.u16(12);
            String hex = String.format("0x%04x", cksum);
            Tree sum = t.at(h.field("ospf.checksum", "Checksum: " + hex + (cksum == 0 ? " (None)" : ""), hex), 12, 2);
            if (version != 2 && version != 3) {
                return;
            }
            if (cksum != 0 && !fragmented && t.cap >= t.rep && t.cap >= hlen) {
                int computed = version == 2 ? v2Checksum(hlen) : v3Checksum(ospflen);
                sum.relabel("Checksum: " + hex + (computed == 0 ? " [correct]"
                        : String.format(" [incorrect, should be 0x%04x]", InternetChecksum.shouldBe(cksum, computed))));
            }
            int crypto = 0;
            if (version == 2) {
                int auth = t.u16(14);
                t.at(h.field("ospf.auth.type", "Auth Type: " + OspfNames.auth(auth) + " (" + auth + ")",
                        Integer.toString(auth)), 14, 2);
                switch (auth) {
                    case 0 -> bytes(h, "ospf.auth.none", "Auth Data (none)", 16, 8);
                    case 1 -> t.string(h, "ospf.auth.simple", "Auth Data (Simple)", 16, 8);
                    case 2 -> {
                        uint(h, "ospf.auth.crypt.key_id", "Auth Crypt Key id", 18, 1);
                        uint(h, "ospf.auth.crypt.data_length", "Auth Crypt Data Length", 19, 1);
                        crypto = t.u8(19);
                        uint(h, "ospf.auth.crypt.seq_nbr", "Auth Crypt Sequence Number", 20, 4);
                        if ((long) ospflen + crypto <= t.cap) {
                            if (crypto == 0) {
                                t.at(h.field("ospf.auth.crypt.data", "Auth Crypt Data: <MISSING>", ""), ospflen, 0);
                            } else {
                                bytes(h, "ospf.auth.crypt.data", "Auth Crypt Data", ospflen, crypto);
                            }
                        }
                    }
                    default -> bytes(h, "ospf.auth.unknown", "Auth Unknown", 16, 8);
                }
            } else {
                int instance = t.u8(14);
                t.at(h.field("ospf.instance_id", "Instance ID: " + OspfNames.instance(instance) + " (" + instance + ")",
                        Integer.toString(instance)), 14, 1);
                af4 = instance > 65 && instance < 128;
                reserved(h, 15, 1);
            }
            int length = (ospflen - hlen) & 0xffff;
            switch (type) {
                case 1 -> hello(hlen, length);
                case 2 -> dbDesc(hlen, length);
                case 3 -> lsRequest(hlen, length);
                case 4 -> lsUpdate(hlen, length);
                case 5 -> lsAck(hlen, length);
                default -> data = hlen;
            }
            if (hasLls(hlen, type)) {
                lls(ospflen + crypto);
            }
            if (version == 3 && (type == 1 && ((t.u32(hlen + 5) >> 8) & 0x400) != 0
                    || type == 2 && ((t.u32(hlen + 1) >> 8) & 0x400) != 0)) {
                trailer(ospflen + crypto);
            }
        }

        /** Where an unknown message type's rest begins (handed to the data dissector), or -1. */
        int data = -1;

        int v2Checksum(int hlen) {
            int n = t.rep > hlen ? 16 + t.rep - hlen : 16;
            byte[] all = new byte[n];
            MemorySegment.copy(t.s, ValueLayout.JAVA_BYTE, t.base, all, 0, 16);
            if (t.rep > hlen) {
                MemorySegment.copy(t.s, ValueLayout.JAVA_BYTE, t.base + hlen, all, 16, t.rep - hlen);
            }
            return InternetChecksum.of(MemorySegment.ofArray(all), 0, all.length);
        }

        int v3Checksum(int ospflen) {
            byte[] src = ip.src();
            byte[] dst = ip.dst();
            int p = src.length + dst.length + 8;
            byte[] all = new byte[p + t.rep];
            System.arraycopy(src, 0, all, 0, src.length);
            System.arraycopy(dst, 0, all, src.length, dst.length);
            int o = src.length + dst.length;
            all[o + 2] = (byte) (ospflen >> 8);
            all[o + 3] = (byte) ospflen;
            all[o + 7] = IPPROTO_OSPF;
            MemorySegment.copy(t.s, ValueLayout.JAVA_BYTE, t.base, all, p, t.rep);
            return InternetChecksum.of(MemorySegment.ofArray(all), 0, all.length);
        }

        boolean hasLls(int off, int type) {
            if (type == 1) {
                return version == 2 ? (t.u8(off + 6) & 0x10) != 0 : ((t.u32(off + 5) >> 8) & 0x200) != 0;
            }
            if (type == 2) {
                return version == 2 ? (t.u8(off + 2) & 0x10) != 0 : ((t.u32(off + 1) >> 8) & 0x200) != 0;
            }
            return false;
        }

        void hello(int off, int length) {
            int hspan = clip(off, length);
            Tree hello = t.at(ospf.none("ospf.hello", "OSPF Hello Packet"), off, hspan);
            int end = off + length;
            if (version == 2) {
                ipv4(hello, "ospf.hello.network_mask", "Network Mask", off);
                uint(hello, "ospf.hello.hello_interval", "Hello Interval [sec]", off + 4, 2);
                bitfield(hello, "ospf.v2.options", "Options", off + 6, 1, V2_OPTIONS);
                uint(hello, "ospf.hello.router_priority", "Router Priority", off + 7, 1);
                uint(hello, "ospf.hello.router_dead_interval", "Router Dead Interval [sec]", off + 8, 4);
            } else {
                uint(hello, "ospf.hello.interface_id", "Interface ID", off, 4);
                uint(hello, "ospf.hello.router_priority", "Router Priority", off + 4, 1);
                bitfield(hello, "ospf.v3.options", "Options", off + 5, 3, V3_OPTIONS);
                uint(hello, "ospf.hello.hello_interval", "Hello Interval [sec]", off + 8, 2);
                uint(hello, "ospf.hello.router_dead_interval", "Router Dead Interval [sec]", off + 10, 2);
            }
            ipv4(hello, "ospf.hello.designated_router", "Designated Router", off + 12);
            ipv4(hello, "ospf.hello.backup_designated_router", "Backup Designated Router", off + 16);
            for (int o = off + 20; end > o; o += 4) {
                ipv4(hello, "ospf.hello.active_neighbor", "Active Neighbor", o);
            }
        }

        void dbDesc(int off, int length) {
            int end = off + length;
            if (root == Tree.NOTHING) {
                off += version == 2 ? 8 : 12; // packet-ospf.c reads the fixed part only for a tree
            } else if (version == 2) {
                Tree d = text(ospf, "OSPF DB Description", off, length);
                uint(d, "ospf.db.interface_mtu", "Interface MTU", off, 2);
                bitfield(d, "ospf.v2.options", "Options", off + 2, 1, V2_OPTIONS);
                bitfield(d, "ospf.dbd", "DB Description", off + 3, 1, DBD);
                uint(d, "ospf.db.dd_sequence", "DD Sequence", off + 4, 4);
                off += 8;
            } else {
                Tree d = text(ospf, "OSPF DB Description", off, length);
                reserved(d, off, 1);
                bitfield(d, "ospf.v3.options", "Options", off + 1, 3, V3_OPTIONS);
                uint(d, "ospf.db.interface_mtu", "Interface MTU", off + 4, 2);
                reserved(d, off + 6, 1);
                bitfield(d, "ospf.dbd", "DB Description", off + 7, 1, DBD);
                uint(d, "ospf.db.dd_sequence", "DD Sequence", off + 8, 4);
                off += 12;
            }
            while (end > off) {
                off = lsa(ospf, off, false);
            }
        }

        void lsRequest(int off, int length) {
            int end = off + length;
            while (end > off) {
                Tree r = text(ospf, "Link State Request", off, 12);
                if (version == 2) {
                    int type = (int) t.u32(off);
                    t.at(r.field("ospf.lsa", "LS Type: " + OspfNames.lsType(type) + " (" + Integer.toUnsignedString(type) + ")",
                            Integer.toUnsignedString(type)), off, 4);
                } else {
                    reserved(r, off, 2);
                    v3LsType(r, off + 2);
                }
                ipv4(r, "ospf.link_state_id", "Link State ID", off + 4);
                ipv4(r, "ospf.advrouter", "Advertising Router", off + 8);
                off += 12;
            }
        }

        void lsUpdate(int off, int length) {
            Tree u = text(ospf, "LS Update Packet", off, length);
            long n = t.u32(off);
            uint(u, "ospf.ls.number_of_lsas", "Number of LSAs", off, 4);
            off += 4;
            // each LSA reads its header first: a count larger than the bytes ends with the exception
            for (long i = 0; i < n; i++) {
                off = lsa(u, off, true);
            }
        }

        void lsAck(int off, int length) {
            int end = off + length;
            while (end > off) {
                off = lsa(ospf, off, false);
            }
        }

        int lsa(Tree parent, int off, boolean body) {
            return version == 2 ? v2Lsa(parent, off, body) : v3Lsa(parent, off, body);
        }

        static final int[] V2_MIN_LENGTH = {0, 24, 28, 28, 28, 36, 20, 36, 20, 20, 20, 20};

        int v2Lsa(Tree parent, int off, boolean body) {
            int type = t.u8(off + 3);
            int len = t.u16(off + 18);
            int end = off + len;
            Tree lsa = text(parent, "LSA-type " + type + " (" + OspfNames.lsType(type) + "), len " + len, off, body ? len : 20);
            age(lsa, off);
            int w = t.u16(off);
            t.at(lsa.field("ospf.lsa.donotage", Text.bits(w, 0x8000, 16) + " = Do Not Age Flag: " + (w >> 15),
                    Integer.toString(w >> 15)).bitmask(0x8000), off, 2);
            int options = t.u8(off + 2);
            bitfield(lsa, "ospf.v2.options", "Options", off + 2, 1, type == 7 ? V2_OPTIONS_LSA7 : V2_OPTIONS);
            t.at(lsa.field("ospf.lsa", "LS Type: " + OspfNames.lsType(type) + " (" + type + ")", Integer.toString(type)), off + 3, 1);
            String hidden = switch (type) {
                case 1 -> "ospf.lsa.router:Router LSA";
                case 2 -> "ospf.lsa.network:Network LSA";
                case 3 -> "ospf.lsa.summary:Summary LSA (IP Network)";
                case 4 -> "ospf.lsa.asbr:Summary LSA (ASBR)";
                case 5 -> "ospf.lsa.asext:AS-External LSA (ASBR)";
                case 6 -> "ospf.lsa.member:Group Membership LSA";
                case 7 -> "ospf.lsa.nssa:NSSA AS-External LSA";
                case 8 -> "ospf.lsa.attr:External Attributes LSA";
                case 9, 10, 11 -> "ospf.lsa.opaque:Opaque LSA";
                default -> null;
            };
            if (hidden != null) {
                hidden(lsa, hidden, off + 3, 1);
            }
            String metricType = (options & 0x01) != 0 ? "MT-ID" : "TOS";
            boolean opaque = type >= 9 && type <= 11;
            int opaqueType = 0;
            if (opaque) {
                opaqueType = t.u8(off + 4);
                t.at(lsa.field("ospf.lsid_opaque_type", "Link State ID Opaque Type: " + OspfNames.opaque(opaqueType)
                        + " (" + opaqueType + ")", Integer.toString(opaqueType)), off + 4, 1);
                if (opaqueType == 1) {
                    uint(lsa, "ospf.lsid_te_lsa.reserved", "Link State ID TE-LSA Reserved", off + 5, 1);
                    uint(lsa, "ospf.lsid_te_lsa.instance", "Link State ID TE-LSA Instance", off + 6, 2);
                } else {
                    uint(lsa, "ospf.lsid.opaque_id", "Link State ID Opaque ID", off + 5, 3);
                }
            } else {
                ipv4(lsa, "ospf.lsa.id", "Link State ID", off + 4);
            }
            ipv4(lsa, "ospf.advrouter", "Advertising Router", off + 8);
            hex(lsa, "ospf.lsa.seqnum", "Sequence Number", off + 12, 4);
            hex(lsa, "ospf.lsa.chksum", "Checksum", off + 16, 2);
            Tree length = uint(lsa, "ospf.lsa.length", "Length", off + 18, 2);
            if (type != 0 && type <= 11) {
                if (len < V2_MIN_LENGTH[type]) {
                    length.expert("ospf.lsa.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                            "Invalid LSA length (" + len + ") for type " + OspfNames.lsType(type) + ", expected >= ("
                                    + V2_MIN_LENGTH[type] + ")");
                    return -1;
                }
            } else if (len < 20) {
                length.expert("ospf.lsa.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Invalid LSA length (" + len + ") for unknown LSA type (" + type + "), expected minimum of (20)");
                return -1;
            }
            off += 20;
            if (len <= 20 || !body) {
                return off;
            }
            int bodyLength = len - 20;
            switch (type) {
                case 1 -> {
                    bitfield(lsa, "ospf.v2.router.lsa.flags", "Flags", off, 1, V2_ROUTER_FLAGS);
                    int links = t.u16(off + 2);
                    uint(lsa, "ospf.lsa.number_of_links", "Number of Links", off + 2, 2);
                    off += 4;
                    for (int k = 0; k < links; k++) {
                        int linkType = t.u8(off + 8);
                        int metrics = t.u8(off + 9);
                        String idText = ipv4Text(off);
                        String dataText = ipv4Text(off + 4);
                        Tree link = text(lsa, String.format("Type: %-8s ID: %-15s Data: %-15s Metric: %d",
                                OspfNames.linkShort(linkType), idText, dataText, t.u16(off + 10)), off, 12 + 4 * metrics);
                        ipv4(link, "ospf.lsa.router.linkid", "Link ID", off).relabel("Link ID: " + idText + " - "
                                + OspfNames.linkId(linkType));
                        ipv4(link, "ospf.lsa.router.linkdata", "Link Data", off + 4);
                        uint(link, "ospf.lsa.router.linktype", "Link Type", off + 8, 1).relabel("Link Type: " + linkType + " - "
                                + OspfNames.linkType(linkType));
                        uint(link, "ospf.lsa.router.nummetrics", "Number of Metrics", off + 9, 1).relabel("Number of Metrics: "
                                + metrics + " - " + metricType);
                        uint(link, "ospf.lsa.router.metric0", "0 Metric", off + 10, 2);
                        off += 12;
                        for (int m = 0; m < metrics; m++) {
                            int tos = t.u8(off);
                            int metric = t.u16(off + 2);
                            t.at(link.field("ospf.ls.metric", metricType + ": " + tos + ", Metric: " + metric,
                                    Integer.toString(metric)), off, 4);
                            off += 4;
                        }
                    }
                }
                case 2 -> {
                    Tree mask = ipv4(lsa, "ospf.lsa.network.netmask", "Netmask", off);
                    off += 4;
                    if (off == end) {
                        mask.expert("ospf.lsa.tos_missing", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "1 or more router-IDs required");
                    }
                    while (off < end) {
                        ipv4(lsa, "ospf.lsa.network.attchrtr", "Attached Router", off);
                        off += 4;
                    }
                }
                case 3, 4 -> {
                    ipv4(lsa, "ospf.lsa.asbr.netmask", "Netmask", off);
                    off += 4;
                    if (off + 4 > end) {
                        lsa.expert("ospf.lsa.tos_missing", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "1 or more TOS metrics required");
                    }
                    while (off < end) {
                        uint(lsa, "ospf.lsa.tos", "TOS", off, 1);
                        off += 1;
                        uint(lsa, "ospf.metric", "Metric", off, 3);
                        off += 3;
                    }
                }
                case 5, 7 -> {
                    ipv4(lsa, "ospf.lsa.asext.netmask", "Netmask", off);
                    off += 4;
                    if (off + 12 > end) {
                        lsa.expert("ospf.lsa.tos_missing", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                "1 or more TOS forwarding blocks required");
                    }
                    while (off < end) {
                        int b = t.u8(off);
                        t.at(lsa.field("ospf.lsa.asext.type", Text.bits(b, 0x80, 8) + " = External Type: "
                                + ((b & 0x80) != 0 ? "Type 2 (metric is larger than any other link state path)"
                                : "Type 1 (metric is specified in the same units as interface cost)"),
                                (b & 0x80) != 0 ? "1" : "0").bitmask(0x80), off, 1);
                        t.at(lsa.field("ospf.lsa.tos", Text.bits(b, 0x7f, 8) + " = TOS: " + (b & 0x7f),
                                Integer.toString(b & 0x7f)).bitmask(0x7f), off, 1);
                        off += 1;
                        uint(lsa, "ospf.metric", "Metric", off, 3);
                        off += 3;
                        ipv4(lsa, "ospf.lsa.asext.fwdaddr", "Forwarding Address", off);
                        off += 4;
                        uint(lsa, "ospf.lsa.asext.extrttag", "External Route Tag", off, 4);
                        off += 4;
                    }
                }
                case 9, 10, 11 -> {
                    if (opaqueType == 1) {
                        trafficEngineering(lsa, off, bodyLength);
                    } else if (opaqueType == 3) {
                        grace(lsa, off, bodyLength);
                    } else if (opaqueType == 4) {
                        routerInformation(lsa, off, bodyLength);
                    } else if (opaqueType == 7) {
                        extendedPrefix(lsa, off, bodyLength);
                    }
                    // the Extended Link opaque LSA's TLVs are left
                    off += bodyLength;
                }
                default -> {
                    length.expert("ospf.lsa.unknown_type", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown LSA Type");
                    off += bodyLength;
                }
            }
            return off;
        }

        int v3Lsa(Tree parent, int off, boolean body) {
            int rawType = t.u16(off + 2);
            int type = rawType & 0x1fff;
            int len = t.u16(off + 18);
            int end = off + len;
            Tree lsa = text(parent, "LSA-type " + type + " (" + OspfNames.v3LsType(type) + "), len " + len, off, body ? len : 20);
            age(lsa, off);
            int w = t.u16(off);
            t.at(lsa.field("ospf.v3.lsa.do_not_age", Text.bits(w, 0x8000, 16) + " = Do Not Age: "
                    + ((w & 0x8000) != 0 ? "True" : "False"), (w & 0x8000) != 0 ? "1" : "0").bitmask(0x8000), off, 2);
            v3LsType(lsa, off + 2);
            String hidden = switch (type) {
                case 1 -> "ospf.v3.lsa.router:Router-LSA";
                case 2 -> "ospf.v3.lsa.network:Network-LSA";
                case 3 -> "ospf.v3.lsa.interprefix:Inter-Area-Prefix-LSA";
                case 4 -> "ospf.v3.lsa.interrouter:Inter-Area-Router-LSA";
                case 5 -> "ospf.v3.lsa.asext:AS-External-LSA";
                case 6 -> "ospf.v3.lsa.member:Group-Membership-LSA";
                case 7 -> "ospf.v3.lsa.nssa:NSSA-LSA";
                case 8 -> "ospf.v3.lsa.link:Link-LSA";
                case 9 -> "ospf.v3.lsa.intraprefix:Intra-Area-Prefix-LSA";
                case 12 -> "ospf.v3.lsa.opaque:Router Information Opaque-LSA";
                default -> null;
            };
            if (hidden != null) {
                hidden(lsa, hidden, off + 2, 2);
            }
            ipv4(lsa, "ospf.link_state_id", "Link State ID", off + 4);
            ipv4(lsa, "ospf.advrouter", "Advertising Router", off + 8);
            hex(lsa, "ospf.lsa.seqnum", "Sequence Number", off + 12, 4);
            hex(lsa, "ospf.lsa.chksum", "Checksum", off + 16, 2);
            uint(lsa, "ospf.lsa.length", "Length", off + 18, 2);
            off += 20;
            int remaining = (len - 20) & 0xffff; // packet-ospf.c's guint16 ls_length
            if (!body) {
                return off;
            }
            switch (type) {
                case 1 -> {
                    bitfield(lsa, "ospf.v3.router.lsa.flags", "Flags", off, 1, V3_ROUTER_FLAGS);
                    bitfield(lsa, "ospf.v3.options", "Options", off + 1, 3, V3_OPTIONS);
                    off += 4;
                    remaining = (remaining - 4) & 0xffff;
                    Tree ifs = remaining > 0 ? text(lsa, "Router Interfaces", off, remaining) : null;
                    for (int entry = 1; remaining > 0; entry++) {
                        Tree e = text(ifs, "Entry #" + entry, off, 16);
                        int lt2 = t.u8(off);
                        t.at(e.field("ospf.v3.lsa.type", "Type: " + OspfNames.linkType(lt2) + " (" + lt2 + ")",
                                Integer.toString(lt2)), off, 1);
                        reserved(e, off + 1, 1);
                        uint(e, "ospf.metric", "Metric", off + 2, 2);
                        uint(e, "ospf.v3.lsa.interface_id", "Interface ID", off + 4, 4);
                        uint(e, "ospf.v3.lsa.neighbor_interface_id", "Neighbor Interface ID", off + 8, 4);
                        ipv4(e, "ospf.v3.lsa.neighbor_router_id", "Neighbor Router ID", off + 12);
                        off += 16;
                        remaining = (remaining - 16) & 0xffff;
                    }
                }
                case 2 -> {
                    reserved(lsa, off, 1);
                    bitfield(lsa, "ospf.v3.options", "Options", off + 1, 3, V3_OPTIONS);
                    off += 4;
                    remaining = (remaining - 4) & 0xffff;
                    while (remaining > 0) {
                        ipv4(lsa, "ospf.v3.lsa.attached_router", "Attached Router", off);
                        remaining = (remaining - 4) & 0xffff;
                        off += 4;
                    }
                }
                case 3 -> {
                    reserved(lsa, off, 1);
                    uint(lsa, "ospf.metric", "Metric", off + 1, 3);
                    int plen = t.u8(off + 4);
                    uint(lsa, "ospf.prefix_length", "PrefixLength", off + 4, 1);
                    bitfield(lsa, "ospf.v3.prefix.options", "PrefixOptions", off + 5, 1, V3_PREFIX_OPTIONS);
                    reserved(lsa, off + 6, 2);
                    off += 8;
                    prefix(lsa, off, plen);
                    off += (plen + 31) / 32 * 4;
                }
                case 4 -> {
                    reserved(lsa, off, 1);
                    bitfield(lsa, "ospf.v3.options", "Options", off + 1, 3, V3_OPTIONS);
                    reserved(lsa, off + 4, 1);
                    uint(lsa, "ospf.metric", "Metric", off + 5, 3);
                    ipv4(lsa, "ospf.v3.lsa.destination_router_id", "Destination Router ID", off + 8);
                    off += 12;
                }
                case 5, 7 -> {
                    bitfield(lsa, "ospf.v3.as.external.flags", "Flags", off, 1, V3_AS_EXTERNAL_FLAGS);
                    int flags = t.u8(off);
                    uint(lsa, "ospf.metric", "Metric", off + 1, 3);
                    int plen = t.u8(off + 4);
                    uint(lsa, "ospf.prefix_length", "PrefixLength", off + 4, 1);
                    bitfield(lsa, "ospf.v3.prefix.options", "PrefixOptions", off + 5, 1, V3_PREFIX_OPTIONS);
                    int referenced = t.u16(off + 6);
                    referencedType(lsa, off + 6);
                    off += 8;
                    prefix(lsa, off, plen);
                    off += (plen + 31) / 32 * 4;
                    if (off < end && (flags & 0x02) != 0) {
                        if (af4) {
                            ipv4(lsa, "ospf.v3.lsa.forwarding_address.ipv4", "Forwarding Address", off);
                        } else {
                            ipv6(lsa, "ospf.v3.lsa.forwarding_address.ipv6", "Forwarding Address", off);
                        }
                        off += 16;
                    }
                    if (off < end && (flags & 0x01) != 0) {
                        uint(lsa, "ospf.v3.lsa.external_route_tag", "External Route Tag", off, 4);
                        off += 4;
                    }
                    if (off < end && referenced != 0) {
                        ipv4(lsa, "ospf.v3.lsa.referenced_link_state_id", "Referenced Link State ID", off);
                        off += 4;
                    }
                }
                case 8 -> {
                    uint(lsa, "ospf.v3.lsa.router_priority", "Router Priority", off, 1);
                    bitfield(lsa, "ospf.v3.options", "Options", off + 1, 3, V3_OPTIONS);
                    if (af4) {
                        ipv4(lsa, "ospf.v3.lsa.link_local_interface_address.ipv4", "Link-local Interface Address", off + 4);
                    } else {
                        ipv6(lsa, "ospf.v3.lsa.link_local_interface_address.ipv6", "Link-local Interface Address", off + 4);
                    }
                    long prefixes = t.u32(off + 20);
                    uint(lsa, "ospf.v3.lsa.num_prefixes", "# prefixes", off + 20, 4);
                    off += 24;
                    // each prefix advances at least 4 bytes: past the bytes the read throws
                    for (long k = 0; k < prefixes; k++) {
                        int plen = t.u8(off);
                        uint(lsa, "ospf.prefix_length", "PrefixLength", off, 1);
                        bitfield(lsa, "ospf.v3.prefix.options", "PrefixOptions", off + 1, 1, V3_PREFIX_OPTIONS);
                        reserved(lsa, off + 2, 2);
                        off += 4;
                        prefix(lsa, off, plen);
                        off += (plen + 31) / 32 * 4;
                    }
                }
                case 9 -> {
                    int prefixes = t.u16(off);
                    uint(lsa, "ospf.v3.lsa.num_prefixes", "# prefixes", off, 2);
                    referencedType(lsa, off + 2);
                    ipv4(lsa, "ospf.v3.lsa.referenced_link_state_id", "Referenced Link State ID", off + 4);
                    ipv4(lsa, "ospf.v3.lsa.referenced_advertising_router", "Referenced Advertising Router", off + 8);
                    off += 12;
                    for (int k = 0; k < prefixes; k++) {
                        int plen = t.u8(off);
                        uint(lsa, "ospf.prefix_length", "PrefixLength", off, 1);
                        bitfield(lsa, "ospf.v3.prefix.options", "PrefixOptions", off + 1, 1, V3_PREFIX_OPTIONS);
                        uint(lsa, "ospf.metric", "Metric", off + 2, 2);
                        off += 4;
                        prefix(lsa, off, plen);
                        off += (plen + 31) / 32 * 4;
                    }
                }
                case 12 -> { } // the Router Information TLVs are left
                default -> {
                    lsa.expert("ospf.lsa.unknown_type", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown LSA Type " + type);
                    off += remaining;
                }
            }
            return off;
        }

        /** The v3 LS Type item with its handling bit, flooding scope and function code. */
        void v3LsType(Tree parent, int off) {
            int rawType = t.u16(off);
            int type = rawType & 0x1fff;
            Tree lt = t.at(parent.field("ospf.v3.lsa", "LS Type: " + String.format("0x%04x", rawType),
                    String.format("0x%04x", rawType)), off, 2);
            t.at(lt.field("ospf.v3.lsa.u", Text.bits(rawType, 0x8000, 16) + " = LSA Handling: "
                    + ((rawType & 0x8000) != 0 ? "Treat the LSA as if it had link-local flooding scope"
                    : "Store and flood the LSA as if the type is understood"), (rawType & 0x8000) != 0 ? "1" : "0")
                    .bitmask(0x8000), off, 2);
            int s12 = (rawType >> 13) & 3;
            t.at(lt.field("ospf.v3.lsa.s12", Text.bits(rawType, 0x6000, 16) + " = Flooding Scope: " + OspfNames.scope(s12)
                    + " (0x" + Integer.toHexString(s12) + ")", String.format("0x%04x", s12)).bitmask(0x6000), off, 2);
            t.at(lt.field("ospf.v3.lsa.fc", Text.bits(rawType, 0x1fff, 16) + " = Function Code: " + OspfNames.v3LsType(type)
                    + " (" + type + ")", Integer.toString(type)).bitmask(0x1fff), off, 2);
        }

        /**
         * dissect_ospf_lsa_grace_tlv: a grace-LSA's TLVs (RFC 3623), each padded to four bytes;
         * only when a tree is built, as packet-ospf.c returns at once without one. The 32-bit
         * length left wraps as it does there: a TLV past the LSA reads on until the bytes end.
         */
        void grace(Tree lsa, int off, int length) {
            if (root == Tree.NOTHING) {
                return;
            }
            long left = length & 0xffffffffL;
            while (left > 0) {
                int type = t.u16(off);
                int len = t.u16(off + 2);
                int padded = len + 4 + (4 - len % 4) % 4;
                Tree g = t.at(lsa.none("ospf.v2.grace", "Grace TLV"), off, clip(off, padded));
                String name = switch (type) {
                    case 1 -> "grace-LSA Grace Period";
                    case 2 -> "grace-LSA Restart Reason";
                    case 3 -> "grace-LSA Restart IP";
                    default -> "Unknown grace-LSA TLV";
                };
                t.at(g.field("ospf.tlv_type", "TLV Type: " + name + " (" + type + ")", Integer.toString(type)), off, 2);
                uint(g, "ospf.tlv_length", "TLV Length", off + 2, 2);
                switch (type) {
                    case 1 -> {
                        t.need(off + 4, len);
                        long period = t.u32(off + 4);
                        t.at(g.field("ospf.v2.grace.period", "Grace Period: " + period + " seconds", Long.toString(period)), off + 4, len);
                        g.relabel("Grace Period: " + period + " seconds");
                    }
                    case 2 -> {
                        t.need(off + 4, len);
                        int reason = t.u8(off + 4);
                        String r = switch (reason) {
                            case 0 -> "Unknown";
                            case 1 -> "Software Restart";
                            case 2 -> "Software Reload/Upgrade";
                            case 3 -> "Processor Switchover";
                            default -> "Unknown Restart Reason";
                        };
                        t.at(g.field("ospf.v2.grace.reason", "Restart Reason: " + (reason <= 3 ? r : "Unknown") + " (" + reason + ")",
                                Integer.toString(reason)), off + 4, len);
                        g.relabel("Restart Reason: " + r + " (" + reason + ")");
                    }
                    case 3 -> {
                        t.need(off + 4, len);
                        String a = ipv4Text(off + 4);
                        t.at(g.field("ospf.v2.grace.ip", "Restart IP: " + a, a), off + 4, len);
                        g.relabel("Restart IP: " + a);
                    }
                    default -> g.relabel("Unknown grace-LSA TLV");
                }
                if (4 + len < padded) {
                    bytes(g, "ospf.pad_bytes", "Pad Bytes", off + 4 + len, padded - 4 - len);
                }
                off += padded;
                left = (left - padded) & 0xffffffffL;
            }
        }

        /**
         * The Router Information opaque LSA (RFC 7770) with the TLVs the captures hold: dynamic
         * hostname, SR-Algorithm, SID/Label Range and SR Local Block with their SID/Label
         * sub-TLV, SRMS Preference; another TLV's value as bytes. Each TLV is padded to four bytes.
         */
        void routerInformation(Tree lsa, int off, int length) {
            Tree ri = text(lsa, "Opaque Router Information LSA", off, length);
            long left = length & 0xffffffffL;
            while (left > 0) {
                int type = t.u16(off);
                int len = t.u16(off + 2);
                String name = switch (type) {
                    case 7 -> "OSPF Dynamic Hostname";
                    case 8 -> "SR-Algorithm ";
                    case 9 -> "SID/Label Range";
                    case 14 -> "SR Local Block";
                    case 15 -> "SRMS Preference";
                    default -> "Unknown Opaque RI LSA TLV";
                };
                String title = type == 9 || type == 14 ? name + "  (Range Size: " + ((long) t.u8(off + 4) << 16 | t.u16(off + 5)) + ")"
                        : name;
                Tree tlv = text(ri, title, off, len + 4);
                t.at(tlv.field("ospf.tlv_type.opaque", "TLV Type: " + name + " (" + type + ")", Integer.toString(type)), off, 2);
                uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                int v = off + 4;
                switch (type) {
                    case 7 -> t.string(tlv, "ospf.dynhostname", "Dynamic Hostname", v, len);
                    case 8 -> {
                        for (int k = 0; k < len; k++) {
                            int a = t.u8(v + k);
                            t.at(tlv.field("ospf.lsa_sa", "SR-Algorithm: " + (a == 0 ? "Shortest Path First"
                                    : a == 1 ? "Strict Shortest Path First" : "Unknown") + " (" + a + ")", Integer.toString(a)), v + k, 1);
                        }
                    }
                    case 9, 14 -> {
                        uint(tlv, "ospf.tlv.range_size", "Range Size", v, 3);
                        reserved(tlv, v + 3, 1);
                        int sub = v + 4;
                        int end = v + len;
                        while (sub < end) {
                            int st = t.u16(sub);
                            int sl = t.u16(sub + 2);
                            long label = sl == 3 ? (long) t.u8(sub + 4) << 16 | t.u16(sub + 5) : t.u32(sub + 4);
                            Tree s = text(tlv, (st == 1 ? "SID/Label Sub-TLV " : "Unknown Sub-TLV ") + " (SID/Label: " + label + ")",
                                    sub, sl + 4);
                            t.at(s.field("ospf.tlv.sidlabel_range.type", "TLV Type: " + (st == 1 ? "SID/Label" : "Unknown")
                                    + " (" + st + ")", Integer.toString(st)), sub, 2);
                            uint(s, "ospf.tlv_length", "TLV Length", sub + 2, 2);
                            t.at(s.field("ospf.tlv.sid_label", "SID/Label: " + label, Long.toString(label)), sub + 4, sl == 3 ? 3 : 4);
                            sub += 4 + (sl + 3) / 4 * 4;
                        }
                    }
                    case 15 -> {
                        uint(tlv, "ospf.tlv.preference", "Preference", v, 1);
                        reserved(tlv, v + 1, 3);
                    }
                    default -> bytes(tlv, "ospf.tlv.unknown", "Unknown TLV", v, len);
                }
                int step = 4 + (len + 3) / 4 * 4;
                off += step;
                left = (left - step) & 0xffffffffL;
            }
        }

        static final Bit[] EXTPFX_RANGE_FLAGS = {bit("ospf.tlv.extpfx_range.flags.ia", "(IA) Inter-Area Flag", 0x80, "Set", "Not set")};

        static final Bit[] EXTPFX_FLAGS = {
                bit("ospf.tlv.extpfx.flags.a", "(A) Attach Flag", 0x80, "Set", "Not set"),
                bit("ospf.tlv.extpfx.flags.n", "(N) Node Flag", 0x40, "Set", "Not set")};

        static final Bit[] PREFIX_SID_FLAGS = {
                bit("ospf.tlv.pfxsid.flags.np", "(NP) No-PHP Flag", 0x40, "Set", "Not set"),
                bit("ospf.tlv.pfxsid.flags.m", "(M) Mapping Server Flag", 0x20, "Set", "Not set"),
                bit("ospf.tlv.pfxsid.flags.e", "(E) Explicit-Null Flag", 0x10, "Set", "Not set"),
                bit("ospf.tlv.pfxsid.flags.v", "(V) Value/Index Flag", 0x08, "Set", "Not set"),
                bit("ospf.tlv.pfxsid.flags.l", "(L) Local/Global Flag", 0x04, "Set", "Not set")};

        /**
         * The OSPFv2 Extended Prefix opaque LSA (RFC 7684, RFC 8665) as far as the captures hold
         * it: the Extended Prefix Range TLV with its Prefix SID sub-TLV; other TLVs are stepped over.
         */
        void extendedPrefix(Tree lsa, int off, int length) {
            Tree x = text(lsa, "OSPFv2 Extended Prefix Opaque LSA", off, length);
            long left = length & 0xffffffffL;
            while (left > 0) {
                int type = t.u16(off);
                int len = t.u16(off + 2);
                if (type == 2) {
                    int plen = t.u8(off + 4);
                    String prefix = ipv4Text(off + 12);
                    Tree tlv = text(x, "OSPFv2 Extended Prefix Range TLV  (Range Size: " + t.u16(off + 6) + ", Prefix: " + prefix
                            + "/" + plen + ")", off, len + 4);
                    t.at(tlv.field("ospf.tlv.extpfx.tlv_type", "TLV Type: OSPFv2 Extended Prefix Range (2)", "2"), off, 2);
                    uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                    uint(tlv, "ospf.prefix_length", "PrefixLength", off + 4, 1);
                    int af = t.u8(off + 5);
                    t.at(tlv.field("ospf.tlv.extpfx.af", "Address Family: " + (af == 0 ? "IPv4 Unicast" : "Unknown") + " (" + af + ")",
                            Integer.toString(af)), off + 5, 1);
                    uint(tlv, "ospf.tlv.range_size", "Range Size", off + 6, 2);
                    bitfield(tlv, "ospf.tlv.extpfx_range.flags", "Flags", off + 8, 1, EXTPFX_RANGE_FLAGS);
                    reserved(tlv, off + 9, 3);
                    ipv4(tlv, "ospf.v3.address_prefix.ipv4", "Address Prefix", off + 12);
                    prefixSubTlvs(tlv, off + 16, off + 4 + len);
                } else if (type == 1) {
                    int routeType = t.u8(off + 4);
                    int plen = t.u8(off + 5);
                    String rt = switch (routeType) {
                        case 0 -> "Unspecified";
                        case 1 -> "Intra-Area";
                        case 3 -> "Inter-Area";
                        case 5 -> "AS External";
                        case 7 -> "NSSA External";
                        default -> "Unknown";
                    };
                    String prefix = ipv4Text(off + 8);
                    Tree tlv = text(x, String.format("OSPFv2 Extended Prefix TLV  (Type: %-13s Prefix: %s/%d)", rt, prefix, plen),
                            off, len + 4);
                    t.at(tlv.field("ospf.tlv.extpfx.tlv_type", "TLV Type: OSPFv2 Extended Prefix (1)", "1"), off, 2);
                    uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                    t.at(tlv.field("ospf.tlv.extpfx.rotuetype", "Route Type: " + rt + " (" + routeType + ")",
                            Integer.toString(routeType)), off + 4, 1);
                    uint(tlv, "ospf.prefix_length", "PrefixLength", off + 5, 1);
                    int af = t.u8(off + 6);
                    t.at(tlv.field("ospf.tlv.extpfx.af", "Address Family: " + (af == 0 ? "IPv4 Unicast" : "Unknown") + " (" + af + ")",
                            Integer.toString(af)), off + 6, 1);
                    bitfield(tlv, "ospf.tlv.extpfx.flags", "Flags", off + 7, 1, EXTPFX_FLAGS);
                    ipv4(tlv, "ospf.v3.address_prefix.ipv4", "Address Prefix", off + 8);
                    prefixSubTlvs(tlv, off + 12, off + 4 + len);
                }
                int step = 4 + (len + 3) / 4 * 4;
                off += step;
                left = (left - step) & 0xffffffffL;
            }
        }

        /** The sub-TLVs of an extended prefix TLV from {@code sub} to {@code end}: a Prefix SID's fields; others stepped over. */
        void prefixSubTlvs(Tree tlv, int sub, int end) {
            while (sub < end) {
                int st = t.u16(sub);
                int sl = t.u16(sub + 2);
                if (st == 2) {
                    long label = sl == 7 ? (long) t.u8(sub + 8) << 16 | t.u16(sub + 9) : t.u32(sub + 8);
                    Tree ps = text(tlv, "Prefix SID Sub-TLV  (SID/Label: " + label + ")", sub, sl + 4);
                    t.at(ps.field("ospf.tlv.extpfx.subtlv_type", "TLV Type: Prefix SID (2)", "2"), sub, 2);
                    uint(ps, "ospf.tlv_length", "TLV Length", sub + 2, 2);
                    bitfield(ps, "ospf.tlv.pfxsid.flags", "Flags", sub + 4, 1, PREFIX_SID_FLAGS);
                    reserved(ps, sub + 5, 1);
                    uint(ps, "ospf.tlv.extlink.mt_id", "Multi-Topology ID", sub + 6, 1);
                    int a = t.u8(sub + 7);
                    t.at(ps.field("ospf.lsa_sa", "SR-Algorithm: " + (a == 0 ? "Shortest Path First"
                            : a == 1 ? "Strict Shortest Path First" : "Unknown") + " (" + a + ")", Integer.toString(a)), sub + 7, 1);
                    t.at(ps.field("ospf.tlv.sid_label", "SID/Label: " + label, Long.toString(label)), sub + 8, sl == 7 ? 3 : 4);
                }
                sub += 4 + (sl + 3) / 4 * 4;
            }
        }

        /**
         * The MPLS traffic engineering opaque LSA (RFC 3630, RFC 4203): the Router Address TLV and
         * the Link TLV with the sub-TLVs the captures hold (link type and ID, interface addresses,
         * TE metric, bandwidths, colour, switching capability); another sub-TLV is stepped over,
         * another TLV's value shown as bytes. The 32-bit length left wraps as packet-ospf.c's does.
         */
        void trafficEngineering(Tree lsa, int off, int length) {
            Tree mpls = text(lsa, "MPLS Traffic Engineering LSA", off, length);
            hidden(lsa, "ospf.lsa.mpls:MPLS Traffic Engineering LSA", off, 2);
            long left = length & 0xffffffffL;
            while (left != 0) {
                int type = t.u16(off);
                int len = t.u16(off + 2);
                int end = off + len + 4;
                if (type == 1) {
                    Tree tlv = text(mpls, "Router Address: " + ipv4Text(off + 4), off, len + 4);
                    t.at(tlv.field("ospf.tlv_type", "TLV Type: 1 - Router Address", "1"), off, 2);
                    uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                    ipv4(tlv, "ospf.mpls.routerid", "MPLS/TE Router ID", off + 4);
                } else if (type == 2) {
                    Tree tlv = text(mpls, "Link Information", off, len + 4);
                    t.at(tlv.field("ospf.tlv_type", "TLV Type: 2 - Link Information", "2"), off, 2);
                    uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                    for (int sub = off + 4; sub < end; ) {
                        int slen = t.u16(sub + 2);
                        linkSubTlv(tlv, sub, t.u16(sub), slen);
                        sub += (slen + 4 + 3) / 4 * 4;
                    }
                } else {
                    String range = type >= 3 && type <= 32767 ? "(Assigned via Standards Action)"
                            : type >= 32768 && type <= 32777 ? "(For Experimental Use)" : type >= 32778 ? "(Not to be Assigned)" : "Unknown";
                    Tree tlv = text(mpls, "Unknown LSA: " + type + " " + range, off, len + 4);
                    t.at(tlv.field("ospf.tlv_type", "TLV Type: " + type + " - Unknown " + range, Integer.toString(type)), off, 2);
                    uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
                    bytes(tlv, "ospf.tlv_value", "TLV Value", off + 4, len);
                }
                off += len + 4;
                left = (left - (len + 4)) & 0xffffffffL;
            }
        }

        private static final String[] LINK_SUB_TLV = {null, "Link Type", "Link ID", "Local Interface IP Address",
                "Remote Interface IP Address", "Traffic Engineering Metric", "Maximum Bandwidth", "Maximum Reservable Bandwidth",
                "Unreserved Bandwidth", "Resource Class/Color"};

        /** One sub-TLV of a TE Link TLV. */
        void linkSubTlv(Tree parent, int off, int type, int len) {
            String name = type < LINK_SUB_TLV.length && LINK_SUB_TLV[type] != null ? LINK_SUB_TLV[type]
                    : type == 15 ? "Interface Switching Capability Descriptor" : type == 17 ? "Bandwidth Constraints" : null;
            if (name == null) {
                return; // the other sub-TLVs (GMPLS identifiers, protection, SRLG, bandwidth constraints, OIF) are left
            }
            int v = off + 4;
            String title = switch (type) {
                case 1 -> name + ": " + t.u8(v) + " - " + (t.u8(v) == 1 ? "Point-to-point" : t.u8(v) == 2 ? "Multi-access" : "Unknown Link Type");
                case 2, 3, 4 -> name + ": " + ipv4Text(v);
                case 5 -> name + ": " + t.u32(v);
                case 6, 7 -> name + ": " + bandwidth(v);
                case 9 -> name + ": " + String.format("0x%08x", t.u32(v));
                default -> name;
            };
            Tree st = text(parent, title, off, len + 4);
            t.at(st.field("ospf.tlv_type", "TLV Type: " + type + ": " + name, Integer.toString(type)), off, 2);
            uint(st, "ospf.tlv_length", "TLV Length", off + 2, 2);
            switch (type) {
                case 1 -> {
                    int lt = t.u8(v);
                    t.at(st.field("ospf.mpls.linktype", "MPLS/TE Link Type: " + (lt == 1 ? "Point-to-point" : lt == 2 ? "Multi-access"
                            : "Unknown") + " (" + lt + ")", Integer.toString(lt)), v, 1);
                }
                case 2 -> ipv4(st, "ospf.mpls.linkid", "MPLS/TE Link ID", v);
                case 3, 4 -> {
                    for (int i = 0; i < len; i += 4) {
                        ipv4(st, type == 3 ? "ospf.mpls.local_addr" : "ospf.mpls.remote_addr",
                                type == 3 ? "MPLS/TE Local Interface Address" : "MPLS/TE Remote Interface Address", v + i);
                    }
                }
                case 5 -> t.at(st.field("ospf.mpls.te_metric", name + ": " + t.u32(v), Long.toString(t.u32(v))), v, 4);
                case 6, 7 -> floatItem(st, "ospf.mpls.link_max_bw", name + ": ", v);
                case 8 -> {
                    for (int i = 0; i < 8; i++) {
                        floatItem(st, "ospf.mpls.pri", "Pri (or TE-Class) " + i + ": ", v + 4 * i);
                    }
                }
                case 9 -> {
                    long c = t.u32(v);
                    String h = String.format("0x%08x", c);
                    Tree color = t.at(st.field("ospf.mpls.linkcolor", "MPLS/TE Link Resource Class/Color: " + h, h), v, 4);
                    for (int i = 0; i < 32; i++) {
                        if ((c & (1L << i)) != 0) {
                            t.at(color.field("ospf.mpls.group", "Group " + i, String.format("0x%08x", 1L << i)), v, 4);
                        }
                    }
                }
                case 17 -> {
                    int model = t.u8(v);
                    String m = switch (model) {
                        case 0 -> "(Russian Dolls Model - RDM)";
                        case 1 -> "(Maximum Allocation Model - MAM)";
                        case 2 -> "(Maximum Allocation with Reservation Model - MAR)";
                        default -> model <= 239 ? "(Unassigned, Specification Required)" : "(Reserved, Private Use)";
                    };
                    t.at(st.field("ospf.mpls.bc.model_id", "MPLS/DSTE Bandwidth Constraints Model Id: " + m + " (" + model + ")",
                            Integer.toString(model)), v, 1);
                    if (len % 4 != 0) {
                        String msg = "Malformed Packet: Length must be N x 4 octets";
                        text(st, msg, v, len).expert("ospf.lsa.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED, msg);
                    } else {
                        for (int i = 0; i < (len - 4) / 4; i++) {
                            floatItem(st, "ospf.mpls.bc", "BC " + i + ": ", v + 4 + 4 * i);
                        }
                    }
                }
                default -> { // 15: the Interface Switching Capability Descriptor
                    int sw = t.u8(v);
                    String swName = sw >= 1 && sw <= 4 ? "Packet-Switch Capable-" + sw + " (PSC-" + sw + ")"
                            : sw == 51 ? "Layer-2 Switch Capable (L2SC)" : sw == 100 ? "Time-Division-Multiplex Capable (TDM)"
                            : sw == 150 ? "Lambda-Switch Capable (LSC)" : sw == 200 ? "Fiber-Switch Capable (FSC)" : "Unknown";
                    t.at(st.field("ospf.mpls.switching_type", "Switching Type: " + swName + " (" + sw + ")", Integer.toString(sw)), v, 1);
                    int enc = t.u8(v + 1);
                    String encName = switch (enc) {
                        case 1 -> "Packet";
                        case 2 -> "Ethernet";
                        case 3 -> "ANSI/ETSI PDH";
                        case 5 -> "SDH ITU-T G.707 / SONET ANSI T1.105";
                        case 7 -> "Digital Wrapper";
                        case 8 -> "Lambda (photonic)";
                        case 9 -> "Fiber";
                        case 11 -> "FiberChannel";
                        default -> "Unknown";
                    };
                    t.at(st.field("ospf.mpls.encoding", "Encoding: " + encName + " (" + enc + ")", Integer.toString(enc)), v + 1, 1);
                    for (int i = 0; i < 8; i++) {
                        floatItem(st, "ospf.mpls.pri", "Pri " + i + ": ", v + 4 + 4 * i);
                    }
                    if (sw >= 1 && sw <= 4) {
                        floatItem(st, "ospf.mpls.minimum_lsp_bandwidth", "Minimum LSP bandwidth: ", v + 36);
                        uint(st, "ospf.mpls.interface_mtu", "Interface MTU", v + 40, 2);
                    }
                }
            }
        }

        /** An FT_FLOAT bandwidth item: "%.10g bytes/s (%.0f bits/s)", its value as FT_FLOAT shows it (%g). */
        void floatItem(Tree parent, String key, String prefix, int off) {
            float f = Float.intBitsToFloat((int) t.u32(off));
            t.at(parent.field(key, prefix + bandwidth(off), cG(f, 6)), off, 4);
        }

        String bandwidth(int off) {
            float f = Float.intBitsToFloat((int) t.u32(off));
            double bits = (double) f * 8.0;
            String b = Double.isFinite(bits) ? new java.math.BigDecimal(bits).setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString()
                    : Double.isNaN(bits) ? "nan" : bits > 0 ? "inf" : "-inf";
            return cG(f, 10) + " bytes/s (" + b + " bits/s)";
        }

        /** C's printf "%.{prec}g" of {@code v}. */
        static String cG(double v, int prec) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (v == 0) {
                return (1 / v < 0) ? "-0" : "0";
            }
            java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(prec, java.math.RoundingMode.HALF_EVEN));
            int exp = r.precision() - r.scale() - 1;
            if (exp < -4 || exp >= prec) {
                java.math.BigDecimal m = r.movePointLeft(exp).stripTrailingZeros();
                String ms = m.scale() <= 0 ? m.setScale(0).toPlainString() : m.toPlainString();
                return ms + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            }
            java.math.BigDecimal p = r.stripTrailingZeros();
            return p.scale() <= 0 ? p.setScale(0).toPlainString() : p.toPlainString();
        }

        void referencedType(Tree parent, int off) {
            int r = t.u16(off);
            String name = OspfNames.v3LsTypeOrNull(r);
            t.at(parent.field("ospf.v3.lsa.referenced_ls_type", "Referenced LS type: "
                    + (name == null ? "Unknown" : name) + String.format(" (0x%04x)", r), String.format("0x%04x", r)), off, 2);
        }

        /** dissect_ospf_v3_address_prefix: the prefix's 32-bit words, its bits past the length cleared. */
        void prefix(Tree parent, int off, int plen) {
            int n = (plen + 31) / 32 * 4;
            if (plen > 128) {
                text(parent, "Address Prefix: length is invalid (" + plen + ", should be <= 128)", off, n)
                        .expert("ospf.lsa.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                "Address Prefix: length is invalid (" + plen + ", should be <= 128)");
                return;
            }
            if (af4) {
                ipv4(parent, "ospf.v3.address_prefix.ipv4", "Address Prefix", off);
                return;
            }
            byte[] a = new byte[16];
            if (n > 0) {
                byte[] b = t.copy(off, n);
                System.arraycopy(b, 0, a, 0, n);
                if (plen % 8 != 0) {
                    a[n - 1] &= (byte) ((0xff00 >> (plen % 8)) & 0xff);
                }
            }
            String s = Text.ipv6(a);
            t.at(parent.field("ospf.v3.address_prefix.ipv6", "Address Prefix: " + s, s), off, n);
        }

        void lls(int off) {
            if (off > t.rep) {
                t.u16(off + 2); // the remaining length is -1 as a guint: the length's read throws
            }
            int remaining = t.rep - off;
            if (remaining < 4) {
                t.at(ospf.text("LLS option bit set but data block missing"), off, remaining)
                        .expert("ospf.lsa.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                "LLS option bit set but data block missing");
                return;
            }
            int llsLen = t.u16(off + 2) * 4;
            Tree b = text(ospf, "OSPF LLS Data Block", off, Math.max(0, t.cap - off));
            int c = t.u16(off);
            String hex = String.format("0x%04x", c);
            t.at(b.field("ospf.lls.checksum", "Checksum: " + hex, hex), off, 2);
            t.at(b.field("ospf.lls.data_length", "LLS Data Length: " + llsLen + " bytes", Integer.toString(llsLen)), off + 2, 2);
            int end = off + llsLen;
            int o = off + 4;
            while (end > o) {
                o = version == 2 ? llsV2(b, o) : llsV3(b, o);
            }
        }

        int llsV2(Tree parent, int off) {
            int type = t.u16(off);
            int len = t.u16(off + 2);
            Tree tlv = text(parent, type == 1 ? "Extended options TLV" : type == 2 ? "Crypto Authentication TLV" : "Unknown LLS TLV",
                    off, len + 4);
            uint(tlv, "ospf.tlv_type", "TLV Type", off, 2);
            uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
            if (type == 1) {
                bitfield(tlv, "ospf.lls.ext.options", "Options", off + 4, 4, LLS_EXT);
            } else if (type == 2) {
                hex(tlv, "ospf.v2.lls.sequence_number", "Sequence number", off + 4, 4);
                bytes(tlv, "ospf.v2.lls.auth_data", "Auth Data", off + 8, len - 4);
            }
            return off + len + 4;
        }

        /** An OSPFv3 LLS TLV: its subtree (named by type), type and length; the values are left (no capture holds one). */
        int llsV3(Tree parent, int off) {
            int type = t.u16(off);
            int len = t.u16(off + 2);
            Tree tlv = text(parent, OspfNames.llsV3(type), off, len + 4);
            uint(tlv, "ospf.tlv_type", "TLV Type", off, 2);
            uint(tlv, "ospf.tlv_length", "TLV Length", off + 2, 2);
            return off + len + 4;
        }

        void trailer(int off) {
            t.need(off, 1); // a length of -1 at the end of the bytes is a bounds error
            Tree at = t.at(ospf.none("ospf.at", "OSPF Authentication Trailer"), off, Math.max(0, t.cap - off));
            int auth = t.u16(off);
            t.at(at.field("ospf.at.auth_type", "Authentication Type: " + (auth == 1 ? "HMAC Cryptographic Authentication"
                    : auth == 0 ? "Reserved" : "Unknown") + " (" + auth + ")", Integer.toString(auth)), off, 2);
            int len = t.u16(off + 2);
            uint(at, "ospf.at.auth_data_len", "Authentication Data Length", off + 2, 2);
            if (len < 14) {
                at.length(4);
                return;
            }
            at.length(len);
            hex(at, "ospf.at.reserved", "Reserved", off + 4, 2);
            hex(at, "ospf.at.sa_id", "Security Association Identifier (SA ID)", off + 6, 2);
            t.need(off + 8, 8);
            long seq = t.u32(off + 8) << 32 | t.u32(off + 12);
            t.at(at.field("ospf.at.crypto_seq_nbr", "Cryptographic Sequence Number: " + Long.toUnsignedString(seq),
                    Long.toUnsignedString(seq)), off + 8, 8);
            bytes(at, "ospf.at.auth_data", "Authentication Data", off + 16, len - 16);
        }

        // --- items ---

        /** A hidden FT_BOOLEAN item ("key:Title") that is true: a filter's handle on the message or LSA type. */
        void hidden(Tree parent, String keyTitle, int off, int len) {
            int colon = keyTitle.indexOf(':');
            t.need(off, len);
            t.at(parent.field(keyTitle.substring(0, colon), keyTitle.substring(colon + 1) + ": True", "1").hide(), off, len);
        }

        /** A text item (a subtree) over {@code [off, off + len)}, its length as far as captured. */
        Tree text(Tree parent, String label, int off, int len) {
            int n = span(off, len);
            return t.at(parent.text(label), off, n);
        }

        /** An FT_NONE item's length (proto_tree_add_item): cut to the captured bytes, never a bounds error. */
        int clip(int off, int len) {
            return Math.max(0, Math.min(len, t.cap - off));
        }

        /**
         * The length of a text item (subtree) of {@code len} bytes at {@code off}: bytes it covers
         * past the captured ones throw before it is added, as tshark's list and tree both show
         * (a cut capture, or past the reported bytes a malformed packet).
         */
        int span(int off, int len) {
            if (len > 0) {
                t.need(off, len);
            }
            return Math.max(0, Math.min(len, t.cap - off));
        }

        void age(Tree parent, int off) {
            int w = t.u16(off);
            t.at(parent.field("ospf.lsa.age", Text.bits(w, 0x7fff, 16) + " = LS Age (seconds): " + (w & 0x7fff),
                    Integer.toString(w & 0x7fff)).bitmask(~0x8000L), off, 2);
        }

        Tree uint(Tree parent, String key, String name, int off, int len) {
            long v = switch (len) {
                case 1 -> t.u8(off);
                case 2 -> t.u16(off);
                case 3 -> (long) t.u8(off) << 16 | t.u16(off + 1);
                default -> t.u32(off);
            };
            return t.at(parent.field(key, name + ": " + v, Long.toString(v)), off, len);
        }

        Tree hex(Tree parent, String key, String name, int off, int len) {
            long v = len == 2 ? t.u16(off) : t.u32(off);
            String h = String.format(len == 2 ? "0x%04x" : "0x%08x", v);
            return t.at(parent.field(key, name + ": " + h, h), off, len);
        }

        Tree ipv4(Tree parent, String key, String name, int off) {
            String a = ipv4Text(off);
            return t.at(parent.field(key, name + ": " + a, a), off, 4);
        }

        String ipv4Text(int off) {
            t.need(off, 4);
            return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
        }

        void ipv6(Tree parent, String key, String name, int off) {
            String a = Text.ipv6(t.copy(off, 16));
            t.at(parent.field(key, name + ": " + a, a), off, 16);
        }

        void bytes(Tree parent, String key, String name, int off, int len) {
            t.need(off, len);
            t.at(parent.bytes(key, name, t.s, t.base + off, len), off, len);
        }

        /** An "ospf.reserved" byte item, with its expert item when not zero. */
        void reserved(Tree parent, int off, int len) {
            t.need(off, len);
            Tree r = t.at(parent.bytes("ospf.reserved", "Reserved", t.s, t.base + off, len), off, len);
            for (int i = 0; i < len; i++) {
                if (t.u8(off + i) != 0) {
                    r.expert("ospf.reserved.not_zero", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "incorrect, should be 0");
                    break;
                }
            }
        }

        /** dissect_ospf_bitfield: the field with ", name" for each set flag, then every flag under it. */
        void bitfield(Tree parent, String key, String name, int off, int len, Bit[] bits) {
            long v = switch (len) {
                case 1 -> t.u8(off);
                case 3 -> (long) t.u8(off) << 16 | t.u16(off + 1);
                default -> t.u32(off);
            };
            String h = String.format("0x%0" + (2 * len) + "x", v);
            StringBuilder label = new StringBuilder(name).append(": ").append(h);
            for (Bit b : bits) {
                if ((v & b.mask()) != 0) {
                    label.append(", ").append(b.name());
                }
            }
            Tree f = t.at(parent.field(key, label.toString(), h), off, len);
            for (Bit b : bits) {
                boolean set = (v & b.mask()) != 0;
                t.at(f.field(b.key(), Text.bits((int) v, (int) b.mask(), 8 * len) + " = " + b.name() + ": "
                        + (set ? b.set() : b.clear()), set ? "1" : "0").bitmask(b.mask()), off, len);
            }
        }
    }

    /** The Tvb reads the other classes of the package share. */
    static String ipv4(Tvb t, int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }
}
