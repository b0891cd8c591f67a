package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The bytes of one DNS message as Wireshark's tvb holds them: {@code cap} captured bytes of
 * {@code rep} reported ones from {@code base}. Every read is bounds-checked the way tvbuff.c
 * checks it: past the captured bytes but within the reported length is a cut capture
 * ({@link Stop#SHORT}), past the reported length a malformed message ({@link Stop#MALFORMED}).
 * The walk stops there, as the dissector stops on the exception.
 */
final class DnsBytes {
    final MemorySegment s;
    final long base;
    final int cap;
    final int rep;

    /**
     * The bytes are a PDU cut at a TCP segment's end (tvb_set_fragment): reading past them, within
     * the PDU, is a FragmentBoundsError.
     */
    final boolean fragment;

    DnsBytes(MemorySegment s, long base, int cap, int rep) {
        this(s, base, cap, rep, false);
    }

    DnsBytes(MemorySegment s, long base, int cap, int rep, boolean fragment) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.rep = rep;
        this.fragment = fragment;
    }

    /** Why a walk stopped: Wireshark's BoundsError (cut by the snap length) or ReportedBoundsError. */
    static final class Stop extends RuntimeException {
        final boolean malformed;
        final boolean unreassembled;

        private Stop(boolean malformed, boolean unreassembled) {
            super(null, null, false, false);
            this.malformed = malformed;
            this.unreassembled = unreassembled;
        }

        static final Stop SHORT = new Stop(false, false);
        static final Stop MALFORMED = new Stop(true, false);
        static final Stop FRAGMENT = new Stop(false, true);

        /** The packet list's marker (epan/show_exception.c). */
        String info() {
            return unreassembled ? "[BoundErrorUnreassembled Packet]" : malformed ? "[Malformed Packet]"
                    : "[Packet size limited during capture]";
        }

        /**
         * As epan/show_exception.c shows it: in an unreassembled IP fragment ({@code pinfo->fragmented})
         * a malformed message is taken for the missing rest of the datagram.
         */
        Stop shown(boolean fragmented) {
            return fragmented && malformed ? FRAGMENT : this;
        }

        dev.tcpscope.proto.LayerTree.End end() {
            return unreassembled ? dev.tcpscope.proto.LayerTree.End.UNREASSEMBLED
                    : malformed ? dev.tcpscope.proto.LayerTree.End.MALFORMED : dev.tcpscope.proto.LayerTree.End.SHORT;
        }
    }

    /** Records that {@code t} covers {@code [off, off + len)} of the message ({@link Tree#at}); returns {@code t}. */
    Tree at(Tree t, int off, int len) {
        return t.at(s, base + off, len);
    }

    /** Throws unless {@code [off, off + len)} is captured. */
    void need(int off, int len) {
        if (off < 0 || len < 0 || (long) off + len > cap) {
            boolean within = off >= 0 && len >= 0 && (long) off + len <= rep;
            throw within ? fragment ? Stop.FRAGMENT : Stop.SHORT : Stop.MALFORMED;
        }
    }

    int u8(int off) {
        need(off, 1);
        return s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }

    int u16(int off) {
        need(off, 2);
        return (s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff) << 8 | s.get(ValueLayout.JAVA_BYTE, base + off + 1) & 0xff;
    }

    long u32(int off) {
        need(off, 4);
        return (long) u16(off) << 16 | u16(off + 2);
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

    /** The captured bytes {@code [off, off + len)} as a copy (after {@link #need}). */
    byte[] copy(int off, int len) {
        need(off, len);
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, base + off, b, 0, len);
        return b;
    }

    /** Bytes as Latin-1 characters (one char per byte), for names and strings shown escaped. */
    String latin1(int off, int len) {
        return new String(copy(off, len), java.nio.charset.StandardCharsets.ISO_8859_1);
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
