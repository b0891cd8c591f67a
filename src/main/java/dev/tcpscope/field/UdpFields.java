package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code udp.*}: the UDP header (RFC 768) and its payload. The checksum is not verified
 * (status 2, Wireshark's default), except that a zero checksum over IPv4 means "none"
 * (status 3, RFC 768). {@code udp.stream} and the UDP timestamps need conversation tracking
 * that tcpscope does only for TCP; they are not in the table yet.
 */
final class UdpFields {
    private UdpFields() { }

    /** packet-udp.c reads the ports before it adds any item: a layer cut shorter has none. */
    private static final Layers.Selector PORTS = Layers.PORTS;

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
                Field.of("udp.payload", "Payload", BYTES, Layers.each(p, PORTS, (s, off, cap, v) -> {
                    if (cap > Udp.HEADER_LENGTH) {
                        v.addBytes(s, off + Udp.HEADER_LENGTH, cap - Udp.HEADER_LENGTH);
                    }
                })));
    }
}
