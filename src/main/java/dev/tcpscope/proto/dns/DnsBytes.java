package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;

/**
 * The bytes of one DNS message ({@link Tvb}, bounds-checked reads and their {@link Stop}), with
 * the reads only DNS makes: addresses, and names' text.
 */
final class DnsBytes extends Tvb {
    DnsBytes(MemorySegment s, long base, int cap, int rep) {
        super(s, base, cap, rep);
    }

    DnsBytes(MemorySegment s, long base, int cap, int rep, boolean fragment) {
        super(s, base, cap, rep, fragment);
    }

    /** A dotted IPv4 address at {@code off}. */
    String ipv4(int off) {
        need(off, 4);
        return u8(off) + "." + u8(off + 1) + "." + u8(off + 2) + "." + u8(off + 3);
    }

    /** An IPv6 address at {@code off} as RFC 5952 writes it ({@link dev.tcpscope.proto.Text#ipv6}). */
    String ipv6(int off) {
        need(off, 16);
        byte[] v = new byte[16];
        for (int i = 0; i < 16; i++) {
            v[i] = (byte) u8(off + i);
        }
        return dev.tcpscope.proto.Text.ipv6(v);
    }

    /** A string field's value as Wireshark keeps it: up to its first NUL. */
    static String untilNul(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s : s.substring(0, z);
    }

    /**
     * {@code format_text}: printable ASCII as it is, C escapes for the usual control characters,
     * three octal digits for any other byte (names are bytes, not text).
     */
    static String formatText(CharSequence text) {
        StringBuilder sb = null;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c >= 0x20 && c < 0x7f) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, k);
            }
            sb.append('\\');
            switch (c) {
                case 7 -> sb.append('a');
                case '\b' -> sb.append('b');
                case '\f' -> sb.append('f');
                case '\n' -> sb.append('n');
                case '\r' -> sb.append('r');
                case '\t' -> sb.append('t');
                case 11 -> sb.append('v');
                default -> sb.append((char) ('0' + ((c >> 6) & 3))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return sb == null ? text.toString() : sb.toString();
    }
}
