package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Sll;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code sll.*}: the Linux "cooked" capture headers, v1 (16 bytes: packet type, ARPHRD type,
 * address length, 8 address bytes, protocol) and v2 (20 bytes: protocol, reserved, interface
 * index, ARPHRD type, packet type, address length, 8 address bytes); see
 * https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html. The address is a MAC address
 * when it is 6 bytes long, an IPv4 address when 4 (as Wireshark shows it); the rest of the
 * 8-byte address field is {@code sll.unused}.
 */
final class SllFields {
    private SllFields() { }

    static List<Field> all() {
        return List.of(
                Field.of("sll", "Linux cooked-mode capture", PROTOCOL, (d, v) -> {
                    var x = d.dissection();
                    for (int i = 0; i < x.count(); i++) {
                        if (x.proto(i) == Proto.SLL || x.proto(i) == Proto.SLL2) {
                            v.addString(x.proto(i) == Proto.SLL ? "Linux cooked capture v1" : "Linux cooked capture v2");
                        }
                    }
                }),
                both("sll.pkttype", "Packet type", 16, Base.DEC, Sll.V1_PKTTYPE, 2, Sll.V2_PKTTYPE, 1),
                both("sll.hatype", "Link-layer address type", 16, Base.DEC, Sll.V1_HATYPE, 2, Sll.V2_HATYPE, 2),
                both("sll.halen", "Link-layer address length", 16, Base.DEC, Sll.V1_HALEN, 2, Sll.V2_HALEN, 1),
                address("sll.src.eth", "Source", ETHER, 6),
                address("sll.src.ipv4", "Source", IPV4, 4),
                Field.of("sll.unused", "Unused", BYTES, (d, v) -> {
                    var x = d.dissection();
                    for (int i = 0; i < x.count(); i++) {
                        int halen = halen(x, i);
                        if (halen >= 0 && halen < 8) {
                            int at = (x.proto(i) == Proto.SLL ? Sll.V1_ADDR : Sll.V2_ADDR) + halen;
                            v.addBytes(x.segment(i), x.offset(i) + at, 8 - halen);
                        }
                    }
                }),
                protocol("sll.etype", false),
                protocol("sll.ltype", true),
                Layers.uint("sll.ifindex", "Interface index", 32, Base.DEC, Proto.SLL2, Layers.ALL, Sll.V2_IFINDEX, 4, 0));
    }

    /** The address length of SLL layer {@code i}, or -1 when it is not an SLL layer read whole. */
    private static int halen(dev.tcpscope.wire.Dissection x, int i) {
        if (x.proto(i) == Proto.SLL && x.captured(i) >= Sll.V1_HEADER_LENGTH) {
            return Sll.v1AddrLength(x.segment(i), x.offset(i));
        }
        if (x.proto(i) == Proto.SLL2 && x.captured(i) >= Sll.V2_HEADER_LENGTH) {
            return Sll.v2AddrLength(x.segment(i), x.offset(i));
        }
        return -1;
    }

    private static Field both(String name, String title, int bits, Base base, int at1, int w1, int at2, int w2) {
        return Field.integer(name, title, UINT, bits, base, (d, v) -> {
            var x = d.dissection();
            for (int i = 0; i < x.count(); i++) {
                if (halen(x, i) >= 0) {
                    boolean v1 = x.proto(i) == Proto.SLL;
                    v.addLong(Layers.read(x.segment(i), x.offset(i), v1 ? at1 : at2, v1 ? w1 : w2, 0));
                }
            }
        });
    }

    /** The protocol field, as "sll.ltype" (a Linux protocol type, 1536 and below) or "sll.etype" (an EtherType). */
    private static Field protocol(String name, boolean linuxType) {
        return Field.integer(name, "Protocol", UINT, 16, Base.HEX, (d, v) -> {
            var x = d.dissection();
            for (int i = 0; i < x.count(); i++) {
                if (halen(x, i) >= 0) {
                    boolean v1 = x.proto(i) == Proto.SLL;
                    var seg = x.segment(i);
                    long off = x.offset(i);
                    int protocol = v1 ? Sll.v1Protocol(seg, off) : Sll.v2Protocol(seg, off);
                    int haType = v1 ? Sll.v1HaType(seg, off) : Sll.v2HaType(seg, off);
                    if (Sll.isLinuxType(haType, protocol) == linuxType) {
                        v.addLong(protocol);
                    }
                }
            }
        });
    }

    private static Field address(String name, String title, FieldType type, int length) {
        return Field.of(name, title, type, (d, v) -> {
            var x = d.dissection();
            for (int i = 0; i < x.count(); i++) {
                if (halen(x, i) == length) {
                    long at = x.offset(i) + (x.proto(i) == Proto.SLL ? Sll.V1_ADDR : Sll.V2_ADDR);
                    if (type == IPV4) {
                        v.addLong(Bytes.u32(x.segment(i), at));
                    } else {
                        v.addBytes(x.segment(i), at, length);
                    }
                }
            }
        });
    }
}
