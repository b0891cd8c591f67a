package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;

/**
 * Building blocks for the fields of a header that may occur more than once in a frame (IP in
 * IP, two VLAN tags, the datagram an ICMP error quotes): each layer of the protocol is read in
 * order, its occurrences tagged with the layer number ({@link Values#setLayer}), and a field is
 * added only when its bytes were captured, as Wireshark stops adding items where the captured
 * bytes end. The layers of a quoted datagram ({@link Dissection#quote()}) come after the frame's
 * own, as they sit inside the ICMP message, the frame's last layer, in Wireshark's tree.
 */
final class Layers {
    private Layers() { }

    /** Reads one layer: its memory, first byte and captured length. */
    @FunctionalInterface
    interface Reader {
        void read(MemorySegment s, long off, int captured, Values v);
    }

    /** Which layers of the protocol a field belongs to (an 802.1ad tag is not a vlan one). */
    @FunctionalInterface
    interface Selector {
        boolean test(Dissection d, int layer);
    }

    static final Selector ALL = (d, i) -> true;

    /** TCP and UDP layers with their ports: both dissectors read them before they add any item. */
    static final Selector PORTS = (d, i) -> d.captured(i) >= 4;

    /** An extractor that hands every selected layer of {@code p} to {@code r}, the quoted ones last. */
    static Extractor each(Proto p, Selector sel, Reader r) {
        return eachIn(p, sel, (d, x, i, v) -> r.read(x.segment(i), x.offset(i), x.captured(i), v));
    }

    /** Reads layer {@code i} of {@code x} (the frame's dissection or a datagram it quotes) of frame {@code d}. */
    @FunctionalInterface
    interface LayerReader {
        void read(Decoder d, Dissection x, int i, Values v);
    }

    /** As {@link #each}, for a reader that needs the layer's neighbours or whether it is quoted. */
    static Extractor eachIn(Proto p, Selector sel, LayerReader r) {
        return (d, v) -> {
            int n = 0;
            for (Dissection x = d.dissection(); x != null; x = x.quote()) {
                for (int i = 0; i < x.count(); i++) {
                    if (x.proto(i) == p && sel.test(x, i)) {
                        v.setLayer(++n);
                        r.read(d, x, i, v);
                    }
                }
            }
        };
    }

    /** Whether {@code x} is a quoted datagram (Wireshark's {@code in_error_pkt}) of the frame {@code d} decoded. */
    static boolean quoted(Decoder d, Dissection x) {
        return x != d.dissection();
    }

    static Extractor each(Proto p, Reader r) {
        return each(p, ALL, r);
    }

    /** Reads {@code width} bytes at {@code at} big-endian, masked and shifted down. */
    static long read(MemorySegment s, long off, int at, int width, long mask) {
        long raw = switch (width) {
            case 1 -> Bytes.u8(s, off + at);
            case 2 -> Bytes.u16(s, off + at);
            case 3 -> (long) Bytes.u16(s, off + at) << 8 | Bytes.u8(s, off + at + 2);
            default -> Bytes.u32(s, off + at);
        };
        return mask == 0 ? raw : (raw & mask) >>> Long.numberOfTrailingZeros(mask);
    }

    /** An unsigned header field, {@code width} bytes at {@code at}, present when captured. */
    static Field uint(String name, String title, int bits, Base base, Proto p, Selector sel,
                      int at, int width, long mask) {
        return Field.integer(name, title, FieldType.UINT, bits, base, each(p, sel, (s, off, cap, v) -> {
            if (cap >= at + width) {
                v.addLong(read(s, off, at, width, mask));
            }
        }));
    }

    /** A flag bit of a header byte or word. */
    static Field bool(String name, String title, Proto p, Selector sel, int at, int width, long mask) {
        return Field.of(name, title, FieldType.BOOLEAN, each(p, sel, (s, off, cap, v) -> {
            if (cap >= at + width) {
                v.addLong(read(s, off, at, width, mask));
            }
        }));
    }

    /** Bytes of a header ({@code ETHER}, {@code IPV6} or {@code BYTES}), present when captured. */
    static Field bytes(String name, String title, FieldType type, Proto p, Selector sel, int at, int length) {
        return Field.of(name, title, type, each(p, sel, (s, off, cap, v) -> {
            if (cap >= at + length) {
                v.addBytes(s, off + at, length);
            }
        }));
    }

    /** An IPv4 address at {@code at}. */
    static Field ipv4(String name, String title, Proto p, Selector sel, int at) {
        return Field.of(name, title, FieldType.IPV4, each(p, sel, (s, off, cap, v) -> {
            if (cap >= at + 4) {
                v.addLong(Bytes.u32(s, off + at));
            }
        }));
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes, plus {@code initial} (a pseudo-header sum). */
    static int checksum(MemorySegment s, long off, int len, long initial) {
        long sum = initial;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            sum += Bytes.u16(s, off + k);
        }
        if (k < len) {
            sum += Bytes.u8(s, off + k) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
