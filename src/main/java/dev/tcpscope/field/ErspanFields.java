package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Erspan;
import dev.tcpscope.wire.Proto;

import java.util.ArrayList;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code erspan.*} (packet-erspan.c): the type II header (version 1), the type III header
 * (version 2) with its optional platform-specific sub-header, and nothing for type I but the
 * protocol itself. Fields of a header cut short are present as far as their bytes were captured.
 */
final class ErspanFields {
    private ErspanFields() { }

    private static final Layers.Selector II = GreFields.erspanVersion(Erspan.VERSION_TYPE_II);
    private static final Layers.Selector III = GreFields.erspanVersion(Erspan.VERSION_TYPE_III);
    private static final Layers.Selector HEADER = (x, i) -> !Erspan.isTypeI(x, i) && x.captured(i) >= 2;
    private static final Layers.Selector KNOWN = (x, i) -> II.test(x, i) || III.test(x, i);

    static List<Field> all() {
        Proto p = Proto.ERSPAN;
        List<Field> f = new ArrayList<>();
        f.add(Field.of("erspan", "Encapsulated Remote Switch Packet ANalysis", PROTOCOL,
                Layers.eachIn(p, Layers.ALL, (d, x, i, v) -> {
                    String type = Erspan.isTypeI(x, i) ? " Type I"
                            : x.captured(i) < 2 ? ""
                            : switch (Erspan.version(x.segment(i), x.offset(i))) {
                                case Erspan.VERSION_TYPE_II -> " Type II";
                                case Erspan.VERSION_TYPE_III -> " Type III";
                                default -> " Unknown";
                            };
                    v.addString("Encapsulated Remote Switch Packet ANalysis" + type);
                })));
        f.add(Field.integer("erspan.version", "Version", UINT, 16, Base.DEC, Layers.each(p, HEADER, (s, off, cap, v) -> {
            int version = Erspan.version(s, off);
            v.addLong(version);
            if (version != Erspan.VERSION_TYPE_II && version != Erspan.VERSION_TYPE_III) {
                v.addLong(version); // packet-erspan.c adds the item again with its expert note
            }
        })));
        f.add(Layers.uint("erspan.vlan", "Vlan", 16, Base.DEC, p, KNOWN, 0, 2, 0x0fff));
        f.add(Layers.uint("erspan.cos", "COS", 16, Base.DEC, p, KNOWN, 2, 2, 0xe000));
        f.add(Layers.uint("erspan.encap", "Encap", 16, Base.DEC, p, II, 2, 2, 0x1800));
        f.add(Layers.uint("erspan.bso", "Bad/Short/Oversized", 16, Base.DEC, p, III, 2, 2, 0x1800));
        f.add(Layers.uint("erspan.truncated", "Truncated", 16, Base.DEC, p, KNOWN, 2, 2, 0x0400));
        f.add(Layers.uint("erspan.spanid", "SpanID", 16, Base.DEC, p, KNOWN, 2, 2, 0x03ff));
        f.add(Layers.uint("erspan.reserved", "Reserved", 32, Base.DEC, p, II, 4, 4, 0xfff00000L));
        f.add(Layers.uint("erspan.index", "Index", 32, Base.DEC, p, II, 4, 4, 0x000fffffL));
        f.add(Layers.uint("erspan.timestamp", "Timestamp", 32, Base.DEC, p, III, 4, 4, 0));
        f.add(Layers.uint("erspan.sgt", "Security Group Tag", 16, Base.DEC, p, III, 8, 2, 0));
        f.add(Layers.uint("erspan.p", "Has Ethernet PDU", 16, Base.DEC, p, III, 10, 2, 0x8000));
        f.add(Layers.uint("erspan.ft", "Frame Type", 16, Base.DEC, p, III, 10, 2, 0x7c00));
        f.add(Layers.uint("erspan.hw", "Hardware ID", 16, Base.DEC, p, III, 10, 2, 0x03f0));
        f.add(Layers.bool("erspan.direction", "Direction", p, III, 10, 2, 0x0008));
        f.add(Layers.uint("erspan.gra", "Timestamp granularity", 16, Base.DEC, p, III, 10, 2, 0x0006));
        f.add(Layers.uint("erspan.o", "Optional Sub headers", 16, Base.DEC, p, III, 10, 2, 0x0001));
        f.add(sub("erspan.platid", "Platform ID", -1, 0, 0xfc000000L));
        f.add(sub("erspan.pid1.rsvd1", "Reserved", 1, 0, 0x03fff000L));
        f.add(sub("erspan.pid1.vsmid", "VSM Domain ID", 1, 0, 0x00000fffL));
        f.add(sub("erspan.pid1.port_index", "Port ID/Index", 1, 4, 0));
        f.add(sub("erspan.pid3.rsvd1", "Reserved", 3, 0, 0x03ffc000L));
        f.add(sub("erspan.pid3.port_index", "Port ID/Index", 3, 0, 0x00003fffL));
        f.add(sub("erspan.pid3.timestamp", "Upper 32-bit Timestamp", 3, 4, 0));
        f.add(sub("erspan.pid4.rsvd1", "Reserved", 4, 0, 0x03ffc000L));
        f.add(sub("erspan.pid4.rsvd2", "Reserved", 4, 0, 0x00003fffL));
        f.add(sub("erspan.pid4.rsvd3", "Reserved", 4, 4, 0));
        f.add(sub("erspan.pid5.switchid", "Switch ID", 5, 0, 0x03ff0000L));
        f.add(sub("erspan.pid5.port_index", "Port ID/Index", 5, 0, 0x0000ffffL));
        f.add(sub("erspan.pid5.timestamp", "Timestamp (seconds)", 5, 4, 0));
        f.add(sub("erspan.pid7.rsvd1", "Reserved", 7, 0, 0x03f00000L));
        f.add(sub("erspan.pid7.source_index", "Source Index", 7, 0, 0x000fffffL));
        f.add(sub("erspan.pid7.timestamp", "Upper 32-bit Timestamp", 7, 4, 0));
        f.add(Field.integer("erspan.pid.rsvd", "Reserved", UINT, 64, Base.DEC, Layers.each(p, III, (s, off, cap, v) -> {
            int at = Erspan.TYPE_III_LENGTH;
            if (cap >= at + 8 && Erspan.hasSubheader(s, off) && group(platform(s, off)) == 0) {
                v.addLong(Bytes.u64(s, off + at) & 0x3ffffffL);
            }
        })));
        return f;
    }

    private static int platform(java.lang.foreign.MemorySegment s, long off) {
        return (int) (Bytes.u32(s, off + Erspan.TYPE_III_LENGTH) >>> 26);
    }

    /** Which sub-header layout a platform ID has (6 as 5, 0 as 7), 0 for the reserved IDs. */
    private static int group(int platform) {
        return switch (platform) {
            case 1, 3, 4, 5, 7 -> platform;
            case 6 -> 5;
            case 0 -> 7;
            default -> 0;
        };
    }

    /**
     * A 32-bit word of the type III sub-header ({@code at} 0 or 4 in it), for platform layout
     * {@code layout} (-1: any), present when captured.
     */
    private static Field sub(String name, String title, int layout, int at, long mask) {
        return Field.integer(name, title, UINT, 32, Base.DEC, Layers.each(Proto.ERSPAN, III, (s, off, cap, v) -> {
            int pos = Erspan.TYPE_III_LENGTH + at;
            if (cap >= pos + 4 && cap >= Erspan.TYPE_III_LENGTH + 4 && Erspan.hasSubheader(s, off)
                    && (layout < 0 || group(platform(s, off)) == layout)) {
                long w = Bytes.u32(s, off + pos);
                v.addLong(mask == 0 ? w : (w & mask) >>> Long.numberOfTrailingZeros(mask));
            }
        }));
    }
}
