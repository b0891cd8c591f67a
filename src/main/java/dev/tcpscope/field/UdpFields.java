package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code udp.*}: the UDP header (RFC 768) and its payload. The checksum is not verified
 * (status 2, Wireshark's default), except that a zero checksum over IPv4 means "none"
 * (status 3, RFC 768). {@code udp.stream} and the UDP timestamps come from the conversations
 * the decoder keeps for every frame.
 */
final class UdpFields {
    private UdpFields() { }

    /** packet-udp.c reads the ports before it adds any item: a layer cut shorter has none. */
    private static final Layers.Selector PORTS = Layers.PORTS;

    /**
     * The conversation of a datagram that gets the "Timestamps" items: not one an ICMP error
     * quotes, and not an empty one (packet-udp.c returns before them); else null.
     */
    private static long[] timestamps(dev.tcpscope.tcp.Decoder d, dev.tcpscope.wire.Dissection x, int i) {
        if (Layers.quoted(d, x) || Udp.length(x.segment(i), x.offset(i)) == Udp.HEADER_LENGTH) {
            return null;
        }
        return d.udpConversation(x, i);
    }

    static List<Field> all() {
        Proto p = Proto.UDP;
        return List.of(
                Field.of("udp", "User Datagram Protocol", PROTOCOL, Layers.each(p, PORTS, (s, off, cap, v) ->
                        v.addString(new StringBuilder(56).append("User Datagram Protocol, Src Port: ")
                                .append(Udp.srcPort(s, off)).append(", Dst Port: ").append(Udp.dstPort(s, off))))),
                Layers.uint("udp.srcport", "Source Port", 16, Base.DEC, p, PORTS, Udp.SRC_PORT, 2, 0),
                Layers.uint("udp.dstport", "Destination Port", 16, Base.DEC, p, PORTS, Udp.DST_PORT, 2, 0),
                Field.integer("udp.port", "Source or Destination Port", UINT, 16, Base.DEC, Layers.each(p, PORTS, (s, off, cap, v) -> {
                    if (cap >= 4) {
                        v.addLong(Udp.srcPort(s, off));
                        v.addLong(Udp.dstPort(s, off));
                    }
                })),
                Layers.uint("udp.length", "Length", 16, Base.DEC, p, PORTS, Udp.LENGTH, 2, 0),
                Layers.uint("udp.checksum", "Checksum", 16, Base.HEX, p, PORTS, Udp.CHECKSUM, 2, 0),
                Field.integer("udp.checksum.status", "Checksum Status", UINT, 8, Base.NONE,
                        Layers.eachIn(p, PORTS, (d, x, i, v) -> {
                            if (x.captured(i) >= Udp.HEADER_LENGTH) {
                                // a zero checksum: "none" over IPv4 and in a datagram an ICMP error
                                // quotes, illegal over IPv6 (packet-udp.c)
                                boolean zero = Bytes.u16(x.segment(i), x.offset(i) + Udp.CHECKSUM) == 0;
                                boolean none = zero && (Layers.quoted(d, x) || i > 0 && x.proto(i - 1) == Proto.IPV4);
                                boolean illegal = zero && !none && i > 0 && x.proto(i - 1) == Proto.IPV6;
                                v.addLong(none ? 3 : illegal ? 4 : 2);
                            }
                        })),
                // the conversation's number and times, kept by the decoder for every frame (tcp.UdpConversations)
                Field.integer("udp.stream", "Stream index", UINT, 32, Base.DEC, Layers.eachIn(p, PORTS, (d, x, i, v) -> {
                    long[] c = d.udpConversation(x, i);
                    if (c != null) {
                        v.addLong(c[0]);
                    }
                })),
                Field.of("udp.time_relative", "Time since first frame", RELATIVE_TIME, Layers.eachIn(p, PORTS, (d, x, i, v) -> {
                    long[] c = timestamps(d, x, i);
                    if (c != null) {
                        v.addLong(d.time() - c[1]);
                    }
                })),
                Field.of("udp.time_delta", "Time since previous frame", RELATIVE_TIME, Layers.eachIn(p, PORTS, (d, x, i, v) -> {
                    long[] c = timestamps(d, x, i);
                    if (c != null) {
                        v.addLong(d.time() - c[2]);
                    }
                })),
                Field.of("udp.payload", "Payload", BYTES, Layers.each(p, PORTS, (s, off, cap, v) -> {
                    if (cap > Udp.HEADER_LENGTH) {
                        v.addBytes(s, off + Udp.HEADER_LENGTH, cap - Udp.HEADER_LENGTH);
                    }
                })));
    }
}
