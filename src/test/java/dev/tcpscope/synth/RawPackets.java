package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Small builders of whole packets for the scenario generators: Ethernet, IPv4 and IPv6
 * headers, UDP, ICMP and ICMPv6 with correct checksums (RFC 1071; the IPv6 pseudo-header of
 * RFC 8200 §8.1, with the addresses the caller says the transport sees). Every method returns
 * a new array; nothing here is fast or reused.
 */
public final class RawPackets {
    static final byte[] MACS = hex("020000000002020000000001");

    private RawPackets() { }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** {@code b} followed by zero bytes up to a multiple of {@code unit}. */
    static byte[] pad(byte[] b, int unit) {
        return concat(b, new byte[(unit - b.length % unit) % unit]);
    }

    /** The ones'-complement sum of {@code b} (RFC 1071), complemented. */
    static int checksum(byte[] b) {
        long sum = 0;
        for (int k = 0; k + 1 < b.length; k += 2) {
            sum += ((b[k] & 0xff) << 8) | (b[k + 1] & 0xff);
        }
        if ((b.length & 1) != 0) {
            sum += (b[b.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Writes {@code v} big-endian at {@code at}. */
    static byte[] put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
        return b;
    }

    public static byte[] ethernet(int type, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length).put(MACS).putShort((short) type).put(payload).array();
    }

    /** An IPv4 packet (20-byte header with its checksum, TTL 64, ID 1). */
    public static byte[] ipv4(int proto, byte[] src, byte[] dst, byte[] payload) {
        byte[] h = ByteBuffer.allocate(20).put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length))
                .putShort((short) 1).putShort((short) 0).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(src).put(dst).array();
        return concat(put16(h, 10, checksum(h)), payload);
    }

    /** An IPv6 packet whose first next header is {@code next}, carrying {@code payload} (extension headers and all). */
    static byte[] ipv6(int next, byte[] src, byte[] dst, byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).putInt(0x60000000).putShort((short) payload.length)
                .put((byte) next).put((byte) 64).put(src).put(dst).put(payload).array();
    }

    /** An ICMP message with its checksum. */
    static byte[] icmp(int type, int code, byte[] word, byte[] body) {
        byte[] m = concat(new byte[] {(byte) type, (byte) code, 0, 0}, word, body);
        return put16(m, 2, checksum(m));
    }

    /** A UDP header (no checksum: 0, as allowed over IPv4) and payload. */
    public static byte[] udp4(int sport, int dport, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putShort((short) sport).putShort((short) dport)
                .putShort((short) (8 + data.length)).putShort((short) 0).put(data).array();
    }

    /** The checksum of upper-layer message {@code m} of protocol {@code proto} over the IPv6 pseudo-header. */
    static int checksum6(int proto, byte[] src, byte[] dst, byte[] m) {
        byte[] pseudo = ByteBuffer.allocate(40 + m.length).put(src).put(dst).putInt(m.length).putInt(proto).put(m).array();
        return checksum(pseudo);
    }

    /** A UDP datagram whose checksum covers {@code src} and {@code dst} (the transport's view). */
    static byte[] udp6(int sport, int dport, byte[] data, byte[] src, byte[] dst) {
        byte[] u = udp4(sport, dport, data);
        int c = checksum6(17, src, dst, u);
        return put16(u, 6, c == 0 ? 0xffff : c);
    }

    /** An ICMPv6 message (type, code, then {@code rest}) with its checksum over {@code src} and {@code dst}. */
    static byte[] icmpv6(int type, int code, byte[] rest, byte[] src, byte[] dst) {
        byte[] m = concat(new byte[] {(byte) type, (byte) code, 0, 0}, rest);
        return put16(m, 2, checksum6(58, src, dst, m));
    }

    /** A Hop-by-Hop or Destination Options header: next header, length, then options padded to 8-byte units. */
    static byte[] options(int next, byte[] opts) {
        byte[] body = opts;
        int fill = (8 - (2 + body.length) % 8) % 8;
        if (fill == 1) {
            body = concat(body, new byte[] {0}); // Pad1
        } else if (fill > 1) {
            body = concat(body, new byte[] {1, (byte) (fill - 2)}, new byte[fill - 2]); // PadN
        }
        return concat(new byte[] {(byte) next, (byte) ((2 + body.length) / 8 - 1)}, body);
    }
}
