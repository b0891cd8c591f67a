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

    /** An IPv6 address at {@code off} as RFC 5952 writes it (the longest run of zero groups as ::). */
    String ipv6(int off) {
        need(off, 16);
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = u16(off + 2 * i);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        // an IPv4-mapped or -compatible address keeps its last 32 bits dotted (inet_ntop)
        if (bestStart == 0 && (bestLen == 6 || bestLen == 5 && g[5] == 0xffff) && !(bestLen == 6 && g[6] == 0)) {
            String v4 = u8(off + 12) + "." + u8(off + 13) + "." + u8(off + 14) + "." + u8(off + 15);
            return bestLen == 6 ? "::" + v4 : "::ffff:" + v4;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
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
