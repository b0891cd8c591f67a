package dev.tcpscope.web;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.Map;

/**
 * Where a details-tree item's bytes lie in the frame, for the hex pane: a protocol item covers
 * its layer, a header field of Ethernet, IPv4, IPv6, TCP or UDP its place in that header (RFC
 * 791, 8200, 9293, 768), a field above TCP or UDP the layer's payload, and a generated item
 * (tcp.stream, the analysis) no bytes at all, as in Wireshark.
 */
final class ByteRanges {
    /** Offset and length within the layer; a negative length counts back from the layer's end. */
    private record Place(int offset, int length) { }

    private static final Map<String, Place> FIELDS = Map.ofEntries(
            Map.entry("eth.dst", new Place(0, 6)), Map.entry("eth.src", new Place(6, 6)),
            Map.entry("eth.type", new Place(12, 2)),
            Map.entry("ip.version", new Place(0, 1)), Map.entry("ip.hdr_len", new Place(0, 1)),
            Map.entry("ip.dsfield", new Place(1, 1)), Map.entry("ip.len", new Place(2, 2)),
            Map.entry("ip.id", new Place(4, 2)), Map.entry("ip.flags", new Place(6, 1)),
            Map.entry("ip.frag_offset", new Place(6, 2)), Map.entry("ip.ttl", new Place(8, 1)),
            Map.entry("ip.proto", new Place(9, 1)), Map.entry("ip.checksum", new Place(10, 2)),
            Map.entry("ip.src", new Place(12, 4)), Map.entry("ip.dst", new Place(16, 4)),
            Map.entry("ipv6.version", new Place(0, 1)), Map.entry("ipv6.tclass", new Place(0, 2)),
            Map.entry("ipv6.flow", new Place(1, 3)), Map.entry("ipv6.plen", new Place(4, 2)),
            Map.entry("ipv6.nxt", new Place(6, 1)), Map.entry("ipv6.hlim", new Place(7, 1)),
            Map.entry("ipv6.src", new Place(8, 16)), Map.entry("ipv6.dst", new Place(24, 16)),
            Map.entry("tcp.srcport", new Place(0, 2)), Map.entry("tcp.dstport", new Place(2, 2)),
            Map.entry("tcp.seq", new Place(4, 4)), Map.entry("tcp.seq_raw", new Place(4, 4)),
            Map.entry("tcp.ack", new Place(8, 4)), Map.entry("tcp.ack_raw", new Place(8, 4)),
            Map.entry("tcp.hdr_len", new Place(12, 1)), Map.entry("tcp.flags", new Place(12, 2)),
            Map.entry("tcp.window_size_value", new Place(14, 2)), Map.entry("tcp.checksum", new Place(16, 2)),
            Map.entry("tcp.urgent_pointer", new Place(18, 2)),
            Map.entry("udp.srcport", new Place(0, 2)), Map.entry("udp.dstport", new Place(2, 2)),
            Map.entry("udp.length", new Place(4, 2)), Map.entry("udp.checksum", new Place(6, 2)));

    private ByteRanges() { }

    /** The layer of the frame's dissection a protocol item's key names, or -1. */
    static int layer(Dissection d, String protocolKey) {
        Proto p = switch (protocolKey) {
            case "eth" -> Proto.ETH;
            case "vlan" -> Proto.VLAN;
            case "sll" -> d.last(Proto.SLL) >= 0 ? Proto.SLL : Proto.SLL2;
            case "null" -> Proto.NULL;
            case "ip" -> Proto.IPV4;
            case "ipv6" -> Proto.IPV6;
            case "arp" -> Proto.ARP;
            case "tcp" -> Proto.TCP;
            case "udp" -> Proto.UDP;
            case "icmp" -> Proto.ICMP;
            case "icmpv6" -> Proto.ICMPV6;
            default -> null;
        };
        return p == null ? -1 : d.last(p);
    }

    /** Start and length of layer {@code i} within the frame's bytes. */
    static int[] ofLayer(Dissection d, int i) {
        long start = d.offset(i) - d.offset(0);
        return new int[] {(int) start, d.captured(i)};
    }

    /** The bytes after a transport layer's header: what the protocols above it read. */
    static int[] payload(Dissection d, int transport, int headerLength, int frameLength) {
        int[] t = ofLayer(d, transport);
        int start = Math.min(t[0] + headerLength, frameLength);
        return new int[] {start, frameLength - start};
    }

    /** The place of a header field in its layer, or null when it is not a fixed header field. */
    static int[] field(String key, int[] layer, int tcpHeaderLength) {
        if (key.equals("tcp.options") && tcpHeaderLength > 20) {
            return clip(new int[] {layer[0] + 20, tcpHeaderLength - 20}, layer);
        }
        if (key.equals("tcp.payload") || key.equals("tcp.segment_data")) {
            return clip(new int[] {layer[0] + tcpHeaderLength, layer[1] - tcpHeaderLength}, layer);
        }
        Place p = FIELDS.get(key);
        if (p == null) {
            return null;
        }
        return clip(new int[] {layer[0] + p.offset(), p.length()}, layer);
    }

    private static int[] clip(int[] r, int[] layer) {
        int end = Math.min(r[0] + r[1], layer[0] + layer[1]);
        return r[0] >= end ? null : new int[] {r[0], end - r[0]};
    }
}
