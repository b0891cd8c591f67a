package dev.tcpscope.field;

import dev.tcpscope.wire.Arp;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code arp.*}: ARP and RARP (RFC 826, RFC 903) as packet-arp.c 4.0.17 adds them. The fixed
 * part gives the hardware and protocol types, address sizes and opcode, each present once its
 * bytes are captured; the rest exists only when the packet fits its reported length and the
 * Info column's reads were captured ({@link Arp#titleDetail}), each address then while captured.
 * Addresses are MAC and IPv4 for Ethernet/IEEE 802 hardware and IPv4 protocol of the usual sizes.
 */
final class ArpFields {
    private ArpFields() { }

    /** An ARP layer with its reported length, which decides whether the addresses are read. */
    @FunctionalInterface
    private interface Reader {
        void read(MemorySegment s, long off, int captured, int reported, Values v);
    }

    static List<Field> all() {
        Proto p = Proto.ARP;
        return List.of(
                Field.of("arp", "Address Resolution Protocol", PROTOCOL, each((s, off, cap, rep, v) -> {
                    if (cap >= 2) { // the hardware type is read before the protocol item exists
                        String detail = Arp.titleDetail(s, off, cap, rep);
                        // a protocol item whose text was never appended to shows its filter name
                        v.addString(detail == null ? "arp" : "Address Resolution Protocol (" + detail + ")");
                    }
                })),
                Layers.uint("arp.hw.type", "Hardware type", 16, Base.DEC, p, Layers.ALL, Arp.HARDWARE_TYPE, 2, 0),
                Layers.uint("arp.proto.type", "Protocol type", 16, Base.HEX, p, Layers.ALL, Arp.PROTOCOL_TYPE, 2, 0),
                Layers.uint("arp.hw.size", "Hardware size", 8, Base.DEC, p, Layers.ALL, Arp.HARDWARE_SIZE, 1, 0),
                Layers.uint("arp.proto.size", "Protocol size", 8, Base.DEC, p, Layers.ALL, Arp.PROTOCOL_SIZE, 1, 0),
                Layers.uint("arp.opcode", "Opcode", 16, Base.DEC, p, Layers.ALL, Arp.OPCODE, 2, 0),
                kind("arp.isgratuitous", "Is gratuitous", Arp.GRATUITOUS),
                kind("arp.isprobe", "Is probe", Arp.PROBE),
                kind("arp.isannouncement", "Is announcement", Arp.ANNOUNCEMENT),
                address("arp.src.hw_mac", "Sender MAC address", ETHER, Slot.SHA, true),
                address("arp.src.hw", "Sender hardware address", BYTES, Slot.SHA, false),
                address("arp.src.proto_ipv4", "Sender IP address", IPV4, Slot.SPA, true),
                address("arp.src.proto", "Sender protocol address", BYTES, Slot.SPA, false),
                address("arp.dst.hw_mac", "Target MAC address", ETHER, Slot.THA, true),
                address("arp.dst.hw", "Target hardware address", BYTES, Slot.THA, false),
                address("arp.dst.proto_ipv4", "Target IP address", IPV4, Slot.TPA, true),
                address("arp.dst.proto", "Target protocol address", BYTES, Slot.TPA, false),
                Field.integer("arp.dst.drarp_error_status", "DRARP error status", UINT, 16, Base.DEC,
                        each((s, off, cap, rep, v) -> {
                            if (read(s, off, cap, rep) && Arp.opcode(s, off) == Arp.OP_DRARP_ERROR) {
                                long at = Slot.TPA.at(s, off);
                                if (Arp.protocolSize(s, off) != 0 && at + 1 <= off + cap) {
                                    v.addLong(Bytes.u8(s, at));
                                }
                            }
                        })));
    }

    /** The four address slots, in packet order. */
    private enum Slot {
        SHA, SPA, THA, TPA;

        long at(MemorySegment s, long off) {
            int hln = Arp.hardwareSize(s, off);
            int pln = Arp.protocolSize(s, off);
            return off + Arp.FIXED_LENGTH + switch (this) {
                case SHA -> 0;
                case SPA -> hln;
                case THA -> hln + pln;
                case TPA -> 2 * hln + pln;
            };
        }

        boolean hardware() {
            return this == SHA || this == THA;
        }
    }

    /** Whether packet-arp.c gets to its address items (and its gratuitous/probe marks). */
    private static boolean read(MemorySegment s, long off, int cap, int rep) {
        return Arp.titleDetail(s, off, cap, rep) != null;
    }

    private static Field kind(String name, String title, int bit) {
        return Field.of(name, title, BOOLEAN, each((s, off, cap, rep, v) -> {
            if (read(s, off, cap, rep) && (Arp.kind(s, off, cap) & bit) != 0) {
                v.addLong(1);
            }
        }));
    }

    /** An address of its slot: the typed field when {@code usual} (MAC, IPv4), else the bytes one. */
    private static Field address(String name, String title, FieldType type, Slot slot, boolean usual) {
        return Field.of(name, title, type, each((s, off, cap, rep, v) -> {
            if (!read(s, off, cap, rep)) {
                return;
            }
            int hln = Arp.hardwareSize(s, off);
            int pln = Arp.protocolSize(s, off);
            int len = slot.hardware() ? hln : pln;
            if (len == 0 || slot == Slot.TPA && Arp.opcode(s, off) == Arp.OP_DRARP_ERROR) {
                return;
            }
            boolean typed = slot.hardware() ? Arp.etherHardware(Arp.hardwareType(s, off), hln)
                    : Arp.ipv4Protocol(Arp.protocolType(s, off), pln);
            long at = slot.at(s, off);
            // every earlier address must have been captured too: packet-arp.c adds them in order
            if (typed != usual || at + len > off + cap) {
                return;
            }
            if (type == IPV4) {
                v.addLong(Bytes.u32(s, at));
            } else {
                v.addBytes(s, at, len);
            }
        }));
    }

    private static Extractor each(Reader r) {
        return (d, v) -> {
            int n = 0;
            for (Dissection x = d.dissection(); x != null; x = x.quote()) {
                for (int i = 0; i < x.count(); i++) {
                    if (x.proto(i) == Proto.ARP) {
                        v.setLayer(++n);
                        r.read(x.segment(i), x.offset(i), x.captured(i), x.reported(i), v);
                    }
                }
            }
        };
    }
}
