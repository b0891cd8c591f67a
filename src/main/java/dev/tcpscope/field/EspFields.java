package dev.tcpscope.field;

import dev.tcpscope.wire.Ipsec;
import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code esp.*} (packet-ipsec.c without keys): the protocol over every ESP layer, its SPI and
 * sequence number when captured, and the sequence analysis the decoder keeps per SPI
 * ({@code tcp.EspSequences}) on a header whose number is not the one expected.
 */
final class EspFields {
    private EspFields() { }

    private static final Layers.Selector HEADER = (x, i) -> x.captured(i) >= Ipsec.ESP_HEADER_LENGTH;

    static List<Field> all() {
        Proto p = Proto.ESP;
        return List.of(
                // proto_tree_add_item of the protocol: -T fields prints its filter name
                Field.of("esp", "Encapsulating Security Payload", PROTOCOL, Layers.each(p, (s, off, cap, v) -> v.addString("esp"))),
                Layers.uint("esp.spi", "ESP SPI", 32, Base.HEX_DEC, p, Layers.ALL, 0, 4, 0),
                Layers.uint("esp.sequence", "ESP Sequence", 32, Base.DEC, p, Layers.ALL, 4, 4, 0),
                Field.integer("esp.sequence-analysis.expected-sn", "Expected SN", UINT, 32, Base.DEC,
                        Layers.eachIn(p, HEADER, (d, x, i, v) -> {
                            long[] r = d.espSequenceReport();
                            if (r != null) {
                                v.addLong(r[0]);
                            }
                        })),
                Field.integer("esp.sequence-analysis.previous-frame", "Previous Frame", FRAMENUM, 32, Base.DEC,
                        Layers.eachIn(p, HEADER, (d, x, i, v) -> {
                            long[] r = d.espSequenceReport();
                            if (r != null) {
                                v.addLong(r[1]);
                            }
                        })));
    }
}
