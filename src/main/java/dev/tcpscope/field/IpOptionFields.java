package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv4OptionWalk;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code ip.cur_rt}, {@code ip.opt.*} and the {@code ip.options.*} items: the IPv4 options
 * (RFC 791 §3.1), walked as Wireshark 4.0's {@code dissect_ip_options()} walks them (EOL ends
 * the walk, a bad length byte ends it, an option whose dissector reads past it ends it after
 * its type and length) once the whole header was captured.
 */
final class IpOptionFields {
    private IpOptionFields() { }

    /** Receives each option the walk reaches: where it starts, its type and its length byte (1 for EOL and NOP). */
    @FunctionalInterface
    private interface OptionReader {
        void read(MemorySegment s, long o, int type, int len, Values v);
    }

    static List<Field> all() {
        return List.of(
                Field.of("ip.cur_rt", "Current Route", IPV4, Layers.each(Proto.IPV4, IpFields::sane, (s, off, cap, v) -> {
                    int hlen = Ipv4.headerLength(s, off);
                    if (hlen > Ipv4.MIN_HEADER_LENGTH && cap >= Ipv4.DST + 4) {
                        int at = Ipv4OptionWalk.destinationOffset(s, off, hlen, cap);
                        if (at >= 0 && at != Ipv4.DST) {
                            v.addLong(Bytes.u32(s, off + Ipv4.DST));
                        }
                    }
                })),
                Field.integer("ip.opt.type", "Type", UINT, 8, Base.DEC, options((s, o, type, len, v) -> v.addLong(type))),
                Field.integer("ip.opt.len", "Length", UINT, 8, Base.DEC, options((s, o, type, len, v) -> {
                    // Quick-Start reads its first byte before its header: a 2-byte one has no length item
                    if (type > Ipv4OptionWalk.OPT_NOP && !(type == 25 && len < 3)) {
                        v.addLong(len);
                    }
                })),
                item("ip.options.eol", "End of Options List (EOL)", 0),
                item("ip.options.nop", "No Operation (NOP)", 1),
                item("ip.options.security", "Security", 130),
                item("ip.options.route", "Loose Source Route", 131),
                item("ip.options.timestamp", "Time Stamp", 68),
                item("ip.options.ext_security", "Extended Security", 133),
                item("ip.options.cipso", "Commercial Security", 134),
                item("ip.options.record_route", "Record Route", 7),
                item("ip.options.sid", "Stream ID", 136),
                item("ip.options.source_route", "Strict Source Route", 137),
                item("ip.options.mtu_probe", "MTU Probe", 11),
                item("ip.options.mtu_reply", "MTU Reply", 12),
                item("ip.options.traceroute", "Traceroute", 82),
                item("ip.options.routeralert", "Router Alert", 148),
                item("ip.options.sdb", "Selective Directed Broadcast", 149),
                item("ip.options.qs", "Quick-Start", 25));
    }

    /** An option's own item, whose value is its bytes. */
    private static Field item(String name, String title, int type) {
        return Field.of(name, title, NONE, options((s, o, t, len, v) -> {
            if (t == type && !(type == 25 && len < 3)) {
                v.addBytes(s, o, len);
            }
        }));
    }

    /** Every option with a dissector (EOL, NOP and the known ones) the walk reaches, in order. */
    private static Extractor options(OptionReader reader) {
        return Layers.each(Proto.IPV4, IpFields::sane, (s, off, cap, v) -> {
            int hlen = Ipv4.headerLength(s, off);
            if (hlen <= Ipv4.MIN_HEADER_LENGTH || cap < hlen || Ipv4OptionWalk.destinationOffset(s, off, hlen, cap) < 0) {
                return;
            }
            int pos = Ipv4.MIN_HEADER_LENGTH;
            while (pos < hlen) {
                int type = Bytes.u8(s, off + pos);
                if (type == Ipv4OptionWalk.OPT_EOL || type == Ipv4OptionWalk.OPT_NOP) {
                    reader.read(s, off + pos, type, 1, v);
                    if (type == Ipv4OptionWalk.OPT_EOL) {
                        return;
                    }
                    pos++;
                    continue;
                }
                if (pos + 1 >= hlen) {
                    return;
                }
                int len = Bytes.u8(s, off + pos + 1);
                if (len < 2 || pos + len > hlen) {
                    return;
                }
                int reads = Ipv4OptionWalk.reads(s, off + pos, type, len);
                if (reads > 0) {
                    reader.read(s, off + pos, type, len, v);
                }
                if (reads > len) {
                    return; // its dissector threw: the rest of the header is not dissected
                }
                pos += len;
            }
        });
    }
}
