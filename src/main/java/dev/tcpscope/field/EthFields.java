package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code eth.*}: Ethernet II and IEEE 802.3 headers (IEEE 802.3 clause 3.1.1). As in Wireshark,
 * {@code eth.addr}, {@code eth.lg} and {@code eth.ig} hold the destination's value, then the
 * source's; the IG bit is the first address byte's low bit (group address), the LG bit the next
 * one (locally administered). A type field up to 1500 is an 802.3 length ({@code eth.len}).
 */
final class EthFields {
    private EthFields() { }

    static List<Field> all() {
        Proto p = Proto.ETH;
        return List.of(
                Field.of("eth", "Ethernet", PROTOCOL, Layers.each(p, (s, off, cap, v) -> {
                    StringBuilder sb = new StringBuilder(64).append("Ethernet II");
                    if (cap >= Ethernet.HEADER_LENGTH) {
                        sb.append(", Src: ");
                        FieldText.hex(sb, s, off + Ethernet.SRC, 6, ':');
                        sb.append(", Dst: ");
                        FieldText.hex(sb, s, off + Ethernet.DST, 6, ':');
                    }
                    v.addString(sb);
                })),
                Layers.bytes("eth.dst", "Destination", ETHER, p, Layers.ALL, Ethernet.DST, 6),
                Layers.bool("eth.dst.lg", "LG bit", p, Layers.ALL, Ethernet.DST, 1, 0x02),
                Layers.bool("eth.dst.ig", "IG bit", p, Layers.ALL, Ethernet.DST, 1, 0x01),
                Layers.bytes("eth.src", "Source", ETHER, p, Layers.ALL, Ethernet.SRC, 6),
                Layers.bool("eth.src.lg", "LG bit", p, Layers.ALL, Ethernet.SRC, 1, 0x02),
                Layers.bool("eth.src.ig", "IG bit", p, Layers.ALL, Ethernet.SRC, 1, 0x01),
                Field.of("eth.addr", "Address", ETHER, Layers.each(p, (s, off, cap, v) -> {
                    for (int at = Ethernet.DST; at <= Ethernet.SRC; at += 6) {
                        if (cap >= at + 6) {
                            v.addBytes(s, off + at, 6);
                        }
                    }
                })),
                bit("eth.lg", "LG bit", 0x02),
                bit("eth.ig", "IG bit", 0x01),
                Field.integer("eth.type", "Type", UINT, 16, Base.HEX, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= Ethernet.HEADER_LENGTH && Ethernet.type(s, off) > Ethernet.MAX_802_3_LENGTH) {
                        v.addLong(Ethernet.type(s, off));
                    }
                })),
                Field.integer("eth.len", "Length", UINT, 16, Base.DEC, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= Ethernet.HEADER_LENGTH && Ethernet.type(s, off) <= Ethernet.MAX_802_3_LENGTH) {
                        v.addLong(Ethernet.type(s, off));
                    }
                })));
    }

    /** The bit of both addresses, destination first. */
    private static Field bit(String name, String title, int mask) {
        return Field.of(name, title, BOOLEAN, Layers.each(Proto.ETH, (s, off, cap, v) -> {
            for (int at = Ethernet.DST; at <= Ethernet.SRC; at += 6) {
                if (cap >= at + 6) {
                    v.addLong(Bytes.u8(s, off + at) & mask);
                }
            }
        }));
    }
}
