package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Neighbor Discovery options (RFC 4861 §4.6) as packet-icmpv6.c's {@code dissect_icmpv6_nd_opt}
 * shows them: each an "ICMPv6 Option (name" item whose label grows as the option is read
 * (" : summary", or the DNS servers) and is closed with ")" when the option is done, so an
 * option whose reads ran out keeps its label open. Known here: link-layer addresses (1, 2),
 * prefix information (3), the redirected header (4, its packet built as a quoted datagram), the
 * MTU (5) and recursive DNS servers (25, RFC 8106 §5.1); other types show their bytes as data.
 *
 * <p>A length of zero ends the walk with an expert item, without an exception. Bytes of an
 * option its reads did not reach are "Unknown Data" with an expert item of their own.
 */
final class Icmpv6Options {
    private static final String NAME = "ICMPv6";

    private final Details x;

    Icmpv6Options(Details x) {
        this.x = x;
    }

    /** Whether layer {@code i} has {@code need} bytes; if not, records where dissection stopped. */
    private boolean has(int i, long need) {
        return x.bounds(i, (int) need, NAME);
    }

    /** Whether the bytes up to {@code end} (an absolute offset) exist in layer {@code i}. */
    private boolean upTo(int i, long end) {
        return has(i, end - x.d.offset(i));
    }

    /** The captured bytes of layer {@code i} from {@code at} (an absolute offset) on, as an item of length -1 covers. */
    private int rest(int i, long at) {
        return (int) (x.d.offset(i) + x.d.captured(i) - at);
    }

    /**
     * An {@code FT_NONE} item of {@code len} bytes at {@code at}: proto.c cuts it short at the end
     * of the captured bytes rather than throw, but its start must be there.
     */
    private DetailNode none(DetailNode o, int i, String key, String label, MemorySegment s, long at, int len) {
        if (!upTo(i, at)) {
            return null;
        }
        return o.none(key, label).at(s, at, Math.min(len, rest(i, at)));
    }

    /** The options from {@code at} to the end of ICMPv6 layer {@code i}; false when bytes ran out. */
    boolean walk(DetailNode m, int i, MemorySegment s, long at) {
        long end = x.d.offset(i) + x.d.reported(i);
        while (at < end) {
            DetailNode o = m.none("icmpv6.opt", "ICMPv6 Option");
            if (!upTo(i, at + 1)) {
                return false;
            }
            if (rest(i, at) > 1) {
                // an FT_NONE item is cut short at the end of the captured bytes (proto.c)
                o.at(s, at, Math.min(Bytes.u8(s, at + 1) * 8, rest(i, at)));
            }
            int type = Bytes.u8(s, at);
            String name = name(type);
            StringBuilder label = new StringBuilder("ICMPv6 Option (").append(name);
            o.relabel(label.toString());
            o.field("icmpv6.opt.type", "Type: " + name + " (" + type + ")", type).at(s, at, 1);
            if (!upTo(i, at + 2)) {
                return false;
            }
            int len = Bytes.u8(s, at + 1);
            DetailNode l = o.field("icmpv6.opt.length", "Length: " + len + " (" + len * 8 + " bytes)", len)
                    .at(s, at + 1, 1);
            if (len == 0) {
                Expert.add(l, "icmpv6.invalid_option_length", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Invalid option length (Zero)");
                return true;
            }
            long optEnd = at + len * 8L;
            long reached = switch (type) {
                case 1, 2 -> linkAddress(o, i, s, at, len, type, label);
                case 3 -> prefix(o, i, s, at, label);
                case 4 -> redirectedHeader(o, i, s, at, optEnd);
                case 5 -> mtu(o, i, s, at, label);
                case 25 -> dnsServers(o, i, s, at, optEnd, label);
                default -> {
                    int n = (int) Math.min(len * 8L - 2, x.d.offset(i) + x.d.captured(i) - at - 2);
                    x.data(o, s, at + 2, n);
                    yield optEnd;
                }
            };
            o.relabel(label.toString());
            if (reached < 0) {
                return false;
            }
            if (reached < optEnd) {
                if (!upTo(i, optEnd)) {
                    return false;
                }
                int n = (int) (optEnd - reached);
                DetailNode u = o.field("icmpv6.unknown_data", Labels.truncated("Unknown Data", Labels.hexShort(s, reached, n)),
                        Labels.hexColons(s, reached, n)).at(s, reached, n);
                Expert.add(u, "icmpv6.unknown_data.expert", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Unknown Data (not interpreted)");
            }
            o.relabel(label.append(')').toString());
            at = optEnd;
        }
        return true;
    }

    private static String name(int type) {
        return switch (type) {
            case 1 -> "Source link-layer address";
            case 2 -> "Target link-layer address";
            case 3 -> "Prefix information";
            case 4 -> "Redirected header";
            case 5 -> "MTU";
            case 24 -> "Route Information";
            case 25 -> "Recursive DNS Server";
            case 31 -> "DNS Search List";
            default -> "Unknown";
        };
    }

    /** Wireshark 4.0's ftenum number of FT_BYTES (the registry lists the MAC fields of the same names, FT_ETHER). */
    private static final int FT_BYTES = 30;

    /** Options 1 and 2: where the reads end (the whole option), or -1 when bytes ran out. */
    private long linkAddress(DetailNode o, int i, MemorySegment s, long at, int len, int type, StringBuilder label) {
        if (len != 1) {
            int n = len * 8 - 2;
            if (!upTo(i, at + 2 + n)) {
                return -1;
            }
            // an address that is not a MAC (a Teredo client's 14 bytes): plain hex, the option's
            // label keeps no address, and the hidden source/target item follows as for a MAC
            String hex = Labels.hexColons(s, at + 2, n);
            String plain = Labels.hexShort(s, at + 2, n);
            o.field("icmpv6.opt.linkaddr", "Link-layer address: " + plain, hex).at(s, at + 2, n).ftype(FT_BYTES);
            o.field(type == 1 ? "icmpv6.opt.src_linkaddr" : "icmpv6.opt.target_linkaddr",
                    (type == 1 ? "Source" : "Target") + " Link-layer address: " + plain, hex).hide().at(s, at + 2, n).ftype(FT_BYTES);
            return at + len * 8L;
        }
        if (!upTo(i, at + 8)) {
            return -1;
        }
        String mac = Labels.mac(s, at + 2);
        o.field("icmpv6.opt.linkaddr", "Link-layer address: " + x.link.named(s, at + 2), mac).at(s, at + 2, 6);
        o.field(type == 1 ? "icmpv6.opt.src_linkaddr" : "icmpv6.opt.target_linkaddr",
                (type == 1 ? "Source" : "Target") + " Link-layer address: " + x.link.named(s, at + 2), mac).hide()
                .at(s, at + 2, 6);
        label.append(" : ").append(mac);
        return at + 8;
    }

    /** Option 5: reserved bytes and the MTU. */
    private long mtu(DetailNode o, int i, MemorySegment s, long at, StringBuilder label) {
        none(o, i, "icmpv6.opt.reserved", "Reserved", s, at + 2, 2);
        if (!upTo(i, at + 8)) {
            return -1;
        }
        long v = Bytes.u32(s, at + 4);
        o.field("icmpv6.opt.mtu", "MTU: " + v, v).at(s, at + 4, 4);
        label.append(" : ").append(v);
        return at + 8;
    }

    /** Option 3: prefix length, flags, lifetimes, reserved bytes, prefix. */
    private long prefix(DetailNode o, int i, MemorySegment s, long at, StringBuilder label) {
        if (!upTo(i, at + 3)) {
            return -1;
        }
        int plen = Bytes.u8(s, at + 2);
        o.field("icmpv6.opt.prefix.length", "Prefix Length: " + plen, plen).at(s, at + 2, 1);
        if (!upTo(i, at + 4)) {
            return -1;
        }
        int f = Bytes.u8(s, at + 3);
        StringBuilder flagLabel = new StringBuilder("Flag: ").append(Labels.hex(f, 2));
        if ((f & 0x80) != 0) {
            flagLabel.append(", On-link flag(L)");
        }
        if ((f & 0x40) != 0) {
            flagLabel.append(", Autonomous address-configuration flag(A)");
        }
        if ((f & 0x20) != 0) {
            flagLabel.append(", Router address flag(R)");
        }
        DetailNode flags = o.field("icmpv6.opt.prefix.flag", flagLabel.toString(), Labels.hex(f, 2)).at(s, at + 3, 1);
        Icmpv6Details.flag(flags, f, 0x80, 8, "icmpv6.opt.prefix.flag.l", "On-link flag(L)").at(s, at + 3, 1);
        Icmpv6Details.flag(flags, f, 0x40, 8, "icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)")
                .at(s, at + 3, 1);
        Icmpv6Details.flag(flags, f, 0x20, 8, "icmpv6.opt.prefix.flag.r", "Router address flag(R)").at(s, at + 3, 1);
        flags.field("icmpv6.opt.prefix.flag.reserved", Bits.pattern(f, 0x1f, 8) + "Reserved: " + (f & 0x1f),
                Integer.toString(f & 0x1f)).at(s, at + 3, 1);
        if (!lifetime(o, i, s, at + 4, "icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", null)
                || !lifetime(o, i, s, at + 8, "icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", null)) {
            return -1;
        }
        none(o, i, "icmpv6.opt.reserved", "Reserved", s, at + 12, 4);
        if (!upTo(i, at + 32)) {
            return -1;
        }
        String p = IpDetails.ipv6(s, at + 16);
        o.field("icmpv6.opt.prefix", "Prefix: " + p, p).at(s, at + 16, 16);
        label.append(" : ").append(p).append('/').append(plen);
        return at + 32;
    }

    /**
     * A lifetime whose all-ones value has a name ({@code BASE_SPECIAL_VALS}: "Infinity (4294967295)");
     * {@code zero} names the value 0 too when not null.
     */
    private boolean lifetime(DetailNode o, int i, MemorySegment s, long at, String key, String name, String zero) {
        if (!upTo(i, at + 4)) {
            return false;
        }
        long v = Bytes.u32(s, at);
        String shown = v == 0xffffffffL ? "Infinity (4294967295)" : v == 0 && zero != null ? zero + " (0)" : Long.toString(v);
        o.field(key, name + ": " + shown, Long.toString(v)).at(s, at, 4);
        return true;
    }

    /**
     * Option 25 (RFC 8106 §5.1): reserved bytes, the lifetime (0 and all-ones have names), then a
     * server address per 16 bytes while the option goes on; the last may reach into what follows.
     */
    private long dnsServers(DetailNode o, int i, MemorySegment s, long at, long optEnd, StringBuilder label) {
        none(o, i, "icmpv6.opt.reserved", "Reserved", s, at + 2, 2);
        if (!lifetime(o, i, s, at + 4, "icmpv6.opt.rdnss.lifetime", "Lifetime", "RDNSS address MUST no longer be used")) {
            return -1;
        }
        long q = at + 8;
        for (; q < optEnd; q += 16) {
            if (!upTo(i, q + 16)) {
                return -1;
            }
            String a = IpDetails.ipv6(s, q);
            o.field("icmpv6.opt.rdnss", "Recursive DNS Servers: " + a, a).at(s, q, 16);
            label.append(' ').append(a);
        }
        return q;
    }

    /**
     * Option 4 (RFC 4861 §4.6.3): reserved bytes, then the redirected packet, dissected as the
     * datagram an error quotes when it looks like IPv6 (else data). The reads end where the
     * IPv6 dissector's buffer ends: the header and its payload length, or the captured bytes.
     */
    private long redirectedHeader(DetailNode o, int i, MemorySegment s, long at, long optEnd) {
        none(o, i, "icmpv6.opt.reserved", "Reserved", s, at + 2, 6);
        long q = at + 8;
        int n = (int) (optEnd - q);
        if (n <= 0) {
            return q;
        }
        if (none(o, i, "icmpv6.opt.redirected_packet", "Redirected Packet", s, q, n) == null || !upTo(i, q + 1)) {
            return -1;
        }
        long end = x.d.offset(i) + x.d.reported(i);
        int cap = (int) Math.min(n, rest(i, q));
        int rep = (int) Math.min(n, end - q);
        if ((Bytes.u8(s, q) & 0xf0) != 0x60) {
            x.data(o, s, q, cap);
            return q + cap;
        }
        if (!x.quoted(o, s, q, cap, rep, true)) {
            return -1;
        }
        // packet-ipv6.c cuts its buffer to the payload length (the header must be there to read it)
        int consumed = cap;
        if (cap >= 40) {
            int plen = Bytes.u16(s, q + 4);
            if (plen != 0) {
                consumed = Math.min(cap, 40 + plen);
            }
        }
        return q + consumed;
    }
}
