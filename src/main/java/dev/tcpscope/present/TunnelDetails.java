package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Erspan;
import dev.tcpscope.wire.Gre;
import dev.tcpscope.wire.Mpls;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;

/**
 * Detail items of the tunnel headers between IP and what they carry: GRE (packet-gre.c) and
 * the ERSPAN header GRE may carry (packet-erspan.c). Items are added in the order the C code
 * adds them, so that a header cut short keeps the items read before the cut.
 */
final class TunnelDetails {
    private static final String GRE = "GRE";
    private static final String ERSPAN = "ERSPAN";
    private static final String CMD = "Cisco MetaData";
    private final Details x;

    TunnelDetails(Details x) {
        this.x = x;
    }

    /**
     * The GRE item, its flags and optional fields; bytes of a protocol type nothing dissects
     * go to data inside the GRE item (packet-gre.c hands them to data with its own tree).
     */
    boolean gre(int i) {
        if (!x.bounds(i, Gre.MIN_HEADER_LENGTH, GRE)) {
            return false;
        }
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        int flags = Gre.flags(s, off);
        int type = Gre.protocolType(s, off);
        boolean ppp = Gre.isPpp(flags, type);
        String name = Gre.typeName(type);
        x.protocol("gre");
        int hlen = Gre.headerLength(s, off, cap);
        DetailNode g = x.root.protocol("gre", "Generic Routing Encapsulation ("
                + (name != null ? name : String.format("0x%04X - unknown", type)) + ")")
                .at(s, off, hlen >= 0 ? hlen : cap);
        flags(g, s, off, flags, ppp);
        g.field("gre.proto", "Protocol Type: " + (name != null ? name + " (" + Labels.hex(type, 4) + ")"
                : "Unknown (" + Labels.hex(type, 4) + ")"), Labels.hex(type, 4)).at(s, off + 2, 2);
        int pos = Gre.MIN_HEADER_LENGTH;
        if ((flags & (Gre.FLAG_CHECKSUM | Gre.FLAG_ROUTING)) != 0) {
            if (!x.bounds(i, pos + 2, GRE)) {
                return false;
            }
            checksum(g, i, s, off, pos, flags);
            pos += 2;
            if (!x.bounds(i, pos + 2, GRE)) {
                return false;
            }
            g.field("gre.offset", "Offset: " + Bytes.u16(s, off + pos), Bytes.u16(s, off + pos)).at(s, off + pos, 2);
            pos += 2;
        }
        if ((flags & Gre.FLAG_KEY) != 0) {
            if (Gre.splitKey(flags, type)) {
                if (!x.bounds(i, pos + 2, GRE)) {
                    return false;
                }
                int len = Bytes.u16(s, off + pos);
                g.field("gre.key.payload_length", "Payload Length: " + len, len).at(s, off + pos, 2);
                pos += 2;
                if (!x.bounds(i, pos + 2, GRE)) {
                    return false;
                }
                int call = Bytes.u16(s, off + pos);
                g.field("gre.key.call_id", "Call ID: " + call, call).at(s, off + pos, 2);
                pos += 2;
            } else {
                if (!x.bounds(i, pos + 4, GRE)) {
                    return false;
                }
                String key = Labels.hex(Bytes.u32(s, off + pos), 8);
                g.field("gre.key", "Key: " + key, key).at(s, off + pos, 4);
                pos += 4;
            }
        }
        if ((flags & Gre.FLAG_SEQUENCE) != 0) {
            if (!x.bounds(i, pos + 4, GRE)) {
                return false;
            }
            long seq = Bytes.u32(s, off + pos);
            g.field("gre.sequence_number", "Sequence Number: " + seq, seq).at(s, off + pos, 4);
            pos += 4;
        }
        if (ppp && (flags & Gre.FLAG_ACK) != 0) {
            if (!x.bounds(i, pos + 4, GRE)) {
                return false;
            }
            long ack = Bytes.u32(s, off + pos);
            g.field("gre.ack_number", "Acknowledgment Number: " + ack, ack).at(s, off + pos, 4);
            pos += 4;
        }
        if ((flags & Gre.FLAG_ROUTING) != 0) {
            pos = routing(g, i, s, off, pos);
            if (pos < 0) {
                return false;
            }
        }
        if (type == Gre.TYPE_WCCP && Gre.isWccp2(s, off)) {
            if (!x.bounds(i, pos + 4, GRE)) {
                return false;
            }
            wccpRedirect(g, s, off + pos);
        }
        if (hlen < 0) {
            // 3GPP2 attributes ran out (not itemised)
            x.bounds(i, -hlen, GRE);
            return false;
        }
        x.consumed(i, hlen);
        if (i == x.d.count() - 1 && x.d.lastComplete()) {
            // a protocol type nothing here dissects: data, inside the GRE item
            x.data(g, s, off + hlen, cap - hlen);
        }
        return true;
    }

    /**
     * RFC 1701's Source Route Entries, up to the empty one that ends them. packet-gre.c hangs
     * each entry's fields beside its "Routing" item (on the GRE item), not under it.
     *
     * @return where the entries end, or -1 when bytes ran out
     */
    private int routing(DetailNode g, int i, MemorySegment s, long off, int pos) {
        int cap = x.d.captured(i);
        while (true) {
            if (!x.bounds(i, pos, GRE)) {
                return -1;
            }
            DetailNode r = g.none("gre.routing", "Routing").at(s, off + pos, cap - pos);
            if (!x.bounds(i, pos + 2, GRE)) {
                return -1;
            }
            int af = Bytes.u16(s, off + pos);
            g.field("gre.routing.address_family", "Address Family: " + af, af).at(s, off + pos, 2);
            if (!x.bounds(i, pos + 3, GRE)) {
                return -1;
            }
            int sreOffset = Bytes.u8(s, off + pos + 2);
            g.field("gre.routing.sre_offset", "SRE Offset: " + sreOffset, sreOffset).at(s, off + pos + 2, 1);
            if (!x.bounds(i, pos + 4, GRE)) {
                return -1;
            }
            int len = Bytes.u8(s, off + pos + 3);
            g.field("gre.routing.src_length", "SRE Length: " + len, len).at(s, off + pos + 3, 1);
            r.at(s, off + pos, Math.min(4 + len, cap - pos)); // set_len keeps to the captured bytes
            pos += 4;
            if (af == 0 && len == 0) {
                return pos;
            }
            if (!x.bounds(i, pos + len, GRE)) {
                return -1;
            }
            if (len > 0) {
                g.hexField("gre.routing.information", Labels.truncated("Routing Information", Labels.hexShort(s, off + pos, len)),
                        s, off + pos, len).at(s, off + pos, len);
            }
            pos += len;
        }
    }

    /** WCCPv2's redirect header (draft-wilson-wrec-wccp-v2 §4.12): three flags, service ID and buckets. */
    private static void wccpRedirect(DetailNode g, MemorySegment s, long p) {
        DetailNode h = g.none("gre.wccp.redirect_header", "Redirect Header").at(s, p, 4);
        int b = Bytes.u8(s, p);
        h.field("gre.wccp.dynamic_service", Bits.pattern(b, 0x01, 8) + "Dynamic Service: "
                + ((b & 1) != 0 ? "Dynamic service" : "Well-known service"), (b & 1) != 0 ? "1" : "0").at(s, p, 1);
        h.field("gre.wccp.alternative_bucket_used", Bits.pattern(b, 0x02, 8) + "Alternative bucket used: "
                + ((b & 2) != 0 ? "Alternative bucket used" : "Primary bucket used"), (b & 2) != 0 ? "1" : "0").at(s, p, 1);
        h.field("gre.wccp.redirect_header_valid", Bits.pattern(b, 0x04, 8) + "WCCP Redirect header is valid: "
                + ((b & 4) != 0 ? "Header is present, but ignore contents" : "Header contents are valid"),
                (b & 4) != 0 ? "1" : "0").at(s, p, 1);
        int service = Bytes.u8(s, p + 1);
        h.field("gre.wccp.service_id", "Service ID: " + (service == 0 ? "HTTP" : "Unknown") + " (" + service + ")", service)
                .at(s, p + 1, 1);
        int alt = Bytes.u8(s, p + 2);
        h.field("gre.wccp.alternative_bucket", "Alternative Bucket: " + alt, alt).at(s, p + 2, 1);
        int primary = Bytes.u8(s, p + 3);
        h.field("gre.wccp.primary_bucket", "Primary Bucket: " + primary, primary).at(s, p + 3, 1);
    }

    private static void flags(DetailNode g, MemorySegment s, long off, int flags, boolean ppp) {
        DetailNode f = g.field("gre.flags_and_version", "Flags and Version: " + Labels.hex(flags, 4),
                Labels.hex(flags, 4)).at(s, off, 2);
        yesNo(f, s, off, flags, Gre.FLAG_CHECKSUM, "gre.flags.checksum", "Checksum Bit");
        yesNo(f, s, off, flags, Gre.FLAG_ROUTING, "gre.flags.routing", "Routing Bit");
        yesNo(f, s, off, flags, Gre.FLAG_KEY, "gre.flags.key", "Key Bit");
        yesNo(f, s, off, flags, Gre.FLAG_SEQUENCE, "gre.flags.sequence_number", "Sequence Number Bit");
        yesNo(f, s, off, flags, Gre.FLAG_STRICT_SOURCE_ROUTE, "gre.flags.strict_source_route", "Strict Source Route Bit");
        int recursion = (flags & Gre.RECURSION) >>> 8;
        f.field("gre.flags.recursion_control", Bits.pattern(flags, Gre.RECURSION, 16) + "Recursion control: " + recursion,
                recursion).at(s, off, 2);
        int reservedMask = Gre.RESERVED;
        if (ppp) {
            yesNo(f, s, off, flags, Gre.FLAG_ACK, "gre.flags.ack", "Acknowledgment");
            reservedMask = Gre.RESERVED_PPP;
        }
        int reserved = (flags & reservedMask) >>> 3;
        // registered twice, with the enhanced header's narrower mask as the second
        f.field("gre.flags.reserved", Bits.pattern(flags, reservedMask, 16) + "Flags (Reserved): " + reserved, reserved)
                .at(s, off, 2).bitmask(reservedMask);
        int version = flags & Gre.VERSION;
        String v = version == 0 ? "GRE" : version == 1 ? "Enhanced GRE" : "Unknown";
        f.field("gre.flags.version", Bits.pattern(flags, Gre.VERSION, 16) + "Version: " + v + " (" + version + ")",
                version).at(s, off, 2);
    }

    private static void yesNo(DetailNode f, MemorySegment s, long off, int flags, int mask, String key, String name) {
        boolean set = (flags & mask) != 0;
        f.field(key, Bits.pattern(flags, mask, 16) + name + ": " + (set ? "Yes" : "No"), set ? "1" : "0").at(s, off, 2);
    }

    /**
     * The checksum as {@code proto_tree_add_checksum} shows it: verified over the whole GRE
     * packet when the checksum flag is set and nothing is missing (not a fragment, not cut
     * short); a routing-only header's field is not a checksum and stays unverified.
     */
    private void checksum(DetailNode g, int i, MemorySegment s, long off, int pos, int flags) {
        int sum = Bytes.u16(s, off + pos);
        String hex = Labels.hex(sum, 4);
        int rep = x.d.reported(i);
        if ((flags & Gre.FLAG_CHECKSUM) != 0 && !x.d.fragmented && x.d.captured(i) >= rep) {
            int computed = IcmpDetails.internetChecksum(s, off, rep);
            if (computed == 0) {
                g.field("gre.checksum", "Checksum: " + hex + " [correct]", hex).at(s, off + pos, 2);
                g.field("gre.checksum.status", "Checksum Status: Good", "1").generated().at(s, off + pos, 0);
            } else {
                DetailNode c = g.field("gre.checksum", "Checksum: " + hex + " incorrect, should be "
                        + Labels.hex(IcmpDetails.shouldBe(sum, computed), 4), hex).at(s, off + pos, 2);
                Expert.add(c, "gre.checksum.incorrect", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                        "Incorrect GRE Checksum");
                g.field("gre.checksum.status", "Checksum Status: Bad", "0").generated().at(s, off + pos, 0);
            }
            return;
        }
        g.field("gre.checksum", "Checksum: " + hex + " [unverified]", hex).at(s, off + pos, 2);
        g.field("gre.checksum.status", "Checksum Status: Unverified", "2").generated().at(s, off + pos, 0);
    }

    /**
     * Cisco MetaData as packet-cmd.c shows it under GRE: a protocol item over its first six bytes,
     * the ethertype, version, length, options and SGT (the last one past the item).
     */
    boolean ciscoMetaData(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("cmd");
        DetailNode c = x.root.protocol("cmd", "Cisco MetaData").at(s, off, Math.min(6, x.d.captured(i)));
        if (!x.bounds(i, 2, CMD)) {
            return false;
        }
        int type = Bytes.u16(s, off);
        c.field("cmd.type", "Type: " + LinkDetails.etherTypeName(type), Labels.hex(type, 4)).at(s, off, 2);
        if (!x.bounds(i, 3, CMD)) {
            return false;
        }
        c.field("cmd.version", "Version: " + Bytes.u8(s, off + 2), Bytes.u8(s, off + 2)).at(s, off + 2, 1);
        if (!x.bounds(i, 4, CMD)) {
            return false;
        }
        c.field("cmd.length", "Length: " + Bytes.u8(s, off + 3), Bytes.u8(s, off + 3)).at(s, off + 3, 1);
        if (!x.bounds(i, 6, CMD)) {
            return false;
        }
        String options = Labels.hex(Bytes.u16(s, off + 4), 4);
        c.field("cmd.options", "Options: " + options, options).at(s, off + 4, 2);
        if (!x.bounds(i, Gre.CISCO_METADATA_LENGTH, CMD)) {
            return false;
        }
        c.field("cmd.sgt", "SGT: " + Bytes.u16(s, off + 6), Bytes.u16(s, off + 6)).at(s, off + 6, 2);
        x.consumed(i, Gre.CISCO_METADATA_LENGTH);
        if (i == x.d.count() - 1 && x.d.lastComplete()) {
            // an ethertype nothing here dissects: data
            x.data(s, off + Gre.CISCO_METADATA_LENGTH, x.d.captured(i) - Gre.CISCO_METADATA_LENGTH);
        }
        return true;
    }

    /**
     * The ERSPAN item: "Type I" and empty when GRE's sequence number flag is clear, else the
     * type II or III header (draft-foschiano-erspan-03 §4.1, §4.2) and its sub-header. A frame
     * type other than Ethernet leaves the rest to data.
     */
    boolean erspan(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("erspan");
        if (Erspan.isTypeI(x.d, i)) {
            x.root.protocol("erspan", "Encapsulated Remote Switch Packet ANalysis Type I").at(s, off, 0);
            return true;
        }
        if (!x.bounds(i, 2, ERSPAN)) {
            // the protocol item comes first; its version read then throws
            x.root.protocol("erspan", "Encapsulated Remote Switch Packet ANalysis").at(s, off, cap);
            return false;
        }
        int w0 = Bytes.u16(s, off);
        int version = w0 >>> 12;
        String typeName = version == 1 ? "Type II" : version == 2 ? "Type III" : "Unknown";
        DetailNode e = x.root.protocol("erspan", "Encapsulated Remote Switch Packet ANalysis " + typeName)
                .at(s, off, cap);
        e.field("erspan.version", Bits.pattern(w0, 0xf000, 16) + "Version: "
                + (version == 1 || version == 2 ? typeName + " (" + version + ")" : "Unknown (" + version + ")"), version)
                .at(s, off, 2);
        if (version != Erspan.VERSION_TYPE_II && version != Erspan.VERSION_TYPE_III) {
            DetailNode again = e.field("erspan.version", Bits.pattern(w0, 0xf000, 16) + "Version: Unknown ("
                    + version + ")", version).at(s, off, 2);
            Expert.add(again, "erspan.version.unknown", Expert.Severity.WARNING, Expert.Group.UNDECODED,
                    "Unknown version, please report or test to use fake ERSPAN preference");
            x.consumed(i, cap);
            return true;
        }
        e.field("erspan.vlan", Bits.pattern(w0, 0x0fff, 16) + "Vlan: " + (w0 & 0xfff), w0 & 0xfff).at(s, off, 2);
        if (!x.bounds(i, 4, ERSPAN)) {
            return false;
        }
        int w1 = Bytes.u16(s, off + 2);
        e.field("erspan.cos", Bits.pattern(w1, 0xe000, 16) + "COS: " + (w1 >>> 13), w1 >>> 13).at(s, off + 2, 2);
        int two = (w1 >>> 11) & 3;
        if (version == Erspan.VERSION_TYPE_II) {
            e.field("erspan.encap", Bits.pattern(w1, 0x1800, 16) + "Encap: " + ENCAP[two] + " (" + two + ")", two)
                    .at(s, off + 2, 2);
        } else {
            e.field("erspan.bso", Bits.pattern(w1, 0x1800, 16) + "Bad/Short/Oversized: " + BSO[two] + " (" + two + ")", two)
                    .at(s, off + 2, 2);
        }
        int truncated = (w1 >>> 10) & 1;
        e.field("erspan.truncated", Bits.pattern(w1, 0x0400, 16) + "Truncated: "
                + (truncated == 0 ? "Not truncated" : "Truncated") + " (" + truncated + ")", truncated).at(s, off + 2, 2);
        e.field("erspan.spanid", Bits.pattern(w1, 0x03ff, 16) + "SpanID: " + (w1 & 0x3ff), w1 & 0x3ff).at(s, off + 2, 2);
        if (version == Erspan.VERSION_TYPE_II) {
            if (!x.bounds(i, 8, ERSPAN)) {
                return false;
            }
            long w = Bytes.u32(s, off + 4);
            e.field("erspan.reserved", Bits.pattern(w, 0xfff00000L, 32) + "Reserved: " + (w >>> 20), w >>> 20).at(s, off + 4, 4);
            e.field("erspan.index", Bits.pattern(w, 0xfffffL, 32) + "Index: " + (w & 0xfffff), w & 0xfffff).at(s, off + 4, 4);
            x.consumed(i, Erspan.TYPE_II_LENGTH);
            return true;
        }
        return typeIII(e, i, s, off);
    }

    /** The rest of a type III header: time stamp, security group tag, the flags word and the sub-header. */
    private boolean typeIII(DetailNode e, int i, MemorySegment s, long off) {
        if (!x.bounds(i, 8, ERSPAN)) {
            return false;
        }
        long ts = Bytes.u32(s, off + 4);
        e.field("erspan.timestamp", Bits.pattern(ts, 0xffffffffL, 32) + "Timestamp: " + ts, ts).at(s, off + 4, 4);
        if (!x.bounds(i, 10, ERSPAN)) {
            return false;
        }
        int sgt = Bytes.u16(s, off + 8);
        e.field("erspan.sgt", Bits.pattern(sgt, 0xffff, 16) + "Security Group Tag: " + sgt, sgt).at(s, off + 8, 2);
        if (!x.bounds(i, 12, ERSPAN)) {
            return false;
        }
        int w = Bytes.u16(s, off + 10);
        e.field("erspan.p", Bits.pattern(w, 0x8000, 16) + "Has Ethernet PDU: " + (w >>> 15), w >>> 15).at(s, off + 10, 2);
        int ft = (w >>> 10) & 0x1f;
        String ftName = ft == 0 ? "Ethernet" : ft == 2 ? "IP" : "Unknown";
        e.field("erspan.ft", Bits.pattern(w, 0x7c00, 16) + "Frame Type: " + ftName + " (" + ft + ")", ft).at(s, off + 10, 2);
        int hw = (w >>> 4) & 0x3f;
        e.field("erspan.hw", Bits.pattern(w, 0x03f0, 16) + "Hardware ID: " + hw, hw).at(s, off + 10, 2);
        boolean egress = (w & 0x8) != 0;
        e.field("erspan.direction", Bits.pattern(w, 0x8, 16) + "Direction: " + (egress ? "Egress" : "Ingress"),
                egress ? "1" : "0").at(s, off + 10, 2);
        int gra = (w >>> 1) & 3;
        e.field("erspan.gra", Bits.pattern(w, 0x6, 16) + "Timestamp granularity: " + GRANULARITY[gra] + " (" + gra + ")",
                gra).at(s, off + 10, 2);
        int o = w & 1;
        e.field("erspan.o", Bits.pattern(w, 0x1, 16) + "Optional Sub headers: " + o, o).at(s, off + 10, 2);
        int hlen = Erspan.TYPE_III_LENGTH;
        if (o != 0) {
            if (!subheader(e, i, s, off + hlen, hlen)) {
                return false;
            }
            hlen += Erspan.SUBHEADER_LENGTH;
        }
        x.consumed(i, hlen);
        if (ft != Erspan.FRAME_ETHERNET) {
            x.data(s, off + hlen, x.d.captured(i) - hlen);
        }
        return true;
    }

    /** The 8-byte platform-specific sub-header; its fields depend on the platform ID (the top 6 bits). */
    private boolean subheader(DetailNode e, int i, MemorySegment s, long p, int at) {
        if (!x.bounds(i, at + 4, ERSPAN)) {
            return false;
        }
        long a = Bytes.u32(s, p);
        int platform = (int) (a >>> 26);
        e.field("erspan.platid", Bits.pattern(a, 0xfc000000L, 32) + "Platform ID: " + platform, platform).at(s, p, 4);
        switch (platform) {
            case 1 -> {
                u32(e, "erspan.pid1.rsvd1", "Reserved", a, 0x03fff000L, s, p);
                u32(e, "erspan.pid1.vsmid", "VSM Domain ID", a, 0xfffL, s, p);
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                u32(e, "erspan.pid1.port_index", "Port ID/Index", Bytes.u32(s, p + 4), 0xffffffffL, s, p + 4);
            }
            case 3 -> {
                u32(e, "erspan.pid3.rsvd1", "Reserved", a, 0x03ffc000L, s, p);
                u32(e, "erspan.pid3.port_index", "Port ID/Index", a, 0x3fffL, s, p);
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                u32(e, "erspan.pid3.timestamp", "Upper 32-bit Timestamp", Bytes.u32(s, p + 4), 0xffffffffL, s, p + 4);
            }
            case 4 -> {
                u32(e, "erspan.pid4.rsvd1", "Reserved", a, 0x03ffc000L, s, p);
                u32(e, "erspan.pid4.rsvd2", "Reserved", a, 0x3fffL, s, p);
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                u32(e, "erspan.pid4.rsvd3", "Reserved", Bytes.u32(s, p + 4), 0xffffffffL, s, p + 4);
            }
            case 5, 6 -> {
                u32(e, "erspan.pid5.switchid", "Switch ID", a, 0x03ff0000L, s, p);
                u32(e, "erspan.pid5.port_index", "Port ID/Index", a, 0xffffL, s, p);
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                u32(e, "erspan.pid5.timestamp", "Timestamp (seconds)", Bytes.u32(s, p + 4), 0xffffffffL, s, p + 4);
            }
            case 0, 7 -> {
                u32(e, "erspan.pid7.rsvd1", "Reserved", a, 0x03f00000L, s, p);
                u32(e, "erspan.pid7.source_index", "Source Index", a, 0xfffffL, s, p);
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                u32(e, "erspan.pid7.timestamp", "Upper 32-bit Timestamp", Bytes.u32(s, p + 4), 0xffffffffL, s, p + 4);
            }
            default -> {
                if (!x.bounds(i, at + 8, ERSPAN)) {
                    return false;
                }
                long v = Bytes.u64(s, p) & 0x3ffffffL;
                e.field("erspan.pid.rsvd", Bits.pattern(Bytes.u64(s, p), 0x3ffffffL, 64) + "Reserved: " + v, v).at(s, p, 8);
            }
        }
        return true;
    }

    private static void u32(DetailNode e, String key, String name, long word, long mask, MemorySegment s, long p) {
        long v = (word & mask) >>> Long.numberOfTrailingZeros(mask);
        e.field(key, Bits.pattern(word, mask, 32) + name + ": " + v, v).at(s, p, 4);
    }

    private static final String[] ENCAP = {
        "Originally without VLAN tag", "Originally ISL encapsulated", "Originally 802.1Q encapsulated",
        "VLAN tag preserved in frame"
    };
    private static final String[] BSO = {
        "Good or unknown integrity", "Short frame", "Oversized frame", "CRC or alignment error"
    };
    private static final String[] GRANULARITY = {
        "100 microseconds", "100 nanoseconds", "IEEE 1588", "Custom granularity"
    };

    /**
     * One MPLS item per label stack entry (packet-mpls.c), down to the bottom of the stack; bytes
     * after the bottom that nothing takes are data at the top of the tree.
     */
    boolean mpls(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        int rep = x.d.reported(i);
        x.protocol("mpls");
        int pos = 0;
        while (true) {
            if (rep - pos <= 0) {
                return x.bounds(i, pos + 1, "MPLS");
            }
            if (!x.bounds(i, pos + Mpls.ENTRY_LENGTH, "MPLS")) {
                return false;
            }
            long p = off + pos;
            long word = Bytes.u32(s, p);
            int label = Mpls.label(s, p);
            int exp = Mpls.exp(s, p);
            boolean bottom = Mpls.bottom(s, p);
            int ttl = Mpls.ttl(s, p);
            DetailNode m = x.root.protocol("mpls", dev.tcpscope.field.MplsFields.entryLabel(s, p)).at(s, p, 4);
            m.field("mpls.label", Bits.pattern(word, 0xfffff000L, 32) + "MPLS Label: "
                    + (label <= Mpls.MAX_RESERVED ? fieldName(label) + " (" + label + ")" : label
                    + " (" + Labels.hex(label, 5) + ")"), label).at(s, p, 4).bitmask(0xfffff000L);
            m.field("mpls.exp", Bits.pattern(word, 0xe00, 32) + "MPLS Experimental Bits: " + exp, exp).at(s, p, 4).bitmask(0xe00);
            m.field("mpls.bottom", Bits.pattern(word, 0x100, 32) + "MPLS Bottom Of Label Stack: " + (bottom ? 1 : 0),
                    bottom ? 1 : 0).at(s, p, 4).bitmask(0x100);
            m.field("mpls.ttl", Bits.pattern(word, 0xff, 32) + "MPLS TTL: " + ttl, ttl).at(s, p, 4).bitmask(0xff);
            pos += Mpls.ENTRY_LENGTH;
            if (label == Mpls.LABEL_GAL && !bottom) {
                Expert.add(x.root.text("Invalid Label").at(s, off, cap), "mpls.invalid_label", Expert.Severity.WARNING,
                        Expert.Group.PROTOCOL, "Invalid Label");
            }
            if (bottom) {
                if (label == Mpls.LABEL_GAL && rep - pos < 4) {
                    Expert.add(x.root.text("Error processing Message").at(s, off + pos, cap - pos), "pwach.error_processing_message",
                            Expert.Severity.ERROR, Expert.Group.MALFORMED, "Error processing Message");
                }
                break;
            }
        }
        if (!x.bounds(i, pos + 1, "MPLS")) {
            return false;
        }
        x.consumed(i, pos);
        if (i == x.d.count() - 1 && x.d.lastComplete()) {
            x.data(s, off + pos, cap - pos);
        }
        return true;
    }

    /** An Ethernet pseudowire's control word (packet-pw-eth.c): a hidden flag, then its item. */
    boolean pwEthernet(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("pwethheuristic");
        x.protocol("pwethcw");
        if (!x.bounds(i, 4, "PW Ethernet Control Word")) {
            return false;
        }
        x.root.field("pweth.cw", "PW Control Word (ethernet): True", "1").hide().at(s, off, 0);
        int seq = Bytes.u16(s, off + 2);
        x.root.protocol("pwethcw", "PW Ethernet Control Word").at(s, off, 4)
                .field("pweth.cw.sequence_number", "Sequence Number: " + seq, seq).at(s, off + 2, 2);
        x.consumed(i, 4);
        return true;
    }

    /** A pseudowire Associated Channel Header (RFC 4385) and, as data, what its channel carries. */
    boolean pwAch(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("pwach");
        if (!x.bounds(i, 4, "PW Associated Channel")) {
            return false;
        }
        boolean gal = i > 0 && x.d.proto(i - 1) == Proto.MPLS && galBelow(i - 1);
        DetailNode a = x.root.protocol("pwach", gal ? "Generic Associated Channel Header" : "PW Associated Channel Header")
                .at(s, off, 4);
        int b0 = Bytes.u8(s, off);
        int version = b0 & 0x0f;
        a.field("pwach.ver", Bits.pattern(b0, 0x0f, 8) + "Channel Version: " + version, version).at(s, off, 1).bitmask(0x0f);
        int res = Bytes.u8(s, off + 1);
        DetailNode r = a.field("pwach.res", "Reserved: " + Labels.hex(res, 2), Labels.hex(res, 2)).at(s, off + 1, 1);
        if (res != 0) {
            Expert.add(r, "pwach.res.not_zero", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Error: this byte is reserved and must be 0");
        }
        int type = Bytes.u16(s, off + 2);
        a.field("pwach.channel_type", "Channel Type: " + Mpls.channelTypeName(type) + " (" + Labels.hex(type, 4) + ")",
                Labels.hex(type, 4)).at(s, off + 2, 2);
        x.consumed(i, 4);
        x.data(s, off + 4, cap - 4);
        return true;
    }

    /** Whether the bottom entry of the MPLS stack in layer {@code i} is a Generic Associated Channel Label. */
    private boolean galBelow(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int len = Mpls.stackLength(s, off, x.d.captured(i), x.d.reported(i));
        return len > 0 && Mpls.label(s, off + len - 4) == Mpls.LABEL_GAL;
    }

    /** A reserved label as its field shows it: the item's names, but "Unknown" for the unnamed ones. */
    private static String fieldName(int label) {
        String name = Mpls.specialName(label);
        return name.equals("Reserved - Unknown") ? "Unknown" : name;
    }
}
