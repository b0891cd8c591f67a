package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Proto;

import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code arp.*}: ARP and RARP (RFC 826, RFC 903). The fixed part gives the hardware and
 * protocol types, address sizes and opcode; the addresses are named as Wireshark names them
 * for the common case of 6-byte hardware and 4-byte IPv4 addresses.
 */
final class ArpFields {
    private ArpFields() { }

    private static final int HW_SIZE = 4;
    private static final int PROTO_SIZE = 5;
    private static final int FIXED = 8;

    static List<Field> all() {
        Proto p = Proto.ARP;
        return List.of(
                Field.of("arp", "Address Resolution Protocol", PROTOCOL, Layers.each(p, (s, off, cap, v) -> {
                    StringBuilder sb = new StringBuilder(48).append("Address Resolution Protocol");
                    if (cap >= FIXED) {
                        String op = switch (Bytes.u16(s, off + 6)) {
                            case 1 -> " (request)";
                            case 2 -> " (reply)";
                            case 3 -> " (reverse request)";
                            case 4 -> " (reverse reply)";
                            default -> "";
                        };
                        sb.append(op);
                    }
                    v.addString(sb);
                })),
                Layers.uint("arp.hw.type", "Hardware type", 16, Base.DEC, p, Layers.ALL, 0, 2, 0),
                Layers.uint("arp.proto.type", "Protocol type", 16, Base.HEX, p, Layers.ALL, 2, 2, 0),
                Layers.uint("arp.hw.size", "Hardware size", 8, Base.DEC, p, Layers.ALL, HW_SIZE, 1, 0),
                Layers.uint("arp.proto.size", "Protocol size", 8, Base.DEC, p, Layers.ALL, PROTO_SIZE, 1, 0),
                Layers.uint("arp.opcode", "Opcode", 16, Base.DEC, p, Layers.ALL, 6, 2, 0),
                mac("arp.src.hw_mac", "Sender MAC address", false),
                ip("arp.src.proto_ipv4", "Sender IP address", false),
                mac("arp.dst.hw_mac", "Target MAC address", true),
                ip("arp.dst.proto_ipv4", "Target IP address", true));
    }

    /** Whether the addresses are the usual 6-byte MAC and 4-byte IPv4 and all were captured. */
    private static boolean usual(java.lang.foreign.MemorySegment s, long off, int cap) {
        return cap >= FIXED + 20 && Bytes.u8(s, off + HW_SIZE) == 6 && Bytes.u8(s, off + PROTO_SIZE) == 4
                && Bytes.u16(s, off + 2) == Ethernet.TYPE_IPV4;
    }

    private static Field mac(String name, String title, boolean target) {
        return Field.of(name, title, ETHER, Layers.each(Proto.ARP, (s, off, cap, v) -> {
            if (usual(s, off, cap)) {
                v.addBytes(s, off + FIXED + (target ? 10 : 0), 6);
            }
        }));
    }

    private static Field ip(String name, String title, boolean target) {
        return Field.of(name, title, IPV4, Layers.each(Proto.ARP, (s, off, cap, v) -> {
            if (usual(s, off, cap)) {
                v.addLong(Bytes.u32(s, off + FIXED + (target ? 16 : 6)));
            }
        }));
    }
}
