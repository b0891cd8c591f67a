package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Gre;
import dev.tcpscope.wire.Proto;

/**
 * The bytes a protocol field stands for in a display filter ({@code tcp contains "GET"},
 * {@code ip[0] == 45}, {@code frame[12:2] == 08:00}): Wireshark compares a protocol as the
 * bytes of its tvbuff, from the protocol's first byte to the end of what the enclosing layers
 * give it (the Ethernet tvbuff is the whole frame, IPv4's ends where its total length says).
 * One view per layer of the protocol, each tagged with its layer number.
 */
public final class ProtocolBytes {
    private ProtocolBytes() { }

    /** An extractor of the protocol's bytes, or null when {@code name} is not a protocol we dissect. */
    public static Extractor of(String name) {
        return switch (name) {
            case "frame" -> (d, v) -> v.addBytes(d.frame().segment(), d.frame().offset(), d.frame().capturedLength());
            case "eth" -> layers(Proto.ETH, Layers.ALL);
            case "vlan" -> layers(Proto.VLAN, VlanFields.DOT1Q);
            case "ieee8021ad" -> layers(Proto.VLAN, VlanFields.DOT1AD);
            case "sll" -> (d, v) -> {
                Dissection x = d.dissection();
                for (int i = 0; i < x.count(); i++) {
                    if (x.proto(i) == Proto.SLL || x.proto(i) == Proto.SLL2) {
                        v.addBytes(x.segment(i), x.offset(i), x.captured(i));
                    }
                }
            };
            case "ip" -> layers(Proto.IPV4, Layers.ALL);
            case "ipv6" -> layers(Proto.IPV6, Layers.ALL);
            case "arp" -> layers(Proto.ARP, Layers.ALL);
            case "tcp" -> layers(Proto.TCP, Layers.PORTS); // no item before the ports are read
            case "udp" -> layers(Proto.UDP, Layers.PORTS);
            case "icmp" -> layers(Proto.ICMP, IcmpFields.FIXED); // no icmp item under 4 bytes
            case "icmpv6" -> layers(Proto.ICMPV6, Layers.ALL); // its item comes before any read
            case "gre" -> layers(Proto.GRE, GRE_ITEM); // its item comes after flags and type are read
            case "erspan" -> layers(Proto.ERSPAN, Layers.ALL);
            case "esp" -> layers(Proto.ESP, Layers.ALL); // its item, over all the rest, comes before any read
            case "ipcomp" -> layers(Proto.IPCOMP, (x, i) -> x.captured(i) >= 1); // its item comes after the next header is read
            case "data" -> FrameProtocols::dataBytes;
            default -> null;
        };
    }

    /**
     * The protocol's value as {@code ==}, slices and {@code len()} see it: its tvbuff cut to the
     * protocol item's length, which Wireshark sets to the header's (TCP's data offset, IPv4's
     * IHL, 40 for IPv6, 14 for Ethernet, 8 for UDP ...); ICMP, ICMPv6, ARP and frame keep all.
     */
    public static Extractor header(String name) {
        Extractor whole = of(name);
        if (whole == null) {
            return null;
        }
        return switch (name) {
            case "eth" -> cut(Proto.ETH, Layers.ALL, (s, off, cap) -> 14);
            case "vlan" -> cut(Proto.VLAN, VlanFields.DOT1Q, (s, off, cap) -> 4);
            case "ieee8021ad" -> cut(Proto.VLAN, VlanFields.DOT1AD, (s, off, cap) -> 4);
            case "ip" -> cut(Proto.IPV4, Layers.ALL, (s, off, cap) -> cap < 1 ? 0 : (Bytes.u8(s, off) & 0xf) * 4);
            case "ipv6" -> cut(Proto.IPV6, Layers.ALL, (s, off, cap) -> 40);
            // as of(): no TCP or UDP item before the ports are read (a quote cut shorter has none)
            case "tcp" -> cut(Proto.TCP, Layers.PORTS, (s, off, cap) -> cap < 13 ? 20 : Math.max(20, (Bytes.u8(s, off + 12) >>> 4) * 4));
            case "udp" -> cut(Proto.UDP, Layers.PORTS, (s, off, cap) -> 8);
            // gre and erspan keep all: their items are added with the rest of the packet as their
            // value, which a later proto_item_set_len (GRE's header length) does not change
            default -> whole;
        };
    }

    private static final Layers.Selector GRE_ITEM = (x, i) -> x.captured(i) >= Gre.MIN_HEADER_LENGTH;

    private interface Length {
        int of(java.lang.foreign.MemorySegment s, long off, int cap);
    }

    private static Extractor cut(Proto p, Layers.Selector sel, Length length) {
        return Layers.each(p, sel, (s, off, cap, v) -> v.addBytes(s, off, Math.min(cap, length.of(s, off, cap))));
    }

    private static Extractor layers(Proto p, Layers.Selector sel) {
        return Layers.each(p, sel, (s, off, cap, v) -> v.addBytes(s, off, cap));
    }
}
