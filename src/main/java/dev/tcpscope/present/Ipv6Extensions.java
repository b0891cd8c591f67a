package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ipv6;

import java.lang.foreign.MemorySegment;

/**
 * The IPv6 extension headers inside the IPv6 item, as Wireshark 4.0's packet-ipv6.c builds
 * them (RFC 8200 §4): Hop-by-Hop and Destination Options with each option (RFC 8200 §4.2),
 * Routing headers of type 0 (RFC 2460, deprecated), 2 (RFC 6275 §6.4), 3 (RFC 6554) and 4
 * (RFC 8754), and the Fragment header's own fields (RFC 8200 §4.5).
 *
 * <p>Every item is added only when the bytes Wireshark reads for it exist; when they run out
 * the tree stops where the dissector's bounds exception would, naming the extension header's
 * protocol ("IPv6 Hop-by-Hop", "IPv6 Routing", ...). The walk follows the same rules as
 * {@code wire.Ipv6Chain}, which decided where the upper layer starts.
 */
final class Ipv6Extensions {
    private static final String HOP = "IPv6 Hop-by-Hop";
    private static final String DST = "IPv6 Destination";
    private static final String ROUTING = "IPv6 Routing";
    private static final String FRAGMENT = "IPv6 Fragment";

    private final Details x;
    private final DetailNode ip;
    private final int i;
    private final MemorySegment s;
    private final long off;
    /** The fixed header's payload length (0 for a jumbogram). */
    private final int plen;
    /** The jumbogram's length, or 0. */
    private final long jumbo;

    private Ipv6Extensions(Details x, DetailNode ip, int i, int plen, long jumbo) {
        this.x = x;
        this.ip = ip;
        this.i = i;
        this.s = x.d.segment(i);
        this.off = x.d.offset(i);
        this.plen = plen;
        this.jumbo = jumbo;
    }

    /**
     * Adds the extension headers that follow the fixed header of IPv6 layer {@code i}, whose
     * Next Header is {@code next}, under {@code ip}; false when bytes ran out inside one.
     *
     * @param plen  the fixed header's payload length
     * @param jumbo the Jumbo Payload length the Hop-by-Hop header gives, or 0
     */
    static boolean add(Details x, DetailNode ip, int i, int next, int plen, long jumbo) {
        return new Ipv6Extensions(x, ip, i, plen, jumbo).walk(next);
    }

    private boolean walk(int nh) {
        int pos = Ipv6.HEADER_LENGTH;
        int fragPayload = plen;
        boolean first = true;
        while (true) {
            int len;
            switch (nh) {
                case Ipv6.EXT_HOP_BY_HOP, Ipv6.EXT_DESTINATION -> {
                    boolean hop = nh == Ipv6.EXT_HOP_BY_HOP;
                    x.protocol(hop ? "ipv6.hopopts" : "ipv6.dstopts");
                    len = options(pos, hop, first);
                }
                case Ipv6.EXT_ROUTING -> {
                    x.protocol("ipv6.routing");
                    len = routing(pos);
                }
                case Ipv6.EXT_FRAGMENT -> {
                    x.protocol("ipv6.fraghdr");
                    len = fragment(pos);
                    if (len > 0) {
                        fragPayload -= len;
                        int offM = Bytes.u16(s, off + pos + 2);
                        if (x.d.reassembly() != null && x.d.reassembly().layer() == i) {
                            ip.length(pos + len); // the frame that completes the datagram: over its Fragment header too
                        }
                        if (fragPayload > 0 && ((offM & 0xfff8) != 0 || (offM & 1) != 0)) {
                            // a fragment: what follows is the fragment's data (or the reassembled datagram)
                            x.consumed(i, pos + len);
                            return true;
                        }
                    }
                }
                default -> {
                    // packet-ipv6.c's item covers the extension headers once the chain reaches an
                    // upper layer; AH, Mobility, HIP and Shim6 it hands to their own dissectors as
                    // more of the chain, which under the profile end it without that
                    if (nh != 51 && nh != 135 && nh != 139 && nh != 140) {
                        ip.length(pos);
                    }
                    x.consumed(i, pos);
                    return true;
                }
            }
            if (len < 0) {
                return false;
            }
            if (nh != Ipv6.EXT_FRAGMENT) {
                fragPayload -= len;
            }
            nh = Bytes.u8(s, off + pos);
            pos += len;
            first = false;
        }
    }

    /**
     * The length an FT_PROTOCOL or FT_NONE item of {@code len} bytes at {@code pos} gets: proto.c
     * cuts such items short at the end of the captured bytes instead of throwing.
     */
    private int clip(int pos, int len) {
        return Math.max(0, Math.min(len, x.d.captured(i) - pos));
    }

    /** Whether layer bytes up to {@code upTo} exist; if not, records the bounds exception in {@code proto}. */
    private boolean has(long upTo, String proto) {
        return x.bounds(i, (int) Math.min(upTo, Integer.MAX_VALUE), proto);
    }

    /**
     * The same inside a buffer of its own that ends at {@code limit} (a routing type's data,
     * which Wireshark reads through a subset as long as the header says).
     */
    private boolean has(long upTo, int limit, String proto) {
        if (upTo <= Math.min(x.d.captured(i), limit)) {
            return true;
        }
        if (upTo <= Math.min(x.d.reported(i), limit)) {
            x.stop(proto, false);
        } else if (limit != Integer.MAX_VALUE && upTo <= limit) {
            // inside the header's own length but past the packet's: Wireshark's ContainedBoundsError
            x.stop(proto + ": length of contained item exceeds length of containing item", true);
        } else {
            x.stop(proto, true);
        }
        return false;
    }

    // ---- Hop-by-Hop and Destination Options (RFC 8200 §4.2, §4.3, §4.6) ----------------------

    /** Returns the header's length, or -1 when its bytes ran out. */
    private int options(int pos, boolean hop, boolean first) {
        String proto = hop ? HOP : DST;
        String key = hop ? "ipv6.hopopts" : "ipv6.dstopts";
        if (!has(pos + 2, proto)) {
            return -1;
        }
        int next = Bytes.u8(s, off + pos);
        int words = Bytes.u8(s, off + pos + 1);
        int len = (words + 1) * 8;
        // a protocol item is cut short at the end of the bytes rather than throwing
        DetailNode h = ip.protocol(key, hop ? "IPv6 Hop-by-Hop Option" : "Destination Options for IPv6")
                .at(s, off + pos, clip(pos, len));
        if (hop && !first) {
            Expert.add(h, "ipv6.hopopts.not_first", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                    "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header");
        }
        h.field(key + ".nxt", "Next Header: " + IpDetails.protoName(next), Integer.toString(next)).at(s, off + pos, 1);
        h.field(key + ".len", "Length: " + words, Integer.toString(words)).at(s, off + pos + 1, 1);
        h.field(key + ".len_oct", "Length: " + len + " bytes", Integer.toString(len)).generated().at(s, off + pos + 1, 1);
        int o = pos + 2;
        int end = pos + len;
        while (o < end) {
            o = option(h, o, hop, proto);
            if (o < 0) {
                return -1;
            }
        }
        // the next header's buffer starts after the whole header
        return has(pos + len, proto) ? len : -1;
    }

    /** One option at {@code o}; returns where the next one starts, or -1 when bytes ran out. */
    private int option(DetailNode h, int o, boolean hop, String proto) {
        if (!has(o + 2, proto)) {
            return -1;
        }
        int type = Bytes.u8(s, off + o);
        int len = Bytes.u8(s, off + o + 1);
        String name = Ipv6Options.name(type);
        DetailNode opt = h.none("ipv6.opt", name != null ? name : "Unknown IPv6 Option (" + type + ")")
                .at(s, off + o, clip(o, len + 2));
        String typeHex = Labels.hex(type, 2);
        DetailNode typeItem = opt.field("ipv6.opt.type", "Type: " + (name != null ? name : "Unknown") + " (" + typeHex + ")",
                typeHex).at(s, off + o, 1);
        if (type == Ipv6Options.PAD1) {
            opt.none("ipv6.opt.pad1", "Pad1").at(s, off + o, 1);
            return o + 1;
        }
        int where = Ipv6Options.header(type);
        if (hop && where == Ipv6Options.DST_ONLY) {
            Expert.add(typeItem, "ipv6.opt.header_mismatch", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    name + " must use a destination options header");
        } else if (!hop && where == Ipv6Options.HBH_ONLY) {
            Expert.add(typeItem, "ipv6.opt.header_mismatch", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    name + " must use a hop-by-hop options header");
        }
        int action = type >>> 6;
        typeItem.field("ipv6.opt.type.action", Bits.pattern(type, 0xc0, 8) + "Action: " + Ipv6Options.ACTIONS[action]
                + " (" + action + ")", action).at(s, off + o, 1);
        boolean change = (type & 0x20) != 0;
        typeItem.field("ipv6.opt.type.change", Bits.pattern(type, 0x20, 8) + "May Change: " + (change ? "Yes" : "No"),
                change ? "1" : "0").at(s, off + o, 1);
        typeItem.field("ipv6.opt.type.rest", Bits.pattern(type, 0x1f, 8) + "Low-Order Bits: " + Labels.hex(type & 0x1f, 2),
                Labels.hex(type & 0x1f, 2)).at(s, off + o, 1);
        DetailNode lenItem = opt.field("ipv6.opt.length", "Length: " + len, len).at(s, off + o + 1, 1);
        int data = o + 2;
        if (type == Ipv6Options.PADN) {
            return bytes(opt, "ipv6.opt.padn", "PadN", data, len, true, proto) == null ? -1 : data + len;
        }
        Ipv6Options.Body body = new Ipv6Options.Body(x, this::has, opt, lenItem, typeItem, s, off, data, len, proto);
        int at = Ipv6Options.body(body, type, plen);
        if (at < 0) {
            return -1;
        }
        if (at < data + len) {
            DetailNode u = bytes(opt, "ipv6.opt_unknown_data", "Unknown Data", at, data + len - at, false, proto);
            if (u == null) {
                return -1;
            }
            Expert.add(u, "ipv6.opt.unknown_data.expert", Expert.Severity.NOTE, Expert.Group.UNDECODED,
                    "Unknown Data (not interpreted)");
            at = data + len;
        }
        return at;
    }

    /** An FT_BYTES item of {@code len} bytes at {@code at}; null when they are not all there. */
    private DetailNode bytes(DetailNode parent, String key, String name, long at, int len, boolean allowZero, String proto) {
        if (!has(at + len, proto)) {
            return null;
        }
        return parent.field(key, name + ": " + bytesText(s, off + at, len, allowZero), Labels.hexColons(s, off + at, len))
                .at(s, off + at, len);
    }

    /** How a label shows bytes: hex, or {@code <none>} / {@code <MISSING>} when there are none. */
    static String bytesText(MemorySegment s, long at, int len, boolean allowZero) {
        if (len == 0) {
            return allowZero ? "<none>" : "<MISSING>";
        }
        return Labels.hexShort(s, at, len);
    }

    // ---- Routing header (RFC 8200 §4.4) ---------------------------------------------------------

    /** Returns the header's length, or -1 when its bytes ran out. */
    private int routing(int pos) {
        // the header's length, cut short at the end of the captured bytes
        int known = x.d.captured(i) >= pos + 2 ? (Bytes.u8(s, off + pos + 1) + 1) * 8 : Integer.MAX_VALUE;
        DetailNode rt = ip.protocol("ipv6.routing", "Routing Header for IPv6").at(s, off + pos, clip(pos, known));
        if (!has(pos + 1, ROUTING)) {
            return -1;
        }
        int next = Bytes.u8(s, off + pos);
        rt.field("ipv6.routing.nxt", "Next Header: " + IpDetails.protoName(next), next).at(s, off + pos, 1);
        if (!has(pos + 2, ROUTING)) {
            return -1;
        }
        int words = Bytes.u8(s, off + pos + 1);
        int len = (words + 1) * 8;
        DetailNode lenItem = rt.field("ipv6.routing.len", "Length: " + words, words).at(s, off + pos + 1, 1);
        rt.field("ipv6.routing.len_oct", "Length: " + len + " bytes", len).generated().at(s, off + pos + 1, 1);
        if (!has(pos + 3, ROUTING)) {
            return -1;
        }
        int type = Bytes.u8(s, off + pos + 2);
        String typeName = Ipv6Routing.typeName(type);
        DetailNode typeItem = rt.field("ipv6.routing.type", "Type: " + (typeName != null ? typeName : "Unknown")
                + " (" + type + ")", type).at(s, off + pos + 2, 1);
        rt.relabel("Routing Header for IPv6 (" + (typeName != null ? typeName : "Unknown type " + type) + ")");
        if (!has(pos + 4, ROUTING)) {
            return -1;
        }
        int segLeft = Bytes.u8(s, off + pos + 3);
        DetailNode segItem = rt.field("ipv6.routing.segleft", "Segments Left: " + segLeft, segLeft)
                .at(s, off + pos + 3, 1);
        Ipv6Routing r = new Ipv6Routing(this, rt, lenItem, typeItem, segItem, s, off, pos, words, segLeft, len);
        if (!r.body(type)) {
            return -1;
        }
        // the next header's buffer starts after the whole header
        return has(pos + len, ROUTING) ? len : -1;
    }

    /** {@link #has(long, int, String)} for the routing types, which read through a buffer ending at {@code limit}. */
    boolean hasIn(long upTo, int limit) {
        return has(upTo, limit, ROUTING);
    }

    // ---- Fragment header (RFC 8200 §4.5) --------------------------------------------------------

    /** The fragment header's own fields; returns its length, or -1 when its bytes ran out. */
    private int fragment(int pos) {
        // packet-ipv6.c reads all three fields before it adds an item
        if (!has(pos + 1, FRAGMENT) || !has(pos + 4, FRAGMENT) || !has(pos + Ipv6.FRAGMENT_HEADER_LENGTH, FRAGMENT)) {
            return -1;
        }
        int next = Bytes.u8(s, off + pos);
        int reserved = Bytes.u8(s, off + pos + 1);
        int offM = Bytes.u16(s, off + pos + 2);
        long ident = Bytes.u32(s, off + pos + 4);
        DetailNode f = ip.protocol("ipv6.fraghdr", "Fragment Header for IPv6").at(s, off + pos, Ipv6.FRAGMENT_HEADER_LENGTH);
        if (jumbo != 0) {
            Expert.add(f, "ipv6.opt.jumbo.fragment", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Jumbo Payload option cannot be used with a fragment header");
        }
        long at = off + pos;
        f.field("ipv6.fraghdr.nxt", "Next header: " + IpDetails.protoName(next), next).at(s, at, 1);
        f.field("ipv6.fraghdr.reserved_octet", "Reserved octet: " + Labels.hex(reserved, 2), Labels.hex(reserved, 2))
                .at(s, at + 1, 1);
        f.field("ipv6.fraghdr.offset", Bits.pattern(offM, 0xfff8, 16) + "Offset: " + (offM >>> 3) + " ("
                + (offM & 0xfff8) + " bytes)", offM >>> 3).at(s, at + 2, 2);
        int rsv = (offM >>> 1) & 3;
        f.field("ipv6.fraghdr.reserved_bits", Bits.pattern(offM, 0x0006, 16) + "Reserved bits: " + rsv, rsv)
                .at(s, at + 2, 2);
        boolean more = (offM & 1) != 0;
        f.field("ipv6.fraghdr.more", Bits.pattern(offM, 0x0001, 16) + "More Fragments: " + (more ? "Yes" : "No"),
                more ? "1" : "0").at(s, at + 2, 2);
        f.field("ipv6.fraghdr.ident", "Identification: " + Labels.hex(ident, 8), Labels.hex(ident, 8)).at(s, at + 4, 4);
        return Ipv6.FRAGMENT_HEADER_LENGTH;
    }

    /** Bounds checks for the option bodies, in the layer's own terms. */
    @FunctionalInterface
    interface Bounds {
        boolean has(long upTo, String proto);
    }
}
