package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Erspan;
import dev.tcpscope.wire.Gre;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code gre.*} (packet-gre.c) and {@code erspan.*} (packet-erspan.c). GRE's optional fields
 * are where its flags put them (RFC 2784 §2.1, RFC 2890 §2, RFC 2637 §4.1); each is present
 * when its flag is set and its bytes were captured, as the C code adds them one by one. The
 * ERSPAN fields depend on the header's version: type II's Encap, Reserved and Index, type III's
 * BSO, time stamp, security group tag and flags word; type I has none.
 */
final class GreFields {
    private GreFields() { }

    private static final Layers.Selector HEADER = (x, i) -> x.captured(i) >= Gre.MIN_HEADER_LENGTH;

    /** Reads a GRE layer's flags word and protocol type too. */
    @FunctionalInterface
    private interface GreReader {
        void read(MemorySegment s, long off, int cap, int flags, int type, Values v);
    }

    private static Extractor gre(GreReader r) {
        return Layers.each(Proto.GRE, HEADER, (s, off, cap, v) -> r.read(s, off, cap, Gre.flags(s, off),
                Gre.protocolType(s, off), v));
    }

    /** Where the key (or payload length and call ID) starts, after the checksum and offset. */
    private static int keyAt(int flags) {
        return Gre.MIN_HEADER_LENGTH + ((flags & (Gre.FLAG_CHECKSUM | Gre.FLAG_ROUTING)) != 0 ? 4 : 0);
    }

    private static int sequenceAt(int flags) {
        return keyAt(flags) + ((flags & Gre.FLAG_KEY) != 0 ? 4 : 0);
    }

    private static int ackAt(int flags) {
        return sequenceAt(flags) + ((flags & Gre.FLAG_SEQUENCE) != 0 ? 4 : 0);
    }

    static List<Field> all() {
        Proto p = Proto.GRE;
        Layers.Selector all = HEADER;
        List<Field> f = new ArrayList<>();
        f.add(Field.of("gre", "Generic Routing Encapsulation", PROTOCOL, gre((s, off, cap, flags, type, v) -> {
            String name = Gre.typeName(type);
            v.addString("Generic Routing Encapsulation (" + (name != null ? name : String.format("0x%04X - unknown", type))
                    + ")");
        })));
        f.add(Layers.uint("gre.flags_and_version", "Flags and Version", 16, Base.HEX, p, all, 0, 2, 0));
        f.add(Layers.bool("gre.flags.checksum", "Checksum Bit", p, all, 0, 2, Gre.FLAG_CHECKSUM));
        f.add(Layers.bool("gre.flags.routing", "Routing Bit", p, all, 0, 2, Gre.FLAG_ROUTING));
        f.add(Layers.bool("gre.flags.key", "Key Bit", p, all, 0, 2, Gre.FLAG_KEY));
        f.add(Layers.bool("gre.flags.sequence_number", "Sequence Number Bit", p, all, 0, 2, Gre.FLAG_SEQUENCE));
        f.add(Layers.bool("gre.flags.strict_source_route", "Strict Source Route Bit", p, all, 0, 2,
                Gre.FLAG_STRICT_SOURCE_ROUTE));
        f.add(Layers.uint("gre.flags.recursion_control", "Recursion control", 16, Base.DEC, p, all, 0, 2, Gre.RECURSION));
        f.add(Field.of("gre.flags.ack", "Acknowledgment", BOOLEAN, gre((s, off, cap, flags, type, v) -> {
            if (Gre.isPpp(flags, type)) {
                v.addLong((flags & Gre.FLAG_ACK) != 0 ? 1 : 0);
            }
        })));
        f.add(Field.integer("gre.flags.reserved", "Flags (Reserved)", UINT, 16, Base.DEC,
                gre((s, off, cap, flags, type, v) -> v.addLong((flags & (Gre.isPpp(flags, type)
                        ? Gre.RESERVED_PPP : Gre.RESERVED)) >>> 3))));
        f.add(Layers.uint("gre.flags.version", "Version", 16, Base.DEC, p, all, 0, 2, Gre.VERSION));
        f.add(Layers.uint("gre.proto", "Protocol Type", 16, Base.HEX, p, all, 2, 2, 0));
        f.add(Field.integer("gre.checksum", "Checksum", UINT, 16, Base.HEX, gre((s, off, cap, flags, type, v) -> {
            if ((flags & (Gre.FLAG_CHECKSUM | Gre.FLAG_ROUTING)) != 0 && cap >= 6) {
                v.addLong(Bytes.u16(s, off + 4));
            }
        })));
        f.add(checksumStatus());
        f.add(Field.integer("gre.offset", "Offset", UINT, 16, Base.DEC, gre((s, off, cap, flags, type, v) -> {
            if ((flags & (Gre.FLAG_CHECKSUM | Gre.FLAG_ROUTING)) != 0 && cap >= 8) {
                v.addLong(Bytes.u16(s, off + 6));
            }
        })));
        f.add(Field.integer("gre.key", "Key", UINT, 32, Base.HEX, gre((s, off, cap, flags, type, v) -> {
            int at = keyAt(flags);
            if ((flags & Gre.FLAG_KEY) != 0 && !Gre.splitKey(flags, type) && cap >= at + 4) {
                v.addLong(Bytes.u32(s, off + at));
            }
        })));
        f.add(Field.integer("gre.key.payload_length", "Payload Length", UINT, 16, Base.DEC,
                gre((s, off, cap, flags, type, v) -> {
                    int at = keyAt(flags);
                    if ((flags & Gre.FLAG_KEY) != 0 && Gre.splitKey(flags, type) && cap >= at + 2) {
                        v.addLong(Bytes.u16(s, off + at));
                    }
                })));
        f.add(Field.integer("gre.key.call_id", "Call ID", UINT, 16, Base.DEC, gre((s, off, cap, flags, type, v) -> {
            int at = keyAt(flags) + 2;
            if ((flags & Gre.FLAG_KEY) != 0 && Gre.splitKey(flags, type) && cap >= at + 2) {
                v.addLong(Bytes.u16(s, off + at));
            }
        })));
        f.add(Field.integer("gre.sequence_number", "Sequence Number", UINT, 32, Base.DEC,
                gre((s, off, cap, flags, type, v) -> {
                    int at = sequenceAt(flags);
                    if ((flags & Gre.FLAG_SEQUENCE) != 0 && cap >= at + 4) {
                        v.addLong(Bytes.u32(s, off + at));
                    }
                })));
        f.add(Field.integer("gre.ack_number", "Acknowledgment Number", UINT, 32, Base.DEC,
                gre((s, off, cap, flags, type, v) -> {
                    int at = ackAt(flags);
                    if (Gre.isPpp(flags, type) && (flags & Gre.FLAG_ACK) != 0 && cap >= at + 4) {
                        v.addLong(Bytes.u32(s, off + at));
                    }
                })));
        f.add(Field.of("gre.routing", "Routing", NONE, routing((s, off, at, af, len, cap, v) -> v.addPresent())));
        f.add(Field.integer("gre.routing.address_family", "Address Family", UINT, 16, Base.DEC,
                routing((s, off, at, af, len, cap, v) -> v.addLong(af))));
        f.add(Field.integer("gre.routing.sre_offset", "SRE Offset", UINT, 8, Base.DEC,
                routing((s, off, at, af, len, cap, v) -> v.addLong(Bytes.u8(s, off + at + 2)))));
        f.add(Field.integer("gre.routing.src_length", "SRE Length", UINT, 8, Base.DEC,
                routing((s, off, at, af, len, cap, v) -> v.addLong(len))));
        f.add(Field.of("gre.routing.information", "Routing Information", BYTES, routing((s, off, at, af, len, cap, v) -> {
            if (len > 0 && at + 4 + len <= cap) {
                v.addBytes(s, off + at + 4, len);
            }
        })));
        f.add(Field.of("gre.wccp.redirect_header", "Redirect Header", NONE, wccp((s, at, v) -> v.addPresent())));
        f.add(Field.of("gre.wccp.dynamic_service", "Dynamic Service", BOOLEAN,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at) & 1))));
        f.add(Field.of("gre.wccp.alternative_bucket_used", "Alternative bucket used", BOOLEAN,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at) >>> 1 & 1))));
        f.add(Field.of("gre.wccp.redirect_header_valid", "WCCP Redirect header is valid", BOOLEAN,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at) >>> 2 & 1))));
        f.add(Field.integer("gre.wccp.service_id", "Service ID", UINT, 8, Base.DEC,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at + 1)))));
        f.add(Field.integer("gre.wccp.alternative_bucket", "Alternative Bucket", UINT, 8, Base.DEC,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at + 2)))));
        f.add(Field.integer("gre.wccp.primary_bucket", "Primary Bucket", UINT, 8, Base.DEC,
                wccp((s, at, v) -> v.addLong(Bytes.u8(s, at + 3)))));
        f.addAll(ErspanFields.all());
        f.addAll(ciscoMetaData());
        return f;
    }

    /** Where the routing entries start: after the optional fields the flags announce. */
    private static int routingAt(int flags, int type) {
        return ackAt(flags) + (Gre.isPpp(flags, type) && (flags & Gre.FLAG_ACK) != 0 ? 4 : 0);
    }

    /** Reads one Source Route Entry, {@code at} bytes into the GRE header. */
    @FunctionalInterface
    private interface SreReader {
        void read(MemorySegment s, long off, int at, int af, int len, int cap, Values v);
    }

    /** Each Source Route Entry whose 4-byte head was captured, up to the empty one that ends them. */
    private static Extractor routing(SreReader r) {
        return gre((s, off, cap, flags, type, v) -> {
            if ((flags & Gre.FLAG_ROUTING) == 0) {
                return;
            }
            int at = routingAt(flags, type);
            while (at + 4 <= cap) {
                int af = Bytes.u16(s, off + at);
                int len = Bytes.u8(s, off + at + 3);
                r.read(s, off, at, af, len, cap, v);
                if (af == 0 && len == 0) {
                    return;
                }
                at += 4 + len;
            }
        });
    }

    /** Reads WCCPv2's redirect header at {@code at} in the frame's memory. */
    @FunctionalInterface
    private interface WccpReader {
        void read(MemorySegment s, long at, Values v);
    }

    /** The WCCPv2 redirect header, when the protocol type is WCCP's and its 4 bytes were captured. */
    private static Extractor wccp(WccpReader r) {
        return gre((s, off, cap, flags, type, v) -> {
            if (type != Gre.TYPE_WCCP || cap < Gre.MIN_HEADER_LENGTH + 1 || !Gre.isWccp2(s, off)) {
                return;
            }
            int at = routingAt(flags, type);
            if ((flags & Gre.FLAG_ROUTING) != 0) {
                while (true) {
                    if (at + 4 > cap) {
                        return;
                    }
                    int af = Bytes.u16(s, off + at);
                    int len = Bytes.u8(s, off + at + 3);
                    at += 4;
                    if (af == 0 && len == 0) {
                        break;
                    }
                    at += len;
                }
            }
            if (at + 4 <= cap) {
                r.read(s, off + at, v);
            }
        });
    }

    /**
     * {@code gre.checksum.status}: 1 (good) or 0 (bad) when the checksum flag is set and the
     * whole packet is there to sum, else 2 (unverified; also for a routing-only header).
     */
    private static Field checksumStatus() {
        return Field.integer("gre.checksum.status", "Checksum Status", UINT, 8, Base.NONE,
                Layers.eachIn(Proto.GRE, HEADER, (d, x, i, v) -> {
                    MemorySegment s = x.segment(i);
                    long off = x.offset(i);
                    int flags = Gre.flags(s, off);
                    if ((flags & (Gre.FLAG_CHECKSUM | Gre.FLAG_ROUTING)) == 0 || x.captured(i) < 6) {
                        return;
                    }
                    boolean verify = (flags & Gre.FLAG_CHECKSUM) != 0 && !x.fragmented && x.captured(i) >= x.reported(i);
                    v.addLong(!verify ? 2 : Layers.checksum(s, off, x.reported(i), 0) == 0 ? 1 : 0);
                }));
    }

    /** Whether ERSPAN layer {@code i} has a header (types II and III) of {@code version}. */
    static Layers.Selector erspanVersion(int version) {
        return (x, i) -> !Erspan.isTypeI(x, i) && x.captured(i) >= 2 && Erspan.version(x.segment(i), x.offset(i)) == version;
    }

    /** {@code cmd.*} (packet-cmd.c under GRE): the ethertype, version, length, options and SGT. */
    private static List<Field> ciscoMetaData() {
        Proto p = Proto.CMD;
        return List.of(
                Field.of("cmd", "Cisco MetaData", PROTOCOL, Layers.each(p, (s, off, cap, v) -> v.addString("cmd"))),
                Layers.uint("cmd.type", "Type", 16, Base.HEX, p, Layers.ALL, 0, 2, 0),
                Layers.uint("cmd.version", "Version", 8, Base.DEC, p, Layers.ALL, 2, 1, 0),
                Layers.uint("cmd.length", "Length", 8, Base.DEC, p, Layers.ALL, 3, 1, 0),
                Layers.uint("cmd.options", "Options", 16, Base.HEX, p, Layers.ALL, 4, 2, 0),
                Layers.uint("cmd.sgt", "SGT", 16, Base.DEC, p, Layers.ALL, 6, 2, 0));
    }
}
