package dev.tcpscope.field;

import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code ipcomp.*} (packet-ipsec.c's IP Payload Compression): the protocol over every IPComp
 * layer with a captured byte, and its header's fields as far as they were captured. The
 * compressed bytes are {@code data}'s ({@link FrameProtocols#dataBytes}).
 */
final class IpcompFields {
    private IpcompFields() { }

    static List<Field> all() {
        Proto p = Proto.IPCOMP;
        return List.of(
                // dissect_ipcomp adds its item once the next header is read
                Field.of("ipcomp", "IP Payload Compression", PROTOCOL, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= 1) {
                        v.addString("ipcomp");
                    }
                })),
                Layers.uint("ipcomp.next_header", "Next Header", 8, Base.HEX, p, Layers.ALL, 0, 1, 0),
                Layers.uint("ipcomp.flags", "IPComp Flags", 8, Base.HEX, p, Layers.ALL, 1, 1, 0),
                Layers.uint("ipcomp.cpi", "IPComp CPI", 16, Base.HEX, p, Layers.ALL, 2, 2, 0));
    }
}
