package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv4OptionWalk;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code ip.*}: the IPv4 header (RFC 791 §3.1), one set of occurrences per IPv4 layer. As in
 * Wireshark 4.0's {@code dissect_ip_v4()}, only {@code ip.version} is added when the version is
 * not 4, only the version and header length when the header length is below 20; the header
 * checksum is not verified (status 2, "unverified", Wireshark's default).
 */
final class IpFields {
    private IpFields() { }

    /** Layers whose version and header length are sane, so that the rest of the header is read. */
    private static final Layers.Selector SANE = (d, i) -> sane(d, i);

    static boolean sane(Dissection d, int i) {
        if (d.captured(i) < 1) {
            return false;
        }
        int b = Bytes.u8(d.segment(i), d.offset(i));
        return b >>> 4 == 4 && (b & 0xf) * 4 >= Ipv4.MIN_HEADER_LENGTH;
    }

    /** Layers with at least their first byte. */
    private static final Layers.Selector ANY = (d, i) -> d.captured(i) >= 1;

    private static final Layers.Selector V4 = (d, i) ->
            d.captured(i) >= 1 && Bytes.u8(d.segment(i), d.offset(i)) >>> 4 == 4;

    static List<Field> all() {
        Proto p = Proto.IPV4;
        return List.of(
                // packet-ip.c reads the header length before it adds its item
                Field.of("ip", "Internet Protocol Version 4", PROTOCOL, Layers.each(p, ANY, (s, off, cap, v) -> {
                    // Wireshark appends Src to the summary once it has read the source address and
                    // Dst once it has read the destination; an item without either shows its name.
                    int b = Bytes.u8(s, off);
                    if (cap < Ipv4.SRC + 4 || b >>> 4 != 4 || (b & 0xf) * 4 < Ipv4.MIN_HEADER_LENGTH) {
                        v.addString("ip");
                        return;
                    }
                    StringBuilder sb = new StringBuilder(64).append("Internet Protocol Version 4, Src: ");
                    FieldText.ipv4(sb, Bytes.u32(s, off + Ipv4.SRC));
                    int dst = (b & 0xf) * 4 > Ipv4.MIN_HEADER_LENGTH ? destination(s, off, cap) : Ipv4.DST;
                    if (dst >= 0 && cap >= Ipv4.DST + 4) {
                        sb.append(", Dst: ");
                        FieldText.ipv4(sb, Bytes.u32(s, off + dst));
                        if (dst != Ipv4.DST) {
                            sb.append(", Via: ");
                            FieldText.ipv4(sb, Bytes.u32(s, off + Ipv4.DST));
                        }
                    }
                    v.addString(sb);
                })),
                // IPv6 adds a hidden ip.version too, so that "ip.version == 6" matches.
                Field.integer("ip.version", "Version", UINT, 8, Base.DEC, (d, v) -> {
                    int v4 = 0;
                    int v6 = 0;
                    for (Dissection x = d.dissection(); x != null; x = x.quote()) {
                        for (int i = 0; i < x.count(); i++) {
                            if ((x.proto(i) == Proto.IPV4 || x.proto(i) == Proto.IPV6) && x.captured(i) >= 1) {
                                v.setLayer(x.proto(i) == Proto.IPV4 ? ++v4 : ++v6);
                                v.addLong(Bytes.u8(x.segment(i), x.offset(i)) >>> 4);
                            }
                        }
                    }
                }),
                Field.integer("ip.hdr_len", "Header Length", UINT, 8, Base.DEC, Layers.each(p, V4, (s, off, cap, v) -> {
                    v.addLong((Bytes.u8(s, off) & 0xf) * 4L);
                })),
                Layers.uint("ip.dsfield", "Differentiated Services Field", 8, Base.HEX, p, SANE, 1, 1, 0),
                Layers.uint("ip.dsfield.dscp", "Differentiated Services Codepoint", 8, Base.DEC, p, SANE, 1, 1, 0xfc),
                Layers.uint("ip.dsfield.ecn", "Explicit Congestion Notification", 8, Base.DEC, p, SANE, 1, 1, 0x03),
                Layers.uint("ip.len", "Total Length", 16, Base.DEC, p, SANE, 2, 2, 0),
                Layers.uint("ip.id", "Identification", 16, Base.HEX_DEC, p, SANE, 4, 2, 0),
                Layers.uint("ip.flags", "Flags", 8, Base.HEX, p, SANE, 6, 1, 0xe0),
                Layers.bool("ip.flags.rb", "Reserved bit", p, SANE, 6, 1, 0x80),
                Layers.bool("ip.flags.df", "Don't fragment", p, SANE, 6, 1, 0x40),
                Layers.bool("ip.flags.mf", "More fragments", p, SANE, 6, 1, 0x20),
                Layers.uint("ip.frag_offset", "Fragment Offset", 16, Base.DEC, p, SANE, 6, 2, 0x1fff),
                Layers.uint("ip.ttl", "Time to Live", 8, Base.DEC, p, SANE, 8, 1, 0),
                Layers.uint("ip.proto", "Protocol", 8, Base.DEC, p, SANE, 9, 1, 0),
                Layers.uint("ip.checksum", "Header Checksum", 16, Base.HEX, p, SANE, 10, 2, 0),
                Field.integer("ip.checksum.status", "Header checksum status", UINT, 8, Base.NONE,
                        Layers.each(p, SANE, (s, off, cap, v) -> {
                            if (cap >= 12) {
                                v.addLong(2);
                            }
                        })),
                Layers.ipv4("ip.src", "Source Address", p, SANE, Ipv4.SRC),
                Field.of("ip.addr", "Source or Destination Address", IPV4, Layers.each(p, SANE, (s, off, cap, v) -> {
                    if (cap >= Ipv4.SRC + 4) {
                        v.addLong(Bytes.u32(s, off + Ipv4.SRC));
                    }
                    int dst = destination(s, off, cap);
                    if (dst >= 0) {
                        v.addLong(Bytes.u32(s, off + dst));
                    }
                })),
                host("ip.src_host", "Source Host", Ipv4.SRC, false),
                host("ip.host", "Source or Destination Host", Ipv4.SRC, true),
                Field.of("ip.dst", "Destination Address", IPV4, Layers.each(p, SANE, (s, off, cap, v) -> {
                    int dst = destination(s, off, cap);
                    if (dst >= 0) {
                        v.addLong(Bytes.u32(s, off + dst));
                    }
                })),
                host("ip.dst_host", "Destination Host", Ipv4.DST, false));
    }

    /**
     * Where the address {@code ip.dst} shows is, or -1 when it is not shown: a source route
     * option's last address when its pointer still points into it (packet-ip.c adds ip.dst in
     * the option then, the header's address being ip.cur_rt), and none when the walk to find
     * that option runs out of captured bytes.
     */
    private static int destination(MemorySegment s, long off, int cap) {
        if (cap < Ipv4.DST + 4) {
            return -1;
        }
        int hlen = Ipv4.headerLength(s, off);
        if (hlen <= Ipv4.MIN_HEADER_LENGTH) {
            return Ipv4.DST;
        }
        int at = Ipv4OptionWalk.destinationOffset(s, off, hlen, cap);
        return at < 0 ? -1 : at;
    }

    /** An address as text (we never resolve names, so it is the dotted quad). */
    private static Field host(String name, String title, int at, boolean both) {
        return Field.of(name, title, STRING, Layers.each(Proto.IPV4, SANE, (s, off, cap, v) -> {
            for (int a = at; a <= (both ? Ipv4.DST : at); a += 4) {
                int from = a == Ipv4.DST ? destination(s, off, cap) : cap >= a + 4 ? a : -1;
                if (from >= 0) {
                    StringBuilder sb = new StringBuilder(15);
                    FieldText.ipv4(sb, Bytes.u32(s, off + from));
                    v.addString(sb);
                }
            }
        }));
    }
}
