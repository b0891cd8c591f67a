package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ipv6;

import java.lang.foreign.MemorySegment;

/**
 * The type-specific part of an IPv6 Routing header, as packet-ipv6.c's
 * {@code dissect_routing6_*} functions build it: type 0 source route (RFC 2460, deprecated by
 * RFC 5095), type 2 (RFC 6275 §6.4), RPL source route (RFC 6554) and segment routing
 * (RFC 8754). Wireshark reads each type's data through a buffer as long as the header says,
 * so a read past the header's end is malformed even when the packet goes on. Compact routing
 * headers (types 5 and 6) are not built yet and show their data undecoded, as unknown types do.
 */
final class Ipv6Routing {
    private static final String[] TYPES = new String[256];

    static {
        TYPES[0] = "Source Route";
        TYPES[1] = "Nimrod";
        TYPES[2] = "Type 2 Routing";
        TYPES[3] = "RPL Source Route";
        TYPES[4] = "Segment Routing";
        TYPES[5] = "Compact Routing Header 16";
        TYPES[6] = "Compact Routing Header 32";
        TYPES[253] = "Experiment 1";
        TYPES[254] = "Experiment 2";
    }

    private final Ipv6Extensions ext;
    private final DetailNode rt;
    private final DetailNode lenItem;
    private final DetailNode typeItem;
    private final DetailNode segItem;
    private final MemorySegment s;
    private final long off;
    /** Where the type's data starts (relative to the IPv6 layer) and where its buffer ends. */
    private final int data;
    private final int limit;
    private final int words;
    private final int segLeft;

    Ipv6Routing(Ipv6Extensions ext, DetailNode rt, DetailNode lenItem, DetailNode typeItem, DetailNode segItem,
                MemorySegment s, long off, int pos, int words, int segLeft, int len) {
        this.ext = ext;
        this.rt = rt;
        this.lenItem = lenItem;
        this.typeItem = typeItem;
        this.segItem = segItem;
        this.s = s;
        this.off = off;
        this.data = pos + 4;
        this.limit = pos + len;
        this.words = words;
        this.segLeft = segLeft;
    }

    /** The routing type's name, or null for one Wireshark does not know. */
    static String typeName(int type) {
        return TYPES[type];
    }

    /** Adds the items of routing {@code type}; false when bytes ran out. */
    boolean body(int type) {
        return switch (type) {
            case 0 -> sourceRoute();
            case 2 -> type2();
            case 3 -> rpl();
            case 4 -> segmentRouting();
            default -> undecoded();
        };
    }

    private boolean has(long upTo) {
        return ext.hasIn(upTo, limit);
    }

    private String address(int at) {
        return IpDetails.ipv6(s, off + at);
    }

    private static boolean multicast(MemorySegment s, long at) {
        return Bytes.u8(s, at) == 0xff;
    }

    private DetailNode reserved(String key) {
        if (!has(data + 4)) {
            return null;
        }
        return rt.field(key, "Reserved: " + Labels.hexShort(s, off + data, 4), Labels.hexColons(s, off + data, 4))
                .at(s, off + data, 4);
    }

    private void multicastExpert(DetailNode item) {
        Expert.add(item, "ipv6.src_route_list.multicast_addr", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                "Multicast addresses must not appear in the source route list");
    }

    private void invalidSegLeft(String message) {
        Expert.add(segItem, "ipv6.routing.invalid_segleft", Expert.Severity.WARNING, Expert.Group.PROTOCOL, message);
    }

    private void invalidLength(String message) {
        Expert.add(lenItem, "ipv6.routing.invalid_length", Expert.Severity.ERROR, Expert.Group.MALFORMED, message);
    }

    private boolean sourceRoute() {
        if (reserved("ipv6.routing.src.reserved") == null) {
            return false;
        }
        if (words % 2 != 0) {
            invalidLength("IPv6 Routing Header extension header length must not be odd");
        }
        int count = words / 2;
        if (segLeft > count) {
            invalidSegLeft("IPv6 Type 0 Routing Header segments left field must not exceed address count (" + count + ")");
        }
        for (int k = 1; k <= count; k++) {
            int at = data + 4 + (k - 1) * 16;
            if (!has(at + 16)) {
                return false;
            }
            String a = address(at);
            DetailNode item = rt.field("ipv6.routing.src.addr", "Address[" + k + "]: " + a, a).at(s, off + at, 16);
            if (multicast(s, off + at)) {
                multicastExpert(item);
            }
        }
        Expert.add(typeItem, "ipv6.routing.deprecated", Expert.Severity.NOTE, Expert.Group.DEPRECATED,
                "Routing header type is deprecated");
        return true;
    }

    private boolean type2() {
        if (reserved("ipv6.routing.mipv6.reserved") == null) {
            return false;
        }
        if (words != 2) {
            invalidLength("IPv6 Type 2 Routing Header extension header length must equal 2");
        }
        if (segLeft != 1) {
            invalidSegLeft("IPv6 Type 2 Routing Header segments left field must equal 1");
        }
        int at = data + 4;
        if (!has(at + 16)) {
            return false;
        }
        String a = address(at);
        DetailNode item = rt.field("ipv6.routing.mipv6.home_address", "Address[1]: " + a, a).at(s, off + at, 16);
        if (multicast(s, off + at)) {
            multicastExpert(item);
        }
        return true;
    }

    private boolean segmentRouting() {
        if (!has(data + 1)) {
            return false;
        }
        int last = Bytes.u8(s, off + data);
        rt.field("ipv6.routing.srh.last_entry", "Last Entry: " + last, last).at(s, off + data, 1);
        int count = last + 1;
        if (!has(data + 2)) {
            return false;
        }
        int flags = Bytes.u8(s, off + data + 1);
        rt.field("ipv6.routing.srh.flags", "Flags: " + Labels.hex(flags, 2), Labels.hex(flags, 2)).at(s, off + data + 1, 1);
        if (!has(data + 4)) {
            return false;
        }
        rt.field("ipv6.routing.srh.tag", "Tag: " + Labels.hexShort(s, off + data + 2, 2), Labels.hexColons(s, off + data + 2, 2))
                .at(s, off + data + 2, 2);
        if (segLeft > count) {
            invalidSegLeft("IPv6 Type 4 Routing Header segments left field must not exceed address count (" + count + ")");
        }
        if (segLeft > 0 && !has(data + 20)) {
            return false;
        }
        for (int k = 0; k < count; k++) {
            int at = data + 4 + k * 16;
            if (!has(at + 16)) {
                return false;
            }
            String a = address(at);
            rt.field("ipv6.routing.srh.addr", "Address[" + k + "]: " + a, a).at(s, off + at, 16);
        }
        return true;
    }

    /** RFC 6554: addresses with their first CmprI (the last one: CmprE) bytes taken from the destination. */
    private boolean rpl() {
        int dst = Ipv6.DST;
        if (multicast(s, off + dst)) {
            Expert.add(rt, "ipv6.dst_addr.not_multicast", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Destination address must not be a multicast address");
        }
        if (!has(data + 4)) {
            return false;
        }
        long w = Bytes.u32(s, off + data);
        int cmprI = (int) (w >>> 28);
        int cmprE = (int) (w >>> 24) & 0xf;
        int pad = (int) (w >>> 20) & 0xf;
        int reserved = (int) (w & 0xfffff);
        rt.field("ipv6.routing.rpl.cmprI", Bits.pattern(w, 0xf0000000L, 32) + "Compressed Internal Octets (CmprI): " + cmprI,
                Integer.toString(cmprI)).at(s, off + data, 4);
        rt.field("ipv6.routing.rpl.cmprE", Bits.pattern(w, 0x0f000000L, 32) + "Compressed Final Octets (CmprE): " + cmprE,
                Integer.toString(cmprE)).at(s, off + data, 4);
        DetailNode padItem = rt.field("ipv6.routing.rpl.pad", Bits.pattern(w, 0x00f00000L, 32) + "Padding Bytes: " + pad,
                Integer.toString(pad)).at(s, off + data, 4);
        if (cmprI == 0 && cmprE == 0 && pad != 0) {
            Expert.add(padItem, "ipv6.routing.rpl.cmprI_cmprE_pad", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was " + pad);
        }
        DetailNode rsv = rt.field("ipv6.routing.rpl.reserved", Bits.pattern(w, 0x000fffffL, 32) + "Reserved: " + reserved,
                Integer.toString(reserved)).at(s, off + data, 4);
        if (reserved != 0) {
            Expert.add(rsv, "ipv6.routing.rpl.reserved_not0", Expert.Severity.NOTE, Expert.Group.PROTOCOL,
                    "Reserved field must equal 0 but instead was " + reserved);
        }
        int count = words > 0 ? ((words * 8) - pad - (16 - cmprE)) / (16 - cmprI) + 1 : 0;
        DetailNode countItem = rt.field("ipv6.routing.rpl.addr_count", "Total Address Count: " + count,
                Integer.toString(count)).generated().at(s, off + data, 2);
        if (count < 0) {
            Expert.add(countItem, "ipv6.routing.rpl.addr_count_ge0", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    "Calculated total address count must be greater than or equal to 0, instead was " + count);
        } else if (segLeft > count) {
            invalidSegLeft("IPv6 RPL Routing Header segments left field must not exceed address count (" + count + ")");
        }
        int at = data + 4;
        byte[] full = new byte[16];
        MemorySegment f = MemorySegment.ofArray(full);
        for (int k = 1; k <= count; k++) {
            int size = k == count ? 16 - cmprE : 16 - cmprI;
            if (!has(at + size)) {
                return false;
            }
            rt.field("ipv6.routing.rpl.address", "Address: " + Ipv6Extensions.bytesText(s, off + at, size, false),
                    Labels.hexColons(s, off + at, size)).at(s, off + at, size);
            MemorySegment.copy(s, off + dst, f, 0, 16);
            MemorySegment.copy(s, off + at, f, 16 - size, size);
            String a = IpDetails.ipv6(f, 0);
            DetailNode item = rt.field("ipv6.routing.rpl.full_address", "Address[" + k + "]: " + a, a).generated()
                    .at(s, off + at, size);
            if (f.mismatch(s.asSlice(off + Ipv6.SRC, 16)) == -1) {
                Expert.add(item, "ipv6.src_route_list.src_addr", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                        "Source address must not appear in the source route list");
            }
            if (f.mismatch(s.asSlice(off + dst, 16)) == -1) {
                Expert.add(item, "ipv6.src_route_list.dst_addr", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                        "Destination address must not appear in the source route list");
            }
            if (full[0] == (byte) 0xff) {
                multicastExpert(item);
            }
            at += size;
        }
        return true;
    }

    /** A type Wireshark has no dissector for: its data, read from the header's own buffer. */
    private boolean undecoded() {
        int size = limit - data;
        if (!ext.hasIn(limit, Integer.MAX_VALUE)) {
            return false;
        }
        DetailNode u = rt.field("ipv6.routing.unknown_data", "Type-Specific Data: "
                + Ipv6Extensions.bytesText(s, off + data, size, false), Labels.hexColons(s, off + data, size))
                .at(s, off + data, size);
        Expert.add(u, "ipv6.routing.undecoded", Expert.Severity.NOTE, Expert.Group.UNDECODED,
                "Undecoded IPv6 routing header field");
        return true;
    }
}
