package dev.tcpscope.present;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Address text as tshark 4.0 prints it: IPv4 dotted quad, IPv6 per RFC 5952 §4 (lower-case hex,
 * leading zeros dropped, the longest run of two or more zero groups compressed to {@code ::},
 * the first such run on a tie, embedded IPv4 for {@code ::ffff:a.b.c.d} and {@code ::a.b.c.d}),
 * and colon-separated lower-case MAC addresses.
 *
 * <p>All methods append straight into the caller's builder and allocate nothing.
 */
public final class AddressText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressText() {}

    /** Appends the IPv4 address at {@code seg[off..off+4)} as {@code a.b.c.d}. */
    public static void appendIpv4(StringBuilder sb, MemorySegment seg, long off) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) sb.append('.');
            sb.append(u8(seg, off + i));
        }
    }

    /** Appends the IPv6 address at {@code seg[off..off+16)} in RFC 5952 form. */
    public static void appendIpv6(StringBuilder sb, MemorySegment seg, long off) {
        // Find the longest run of zero 16-bit groups (length >= 2), first one on ties.
        int bestStart = -1, bestLen = 0, runStart = -1;
        for (int g = 0; g < 8; g++) {
            if (group(seg, off, g) == 0) {
                if (runStart < 0) runStart = g;
                int len = g - runStart + 1;
                if (len > bestLen) { bestLen = len; bestStart = runStart; }
            } else {
                runStart = -1;
            }
        }
        if (bestLen < 2) bestStart = -1;
        // IPv4-compatible (::a.b.c.d, not :: or ::1) and IPv4-mapped (::ffff:a.b.c.d) forms.
        if (bestStart == 0 && (bestLen == 6 && group(seg, off, 6) != 0
                || bestLen == 5 && group(seg, off, 5) == 0xffff)) {
            sb.append("::");
            if (bestLen == 5) sb.append("ffff:");
            appendIpv4(sb, seg, off + 12);
            return;
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) sb.append(':');
            appendHex16(sb, group(seg, off, g));
        }
    }

    /** Appends the 6-byte MAC address at {@code seg[off..off+6)} as {@code 00:1d:09:f0:92:ab}. */
    public static void appendMac(StringBuilder sb, MemorySegment seg, long off) {
        appendHexBytes(sb, seg, off, 6, ':');
    }

    /** Appends {@code n} bytes as two-digit lower-case hex, separated by {@code sep} (or none if 0). */
    static void appendHexBytes(StringBuilder sb, MemorySegment seg, long off, int n, char sep) {
        for (int i = 0; i < n; i++) {
            if (i > 0 && sep != 0) sb.append(sep);
            appendHex8(sb, u8(seg, off + i));
        }
    }

    static void appendHex8(StringBuilder sb, int b) {
        sb.append(HEX[(b >>> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /** Hex without leading zeros, as RFC 5952 §4.1 asks. */
    static void appendHex16(StringBuilder sb, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >>> shift) & 0xf;
            if (d != 0 || started || shift == 0) {
                sb.append(HEX[d]);
                started = true;
            }
        }
    }

    private static int group(MemorySegment seg, long off, int g) {
        return (u8(seg, off + 2L * g) << 8) | u8(seg, off + 2L * g + 1);
    }

    private static int u8(MemorySegment seg, long off) {
        return Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, off));
    }
}
