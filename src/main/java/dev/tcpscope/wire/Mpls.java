package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * An MPLS label stack entry (RFC 3032): a 20-bit label, three traffic-class ("experimental")
 * bits, the bottom-of-stack bit and a TTL in four bytes; and what packet-mpls.c guesses follows
 * the bottom entry, from the first nibble of the payload (RFC 4928's convention: 4 is IPv4, 6
 * IPv6, 1 an associated channel, 0 an Ethernet pseudowire, with or without a control word).
 */
public final class Mpls {
    public static final int ENTRY_LENGTH = 4;
    /** EtherTypes of MPLS unicast and multicast. */
    public static final int TYPE_UNICAST = 0x8847;
    public static final int TYPE_MULTICAST = 0x8848;
    /** RFC 5586's Generic Associated Channel Label. */
    public static final int LABEL_GAL = 13;
    /** Labels up to this one are reserved (RFC 3032 §2.1); their names come from {@link #specialName}. */
    public static final int MAX_RESERVED = 15;

    /** What packet-mpls.c hands the bytes after the bottom of the stack to. */
    public enum Payload { IPV4, IPV6, PW_ETHERNET, ASSOCIATED_CHANNEL, DATA }

    private Mpls() {}

    public static int label(MemorySegment s, long off) { return (int) (Bytes.u32(s, off) >>> 12); }

    public static int exp(MemorySegment s, long off) { return (Bytes.u8(s, off + 2) >> 1) & 7; }

    public static boolean bottom(MemorySegment s, long off) { return (Bytes.u8(s, off + 2) & 1) != 0; }

    public static int ttl(MemorySegment s, long off) { return Bytes.u8(s, off + 3); }

    /**
     * The length of the stack at {@code off} through its bottom entry, or, when the entries or
     * the payload's first byte run past the {@code cap} captured bytes (or a stack without a
     * bottom past the {@code rep} reported), minus the number of bytes packet-mpls.c reads.
     */
    public static int stackLength(MemorySegment s, long off, int cap, int rep) {
        int pos = 0;
        while (true) {
            if (rep - pos <= 0 || cap < pos + ENTRY_LENGTH) {
                return rep - pos <= 0 ? -(pos + 1) : -(pos + ENTRY_LENGTH);
            }
            boolean last = bottom(s, off + pos);
            pos += ENTRY_LENGTH;
            if (last) {
                return pos;
            }
        }
    }

    /** The name packet-mpls.c gives a reserved label, or "Reserved - Unknown". */
    public static String specialName(int label) {
        return switch (label) {
            case 0 -> "IPv4 Explicit-Null";
            case 1 -> "Router Alert";
            case 2 -> "IPv6 Explicit-Null";
            case 3 -> "Implicit-Null";
            case 14 -> "OAM Alert";
            case LABEL_GAL -> "Generic Associated Channel Label (GAL)";
            default -> "Reserved - Unknown";
        };
    }

    /**
     * What follows the bottom of the stack, whose first byte is at {@code off} ({@code cap}
     * captured bytes, at least one, of {@code rep} reported): IPv4 and IPv6 on their version
     * nibble (4.0.17 does not yet check IPv4's total length against the payload's, as later
     * versions do), an associated channel on 1, an Ethernet pseudowire on 0, data otherwise.
     */
    public static Payload payload(MemorySegment s, long off, int cap, int rep) {
        int nibble = Bytes.u8(s, off) >> 4;
        return switch (nibble) {
            case 4 -> Payload.IPV4;
            case 6 -> Payload.IPV6;
            case 1 -> Payload.ASSOCIATED_CHANNEL;
            case 0 -> Payload.PW_ETHERNET;
            default -> Payload.DATA;
        };
    }

    /** A pseudowire associated channel type's name (IANA's PW Associated Channel Types, as packet-mpls.c has them). */
    public static String channelTypeName(int type) {
        return switch (type) {
            case 0x0000 -> "Reserved";
            case 0x0001 -> "Management Communication Channel (MCC)";
            case 0x0002 -> "Signaling Communication Channel (SCC)";
            case 0x0007 -> "BFD Control, PW-ACH-encapsulated (BFD Without IP/UDP Headers)";
            case 0x000a -> "MPLS Direct Loss Measurement (DLM)";
            case 0x000b -> "MPLS Inferred Loss Measurement (ILM)";
            case 0x000c -> "MPLS Delay Measurement (DM)";
            case 0x000d -> "MPLS Direct Loss and Delay Measurement (DLM+DM)";
            case 0x000e -> "MPLS Inferred Loss and Delay Measurement (ILM+DM)";
            case 0x0021 -> "IPv4 packet";
            case 0x0022 -> "MPLS-TP CC message";
            case 0x0023 -> "MPLS-TP CV message";
            case 0x0024 -> "Protection State Coordination Protocol (PSC)";
            case 0x0025 -> "On-Demand CV";
            case 0x0026 -> "LI";
            case 0x0027 -> "Pseudo-Wire OAM";
            case 0x0057 -> "IPv6 packet";
            case 0x0058 -> "Fault OAM";
            default -> type >= 0x7ff8 && type <= 0x7fff ? "Reserved for Experimental Use" : "Unknown";
        };
    }
}
