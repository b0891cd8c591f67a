package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;

/**
 * Detail items of an ICMPv6 message in the order of Wireshark 4.0's {@code dissect_icmpv6()}:
 * type and code, the checksum (verified over the IPv6 pseudo-header and the whole message
 * when it is all there), then the body of the types seen in practice: errors with their
 * quoted datagram, echo with its request/response pairing, and the neighbor discovery
 * messages (RFC 4861) with their options ({@link Icmpv6Options}). Other types show their bytes
 * as data.
 *
 * <p>Every item is added only when its bytes exist; when they run out the tree stops there,
 * as the dissector's bounds exception does. No state is kept across frames.
 */
final class Icmpv6Details {
    private static final String NAME = "ICMPv6";

    private final Details x;
    private final Icmpv6Options options;

    Icmpv6Details(Details x) {
        this.x = x;
        this.options = new Icmpv6Options(x);
    }

    /** Builds layer {@code i} (ICMPv6, over IP layer {@code ip}); false when its bytes ran out. */
    boolean icmpv6(int i, int ip) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("icmpv6");
        DetailNode m = x.root.protocol("icmpv6", "Internet Control Message Protocol v6").at(s, off, x.d.captured(i));
        if (!has(i, 1)) {
            return false;
        }
        int type = Bytes.u8(s, off);
        String typeName = Icmpv6Text.typeName(type);
        m.field("icmpv6.type", "Type: " + (typeName != null ? typeName : "Unknown") + " (" + type + ")",
                Integer.toString(type)).at(s, off, 1);
        if (!has(i, 2)) {
            return false;
        }
        int code = Bytes.u8(s, off + 1);
        String codeName = Icmpv6Text.codeName(type, code);
        m.field("icmpv6.code", "Code: " + code + (codeName == null || codeName.isEmpty() ? "" : " (" + codeName + ")"),
                Integer.toString(code)).at(s, off + 1, 1);
        if (!has(i, 4)) {
            return false;
        }
        int sum = Bytes.u16(s, off + 2);
        checksum(m, i, ip, s, off, sum);
        int cap = x.d.captured(i);
        boolean ok = switch (type) {
            case 1, 3 -> reserved(m, i, s, off + 4) && quote(m, i, s, off);
            case 2 -> uint(m, i, s, off + 4, 4, "icmpv6.mtu", "MTU") && quote(m, i, s, off);
            case 4 -> uint(m, i, s, off + 4, 4, "icmpv6.pointer", "Pointer") && quote(m, i, s, off);
            case 128, 129 -> echo(m, i, ip, s, off, type, sum);
            case 133 -> reserved(m, i, s, off + 4) && options.walk(m, i, s, off + 8);
            case 134 -> routerAdvertisement(m, i, s, off);
            case 135 -> reserved(m, i, s, off + 4) && address(m, i, s, off + 8, "icmpv6.nd.ns.target_address", "Target Address")
                    && options.walk(m, i, s, off + 24);
            case 136 -> neighborAdvertisement(m, i, s, off);
            case 130, 131, 132 -> {
                if (type == 130 && cap >= 28) {
                    // an MLDv2 query (RFC 3810 §5.1): not built yet
                    x.data(m, s, off + 4, cap - 4);
                    yield true;
                }
                yield mldV1(m, i, s, off);
            }
            case 143 -> mldV2Report(m, i, s, off);
            case 137 -> reserved(m, i, s, off + 4)
                    && address(m, i, s, off + 8, "icmpv6.nd.rd.target_address", "Target Address")
                    && address(m, i, s, off + 24, "icmpv6.rd.na.destination_address", "Destination Address")
                    && options.walk(m, i, s, off + 40);
            default -> {
                if (type < 1 || type > 4 && type < 128 || type > 161) {
                    yield undecodedType(m, i, s, off, type);
                }
                x.data(m, s, off + 4, cap - 4);
                yield true;
            }
        };
        if (ok) {
            x.consumed(i, Math.min(cap, 4));
        }
        return ok;
    }

    /**
     * A type packet-icmpv6.c has no case for: an expert on the message and the rest as
     * {@code icmpv6.data}, an item that needs at least one byte.
     */
    private boolean undecodedType(DetailNode m, int i, MemorySegment s, long off, int type) {
        Expert.add(m, "icmpv6.undecoded.type", Expert.Severity.NOTE, Expert.Group.UNDECODED,
                "Dissector for ICMPv6 Type (" + type + ") code not implemented, Contact Wireshark developers"
                        + " if you want this supported");
        if (!has(i, 5)) {
            return false;
        }
        int n = x.d.captured(i) - 4;
        m.field("icmpv6.data", Labels.truncated("Data", Labels.hexShort(s, off + 4, n)), Labels.hexColons(s, off + 4, n))
                .at(s, off + 4, n);
        return true;
    }

    /** Whether layer {@code i} has {@code need} bytes; if not, records where dissection stopped. */
    private boolean has(int i, long need) {
        return x.bounds(i, (int) need, NAME);
    }

    /** The captured bytes of layer {@code i} from {@code at} (an absolute offset) on, as an item of length -1 covers. */
    private int rest(int i, long at) {
        return (int) (x.d.offset(i) + x.d.captured(i) - at);
    }

    /** Whether the bytes up to {@code end} (an absolute offset) exist in layer {@code i}. */
    private boolean upTo(int i, long end) {
        return has(i, end - x.d.offset(i));
    }

    private void checksum(DetailNode m, int i, int ip, MemorySegment s, long off, int sum) {
        String hex = Labels.hex(sum, 4);
        int rep = x.d.reported(i);
        boolean quoted = x.inErrorPacket(i);
        if (!x.d.fragmented && x.d.captured(i) >= rep && !quoted && ip >= 0 && x.d.proto(ip) == Proto.IPV6) {
            int computed = pseudoHeaderChecksum(x.d.segment(ip), x.d.offset(ip), x.d.ipv6Source(ip), x.d.ipv6Destination(ip),
                    s, off, rep);
            if (computed == 0) {
                m.field("icmpv6.checksum", "Checksum: " + hex + " [correct]", hex).at(s, off + 2, 2);
                m.field("icmpv6.checksum.status", "Checksum Status: Good", "1").generated().at(s, off + 2, 0);
            } else {
                int should = IcmpDetails.shouldBe(sum, computed);
                DetailNode c = m.field("icmpv6.checksum", "Checksum: " + hex + " incorrect, should be "
                        + Labels.hex(should, 4), hex).at(s, off + 2, 2);
                Expert.add(c, "icmpv6.checksum_bad.expert", Expert.Severity.WARNING, Expert.Group.CHECKSUM,
                        "Bad checksum [should be " + Labels.hex(should, 4) + "]");
                m.field("icmpv6.checksum.status", "Checksum Status: Bad", "0").generated().at(s, off + 2, 0);
            }
            return;
        }
        // packet-icmpv6.c names every unverifiable case (fragmented, cut short) "fragmented datagram"
        String why = quoted ? " [in ICMP error packet]" : " [fragmented datagram]";
        m.field("icmpv6.checksum", "Checksum: " + hex + " [unverified]" + why, hex).at(s, off + 2, 2);
        m.field("icmpv6.checksum.status", "Checksum Status: Unverified", "2").generated().at(s, off + 2, 0);
    }

    /**
     * The checksum over the IPv6 pseudo-header (source, final destination, length, next header
     * 58) and the message; with a routing header the destination is its last hop (RFC 8200 §8.1),
     * with a home address option the source is the home address (RFC 6275 §6.3).
     */
    private static int pseudoHeaderChecksum(MemorySegment ipSeg, long ipOff, int src, int dst, MemorySegment s, long off,
                                            int len) {
        long sum = 0;
        for (int k = 0; k < 16; k += 2) {
            sum += Bytes.u16(ipSeg, ipOff + src + k) + Bytes.u16(ipSeg, ipOff + dst + k);
        }
        sum += (len >>> 16) + (len & 0xffff) + 58;
        sum += (~IcmpDetails.internetChecksum(s, off, len)) & 0xffff;
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private boolean reserved(DetailNode m, int i, MemorySegment s, long at) {
        if (!upTo(i, at + 4)) {
            return false;
        }
        m.field("icmpv6.reserved", "Reserved: " + Labels.hexShort(s, at, 4), Labels.hexColons(s, at, 4)).at(s, at, 4);
        return true;
    }

    private boolean uint(DetailNode m, int i, MemorySegment s, long at, int len, String key, String name) {
        if (!upTo(i, at + len)) {
            return false;
        }
        long v = len == 4 ? Bytes.u32(s, at) : len == 2 ? Bytes.u16(s, at) : Bytes.u8(s, at);
        m.field(key, name + ": " + v, Long.toString(v)).at(s, at, len);
        return true;
    }

    private boolean address(DetailNode m, int i, MemorySegment s, long at, String key, String name) {
        if (!upTo(i, at + 16)) {
            return false;
        }
        String a = IpDetails.ipv6(s, at);
        m.field(key, name + ": " + a, a).at(s, at, 16);
        return true;
    }

    /** The invoking datagram of an error message, from byte 8 on, built as IPv6. */
    private boolean quote(DetailNode m, int i, MemorySegment s, long off) {
        x.consumed(i, 8);
        int cap = x.d.captured(i) - 8;
        int rep = x.d.reported(i) - 8;
        if (cap <= 0) {
            // packet-icmpv6.c reads the quote's version nibble, even of an empty quote
            x.stop("ICMPv6", rep <= 0);
            return false;
        }
        // packet-icmpv6.c checks the version nibble: anything but an IPv6 datagram is data
        if (cap > 0 && (Bytes.u8(s, off + 8) & 0xf0) != 0x60) {
            x.data(m, s, off + 8, cap);
            return true;
        }
        return x.quoted(m, s, off + 8, Math.max(0, cap), rep, true);
    }

    private boolean echo(DetailNode m, int i, int ip, MemorySegment s, long off, int type, int sum) {
        if (!has(i, 6)) {
            return false;
        }
        int id = Bytes.u16(s, off + 4);
        m.field("icmpv6.echo.identifier", "Identifier: " + Labels.hex(id, 4), Labels.hex(id, 4)).at(s, off + 4, 2);
        if (!has(i, 8)) {
            return false;
        }
        int seq = Bytes.u16(s, off + 6);
        m.field("icmpv6.echo.sequence_number", "Sequence: " + seq, seq).at(s, off + 6, 2);
        if (dev.tcpscope.wire.UdpTunnel.teredoTest(x.d, i)) {
            // RFC 4380 §5.2.9: the request's nonce; what follows it is not shown, and the request
            // is not paired with a reply
            if (!has(i, 12)) {
                return false;
            }
            m.field("icmpv6.nonce", "Nonce: " + Labels.hexShort(s, off + 8, 4), Labels.hexColons(s, off + 8, 4)).at(s, off + 8, 4);
            return true;
        }
        if (!x.inErrorPacket(i)) {
            IcmpDetails.echoItems(x, m, i, true);
        }
        x.data(m, s, off + 8, x.d.captured(i) - 8);
        return true;
    }

    private boolean routerAdvertisement(DetailNode m, int i, MemorySegment s, long off) {
        if (!uint(m, i, s, off + 4, 1, "icmpv6.nd.ra.cur_hop_limit", "Cur hop limit") || !has(i, 6)) {
            return false;
        }
        int f = Bytes.u8(s, off + 5);
        int prf = (f >> 3) & 3;
        String prfName = switch (prf) {
            case 0 -> "Medium";
            case 1 -> "High";
            case 2 -> "Reserved";
            default -> "Low";
        };
        StringBuilder label = new StringBuilder("Flags: ").append(Labels.hex(f, 2));
        if ((f & 0x80) != 0) {
            label.append(", Managed address configuration");
        }
        if ((f & 0x40) != 0) {
            label.append(", Other configuration");
        }
        if ((f & 0x20) != 0) {
            label.append(", Home Agent");
        }
        label.append(", Prf (Default Router Preference): ").append(prfName);
        if ((f & 0x04) != 0) {
            label.append(", Proxy");
        }
        DetailNode flags = m.field("icmpv6.nd.ra.flag", label.toString(), Labels.hex(f, 2)).at(s, off + 5, 1);
        flag(flags, f, 0x80, 8, "icmpv6.nd.ra.flag.m", "Managed address configuration").at(s, off + 5, 1);
        flag(flags, f, 0x40, 8, "icmpv6.nd.ra.flag.o", "Other configuration").at(s, off + 5, 1);
        flag(flags, f, 0x20, 8, "icmpv6.nd.ra.flag.h", "Home Agent").at(s, off + 5, 1);
        flags.field("icmpv6.nd.ra.flag.prf", Bits.pattern(f, 0x18, 8) + "Prf (Default Router Preference): " + prfName
                + " (" + prf + ")", prf).at(s, off + 5, 1);
        flag(flags, f, 0x04, 8, "icmpv6.nd.ra.flag.p", "Proxy").at(s, off + 5, 1);
        flags.field("icmpv6.nd.ra.flag.rsv", Bits.pattern(f, 0x03, 8) + "Reserved: " + (f & 3), f & 3)
                .at(s, off + 5, 1);
        return uint(m, i, s, off + 6, 2, "icmpv6.nd.ra.router_lifetime", "Router lifetime (s)")
                && uint(m, i, s, off + 8, 4, "icmpv6.nd.ra.reachable_time", "Reachable time (ms)")
                && uint(m, i, s, off + 12, 4, "icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)")
                && options.walk(m, i, s, off + 16);
    }

    private boolean neighborAdvertisement(DetailNode m, int i, MemorySegment s, long off) {
        if (!has(i, 8)) {
            return false;
        }
        long f = Bytes.u32(s, off + 4);
        StringBuilder label = new StringBuilder("Flags: ").append(Labels.hex(f, 8));
        if ((f & 0x80000000L) != 0) {
            label.append(", Router");
        }
        if ((f & 0x40000000L) != 0) {
            label.append(", Solicited");
        }
        if ((f & 0x20000000L) != 0) {
            label.append(", Override");
        }
        DetailNode flags = m.field("icmpv6.nd.na.flag", label.toString(), Labels.hex(f, 8)).at(s, off + 4, 4);
        flag(flags, f, 0x80000000L, 32, "icmpv6.nd.na.flag.r", "Router").at(s, off + 4, 4);
        flag(flags, f, 0x40000000L, 32, "icmpv6.nd.na.flag.s", "Solicited").at(s, off + 4, 4);
        flag(flags, f, 0x20000000L, 32, "icmpv6.nd.na.flag.o", "Override").at(s, off + 4, 4);
        long rsv = f & 0x1fffffffL;
        flags.field("icmpv6.nd.na.flag.rsv", Bits.pattern(f, 0x1fffffffL, 32) + "Reserved: " + rsv, rsv)
                .at(s, off + 4, 4);
        return address(m, i, s, off + 8, "icmpv6.nd.na.target_address", "Target Address") && options.walk(m, i, s, off + 24);
    }

    /** RFC 2710 §3: maximum response delay, reserved, multicast address. */
    private boolean mldV1(DetailNode m, int i, MemorySegment s, long off) {
        if (!uint(m, i, s, off + 4, 2, "icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]")
                || !upTo(i, off + 8)) {
            return false;
        }
        m.field("icmpv6.reserved", "Reserved: " + Labels.hexShort(s, off + 6, 2), Labels.hexColons(s, off + 6, 2))
                .at(s, off + 6, 2);
        return address(m, i, s, off + 8, "icmpv6.mld.multicast_address", "Multicast Address");
    }

    /** RFC 3810 §5.2: the multicast address records of a version 2 report, to the end of the message. */
    private boolean mldV2Report(DetailNode m, int i, MemorySegment s, long off) {
        if (!upTo(i, off + 6)) {
            return false;
        }
        m.field("icmpv6.reserved", "Reserved: " + Labels.hexShort(s, off + 4, 2), Labels.hexColons(s, off + 4, 2))
                .at(s, off + 4, 2);
        if (!uint(m, i, s, off + 6, 2, "icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records")) {
            return false;
        }
        long at = off + 8;
        long end = x.d.offset(i) + x.d.reported(i);
        while (at < end) {
            // the record item runs to the end of the message, so its first byte must be there
            if (!upTo(i, at + 1)) {
                return false;
            }
            DetailNode r = m.none("icmpv6.mldr.mar", "Multicast Address Record").at(s, at, rest(i, at));
            long start = at;
            int type = Bytes.u8(s, at);
            String typeName = switch (type) {
                case 1 -> "Include";
                case 2 -> "Exclude";
                case 3 -> "Changed to include";
                case 4 -> "Changed to exclude";
                case 5 -> "Allow new sources";
                case 6 -> "Block old sources";
                default -> null;
            };
            r.field("icmpv6.mldr.mar.record_type", "Record Type: " + (typeName != null ? typeName : "Unknown") + " ("
                    + type + ")", type).at(s, at, 1);
            if (!uint(r, i, s, at + 1, 1, "icmpv6.mldr.mar.aux_data_len", "Aux Data Len")
                    || !uint(r, i, s, at + 2, 2, "icmpv6.mldr.mar.nb_sources", "Number of Sources")) {
                return false;
            }
            int aux = Bytes.u8(s, at + 1);
            int sources = Bytes.u16(s, at + 2);
            if (!address(r, i, s, at + 4, "icmpv6.mldr.mar.multicast_address", "Multicast Address")) {
                return false;
            }
            r.relabel("Multicast Address Record " + (typeName != null ? typeName : "Unknown Record Type (" + type + ")")
                    + ": " + IpDetails.ipv6(s, at + 4));
            at += 20;
            for (int k = 0; k < sources; k++) {
                if (!address(r, i, s, at, "icmpv6.mldr.mar.source_address", "Source Address")) {
                    return false;
                }
                at += 16;
            }
            if (aux > 0) {
                if (!upTo(i, at + aux * 4L)) {
                    return false;
                }
                r.field("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data: " + Labels.hexShort(s, at, aux * 4),
                        Labels.hexColons(s, at, aux * 4)).at(s, at, aux * 4);
                at += aux * 4L;
            }
            r.length((int) (at - start));
        }
        return true;
    }

    static DetailNode flag(DetailNode parent, long v, long mask, int width, String key, String name) {
        boolean set = (v & mask) != 0;
        return parent.field(key, Bits.pattern(v, mask, width) + name + ": " + (set ? "Set" : "Not set"), set ? "1" : "0");
    }
}
