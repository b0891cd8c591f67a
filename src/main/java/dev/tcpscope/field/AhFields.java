package dev.tcpscope.field;

import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code ah.*} (packet-ipsec.c's Authentication Header): the protocol over every AH layer and
 * its header's fields when captured.
 */
final class AhFields {
    private AhFields() { }

    static List<Field> all() {
        Proto p = Proto.AH;
        return List.of(
                // dissect_ah adds its item once the next header and the length are read
                Field.of("ah", "Authentication Header", PROTOCOL, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= 2) {
                        v.addString("ah");
                    }
                })),
                Layers.uint("ah.next_header", "Next header", 8, Base.DEC, p, Layers.ALL, 0, 1, 0),
                Layers.uint("ah.length", "Length", 8, Base.DEC, p, Layers.ALL, 1, 1, 0),
                Layers.bytes("ah.reserved", "Reserved", BYTES, p, Layers.ALL, 2, 2),
                Layers.uint("ah.spi", "AH SPI", 32, Base.HEX, p, Layers.ALL, 4, 4, 0),
                Layers.uint("ah.sequence", "AH Sequence", 32, Base.DEC, p, Layers.ALL, 8, 4, 0),
                Field.of("ah.icv", "AH ICV", BYTES, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= 12 && cap >= 12 + dev.tcpscope.wire.Ipsec.ahIcvLength(s, off)) {
                        int icv = dev.tcpscope.wire.Ipsec.ahIcvLength(s, off);
                        v.addBytes(s, off + 12, icv);
                    }
                })));
    }
}
