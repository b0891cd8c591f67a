package dev.tcpscope.field;

import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.UdpTunnel;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code udpencap.*} (packet-ipsec-udp.c, IPsec's UDP encapsulation on port 4500): the protocol
 * over every such layer, and the keepalive or non-ESP marker it found.
 */
final class UdpencapFields {
    private UdpencapFields() { }

    static List<Field> all() {
        Proto p = Proto.UDPENCAP;
        return List.of(
                Field.of("udpencap", "UDP Encapsulation of IPsec Packets", PROTOCOL,
                        Layers.each(p, (s, off, cap, v) -> v.addString("udpencap"))),
                Field.of("udpencap.nat_keepalive", "NAT-keepalive packet", NONE, present(p, UdpTunnel::natKeepalive)),
                Field.of("udpencap.non_esp_marker", "Non-ESP Marker", NONE, present(p, UdpTunnel::nonEspMarker)));
    }

    /** An FT_NONE item present once for every {@code p} layer {@code test} holds for. */
    private static Extractor present(Proto p, java.util.function.BiPredicate<dev.tcpscope.wire.Dissection, Integer> test) {
        return (d, v) -> {
            var x = d.dissection();
            for (int i = 0; i < x.count(); i++) {
                if (x.proto(i) == p && test.test(x, i)) {
                    v.addPresent();
                }
            }
        };
    }
}
