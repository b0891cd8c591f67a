package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code eth.*}: Ethernet II and IEEE 802.3 headers (IEEE 802.3 clause 3.1.1). As in Wireshark,
 * {@code eth.addr}, {@code eth.lg} and {@code eth.ig} hold the destination's value, then the
 * source's; the IG bit is the first address byte's low bit (group address), the LG bit the next
 * one (locally administered). A type field up to 1500 is an 802.3 length ({@code eth.len}).
 * What follows the EtherType payload ({@link EtherTrailer}) is {@code eth.padding},
 * {@code eth.trailer} and {@code eth.fcs}, also after a VLAN tag, whose trailer however is
 * {@code vlan.trailer} or {@code ieee8021ah.trailer} ({@link VlanFields}).
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
                addressBit("eth.dst.lg", Ethernet.DST, 0x02),
                addressBit("eth.dst.ig", Ethernet.DST, 0x01),
                Layers.bytes("eth.src", "Source", ETHER, p, Layers.ALL, Ethernet.SRC, 6),
                addressBit("eth.src.lg", Ethernet.SRC, 0x02),
                addressBit("eth.src.ig", Ethernet.SRC, 0x01),
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
                    if (cap >= Ethernet.HEADER_LENGTH && !Ethernet.isLength(Ethernet.type(s, off))) {
                        v.addLong(Ethernet.type(s, off));
                    }
                })),
                Field.integer("eth.len", "Length", UINT, 16, Base.DEC, Layers.each(p, (s, off, cap, v) -> {
                    if (cap >= Ethernet.HEADER_LENGTH && Ethernet.isLength(Ethernet.type(s, off))) {
                        v.addLong(Ethernet.type(s, off));
                    }
                })),
                Field.of("eth.padding", "Padding", BYTES, (d, v) -> {
                    EtherTrailer t = d.etherTrailer();
                    if (t.padding() > 0) {
                        v.addBytes(d.frame().segment(), t.start(), t.padding());
                    }
                }),
                Field.of("eth.trailer", "Trailer", BYTES, (d, v) -> {
                    EtherTrailer t = d.etherTrailer();
                    if (!t.tagged()) {
                        trailer(d, t, v);
                    }
                }),
                Field.integer("eth.fcs", "Frame check sequence", UINT, 32, Base.HEX, (d, v) -> {
                    EtherTrailer t = d.etherTrailer();
                    if (t.hasFcs()) {
                        v.addLong(Bytes.u32(d.frame().segment(), t.fcsOffset()));
                    }
                }),
                Field.integer("eth.fcs.status", "FCS Status", UINT, 8, Base.NONE, (d, v) -> {
                    if (d.etherTrailer().hasFcs()) {
                        v.addLong(2); // unverified: tshark does not check the FCS by default
                    }
                }),
                Field.of("eth.padding_bad", "Padding identification may be inaccurate and impact trailer dissector",
                        NONE, (d, v) -> {
                            EtherTrailer t = d.etherTrailer();
                            if (t.maybePadded() && t.padding() == 0 && t.trailer() > 0) {
                                v.addPresent();
                            }
                        }));
    }

    /** The trailer's captured bytes after the padding, when there are any. */
    static void trailer(Decoder d, EtherTrailer t, Values v) {
        if (t.trailer() > 0) {
            v.addBytes(d.frame().segment(), t.start() + t.padding(), t.trailer());
        }
    }

    /** The bit of both addresses, destination first. */
    /** A bit of the address at {@code at}: present only with the whole address, whose item carries it. */
    private static Field addressBit(String name, int at, int mask) {
        return Field.of(name, mask == 0x02 ? "LG bit" : "IG bit", BOOLEAN, Layers.each(Proto.ETH, (s, off, cap, v) -> {
            if (cap >= at + 6) {
                v.addLong(Bytes.u8(s, off + at) & mask);
            }
        }));
    }

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
