package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * Walks the options of an IPv4 header (RFC 791 §3.1) as Wireshark 4.0's packet-ip.c does, for
 * the two things every reader of the header must agree on:
 * <ul>
 * <li>where the datagram is finally going ({@link #destinationOffset}): a loose or strict
 * source route option whose pointer still points into its address list carries the final
 * destination in its last four bytes, while the header's destination is the next hop.
 * Wireshark ({@code get_dst_offset()}) then shows that last address as {@code ip.dst} and in
 * the Destination column, and the header's as {@code ip.cur_rt} ("Via:");</li>
 * <li>whether an option's dissector reads past the option ({@link #malformed}), which throws in
 * Wireshark: the frame ends {@code [Malformed Packet]} after the IPv4 header, and nothing
 * above IP is dissected.</li>
 * </ul>
 */
public final class Ipv4OptionWalk {
    public static final int OPT_EOL = 0;
    public static final int OPT_NOP = 1;
    /** Loose Source and Record Route. */
    public static final int OPT_LSRR = 131;
    /** Strict Source and Record Route. */
    public static final int OPT_SSRR = 137;

    private Ipv4OptionWalk() { }

    /**
     * The offset, from the start of the IPv4 header at {@code off}, of the address Wireshark
     * takes as the destination: the last four bytes of the first source route option whose
     * pointer is valid (at least 4, a multiple of 4, not past the option), else {@link Ipv4#DST}.
     * A bad length ends the walk, and so does EOL. {@code captured} bytes of the header exist;
     * when the walk needs a byte past them, the result is minus the number of header bytes it
     * needed (Wireshark's read throws there).
     *
     * @param hlen the header length (IHL × 4)
     */
    public static int destinationOffset(MemorySegment s, long off, int hlen, int captured) {
        int end = Math.min(hlen, captured);
        int pos = Ipv4.MIN_HEADER_LENGTH;
        while (pos < hlen) {
            if (pos >= end) {
                return -(pos + 1);
            }
            int type = Bytes.u8(s, off + pos);
            if (type == OPT_EOL) {
                return Ipv4.DST;
            }
            if (type == OPT_NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= hlen) {
                return Ipv4.DST;
            }
            if (pos + 1 >= end) {
                return -(pos + 2);
            }
            int len = Bytes.u8(s, off + pos + 1);
            if (len < 2 || pos + len > hlen) {
                return Ipv4.DST;
            }
            if (type == OPT_LSRR || type == OPT_SSRR) {
                if (pos + 2 >= captured) { // a 2-byte option's pointer is the byte after it
                    return -(pos + 3);
                }
                int ptr = Bytes.u8(s, off + pos + 2);
                if (ptr < 4 || (ptr & 3) != 0 || ptr > len) {
                    return Ipv4.DST;
                }
                return pos + len - 4;
            }
            pos += len;
        }
        return Ipv4.DST;
    }

    /**
     * Whether one of the options of the header at {@code off} (all {@code hlen} bytes captured)
     * makes its Wireshark dissector read past the option's end. Options are walked as
     * {@code dissect_ip_options()} walks them: EOL ends the walk, a length byte that is missing,
     * below 2 or past the header ends it too (Wireshark notes it and goes on with the payload).
     */
    public static boolean malformed(MemorySegment s, long off, int hlen) {
        int pos = Ipv4.MIN_HEADER_LENGTH;
        while (pos < hlen) {
            int type = Bytes.u8(s, off + pos);
            if (type == OPT_EOL) {
                return false;
            }
            if (type == OPT_NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= hlen) {
                return false;
            }
            int len = Bytes.u8(s, off + pos + 1);
            if (len < 2 || pos + len > hlen) {
                return false;
            }
            if (reads(s, off + pos, type, len) > len) {
                return true;
            }
            pos += len;
        }
        return false;
    }

    /**
     * How far into the option at {@code o} (type {@code type}, length byte {@code len}) its
     * Wireshark dissector reads; past {@code len} it throws. 0 for options without a dissector.
     */
    public static int reads(MemorySegment s, long o, int type, int len) {
        return switch (type) {
            case 148, 136, 11, 12 -> 4; // Router Alert, Stream ID, MTU Probe / Reply: a 16-bit value at 2
            case 82 -> 12;              // Traceroute: three counters and the originator
            case 25 -> {                // Quick-Start: a request or report reads 8 bytes
                if (len < 3) {
                    yield 3;
                }
                int function = Bytes.u8(s, o + 2) >>> 4;
                yield function == 0 || function == 8 ? 8 : 3;
            }
            case 68 -> 4;               // Time Stamp: pointer, overflow and flag
            case 131, 137, 7, 130, 133 -> 3; // routes: the pointer; security: the level or format code
            case 149 -> 2;              // Selective Directed Broadcast: whole addresses only
            case 134 -> Math.max(6, cipso(s, o, len));
            default -> 0;
        };
    }

    /** CIPSO's tags, read as packet-ip.c reads them; returns how far the reads reach. */
    private static int cipso(MemorySegment s, long o, int max) {
        if (max < 6) {
            return 6; // the domain of interpretation
        }
        int at = 6;
        while (at < max) {
            int type = Bytes.u8(s, o + at);
            int taglen = at + 1 < max ? Bytes.u8(s, o + at + 1) : 1;
            switch (type) {
                case 0 -> at += 1;
                case 1, 2, 5, 6, 7 -> {
                    int min = type == 7 ? 2 : 4;
                    if (taglen < min || taglen > 34 || at + taglen - 1 > max) {
                        return 0; // noted as a malformed tag; the option ends there
                    }
                    int reach = switch (type) {
                        case 1 -> at + Math.max(taglen, 4);
                        case 2, 5 -> at + 4 + (taglen - 4) / 2 * 2;
                        default -> at + taglen;
                    };
                    if (reach > max) {
                        return reach;
                    }
                    at = type == 1 || type >= 6 ? at + taglen : reach;
                }
                default -> {
                    return at + 1 <= max ? at + 2 : 0;
                }
            }
        }
        return 0;
    }
}
