package dev.tcpscope.proto.radius;

import dev.tcpscope.proto.Registry;

import java.util.HashMap;
import java.util.Map;

/**
 * The part of tshark's RADIUS dictionary (FreeRADIUS format, /usr/share/wireshark/radius) that
 * proto/radius keeps: every standard attribute (vendor 0) and the attributes of the vendors in
 * captures/, written by scripts/gen-radius-dict.py as {@code attributes.tsv} and
 * {@code vendors.tsv} (data under GPL-2.0-or-later, as Wireshark's). An attribute's field name is
 * packet-radius.c's: "radius." and its name with '-' and '/' made '_'.
 */
final class RadiusDict {
    /** How packet-radius.c shows a value: its radius_* type functions, the dictionary's types mapped onto them. */
    enum Kind { STRING, OCTETS, INTEGER, IPADDR, IPV6ADDR, IPV6PREFIX, DATE, TLV }

    /** One attribute: name, kind, whether it carries a tag (has_tag), its encrypt= method (0: none). */
    record Attr(String name, Kind kind, boolean tagged, int encrypt) {
        String field() {
            return "radius." + name.replace('-', '_').replace('/', '_');
        }
    }

    /** A vendor's VSA format (VENDOR ... format=t,l[,c]) and the IANA enterprise name tshark writes after "vnd=". */
    record Vendor(long id, String name, int typeOctets, int lengthOctets, boolean flags, String enterprise) { }

    /** packet-radius.c's no_dictionary_entry. */
    static final Attr UNKNOWN = new Attr("Unknown-Attribute", Kind.OCTETS, false, 0);
    /** packet-radius.c's no_vendor: a vendor not in the dictionary, standard 1-byte type and length. */
    static final Vendor NO_VENDOR = new Vendor(0, "Unknown Vendor", 1, 1, false, "Unknown");

    private static final Map<String, Attr> ATTRS = new HashMap<>();
    private static final Map<Long, Vendor> VENDORS = new HashMap<>();

    static {
        Registry.read(RadiusDict.class, "attributes.tsv", p -> ATTRS.put(p[0] + ":" + p[1],
                new Attr(p[2], kind(p[3]), p[4].equals("1"), Integer.parseInt(p[5]))));
        Registry.read(RadiusDict.class, "vendors.tsv", p -> VENDORS.put(Long.parseLong(p[0]),
                new Vendor(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), p[4].equals("1"), p[5])));
    }

    private RadiusDict() { }

    /** radius_dict.l's types: byte/short/integer are radius_integer; the ones 4.0.17 has no function for show as octets. */
    private static Kind kind(String type) {
        return switch (type) {
            case "string" -> Kind.STRING;
            case "integer", "short", "byte" -> Kind.INTEGER;
            case "ipaddr" -> Kind.IPADDR;
            case "ipv6addr" -> Kind.IPV6ADDR;
            case "ipv6prefix" -> Kind.IPV6PREFIX;
            case "date" -> Kind.DATE;
            case "tlv" -> Kind.TLV;
            default -> Kind.OCTETS;
        };
    }

    /** The attribute {@code code} ("1", or "241.3" for an extended one) of {@code vendor}, or {@link #UNKNOWN}. */
    static Attr attr(long vendor, String code) {
        Attr a = ATTRS.get(vendor + ":" + code);
        return a == null ? UNKNOWN : a;
    }

    /** The vendor with IANA number {@code id}, or {@link #NO_VENDOR}. */
    static Vendor vendor(long id) {
        Vendor v = VENDORS.get(id);
        return v == null ? NO_VENDOR : v;
    }

    /** enterprises_lookup: the IANA name of the vendors kept, "Unknown" for the others. */
    static String enterprise(long id) {
        Vendor v = VENDORS.get(id);
        return v == null ? "Unknown" : v.enterprise();
    }
}
