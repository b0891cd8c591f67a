package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * Walks the extension headers after a fixed IPv6 header (RFC 8200 §4) as Wireshark 4.0's
 * packet-ipv6.c reads them, to find where the upper-layer header starts, whether the datagram
 * is a fragment, and where its bytes run out. Only the bytes Wireshark's dissectors read
 * count: an option or routing header is checked item by item, so a header longer than the
 * capture stops the walk only where Wireshark's bounds exception would.
 *
 * <p>One instance is reused by a {@link Dissector}; {@link #walk} allocates nothing. Offsets
 * are relative to the start of the IPv6 header.
 */
final class Ipv6Chain {
    // Option types with a body of their own (packet-ipv6.c IP6OPT_*).
    private static final int OPT_TEL = 0x04;
    private static final int OPT_ROUTER_ALERT = 0x05;
    private static final int OPT_CALIPSO = 0x07;
    private static final int OPT_SMF_DPD = 0x08;
    private static final int OPT_PDM = 0x0f;
    private static final int OPT_QUICK_START = 0x26;
    private static final int OPT_PMTU = 0x30;
    private static final int OPT_IOAM = 0x31;
    private static final int OPT_TPF = 0x41;
    private static final int OPT_RPL = 0x63;
    private static final int OPT_MPL = 0x6d;
    private static final int OPT_LIO = 0x8c;
    private static final int OPT_HOME_ADDRESS = 0xc9;
    private static final int OPT_DFF = 0xee;

    /** Where the upper-layer header starts (or the walk stopped). */
    int end;
    /** The upper-layer protocol (the last Next Header read). */
    int nextHeader;
    /** Why the walk stopped inside a header, or null when it reached the upper layer. */
    End stop;
    /**
     * With {@link End#REPORTED_SHORT}: the read stayed inside the header's own length but ran
     * past the packet's (Wireshark's ContainedBoundsError, a malformed marker of its own).
     */
    boolean contained;
    /** The fragment header that makes the datagram a fragment (the walk stops after it), or -1. */
    int fragment;
    /** The last fragment header walked through, a fragment's or an atomic one (RFC 6946), or -1. */
    int fragmentHeader;
    /**
     * The address the datagram is finally bound for: a routing header with segments left names
     * it (packet-ipv6.c replaces {@code pinfo->dst}, which the checksums and the Destination
     * column use); otherwise the header's destination.
     */
    int finalDestination;
    /**
     * The address the datagram comes from: the last Home Address option read in a Hop-by-Hop or
     * Destination Options header (RFC 6275 §6.3; packet-ipv6.c replaces {@code pinfo->src} with
     * it, so conversations, stream indexes, checksums and the Source column use it); otherwise
     * the header's source.
     */
    int finalSource;

    private int cap;
    private int rep;

    /**
     * Walks the headers of the IPv6 packet at {@code off}, {@code cap} of its bytes captured out
     * of {@code rep} (its length after the payload length trimmed it), whose fixed header says
     * {@code plen} (packet-ipv6.c's fragment payload count starts from it).
     */
    void walk(MemorySegment s, long off, int cap, int rep, int plen) {
        this.cap = cap;
        this.rep = rep;
        stop = null;
        contained = false;
        fragment = -1;
        fragmentHeader = -1;
        finalDestination = Ipv6.DST;
        finalSource = Ipv6.SRC;
        int nh = Ipv6.nextHeader(s, off);
        int pos = Ipv6.HEADER_LENGTH;
        int fragPayload = plen;
        while (true) {
            end = pos;
            nextHeader = nh;
            int len;
            switch (nh) {
                case Ipv6.EXT_HOP_BY_HOP, Ipv6.EXT_DESTINATION -> {
                    if (!need(pos + 2)) {
                        return;
                    }
                    len = (Bytes.u8(s, off + pos + 1) + 1) * 8;
                    if (!options(s, off, pos + 2, pos + len) || !need(pos + len)) {
                        return;
                    }
                }
                case Ipv6.EXT_ROUTING -> {
                    if (!need(pos + 1) || !need(pos + 2) || !need(pos + 3) || !need(pos + 4)) {
                        return;
                    }
                    len = (Bytes.u8(s, off + pos + 1) + 1) * 8;
                    if (!routing(s, off, pos, len) || !need(pos + len)) {
                        return;
                    }
                }
                case Ipv6.EXT_FRAGMENT -> {
                    if (!need(pos + 1) || !need(pos + 4) || !need(pos + Ipv6.FRAGMENT_HEADER_LENGTH)) {
                        return;
                    }
                    len = Ipv6.FRAGMENT_HEADER_LENGTH;
                    fragmentHeader = pos;
                    fragPayload -= len;
                    int offM = Bytes.u16(s, off + pos + 2);
                    if (fragPayload > 0 && ((offM & 0xfff8) != 0 || (offM & 1) != 0)) {
                        fragment = pos;
                        nextHeader = Bytes.u8(s, off + pos);
                        end = pos + len;
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
            if (nh != Ipv6.EXT_FRAGMENT) {
                fragPayload -= len;
            }
            nh = Bytes.u8(s, off + pos);
            pos += len;
        }
    }

    /** Whether bytes up to {@code upTo} exist; if not, records the bounds exception Wireshark throws. */
    private boolean need(long upTo) {
        return need(upTo, Integer.MAX_VALUE);
    }

    /**
     * The same inside a part Wireshark reads through a buffer of its own that ends at
     * {@code limit} (a routing type's data): reading past that end is malformed even where the
     * packet goes on.
     */
    private boolean need(long upTo, int limit) {
        if (upTo <= Math.min(cap, limit)) {
            return true;
        }
        stop = upTo > Math.min(rep, limit) ? End.REPORTED_SHORT : End.CAPTURE_SHORT;
        contained = stop == End.REPORTED_SHORT && limit != Integer.MAX_VALUE && upTo <= limit;
        return false;
    }

    /** The options of a Hop-by-Hop or Destination Options header, from {@code o} to {@code end}. */
    private boolean options(MemorySegment s, long off, int o, int end) {
        while (o < end) {
            if (!need(o + 2)) {
                return false;
            }
            int type = Bytes.u8(s, off + o);
            if (type == 0) {
                o++;
                continue;
            }
            int len = Bytes.u8(s, off + o + 1);
            int data = o + 2;
            int reach = optionReach(s, off + data, cap - data, type, len);
            if (!need((long) data + reach)) {
                return false;
            }
            if (type == OPT_HOME_ADDRESS) {
                finalSource = data; // its 16 bytes are read whatever the option's length
            }
            o = data + reach;
        }
        return true;
    }

    /**
     * How many bytes of an option's data ({@code avail} of them captured at {@code data})
     * Wireshark reads: what its dissector for {@code type} reads, and at least the option's
     * length (the rest is shown as unknown data).
     */
    static int optionReach(MemorySegment s, long data, int avail, int type, int len) {
        int own = switch (type) {
            case Ipv6.OPT_JUMBO, OPT_RPL, OPT_PMTU, OPT_TPF -> 4;
            case OPT_TEL -> 1;
            case OPT_ROUTER_ALERT, OPT_IOAM -> 2;
            case OPT_DFF -> 3;
            case OPT_PDM -> 10;
            case OPT_HOME_ADDRESS -> 16;
            case OPT_QUICK_START -> {
                if (avail < 1) {
                    yield 1;
                }
                int function = Bytes.u8(s, data) >>> 4;
                yield function == 0 || function == 8 ? 6 : 1;
            }
            case OPT_CALIPSO -> avail < 5 ? 5 : 8 + Bytes.u8(s, data + 4) * 4;
            case OPT_SMF_DPD -> {
                if (avail < 1) {
                    yield 1;
                }
                int b = Bytes.u8(s, data);
                if ((b & 0x80) != 0) {
                    yield len;
                }
                int tid = (b & 0x70) != 0 ? (b & 0x0f) + 1 : 0;
                yield 1 + tid + Math.max(0, len - 1 - tid);
            }
            case OPT_LIO -> {
                if (avail < 1) {
                    yield 1;
                }
                int idLen = Bytes.u8(s, data);
                yield 1 + (idLen + 1 > len ? Math.max(0, len - 1) : idLen);
            }
            case OPT_MPL -> avail < 1 ? 1 : 2 + switch (Bytes.u8(s, data) >>> 6) {
                case 0 -> 0;
                case 1 -> 2;
                case 2 -> 8;
                default -> 16;
            };
            default -> len;
        };
        return Math.max(own, len);
    }

    /** A routing header of {@code len} bytes at {@code pos}: the reads of its type's dissector. */
    private boolean routing(MemorySegment s, long off, int pos, int len) {
        int hdrLen = Bytes.u8(s, off + pos + 1);
        int type = Bytes.u8(s, off + pos + 2);
        int segLeft = Bytes.u8(s, off + pos + 3);
        int data = pos + 4;
        int limit = pos + len;
        switch (type) {
            case 0 -> {
                if (!need(data + 4, limit)) {
                    return false;
                }
                int count = hdrLen / 2;
                for (int k = 1; k <= count; k++) {
                    if (!need(data + 4 + k * 16L, limit)) {
                        return false;
                    }
                }
                if (count > 0 && segLeft > 0) {
                    finalDestination = data + 4 + (count - 1) * 16;
                }
            }
            case 2 -> {
                if (!need(data + 4, limit) || !need(data + 20, limit)) {
                    return false;
                }
                if (segLeft > 0) {
                    finalDestination = data + 4;
                }
            }
            case 3 -> {
                return rpl(s, off, data, hdrLen, limit);
            }
            case 4 -> {
                if (!need(data + 1, limit) || !need(data + 2, limit) || !need(data + 4, limit)) {
                    return false;
                }
                int count = Bytes.u8(s, off + data) + 1;
                if (segLeft > 0) {
                    if (!need(data + 20, limit)) {
                        return false;
                    }
                    finalDestination = data + 4;
                }
                for (int k = 1; k <= count; k++) {
                    if (!need(data + 4 + k * 16L, limit)) {
                        return false;
                    }
                }
            }
            case 5, 6 -> {
                return compact(s, off, data, hdrLen, segLeft, type == 5 ? 2 : 4, limit);
            }
            default -> {
                return need(pos + len); // an unknown type's data is read from the header's own buffer
            }
        }
        return true;
    }

    /** RFC 6554 RPL source route: compressed addresses after a 4-byte field. */
    private boolean rpl(MemorySegment s, long off, int data, int hdrLen, int limit) {
        if (!need(data + 4, limit)) {
            return false;
        }
        int b0 = Bytes.u8(s, off + data);
        int cmprI = b0 >>> 4;
        int cmprE = b0 & 0x0f;
        int pad = Bytes.u8(s, off + data + 1) >>> 4;
        int count = hdrLen > 0 ? ((hdrLen * 8) - pad - (16 - cmprE)) / (16 - cmprI) + 1 : 0;
        long o = data + 4;
        for (int k = 1; k <= count; k++) {
            o += k == count ? 16 - cmprE : 16 - cmprI;
            if (!need(o, limit)) {
                return false;
            }
        }
        return true;
    }

    /** Compact routing headers 16 and 32 (draft-bonica-6man-comp-rtg-hdr): SIDs read until a zero one. */
    private boolean compact(MemorySegment s, long off, int data, int hdrLen, int segLeft, int size, int limit) {
        if (!need(data + (long) size * segLeft + size, limit) || !need(data + size, limit)) {
            return false;
        }
        int count = size == 2 ? hdrLen * 4 + 2 : hdrLen * 2 + 1;
        long o = data;
        long sid = size == 2 ? Bytes.u16(s, off + o) : Bytes.u32(s, off + o);
        for (int k = 0; k < count && sid != 0; k++) {
            o += size;
            if (!need(o + size, limit)) {
                return false;
            }
            sid = size == 2 ? Bytes.u16(s, off + o) : Bytes.u32(s, off + o);
        }
        return true;
    }
}
